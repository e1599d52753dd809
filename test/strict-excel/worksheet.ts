/**
 * Worksheets: the collection (add, getItem, ...), the sheet itself (name, position, visibility,
 * ranges), freeze panes, page layout and protection; and the workbook-wide rewrites a sheet rename
 * or deletion causes in formulas, as Excel performs them.
 */
import { MAX_COLS, MAX_ROWS, Rect, isEntireRow, isEntireColumn } from "./address";
import { usedRect } from "./cells";
import { excelError } from "./errors";
import { deleteSheetInFormula, renameSheetInFormula } from "./formula";
import { Range, RangeRef, child, resolveAddress } from "./range";
import { ClientObject, CollectionObject, Engine, PropSpec, StrictClientResult, StrictRequestContext } from "./runtime";
import { checkSheetName, normalizeColor } from "./rules";
import { SheetState, WorkbookState, findSheet, newSheet } from "./state";
import { excelTypings } from "./typings";
import { TableCollection } from "./table";
import { NamedItemCollection } from "./names";
import { ChartCollection } from "./chart";

/** Applies `f` to every formula of the workbook: cells, names, rules, validations, chart series. */
export function rewriteFormulas(state: WorkbookState, f: (formula: string) => string): void {
  for (const s of state.sheets) for (const c of s.cells.values()) if (c.formula !== undefined) c.formula = f(c.formula);
  for (const n of state.names) n.formula = f(n.formula);
  for (const cf of state.conditionalFormats) if (cf.formula) cf.formula = f(cf.formula);
  for (const dv of state.dataValidations) {
    for (const body of Object.values(dv.rule) as Record<string, unknown>[]) {
      for (const k of ["source", "formula", "formula1", "formula2"]) {
        const v = body[k];
        if (typeof v === "string" && v.startsWith("=")) body[k] = f(v);
      }
    }
  }
  for (const ch of state.charts) {
    for (const s of ch.series) {
      if (s.values) s.values = f(s.values);
      if (s.xValues) s.xValues = f(s.xValues);
    }
  }
}

function visibleCount(state: WorkbookState): number {
  return state.sheets.filter((s) => s.visibility === "Visible").length;
}

function renameSheet(engine: Engine, sheet: SheetState, name: unknown): void {
  const n = checkSheetName(name);
  const clash = findSheet(engine.state, n);
  if (clash && clash !== sheet) throw excelError("ItemAlreadyExists", `a sheet named "${clash.name}" already exists (names are compared ignoring case)`);
  const old = sheet.name;
  if (old === n) return;
  rewriteFormulas(engine.state, (f) => renameSheetInFormula(f, old, n));
  sheet.name = n;
}

function deleteSheet(engine: Engine, sheet: SheetState): void {
  const st = engine.state;
  if (sheet.visibility === "Visible" && visibleCount(st) <= 1)
    throw excelError("InvalidOperation", `"${sheet.name}" is the only visible sheet; a workbook must keep at least one visible sheet`);
  st.sheets = st.sheets.filter((s) => s !== sheet);
  st.tables = st.tables.filter((t) => t.sheetId !== sheet.id);
  st.conditionalFormats = st.conditionalFormats.filter((c) => c.sheetId !== sheet.id);
  st.dataValidations = st.dataValidations.filter((d) => d.sheetId !== sheet.id);
  st.charts = st.charts.filter((c) => c.sheetId !== sheet.id);
  st.names = st.names.filter((n) => n.sheetId !== sheet.id);
  rewriteFormulas(st, (f) => deleteSheetInFormula(f, sheet.name));
  if (st.activeSheetId === sheet.id) st.activeSheetId = st.sheets.find((s) => s.visibility === "Visible")?.id;
  if (st.selection?.sheetId === sheet.id) st.selection = undefined;
  (sheet as { __deleted?: boolean }).__deleted = true;
  engine.contentChanged = true;
}

const sheetProps: Record<string, PropSpec<SheetState>> = {
  id: { get: (s) => s.id },
  name: { get: (s) => s.name, set: (s, v, p) => renameSheet(p.context.engine, s, v) },
  position: {
    get: (s, p) => (p as ClientObject).context.engine.state.sheets.indexOf(s),
    set: (s, v, p) => {
      const st = (p as ClientObject).context.engine.state;
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= st.sheets.length)
        throw excelError("InvalidArgument", `position must be an integer from 0 to ${st.sheets.length - 1}, got ${JSON.stringify(v)}`);
      st.sheets = st.sheets.filter((x) => x !== s);
      st.sheets.splice(v, 0, s);
    },
  },
  visibility: {
    get: (s) => s.visibility,
    set: (s, v, p) => {
      if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden") throw excelError("InvalidArgument", `visibility ${JSON.stringify(v)}`);
      const st = (p as ClientObject).context.engine.state;
      if (v !== "Visible" && s.visibility === "Visible" && visibleCount(st) <= 1)
        throw excelError("InvalidOperation", `cannot hide "${s.name}": it is the only visible sheet`);
      s.visibility = v;
    },
  },
  tabColor: {
    get: (s) => s.tabColor,
    set: (s, v) => {
      s.tabColor = v === "" ? "" : normalizeColor(v);
    },
  },
  showGridlines: {
    get: (s) => s.showGridlines,
    set: (s, v) => {
      if (typeof v !== "boolean") throw excelError("InvalidArgument", "showGridlines must be a boolean");
      s.showGridlines = v;
    },
  },
};

/** Excel.Worksheet. */
export class Worksheet extends ClientObject {
  static officeClass = "Worksheet";
  static props = sheetProps;
  static nav = ["tables", "names", "charts", "freezePanes", "pageLayout", "protection"];

  constructor(ctx: StrictRequestContext, path: string, resolver: () => SheetState | null, nullable = false) {
    super(ctx, path, resolver, nullable);
  }

  get id(): string { return this._read("id"); }
  get name(): string { return this._read("name"); }
  set name(v: string) { this._write("name", v); }
  get position(): number { return this._read("position"); }
  set position(v: number) { this._write("position", v); }
  get visibility(): string { return this._read("visibility"); }
  set visibility(v: string) { this._write("visibility", v); }
  get tabColor(): string { return this._read("tabColor"); }
  set tabColor(v: string) { this._write("tabColor", v); }
  get showGridlines(): boolean { return this._read("showGridlines"); }
  set showGridlines(v: boolean) { this._write("showGridlines", v); }

  _sheetRange(label: string, f: (s: SheetState) => RangeRef | null, nullable = false): Range {
    return new Range(
      this.context,
      `${this._path}.${label}`,
      () => {
        const s = this._resolve<SheetState>();
        return s ? f(s) : null;
      },
      nullable,
    );
  }

  getRange(address?: string): Range {
    return this._sheetRange(`getRange(${address === undefined ? "" : JSON.stringify(address)})`, (s) => {
      const ref = resolveAddress(this.context.engine, s, address);
      if (ref.sheet !== s) throw excelError("InvalidArgument", `"${address}" is on another sheet than "${s.name}"`);
      return ref;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return this._sheetRange(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, (s) => {
      for (const [n, v, min] of [["startRow", startRow, 0], ["startColumn", startColumn, 0], ["rowCount", rowCount, 1], ["columnCount", columnCount, 1]] as const)
        if (typeof v !== "number" || !Number.isInteger(v) || v < min) throw excelError("InvalidArgument", `${n} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
      const rect = { r1: startRow, c1: startColumn, r2: startRow + rowCount - 1, c2: startColumn + columnCount - 1 };
      if (rect.r2 >= MAX_ROWS || rect.c2 >= MAX_COLS) throw excelError("InvalidArgument", "the range would fall outside the worksheet");
      return { sheet: s, rect };
    });
  }

  getCell(row: number, column: number): Range {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  getUsedRange(valuesOnly = false): Range {
    return this._sheetRange("getUsedRange()", (s) => ({ sheet: s, rect: usedRect(s, valuesOnly) ?? { r1: 0, c1: 0, r2: 0, c2: 0 } }));
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this._sheetRange(
      "getUsedRangeOrNullObject()",
      (s) => {
        const r = usedRect(s, valuesOnly);
        return r ? { sheet: s, rect: r } : null;
      },
      true,
    );
  }

  activate(): void {
    this._call<SheetState>("activate", undefined, (s) => {
      if (s.visibility !== "Visible") throw excelError("InvalidOperation", `cannot activate hidden sheet "${s.name}"`);
      this.context.engine.state.activeSheetId = s.id;
    });
  }

  delete(): void {
    this._call<SheetState>("delete", undefined, (s) => deleteSheet(this.context.engine, s));
  }

  get tables(): TableCollection {
    return child(this, "tables", () => new TableCollection(this.context, `${this._path}.tables`, () => this._resolve<SheetState>()));
  }

  get names(): NamedItemCollection {
    return child(this, "names", () => new NamedItemCollection(this.context, `${this._path}.names`, () => this._resolve<SheetState>()));
  }

  get charts(): ChartCollection {
    return child(this, "charts", () => new ChartCollection(this.context, `${this._path}.charts`, () => this._resolve<SheetState>()));
  }

  get freezePanes(): WorksheetFreezePanes {
    return child(this, "freezePanes", () => new WorksheetFreezePanes(this.context, `${this._path}.freezePanes`, () => this._resolve()));
  }

  get pageLayout(): PageLayout {
    return child(this, "pageLayout", () => new PageLayout(this.context, `${this._path}.pageLayout`, () => this._resolve()));
  }

  get protection(): WorksheetProtection {
    return child(this, "protection", () => new WorksheetProtection(this.context, `${this._path}.protection`, () => this._resolve()));
  }
}

/** Excel.WorksheetCollection. */
export class WorksheetCollection extends CollectionObject<SheetState> {
  static officeClass = "WorksheetCollection";
  static props = {};

  _entities(scope: unknown): SheetState[] {
    return (scope as WorkbookState).sheets;
  }

  _itemProxy(s: SheetState): ClientObject {
    return new Worksheet(this.context, `${this._path}.getItem('${s.name}')`, () => s);
  }

  override _isItemNavOnly(path: string): boolean {
    return Worksheet.nav.includes(path.split("/")[0]) && !path.includes("/");
  }

  /** Adds a sheet at the end (not activated), named "Sheet<n>" when no name is given. */
  add(name?: string): Worksheet {
    let created: SheetState | undefined;
    const proxy = new Worksheet(this.context, `${this._path}.add(${JSON.stringify(name ?? null)})`, () => {
      if (!created) throw excelError("InvalidObjectPath", "the worksheet was not added", `${this._path}.add`);
      return created;
    });
    this._call<WorkbookState>("add", { name }, (st) => {
      let n = name;
      if (n === undefined || n === null) {
        const prefix = this.context.engine.options.defaultSheetPrefix;
        for (let i = 1; ; i++) if (!findSheet(st, `${prefix}${i}`)) { n = `${prefix}${i}`; break; }
      }
      const valid = checkSheetName(n);
      const clash = findSheet(st, valid);
      if (clash) throw excelError("ItemAlreadyExists", `a sheet named "${clash.name}" already exists (names are compared ignoring case)`);
      created = newSheet(st, valid);
      st.sheets.push(created);
      if (!st.activeSheetId) st.activeSheetId = created.id;
    });
    return proxy;
  }

  _find(st: WorkbookState, key: string): SheetState | undefined {
    return findSheet(st, key) ?? st.sheets.find((s) => s.id === key);
  }

  getItem(key: string): Worksheet {
    return new Worksheet(this.context, `${this._path}.getItem(${JSON.stringify(key)})`, () => {
      const st = this._resolve<WorkbookState>()!;
      const s = this._find(st, key);
      if (!s) throw excelError("ItemNotFound", `there is no worksheet "${key}"`);
      return s;
    });
  }

  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(
      this.context,
      `${this._path}.getItemOrNullObject(${JSON.stringify(key)})`,
      () => this._find(this._resolve<WorkbookState>()!, key) ?? null,
      true,
    );
  }

  getActiveWorksheet(): Worksheet {
    return activeWorksheet(this.context, `${this._path}.getActiveWorksheet()`);
  }

  getFirst(visibleOnly = false): Worksheet {
    return new Worksheet(this.context, `${this._path}.getFirst()`, () => {
      const list = this._resolve<WorkbookState>()!.sheets.filter((s) => !visibleOnly || s.visibility === "Visible");
      if (!list.length) throw excelError("ItemNotFound", "there are no worksheets");
      return list[0];
    });
  }

  getLast(visibleOnly = false): Worksheet {
    return new Worksheet(this.context, `${this._path}.getLast()`, () => {
      const list = this._resolve<WorkbookState>()!.sheets.filter((s) => !visibleOnly || s.visibility === "Visible");
      if (!list.length) throw excelError("ItemNotFound", "there are no worksheets");
      return list[list.length - 1];
    });
  }

  getCount(visibleOnly = false): StrictClientResult<number> {
    return this._result<WorkbookState, number>("getCount", { visibleOnly }, (st) =>
      st.sheets.filter((s) => !visibleOnly || s.visibility === "Visible").length,
    );
  }
}

export function activeWorksheet(ctx: StrictRequestContext, path: string): Worksheet {
  return new Worksheet(ctx, path, () => {
    const st = ctx.engine.state;
    const s = st.sheets.find((x) => x.id === st.activeSheetId) ?? st.sheets.find((x) => x.visibility === "Visible");
    if (!s) throw excelError("ItemNotFound", "the workbook has no worksheet");
    return s;
  });
}

function rangeArg(p: ClientObject, sheet: SheetState, arg: unknown): Rect {
  if (typeof arg === "string") {
    const ref = resolveAddress(p.context.engine, sheet, arg);
    if (ref.sheet !== sheet) throw excelError("InvalidArgument", `"${arg}" is on another sheet`);
    return ref.rect;
  }
  if (arg && typeof arg === "object" && (arg as ClientObject).__strictProxy) {
    const ref = (arg as ClientObject)._resolve<RangeRef>();
    if (!ref) throw excelError("InvalidArgument", "the range is a null object");
    if (ref.sheet !== sheet) throw excelError("InvalidArgument", "the range is on another sheet");
    return ref.rect;
  }
  throw excelError("InvalidArgument", `expected a range or an address, got ${JSON.stringify(arg)}`);
}

/** Excel.WorksheetFreezePanes. */
export class WorksheetFreezePanes extends ClientObject {
  static officeClass = "WorksheetFreezePanes";

  freezeRows(count = 1): void {
    this._call<SheetState>("freezeRows", { count }, (s) => {
      if (!Number.isInteger(count) || count < 0) throw excelError("InvalidArgument", "freezeRows needs a count >= 0");
      s.freeze = { rows: count, columns: 0 };
    });
  }

  freezeColumns(count = 1): void {
    this._call<SheetState>("freezeColumns", { count }, (s) => {
      if (!Number.isInteger(count) || count < 0) throw excelError("InvalidArgument", "freezeColumns needs a count >= 0");
      s.freeze = { rows: 0, columns: count };
    });
  }

  /** Freezes the cells above and left of the range's bottom-right... as Excel: rows above and columns left of it, inclusive. */
  freezeAt(frozenRange: unknown): void {
    this._call<SheetState>("freezeAt", { range: typeof frozenRange === "string" ? frozenRange : "(Range)" }, (s) => {
      const r = rangeArg(this, s, frozenRange);
      s.freeze = { rows: isEntireColumn(r) ? 0 : r.r2 + 1, columns: isEntireRow(r) ? 0 : r.c2 + 1 };
    });
  }

  unfreeze(): void {
    this._call<SheetState>("unfreeze", undefined, (s) => {
      s.freeze = undefined;
    });
  }
}

const PAPER_TYPES = () => Object.values(excelTypings().enums.PaperType ?? {}) as string[];

function checkZoom(v: unknown): PageLayoutStateZoom {
  if (!v || typeof v !== "object") throw excelError("InvalidArgument", "zoom must be an object like { horizontalFitToPages: 1 }");
  const z = v as PageLayoutStateZoom;
  for (const [k, x] of Object.entries(z)) {
    if (!["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k)) throw excelError("InvalidArgument", `zoom.${k} is not a zoom option`);
    if (x !== undefined && (typeof x !== "number" || x < 0)) throw excelError("InvalidArgument", `zoom.${k} must be a number >= 0`);
  }
  if (z.scale !== undefined && (z.scale < 10 || z.scale > 400)) throw excelError("InvalidArgument", "zoom.scale must be between 10 and 400");
  return { ...z };
}

type PageLayoutStateZoom = { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };

const layoutProps: Record<string, PropSpec<SheetState>> = {
  orientation: {
    get: (s) => s.pageLayout.orientation,
    set: (s, v) => {
      if (v !== "Portrait" && v !== "Landscape") throw excelError("InvalidArgument", `orientation ${JSON.stringify(v)}`);
      s.pageLayout.orientation = v;
    },
  },
  paperSize: {
    get: (s) => s.pageLayout.paperSize,
    set: (s, v) => {
      if (typeof v !== "string" || !PAPER_TYPES().includes(v)) throw excelError("InvalidArgument", `paperSize ${JSON.stringify(v)} is not a PaperType`);
      s.pageLayout.paperSize = v;
    },
  },
  zoom: {
    get: (s) => s.pageLayout.zoom,
    set: (s, v) => {
      s.pageLayout.zoom = checkZoom(v);
    },
  },
  centerHorizontally: {
    get: (s) => s.pageLayout.centerHorizontally,
    set: (s, v) => {
      if (typeof v !== "boolean") throw excelError("InvalidArgument", "centerHorizontally must be a boolean");
      s.pageLayout.centerHorizontally = v;
    },
  },
  centerVertically: {
    get: (s) => s.pageLayout.centerVertically,
    set: (s, v) => {
      if (typeof v !== "boolean") throw excelError("InvalidArgument", "centerVertically must be a boolean");
      s.pageLayout.centerVertically = v;
    },
  },
};

/** Excel.PageLayout. `zoom` is set as a whole object, as Office requires. */
export class PageLayout extends ClientObject {
  static officeClass = "PageLayout";
  static props = layoutProps;
  static nav = ["headersFooters"];

  get orientation(): string { return this._read("orientation"); }
  set orientation(v: string) { this._write("orientation", v); }
  get paperSize(): string { return this._read("paperSize"); }
  set paperSize(v: string) { this._write("paperSize", v); }
  get zoom(): PageLayoutStateZoom { return this._read("zoom"); }
  set zoom(v: PageLayoutStateZoom) { this._write("zoom", v); }
  get centerHorizontally(): boolean { return this._read("centerHorizontally"); }
  set centerHorizontally(v: boolean) { this._write("centerHorizontally", v); }
  get centerVertically(): boolean { return this._read("centerVertically"); }
  set centerVertically(v: boolean) { this._write("centerVertically", v); }

  get headersFooters(): HeaderFooterGroup {
    return child(this, "headersFooters", () => new HeaderFooterGroup(this.context, `${this._path}.headersFooters`, () => this._resolve()));
  }

  setPrintArea(printArea: unknown): void {
    this._call<SheetState>("setPrintArea", { printArea: typeof printArea === "string" ? printArea : "(Range)" }, (s) => {
      const parts = typeof printArea === "string" ? printArea.split(",") : [printArea];
      s.pageLayout.printArea = parts.map((p) => rangeArg(this, s, typeof p === "string" ? p.trim() : p));
    });
  }

  setPrintTitleRows(rowsArg: unknown): void {
    this._call<SheetState>("setPrintTitleRows", { rows: typeof rowsArg === "string" ? rowsArg : "(Range)" }, (s) => {
      const r = rangeArg(this, s, rowsArg);
      s.pageLayout.printTitleRows = { r1: r.r1, c1: 0, r2: r.r2, c2: MAX_COLS - 1 };
    });
  }

  setPrintTitleColumns(colsArg: unknown): void {
    this._call<SheetState>("setPrintTitleColumns", { columns: typeof colsArg === "string" ? colsArg : "(Range)" }, (s) => {
      const r = rangeArg(this, s, colsArg);
      s.pageLayout.printTitleColumns = { r1: 0, c1: r.c1, r2: MAX_ROWS - 1, c2: r.c2 };
    });
  }

  setPrintMargins(unit: string, margins: Record<string, number>): void {
    this._call<SheetState>("setPrintMargins", { unit, margins }, (s) => {
      const factor = unit === "Inches" ? 72 : unit === "Centimeters" ? 72 / 2.54 : unit === "Points" ? 1 : NaN;
      if (Number.isNaN(factor)) throw excelError("InvalidArgument", `unit ${JSON.stringify(unit)}`);
      const m: Record<string, number> = {};
      for (const [k, v] of Object.entries(margins ?? {})) m[k] = v * factor;
      s.pageLayout.margins = { ...(s.pageLayout.margins ?? {}), ...m };
    });
  }
}

/** Excel.HeaderFooterGroup; only `defaultForAllPages` is modelled. */
export class HeaderFooterGroup extends ClientObject {
  static officeClass = "HeaderFooterGroup";
  static nav = ["defaultForAllPages"];
  static props: Record<string, PropSpec<SheetState>> = { state: { get: () => "Default" } };

  get state(): string { return this._read("state"); }

  get defaultForAllPages(): HeaderFooter {
    return child(this, "defaultForAllPages", () => new HeaderFooter(this.context, `${this._path}.defaultForAllPages`, () => this._resolve()));
  }
}

function hfProp(key: keyof SheetState["pageLayout"]["headersFooters"]): PropSpec<SheetState> {
  return {
    get: (s) => s.pageLayout.headersFooters[key],
    set: (s, v) => {
      if (typeof v !== "string") throw excelError("InvalidArgument", `${key} must be a string`);
      const hf = { ...s.pageLayout.headersFooters, [key]: v };
      const header = hf.leftHeader.length + hf.centerHeader.length + hf.rightHeader.length;
      const footer = hf.leftFooter.length + hf.centerFooter.length + hf.rightFooter.length;
      if (header > 255 || footer > 255) throw excelError("InvalidArgument", "a header or footer holds at most 255 characters in all");
      s.pageLayout.headersFooters = hf;
    },
  };
}

/** Excel.HeaderFooter. */
export class HeaderFooter extends ClientObject {
  static officeClass = "HeaderFooter";
  static props: Record<string, PropSpec<SheetState>> = {
    leftHeader: hfProp("leftHeader"),
    centerHeader: hfProp("centerHeader"),
    rightHeader: hfProp("rightHeader"),
    leftFooter: hfProp("leftFooter"),
    centerFooter: hfProp("centerFooter"),
    rightFooter: hfProp("rightFooter"),
  };

  get leftHeader(): string { return this._read("leftHeader"); }
  set leftHeader(v: string) { this._write("leftHeader", v); }
  get centerHeader(): string { return this._read("centerHeader"); }
  set centerHeader(v: string) { this._write("centerHeader", v); }
  get rightHeader(): string { return this._read("rightHeader"); }
  set rightHeader(v: string) { this._write("rightHeader", v); }
  get leftFooter(): string { return this._read("leftFooter"); }
  set leftFooter(v: string) { this._write("leftFooter", v); }
  get centerFooter(): string { return this._read("centerFooter"); }
  set centerFooter(v: string) { this._write("centerFooter", v); }
  get rightFooter(): string { return this._read("rightFooter"); }
  set rightFooter(v: string) { this._write("rightFooter", v); }
}

/** Excel.WorksheetProtection. While protected, every edit of the sheet fails with AccessDenied. */
export class WorksheetProtection extends ClientObject {
  static officeClass = "WorksheetProtection";
  static props: Record<string, PropSpec<SheetState>> = {
    protected: { get: (s) => s.protection.protected },
    options: { get: (s) => s.protection.options },
    isPasswordProtected: { get: (s) => !!s.protection.password },
  };

  get protected(): boolean { return this._read("protected"); }
  get options(): Record<string, unknown> { return this._read("options"); }
  get isPasswordProtected(): boolean { return this._read("isPasswordProtected"); }

  /** "Fails if the worksheet has already been protected" (Office.js reference). */
  protect(options?: Record<string, unknown>, password?: string): void {
    this._call<SheetState>("protect", { options, password: password ? "***" : undefined }, (s) => {
      if (s.protection.protected) throw excelError("AccessDenied", `sheet "${s.name}" is already protected`);
      s.protection = { protected: true, options: { ...(options ?? {}) }, password: password || undefined };
    });
  }

  unprotect(password?: string): void {
    this._call<SheetState>("unprotect", { password: password ? "***" : undefined }, (s) => {
      if (s.protection.protected && s.protection.password && s.protection.password !== password)
        throw excelError("AccessDenied", `wrong password for sheet "${s.name}"`);
      s.protection = { protected: false, options: {} };
    });
  }
}

