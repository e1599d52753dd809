/**
 * A strict, in-memory Excel for testing Office.js code without Excel.
 *
 * ```ts
 * const excel = createStrictExcel({ sheets: [{ name: "Actividades", cells: { A1: "ID", B1: "Dependencia" } }] });
 * await excel.run(async (ctx) => {
 *   const r = ctx.workbook.worksheets.getItem("Actividades").getRange("A1:B1");
 *   r.load("values");
 *   await ctx.sync();
 *   return r.values;
 * });
 * excel.stats.roundTrips;               // syncs that carried commands
 * excel.workbookState.sheets[0].cells;  // plain data, cell by cell
 * const file = await excel.toXlsx();    // for LibreOffice or ExcelJS
 * ```
 *
 * Code typed against @types/office-js runs unchanged: `excel.run` has `Excel.run`'s signature, and
 * `excel.install()` sets `globalThis.Excel` (run, the enums, ErrorCodes) and `globalThis.Office`
 * (`context.requirements.isSetSupported`) for code that calls `Excel.run` directly.
 */
import { parseCell, parseRect } from "./address";
import { writeCell } from "./cells";
import { StrictExcelError, excelError } from "./errors";
import { Engine, StrictExcelOptions, StrictExcelStats, StrictRequestContext, emptyStats } from "./runtime";
import { CellScalar, SheetState, WorkbookState, emptyWorkbookState, findSheet, newSheet, touchCell } from "./state";
import { createTable } from "./table";
import { excelTypings, versionAtLeast } from "./typings";
import { Application, Workbook } from "./workbook";
import { fromXlsx, toXlsx } from "./xlsx";
import { checkSheetName } from "./rules";

export { StrictExcelError } from "./errors";
export type { StrictExcelOptions, StrictExcelStats, SyncRecord } from "./runtime";
export type * from "./state";
export { fromXlsx, toXlsx } from "./xlsx";

/** A cell of an initial workbook: typed input (as a user types it), `{ f }` a formula, `{ text }` literal text. */
export type InitialCell = CellScalar | null | { f: string } | { text: string };

export interface InitialSheet {
  name: string;
  /** By address: { A1: "ID", B2: 5, C2: { f: "=A2*2" }, D2: { text: "5" } }. */
  cells?: Record<string, InitialCell>;
  /** A block of rows from a top-left cell. */
  rows?: { origin: string; values: InitialCell[][] };
  /** Tables over ranges whose first row holds the headers. */
  tables?: { name: string; range: string; style?: string }[];
  visibility?: "Visible" | "Hidden" | "VeryHidden";
}

export interface InitialWorkbook {
  sheets: InitialSheet[];
  names?: { name: string; formula: string; comment?: string }[];
}

export interface StrictExcel {
  /** `Excel.run`: runs the batch with a fresh context, syncs once more at the end. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  stats: StrictExcelStats;
  /** The live workbook, as plain data. */
  workbookState: WorkbookState;
  options: Engine["options"];
  /** Resets the statistics (e.g. after a test's setup). */
  resetStats(): void;
  /** The workbook as an .xlsx (ExcelJS). */
  toXlsx(): Promise<Buffer>;
  /**
   * Recalculates every formula with LibreOffice (through toXlsx) and stores the results, so
   * `values` of formula cells read real results until the next edit.
   */
  recalculate(): Promise<void>;
  /** Sets `globalThis.Excel` and `globalThis.Office` to this strict Excel; returns an uninstall function. */
  install(): () => void;
}

const DEFAULT_OPTIONS: Engine["options"] = {
  payloadLimitBytes: 5 * 1024 * 1024,
  responseLimitBytes: 5 * 1024 * 1024,
  throwOnLoadWithoutProperties: false,
  requirementSets: { ExcelApi: "1.17" },
  defaultSheetPrefix: "Sheet",
  validateStructuredReferences: true,
};

function buildState(engine: Engine, initial: InitialWorkbook): void {
  const st = engine.state;
  for (const s of initial.sheets) {
    checkSheetName(s.name);
    if (findSheet(st, s.name)) throw excelError("ItemAlreadyExists", `initial workbook repeats sheet "${s.name}"`);
    const sheet = newSheet(st, s.name);
    if (s.visibility) sheet.visibility = s.visibility;
    st.sheets.push(sheet);
  }
  // Tables first, so that formulas with structured references written below can be checked.
  for (const s of initial.sheets) {
    const sheet = findSheet(st, s.name)!;
    for (const [address, v] of Object.entries(s.cells ?? {})) putInitial(engine, sheet, address, v, true);
    if (s.rows) {
      const o = parseCell(s.rows.origin);
      if (!o) throw excelError("InvalidArgument", `bad origin ${s.rows.origin}`);
      s.rows.values.forEach((line, i) => line.forEach((v, j) => putInitial(engine, sheet, { row: o.row + i, col: o.col + j }, v, true)));
    }
  }
  for (const s of initial.sheets) {
    const sheet = findSheet(st, s.name)!;
    for (const t of s.tables ?? []) {
      const rect = parseRect(t.range);
      if (!rect) throw excelError("InvalidArgument", `bad table range ${t.range}`);
      createTable(engine, sheet, rect, t.name, t.style);
    }
  }
  for (const s of initial.sheets) {
    const sheet = findSheet(st, s.name)!;
    for (const [address, v] of Object.entries(s.cells ?? {})) putInitial(engine, sheet, address, v, false);
    if (s.rows) {
      const o = parseCell(s.rows.origin)!;
      s.rows.values.forEach((line, i) => line.forEach((v, j) => putInitial(engine, sheet, { row: o.row + i, col: o.col + j }, v, false)));
    }
  }
  for (const n of initial.names ?? []) st.names.push({ name: n.name, formula: n.formula, comment: n.comment ?? "", visible: true });
  st.activeSheetId = st.sheets.find((s) => s.visibility === "Visible")?.id;
  engine.contentChanged = false;
}

function putInitial(engine: Engine, sheet: SheetState, at: string | { row: number; col: number }, v: InitialCell, firstPass: boolean): void {
  const pos = typeof at === "string" ? parseCell(at) : at;
  if (!pos) throw excelError("InvalidArgument", `bad cell address ${String(at)}`);
  const isFormula = (typeof v === "object" && v !== null && "f" in v) || (typeof v === "string" && v.startsWith("="));
  // Constants go in before tables exist (headers become column names); formulas after.
  if (firstPass === isFormula) return;
  if (v === null) return;
  if (typeof v === "object" && "text" in v) {
    const c = touchCell(sheet, pos.row, pos.col);
    c.value = v.text;
    return;
  }
  writeCell(engine, sheet, pos.row, pos.col, typeof v === "object" ? v.f : v, false);
}

/** Creates a strict Excel holding `initial` (a description, or a state from `fromXlsx`). */
export function createStrictExcel(initial?: InitialWorkbook | WorkbookState, options: StrictExcelOptions = {}): StrictExcel {
  const engine: Engine = {
    state: emptyWorkbookState(),
    options: { ...DEFAULT_OPTIONS, ...options, requirementSets: { ...DEFAULT_OPTIONS.requirementSets, ...(options.requirementSets ?? {}) } },
    stats: emptyStats(),
    contentChanged: false,
  };
  if (initial && "seq" in initial) engine.state = initial;
  else if (initial) buildState(engine, initial);
  else {
    const s = newSheet(engine.state, `${engine.options.defaultSheetPrefix}1`);
    engine.state.sheets.push(s);
    engine.state.activeSheetId = s.id;
  }
  engine.stats = emptyStats();

  async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const ctx = new StrictRequestContext(engine);
    ctx.application = new Application(ctx);
    ctx.workbook = new Workbook(ctx);
    engine.stats.runs += 1;
    try {
      const result = batch(ctx as unknown as Excel.RequestContext);
      if (!result || typeof (result as Promise<T>).then !== "function") throw excelError("RunMustReturnPromise");
      const value = await result;
      return await ctx.sync(value);
    } finally {
      ctx._closed = true;
    }
  }

  const excel: StrictExcel = {
    run,
    get stats() {
      return engine.stats;
    },
    get workbookState() {
      return engine.state;
    },
    options: engine.options,
    resetStats() {
      engine.stats = emptyStats();
    },
    toXlsx: () => toXlsx(engine.state),
    async recalculate() {
      const { recalculateState } = await import("./recalc");
      await recalculateState(engine.state);
    },
    install() {
      const g = globalThis as Record<string, unknown>;
      const before = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
      const typings = excelTypings();
      g.Excel = {
        ...typings.enums,
        run: (...args: unknown[]) => {
          const batch = args[args.length - 1];
          if (typeof batch !== "function") throw excelError("InvalidArgument", "Excel.run needs a batch function");
          return run(batch as (c: Excel.RequestContext) => Promise<unknown>);
        },
        RequestContext: StrictRequestContext,
      };
      g.OfficeExtension = {
        Error: StrictExcelError,
        ErrorCodes: Object.fromEntries(
          ["accessDenied", "generalException", "invalidArgument", "invalidObjectPath", "propertyNotLoaded", "valueNotLoaded", "apiNotFound", "itemNotFound", "itemAlreadyExists", "invalidOperation"].map((k) => [
            k,
            k[0].toUpperCase() + k.slice(1),
          ]),
        ),
      };
      g.Office = {
        context: {
          requirements: {
            isSetSupported: (name: string, minVersion?: string | number) => {
              const have = engine.options.requirementSets[name];
              if (have === undefined) return false;
              return minVersion === undefined ? true : versionAtLeast(have, String(minVersion));
            },
          },
        },
        onReady: async () => ({ host: "Excel", platform: "PC" }),
        HostType: { Excel: "Excel" },
      };
      return () => {
        for (const [k, v] of Object.entries(before)) {
          if (v === undefined) delete g[k];
          else g[k] = v;
        }
      };
    },
  };
  return excel;
}

/** A strict Excel holding the workbook of an .xlsx file (cells, styles, tables, names). */
export async function createStrictExcelFromXlsx(buffer: Buffer, options: StrictExcelOptions = {}): Promise<StrictExcel> {
  return createStrictExcel(await fromXlsx(buffer), options);
}
