/**
 * Cell-level rules of the strict Excel, applied when a sync runs: writing 2-D arrays (shape checks,
 * Excel's parsing of typed input, formulas), reading them back, styles by range, protection, and
 * keeping table headers and column names in step.
 */
import { Rect, cellAddress, cellCount, cols, intersects, qualified, rows } from "./address";
import { excelError } from "./errors";
import { checkFormulaSyntax, shiftFormula, structuredRefs } from "./formula";
import { Engine } from "./runtime";
import { interpretInput, interpretNumberFormat } from "./rules";
import {
  CellScalar,
  CellState,
  CellStyle,
  SheetState,
  TableState,
  WorkbookState,
  hasContent,
  peekCell,
  pruneCell,
  touchCell,
} from "./state";

/** Formatting commands on more cells than this are refused: the model keeps styles per cell. */
export const MAX_STYLED_CELLS = 200_000;

export type WriteMode = "values" | "formulas" | "numberFormat";

/** Refuses edits on a protected sheet (Excel answers AccessDenied, as the Graph workbook API documents). */
export function assertEditable(sheet: SheetState, what: string): void {
  if (sheet.protection.protected)
    throw excelError("AccessDenied", `sheet "${sheet.name}" is protected; ${what} is refused until protection.unprotect()`);
}

/** The table whose range contains the cell, if any. */
export function tableAt(state: WorkbookState, sheet: SheetState, row: number, col: number): TableState | undefined {
  return state.tables.find(
    (t) => t.sheetId === sheet.id && row >= t.rect.r1 && row <= t.rect.r2 && col >= t.rect.c1 && col <= t.rect.c2,
  );
}

function isMatrix(v: unknown): v is unknown[][] {
  return Array.isArray(v) && v.every((r) => Array.isArray(r));
}

/**
 * Applies a `values`, `formulas` or `numberFormat` write. Arrays must match the range's shape
 * exactly (InvalidArgument otherwise, as Excel: "The number of rows or columns in the input array
 * doesn't match the size or dimensions of the range."). A non-array value is written to every cell
 * (Excel accepts it at run time though @types does not), shifting relative references of formulas.
 */
export function writeMatrix(engine: Engine, sheet: SheetState, rect: Rect, input: unknown, mode: WriteMode): void {
  const nr = rows(rect);
  const nc = cols(rect);
  const broadcast = !Array.isArray(input);
  if (!broadcast) {
    if (!isMatrix(input) || input.length !== nr || input.some((r) => r.length !== nc)) {
      const shape = isMatrix(input) ? `${input.length}x${input[0]?.length ?? 0}` : "a 1-D array";
      throw excelError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range: ${qualified(sheet.name, rect)} is ${nr}x${nc}, the array is ${shape}`,
      );
    }
  } else {
    if (input === null || input === undefined)
      throw excelError("InvalidArgument", `${mode} of ${qualified(sheet.name, rect)} cannot be set to ${input}`);
    if (cellCount(rect) > 1) engine.stats.scalarBroadcasts += 1;
  }
  if (cellCount(rect) > MAX_STYLED_CELLS)
    throw excelError("NotImplemented", `strict-excel does not write ${mode} to ${cellCount(rect)} cells at once`);
  assertEditable(sheet, `writing ${mode} to ${qualified(sheet.name, rect)}`);
  // Calculated columns are worked out once the whole block is written, not after every cell: each
  // refresh reads the whole column, which made a formula column of n rows cost n² reads.
  const outer = pendingRefresh;
  const pending = outer ?? new Map<TableState, { sheet: SheetState; cols: Set<number> }>();
  pendingRefresh = pending;
  try {
    for (let i = 0; i < nr; i++) {
      for (let j = 0; j < nc; j++) {
        const row = rect.r1 + i;
        const col = rect.c1 + j;
        let v = broadcast ? input : (input as unknown[][])[i][j];
        if (broadcast && typeof v === "string" && v.startsWith("=") && mode !== "numberFormat") v = shiftFormula(v, i, j);
        if (mode === "numberFormat") writeNumberFormat(sheet, row, col, v);
        else writeCell(engine, sheet, row, col, v, mode === "values");
      }
    }
  } finally {
    pendingRefresh = outer;
    if (!outer) for (const [table, p] of pending) for (const col of p.cols) refreshCalculatedColumn(engine, p.sheet, col, table);
  }
}

/** Columns whose calculated formula a block write in progress will refresh when it ends. */
let pendingRefresh: Map<TableState, { sheet: SheetState; cols: Set<number> }> | null = null;

function refreshAfterWrite(engine: Engine, sheet: SheetState, col: number, table: TableState | undefined): void {
  if (!table) return;
  if (!pendingRefresh) return refreshCalculatedColumn(engine, sheet, col, table);
  const p = pendingRefresh.get(table) ?? { sheet, cols: new Set<number>() };
  p.cols.add(col);
  pendingRefresh.set(table, p);
}

function writeNumberFormat(sheet: SheetState, row: number, col: number, v: unknown): void {
  const nf = interpretNumberFormat(v);
  if (nf.kind === "skip") return;
  const c = touchCell(sheet, row, col);
  c.style = { ...(c.style ?? {}), numberFormat: nf.format };
  if (nf.format === "General") delete c.style.numberFormat;
  pruneCell(sheet, c);
}

/** Writes one cell as if typed, keeping table headers in step. */
export function writeCell(engine: Engine, sheet: SheetState, row: number, col: number, v: unknown, viaValues = true): void {
  const existing = peekCell(sheet, row, col);
  const isText = existing?.style?.numberFormat === "@";
  const w = interpretInput(v, isText);
  if (w.kind === "skip") return;
  const addr = `${sheet.name}!${cellAddress(row, col)}`;
  const table = tableAt(engine.state, sheet, row, col);
  const isHeader = !!table && table.showHeaders && row === table.rect.r1;
  const c = touchCell(sheet, row, col);
  engine.contentChanged = true;
  delete c.cached;
  if (w.kind === "clear") {
    delete c.value;
    delete c.formula;
    delete c.quotePrefix;
    if (isHeader) renameHeaderFromCell(engine, table!, col, "");
    pruneCell(sheet, c);
    return;
  }
  if (w.kind === "formula") {
    if (isHeader) {
      // Headers hold text only; Excel keeps what was typed as the column name.
      setHeaderText(engine, table!, col, w.formula);
      return;
    }
    checkFormula(engine, sheet, row, col, w.formula);
    if (viaValues) engine.stats.textBecameFormula.push(addr);
    delete c.value;
    delete c.quotePrefix;
    c.formula = w.formula;
    refreshAfterWrite(engine, sheet, col, table);
    return;
  }
  if (typeof w.value === "string" && w.value.length > 32767)
    throw excelError("InvalidArgument", `text for ${addr} has ${w.value.length} characters; a cell holds at most 32,767`);
  if (isHeader) {
    setHeaderText(engine, table!, col, String(w.value));
    return;
  }
  if (w.coercedFrom !== undefined) engine.stats.textCoerced.push(addr);
  delete c.formula;
  c.value = w.value;
  if (w.quotePrefix) c.quotePrefix = true;
  else delete c.quotePrefix;
  if (w.numberFormat && !c.style?.numberFormat) c.style = { ...(c.style ?? {}), numberFormat: w.numberFormat };
  refreshAfterWrite(engine, sheet, col, table);
}

/** Writes a formula or constant from `formulas`; same parsing as values. */
export function checkFormula(engine: Engine, sheet: SheetState, row: number, col: number, formula: string): void {
  if (formula.length > 8192)
    throw excelError("FormulaLengthExceedsLimit", `formula in ${sheet.name}!${cellAddress(row, col)} has ${formula.length} characters; Excel allows 8,192`);
  checkFormulaSyntax(formula);
  if (!engine.options.validateStructuredReferences) return;
  const host = tableAt(engine.state, sheet, row, col);
  for (const ref of structuredRefs(formula)) {
    const table = ref.table
      ? engine.state.tables.find((t) => t.name.toUpperCase() === ref.table!.toUpperCase())
      : host;
    if (!table) {
      // A bracket after an unknown name could be an external reference; Excel refuses unknown tables.
      throw excelError(
        "InvalidArgument",
        ref.table
          ? `formula ${formula} in ${sheet.name}!${cellAddress(row, col)} refers to table "${ref.table}", which does not exist (yet)`
          : `formula ${formula} in ${sheet.name}!${cellAddress(row, col)} uses ${ref.specifier} outside a table`,
      );
    }
    for (const name of ref.columns) {
      if (!table.columns.some((c) => c.name.toUpperCase() === name.toUpperCase()))
        throw excelError(
          "InvalidArgument",
          `formula ${formula} in ${sheet.name}!${cellAddress(row, col)} refers to column "${name}" of table "${table.name}", which has ${JSON.stringify(table.columns.map((c) => c.name))}`,
        );
    }
  }
}

function setHeaderText(engine: Engine, table: TableState, col: number, text: string): void {
  renameHeaderFromCell(engine, table, col, text);
}

/** A header cell changed: the column takes the text (blank -> "ColumnN", duplicates get a number). */
export function renameHeaderFromCell(engine: Engine, table: TableState, col: number, text: string): void {
  const index = col - table.rect.c1;
  const column = table.columns[index];
  const wanted = text.trim() === "" ? defaultColumnName(table, index) : text;
  const unique = uniqueColumnName(table, wanted, index);
  const old = column.name;
  column.name = unique;
  const sheet = engine.state.sheets.find((s) => s.id === table.sheetId)!;
  const c = touchCell(sheet, table.rect.r1, col);
  delete c.formula;
  c.value = unique;
  if (old !== unique) onColumnRenamed(engine, table, old, unique);
}

/** Hook set by the table module to rewrite formulas after a column rename. */
export let onColumnRenamed: (engine: Engine, table: TableState, oldName: string, newName: string) => void = () => undefined;
export function setColumnRenameHook(f: typeof onColumnRenamed): void {
  onColumnRenamed = f;
}

export function defaultColumnName(table: TableState, index: number): string {
  let n = index + 1;
  for (;;) {
    const name = `Column${n}`;
    if (!table.columns.some((c, i) => i !== index && c.name.toUpperCase() === name.toUpperCase())) return name;
    n++;
  }
}

export function uniqueColumnName(table: TableState, wanted: string, index: number): string {
  const taken = (name: string) => table.columns.some((c, i) => i !== index && c.name.toUpperCase() === name.toUpperCase());
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken(`${wanted}${n}`)) return `${wanted}${n}`;
}

/** Excel's calculated column: a column whose data cells all hold the same formula. */
export function refreshCalculatedColumn(engine: Engine, sheet: SheetState, col: number, table: TableState | undefined): void {
  if (!table) return;
  const index = col - table.rect.c1;
  const first = table.rect.r1 + (table.showHeaders ? 1 : 0);
  const last = table.rect.r2 - (table.showTotals ? 1 : 0);
  let formula: string | undefined;
  for (let r = first; r <= last; r++) {
    const f = peekCell(sheet, r, col)?.formula;
    if (f === undefined || (formula !== undefined && f !== formula)) {
      formula = undefined;
      break;
    }
    formula = f;
  }
  table.columns[index].calculatedFormula = formula;
  void engine;
}

/** What a formula cell reads as: the cached result when known, else null (counted in stats). */
function formulaResult(engine: Engine, c: CellState): CellScalar | null {
  if (c.cached !== undefined) return c.cached;
  engine.stats.uncomputedFormulaReads += 1;
  return null;
}

export type ReadMode = "values" | "formulas" | "numberFormat" | "text" | "valueTypes";

/** Reads a 2-D array from the sheet as Office.js returns it ("" for empty cells). */
export function readMatrix(engine: Engine, sheet: SheetState, rect: Rect, mode: ReadMode): unknown[][] {
  const out: unknown[][] = [];
  for (let r = rect.r1; r <= rect.r2; r++) {
    const line: unknown[] = [];
    for (let c = rect.c1; c <= rect.c2; c++) line.push(readCell(engine, peekCell(sheet, r, c), mode));
    out.push(line);
  }
  return out;
}

function readCell(engine: Engine, c: CellState | undefined, mode: ReadMode): unknown {
  switch (mode) {
    case "numberFormat":
      return c?.style?.numberFormat ?? "General";
    case "formulas":
      if (!c) return "";
      if (c.formula !== undefined) return c.formula;
      if (c.value === undefined) return "";
      return c.quotePrefix ? `'${c.value}` : c.value;
    case "values":
      if (!c) return "";
      if (c.formula !== undefined) return formulaResult(engine, c) ?? null;
      return c.value ?? "";
    case "text": {
      if (!c) return "";
      const v = c.formula !== undefined ? formulaResult(engine, c) : c.value;
      return formatText(v ?? "", c.style?.numberFormat);
    }
    case "valueTypes": {
      if (!hasContent(c)) return "Empty";
      const v = c!.formula !== undefined ? c!.cached : c!.value;
      if (v === undefined || v === null) return "Unknown";
      if (typeof v === "number") return "Double";
      if (typeof v === "boolean") return "Boolean";
      if (typeof v === "string" && /^#(REF!|VALUE!|DIV\/0!|NAME\?|N\/A|NUM!|NULL!)$/.test(v)) return "Error";
      return "String";
    }
  }
}

/** A small subset of number formatting, enough for "0%", "0.0%", "0", "0.00", "#,##0". */
export function formatText(v: CellScalar, format?: string): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v !== "number") return String(v);
  const f = format ?? "General";
  const pct = /^0(\.(0+))?%$/.exec(f);
  if (pct) return `${(v * 100).toFixed(pct[2]?.length ?? 0)}%`;
  const fixed = /^(#,##)?0(\.(0+))?$/.exec(f);
  if (fixed) {
    const s = v.toFixed(fixed[3]?.length ?? 0);
    return fixed[1] ? Number(s).toLocaleString("en-US", { minimumFractionDigits: fixed[3]?.length ?? 0 }) : s;
  }
  return String(v);
}

/** Applies a style change to every cell of the range. */
export function styleRange(sheet: SheetState, rect: Rect, what: string, mutate: (s: CellStyle) => void): void {
  if (cellCount(rect) > MAX_STYLED_CELLS)
    throw excelError("NotImplemented", `strict-excel does not format ${cellCount(rect)} cells at once (${what} on ${qualified(sheet.name, rect)})`);
  assertEditable(sheet, `formatting ${qualified(sheet.name, rect)}`);
  for (let r = rect.r1; r <= rect.r2; r++) {
    for (let c = rect.c1; c <= rect.c2; c++) {
      const cell = touchCell(sheet, r, c);
      const s: CellStyle = structuredClone(cell.style ?? {});
      mutate(s);
      cell.style = s;
      pruneEmptyStyle(cell);
      pruneCell(sheet, cell);
    }
  }
}

function pruneEmptyStyle(cell: CellState): void {
  const s = cell.style;
  if (!s) return;
  if (s.font && Object.keys(s.font).length === 0) delete s.font;
  if (s.borders && Object.keys(s.borders).length === 0) delete s.borders;
  if (Object.keys(s).length === 0) delete cell.style;
}

/** Reads one style property over a range: the common value, or null when cells differ. */
export function readStyle<T>(sheet: SheetState, rect: Rect, get: (s: CellStyle) => T): T | null {
  let first = true;
  let value: T | null = null;
  const n = cellCount(rect);
  if (n > MAX_STYLED_CELLS) {
    // Only cells that exist can differ from the default; examine those plus one default.
    const defaults = get({});
    value = defaults;
    for (const c of sheet.cells.values()) {
      if (c.row < rect.r1 || c.row > rect.r2 || c.col < rect.c1 || c.col > rect.c2) continue;
      if (!sameValue(get(c.style ?? {}), defaults)) return null;
    }
    return value;
  }
  for (let r = rect.r1; r <= rect.r2; r++) {
    for (let c = rect.c1; c <= rect.c2; c++) {
      const v = get(peekCell(sheet, r, c)?.style ?? {});
      if (first) {
        value = v;
        first = false;
      } else if (!sameValue(v, value)) return null;
    }
  }
  return value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `Range.clear(applyTo)`: "All", "Formats" or "Contents". */
export function clearRange(engine: Engine, sheet: SheetState, rect: Rect, applyTo: string): void {
  assertEditable(sheet, `clearing ${qualified(sheet.name, rect)}`);
  const contents = applyTo === "All" || applyTo === "Contents" || applyTo === "ResetContents";
  const formats = applyTo === "All" || applyTo === "Formats";
  for (const c of [...sheet.cells.values()]) {
    if (c.row < rect.r1 || c.row > rect.r2 || c.col < rect.c1 || c.col > rect.c2) continue;
    const table = tableAt(engine.state, sheet, c.row, c.col);
    if (contents) {
      if (table && table.showHeaders && c.row === table.rect.r1) {
        renameHeaderFromCell(engine, table, c.col, "");
      } else {
        delete c.value;
        delete c.formula;
        delete c.cached;
        delete c.quotePrefix;
        engine.contentChanged = true;
      }
    }
    if (formats) delete c.style;
    pruneCell(sheet, c);
  }
  if (contents) for (const t of engine.state.tables) if (t.sheetId === sheet.id && intersects(t.rect, rect)) for (let c = t.rect.c1; c <= t.rect.c2; c++) refreshCalculatedColumn(engine, sheet, c, t);
}

/** The bounding rectangle of cells holding content (valuesOnly) or also formats; null when none. */
export function usedRect(sheet: SheetState, valuesOnly: boolean): Rect | null {
  let r: Rect | null = null;
  for (const c of sheet.cells.values()) {
    if (valuesOnly ? !hasContent(c) : !hasContent(c) && !c.style) continue;
    if (!r) r = { r1: c.row, c1: c.col, r2: c.row, c2: c.col };
    else r = { r1: Math.min(r.r1, c.row), c1: Math.min(r.c1, c.col), r2: Math.max(r.r2, c.row), c2: Math.max(r.c2, c.col) };
  }
  return r;
}
