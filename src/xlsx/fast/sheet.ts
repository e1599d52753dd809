/**
 * SheetSpec → worksheet XML and its related parts (tables, drawing + charts), for the fast file
 * path: the same sheet the ExcelJS path (src/xlsx/write.ts renderSheet + package.ts postProcess)
 * writes, without ExcelJS. See /tmp/notes/fast-interface.md.
 *
 * Styles are computed by sweeping the formats' rectangles row by row: a row's layout (which
 * formats cover which columns, and where their edges are) is computed once per distinct set of
 * covering formats, and a cell's style once per distinct list of formats covering it.
 */
import { cellAddress, columnLetters, parseAddress, sheetRef } from "../../domain";
import { excelSerial, type CellInput, type ConditionalRuleSpec, type DataValidationSpec, type SheetSpec, type Style } from "../../report/spec";
import { SpecError } from "../errors";
import { checkDataValidation } from "../spec-checks";
import { parseRange, rangeOf, type Rect } from "../range";
import { toFileFormula } from "./render-formula";
import { drawingPart, tablePart } from "./render-parts";
import { cellXml as renderCell, clearFormulaCache, formulaText, xmlAttr, xmlText } from "./render-text";
import type { StyleSheet } from "./styles";

export interface RelatedPart {
  /** The r:id the parent part uses: "rId1". */
  relId: string;
  /** Relationship type URI. */
  relType: string;
  contentType: string;
  /** "xl/tables/table", "xl/drawings/drawing", "xl/charts/chart": the package adds a free number + ".xml". */
  partBase: string;
  xml: string;
  /** A drawing's charts (relIds within the drawing's own rels). */
  children?: RelatedPart[];
}

export interface RenderedSheet {
  /** The worksheet part, complete. */
  xml: string;
  /** Table parts, the drawing with its charts. */
  related: RelatedPart[];
  /** Text without "=", e.g. "'Seguimiento compromisos'!$A$1:$H$40". */
  printNames: { name: "_xlnm.Print_Area" | "_xlnm.Print_Titles"; text: string }[];
}

export interface RenderContext {
  styles: StyleSheet;
  nextTableId(): number;
}

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const MAX_ROW = 1048576;
const MAX_COL = 16384;
const PAPER: Record<"letter" | "legal" | "a4", number> = { letter: 1, legal: 5, a4: 9 };

/** One <c> element: literal values as inline strings (a text starting with "=" stays text), formulas via toFileFormula without cached value. */
export function cellXml(address: string, content: CellInput, styleIndex: number): string {
  return renderCell(address, content, styleIndex);
}

function argb(rgb: string): string {
  if (!/^[0-9A-Fa-f]{6}$/.test(rgb)) throw new SpecError(`Not an RGB colour: ${rgb}`);
  return `FF${rgb.toUpperCase()}`;
}

/** <conditionalFormatting> elements for rules over a range (priorities from `firstPriority`), for input sheets too. */
export function conditionalFormattingXml(
  range: string,
  rules: ConditionalRuleSpec[],
  styles: StyleSheet,
  firstPriority: number,
): { xml: string; nextPriority: number } {
  const sqref = rangeOf(parseRange(range));
  let priority = firstPriority;
  let xml = `<conditionalFormatting sqref="${sqref}">`;
  for (const rule of rules) {
    const dxf = styles.dxf(rule.style);
    xml +=
      `<cfRule type="expression" dxfId="${dxf}" priority="${priority}"${rule.stopIfTrue ? ` stopIfTrue="1"` : ""}>` +
      `<formula>${xmlText(toFileFormula(rule.formula))}</formula></cfRule>`;
    priority += 1;
  }
  return { xml: xml + `</conditionalFormatting>`, nextPriority: priority };
}

// ---------------------------------------------------------------------------------------------
// Styles by sweep

interface Fmt {
  i: number;
  r: Rect;
  style: Style;
  border: boolean;
}

/** A run of columns of one row with the same cellXfs index. */
interface Segment {
  from: number;
  to: number;
  xf: number;
}

/** The style of a cell covered by these formats, as the ExcelJS path's applyStyle merges them in order. */
function compose(fmts: Fmt[], row: number, col: number): Style {
  const out: Style = {};
  for (const f of fmts) {
    const s = f.style;
    if (s.font) out.font = { ...(out.font ?? {}), ...definedOnly(s.font) };
    if (s.fill) out.fill = s.fill;
    if (s.numberFormat) out.numberFormat = s.numberFormat;
    if (s.alignment) out.alignment = { ...(out.alignment ?? {}), ...s.alignment };
    if (s.border) {
      const b = s.border;
      const r = f.r;
      const top = row === r.top ? b.top : b.inside;
      const bottom = row === r.bottom ? b.bottom : b.inside;
      const left = col === r.left ? b.left : b.inside;
      const right = col === r.right ? b.right : b.inside;
      const nb = { ...(out.border ?? {}) };
      if (top) nb.top = top;
      if (bottom) nb.bottom = bottom;
      if (left) nb.left = left;
      if (right) nb.right = right;
      out.border = nb;
    }
  }
  return out;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

class StyleSweep {
  private byTop: Fmt[];
  private next = 0;
  private active: Fmt[] = [];
  private rowCache = new Map<string, Segment[]>();
  private cellCache = new Map<string, number>();
  readonly maxRow: number;
  readonly minRow: number;

  constructor(
    fmts: Fmt[],
    private styles: StyleSheet,
  ) {
    this.byTop = [...fmts].sort((a, b) => a.r.top - b.r.top || a.i - b.i);
    this.maxRow = fmts.reduce((m, f) => Math.max(m, f.r.bottom), 0);
    this.minRow = fmts.reduce((m, f) => Math.min(m, f.r.top), Infinity);
  }

  /** The styled runs of a row; rows must be asked in increasing order. */
  row(row: number): Segment[] {
    let changed = false;
    while (this.next < this.byTop.length && this.byTop[this.next].r.top <= row) {
      this.active.push(this.byTop[this.next++]);
      changed = true;
    }
    if (this.active.some((f) => f.r.bottom < row)) {
      this.active = this.active.filter((f) => f.r.bottom >= row);
    }
    if (changed) this.active.sort((a, b) => a.i - b.i);
    if (!this.active.length) return [];
    let key = "";
    for (const f of this.active) {
      key += f.i;
      if (f.border) key += (row === f.r.top ? "t" : "") + (row === f.r.bottom ? "b" : "");
      key += ",";
    }
    let segs = this.rowCache.get(key);
    if (!segs) {
      segs = this.layout(row);
      this.rowCache.set(key, segs);
    }
    return segs;
  }

  private layout(row: number): Segment[] {
    const cuts = new Set<number>();
    for (const f of this.active) {
      cuts.add(f.r.left);
      cuts.add(f.r.right + 1);
      if (f.border) {
        cuts.add(f.r.left + 1);
        cuts.add(f.r.right);
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const segs: Segment[] = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const from = points[k];
      const to = points[k + 1] - 1;
      const covering = this.active.filter((f) => f.r.left <= from && from <= f.r.right);
      if (!covering.length) continue;
      let key = "";
      for (const f of covering) {
        key += f.i;
        if (f.border) key += (row === f.r.top ? "t" : "") + (row === f.r.bottom ? "b" : "") + (from === f.r.left ? "l" : "") + (from === f.r.right ? "r" : "");
        key += ",";
      }
      let xf = this.cellCache.get(key);
      if (xf === undefined) {
        xf = this.styles.xf(compose(covering, row, from), 0);
        this.cellCache.set(key, xf);
      }
      const last = segs[segs.length - 1];
      if (last && last.to + 1 === from && last.xf === xf) last.to = to;
      else segs.push({ from, to, xf });
    }
    return segs.filter((s) => s.xf !== 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Checks (the same as the ExcelJS path's)

function checkTableName(name: string): void {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name)) {
    throw new SpecError(`Excel does not accept this table name: "${name}"`);
  }
}

function dateSerial(text: string): number {
  const t = text.startsWith("=") ? text.slice(1) : text;
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return excelSerial(`${m[1]}-${m[2]}-${m[3]}`);
  throw new SpecError(`A date validation needs a serial number or yyyy-mm-dd, not ${text}`);
}

function dataValidationXml(dv: DataValidationSpec, sheet: string): string {
  const { where, literalList } = checkDataValidation(dv, sheet);
  const formulae: string[] = [];
  if (dv.type === "list") {
    formulae.push(literalList ?? toFileFormula((dv.list as { formula: string }).formula));
  } else {
    if (dv.formula1 === undefined) throw new SpecError(`${where}: ${dv.type} validation needs formula1`);
    const conv = (f: string) => (dv.type === "date" ? String(dateSerial(f)) : toFileFormula(f));
    formulae.push(conv(dv.formula1));
    if (dv.operator === "between") {
      if (dv.formula2 === undefined) throw new SpecError(`${where}: "between" needs formula2`);
      formulae.push(conv(dv.formula2));
    }
  }
  const sqref = rangeOf(parseRange(dv.range));
  const operator = dv.type !== "list" && dv.operator && dv.operator !== "between" ? ` operator="${dv.operator}"` : "";
  const prompt = dv.prompt ? ` showInputMessage="1" promptTitle="${xmlAttr(dv.prompt.title)}" prompt="${xmlAttr(dv.prompt.message)}"` : "";
  return (
    `<dataValidation type="${dv.type}" errorStyle="stop"${operator}${dv.allowBlank ?? true ? ` allowBlank="1"` : ""}${prompt}` +
    ` showErrorMessage="1" errorTitle="${xmlAttr(dv.error.title)}" error="${xmlAttr(dv.error.message)}" sqref="${sqref}">` +
    formulae.map((f, k) => `<formula${k + 1}>${xmlText(f)}</formula${k + 1}>`).join("") +
    `</dataValidation>`
  );
}

function absoluteArea(area: string): string {
  const r = parseRange(area);
  const a = `$${columnLetters(r.left)}$${r.top}`;
  const b = `$${columnLetters(r.right)}$${r.bottom}`;
  return `${a}:${b}`;
}

function absoluteRows(rows: string): string {
  const m = /^\$?(\d+):\$?(\d+)$/.exec(rows.trim());
  if (!m) throw new SpecError(`Not a row range: ${rows}`);
  return `$${m[1]}:$${m[2]}`;
}

function num(n: number, what: string): string {
  if (!Number.isFinite(n)) throw new SpecError(`${what}: not a number (${n})`);
  return String(n);
}

// ---------------------------------------------------------------------------------------------
// The sheet

export function renderSheet(spec: SheetSpec, ctx: RenderContext): RenderedSheet {
  const letters: string[] = [];
  const col = (c: number) => letters[c] ?? (letters[c] = columnLetters(c));

  // Cell contents, by row then column.
  const rows = new Map<number, CellInput[]>();
  for (const block of spec.blocks) {
    const o = parseAddress(block.origin);
    const width = block.cells[0]?.length ?? 0;
    if (o.row + block.cells.length - 1 > MAX_ROW || o.col + width - 1 > MAX_COL) throw new SpecError(`${spec.name}!${block.origin}: block beyond the sheet's last cell`);
    block.cells.forEach((cells, i) => {
      if (cells.length !== width) throw new SpecError(`${spec.name}!${block.origin}: block rows differ in width`);
      const r = o.row + i;
      let arr = rows.get(r);
      if (!arr) rows.set(r, (arr = []));
      for (let j = 0; j < cells.length; j++) arr[o.col + j] = cells[j];
    });
  }
  const valueAt = (r: number, c: number): CellInput | undefined => rows.get(r)?.[c];

  // Merges: the covered cells show the top-left one's content, and hold none of their own.
  const mergeRects = spec.merges.map((m) => parseRange(m));
  const taken = new Set<number>();
  for (const m of mergeRects) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        const k = r * MAX_COL + c;
        if (taken.has(k)) throw new SpecError(`${spec.name}: merged ranges overlap at ${cellAddress(r, c)}`);
        taken.add(k);
        if ((r !== m.top || c !== m.left) && rows.get(r)?.[c] !== undefined) rows.get(r)![c] = null;
      }
    }
  }

  // Tables: header cells must be what the blocks wrote.
  const related: RenderedSheet["related"] = [];
  const tableRefs: string[] = [];
  for (const t of spec.tables) {
    checkTableName(t.name);
    const r = parseRange(t.range);
    if (r.bottom <= r.top) throw new SpecError(`Table ${t.name}: needs a header row and at least one data row (${t.range})`);
    if (r.right - r.left + 1 !== t.columns.length) throw new SpecError(`Table ${t.name}: ${t.columns.length} columns for range ${t.range}`);
    t.columns.forEach((name, j) => {
      const v = valueAt(r.top, r.left + j) ?? null;
      if (v !== name) throw new SpecError(`Table ${t.name}: header cell ${cellAddress(r.top, r.left + j)} holds ${JSON.stringify(v)}, not "${name}"`);
    });
    const relId = `rId${related.length + 1}`;
    related.push(tablePart(t, r, ctx.nextTableId(), relId));
    tableRefs.push(relId);
  }

  const fmts: Fmt[] = spec.formats.map((f, i) => ({ i, r: parseRange(f.range), style: f.style, border: !!f.style.border }));
  const sweep = new StyleSweep(fmts, ctx.styles);

  // sheetData
  const heights = spec.rowHeights ?? {};
  let minRow = sweep.minRow;
  let maxRow = sweep.maxRow;
  for (const r of [...Object.keys(heights).map(Number), ...rows.keys()]) {
    if (r < minRow) minRow = r;
    if (r > maxRow) maxRow = r;
  }
  // Rows go straight into one array of pieces, joined once at the end.
  // out[0] is the part's head, set once the dimension is known.
  const out: string[] = [""];
  let dimTop = 0;
  let dimBottom = 0;
  let dimLeft = MAX_COL + 1;
  let dimRight = 0;
  for (let r = Number.isFinite(minRow) ? minRow : 1; r <= maxRow; r++) {
    const segs = sweep.row(r);
    const cells = rows.get(r);
    const h = heights[r];
    if (!segs.length && !cells && h === undefined) continue;
    const ht = h !== undefined ? ` ht="${num(h, `${spec.name}: row ${r} height`)}" customHeight="1"` : "";
    const open = out.length;
    out.push(`<row r="${r}"${ht}>`);
    const last = Math.max(cells ? cells.length - 1 : 0, segs.length ? segs[segs.length - 1].to : 0);
    let si = 0;
    let any = false;
    for (let c = 1; c <= last; c++) {
      while (si < segs.length && segs[si].to < c) si++;
      const xf = si < segs.length && segs[si].from <= c ? segs[si].xf : 0;
      const v = cells?.[c];
      if (v === undefined || v === null) {
        if (!xf) continue;
        out.push(`<c r="${col(c)}${r}" s="${xf}"/>`);
      } else if (typeof v === "object") {
        // Formulas, most of a report's bytes: pieces pushed as they are, joined once.
        out.push(xf ? `<c r="${col(c)}${r}" s="${xf}"><f>` : `<c r="${col(c)}${r}"><f>`, formulaText(v.f), "</f></c>");
      } else {
        out.push(renderCell(col(c) + r, v, xf));
      }
      any = true;
      if (c < dimLeft) dimLeft = c;
      if (c > dimRight) dimRight = c;
    }
    if (any) {
      out.push("</row>");
      if (!dimTop) dimTop = r;
      dimBottom = r;
    } else if (h !== undefined) {
      out[open] = `<row r="${r}"${ht}/>`;
    } else {
      out.length = open;
    }
  }

  const p = spec.print;
  let xml = XML_DECL + `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`;
  // sheetPr
  if (spec.tabColor || p) {
    xml += `<sheetPr>${spec.tabColor ? `<tabColor rgb="${argb(spec.tabColor)}"/>` : ""}${p ? `<pageSetUpPr fitToPage="1"/>` : ""}</sheetPr>`;
  }
  xml += `<dimension ref="${dimTop ? rangeOf({ top: dimTop, bottom: dimBottom, left: dimLeft, right: dimRight }) : "A1"}"/>`;
  // sheetViews
  const grid = spec.showGridLines ?? true ? "" : ` showGridLines="0"`;
  const fr = spec.freeze;
  if (fr && (fr.rows > 0 || fr.columns > 0)) {
    const pane = fr.rows > 0 && fr.columns > 0 ? "bottomRight" : fr.rows > 0 ? "bottomLeft" : "topRight";
    const topLeft = cellAddress(fr.rows + 1, fr.columns + 1);
    xml +=
      `<sheetViews><sheetView${grid} workbookViewId="0">` +
      `<pane${fr.columns > 0 ? ` xSplit="${fr.columns}"` : ""}${fr.rows > 0 ? ` ySplit="${fr.rows}"` : ""} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
      `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/>` +
      `</sheetView></sheetViews>`;
  } else {
    xml += `<sheetViews><sheetView${grid} workbookViewId="0"/></sheetViews>`;
  }
  xml += `<sheetFormatPr defaultRowHeight="15"/>`;
  // cols: runs of equal widths
  const widths = spec.columnWidths;
  let cols = "";
  for (let i = 0; i < widths.length; ) {
    const w = widths[i];
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === w) j++;
    if (w > 0) cols += `<col min="${i + 1}" max="${j + 1}" width="${num(w, `${spec.name}: column width`)}" customWidth="1"/>`;
    i = j + 1;
  }
  if (cols) xml += `<cols>${cols}</cols>`;
  const hasRows = out.length > 1;
  out[0] = xml + (hasRows ? "<sheetData>" : "<sheetData/>");
  xml = hasRows ? "</sheetData>" : "";
  if (mergeRects.length) xml += `<mergeCells count="${mergeRects.length}">${mergeRects.map((m) => `<mergeCell ref="${rangeOf(m)}"/>`).join("")}</mergeCells>`;
  let priority = 1;
  for (const cf of spec.conditionalFormats) {
    const r = conditionalFormattingXml(cf.range, cf.rules, ctx.styles, priority);
    xml += r.xml;
    priority = r.nextPriority;
  }
  if (spec.dataValidations.length) {
    xml += `<dataValidations count="${spec.dataValidations.length}">${spec.dataValidations.map((d) => dataValidationXml(d, spec.name)).join("")}</dataValidations>`;
  }
  const printNames: RenderedSheet["printNames"] = [];
  if (p) {
    if (p.centerHorizontally) xml += `<printOptions horizontalCentered="1"/>`;
    xml += `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
    const paper = p.paperSize ? ` paperSize="${PAPER[p.paperSize]}"` : "";
    xml += `<pageSetup${paper} orientation="${p.orientation}" fitToWidth="${num(p.fitToWidth, `${spec.name}: fitToWidth`)}" fitToHeight="0"/>`;
    const hf = (x?: { left?: string; center?: string; right?: string }) =>
      x ? `${x.left ? "&L" + x.left : ""}${x.center ? "&C" + x.center : ""}${x.right ? "&R" + x.right : ""}` : "";
    const head = hf(p.header);
    const foot = hf(p.footer);
    if (head || foot) {
      xml += `<headerFooter>${head ? `<oddHeader>${xmlText(head)}</oddHeader>` : ""}${foot ? `<oddFooter>${xmlText(foot)}</oddFooter>` : ""}</headerFooter>`;
    }
    const breaks = [...new Set(p.rowBreaks ?? [])].sort((a, b) => a - b);
    if (breaks.length) {
      xml += `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((b) => `<brk id="${num(b, `${spec.name}: row break`)}" max="16383" man="1"/>`).join("")}</rowBreaks>`;
    }
    const q = sheetRef(spec.name);
    if (p.area) printNames.push({ name: "_xlnm.Print_Area", text: `${q}!${absoluteArea(p.area)}` });
    if (p.printTitleRows) printNames.push({ name: "_xlnm.Print_Titles", text: `${q}!${absoluteRows(p.printTitleRows)}` });
  } else {
    xml += `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
  }
  if (spec.charts.length) {
    const relId = `rId${related.length + 1}`;
    related.push(drawingPart(spec.charts, relId));
    xml += `<drawing r:id="${relId}"/>`;
  }
  if (tableRefs.length) xml += `<tableParts count="${tableRefs.length}">${tableRefs.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`;
  xml += `</worksheet>`;
  out.push(xml);
  clearFormulaCache();
  // One join: the part comes out flat, ready to encode without another copy.
  return { xml: out.join(""), related, printNames };
}
