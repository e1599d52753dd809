/**
 * Excel tables: creation from a range, names (Excel's identifier rules, unique with defined names,
 * no overlap with other tables or merged cells), columns and rows added in place, calculated
 * columns, and formulas following table and column renames.
 */
import { Rect, cellAddress, cols, intersects, qualified, rows, splitSheet } from "./address";
import {
  assertEditable,
  clearRange,
  readMatrix,
  refreshCalculatedColumn,
  renameHeaderFromCell,
  setColumnRenameHook,
  tableAt,
  uniqueColumnName,
  defaultColumnName,
  writeCell,
} from "./cells";
import { excelError } from "./errors";
import { renameColumnInFormula, renameTableInFormula } from "./formula";
import { Range, RangeRef, child, resolveAddress } from "./range";
import { ClientObject, CollectionObject, Engine, PropSpec, StrictClientResult } from "./runtime";
import { checkIdentifierName } from "./rules";
import { SheetState, TableState, WorkbookState, hasContent, peekCell, pruneCell, sheetById, stableGuid, touchCell } from "./state";
import { Worksheet, rewriteFormulas } from "./worksheet";

const BUILTIN_STYLE = /^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/;

function sheetOf(engine: Engine, t: TableState): SheetState {
  const s = sheetById(engine.state, t.sheetId);
  if (!s) throw excelError("ItemNotFound", `the sheet of table "${t.name}" no longer exists`);
  return s;
}

function dataRows(t: TableState): { first: number; last: number } {
  return { first: t.rect.r1 + (t.showHeaders ? 1 : 0), last: t.rect.r2 - (t.showTotals ? 1 : 0) };
}

/** Checks a table name: identifier rules, and unique among tables and defined names (ignoring case). */
export function checkTableName(engine: Engine, name: unknown, self?: TableState): string {
  const n = checkIdentifierName(name, "table");
  const key = n.toUpperCase();
  const table = engine.state.tables.find((t) => t !== self && t.name.toUpperCase() === key);
  if (table) throw excelError("ItemAlreadyExists", `a table named "${table.name}" already exists`);
  const named = engine.state.names.find((x) => x.name.toUpperCase() === key);
  if (named) throw excelError("ItemAlreadyExists", `"${n}" is already a defined name`);
  return n;
}

function defaultTableName(engine: Engine): string {
  for (let i = 1; ; i++) {
    const n = `Table${i}`;
    const k = n.toUpperCase();
    if (!engine.state.tables.some((t) => t.name.toUpperCase() === k) && !engine.state.names.some((x) => x.name.toUpperCase() === k)) return n;
  }
}

/** Creates a table over `rect` whose first row holds the headers. */
export function createTable(engine: Engine, sheet: SheetState, rect: Rect, name?: string, style = "TableStyleMedium2"): TableState {
  const st = engine.state;
  assertEditable(sheet, `creating a table on ${qualified(sheet.name, rect)}`);
  if (rows(rect) > 100000 || cols(rect) > 16384) throw excelError("NotImplemented", "tables that large are not modelled");
  // A header-only range gets one empty data row, as Excel does.
  const r: Rect = rows(rect) === 1 ? { ...rect, r2: rect.r2 + 1 } : { ...rect };
  for (const t of st.tables)
    if (t.sheetId === sheet.id && intersects(t.rect, r))
      throw excelError("InvalidOperation", `a table cannot overlap another table: ${qualified(sheet.name, r)} overlaps "${t.name}"`);
  for (const m of sheet.merges)
    if (intersects(m, r)) throw excelError("InvalidOperation", `a table cannot contain merged cells: ${qualified(sheet.name, m)}`);
  st.seq.table += 1;
  const table: TableState = {
    id: stableGuid(2, st.seq.table),
    name: name ? checkTableName(engine, name) : defaultTableName(engine),
    sheetId: sheet.id,
    rect: r,
    columns: [],
    showHeaders: true,
    showTotals: false,
    style,
    showBandedRows: true,
    showBandedColumns: false,
    showFilterButton: true,
    highlightFirstColumn: false,
    highlightLastColumn: false,
    nextColumnId: 1,
  };
  for (let c = r.c1; c <= r.c2; c++) {
    const cell = peekCell(sheet, r.r1, c);
    const raw = cell?.formula !== undefined ? cell.cached ?? "" : cell?.value ?? "";
    table.columns.push({ id: table.nextColumnId++, name: "" });
    const idx = c - r.c1;
    const text = String(raw).trim() === "" ? defaultColumnName(table, idx) : String(raw);
    table.columns[idx].name = uniqueColumnName(table, text, idx);
    const h = touchCell(sheet, r.r1, c);
    delete h.formula;
    delete h.cached;
    h.value = table.columns[idx].name;
  }
  st.tables.push(table);
  for (let c = r.c1; c <= r.c2; c++) refreshCalculatedColumn(engine, sheet, c, table);
  engine.contentChanged = true;
  return table;
}

function assertEmpty(engine: Engine, sheet: SheetState, area: Rect, why: string): void {
  for (const c of sheet.cells.values())
    if (c.row >= area.r1 && c.row <= area.r2 && c.col >= area.c1 && c.col <= area.c2 && hasContent(c))
      throw excelError("NotImplemented", `${why}: ${sheet.name}!${cellAddress(c.row, c.col)} is not empty, and strict-excel does not shift cells`);
  for (const m of sheet.merges) if (intersects(m, area)) throw excelError("NotImplemented", `${why}: merged cells ${qualified(sheet.name, m)} are in the way`);
  for (const t of engine.state.tables) if (t.sheetId === sheet.id && intersects(t.rect, area)) throw excelError("NotImplemented", `${why}: table "${t.name}" is in the way`);
}

function moveCell(sheet: SheetState, from: { row: number; col: number }, to: { row: number; col: number }): void {
  const src = peekCell(sheet, from.row, from.col);
  const key = cellAddress(to.row, to.col);
  sheet.cells.delete(key);
  if (src) {
    sheet.cells.delete(cellAddress(from.row, from.col));
    sheet.cells.set(key, { ...src, row: to.row, col: to.col });
  }
}

function isBlankRow(sheet: SheetState, t: TableState, row: number): boolean {
  for (let c = t.rect.c1; c <= t.rect.c2; c++) if (hasContent(peekCell(sheet, row, c))) return false;
  return true;
}

/**
 * Inserts `count` data rows at `index` (data-row index; undefined appends). The first append to a
 * table whose only data row is blank fills that row (Excel's sample "Create a table" shows a
 * header-only table receiving exactly the rows added). Returns the data-row index of the first row.
 */
export function insertTableRows(engine: Engine, t: TableState, index: number | undefined, count: number): number {
  const sheet = sheetOf(engine, t);
  assertEditable(sheet, `adding rows to table "${t.name}"`);
  const { first, last } = dataRows(t);
  const n = last - first + 1;
  if (index !== undefined && (index < 0 || index > n)) throw excelError("InvalidArgument", `row index ${index} is outside table "${t.name}" (0..${n})`);
  let at = index ?? n;
  let needed = count;
  if (n === 1 && isBlankRow(sheet, t, first) && (index === undefined || index === 0 || index === 1)) {
    at = 0;
    needed = count - 1;
  }
  if (needed > 0) {
    const below: Rect = { r1: t.rect.r2 + 1, c1: t.rect.c1, r2: t.rect.r2 + needed, c2: t.rect.c2 };
    assertEmpty(engine, sheet, below, `adding ${needed} rows to table "${t.name}"`);
    const insertRow = first + at;
    for (let r = t.rect.r2; r >= insertRow; r--)
      for (let c = t.rect.c1; c <= t.rect.c2; c++) moveCell(sheet, { row: r, col: c }, { row: r + needed, col: c });
    const oldLast = last;
    t.rect = { ...t.rect, r2: t.rect.r2 + needed };
    // Formats and rules of the table body follow it down.
    for (let r = insertRow; r < insertRow + needed; r++) {
      for (let c = t.rect.c1; c <= t.rect.c2; c++) {
        const template = peekCell(sheet, r === first ? r + needed : r - 1, c);
        if (template?.style) touchCell(sheet, r, c).style = structuredClone(template.style);
      }
    }
    for (const list of [engine.state.conditionalFormats, engine.state.dataValidations])
      for (const x of list)
        if (x.sheetId === sheet.id)
          x.ranges = x.ranges.map((rg) => (rg.r2 === oldLast && rg.r1 >= first && rg.c1 >= t.rect.c1 && rg.c2 <= t.rect.c2 ? { ...rg, r2: rg.r2 + needed } : rg));
  }
  // Calculated columns fill the new rows, as Excel does.
  for (let i = 0; i < t.columns.length; i++) {
    const f = t.columns[i].calculatedFormula;
    if (!f) continue;
    for (let r = first + at; r < first + at + count; r++) {
      const cell = touchCell(sheet, r, t.rect.c1 + i);
      delete cell.value;
      cell.formula = f;
    }
  }
  engine.contentChanged = true;
  return at;
}

/** Inserts a column at `index` (undefined appends); the column right of the table must be empty. */
export function insertTableColumn(engine: Engine, t: TableState, index: number | undefined, values: unknown, name: string | undefined): number {
  const sheet = sheetOf(engine, t);
  assertEditable(sheet, `adding a column to table "${t.name}"`);
  const n = t.columns.length;
  const at = index ?? n;
  if (at < 0 || at > n) throw excelError("InvalidArgument", `column index ${at} is outside table "${t.name}" (0..${n})`);
  const total = rows(t.rect);
  let matrix: unknown[][] | undefined;
  if (values !== undefined && values !== null) {
    if (!Array.isArray(values)) matrix = Array.from({ length: total }, () => [values]);
    else {
      if (values.length !== total || values.some((r) => !Array.isArray(r) || r.length !== 1))
        throw excelError("InvalidArgument", `values for a new column of "${t.name}" must be ${total}x1 (header and every row), got ${values.length} rows`);
      matrix = values as unknown[][];
    }
  }
  const right: Rect = { r1: t.rect.r1, c1: t.rect.c2 + 1, r2: t.rect.r2, c2: t.rect.c2 + 1 };
  assertEmpty(engine, sheet, right, `adding a column to table "${t.name}"`);
  const col = t.rect.c1 + at;
  for (let c = t.rect.c2; c >= col; c--) for (let r = t.rect.r1; r <= t.rect.r2; r++) moveCell(sheet, { row: r, col: c }, { row: r, col: c + 1 });
  t.rect = { ...t.rect, c2: t.rect.c2 + 1 };
  t.columns.splice(at, 0, { id: t.nextColumnId++, name: "" });
  const header = name ?? (matrix && matrix[0][0] !== null && matrix[0][0] !== undefined && matrix[0][0] !== "" ? String(matrix[0][0]) : "");
  const finalName = uniqueColumnName(t, header === "" ? defaultColumnName(t, at) : header, at);
  t.columns[at].name = finalName;
  const h = touchCell(sheet, t.rect.r1, col);
  h.value = finalName;
  if (matrix) for (let i = 1; i < total; i++) writeCell(engine, sheet, t.rect.r1 + i, col, matrix[i][0]);
  refreshCalculatedColumn(engine, sheet, col, t);
  engine.contentChanged = true;
  return at;
}

function rewriteForColumn(engine: Engine, t: TableState, oldName: string, newName: string): void {
  const st = engine.state;
  for (const s of st.sheets)
    for (const c of s.cells.values())
      if (c.formula !== undefined) c.formula = renameColumnInFormula(c.formula, t.name, oldName, newName, tableAt(st, s, c.row, c.col)?.name);
  for (const n of st.names) n.formula = renameColumnInFormula(n.formula, t.name, oldName, newName);
  for (const col of st.tables.flatMap((x) => x.columns))
    if (col.calculatedFormula) col.calculatedFormula = renameColumnInFormula(col.calculatedFormula, t.name, oldName, newName, t.name);
}
setColumnRenameHook(rewriteForColumn);

const tableProps: Record<string, PropSpec<TableState>> = {
  id: { get: (t) => t.id },
  name: {
    get: (t) => t.name,
    set: (t, v, p) => {
      const engine = (p as ClientObject).context.engine;
      const n = checkTableName(engine, v, t);
      const old = t.name;
      rewriteFormulas(engine.state, (f) => renameTableInFormula(f, old, n));
      for (const c of engine.state.tables.flatMap((x) => x.columns)) if (c.calculatedFormula) c.calculatedFormula = renameTableInFormula(c.calculatedFormula, old, n);
      t.name = n;
    },
  },
  style: {
    get: (t) => t.style,
    set: (t, v) => {
      if (typeof v !== "string" || (v !== "" && !BUILTIN_STYLE.test(v))) throw excelError("InvalidArgument", `"${v}" is not a built-in table style`);
      t.style = v;
    },
  },
  showHeaders: {
    get: (t) => t.showHeaders,
    set: (t, v) => {
      if (v !== true) throw excelError("NotImplemented", "strict-excel does not model tables without a header row");
      t.showHeaders = true;
    },
  },
  showTotals: {
    get: (t) => t.showTotals,
    set: (t, v, p) => {
      if (typeof v !== "boolean") throw excelError("InvalidArgument", "showTotals must be a boolean");
      if (v === t.showTotals) return;
      const engine = (p as ClientObject).context.engine;
      const sheet = sheetOf(engine, t);
      if (v) {
        assertEmpty(engine, sheet, { r1: t.rect.r2 + 1, c1: t.rect.c1, r2: t.rect.r2 + 1, c2: t.rect.c2 }, `showing the totals row of "${t.name}"`);
        t.rect = { ...t.rect, r2: t.rect.r2 + 1 };
        touchCell(sheet, t.rect.r2, t.rect.c1).value = "Total";
      } else {
        clearRange(engine, sheet, { ...t.rect, r1: t.rect.r2 }, "All");
        t.rect = { ...t.rect, r2: t.rect.r2 - 1 };
      }
      t.showTotals = v;
    },
  },
  showBandedRows: boolProp("showBandedRows"),
  showBandedColumns: boolProp("showBandedColumns"),
  showFilterButton: boolProp("showFilterButton"),
  highlightFirstColumn: boolProp("highlightFirstColumn"),
  highlightLastColumn: boolProp("highlightLastColumn"),
};

function boolProp(key: "showBandedRows" | "showBandedColumns" | "showFilterButton" | "highlightFirstColumn" | "highlightLastColumn"): PropSpec<TableState> {
  return {
    get: (t) => t[key],
    set: (t, v) => {
      if (typeof v !== "boolean") throw excelError("InvalidArgument", `${key} must be a boolean`);
      t[key] = v;
    },
  };
}

/** Excel.Table. */
export class Table extends ClientObject {
  static officeClass = "Table";
  static props = tableProps;
  static nav = ["columns", "rows", "worksheet"];

  get id(): string { return this._read("id"); }
  get name(): string { return this._read("name"); }
  set name(v: string) { this._write("name", v); }
  get style(): string { return this._read("style"); }
  set style(v: string) { this._write("style", v); }
  get showHeaders(): boolean { return this._read("showHeaders"); }
  set showHeaders(v: boolean) { this._write("showHeaders", v); }
  get showTotals(): boolean { return this._read("showTotals"); }
  set showTotals(v: boolean) { this._write("showTotals", v); }
  get showBandedRows(): boolean { return this._read("showBandedRows"); }
  set showBandedRows(v: boolean) { this._write("showBandedRows", v); }
  get showBandedColumns(): boolean { return this._read("showBandedColumns"); }
  set showBandedColumns(v: boolean) { this._write("showBandedColumns", v); }
  get showFilterButton(): boolean { return this._read("showFilterButton"); }
  set showFilterButton(v: boolean) { this._write("showFilterButton", v); }
  get highlightFirstColumn(): boolean { return this._read("highlightFirstColumn"); }
  set highlightFirstColumn(v: boolean) { this._write("highlightFirstColumn", v); }
  get highlightLastColumn(): boolean { return this._read("highlightLastColumn"); }
  set highlightLastColumn(v: boolean) { this._write("highlightLastColumn", v); }

  _tableRange(label: string, f: (t: TableState) => Rect): Range {
    return new Range(this.context, `${this._path}.${label}`, () => {
      const t = this._resolve<TableState>();
      if (!t) return null;
      return { sheet: sheetOf(this.context.engine, t), rect: f(t) };
    });
  }

  getRange(): Range {
    return this._tableRange("getRange()", (t) => t.rect);
  }

  getHeaderRowRange(): Range {
    return this._tableRange("getHeaderRowRange()", (t) => ({ ...t.rect, r2: t.rect.r1 }));
  }

  getDataBodyRange(): Range {
    return this._tableRange("getDataBodyRange()", (t) => {
      const { first, last } = dataRows(t);
      return { ...t.rect, r1: first, r2: last };
    });
  }

  getTotalRowRange(): Range {
    return this._tableRange("getTotalRowRange()", (t) => {
      if (!t.showTotals) throw excelError("InvalidOperation", `table "${t.name}" has no totals row`);
      return { ...t.rect, r1: t.rect.r2 };
    });
  }

  get columns(): TableColumnCollection {
    return child(this, "columns", () => new TableColumnCollection(this.context, `${this._path}.columns`, () => this._resolve<TableState>()));
  }

  get rows(): TableRowCollection {
    return child(this, "rows", () => new TableRowCollection(this.context, `${this._path}.rows`, () => this._resolve<TableState>()));
  }

  get worksheet(): Worksheet {
    return child(this, "worksheet", () => new Worksheet(this.context, `${this._path}.worksheet`, () => {
      const t = this._resolve<TableState>();
      return t ? sheetOf(this.context.engine, t) : null;
    }));
  }

  /** Deletes the table and its cells' contents and formats. */
  delete(): void {
    this._call<TableState>("delete", undefined, (t) => {
      const engine = this.context.engine;
      const sheet = sheetOf(engine, t);
      assertEditable(sheet, `deleting table "${t.name}"`);
      engine.state.tables = engine.state.tables.filter((x) => x !== t);
      clearRange(engine, sheet, t.rect, "All");
      (t as { __deleted?: boolean }).__deleted = true;
    });
  }

  /** Turns the table into plain cells, keeping values and formats. */
  convertToRange(): Range {
    let rect: Rect | undefined;
    let sheet: SheetState | undefined;
    const proxy = new Range(this.context, `${this._path}.convertToRange()`, () => {
      if (!rect || !sheet) throw excelError("InvalidObjectPath", "the table was not converted");
      return { sheet, rect };
    });
    this._call<TableState>("convertToRange", undefined, (t) => {
      const engine = this.context.engine;
      sheet = sheetOf(engine, t);
      rect = t.rect;
      engine.state.tables = engine.state.tables.filter((x) => x !== t);
      (t as { __deleted?: boolean }).__deleted = true;
    });
    return proxy;
  }
}

/** Excel.TableCollection of the workbook or of one sheet. */
export class TableCollection extends CollectionObject<TableState> {
  static officeClass = "TableCollection";
  static props = {};

  _entities(scope: unknown): TableState[] {
    const st = this.context.engine.state;
    const sheet = (scope as SheetState).cells ? (scope as SheetState) : undefined;
    return sheet ? st.tables.filter((t) => t.sheetId === sheet.id) : st.tables;
  }

  _itemProxy(t: TableState): ClientObject {
    return new Table(this.context, `${this._path}.getItem('${t.name}')`, () => t);
  }

  /**
   * Creates a table; the first row holds the headers. `hasHeaders: false` is refused by the strict
   * Excel: Excel would insert a header row and push the cells below down.
   */
  add(address: Range | string, hasHeaders: boolean): Table {
    let created: TableState | undefined;
    const proxy = new Table(this.context, `${this._path}.add()`, () => {
      if (!created) throw excelError("InvalidObjectPath", "the table was not created", `${this._path}.add`);
      return created;
    });
    const payload = { address: typeof address === "string" ? address : address._path, hasHeaders };
    this._call<SheetState | WorkbookState>("add", payload, (scope) => {
      const engine = this.context.engine;
      const st = engine.state;
      const scopeSheet = (scope as SheetState).cells ? (scope as SheetState) : undefined;
      let ref: RangeRef;
      if (typeof address === "string") {
        const base = scopeSheet ?? st.sheets.find((s) => s.id === st.activeSheetId) ?? st.sheets[0];
        if (!splitSheet(address).sheet && !scopeSheet && !base) throw excelError("InvalidArgument", "no sheet for the table");
        ref = resolveAddress(engine, base, address);
      } else {
        const r = address._resolve<RangeRef>();
        if (!r) throw excelError("InvalidArgument", "the table's range is a null object");
        ref = r;
      }
      if (scopeSheet && ref.sheet !== scopeSheet) throw excelError("InvalidArgument", `the table's range is not on sheet "${scopeSheet.name}"`);
      if (hasHeaders !== true) throw excelError("NotImplemented", "tables.add(..., false) inserts a header row and shifts cells down in Excel; strict-excel does not model it");
      created = createTable(engine, ref.sheet, ref.rect);
    });
    return proxy;
  }

  _find(key: string): TableState | undefined {
    const k = key.toUpperCase();
    return this._entities(this._resolve()).find((t) => t.name.toUpperCase() === k || t.id === key);
  }

  getItem(key: string): Table {
    return new Table(this.context, `${this._path}.getItem(${JSON.stringify(key)})`, () => {
      const t = this._find(key);
      if (!t) throw excelError("ItemNotFound", `there is no table "${key}"`);
      return t;
    });
  }

  getItemOrNullObject(key: string): Table {
    return new Table(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(key)})`, () => this._find(key) ?? null, true);
  }

  getItemAt(index: number): Table {
    return new Table(this.context, `${this._path}.getItemAt(${index})`, () => {
      const t = this._entities(this._resolve())[index];
      if (!t) throw excelError("ItemNotFound", `no table at index ${index}`);
      return t;
    });
  }

  getCount(): StrictClientResult<number> {
    return this._result<unknown, number>("getCount", undefined, (scope) => this._entities(scope).length);
  }
}

interface ColumnRef {
  table: TableState;
  index: number;
}

function columnRefOf(t: TableState, id: number): ColumnRef {
  const index = t.columns.findIndex((c) => c.id === id);
  if (index < 0) throw excelError("ItemNotFound", `column ${id} of table "${t.name}" was deleted`);
  return { table: t, index };
}

/** Excel.TableColumnCollection. */
export class TableColumnCollection extends CollectionObject<ColumnRef> {
  static officeClass = "TableColumnCollection";
  static props = {};

  _entities(scope: unknown): ColumnRef[] {
    const t = scope as TableState;
    return t.columns.map((_c, index) => ({ table: t, index }));
  }

  _itemProxy(ref: ColumnRef): ClientObject {
    const id = ref.table.columns[ref.index].id;
    return new TableColumn(this.context, `${this._path}.getItem(${id})`, () => columnRefOf(ref.table, id));
  }

  /** Adds a column; `values` has one row per table row, header included (Office's sample). */
  add(index?: number | null, values?: unknown, name?: string): TableColumn {
    let created: ColumnRef | undefined;
    let id = 0;
    const proxy = new TableColumn(this.context, `${this._path}.add()`, () => {
      if (!created) throw excelError("InvalidObjectPath", "the column was not added", `${this._path}.add`);
      return columnRefOf(created.table, id);
    });
    this._call<TableState>("add", { index, values, name }, (t) => {
      const at = insertTableColumn(this.context.engine, t, index ?? undefined, values, name);
      created = { table: t, index: at };
      id = t.columns[at].id;
    });
    return proxy;
  }

  _find(t: TableState, key: number | string): ColumnRef | undefined {
    const index =
      typeof key === "number" ? t.columns.findIndex((c) => c.id === key) : t.columns.findIndex((c) => c.name.toUpperCase() === String(key).toUpperCase());
    return index < 0 ? undefined : { table: t, index };
  }

  getItem(key: number | string): TableColumn {
    return new TableColumn(this.context, `${this._path}.getItem(${JSON.stringify(key)})`, () => {
      const t = this._resolve<TableState>();
      if (!t) return null;
      const r = this._find(t, key);
      if (!r) throw excelError("ItemNotFound", `table "${t.name}" has no column ${JSON.stringify(key)}; it has ${JSON.stringify(t.columns.map((c) => c.name))}`);
      return r;
    });
  }

  getItemOrNullObject(key: number | string): TableColumn {
    return new TableColumn(
      this.context,
      `${this._path}.getItemOrNullObject(${JSON.stringify(key)})`,
      () => {
        const t = this._resolve<TableState>();
        return t ? this._find(t, key) ?? null : null;
      },
      true,
    );
  }

  getItemAt(index: number): TableColumn {
    return new TableColumn(this.context, `${this._path}.getItemAt(${index})`, () => {
      const t = this._resolve<TableState>();
      if (!t) return null;
      if (!t.columns[index]) throw excelError("ItemNotFound", `table "${t.name}" has no column at index ${index}`);
      return { table: t, index };
    });
  }

  getCount(): StrictClientResult<number> {
    return this._result<TableState, number>("getCount", undefined, (t) => t.columns.length);
  }
}

function columnRect(ref: ColumnRef, part: "all" | "header" | "body" | "total"): Rect {
  const t = ref.table;
  const c = t.rect.c1 + ref.index;
  const { first, last } = dataRows(t);
  if (part === "header") return { r1: t.rect.r1, c1: c, r2: t.rect.r1, c2: c };
  if (part === "body") return { r1: first, c1: c, r2: last, c2: c };
  if (part === "total") {
    if (!t.showTotals) throw excelError("InvalidOperation", `table "${t.name}" has no totals row`);
    return { r1: t.rect.r2, c1: c, r2: t.rect.r2, c2: c };
  }
  return { r1: t.rect.r1, c1: c, r2: t.rect.r2, c2: c };
}

/** Excel.TableColumn. */
export class TableColumn extends ClientObject {
  static officeClass = "TableColumn";
  static props: Record<string, PropSpec<ColumnRef>> = {
    id: { get: (r) => r.table.columns[r.index].id },
    index: { get: (r) => r.index },
    name: {
      get: (r) => r.table.columns[r.index].name,
      set: (r, v, p) => {
        if (typeof v !== "string" || v.trim() === "") throw excelError("InvalidArgument", "a column name must be a non-empty string");
        const engine = (p as ClientObject).context.engine;
        const sheet = sheetOf(engine, r.table);
        assertEditable(sheet, `renaming a column of "${r.table.name}"`);
        renameHeaderFromCell(engine, r.table, r.table.rect.c1 + r.index, v);
      },
    },
    values: {
      get: (r, p) => readMatrix((p as ClientObject).context.engine, sheetOf((p as ClientObject).context.engine, r.table), columnRect(r, "all"), "values"),
      set: (r, v, p) => {
        const engine = (p as ClientObject).context.engine;
        const sheet = sheetOf(engine, r.table);
        const rect = columnRect(r, "all");
        if (!Array.isArray(v) || v.length !== rows(rect) || v.some((x) => !Array.isArray(x) || x.length !== 1))
          throw excelError("InvalidArgument", `values of a column of "${r.table.name}" must be ${rows(rect)}x1`);
        for (let i = 0; i < rows(rect); i++) writeCell(engine, sheet, rect.r1 + i, rect.c1, (v as unknown[][])[i][0]);
      },
    },
  };

  get id(): number { return this._read("id"); }
  get index(): number { return this._read("index"); }
  get name(): string { return this._read("name"); }
  set name(v: string) { this._write("name", v); }
  get values(): any[][] { return this._read("values"); }
  set values(v: any[][]) { this._write("values", v); }

  _part(label: string, part: "all" | "header" | "body" | "total"): Range {
    return new Range(this.context, `${this._path}.${label}`, () => {
      const r = this._resolve<ColumnRef>();
      if (!r) return null;
      return { sheet: sheetOf(this.context.engine, r.table), rect: columnRect(r, part) };
    });
  }

  getRange(): Range {
    return this._part("getRange()", "all");
  }

  getHeaderRowRange(): Range {
    return this._part("getHeaderRowRange()", "header");
  }

  getDataBodyRange(): Range {
    return this._part("getDataBodyRange()", "body");
  }

  getTotalRowRange(): Range {
    return this._part("getTotalRowRange()", "total");
  }

  delete(): void {
    this._call<ColumnRef>("delete", undefined, (r) => {
      const engine = this.context.engine;
      const t = r.table;
      const sheet = sheetOf(engine, t);
      assertEditable(sheet, `deleting a column of "${t.name}"`);
      if (t.columns.length === 1) throw excelError("InvalidOperation", `cannot delete the only column of "${t.name}"`);
      const col = t.rect.c1 + r.index;
      clearRange(engine, sheet, { r1: t.rect.r1, c1: col, r2: t.rect.r2, c2: col }, "All");
      for (let c = col + 1; c <= t.rect.c2; c++) for (let row = t.rect.r1; row <= t.rect.r2; row++) moveCell(sheet, { row, col: c }, { row, col: c - 1 });
      t.columns.splice(r.index, 1);
      t.rect = { ...t.rect, c2: t.rect.c2 - 1 };
      engine.contentChanged = true;
    });
  }
}

interface RowRef {
  table: TableState;
  index: number;
}

/** Excel.TableRowCollection. */
export class TableRowCollection extends CollectionObject<RowRef> {
  static officeClass = "TableRowCollection";
  static props = {};

  _entities(scope: unknown): RowRef[] {
    const t = scope as TableState;
    const { first, last } = dataRows(t);
    return Array.from({ length: last - first + 1 }, (_, index) => ({ table: t, index }));
  }

  _itemProxy(r: RowRef): ClientObject {
    return new TableRow(this.context, `${this._path}.getItemAt(${r.index})`, () => r);
  }

  /** Adds rows (at the end when index is null); `values` is rows x columns, formulas allowed. */
  add(index?: number | null, values?: unknown, _alwaysInsert?: boolean): TableRow {
    let created: RowRef | undefined;
    const proxy = new TableRow(this.context, `${this._path}.add()`, () => {
      if (!created) throw excelError("InvalidObjectPath", "the rows were not added", `${this._path}.add`);
      return created;
    });
    this._call<TableState>("add", { index, values }, (t) => {
      const engine = this.context.engine;
      const width = t.columns.length;
      let matrix: unknown[][];
      if (values === undefined || values === null) matrix = [Array(width).fill(null)];
      else if (!Array.isArray(values)) matrix = [Array(width).fill(values)];
      else {
        if (values.length === 0 || values.some((r) => !Array.isArray(r) || r.length !== width))
          throw excelError("InvalidArgument", `rows for table "${t.name}" must each have ${width} values (its columns: ${JSON.stringify(t.columns.map((c) => c.name))})`);
        matrix = values as unknown[][];
      }
      const sheet = sheetOf(engine, t);
      const at = insertTableRows(engine, t, index ?? undefined, matrix.length);
      const { first } = dataRows(t);
      for (let i = 0; i < matrix.length; i++) for (let j = 0; j < width; j++) writeCell(engine, sheet, first + at + i, t.rect.c1 + j, matrix[i][j]);
      for (let c = t.rect.c1; c <= t.rect.c2; c++) refreshCalculatedColumn(engine, sheet, c, t);
      created = { table: t, index: at };
    });
    return proxy;
  }

  getItemAt(index: number): TableRow {
    return new TableRow(this.context, `${this._path}.getItemAt(${index})`, () => {
      const t = this._resolve<TableState>();
      if (!t) return null;
      const { first, last } = dataRows(t);
      if (index < 0 || index > last - first) throw excelError("ItemNotFound", `table "${t.name}" has no row ${index}`);
      return { table: t, index };
    });
  }

  getCount(): StrictClientResult<number> {
    return this._result<TableState, number>("getCount", undefined, (t) => {
      const { first, last } = dataRows(t);
      return last - first + 1;
    });
  }

  deleteRowsAt(index: number, count = 1): void {
    this._call<TableState>("deleteRowsAt", { index, count }, (t) => deleteRows(this.context.engine, t, index, count));
  }
}

function deleteRows(engine: Engine, t: TableState, index: number, count: number): void {
  const sheet = sheetOf(engine, t);
  assertEditable(sheet, `deleting rows of "${t.name}"`);
  const { first, last } = dataRows(t);
  const n = last - first + 1;
  if (index < 0 || count < 1 || index + count > n) throw excelError("InvalidArgument", `rows ${index}..${index + count - 1} are outside table "${t.name}"`);
  const keepBlank = count === n; // a table keeps one (blank) data row
  const removed = keepBlank ? count - 1 : count;
  clearRange(engine, sheet, { r1: first + index, c1: t.rect.c1, r2: first + index + count - 1, c2: t.rect.c2 }, "Contents");
  if (removed > 0) {
    for (let r = first + index + count; r <= t.rect.r2; r++)
      for (let c = t.rect.c1; c <= t.rect.c2; c++) moveCell(sheet, { row: r, col: c }, { row: r - removed, col: c });
    for (let r = t.rect.r2 - removed + 1; r <= t.rect.r2; r++) for (let c = t.rect.c1; c <= t.rect.c2; c++) {
      const cell = peekCell(sheet, r, c);
      if (cell) {
        delete cell.style;
        pruneCell(sheet, cell);
      }
    }
    t.rect = { ...t.rect, r2: t.rect.r2 - removed };
  }
  engine.contentChanged = true;
}

/** Excel.TableRow: a physical row position of the table, as Office documents. */
export class TableRow extends ClientObject {
  static officeClass = "TableRow";
  static props: Record<string, PropSpec<RowRef>> = {
    index: { get: (r) => r.index },
    values: {
      get: (r, p) => {
        const engine = (p as ClientObject).context.engine;
        const row = dataRows(r.table).first + r.index;
        return readMatrix(engine, sheetOf(engine, r.table), { ...r.table.rect, r1: row, r2: row }, "values");
      },
      set: (r, v, p) => {
        const engine = (p as ClientObject).context.engine;
        const sheet = sheetOf(engine, r.table);
        const row = dataRows(r.table).first + r.index;
        const width = r.table.columns.length;
        if (!Array.isArray(v) || v.length !== 1 || !Array.isArray(v[0]) || v[0].length !== width)
          throw excelError("InvalidArgument", `values of a row of "${r.table.name}" must be 1x${width}`);
        for (let j = 0; j < width; j++) writeCell(engine, sheet, row, r.table.rect.c1 + j, (v as unknown[][])[0][j]);
      },
    },
  };

  get index(): number { return this._read("index"); }
  get values(): any[][] { return this._read("values"); }
  set values(v: any[][]) { this._write("values", v); }

  getRange(): Range {
    return new Range(this.context, `${this._path}.getRange()`, () => {
      const r = this._resolve<RowRef>();
      if (!r) return null;
      const row = dataRows(r.table).first + r.index;
      return { sheet: sheetOf(this.context.engine, r.table), rect: { ...r.table.rect, r1: row, r2: row } };
    });
  }

  delete(): void {
    this._call<RowRef>("delete", undefined, (r) => deleteRows(this.context.engine, r.table, r.index, 1));
  }
}

export { sheetOf };
