/**
 * Renders sheet descriptions (src/report/spec.ts) into the open workbook through Office.js. Nothing
 * here syncs: every function returns the operations to queue (see batch.ts), so the caller decides
 * how many round trips the whole report costs.
 *
 * Choices, and why:
 * - Cells go in as 2-D arrays through `Range.formulas`, in invariant syntax (never `formulasLocal`),
 *   so a Spanish Excel reads `=SUM(...)` the same as an English one. The blocks of a sheet are
 *   merged first, so a sheet laid out one block per row still goes in a few large rectangles.
 * - A column of one formula filled down (a table column of lookups, `[#This Row]` references) is
 *   written as a single value to the whole range, which Excel fills in as a fill-down does: the
 *   report of 5,000 activities then fits in one request instead of many.
 * - Excel parses every string written through `values` or `formulas` the way it parses typing:
 *   "=x" becomes a formula, "-3" a number, "2021-05-10" a date, "TRUE" a boolean, "1/2" a date in
 *   some locales. The spec's strings are literal text, so any string that Excel could read as
 *   something else is written with a leading apostrophe: Excel stores the text without it (the
 *   apostrophe is the cell's "quote prefix", not part of the value). A number format "@" would also
 *   keep text, but it stays on the cell and turns later typing into text too, which input sheets
 *   must not suffer.
 * - Column widths: the spec counts characters of the default font (Calibri 11, whose digit is 7
 *   pixels wide); Office.js wants points. Excel pads a column by 5 pixels, so a width of `w`
 *   characters is `7w + 5` pixels, and at 96 pixels per inch `(7w + 5) * 0.75` points. The default
 *   8.43 characters gives 48 points, as Excel shows.
 * - Styles are applied per range, conditional formats per range with explicit priorities, tables
 *   over `Range` objects (a bare address would be taken on the active sheet).
 */
import { parseAddress, cellAddress } from "../domain";
import type {
  BorderLine,
  CellBlock,
  CellInput,
  ChartSpec,
  ConditionalFormatSpec,
  DataValidationSpec,
  DefinedNameSpec,
  FormatSpec,
  PrintSpec,
  SheetSpec,
  Style,
  TableSpec,
} from "../report/spec";
import { isFormula } from "../report/spec";
import { MAX_BLOCK_BYTES, OP_OVERHEAD_BYTES, payloadBytes, writeActions, type WriteOp } from "./batch";
import { hasRelativeReference, shiftFormula } from "./formula-names";
import type { Capabilities, Notices } from "./requirements";

/** A rectangle of a sheet, 1-based and inclusive. */
export interface Box {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** "B5:F20" or "B5" to a Box. */
export function parseBox(range: string): Box {
  const [a, b] = range.split(":");
  const p = parseAddress(a);
  const q = b ? parseAddress(b) : p;
  return { r0: Math.min(p.row, q.row), c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row), c1: Math.max(p.col, q.col) };
}

/** A Box back to "B5:F20" ("B5" for one cell). */
export function boxAddress(b: Box): string {
  const a = cellAddress(b.r0, b.c0);
  return b.r0 === b.r1 && b.c0 === b.c1 ? a : `${a}:${cellAddress(b.r1, b.c1)}`;
}

/** Points of a width in characters (see the header comment). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Characters of a width in points: the inverse of charsToPoints. */
export function pointsToChars(points: number): number {
  return Math.round(((points / 0.75 - 5) / 7) * 100) / 100;
}

const BOOLEAN_WORDS = /^(true|false|verdadero|falso)$/i;

/**
 * Whether Excel could read this text as anything but text (a formula, number, date, time,
 * percentage, boolean or error), so it needs the apostrophe. Conservative: only text that starts
 * with a letter and holds no digit (no date can be written without one) goes in bare.
 */
export function needsQuotePrefix(text: string): boolean {
  if (text === "") return false;
  if (/^[\p{L}]/u.test(text) && !/\d/.test(text) && !BOOLEAN_WORDS.test(text.trim())) return false;
  return true;
}

/** A spec cell as an element of a `Range.formulas` array. null leaves the cell as it is. */
export function formulaCell(c: CellInput, mapFormula?: (f: string) => string): string | number | boolean | null {
  if (c === null || c === undefined) return null;
  if (isFormula(c)) {
    const f = c.f.startsWith("=") ? c.f : `=${c.f}`;
    return mapFormula ? mapFormula(f) : f;
  }
  if (typeof c === "number") return Number.isFinite(c) ? c : null;
  if (typeof c === "boolean") return c;
  return needsQuotePrefix(c) ? `'${c}` : c;
}

/** What every renderer needs to know about the Excel it writes to. */
export interface RenderEnv {
  caps: Capabilities;
  notices: Notices;
  /** Rewrites formula text (temporary names during a regeneration). */
  formula?: (f: string) => string;
  /** The name a table of the spec is created with (temporary during a regeneration). */
  tableName?: (name: string) => string;
  /** Resolves an absolute reference with sheet ("=Resumen!$D$20:$D$24") for charts. */
  rangeOf: (ref: string) => Excel.Range;
  /** The largest single cell write (default MAX_BLOCK_BYTES); a lower request limit lowers it. */
  maxBlockBytes?: number;
}

const op = (bytes: number, label: string, apply: () => void): WriteOp => ({ bytes, label, apply });

type Written = string | number | boolean | null;

/** A rectangle of a run to write: rows [r0, r1] of the run, columns [c0, c1] of the grid. */
interface Piece {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/**
 * How a run of rows goes to Excel: as its bounding rectangle, or as side-by-side column groups, each
 * cropped to the rows where it has cells. office-js turns a write of more than 1,500 cells into one
 * action per 1,500 (writeActions), nulls included, so a tall run whose columns are mostly null (a
 * column of ids under a row of headers, formulas written later between them) costs far fewer
 * actions as narrow strips. The partition is the cheapest in actions, then in writes, then in
 * cells (a small dynamic program over the columns: runs are at most a few dozen wide).
 */
export function planPieces(rows: readonly Written[][], c0: number, c1: number): Piece[] {
  const width = c1 - c0 + 1;
  const top = new Array<number>(width).fill(-1);
  const bottom = new Array<number>(width).fill(-1);
  rows.forEach((r, i) => {
    for (let j = 0; j < width; j++) {
      const v = r[c0 + j];
      if (v === null || v === undefined) continue;
      if (top[j] < 0) top[j] = i;
      bottom[j] = i;
    }
  });
  // The piece covering columns a..b (relative), cropped to the cells it holds; null when empty.
  const pieceOf = (a: number, b: number): Piece | null => {
    let r0 = Infinity, r1 = -1, first = -1, last = -1;
    for (let j = a; j <= b; j++) {
      if (top[j] < 0) continue;
      r0 = Math.min(r0, top[j]);
      r1 = Math.max(r1, bottom[j]);
      if (first < 0) first = j;
      last = j;
    }
    return first < 0 ? null : { r0, r1, c0: c0 + first, c1: c0 + last };
  };
  type Cost = [actions: number, writes: number, cells: number];
  const less = (x: Cost, y: Cost) => x[0] !== y[0] ? x[0] < y[0] : x[1] !== y[1] ? x[1] < y[1] : x[2] < y[2];
  const best: { cost: Cost; from: number; piece: Piece | null }[] = [{ cost: [0, 0, 0], from: -1, piece: null }];
  for (let x = 1; x <= width; x++) {
    let choice: { cost: Cost; from: number; piece: Piece | null } | null = null;
    for (let y = 0; y < x; y++) {
      const p = pieceOf(y, x - 1);
      const h = p ? p.r1 - p.r0 + 1 : 0;
      const w = p ? p.c1 - p.c0 + 1 : 0;
      const b = best[y].cost;
      const cost: Cost = [b[0] + writeActions(h, w), b[1] + (p ? 1 : 0), b[2] + h * w];
      if (!choice || less(cost, choice.cost)) choice = { cost, from: y, piece: p };
    }
    best.push(choice!);
  }
  const pieces: Piece[] = [];
  for (let x = width; x > 0; x = best[x].from) {
    const p = best[x].piece;
    if (p) pieces.unshift(p);
  }
  return pieces;
}

/**
 * Writes a rectangle of converted cells (null = leave the cell alone) starting at (row, col): rows
 * that are all null are skipped, runs of rows are split so that no single write exceeds
 * MAX_BLOCK_BYTES, and each run goes in the pieces planPieces chooses (its bounding rectangle
 * unless narrower strips cost office-js fewer actions).
 */
export function gridOps(label: string, ws: () => Excel.Worksheet, row: number, col: number, cells: Written[][], what = "celdas", maxBytes = MAX_BLOCK_BYTES): WriteOp[] {
  const ops: WriteOp[] = [];
  let run: { start: number; rows: Written[][]; c0: number; c1: number; bytes: number } | null = null;
  const flush = () => {
    if (!run) return;
    const { start, rows } = run;
    for (const p of planPieces(rows, run.c0, run.c1)) {
      const data = rows.slice(p.r0, p.r1 + 1).map((r) => r.slice(p.c0, p.c1 + 1).map((v) => (v === undefined ? null : v)));
      const address = boxAddress({ r0: row + start + p.r0, c0: col + p.c0, r1: row + start + p.r1, c1: col + p.c1 });
      ops.push(op(payloadBytes(data), `${label}: ${what} ${address}`, () => {
        ws().getRange(address).formulas = data as unknown as string[][];
      }));
    }
    run = null;
  };
  cells.forEach((r, i) => {
    let first = -1;
    let last = -1;
    r.forEach((v, j) => {
      if (v !== null) {
        if (first < 0) first = j;
        last = j;
      }
    });
    if (first < 0) {
      flush();
      return;
    }
    const rb = payloadBytes(r) - OP_OVERHEAD_BYTES;
    if (run && run.bytes + rb > maxBytes) flush();
    if (!run) run = { start: i, rows: [], c0: first, c1: last, bytes: 0 };
    run.rows.push(r);
    run.c0 = Math.min(run.c0, first);
    run.c1 = Math.max(run.c1, last);
    run.bytes += rb;
  });
  flush();
  return ops;
}

/**
 * One value written to every cell of a range (Excel fills it in, as `Range.formulas = "=..."`
 * does in Office.js; the typings only admit arrays, hence the cast). Used for a formula that is the
 * same in every cell and has no relative reference, so Excel's fill changes nothing in it.
 */
export function broadcastOp(label: string, range: () => Excel.Range, address: string, value: string | number | boolean): WriteOp {
  return op(payloadBytes(value), `${label}: ${address} = ${String(value).slice(0, 40)}`, () => {
    range().formulas = value as unknown as string[][];
  });
}

/**
 * Vertical runs of one formula filled down (each cell the first one shifted by its row offset, as
 * a table column of lookups by `[#This Row]`, or `MATCH($A5...)`, `MATCH($A6...)`...) become one
 * write each: the first formula given to the whole run, which Excel fills in exactly that way. The
 * cells written so are taken out of the grid.
 */
function broadcastRuns(label: string, ws: () => Excel.Worksheet, row: number, col: number, cells: Written[][]): WriteOp[] {
  const ops: WriteOp[] = [];
  const width = cells.reduce((w, r) => Math.max(w, r.length), 0);
  for (let j = 0; j < width; j++) {
    let i = 0;
    while (i < cells.length) {
      const v = cells[i][j];
      let k = i + 1;
      if (typeof v === "string" && v.startsWith("=")) {
        if (!hasRelativeReference(v)) {
          // Nothing in it shifts (structured references, names, absolute references): the same
          // text all the way down, compared without rewriting it for every row.
          while (k < cells.length && cells[k][j] === v) k++;
        } else {
          while (k < cells.length && typeof cells[k][j] === "string" && cells[k][j] === shiftFormula(v, k - i, 0)) k++;
        }
      }
      if (k - i >= 2) {
        const address = boxAddress({ r0: row + i, c0: col + j, r1: row + k - 1, c1: col + j });
        ops.push(broadcastOp(label, () => ws().getRange(address), address, v as string));
        for (let x = i; x < k; x++) cells[x][j] = null;
      }
      i = k;
    }
  }
  return ops;
}

/**
 * The cells of every block of a sheet as one grid over their bounding box (later blocks win where
 * they overlap), so that runs and rectangles span blocks: a sheet laid out one block per row still
 * goes to Excel in a few large writes.
 */
export function mergeBlocks(blocks: readonly CellBlock[]): { row: number; col: number; cells: (CellInput | undefined)[][] } | null {
  let r0 = Infinity, c0 = Infinity, r1 = -Infinity, c1 = -Infinity;
  for (const b of blocks) {
    if (b.cells.length === 0 || b.cells[0].length === 0) continue;
    const o = parseAddress(b.origin);
    r0 = Math.min(r0, o.row);
    c0 = Math.min(c0, o.col);
    r1 = Math.max(r1, o.row + b.cells.length - 1);
    c1 = Math.max(c1, o.col + b.cells.reduce((w, r) => Math.max(w, r.length), 0) - 1);
  }
  if (!Number.isFinite(r0)) return null;
  const cells: (CellInput | undefined)[][] = Array.from({ length: r1 - r0 + 1 }, () => new Array(c1 - c0 + 1).fill(undefined));
  for (const b of blocks) {
    if (b.cells.length === 0) continue;
    const o = parseAddress(b.origin);
    b.cells.forEach((r, i) => r.forEach((c, j) => {
      cells[o.row - r0 + i][o.col - c0 + j] = c;
    }));
  }
  return { row: r0, col: c0, cells };
}

/**
 * The cells of a sheet's blocks in one of two passes: "literals" writes the constants (formula
 * cells left alone) and "formulas" the formulas (constants left alone). Tables are created between
 * the two, so that a formula naming its own table (`Dependencia_1[[#This Row],[ID]]`) finds it and
 * the table's headers are already written when it is created.
 */
export function cellOps(label: string, ws: () => Excel.Worksheet, blocks: readonly CellBlock[], pass: "literals" | "formulas", env: Pick<RenderEnv, "formula" | "maxBlockBytes">): WriteOp[] {
  const m = mergeBlocks(blocks);
  if (!m) return [];
  const converted: Written[][] = m.cells.map((r) =>
    r.map((c) => {
      if (c === undefined) return null;
      if (pass === "literals" && isFormula(c)) return null;
      if (pass === "formulas" && !isFormula(c)) return null;
      return formulaCell(c, env.formula);
    }),
  );
  const ops = pass === "formulas" ? broadcastRuns(label, ws, m.row, m.col, converted) : [];
  return [...ops, ...gridOps(label, ws, m.row, m.col, converted, pass === "formulas" ? "fórmulas" : "celdas", env.maxBlockBytes)];
}

function fill2d<T>(box: Box, value: T): T[][] {
  const rows = box.r1 - box.r0 + 1;
  const cols = box.c1 - box.c0 + 1;
  const row = Array.from({ length: cols }, () => value);
  return Array.from({ length: rows }, () => row.slice());
}

/** A number format over a range, as the 2-D array Office.js expects (split by rows when large). */
export function numberFormatOps(label: string, range: () => Excel.Range, box: Box, format: string): WriteOp[] {
  // One format for the whole range: a single value, which Excel applies to every cell (as with
  // formulas, see broadcastOp); a one-cell range gets the 2-D array the typings describe.
  const single = box.r0 === box.r1 && box.c0 === box.c1;
  const data: unknown = single ? fill2d(box, format) : format;
  return [op(payloadBytes(data), `${label}: formato ${format}`, () => {
    range().numberFormat = data as string[][];
  })];
}

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;
const WEIGHT = { thin: "Thin", medium: "Medium", thick: "Thick" } as const;

function hex(color: string): string {
  return color.startsWith("#") ? color : `#${color}`;
}

function setBorder(format: Excel.RangeFormat, index: Excel.BorderIndex | "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideVertical" | "InsideHorizontal", line: BorderLine) {
  const b = format.borders.getItem(index);
  b.style = "Continuous";
  b.weight = WEIGHT[line.style];
  if (line.color) b.color = hex(line.color);
}

/** A Style applied to a range: number format, font, fill, alignment and borders. */
export function styleOps(label: string, range: () => Excel.Range, box: Box, style: Style, env: RenderEnv): WriteOp[] {
  const ops: WriteOp[] = [];
  if (style.numberFormat !== undefined) ops.push(...numberFormatOps(label, range, box, style.numberFormat));
  let props = 0;
  const font = style.font;
  const al = style.alignment;
  const border = style.border;
  if (font) props += Object.keys(font).length;
  if (style.fill) props++;
  if (al) props += Object.keys(al).length;
  if (border) props += Object.keys(border).length * 3;
  if (props === 0) return ops;
  const wantsIndent = al?.indent !== undefined && al.indent > 0;
  if (wantsIndent && !env.caps.indent) env.notices.degraded("indent");
  ops.push(op(props * OP_OVERHEAD_BYTES, `${label}: estilo`, () => {
    const f = range().format;
    if (font) {
      if (font.bold !== undefined) f.font.bold = font.bold;
      if (font.italic !== undefined) f.font.italic = font.italic;
      if (font.size !== undefined) f.font.size = font.size;
      if (font.color !== undefined) f.font.color = hex(font.color);
      if (font.name !== undefined) f.font.name = font.name;
      if (font.underline !== undefined) f.font.underline = font.underline ? "Single" : "None";
    }
    if (style.fill) f.fill.color = hex(style.fill);
    if (al) {
      if (al.horizontal) f.horizontalAlignment = H_ALIGN[al.horizontal];
      if (al.vertical) f.verticalAlignment = V_ALIGN[al.vertical];
      if (al.wrapText !== undefined) f.wrapText = al.wrapText;
      if (al.indent !== undefined && env.caps.indent) f.indentLevel = al.indent;
    }
    if (border) {
      if (border.top) setBorder(f, "EdgeTop", border.top);
      if (border.bottom) setBorder(f, "EdgeBottom", border.bottom);
      if (border.left) setBorder(f, "EdgeLeft", border.left);
      if (border.right) setBorder(f, "EdgeRight", border.right);
      // Inside lines exist only where the range has inner edges.
      if (border.inside && box.r1 > box.r0) setBorder(f, "InsideHorizontal", border.inside);
      if (border.inside && box.c1 > box.c0) setBorder(f, "InsideVertical", border.inside);
    }
  }));
  return ops;
}

/** Conditional formats by formula, with priorities in spec order starting at `firstPriority`. */
export function conditionalFormatOps(label: string, range: () => Excel.Range, cf: ConditionalFormatSpec | { rules: ConditionalFormatSpec["rules"] }, firstPriority: number, env: RenderEnv): WriteOp[] {
  return cf.rules.map((rule, i) =>
    op(payloadBytes(rule.formula) + 5 * OP_OVERHEAD_BYTES, `${label}: formato condicional ${i + 1}`, () => {
      const c = range().conditionalFormats.add("Custom");
      c.custom.rule.formula = env.formula ? env.formula(rule.formula) : rule.formula;
      if (rule.style.fill) c.custom.format.fill.color = hex(rule.style.fill);
      if (rule.style.fontColor) c.custom.format.font.color = hex(rule.style.fontColor);
      if (rule.style.bold !== undefined) c.custom.format.font.bold = rule.style.bold;
      c.stopIfTrue = rule.stopIfTrue === true;
      // Set one by one in spec order, each rule lands right after the ones before it.
      c.priority = firstPriority + i;
    }),
  );
}

const DV_OPERATOR = { greaterThanOrEqual: "GreaterThanOrEqualTo", between: "Between", lessThanOrEqual: "LessThanOrEqualTo" } as const;

/** Excel's limits on the texts of a validation: 32 characters of title, 255 of message. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

/** A data validation rule (ExcelApi 1.8; skipped with a notice where missing). */
export function dataValidationOps(label: string, range: () => Excel.Range, dv: DataValidationSpec, env: RenderEnv): WriteOp[] {
  if (!env.caps.dataValidation) {
    env.notices.degraded("dataValidation");
    return [];
  }
  let rule: Excel.DataValidationRule;
  const operator = DV_OPERATOR[dv.operator ?? "greaterThanOrEqual"];
  const basic = { formula1: dv.formula1 ?? "0", ...(dv.formula2 !== undefined ? { formula2: dv.formula2 } : {}), operator } as Excel.BasicDataValidation;
  switch (dv.type) {
    case "list": {
      const l = dv.list;
      const source = !l ? "" : "formula" in l ? (env.formula ? env.formula(l.formula) : l.formula) : l.items.join(",");
      rule = { list: { inCellDropDown: true, source } };
      break;
    }
    case "whole":
      rule = { wholeNumber: basic };
      break;
    case "decimal":
      rule = { decimal: basic };
      break;
    case "date":
      rule = { date: basic as unknown as Excel.DateTimeDataValidation };
      break;
  }
  return [op(payloadBytes(rule) + payloadBytes(dv.error) + payloadBytes(dv.prompt ?? null), `${label}: validación`, () => {
    const v = range().dataValidation;
    v.clear();
    v.rule = rule;
    v.ignoreBlanks = dv.allowBlank ?? true;
    if (dv.prompt) v.prompt = { showPrompt: true, title: clip(dv.prompt.title, 32), message: clip(dv.prompt.message, 255) };
    v.errorAlert = { showAlert: true, style: "Stop", title: clip(dv.error.title, 32), message: clip(dv.error.message, 255) };
  })];
}

const CHART_TYPE = { columnClustered: "ColumnClustered", barClustered: "BarClustered", columnStacked: "ColumnStacked" } as const;

/** A native chart with explicit series (names, values, categories, colours), title and position. */
export function chartOps(label: string, ws: () => Excel.Worksheet, chart: ChartSpec, env: RenderEnv): WriteOp[] {
  if (chart.series.length === 0) return [];
  const bytes = (4 + chart.series.length * 4) * OP_OVERHEAD_BYTES + payloadBytes(chart);
  return [op(bytes, `${label}: gráfico ${chart.id}`, () => {
    const categories = env.rangeOf(chart.categories);
    const c = ws().charts.add(CHART_TYPE[chart.type], env.rangeOf(chart.series[0].values), "Columns");
    c.name = chart.id;
    c.title.text = chart.title;
    c.legend.position = "Bottom";
    chart.series.forEach((s, i) => {
      const series = i === 0 ? c.series.getItemAt(0) : c.series.add(s.name);
      if (i === 0) series.name = s.name;
      else series.setValues(env.rangeOf(s.values));
      series.setXAxisValues(categories);
      if (s.color) series.format.fill.setSolidColor(hex(s.color));
    });
    c.setPosition(chart.from, chart.to);
  })];
}

const PAPER = { letter: "Letter", legal: "Legal", a4: "A4" } as const;

/** Print setup through pageLayout (ExcelApi 1.9; skipped with a notice where missing). */
export function printOps(label: string, ws: () => Excel.Worksheet, print: PrintSpec, env: RenderEnv): WriteOp[] {
  if (!env.caps.pageLayout) {
    env.notices.degraded("pageLayout");
    return [];
  }
  return [op(10 * OP_OVERHEAD_BYTES + payloadBytes(print), `${label}: impresión`, () => {
    const pl = ws().pageLayout;
    pl.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
    // verticalFitToPages 0 leaves the height free: as many pages tall as the content needs.
    pl.zoom = { horizontalFitToPages: print.fitToWidth, verticalFitToPages: 0 };
    if (print.paperSize) pl.paperSize = PAPER[print.paperSize];
    if (print.centerHorizontally !== undefined) pl.centerHorizontally = print.centerHorizontally;
    if (print.printTitleRows) {
      const [a, b] = print.printTitleRows.replace(/\$/g, "").split(":");
      pl.setPrintTitleRows(`$${a}:$${b ?? a}`);
    }
    if (print.area) pl.setPrintArea(print.area);
    const hf = pl.headersFooters.defaultForAllPages;
    if (print.header?.left !== undefined) hf.leftHeader = print.header.left;
    if (print.header?.center !== undefined) hf.centerHeader = print.header.center;
    if (print.header?.right !== undefined) hf.rightHeader = print.header.right;
    if (print.footer?.left !== undefined) hf.leftFooter = print.footer.left;
    if (print.footer?.center !== undefined) hf.centerFooter = print.footer.center;
    if (print.footer?.right !== undefined) hf.rightFooter = print.footer.right;
  })];
}

/** Runs of consecutive equal values: [[first, last, value]...] over 1-based indexes. */
function runs<T>(entries: [number, T][]): [number, number, T][] {
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  const out: [number, number, T][] = [];
  for (const [i, v] of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === i - 1 && last[2] === v) last[1] = i;
    else out.push([i, i, v]);
  }
  return out;
}

/** Column widths (characters) and row heights (points) of a sheet, grouped into runs. */
function sizeOps(label: string, ws: () => Excel.Worksheet, spec: SheetSpec): WriteOp[] {
  const ops: WriteOp[] = [];
  const widths = spec.columnWidths.map((w, i) => [i + 1, w] as [number, number]).filter(([, w]) => typeof w === "number" && w > 0);
  for (const [a, b, w] of runs(widths)) {
    const address = `${cellAddress(1, a).replace(/\d+$/, "")}:${cellAddress(1, b).replace(/\d+$/, "")}`;
    const pts = charsToPoints(w);
    ops.push(op(OP_OVERHEAD_BYTES, `${label}: ancho ${address}`, () => {
      ws().getRange(address).format.columnWidth = pts;
    }));
  }
  const heights = Object.entries(spec.rowHeights ?? {}).map(([r, h]) => [Number(r), h] as [number, number]);
  for (const [a, b, h] of runs(heights)) {
    const address = `${a}:${b}`;
    ops.push(op(OP_OVERHEAD_BYTES, `${label}: alto ${address}`, () => {
      ws().getRange(address).format.rowHeight = h;
    }));
  }
  return ops;
}

/** A table over its range, with its name (possibly temporary), style and stripes. */
export function tableOps(label: string, ws: () => Excel.Worksheet, t: TableSpec, env: RenderEnv): WriteOp[] {
  const name = env.tableName ? env.tableName(t.name) : t.name;
  return [op(4 * OP_OVERHEAD_BYTES, `${label}: tabla ${t.name}`, () => {
    const sheet = ws();
    const table = sheet.tables.add(sheet.getRange(t.range), true);
    table.name = name;
    if (t.style) table.style = t.style;
    if (t.showRowStripes !== undefined) table.showBandedRows = t.showRowStripes;
  })];
}

/** Freeze panes, gridlines and tab colour. */
function viewOps(label: string, ws: () => Excel.Worksheet, spec: SheetSpec, env: RenderEnv): WriteOp[] {
  const ops: WriteOp[] = [];
  const fr = spec.freeze;
  if (fr && (fr.rows > 0 || fr.columns > 0)) {
    ops.push(op(OP_OVERHEAD_BYTES, `${label}: inmovilizar`, () => {
      const sheet = ws();
      if (fr.rows > 0 && fr.columns > 0) sheet.freezePanes.freezeAt(sheet.getRange(boxAddress({ r0: 1, c0: 1, r1: fr.rows, c1: fr.columns })));
      else if (fr.rows > 0) sheet.freezePanes.freezeRows(fr.rows);
      else sheet.freezePanes.freezeColumns(fr.columns);
    }));
  }
  if (spec.showGridLines === false) {
    if (env.caps.gridlines) {
      ops.push(op(OP_OVERHEAD_BYTES, `${label}: sin cuadrícula`, () => {
        ws().showGridlines = false;
      }));
    } else env.notices.degraded("gridlines");
  }
  if (spec.tabColor) {
    const color = hex(spec.tabColor);
    ops.push(op(OP_OVERHEAD_BYTES, `${label}: color de pestaña`, () => {
      ws().tabColor = color;
    }));
  }
  return ops;
}

/** The operations of one sheet, in three phases a caller may interleave across sheets. */
export interface SheetPhases {
  /** Constants, formats, merges, sizes and tables. */
  structure: WriteOp[];
  /** Formula cells (after every table they may name exists). */
  formulas: WriteOp[];
  /** Conditional formats, validations, charts, print setup, view. */
  finish: WriteOp[];
}

/**
 * Every operation that renders a sheet description onto a worksheet (which an earlier operation
 * created or found), by phase. `firstCfPriority` continues the sheet's conditional-format order when
 * the sheet already has some.
 */
export function sheetPhases(spec: SheetSpec, ws: () => Excel.Worksheet, env: RenderEnv, firstCfPriority = 0): SheetPhases {
  const label = spec.name;
  const range = (address: string) => () => ws().getRange(address);
  const structure: WriteOp[] = [];
  structure.push(...cellOps(label, ws, spec.blocks, "literals", env));
  for (const f of spec.formats as FormatSpec[]) structure.push(...styleOps(label, range(f.range), parseBox(f.range), f.style, env));
  for (const m of spec.merges) {
    structure.push(op(OP_OVERHEAD_BYTES, `${label}: combinar ${m}`, () => {
      ws().getRange(m).merge(false);
    }));
  }
  structure.push(...sizeOps(label, ws, spec));
  for (const t of spec.tables) structure.push(...tableOps(label, ws, t, env));
  const formulas: WriteOp[] = [];
  formulas.push(...cellOps(label, ws, spec.blocks, "formulas", env));
  const finish: WriteOp[] = [];
  let priority = firstCfPriority;
  for (const cf of spec.conditionalFormats) {
    finish.push(...conditionalFormatOps(label, range(cf.range), cf, priority, env));
    priority += cf.rules.length;
  }
  for (const dv of spec.dataValidations) finish.push(...dataValidationOps(label, range(dv.range), dv, env));
  for (const c of spec.charts) finish.push(...chartOps(label, ws, c, env));
  if (spec.print) finish.push(...printOps(label, ws, spec.print, env));
  finish.push(...viewOps(label, ws, spec, env));
  return { structure, formulas, finish };
}

/** All the operations of one sheet, phases in order. */
export function sheetOps(spec: SheetSpec, ws: () => Excel.Worksheet, env: RenderEnv, firstCfPriority = 0): WriteOp[] {
  const p = sheetPhases(spec, ws, env, firstCfPriority);
  return [...p.structure, ...p.formulas, ...p.finish];
}

/**
 * Workbook-level defined names: an existing name gets its new formula (so formulas elsewhere that
 * use it keep working), a missing one is added. `existing` holds the names present (upper case).
 */
export function namesOps(context: Excel.RequestContext, names: readonly DefinedNameSpec[], existing: ReadonlySet<string>, env: Pick<RenderEnv, "formula">): WriteOp[] {
  return names.map((n) => {
    const exists = existing.has(n.name.toUpperCase());
    return op(payloadBytes(n), `nombre ${n.name}`, () => {
      const refersTo = env.formula ? env.formula(n.refersTo) : n.refersTo;
      if (exists) {
        const item = context.workbook.names.getItem(n.name);
        item.formula = refersTo;
        if (n.comment !== undefined) item.comment = n.comment;
      } else {
        context.workbook.names.add(n.name, refersTo, n.comment);
      }
    });
  });
}
