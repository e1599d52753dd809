/**
 * What `pipc generate` does to the official's input sheets, on the package (the fast file path),
 * with the same outcome as the ExcelJS path (src/xlsx/generate.ts convertToTable, trimTableHeaders;
 * src/xlsx/write.ts applyIdFill, applyComputedColumns; generate.ts applyComputedColumnLook):
 * - a plain-range input becomes an Excel table (unique header texts, a blank header "Columna <n>",
 *   surrounding spaces trimmed), its values untouched;
 * - table headers with surrounding spaces are renamed trimmed;
 * - blank IDs are filled, the ID column appended when the table has none;
 * - the computed columns are added or refreshed (header matched forgivingly), with their number
 *   format, alignment, the grid's border, width and conditional formats (a calculatedColumnFormula
 *   Excel stored for one is updated; none is added, see applyComputedColumns).
 * Everything else in those sheets stays as written.
 */
import { cellAddress, normalizeKey } from "../../domain";
import type { ConditionalRuleSpec, IdFillSpec, Style, TableColumnsSpec } from "../../report/spec";
import { SpecError, tableCannotGrow } from "../errors";
import { escapeXml, unescapeXml } from "../names";
import { parseRange, rangeOf, type Rect } from "../range";
import { resolveTarget } from "../package";
import { toFileFormula } from "./render-formula";
import { NS_MAIN, NS_REL, nextRelId, relativeTarget, relKind, type Package } from "./package";
import { attr, FastPathUnsupported, parseSharedStrings, SheetXml, withColumnWidth } from "./pkg-sheet";
import { cellXml, conditionalFormattingXml } from "./sheet";

export const REL_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
export const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

interface TableColumnModel {
  name: string;
  /** The element as the input wrote it; null for a new column. */
  xml: string | null;
  /** A calculated column's formula as stored (no "="). */
  formula?: string;
  renamed?: boolean;
}

/** An Excel table of the package (its table part), as edited. */
export interface TableModel {
  name: string;
  sheet: string;
  sheetPart: string;
  part: string;
  ref: Rect;
  headerRow: boolean;
  totalsRow: boolean;
  columns: TableColumnModel[];
  xml: string;
  dirty: boolean;
}

/** A plain range to turn into a table (src/domain SourceLayout's extent). */
export interface PlainRange {
  sheet: string;
  headerRow: number;
  firstCol: number;
  lastCol: number;
  lastRow: number;
}

function parseTable(xml: string, where: { sheet: string; sheetPart: string; part: string }): TableModel | null {
  const open = /<table\b([^>]*)>/.exec(xml);
  if (!open) return null;
  const name = attr(open[1], "name");
  const ref = attr(open[1], "ref");
  if (name === undefined || ref === undefined) return null;
  const columns: TableColumnModel[] = [];
  const block = /<tableColumns\b[^>]*>([\s\S]*?)<\/tableColumns>/.exec(xml)?.[1] ?? "";
  for (const m of block.matchAll(/<tableColumn\b([^>]*?)(?:\/>|>([\s\S]*?)<\/tableColumn>)/g)) {
    const formula = /<calculatedColumnFormula\b[^>]*>([\s\S]*?)<\/calculatedColumnFormula>/.exec(m[2] ?? "")?.[1];
    columns.push({ name: unescapeXml(attr(m[1], "name") ?? ""), xml: m[0], ...(formula !== undefined ? { formula: unescapeXml(formula) } : {}) });
  }
  return {
    name: unescapeXml(name),
    ...where,
    ref: parseRange(ref),
    headerRow: Number(attr(open[1], "headerRowCount") ?? 1) > 0,
    totalsRow: Number(attr(open[1], "totalsRowCount") ?? 0) > 0,
    columns,
    xml,
    dirty: false,
  };
}

function renderTableColumn(c: TableColumnModel, id: number): string {
  const formula = c.formula !== undefined ? `<calculatedColumnFormula>${escapeXml(c.formula)}</calculatedColumnFormula>` : "";
  if (c.xml === null) {
    return formula ? `<tableColumn id="${id}" name="${escapeXml(c.name)}">${formula}</tableColumn>` : `<tableColumn id="${id}" name="${escapeXml(c.name)}"/>`;
  }
  const m = /^<tableColumn\b([^>]*?)(?:\/>|>([\s\S]*?)<\/tableColumn>)$/.exec(c.xml);
  if (!m) return c.xml;
  let attrs = m[1];
  if (c.renamed) attrs = attrs.replace(/\sname="[^"]*"/, ` name="${escapeXml(c.name)}"`);
  const children = (m[2] ?? "").replace(/<calculatedColumnFormula\b[^>]*>[\s\S]*?<\/calculatedColumnFormula>|<calculatedColumnFormula\b[^>]*\/>/, "");
  const body = formula + children;
  return body ? `<tableColumn${attrs}>${body}</tableColumn>` : `<tableColumn${attrs}/>`;
}

function renderTable(t: TableModel): string {
  const ref = rangeOf(t.ref);
  let xml = t.xml.replace(/<table\b([^>]*)>/, (_m, a: string) => `<table${a.replace(/\sref="[^"]*"/, ` ref="${ref}"`)}>`);
  const filterRef = rangeOf({ ...t.ref, bottom: t.totalsRow ? t.ref.bottom - 1 : t.ref.bottom });
  xml = xml.replace(/<autoFilter\b([^>]*?)(\/?)>/, (_m, a: string, close: string) => `<autoFilter${a.replace(/\sref="[^"]*"/, ` ref="${filterRef}"`)}${close}>`);
  let nextId = 0;
  for (const c of t.columns) if (c.xml) nextId = Math.max(nextId, Number(attr(c.xml.slice(0, c.xml.indexOf(">")), "id") ?? 0));
  const cols = t.columns.map((c) => {
    if (c.xml !== null) return renderTableColumn(c, 0);
    nextId += 1;
    return renderTableColumn(c, nextId);
  });
  return xml.replace(/<tableColumns\b[^>]*>[\s\S]*?<\/tableColumns>/, `<tableColumns count="${cols.length}">${cols.join("")}</tableColumns>`);
}

/** CT_Worksheet elements after <conditionalFormatting>, in order: new formats go before the first present. */
const AFTER_CF = [
  "<dataValidations", "<hyperlinks", "<printOptions", "<pageMargins", "<pageSetup", "<headerFooter", "<rowBreaks", "<colBreaks",
  "<customProperties", "<cellWatches", "<ignoredErrors", "<smartTags", "<drawing", "<legacyDrawing", "<legacyDrawingHF", "<drawingHF",
  "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>",
];

function insertBefore(tail: string, tags: string[], el: string): string {
  let at = -1;
  for (const tag of tags) {
    const i = tail.indexOf(tag);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) at = tail.length;
  return tail.slice(0, at) + el + tail.slice(at);
}

function withTablePart(tail: string, rid: string): string {
  const el = `<tablePart r:id="${rid}"/>`;
  const m = /<tableParts\b[^>]*?(?:\/>|>([\s\S]*?)<\/tableParts>)/.exec(tail);
  if (m) {
    const inner = (m[1] ?? "") + el;
    const count = (inner.match(/<tablePart\b/g) ?? []).length;
    return tail.replace(m[0], `<tableParts count="${count}">${inner}</tableParts>`);
  }
  return insertBefore(tail, ["<extLst", "</worksheet>"], `<tableParts count="1">${el}</tableParts>`);
}

function maxPriority(xml: string): number {
  let n = 0;
  for (const m of xml.matchAll(/<(?:\w+:)?cfRule\b[^>]*\spriority="(\d+)"/g)) n = Math.max(n, Number(m[1]));
  return n;
}

function headerText(v: string | number | boolean | null): string {
  return v === null ? "" : String(v);
}

/** Edits the input sheets of a package; `flush()` writes them back. */
export class InputEditor {
  private readonly docs = new Map<string, SheetXml>();
  private tableList: TableModel[] | null = null;
  private strings: string[] | null = null;
  private lastTableId = 0;

  constructor(private readonly pkg: Package) {}

  private sharedStrings(): string[] {
    if (!this.strings) {
      const rel = this.pkg.workbookRels().find((r) => relKind(r.type) === "sharedStrings");
      const part = rel ? resolveTarget(this.pkg.workbookPartName, rel.target) : null;
      this.strings = parseSharedStrings(part ? this.pkg.text(part) : null);
    }
    return this.strings;
  }

  /** The worksheet of this name (ignoring case), indexed for editing. */
  sheet(name: string): SheetXml {
    const e = this.pkg.sheet(name);
    if (!e || !e.part || e.kind !== "worksheet") throw new SpecError(`Sheet ${name} not found`);
    let doc = this.docs.get(e.part);
    if (!doc) {
      const xml = this.pkg.text(e.part);
      if (xml === null) throw new SpecError(`Sheet ${name} not found`);
      if (!xml.slice(0, 2048).includes(`xmlns="${NS_MAIN}"`)) {
        // Strict OOXML (or another default namespace): what is written here is transitional.
        throw new FastPathUnsupported(`${name}: worksheet not in the transitional namespace`);
      }
      doc = new SheetXml(e.name, xml, () => this.sharedStrings());
      this.docs.set(e.part, doc);
    }
    return doc;
  }

  /** Every table of the package's worksheets, in sheet order. */
  tables(): TableModel[] {
    if (!this.tableList) {
      const out: TableModel[] = [];
      for (const e of this.pkg.sheets()) {
        if (e.kind !== "worksheet" || !e.part) continue;
        for (const part of this.pkg.targets(e.part, "table")) {
          const xml = this.pkg.text(part);
          const t = xml ? parseTable(xml, { sheet: e.name, sheetPart: e.part, part }) : null;
          if (t) out.push(t);
          const id = xml ? Number(/<table\b[^>]*\sid="(\d+)"/.exec(xml)?.[1] ?? 0) : 0;
          this.lastTableId = Math.max(this.lastTableId, id);
        }
      }
      this.tableList = out;
    }
    return this.tableList;
  }

  findTable(name: string): TableModel | null {
    const k = name.toLowerCase();
    return this.tables().find((t) => t.name.toLowerCase() === k) ?? null;
  }

  /** A table id no table of the package uses (table ids are unique in a workbook). */
  nextTableId(): number {
    this.tables();
    this.lastTableId += 1;
    return this.lastTableId;
  }

  /**
   * Turns a plain-sheet input into an Excel table with the contract's name, values untouched (see
   * src/xlsx/generate.ts convertToTable). Returns "Actividades!A2:L18".
   */
  convertToTable(src: PlainRange, name: string): string {
    const clash = this.findTable(name);
    if (clash) throw new SpecError(`${src.sheet}: cannot make a table named ${name}: the sheet ${clash.sheet} already has one`);
    const doc = this.sheet(src.sheet);
    const entry = this.pkg.sheet(src.sheet);
    if (!entry) throw new SpecError(`Sheet ${src.sheet} not found`);
    const lastRow = Math.max(src.lastRow, src.headerRow + 1);
    const names: string[] = [];
    const used = new Set<string>();
    for (let col = src.firstCol; col <= src.lastCol; col++) {
      const c = doc.cell(src.headerRow, col);
      let h = headerText(c ? c.value : null).trim();
      if (h === "") h = `Columna ${col - src.firstCol + 1}`;
      for (let i = 2; used.has(h.toLowerCase()); i++) h = `${h} ${i}`;
      used.add(h.toLowerCase());
      names.push(h);
      // The header cell holds the column's name as text, as Excel wants it.
      if (!(c && !c.hasFormula && c.value === h)) doc.set(src.headerRow, col, cellXml(cellAddress(src.headerRow, col), h, doc.styleAt(src.headerRow, col)));
    }
    const ref = { top: src.headerRow, left: src.firstCol, bottom: lastRow, right: src.lastCol };
    const id = this.nextTableId();
    const xml =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<table xmlns="${NS_MAIN}" id="${id}" name="${escapeXml(name)}" displayName="${escapeXml(name)}" ref="${rangeOf(ref)}" headerRowCount="1" totalsRowShown="0">` +
      `<autoFilter ref="${rangeOf(ref)}"/><tableColumns count="${names.length}">` +
      names.map((n, i) => `<tableColumn id="${i + 1}" name="${escapeXml(n)}"/>`).join("") +
      `</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;
    const part = this.pkg.freePart("xl/tables/table");
    this.pkg.setPart(part, xml, CT_TABLE);
    const rels = this.pkg.rels(entry.part);
    const rid = nextRelId(rels);
    rels.push({ id: rid, type: REL_TABLE, target: relativeTarget(entry.part, part), rest: "" });
    this.pkg.setRels(entry.part, rels);
    doc.editTail((tail) => withTablePart(tail, rid));
    doc.editHead((head) => (/<worksheet\b[^>]*\sxmlns:r=/.test(head) ? head : head.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_REL}"`)));
    const t = parseTable(xml, { sheet: entry.name, sheetPart: entry.part, part });
    if (!t) throw new Error(`table part for ${name} not readable`);
    this.tables().push(t);
    return `${src.sheet}!${rangeOf(ref)}`;
  }

  /** Table column names with surrounding spaces are renamed trimmed (header cells too). */
  trimTableHeaders(table: string): void {
    const t = this.findTable(table);
    if (!t) return;
    t.columns.forEach((c, j) => {
      const trimmed = c.name.trim();
      if (trimmed !== c.name && trimmed !== "") {
        c.name = trimmed;
        c.renamed = true;
        t.dirty = true;
        if (t.headerRow) this.writeHeader(t, t.ref.left + j, trimmed);
      }
    });
  }

  /** Header row and extent of a plain Configuración sheet (Clave/Valor), found as the parser finds it. */
  configuracionLayout(sheet: string, valueCells: string[]): PlainRange | null {
    if (valueCells.length === 0) return null;
    const doc = this.sheet(sheet);
    const valorCol = parseRange(valueCells[0]).left;
    for (let row = 1; row <= 10; row++) {
      const v = doc.cell(row, valorCol);
      if (normalizeKey(headerText(v ? v.value : null)) !== "valor") continue;
      let claveCol = -1;
      for (const c of doc.rowCells(row)) if (normalizeKey(headerText(c.value)) === "clave") claveCol = c.col;
      if (claveCol < 0) return null;
      const lastRow = Math.max(...valueCells.map((a) => parseRange(a).top));
      return { sheet: this.pkg.sheet(sheet)?.name ?? sheet, headerRow: row, firstCol: Math.min(claveCol, valorCol), lastCol: Math.max(claveCol, valorCol), lastRow };
    }
    return null;
  }

  private writeHeader(t: TableModel, col: number, text: string, style?: number): void {
    const doc = this.sheet(t.sheet);
    const row = t.ref.top;
    doc.set(row, col, cellXml(cellAddress(row, col), text, style ?? doc.styleAt(row, col)));
  }

  private geometry(name: string): { t: TableModel; firstData: number; lastData: number } {
    const t = this.findTable(name);
    if (!t) throw new SpecError(`Table ${name} not found`);
    return { t, firstData: t.headerRow ? t.ref.top + 1 : t.ref.top, lastData: t.totalsRow ? t.ref.bottom - 1 : t.ref.bottom };
  }

  /**
   * The sheet column of the table column with this header (forgivingly), or a new column appended
   * at the right end of the table (refused when a cell there holds data). The header is written
   * with the given spelling.
   */
  private tableColumn(t: TableModel, header: string): number {
    const doc = this.sheet(t.sheet);
    const j = t.columns.findIndex((c) => normalizeKey(c.name) === normalizeKey(header));
    if (j >= 0) {
      if (t.columns[j].name !== header) {
        t.columns[j].name = header;
        t.columns[j].renamed = true;
        t.dirty = true;
      }
      const col = t.ref.left + j;
      const c = doc.cell(t.ref.top, col);
      if (t.headerRow && !(c && !c.hasFormula && c.value === header)) this.writeHeader(t, col, header);
      return col;
    }
    const col = t.ref.right + 1;
    for (let row = t.ref.top; row <= t.ref.bottom; row++) {
      const c = doc.cell(row, col);
      if (c && (c.hasFormula || (c.value !== null && c.value !== ""))) throw tableCannotGrow(t.sheet, cellAddress(row, col), t.name, header);
    }
    t.columns.push({ name: header, xml: null });
    t.ref = { ...t.ref, right: col };
    t.dirty = true;
    // The same look as the header cell at its left.
    if (t.headerRow) this.writeHeader(t, col, header, doc.styleAt(t.ref.top, col - 1));
    return col;
  }

  /** Writes generated ids into the blank ID cells of a table (never over a typed id). */
  applyIdFill(spec: IdFillSpec): void {
    const { t, firstData, lastData } = this.geometry(spec.table);
    const col = this.tableColumn(t, spec.header);
    const doc = this.sheet(t.sheet);
    for (const { row, id } of spec.fills) {
      if (row < firstData || row > lastData) throw new SpecError(`Table ${spec.table}: row ${row} is not a data row`);
      const c = doc.cell(row, col);
      const blank = !c || (!c.hasFormula && (c.value === null || (typeof c.value === "string" && c.value.trim() === "")));
      if (blank) doc.set(row, col, cellXml(cellAddress(row, col), id, doc.styleAt(row, col)));
    }
  }

  /**
   * Writes the computed columns of a table: a column whose header the table already has is
   * rewritten in place, the others are appended at the right end.
   */
  applyComputedColumns(spec: TableColumnsSpec): void {
    const { t, firstData, lastData } = this.geometry(spec.table);
    const doc = this.sheet(t.sheet);
    const styles = this.pkg.styles;
    const colOf = new Map<string, number>();
    for (const c of spec.columns) {
      const col = this.tableColumn(t, c.header);
      colOf.set(normalizeKey(c.header), col);
      // A calculated column's formula (Excel's, from a report the official saved) follows the new
      // cut. None is added: ExcelJS misreads a table whose columns have that child element (the
      // columns after it are lost), and the ExcelJS path reads reports back.
      const j = col - t.ref.left;
      if (t.columns[j].formula !== undefined) {
        t.columns[j].formula = toFileFormula(c.formula);
        t.dirty = true;
      }
      const look: Style = {
        ...(c.numberFormat ? { numberFormat: c.numberFormat } : {}),
        ...(c.alignment ? { alignment: c.alignment } : {}),
      };
      const xfs = new Map<string, number>();
      const borders = new Map<number, Style["border"] | undefined>();
      for (let row = firstData; row <= lastData; row++) {
        const base = doc.styleAt(row, col);
        // The grid of the official's rows continues over the computed cells (borders of the row's first table cell).
        const first = doc.styleAt(row, t.ref.left);
        if (!borders.has(first)) borders.set(first, styles.borderOf(first));
        const border = borders.get(first);
        const key = `${base}|${first}`;
        let xf = xfs.get(key);
        if (xf === undefined) {
          xf = styles.xf(border ? { ...look, border } : look, base);
          xfs.set(key, xf);
        }
        doc.set(row, col, cellXml(cellAddress(row, col), { f: c.formula }, xf));
      }
      if (c.width) {
        const width = c.width;
        doc.editHead((head) => withColumnWidth(head, col, width));
      }
    }
    const formats = spec.conditionalFormats.map((cf) => {
      const col = colOf.get(normalizeKey(cf.column));
      if (col === undefined) throw new SpecError(`Table ${spec.table}: conditional format on ${cf.column}, which is not a computed column`);
      return { range: rangeOf({ top: firstData, left: col, bottom: lastData, right: col }), rules: cf.rules };
    });
    this.setConditionalFormats(doc, formats);
  }

  /**
   * Conditional formats over ranges of an input sheet, replacing those a previous generation wrote
   * there (all of them first, so priorities do not creep up from one generation to the next),
   * with priorities after the sheet's other rules.
   */
  private setConditionalFormats(doc: SheetXml, formats: { range: string; rules: ConditionalRuleSpec[] }[]): void {
    if (!formats.length) return;
    const styles = this.pkg.styles;
    doc.editTail((tail) => {
      const ranges = new Set(formats.map((f) => f.range));
      const same = (sqref: string) => {
        try {
          return ranges.has(rangeOf(parseRange(sqref)));
        } catch {
          return false; // several ranges, or not A1: not one of ours
        }
      };
      const cleaned = tail.replace(/<conditionalFormatting\b([^>]*)>[\s\S]*?<\/conditionalFormatting>/g, (whole, attrs: string) =>
        same(attr(attrs, "sqref") ?? "") ? "" : whole,
      );
      let priority = maxPriority(cleaned) + 1;
      let xml = "";
      for (const f of formats) {
        const out = conditionalFormattingXml(f.range, f.rules, styles, priority);
        xml += out.xml;
        priority = out.nextPriority;
      }
      const last = cleaned.lastIndexOf("</conditionalFormatting>");
      if (last >= 0) {
        const at = last + "</conditionalFormatting>".length;
        return cleaned.slice(0, at) + xml + cleaned.slice(at);
      }
      return insertBefore(cleaned, AFTER_CF, xml);
    });
  }

  /** Writes the edited sheets and table parts into the package. */
  flush(): void {
    for (const [part, doc] of this.docs) if (doc.dirty) this.pkg.setPart(part, doc.render());
    // The index and the edits of a large sheet weigh more than its text: let them go.
    this.docs.clear();
    for (const t of this.tableList ?? []) {
      if (!t.dirty) continue;
      t.xml = renderTable(t);
      this.pkg.setPart(t.part, t.xml);
      t.dirty = false;
    }
  }
}
