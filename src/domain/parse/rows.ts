/** Reading the fields of a located input's rows, with each problem attached to its cell. */
import type { RawCell } from "../raw";
import { CAMPOS_ACTIVIDADES } from "../model";
import { recortar } from "../text";
import { headerText } from "./headers";
import type { Fila, Located } from "./locate";
import {
  isBlankCell,
  isErrorCell,
  readCount,
  readDate,
  readKeyText,
  readText,
  type CellContext,
  type Count,
  type ProblemList,
} from "./values";

/** Fields the report's formulas read again, cell by cell or over the whole column. */
const LEIDOS_POR_FORMULAS: ReadonlySet<string> = new Set([
  ...CAMPOS_ACTIVIDADES.filter((f) => /^(programado|ejecutado)[123]$/.test(f)),
  "id",
  "fecha",
  "fechaCorte",
  "estado",
  "responsable",
]);

export class RowReader<F extends string> {
  constructor(
    readonly input: Located<F>,
    readonly problems: ProblemList,
  ) {}

  get sheet(): string {
    return this.input.sheet;
  }

  has(field: F): boolean {
    return this.input.match.fieldIndex[field] !== undefined;
  }

  /** The field's cell in the row, or null when the input has no such column. */
  cell(row: Fila, field: F): RawCell | null {
    const i = this.input.match.fieldIndex[field];
    return i === undefined ? null : row.cells[i];
  }

  /** The field's header as written, or the given canonical one. */
  header(field: F, fallback: string): string {
    const i = this.input.match.fieldIndex[field];
    return i === undefined ? fallback : headerText(this.input.headerCells[i]) || fallback;
  }

  ctx(field: F): CellContext {
    return { sheet: this.sheet, header: this.header(field, field), problems: this.problems };
  }

  /**
   * A row with nothing in any of these fields (trailing table rows): skipped silently. A field the
   * report's formulas read over the whole column (a count, a date, the Estado, the Responsable, the
   * ID) is blank only as the formulas see it (`recortar`): a row holding only an em space in
   * Programado is read, and reported, since the column's sums would show #VALUE!.
   */
  isBlank(row: Fila, fields: readonly F[]): boolean {
    return fields.every((f) => {
      const c = this.cell(row, f);
      if (c === null) return true;
      if (!isBlankCell(c)) return false;
      return !LEIDOS_POR_FORMULAS.has(f) || typeof c.value !== "string" || recortar(c.value) === "";
    });
  }

  text(row: Fila, field: F): string {
    const c = this.cell(row, field);
    return c ? readText(c, this.ctx(field)) : "";
  }

  /** A text the formulas look up again (an ID): see readKeyText. */
  keyText(row: Fila, field: F): string {
    const c = this.cell(row, field);
    return c ? readKeyText(c, this.ctx(field)) : "";
  }

  /**
   * A text that must be there: blank is a missing-value error saying what to write. `key`: read as
   * readKeyText (a text the formulas compare again, such as Responsable).
   */
  requiredText(row: Fila, field: F, howEs: string, howEn: string, key = false): string {
    const c = this.cell(row, field);
    if (!c) return "";
    const t = key ? readKeyText(c, this.ctx(field)) : readText(c, this.ctx(field));
    if (!t && !isErrorCell(c)) this.missing(c, field, howEs, howEn);
    return t;
  }

  missing(c: RawCell, field: F, howEs: string, howEn: string): void {
    const h = this.header(field, field);
    this.problems.add(
      "missing-value",
      "error",
      this.sheet,
      c.address,
      `falta «${h}»: ${howEs}, o borre la fila si sobra.`,
      `the "${h}" is missing: ${howEn}, or delete the row if it is not needed.`,
    );
  }

  count(row: Fila, field: F): Count {
    const c = this.cell(row, field);
    return c ? readCount(c, this.ctx(field)) : { value: 0, ok: true };
  }

  date(row: Fila, field: F): string | null {
    const c = this.cell(row, field);
    return c ? readDate(c, this.ctx(field)) : null;
  }
}
