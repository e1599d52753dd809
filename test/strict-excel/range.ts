/**
 * Range and what hangs off it: format (fill, font, borders, alignment, sizes), conditional formats
 * and data validation. A Range proxy resolves to a sheet and a rectangle when its first command runs.
 */
import {
  MAX_COLS,
  MAX_ROWS,
  Rect,
  boundingRect,
  cellCount,
  cols,
  contains,
  formatRect,
  intersection,
  intersects,
  isEntireColumn,
  isEntireRow,
  parseRect,
  qualified,
  rows,
  splitSheet,
  subtract,
} from "./address";
import {
  MAX_STYLED_CELLS,
  assertEditable,
  clearRange,
  readMatrix,
  readStyle,
  styleRange,
  tableAt,
  usedRect,
  writeMatrix,
} from "./cells";
import { excelError } from "./errors";
import { checkFormulaSyntax, hasStructuredRefs, shiftFormula } from "./formula";
import { ClientObject, CollectionObject, Engine, PropSpec, StrictRequestContext } from "./runtime";
import { normalizeColor } from "./rules";
import {
  BorderState,
  CellStyle,
  ConditionalFormatState,
  DataValidationState,
  SheetState,
  findSheet,
  peekCell,
  pruneCell,
  touchCell,
} from "./state";
import { Worksheet } from "./worksheet";

export interface RangeRef {
  sheet: SheetState;
  rect: Rect;
}

const engineOf = (p: ClientObject): Engine => p.context.engine;

/** Resolves an address string relative to a sheet: "B5:F20", "Hoja!B5", "A:A", or a defined name. */
export function resolveAddress(engine: Engine, sheet: SheetState, address: string | undefined): RangeRef {
  if (address === undefined || address === "") return { sheet, rect: { r1: 0, c1: 0, r2: MAX_ROWS - 1, c2: MAX_COLS - 1 } };
  if (typeof address !== "string") throw excelError("InvalidArgument", `address must be a string, got ${JSON.stringify(address)}`);
  const { sheet: sheetName, local } = splitSheet(address);
  let target = sheet;
  if (sheetName !== undefined) {
    const s = findSheet(engine.state, sheetName);
    if (!s) throw excelError("InvalidArgument", `address "${address}" names sheet "${sheetName}", which does not exist`);
    target = s;
  }
  const rect = parseRect(local);
  if (rect) return { sheet: target, rect };
  const named = engine.state.names.find((n) => n.name.toUpperCase() === local.toUpperCase() && (!n.sheetId || n.sheetId === sheet.id));
  if (named) {
    const ref = rangeOfFormula(engine, named.formula);
    if (ref) return ref;
  }
  throw excelError("InvalidArgument", `"${address}" is not a valid range address`);
}

/** The range a "=Sheet!$A$1:$B$2" formula points to, or null when it is not a plain reference. */
export function rangeOfFormula(engine: Engine, formula: string): RangeRef | null {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  const { sheet: sheetName, local } = splitSheet(body);
  if (!sheetName) return null;
  const sheet = findSheet(engine.state, sheetName);
  const rect = parseRect(local);
  return sheet && rect ? { sheet, rect } : null;
}

function checkInside(rect: Rect): Rect {
  if (rect.r1 < 0 || rect.c1 < 0 || rect.r2 >= MAX_ROWS || rect.c2 >= MAX_COLS || rect.r2 < rect.r1 || rect.c2 < rect.c1)
    throw excelError("InvalidArgument", `the range would fall outside the worksheet`);
  return rect;
}

function checkInt(name: string, v: unknown, min = -Infinity): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) throw excelError("InvalidArgument", `${name} must be an integer${min > -Infinity ? ` >= ${min}` : ""}, got ${JSON.stringify(v)}`);
  return v;
}

const rangeProps: Record<string, PropSpec<RangeRef>> = {
  address: { get: (e) => qualified(e.sheet.name, e.rect) },
  addressLocal: { get: (e) => qualified(e.sheet.name, e.rect) },
  values: {
    get: (e, p) => readMatrix(engineOf(p), e.sheet, e.rect, "values"),
    set: (e, v, p) => writeMatrix(engineOf(p), e.sheet, e.rect, v, "values"),
  },
  formulas: {
    get: (e, p) => readMatrix(engineOf(p), e.sheet, e.rect, "formulas"),
    set: (e, v, p) => writeMatrix(engineOf(p), e.sheet, e.rect, v, "formulas"),
  },
  numberFormat: {
    get: (e, p) => readMatrix(engineOf(p), e.sheet, e.rect, "numberFormat"),
    set: (e, v, p) => writeMatrix(engineOf(p), e.sheet, e.rect, v, "numberFormat"),
  },
  text: { get: (e, p) => readMatrix(engineOf(p), e.sheet, e.rect, "text") },
  valueTypes: { get: (e, p) => readMatrix(engineOf(p), e.sheet, e.rect, "valueTypes") },
  rowCount: { get: (e) => rows(e.rect) },
  columnCount: { get: (e) => cols(e.rect) },
  cellCount: { get: (e) => cellCount(e.rect) },
  rowIndex: { get: (e) => e.rect.r1 },
  columnIndex: { get: (e) => e.rect.c1 },
  isEntireColumn: { get: (e) => isEntireColumn(e.rect) },
  isEntireRow: { get: (e) => isEntireRow(e.rect) },
  columnHidden: {
    get: (e) => allOrNull(e.rect.c1, e.rect.c2, (c) => e.sheet.hiddenColumns.has(c)),
    set: (e, v) => {
      for (let c = e.rect.c1; c <= e.rect.c2; c++) (v ? e.sheet.hiddenColumns.add(c) : e.sheet.hiddenColumns.delete(c));
    },
  },
  rowHidden: {
    get: (e) => allOrNull(e.rect.r1, e.rect.r2, (r) => e.sheet.hiddenRows.has(r)),
    set: (e, v) => {
      if (rows(e.rect) > MAX_STYLED_CELLS) throw excelError("NotImplemented", "hiding that many rows is not modelled");
      for (let r = e.rect.r1; r <= e.rect.r2; r++) (v ? e.sheet.hiddenRows.add(r) : e.sheet.hiddenRows.delete(r));
    },
  },
};

function allOrNull<T>(from: number, to: number, f: (i: number) => T): T | null {
  if (to - from > MAX_STYLED_CELLS) return f(from);
  const first = f(from);
  for (let i = from + 1; i <= to; i++) if (f(i) !== first) return null;
  return first;
}

/** Excel.Range. */
export class Range extends ClientObject {
  static officeClass = "Range";
  static props = rangeProps;
  static nav = ["format", "conditionalFormats", "dataValidation", "worksheet"];

  constructor(ctx: StrictRequestContext, path: string, resolver: () => RangeRef | null, nullable = false) {
    super(ctx, path, resolver, nullable);
  }

  get address(): string { return this._read("address"); }
  get addressLocal(): string { return this._read("addressLocal"); }
  get values(): any[][] { return this._read("values"); }
  set values(v: any[][]) { this._write("values", v); }
  get formulas(): any[][] { return this._read("formulas"); }
  set formulas(v: any[][]) { this._write("formulas", v); }
  get numberFormat(): any[][] { return this._read("numberFormat"); }
  set numberFormat(v: any[][]) { this._write("numberFormat", v); }
  get text(): string[][] { return this._read("text"); }
  get valueTypes(): string[][] { return this._read("valueTypes"); }
  get rowCount(): number { return this._read("rowCount"); }
  get columnCount(): number { return this._read("columnCount"); }
  get cellCount(): number { return this._read("cellCount"); }
  get rowIndex(): number { return this._read("rowIndex"); }
  get columnIndex(): number { return this._read("columnIndex"); }
  get isEntireColumn(): boolean { return this._read("isEntireColumn"); }
  get isEntireRow(): boolean { return this._read("isEntireRow"); }
  get columnHidden(): boolean { return this._read("columnHidden"); }
  set columnHidden(v: boolean) { this._write("columnHidden", v); }
  get rowHidden(): boolean { return this._read("rowHidden"); }
  set rowHidden(v: boolean) { this._write("rowHidden", v); }

  get format(): RangeFormat {
    return this._child("format", () => new RangeFormat(this.context, `${this._path}.format`, () => this._resolve<RangeRef>()));
  }

  get conditionalFormats(): ConditionalFormatCollection {
    return this._child(
      "conditionalFormats",
      () => new ConditionalFormatCollection(this.context, `${this._path}.conditionalFormats`, () => this._resolve<RangeRef>()),
    );
  }

  get dataValidation(): DataValidation {
    return this._child("dataValidation", () => new DataValidation(this.context, `${this._path}.dataValidation`, () => this._resolve<RangeRef>()));
  }

  get worksheet(): Worksheet {
    return this._child("worksheet", () => new Worksheet(this.context, `${this._path}.worksheet`, () => this._resolve<RangeRef>()?.sheet ?? null));
  }

  _child<T extends ClientObject>(name: string, make: () => T): T {
    let c = this._navCache.get(name) as T | undefined;
    if (!c) {
      c = make();
      this._navCache.set(name, c);
    }
    return c;
  }

  /** A range derived from this one when the command that uses it runs. */
  _derive(label: string, f: (e: RangeRef) => Rect | null, nullable = false): Range {
    return new Range(
      this.context,
      `${this._path}.${label}`,
      () => {
        const e = this._resolve<RangeRef>();
        if (e === null) return null;
        const rect = f(e);
        return rect ? { sheet: e.sheet, rect: checkInside(rect) } : null;
      },
      nullable,
    );
  }

  getCell(row: number, column: number): Range {
    return this._derive(`getCell(${row},${column})`, (e) => {
      checkInt("row", row, 0);
      checkInt("column", column, 0);
      return { r1: e.rect.r1 + row, c1: e.rect.c1 + column, r2: e.rect.r1 + row, c2: e.rect.c1 + column };
    });
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this._derive(`getOffsetRange(${rowOffset},${columnOffset})`, (e) => {
      checkInt("rowOffset", rowOffset);
      checkInt("columnOffset", columnOffset);
      return { r1: e.rect.r1 + rowOffset, c1: e.rect.c1 + columnOffset, r2: e.rect.r2 + rowOffset, c2: e.rect.c2 + columnOffset };
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this._derive(`getResizedRange(${deltaRows},${deltaColumns})`, (e) => {
      checkInt("deltaRows", deltaRows);
      checkInt("deltaColumns", deltaColumns);
      return { r1: e.rect.r1, c1: e.rect.c1, r2: e.rect.r2 + deltaRows, c2: e.rect.c2 + deltaColumns };
    });
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): Range {
    return this._derive(`getAbsoluteResizedRange(${numRows},${numColumns})`, (e) => {
      checkInt("numRows", numRows, 1);
      checkInt("numColumns", numColumns, 1);
      return { r1: e.rect.r1, c1: e.rect.c1, r2: e.rect.r1 + numRows - 1, c2: e.rect.c1 + numColumns - 1 };
    });
  }

  getRow(row: number): Range {
    return this._derive(`getRow(${row})`, (e) => {
      checkInt("row", row, 0);
      if (row >= rows(e.rect)) throw excelError("InvalidArgument", `row ${row} is outside ${formatRect(e.rect)}`);
      return { ...e.rect, r1: e.rect.r1 + row, r2: e.rect.r1 + row };
    });
  }

  getColumn(column: number): Range {
    return this._derive(`getColumn(${column})`, (e) => {
      checkInt("column", column, 0);
      if (column >= cols(e.rect)) throw excelError("InvalidArgument", `column ${column} is outside ${formatRect(e.rect)}`);
      return { ...e.rect, c1: e.rect.c1 + column, c2: e.rect.c1 + column };
    });
  }

  getEntireColumn(): Range {
    return this._derive("getEntireColumn()", (e) => ({ r1: 0, c1: e.rect.c1, r2: MAX_ROWS - 1, c2: e.rect.c2 }));
  }

  getEntireRow(): Range {
    return this._derive("getEntireRow()", (e) => ({ r1: e.rect.r1, c1: 0, r2: e.rect.r2, c2: MAX_COLS - 1 }));
  }

  getLastRow(): Range {
    return this._derive("getLastRow()", (e) => ({ ...e.rect, r1: e.rect.r2 }));
  }

  getLastColumn(): Range {
    return this._derive("getLastColumn()", (e) => ({ ...e.rect, c1: e.rect.c2 }));
  }

  getLastCell(): Range {
    return this._derive("getLastCell()", (e) => ({ r1: e.rect.r2, c1: e.rect.c2, r2: e.rect.r2, c2: e.rect.c2 }));
  }

  getRowsAbove(count = 1): Range {
    return this._derive(`getRowsAbove(${count})`, (e) => ({ ...e.rect, r1: e.rect.r1 - count, r2: e.rect.r1 - 1 }));
  }

  getRowsBelow(count = 1): Range {
    return this._derive(`getRowsBelow(${count})`, (e) => ({ ...e.rect, r1: e.rect.r2 + 1, r2: e.rect.r2 + count }));
  }

  getColumnsBefore(count = 1): Range {
    return this._derive(`getColumnsBefore(${count})`, (e) => ({ ...e.rect, c1: e.rect.c1 - count, c2: e.rect.c1 - 1 }));
  }

  getColumnsAfter(count = 1): Range {
    return this._derive(`getColumnsAfter(${count})`, (e) => ({ ...e.rect, c1: e.rect.c2 + 1, c2: e.rect.c2 + count }));
  }

  getBoundingRect(anotherRange: Range | string): Range {
    return this._derive("getBoundingRect()", (e) => boundingRect(e.rect, otherRect(this, e, anotherRange)));
  }

  getIntersection(anotherRange: Range | string): Range {
    return this._derive("getIntersection()", (e) => {
      const i = intersection(e.rect, otherRect(this, e, anotherRange));
      if (!i) throw excelError("ItemNotFound", "the ranges do not intersect");
      return i;
    });
  }

  getIntersectionOrNullObject(anotherRange: Range | string): Range {
    return this._derive("getIntersectionOrNullObject()", (e) => intersection(e.rect, otherRect(this, e, anotherRange)), true);
  }

  getUsedRange(valuesOnly = false): Range {
    return this._derive("getUsedRange()", (e) => {
      const u = usedRect(e.sheet, valuesOnly);
      const i = u && intersection(u, e.rect);
      return i ?? { r1: e.rect.r1, c1: e.rect.c1, r2: e.rect.r1, c2: e.rect.c1 };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this._derive(
      "getUsedRangeOrNullObject()",
      (e) => {
        const u = usedRect(e.sheet, valuesOnly);
        return u && intersection(u, e.rect);
      },
      true,
    );
  }

  /** Merges the range (across: one merge per row); keeps the top-left value, as Excel does. */
  merge(across = false): void {
    this._call<RangeRef>("merge", { across }, (e) => {
      assertEditable(e.sheet, `merging ${qualified(e.sheet.name, e.rect)}`);
      const engine = engineOf(this);
      for (const t of engine.state.tables)
        if (t.sheetId === e.sheet.id && intersects(t.rect, e.rect))
          throw excelError("InvalidOperation", `cannot merge ${qualified(e.sheet.name, e.rect)}: it overlaps table "${t.name}"`);
      const parts = across ? Array.from({ length: rows(e.rect) }, (_, i) => ({ ...e.rect, r1: e.rect.r1 + i, r2: e.rect.r1 + i })) : [e.rect];
      for (const part of parts) {
        if (cellCount(part) < 2) continue;
        e.sheet.merges = e.sheet.merges.filter((m) => {
          if (!intersects(m, part)) return true;
          if (contains(part, m)) return false;
          throw excelError("InvalidOperation", `cannot merge ${formatRect(part)}: it partly overlaps the merged area ${formatRect(m)}`);
        });
        for (const c of [...e.sheet.cells.values()]) {
          if (c.row === part.r1 && c.col === part.c1) continue;
          if (c.row >= part.r1 && c.row <= part.r2 && c.col >= part.c1 && c.col <= part.c2) {
            delete c.value;
            delete c.formula;
            delete c.cached;
            pruneCell(e.sheet, c);
          }
        }
        e.sheet.merges.push(part);
        engine.contentChanged = true;
      }
    });
  }

  unmerge(): void {
    this._call<RangeRef>("unmerge", undefined, (e) => {
      assertEditable(e.sheet, `unmerging ${qualified(e.sheet.name, e.rect)}`);
      e.sheet.merges = e.sheet.merges.filter((m) => !intersects(m, e.rect));
    });
  }

  clear(applyTo: string = "All"): void {
    this._call<RangeRef>("clear", { applyTo }, (e) => {
      if (!["All", "Formats", "Contents", "ResetContents", "Hyperlinks", "RemoveHyperlinks"].includes(applyTo))
        throw excelError("InvalidArgument", `clear("${applyTo}") is not a ClearApplyTo value`);
      clearRange(engineOf(this), e.sheet, e.rect, applyTo);
      if (applyTo === "All" || applyTo === "Formats") {
        const st = engineOf(this).state;
        st.conditionalFormats = dropRanges(st.conditionalFormats, e);
        st.dataValidations = dropRanges(st.dataValidations, e);
      }
    });
  }

  select(): void {
    this._call<RangeRef>("select", undefined, (e) => {
      const st = engineOf(this).state;
      st.selection = { sheetId: e.sheet.id, rect: e.rect };
      st.activeSheetId = e.sheet.id;
    });
  }

  /** Copies values, formulas (shifted like Excel's paste) and/or formats from another range. */
  copyFrom(sourceRange: Range | string, copyType: string = "All", skipBlanks = false, transpose = false): void {
    const payload = { source: typeof sourceRange === "string" ? sourceRange : sourceRange._path, copyType, skipBlanks, transpose };
    this._call<RangeRef>("copyFrom", payload, (dest) => {
      const engine = engineOf(this);
      const src = typeof sourceRange === "string" ? resolveAddress(engine, dest.sheet, sourceRange) : sourceRange._resolve<RangeRef>();
      if (!src) return;
      if (!["All", "Formulas", "Values", "Formats"].includes(copyType))
        throw excelError(copyType === "Link" ? "NotImplemented" : "InvalidArgument", `copyType "${copyType}"`);
      if (transpose) throw excelError("NotImplemented", "strict-excel does not model transposed copies");
      copyCells(engine, src, dest, copyType, skipBlanks);
    });
  }
}

function otherRect(self: Range, e: RangeRef, other: Range | string): Rect {
  if (typeof other === "string") {
    const r = resolveAddress(engineOf(self), e.sheet, other);
    if (r.sheet !== e.sheet) throw excelError("InvalidArgument", "the ranges are on different worksheets");
    return r.rect;
  }
  const o = other._resolve<RangeRef>();
  if (!o) throw excelError("InvalidArgument", "the other range is a null object");
  if (o.sheet !== e.sheet) throw excelError("InvalidArgument", "the ranges are on different worksheets");
  return o.rect;
}

function dropRanges<T extends { sheetId: string; ranges: Rect[] }>(list: T[], e: RangeRef): T[] {
  return list
    .map((x) => (x.sheetId === e.sheet.id ? { ...x, ranges: x.ranges.flatMap((r) => subtract(r, e.rect)) } : x))
    .filter((x) => x.ranges.length > 0);
}

function copyCells(engine: Engine, src: RangeRef, dest: RangeRef, copyType: string, skipBlanks: boolean): void {
  const sr = rows(src.rect);
  const sc = cols(src.rect);
  let target = dest.rect;
  if (cellCount(dest.rect) === 1) target = { r1: dest.rect.r1, c1: dest.rect.c1, r2: dest.rect.r1 + sr - 1, c2: dest.rect.c1 + sc - 1 };
  else if (rows(target) % sr !== 0 || cols(target) % sc !== 0)
    throw excelError("InvalidArgument", `cannot paste ${formatRect(src.rect)} (${sr}x${sc}) into ${formatRect(dest.rect)}: the sizes do not fit`);
  checkInside(target);
  assertEditable(dest.sheet, `pasting into ${qualified(dest.sheet.name, target)}`);
  if (cellCount(target) > MAX_STYLED_CELLS) throw excelError("NotImplemented", "copying that many cells is not modelled");
  const content = copyType !== "Formats";
  const formats = copyType === "All" || copyType === "Formats";
  // Read everything first: source and destination may overlap.
  const snapshot = new Map<string, ReturnType<typeof peekCell>>();
  for (let r = src.rect.r1; r <= src.rect.r2; r++)
    for (let c = src.rect.c1; c <= src.rect.c2; c++) snapshot.set(`${r},${c}`, structuredClone(peekCell(src.sheet, r, c)));
  for (let r = target.r1; r <= target.r2; r++) {
    for (let c = target.c1; c <= target.c2; c++) {
      const or = src.rect.r1 + ((r - target.r1) % sr);
      const oc = src.rect.c1 + ((c - target.c1) % sc);
      const s = snapshot.get(`${or},${oc}`);
      const blank = !s || (s.value === undefined && s.formula === undefined);
      if (skipBlanks && blank) continue;
      const d = touchCell(dest.sheet, r, c);
      if (content) {
        engine.contentChanged = true;
        delete d.value;
        delete d.formula;
        delete d.cached;
        delete d.quotePrefix;
        if (s?.formula !== undefined) {
          if (copyType === "Values") {
            if (s.cached === undefined || s.cached === null)
              throw excelError("NotImplemented", `copying the value of formula ${s.formula} needs its result, which strict-excel cannot compute`);
            d.value = s.cached;
          } else {
            d.formula = shiftFormula(s.formula, r - or, c - oc);
          }
        } else if (s?.value !== undefined) {
          d.value = s.value;
          if (s.quotePrefix) d.quotePrefix = true;
        }
        const table = tableAt(engine.state, dest.sheet, r, c);
        if (table && table.showHeaders && r === table.rect.r1)
          throw excelError("NotImplemented", "pasting into a table header is not modelled");
      }
      if (formats) {
        if (s?.style) d.style = structuredClone(s.style);
        else delete d.style;
      }
      pruneCell(dest.sheet, d);
    }
  }
}

const H_ALIGN = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];
const V_ALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"];

function oneOf(name: string, allowed: string[], v: unknown): string {
  if (typeof v !== "string" || !allowed.includes(v)) throw excelError("InvalidArgument", `${name} must be one of ${allowed.join(", ")}; got ${JSON.stringify(v)}`);
  return v;
}

function bool(name: string, v: unknown): boolean {
  if (typeof v !== "boolean") throw excelError("InvalidArgument", `${name} must be a boolean, got ${JSON.stringify(v)}`);
  return v;
}

function positive(name: string, v: unknown, max: number): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > max) throw excelError("InvalidArgument", `${name} must be a number between 0 and ${max}, got ${JSON.stringify(v)}`);
  return v;
}

const DEFAULT_COLUMN_WIDTH = 48; // points: 8.43 characters of Calibri 11
const DEFAULT_ROW_HEIGHT = 15;

const formatProps: Record<string, PropSpec<RangeRef>> = {
  horizontalAlignment: {
    get: (e) => readStyle(e.sheet, e.rect, (s) => s.horizontalAlignment ?? "General"),
    set: (e, v) => {
      const a = oneOf("horizontalAlignment", H_ALIGN, v);
      styleRange(e.sheet, e.rect, "horizontalAlignment", (s) => (a === "General" ? delete s.horizontalAlignment : (s.horizontalAlignment = a)));
    },
  },
  verticalAlignment: {
    get: (e) => readStyle(e.sheet, e.rect, (s) => s.verticalAlignment ?? "Bottom"),
    set: (e, v) => {
      const a = oneOf("verticalAlignment", V_ALIGN, v);
      styleRange(e.sheet, e.rect, "verticalAlignment", (s) => (a === "Bottom" ? delete s.verticalAlignment : (s.verticalAlignment = a)));
    },
  },
  wrapText: {
    get: (e) => readStyle(e.sheet, e.rect, (s) => s.wrapText ?? false),
    set: (e, v) => {
      const b = bool("wrapText", v);
      styleRange(e.sheet, e.rect, "wrapText", (s) => (b ? (s.wrapText = true) : delete s.wrapText));
    },
  },
  indentLevel: {
    get: (e) => readStyle(e.sheet, e.rect, (s) => s.indentLevel ?? 0),
    set: (e, v) => {
      const n = positive("indentLevel", v, 250);
      styleRange(e.sheet, e.rect, "indentLevel", (s) => (n === 0 ? delete s.indentLevel : (s.indentLevel = n)));
    },
  },
  columnWidth: {
    get: (e) => allOrNull(e.rect.c1, e.rect.c2, (c) => e.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH),
    set: (e, v) => {
      const w = positive("columnWidth", v, 255 * 7.5);
      assertEditable(e.sheet, "changing column widths");
      for (let c = e.rect.c1; c <= e.rect.c2; c++) e.sheet.columnWidths.set(c, w);
    },
  },
  rowHeight: {
    get: (e) => allOrNull(e.rect.r1, e.rect.r2, (r) => e.sheet.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT),
    set: (e, v) => {
      const h = positive("rowHeight", v, 409);
      assertEditable(e.sheet, "changing row heights");
      if (rows(e.rect) > MAX_STYLED_CELLS) throw excelError("NotImplemented", "setting the height of that many rows is not modelled");
      for (let r = e.rect.r1; r <= e.rect.r2; r++) e.sheet.rowHeights.set(r, h);
    },
  },
};

/** Excel.RangeFormat. */
export class RangeFormat extends ClientObject {
  static officeClass = "RangeFormat";
  static props = formatProps;
  static nav = ["fill", "font", "borders"];

  get horizontalAlignment(): string { return this._read("horizontalAlignment"); }
  set horizontalAlignment(v: string) { this._write("horizontalAlignment", v); }
  get verticalAlignment(): string { return this._read("verticalAlignment"); }
  set verticalAlignment(v: string) { this._write("verticalAlignment", v); }
  get wrapText(): boolean { return this._read("wrapText"); }
  set wrapText(v: boolean) { this._write("wrapText", v); }
  get indentLevel(): number { return this._read("indentLevel"); }
  set indentLevel(v: number) { this._write("indentLevel", v); }
  get columnWidth(): number { return this._read("columnWidth"); }
  set columnWidth(v: number) { this._write("columnWidth", v); }
  get rowHeight(): number { return this._read("rowHeight"); }
  set rowHeight(v: number) { this._write("rowHeight", v); }

  get fill(): RangeFill {
    return child(this, "fill", () => new RangeFill(this.context, `${this._path}.fill`, () => this._resolve()));
  }

  get font(): RangeFont {
    return child(this, "font", () => new RangeFont(this.context, `${this._path}.font`, () => this._resolve()));
  }

  get borders(): RangeBorderCollection {
    return child(this, "borders", () => new RangeBorderCollection(this.context, `${this._path}.borders`, () => this._resolve()));
  }

  autofitColumns(): void {
    this._call<RangeRef>("autofitColumns", undefined, (e) => e.sheet.autofit.columns.push(e.rect));
  }

  autofitRows(): void {
    this._call<RangeRef>("autofitRows", undefined, (e) => e.sheet.autofit.rows.push(e.rect));
  }
}

export function child<T extends ClientObject>(owner: ClientObject, name: string, make: () => T): T {
  let c = owner._navCache.get(name) as T | undefined;
  if (!c) {
    c = make();
    owner._navCache.set(name, c);
  }
  return c;
}

/** Excel.RangeFill. */
export class RangeFill extends ClientObject {
  static officeClass = "RangeFill";
  static props: Record<string, PropSpec<RangeRef>> = {
    color: {
      get: (e) => readStyle(e.sheet, e.rect, (s) => s.fill ?? "#FFFFFF"),
      set: (e, v) => {
        const color = normalizeColor(v);
        styleRange(e.sheet, e.rect, "fill.color", (s) => (s.fill = color));
      },
    },
  };

  get color(): string { return this._read("color"); }
  set color(v: string) { this._write("color", v); }

  clear(): void {
    this._call<RangeRef>("clear", undefined, (e) => styleRange(e.sheet, e.rect, "fill.clear", (s) => delete s.fill));
  }
}

const UNDERLINES = ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"];

function fontProp<K extends keyof NonNullable<CellStyle["font"]>>(
  key: K,
  dflt: NonNullable<CellStyle["font"]>[K],
  check: (v: unknown) => NonNullable<CellStyle["font"]>[K],
): PropSpec<RangeRef> {
  return {
    get: (e) => readStyle(e.sheet, e.rect, (s) => s.font?.[key] ?? dflt),
    set: (e, v) => {
      const value = check(v);
      styleRange(e.sheet, e.rect, `font.${String(key)}`, (s) => {
        s.font = { ...(s.font ?? {}) };
        if (value === dflt) delete s.font[key];
        else s.font[key] = value;
      });
    },
  };
}

/** Excel.RangeFont. */
export class RangeFont extends ClientObject {
  static officeClass = "RangeFont";
  static props: Record<string, PropSpec<RangeRef>> = {
    bold: fontProp("bold", false, (v) => bool("font.bold", v)),
    italic: fontProp("italic", false, (v) => bool("font.italic", v)),
    size: fontProp("size", 11, (v) => positive("font.size", v, 409)),
    color: fontProp("color", "#000000", (v) => normalizeColor(v)),
    name: fontProp("name", "Calibri", (v) => {
      if (typeof v !== "string" || !v) throw excelError("InvalidArgument", "font.name must be a non-empty string");
      return v;
    }),
    underline: fontProp("underline", "None", (v) => oneOf("font.underline", UNDERLINES, v)),
  };

  get bold(): boolean { return this._read("bold"); }
  set bold(v: boolean) { this._write("bold", v); }
  get italic(): boolean { return this._read("italic"); }
  set italic(v: boolean) { this._write("italic", v); }
  get size(): number { return this._read("size"); }
  set size(v: number) { this._write("size", v); }
  get color(): string { return this._read("color"); }
  set color(v: string) { this._write("color", v); }
  get name(): string { return this._read("name"); }
  set name(v: string) { this._write("name", v); }
  get underline(): string { return this._read("underline"); }
  set underline(v: string) { this._write("underline", v); }
}

const BORDER_INDEXES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];
const LINE_STYLES = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"];
const WEIGHTS = ["Hairline", "Thin", "Medium", "Thick"];

/** Cells and the side of each that a border index of the range stands for. */
function borderTargets(rect: Rect, index: string): { row: number; col: number; side: string }[] {
  const out: { row: number; col: number; side: string }[] = [];
  const each = (r1: number, r2: number, c1: number, c2: number, side: string) => {
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) out.push({ row: r, col: c, side });
  };
  switch (index) {
    case "EdgeTop": each(rect.r1, rect.r1, rect.c1, rect.c2, "EdgeTop"); break;
    case "EdgeBottom": each(rect.r2, rect.r2, rect.c1, rect.c2, "EdgeBottom"); break;
    case "EdgeLeft": each(rect.r1, rect.r2, rect.c1, rect.c1, "EdgeLeft"); break;
    case "EdgeRight": each(rect.r1, rect.r2, rect.c2, rect.c2, "EdgeRight"); break;
    case "InsideHorizontal": each(rect.r1, rect.r2 - 1, rect.c1, rect.c2, "EdgeBottom"); break;
    case "InsideVertical": each(rect.r1, rect.r2, rect.c1, rect.c2 - 1, "EdgeRight"); break;
    default: each(rect.r1, rect.r2, rect.c1, rect.c2, index);
  }
  return out;
}

function borderProp(key: keyof BorderState, dflt: string, check: (v: unknown) => string): PropSpec<{ ref: RangeRef; index: string }> {
  return {
    get: ({ ref, index }) => {
      const targets = borderTargets(ref.rect, index);
      if (targets.length === 0) return dflt;
      let value: string | null | undefined;
      for (const t of targets) {
        const b = peekCell(ref.sheet, t.row, t.col)?.style?.borders?.[t.side];
        const v = b ? b[key] : key === "style" ? "None" : dflt;
        if (value === undefined) value = v;
        else if (value !== v) return null;
      }
      return value;
    },
    set: ({ ref, index }, v) => {
      const value = check(v);
      assertEditable(ref.sheet, "changing borders");
      const targets = borderTargets(ref.rect, index);
      if (targets.length > MAX_STYLED_CELLS) throw excelError("NotImplemented", "bordering that many cells is not modelled");
      for (const t of targets) {
        const cell = touchCell(ref.sheet, t.row, t.col);
        const style: CellStyle = structuredClone(cell.style ?? {});
        const borders = { ...(style.borders ?? {}) };
        const current: BorderState = borders[t.side] ?? { style: "Continuous", color: "#000000", weight: "Thin" };
        const next = { ...current, [key]: value };
        if (next.style === "None") delete borders[t.side];
        else borders[t.side] = next;
        style.borders = borders;
        if (Object.keys(borders).length === 0) delete style.borders;
        cell.style = style;
        if (Object.keys(style).length === 0) delete cell.style;
        pruneCell(ref.sheet, cell);
      }
    },
  };
}

/** Excel.RangeBorder. */
export class RangeBorder extends ClientObject {
  static officeClass = "RangeBorder";
  static props: Record<string, PropSpec<{ ref: RangeRef; index: string }>> = {
    sideIndex: { get: (e) => e.index },
    style: borderProp("style", "None", (v) => oneOf("border.style", LINE_STYLES, v)),
    color: borderProp("color", "#000000", (v) => normalizeColor(v)),
    weight: borderProp("weight", "Thin", (v) => oneOf("border.weight", WEIGHTS, v)),
  };

  get sideIndex(): string { return this._read("sideIndex"); }
  get style(): string { return this._read("style"); }
  set style(v: string) { this._write("style", v); }
  get color(): string { return this._read("color"); }
  set color(v: string) { this._write("color", v); }
  get weight(): string { return this._read("weight"); }
  set weight(v: string) { this._write("weight", v); }
}

/** Excel.RangeBorderCollection. */
export class RangeBorderCollection extends CollectionObject<string> {
  static officeClass = "RangeBorderCollection";
  static props = {};

  _entities(): string[] {
    return BORDER_INDEXES.slice(0, 6);
  }

  _itemProxy(index: string): ClientObject {
    return this.getItem(index);
  }

  getItem(index: string): RangeBorder {
    return child(this, `item:${index}`, () =>
      new RangeBorder(this.context, `${this._path}.getItem('${index}')`, () => {
        if (!BORDER_INDEXES.includes(index)) throw excelError("InvalidArgument", `"${index}" is not a BorderIndex`);
        const ref = this._resolve<RangeRef>();
        return ref ? { ref, index } : null;
      }),
    );
  }
}

// ---------------------------------------------------------------- conditional formats

const CF_TYPES = ["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"];

/** Excel.ConditionalFormatCollection of a range: the sheet's rules that touch the range, by priority. */
export class ConditionalFormatCollection extends CollectionObject<ConditionalFormatState> {
  static officeClass = "ConditionalFormatCollection";
  static props = {};

  _entities(scope: unknown): ConditionalFormatState[] {
    const ref = scope as RangeRef;
    return this.context.engine.state.conditionalFormats.filter(
      (cf) => cf.sheetId === ref.sheet.id && cf.ranges.some((r) => intersects(r, ref.rect)),
    );
  }

  _itemProxy(cf: ConditionalFormatState): ClientObject {
    const p = new ConditionalFormat(this.context, `${this._path}.getItem('${cf.id}')`, () => cf);
    return p;
  }

  /**
   * Adds a rule at the top of the sheet's priority list (priority 0), as Excel puts new rules
   * first; callers who add rules in reading order must set `priority` or add them in reverse.
   */
  add(type: string): ConditionalFormat {
    let created: ConditionalFormatState | undefined;
    const proxy = new ConditionalFormat(this.context, `${this._path}.add('${type}')`, () => {
      if (!created) throw excelError("InvalidObjectPath", "the conditional format was not created", `${this._path}.add`);
      return created;
    });
    this._call<RangeRef>("add", { type }, (ref) => {
      if (!CF_TYPES.includes(type)) throw excelError("InvalidArgument", `"${type}" is not a ConditionalFormatType`);
      if (type !== "Custom") throw excelError("NotImplemented", `strict-excel models only custom (formula) conditional formats, not "${type}"`);
      assertEditable(ref.sheet, "adding conditional formats");
      const state = this.context.engine.state;
      state.seq.cf += 1;
      created = {
        id: String(state.seq.cf),
        sheetId: ref.sheet.id,
        type,
        ranges: [ref.rect],
        formula: "",
        format: {},
        stopIfTrue: false,
      };
      const firstOfSheet = state.conditionalFormats.findIndex((c) => c.sheetId === ref.sheet.id);
      state.conditionalFormats.splice(firstOfSheet < 0 ? state.conditionalFormats.length : firstOfSheet, 0, created);
    });
    return proxy;
  }

  getItemAt(index: number): ConditionalFormat {
    return new ConditionalFormat(this.context, `${this._path}.getItemAt(${index})`, () => {
      const list = this._entities(this._resolve());
      const cf = list[index];
      if (!cf) throw excelError("ItemNotFound", `no conditional format at index ${index}`);
      return cf;
    });
  }

  getItem(id: string): ConditionalFormat {
    return new ConditionalFormat(this.context, `${this._path}.getItem('${id}')`, () => {
      const cf = this._entities(this._resolve()).find((c) => c.id === id);
      if (!cf) throw excelError("ItemNotFound", `no conditional format with id ${id}`);
      return cf;
    });
  }

  getCount(): { value: number } {
    return this._result<RangeRef, number>("getCount", undefined, (ref) => this._entities(ref).length);
  }

  clearAll(): void {
    this._call<RangeRef>("clearAll", undefined, (ref) => {
      assertEditable(ref.sheet, "clearing conditional formats");
      const st = this.context.engine.state;
      st.conditionalFormats = dropRanges(st.conditionalFormats, ref);
    });
  }
}

function cfOfSheet(p: ClientObject, cf: ConditionalFormatState): ConditionalFormatState[] {
  return p.context.engine.state.conditionalFormats.filter((c) => c.sheetId === cf.sheetId);
}

/** Excel.ConditionalFormat. */
export class ConditionalFormat extends ClientObject {
  static officeClass = "ConditionalFormat";
  static nav = ["custom"];
  static props: Record<string, PropSpec<ConditionalFormatState>> = {
    id: { get: (cf) => cf.id },
    type: { get: (cf) => cf.type },
    stopIfTrue: {
      get: (cf) => cf.stopIfTrue,
      set: (cf, v) => {
        cf.stopIfTrue = bool("stopIfTrue", v);
      },
    },
    priority: {
      get: (cf, p) => cfOfSheet(p, cf).indexOf(cf),
      set: (cf, v, p) => {
        const n = checkInt("priority", v, 0);
        const st = (p as ClientObject).context.engine.state;
        const sheetList = cfOfSheet(p, cf).filter((c) => c !== cf);
        sheetList.splice(Math.min(n, sheetList.length), 0, cf);
        const others = st.conditionalFormats.filter((c) => c.sheetId !== cf.sheetId);
        st.conditionalFormats = [...others, ...sheetList];
      },
    },
  };

  get id(): string { return this._read("id"); }
  get type(): string { return this._read("type"); }
  get stopIfTrue(): boolean { return this._read("stopIfTrue"); }
  set stopIfTrue(v: boolean) { this._write("stopIfTrue", v); }
  get priority(): number { return this._read("priority"); }
  set priority(v: number) { this._write("priority", v); }

  get custom(): CustomConditionalFormat {
    return child(this, "custom", () => new CustomConditionalFormat(this.context, `${this._path}.custom`, () => {
      const cf = this._resolve<ConditionalFormatState>();
      if (cf && cf.type !== "Custom") throw excelError("InvalidOperation", `conditional format ${cf.id} is "${cf.type}", not custom`);
      return cf;
    }));
  }

  getRange(): Range {
    return new Range(this.context, `${this._path}.getRange()`, () => {
      const cf = this._resolve<ConditionalFormatState>();
      if (!cf) return null;
      if (cf.ranges.length !== 1) throw excelError("InvalidOperation", "the conditional format spans several areas");
      const sheet = this.context.engine.state.sheets.find((s) => s.id === cf.sheetId)!;
      return { sheet, rect: cf.ranges[0] };
    });
  }

  delete(): void {
    this._call<ConditionalFormatState>("delete", undefined, (cf) => {
      const st = this.context.engine.state;
      st.conditionalFormats = st.conditionalFormats.filter((c) => c !== cf);
      (cf as { __deleted?: boolean }).__deleted = true;
    });
  }
}

/** Excel.CustomConditionalFormat. */
export class CustomConditionalFormat extends ClientObject {
  static officeClass = "CustomConditionalFormat";
  static nav = ["rule", "format"];

  get rule(): ConditionalFormatRule {
    return child(this, "rule", () => new ConditionalFormatRule(this.context, `${this._path}.rule`, () => this._resolve()));
  }

  get format(): ConditionalRangeFormat {
    return child(this, "format", () => new ConditionalRangeFormat(this.context, `${this._path}.format`, () => this._resolve()));
  }
}

/** Excel.ConditionalFormatRule: the formula, relative to the top-left cell of the rule's range. */
export class ConditionalFormatRule extends ClientObject {
  static officeClass = "ConditionalFormatRule";
  static props: Record<string, PropSpec<ConditionalFormatState>> = {
    formula: {
      get: (cf) => cf.formula,
      set: (cf, v) => {
        if (typeof v !== "string" || !v.startsWith("=")) throw excelError("InvalidArgument", `a conditional format formula must start with "=", got ${JSON.stringify(v)}`);
        checkFormulaSyntax(v);
        // Excel refuses structured references in conditional format rules.
        if (hasStructuredRefs(v)) throw excelError("InvalidArgument", `conditional format formula ${v} uses a structured reference; Excel does not allow them here`);
        cf.formula = v;
      },
    },
  };

  get formula(): string { return this._read("formula"); }
  set formula(v: string) { this._write("formula", v); }
}

/** Excel.ConditionalRangeFormat. */
export class ConditionalRangeFormat extends ClientObject {
  static officeClass = "ConditionalRangeFormat";
  static nav = ["fill", "font"];
  static props: Record<string, PropSpec<ConditionalFormatState>> = {
    numberFormat: {
      get: (cf) => cf.format.numberFormat ?? null,
      set: (cf, v) => {
        if (typeof v !== "string") throw excelError("InvalidArgument", "numberFormat must be a string");
        cf.format.numberFormat = v;
      },
    },
  };

  get numberFormat(): string { return this._read("numberFormat"); }
  set numberFormat(v: string) { this._write("numberFormat", v); }

  get fill(): ConditionalRangeFill {
    return child(this, "fill", () => new ConditionalRangeFill(this.context, `${this._path}.fill`, () => this._resolve()));
  }

  get font(): ConditionalRangeFont {
    return child(this, "font", () => new ConditionalRangeFont(this.context, `${this._path}.font`, () => this._resolve()));
  }

  clearFormat(): void {
    this._call<ConditionalFormatState>("clearFormat", undefined, (cf) => {
      cf.format = {};
    });
  }
}

/** Excel.ConditionalRangeFill. */
export class ConditionalRangeFill extends ClientObject {
  static officeClass = "ConditionalRangeFill";
  static props: Record<string, PropSpec<ConditionalFormatState>> = {
    color: {
      get: (cf) => cf.format.fill ?? null,
      set: (cf, v) => {
        cf.format.fill = normalizeColor(v);
      },
    },
  };

  get color(): string { return this._read("color"); }
  set color(v: string) { this._write("color", v); }

  clear(): void {
    this._call<ConditionalFormatState>("clear", undefined, (cf) => {
      delete cf.format.fill;
    });
  }
}

/** Excel.ConditionalRangeFont. */
export class ConditionalRangeFont extends ClientObject {
  static officeClass = "ConditionalRangeFont";
  static props: Record<string, PropSpec<ConditionalFormatState>> = {
    color: {
      get: (cf) => cf.format.fontColor ?? null,
      set: (cf, v) => {
        cf.format.fontColor = normalizeColor(v);
      },
    },
    bold: {
      get: (cf) => cf.format.bold ?? null,
      set: (cf, v) => {
        cf.format.bold = bool("bold", v);
      },
    },
    italic: {
      get: (cf) => cf.format.italic ?? null,
      set: (cf, v) => {
        cf.format.italic = bool("italic", v);
      },
    },
  };

  get color(): string { return this._read("color"); }
  set color(v: string) { this._write("color", v); }
  get bold(): boolean { return this._read("bold"); }
  set bold(v: boolean) { this._write("bold", v); }
  get italic(): boolean { return this._read("italic"); }
  set italic(v: boolean) { this._write("italic", v); }

  clear(): void {
    this._call<ConditionalFormatState>("clear", undefined, (cf) => {
      delete cf.format.fontColor;
      delete cf.format.bold;
      delete cf.format.italic;
    });
  }
}

// ---------------------------------------------------------------- data validation

const DV_KINDS: Record<string, string> = {
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  list: "List",
  date: "Date",
  time: "Time",
  textLength: "TextLength",
  custom: "Custom",
};
const DV_OPERATORS = ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqualTo", "LessThanOrEqualTo"];

function dvFor(p: ClientObject, ref: RangeRef): DataValidationState[] {
  return p.context.engine.state.dataValidations.filter((d) => d.sheetId === ref.sheet.id && d.ranges.some((r) => intersects(r, ref.rect)));
}

/** The validation covering the whole range alone, creating an "any value" one when there is none. */
function dvEnsure(p: ClientObject, ref: RangeRef): DataValidationState {
  const list = dvFor(p, ref);
  if (list.length === 1 && list[0].ranges.length === 1 && contains(list[0].ranges[0], ref.rect) && contains(ref.rect, list[0].ranges[0])) return list[0];
  const st = p.context.engine.state;
  const base = list.length === 1 ? list[0] : undefined;
  st.dataValidations = dropRanges(st.dataValidations, ref);
  const dv: DataValidationState = {
    sheetId: ref.sheet.id,
    ranges: [ref.rect],
    rule: base ? structuredClone(base.rule) : {},
    ignoreBlanks: base?.ignoreBlanks ?? true,
    prompt: base?.prompt,
    errorAlert: base?.errorAlert,
  };
  st.dataValidations.push(dv);
  return dv;
}

function dvRead(p: ClientObject, ref: RangeRef): DataValidationState | null | "mixed" {
  const list = dvFor(p, ref);
  if (list.length === 0) return null;
  if (list.length > 1 || !list[0].ranges.some((r) => contains(r, ref.rect))) return "mixed";
  return list[0];
}

function sourceText(p: ClientObject, v: unknown): unknown {
  if (v && typeof v === "object" && (v as ClientObject).__strictProxy) {
    const ref = (v as ClientObject)._resolve<RangeRef>();
    if (!ref) throw excelError("InvalidArgument", "a validation source range is a null object");
    return `=${qualified(ref.sheet.name, ref.rect, true)}`;
  }
  void p;
  return v;
}

function checkRule(p: ClientObject, rule: unknown): Record<string, unknown> {
  if (!rule || typeof rule !== "object") throw excelError("InvalidArgument", "dataValidation.rule must be an object");
  const keys = Object.keys(rule).filter((k) => (rule as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1 || !DV_KINDS[keys[0]]) throw excelError("InvalidArgument", `dataValidation.rule must set exactly one of ${Object.keys(DV_KINDS).join(", ")}; got ${keys.join(", ")}`);
  const kind = keys[0];
  const body = { ...((rule as Record<string, Record<string, unknown>>)[kind] ?? {}) };
  if (kind === "list") {
    if (typeof body.inCellDropDown !== "boolean") body.inCellDropDown = true;
    body.source = sourceText(p, body.source);
    if (typeof body.source !== "string" || body.source === "") throw excelError("InvalidArgument", "a list validation needs a source");
    if (body.source.startsWith("=")) checkFormulaSyntax(body.source);
  } else if (kind === "custom") {
    if (typeof body.formula !== "string" || !body.formula.startsWith("=")) throw excelError("InvalidArgument", "a custom validation needs a formula");
    checkFormulaSyntax(body.formula);
  } else {
    oneOf(`${kind}.operator`, DV_OPERATORS, body.operator);
    body.formula1 = sourceText(p, body.formula1);
    body.formula2 = sourceText(p, body.formula2);
    if (body.formula1 === undefined || body.formula1 === "") throw excelError("InvalidArgument", `${kind} validation needs formula1`);
    if ((body.operator === "Between" || body.operator === "NotBetween") && (body.formula2 === undefined || body.formula2 === ""))
      throw excelError("InvalidArgument", `${kind} validation with ${body.operator} needs formula2`);
    if (body.formula2 === undefined) delete body.formula2;
  }
  return { [kind]: body };
}

/** Excel.DataValidation of a range. */
export class DataValidation extends ClientObject {
  static officeClass = "DataValidation";
  static props: Record<string, PropSpec<RangeRef>> = {
    type: {
      get: (ref, p) => {
        const dv = dvRead(p, ref);
        if (dv === "mixed") return "Inconsistent";
        if (!dv) return "None";
        const k = Object.keys(dv.rule)[0];
        return k ? DV_KINDS[k] : "None";
      },
    },
    rule: {
      get: (ref, p) => {
        const dv = dvRead(p, ref);
        return dv && dv !== "mixed" ? dv.rule : null;
      },
      set: (ref, v, p) => {
        assertEditable(ref.sheet, "changing data validation");
        const rule = checkRule(p, v);
        dvEnsure(p, ref).rule = rule;
      },
    },
    ignoreBlanks: {
      get: (ref, p) => {
        const dv = dvRead(p, ref);
        return dv && dv !== "mixed" ? dv.ignoreBlanks : true;
      },
      set: (ref, v, p) => {
        dvEnsure(p, ref).ignoreBlanks = bool("ignoreBlanks", v);
      },
    },
    prompt: {
      get: (ref, p) => {
        const dv = dvRead(p, ref);
        return (dv && dv !== "mixed" && dv.prompt) || { title: "", message: "", showPrompt: false };
      },
      set: (ref, v, p) => {
        const o = v as { title?: string; message?: string; showPrompt?: boolean };
        if (!o || typeof o !== "object") throw excelError("InvalidArgument", "prompt must be an object");
        if ((o.title ?? "").length > 32) throw excelError("InvalidArgument", `a validation prompt title has at most 32 characters: "${o.title}"`);
        if ((o.message ?? "").length > 255) throw excelError("InvalidArgument", "a validation prompt message has at most 255 characters");
        dvEnsure(p, ref).prompt = { title: o.title ?? "", message: o.message ?? "", showPrompt: o.showPrompt ?? true };
      },
    },
    errorAlert: {
      get: (ref, p) => {
        const dv = dvRead(p, ref);
        return (dv && dv !== "mixed" && dv.errorAlert) || { title: "", message: "", showAlert: true, style: "Stop" };
      },
      set: (ref, v, p) => {
        const o = v as { title?: string; message?: string; showAlert?: boolean; style?: string };
        if (!o || typeof o !== "object") throw excelError("InvalidArgument", "errorAlert must be an object");
        if ((o.title ?? "").length > 32) throw excelError("InvalidArgument", `a validation error title has at most 32 characters: "${o.title}"`);
        if ((o.message ?? "").length > 255) throw excelError("InvalidArgument", "a validation error message has at most 255 characters");
        dvEnsure(p, ref).errorAlert = {
          title: o.title ?? "",
          message: o.message ?? "",
          showAlert: o.showAlert ?? true,
          style: o.style ? oneOf("errorAlert.style", ["Stop", "Warning", "Information"], o.style) : "Stop",
        };
      },
    },
  };

  get type(): string { return this._read("type"); }
  get rule(): any { return this._read("rule"); }
  set rule(v: any) { this._write("rule", v); }
  get ignoreBlanks(): boolean { return this._read("ignoreBlanks"); }
  set ignoreBlanks(v: boolean) { this._write("ignoreBlanks", v); }
  get prompt(): any { return this._read("prompt"); }
  set prompt(v: any) { this._write("prompt", v); }
  get errorAlert(): any { return this._read("errorAlert"); }
  set errorAlert(v: any) { this._write("errorAlert", v); }

  clear(): void {
    this._call<RangeRef>("clear", undefined, (ref) => {
      const st = this.context.engine.state;
      st.dataValidations = dropRanges(st.dataValidations, ref);
    });
  }
}

