/**
 * A small helper to lay out a generated sheet cell by cell and turn it into a SheetSpec, plus the
 * report's sober institutional palette, shared by Resumen and the dependency sheets.
 */
import { cellAddress, parseAddress } from "../domain";
import { emptySheet, type CellInput, type SheetRole, type SheetSpec, type Style } from "./spec";

/** The palette: dark institutional blue, white on section bars, light grey borders. */
export const COLOR = {
  azulOscuro: "1F3864",
  azul: "1F4E78",
  azulClaro: "DEEAF6",
  gris: "595959",
  grisClaro: "F2F2F2",
  borde: "BFBFBF",
  blanco: "FFFFFF",
} as const;

const thin = { style: "thin" as const, color: COLOR.borde };

export const STYLE = {
  /** Report title: white bold on dark blue. */
  title: { font: { bold: true, size: 18, color: COLOR.blanco }, fill: COLOR.azulOscuro, alignment: { vertical: "middle", horizontal: "left", indent: 1 } },
  subtitle: { font: { bold: true, size: 14, color: COLOR.azulOscuro }, alignment: { vertical: "middle", horizontal: "left", wrapText: true } },
  /** Section bars ("01  OBJETIVO"). */
  section: { font: { bold: true, size: 12, color: COLOR.blanco }, fill: COLOR.azul, alignment: { vertical: "middle", horizontal: "left", indent: 1 } },
  /** Sub-headings inside a section. */
  subsection: { font: { bold: true, size: 11, color: COLOR.azulOscuro }, fill: COLOR.azulClaro, alignment: { vertical: "middle", horizontal: "left", wrapText: true } },
  label: { font: { bold: true, color: COLOR.azulOscuro }, alignment: { vertical: "top" } },
  text: { alignment: { vertical: "top", horizontal: "left", wrapText: true } },
  /** A long text in a table row, centred vertically like the figures beside it. */
  cellText: { alignment: { vertical: "middle", horizontal: "left", wrapText: true, indent: 1 } },
  note: { font: { italic: true, size: 9, color: COLOR.gris }, alignment: { vertical: "top", horizontal: "left", wrapText: true } },
  /** Header row of a table: white bold on dark blue, centred, wrapped. */
  tableHeader: {
    font: { bold: true, color: COLOR.blanco },
    fill: COLOR.azulOscuro,
    alignment: { vertical: "middle", horizontal: "center", wrapText: true },
    border: { top: thin, bottom: thin, left: thin, right: thin, inside: thin },
  },
  grid: { border: { top: thin, bottom: thin, left: thin, right: thin, inside: thin } },
  total: { font: { bold: true, color: COLOR.azulOscuro }, fill: COLOR.grisClaro, border: { top: { style: "medium", color: COLOR.azulOscuro }, bottom: thin, left: thin, right: thin, inside: thin } },
  integer: { numberFormat: "0", alignment: { horizontal: "center", vertical: "middle" } },
  percent: { numberFormat: "0%", alignment: { horizontal: "center", vertical: "middle" } },
  centered: { alignment: { horizontal: "center", vertical: "middle" } },
} satisfies Record<string, Style>;

/**
 * Rows a text takes in a wrapped cell `widthChars` wide. Widths count the digit "0"; ordinary text is
 * narrower, so the estimate errs on the generous side (a cut-off line is worse than a blank one).
 */
export function linesFor(text: string, widthChars: number, fontSize = 11): number {
  const perLine = Math.max(1, Math.floor((widthChars * 1.2 * 11) / fontSize));
  let lines = 0;
  for (const para of text.split("\n")) {
    let current = 0;
    let n = 1;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const len = word.length;
      if (current === 0) current = len;
      else if (current + 1 + len <= perLine) current += 1 + len;
      else {
        n++;
        current = len;
      }
      while (current > perLine) {
        n++;
        current -= perLine;
      }
    }
    lines += n;
  }
  return Math.max(1, lines);
}

/** Row height in points for a wrapped text. */
export function heightFor(text: string, widthChars: number, fontSize = 11): number {
  const lines = linesFor(text, widthChars, fontSize);
  return Math.ceil(lines * fontSize * 1.36 + 4);
}

/** Lays out a sheet cell by cell; `finish()` turns the cells into one block per row. */
export class SheetBuilder {
  readonly spec: SheetSpec;
  private readonly cells = new Map<number, Map<number, CellInput>>();
  /**
   * Formulas already written, each kept once: a column of lookups by `[#This Row]` repeats the same
   * text on every row (20,000 rows of 400 characters on the sheets of the offices), and one string
   * shared by every cell is what keeps the report of a large plan within memory.
   */
  private readonly formulas = new Map<string, string>();

  constructor(name: string, key: string, role: SheetRole = "generated") {
    this.spec = emptySheet(name, key, role);
  }

  /** Writes a value or formula at a cell ("B4") or row/col. */
  set(address: string, value: CellInput): this {
    const { row, col } = parseAddress(address);
    return this.setAt(row, col, value);
  }

  setAt(row: number, col: number, value: CellInput): this {
    if (value !== null && typeof value === "object" && "f" in value && typeof value.f === "string") {
      // Strings compare by content: the cell gets the string kept first (the one just built is
      // let go), and a new one is flattened once as a key instead of living on as a rope.
      const known = this.formulas.get(value.f);
      if (known === undefined) this.formulas.set(value.f, value.f);
      else value = { f: known };
    }
    let r = this.cells.get(row);
    if (!r) this.cells.set(row, (r = new Map()));
    r.set(col, value);
    return this;
  }

  /** Writes values to the right of (row, col). */
  row(row: number, col: number, values: CellInput[]): this {
    values.forEach((v, i) => this.setAt(row, col + i, v));
    return this;
  }

  format(range: string, style: Style): this {
    this.spec.formats.push({ range, style });
    return this;
  }

  merge(range: string): this {
    this.spec.merges.push(range);
    return this;
  }

  height(row: number, points: number): this {
    // 409 points is the tallest row Excel allows: a very long text would make Excel refuse the row.
    (this.spec.rowHeights ??= {})[row] = Math.min(409, points);
    return this;
  }

  /** A range "A5:F5" from row/col numbers. */
  static range(r1: number, c1: number, r2: number, c2: number): string {
    return `${cellAddress(r1, c1)}:${cellAddress(r2, c2)}`;
  }

  finish(): SheetSpec {
    const rows = [...this.cells.keys()].sort((a, b) => a - b);
    for (const r of rows) {
      const cols = this.cells.get(r)!;
      const keys = [...cols.keys()].sort((a, b) => a - b);
      const first = keys[0];
      const last = keys[keys.length - 1];
      const line: CellInput[] = [];
      for (let c = first; c <= last; c++) line.push(cols.has(c) ? cols.get(c)! : null);
      this.spec.blocks.push({ origin: cellAddress(r, first), cells: [line] });
    }
    return this.spec;
  }
}
