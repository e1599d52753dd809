/**
 * Reads the open workbook into the neutral raw tables (src/domain/raw.ts), so the same parsing and
 * validation run as for files, in one round trip in the usual case and two at most, whatever the
 * size of the plan.
 *
 * The first request asks, speculatively, for everything the contract names: the tables
 * `Actividades`, `Compromisos`, `Dependencias`, `Configuración` (their addresses) and the sheets of
 * the same names (their used ranges: values and number formats). Asking for an object that does not
 * exist costs nothing (`*OrNullObject`: commands on a null object do nothing). A table that lives on
 * its own sheet (the usual layout) is cut out of that sheet's used range, so its cells travel once.
 * Only a table that lives on another sheet, or an input whose name differs from the contract's in
 * case or accents ("Configuracion"), needs the second request.
 *
 * Values come as Office.js gives them: dates are serial numbers, and the number format travels with
 * each cell so parsing can tell a date from a number. Formulas are not read: parsing needs results
 * only, and reading formulas would double the response for a table with computed columns.
 */
import {
  HOJA_ACTIVIDADES,
  HOJA_COMPROMISOS,
  HOJA_CONFIGURACION,
  HOJA_DEPENDENCIAS,
  TABLA_CONFIGURACION,
  cellAddress,
  inputName,
  type RawCell,
  type RawSheet,
  type RawTable,
  type RawValue,
  type RawWorkbook,
} from "../domain";
import { splitReference } from "./formula-names";
import { parseBox, type Box } from "./write";

/** The inputs of the contract: canonical sheet name and table name. */
export const INPUTS: { sheet: string; table: string }[] = [
  { sheet: HOJA_ACTIVIDADES, table: HOJA_ACTIVIDADES },
  { sheet: HOJA_COMPROMISOS, table: HOJA_COMPROMISOS },
  { sheet: HOJA_DEPENDENCIAS, table: HOJA_DEPENDENCIAS },
  { sheet: HOJA_CONFIGURACION, table: TABLA_CONFIGURACION },
];

export interface SheetInfo {
  id: string;
  name: string;
  position: number;
  visibility: string;
}

/** Where an input table is, as read. */
export interface TableInfo {
  name: string;
  sheet: string;
  /** Whole table: header row, data rows and totals row. */
  box: Box;
  showHeaders: boolean;
  showTotals: boolean;
  /** Header texts as written. */
  headers: string[];
}

/** The workbook as the engine needs it before deciding anything. */
export interface WorkbookSnapshot {
  /** In tab order. */
  sheets: SheetInfo[];
  /** Every table name of the workbook. */
  tableNames: string[];
  /** Every table with the id and name of its sheet. */
  tables: { name: string; sheetId: string; sheet: string }[];
  /** Workbook-scoped defined names. */
  names: string[];
  /** Input tables by canonical sheet name (Actividades, Compromisos...). */
  inputTables: Record<string, TableInfo>;
  /** Input sheets found (canonical name -> actual name). */
  inputSheets: Record<string, string>;
  raw: RawWorkbook;
  /** Round trips this read made after the caller's first sync (0 or 1). */
  extraSyncs: number;
}

type Grid = { box: Box; values: unknown[][]; numberFormat: unknown[][] };

function cellOf(grid: Grid | null, row: number, col: number): RawCell {
  const address = cellAddress(row, col);
  if (!grid) return { value: null, address };
  const i = row - grid.box.r0;
  const j = col - grid.box.c0;
  if (i < 0 || j < 0 || i >= grid.values.length || j >= (grid.values[i]?.length ?? 0)) return { value: null, address };
  const v = grid.values[i][j];
  const nf = grid.numberFormat[i]?.[j];
  const value: RawValue = v === "" || v === undefined ? null : (v as RawValue);
  const cell: RawCell = { value, address };
  if (typeof nf === "string") cell.numberFormat = nf;
  return cell;
}

function gridOf(address: string, values: unknown[][], numberFormat: unknown[][]): { sheet: string; grid: Grid } | null {
  const ref = splitReference(address);
  if (!ref) return null;
  return { sheet: ref.sheet, grid: { box: parseBox(ref.address), values, numberFormat } };
}

function rawSheet(name: string, grid: Grid | null): RawSheet {
  if (!grid) return { name, firstRow: 1, firstCol: 1, rows: [] };
  const rows: RawCell[][] = [];
  for (let r = grid.box.r0; r <= grid.box.r1; r++) {
    const row: RawCell[] = [];
    for (let c = grid.box.c0; c <= grid.box.c1; c++) row.push(cellOf(grid, r, c));
    rows.push(row);
  }
  return { name, firstRow: grid.box.r0, firstCol: grid.box.c0, rows };
}

function rawTable(info: TableInfo, grid: Grid | null): RawTable {
  const b = info.box;
  const headerRow = info.showHeaders ? b.r0 : b.r0 - 1;
  const firstData = info.showHeaders ? b.r0 + 1 : b.r0;
  const lastData = info.showTotals ? b.r1 - 1 : b.r1;
  const headers: RawCell[] = [];
  if (info.showHeaders) for (let c = b.c0; c <= b.c1; c++) headers.push(cellOf(grid, b.r0, c));
  const rows: RawCell[][] = [];
  for (let r = firstData; r <= lastData; r++) {
    const row: RawCell[] = [];
    for (let c = b.c0; c <= b.c1; c++) row.push(cellOf(grid, r, c));
    rows.push(row);
  }
  return { name: info.name, sheet: info.sheet, headerRow, firstCol: b.c0, headers, rows };
}

function headerTexts(info: Omit<TableInfo, "headers">, grid: Grid | null): string[] {
  if (!info.showHeaders) return [];
  const out: string[] = [];
  for (let c = info.box.c0; c <= info.box.c1; c++) {
    const v = cellOf(grid, info.box.r0, c).value;
    out.push(v === null ? "" : String(v));
  }
  return out;
}

/**
 * Queues the first request of a read (sheets, tables, names and the speculative input loads). The
 * returned function, called after the caller's sync, gives the snapshot, making a second request
 * only when an input needs it. Pass `inputs: false` for the sheet list alone.
 */
export function queueSnapshot(context: Excel.RequestContext, options: { inputs?: boolean } = {}): () => Promise<WorkbookSnapshot> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load("items/name,items/id,items/position,items/visibility");
  const tables = wb.tables;
  tables.load("items/name,items/worksheet/id,items/worksheet/name");
  const names = wb.names;
  names.load("items/name");
  const withInputs = options.inputs !== false;
  const probes = withInputs
    ? INPUTS.map((input) => {
        const table = tables.getItemOrNullObject(input.table);
        table.load("name,showHeaders,showTotals");
        const tableRange = table.getRange();
        tableRange.load("address");
        const sheet = sheets.getItemOrNullObject(input.sheet);
        sheet.load("name");
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load("address,values,numberFormat");
        return { input, table, tableRange, sheet, used };
      })
    : [];

  return async () => {
    const sheetInfos: SheetInfo[] = sheets.items.map((s) => ({ id: s.id, name: s.name, position: s.position, visibility: String(s.visibility) }));
    sheetInfos.sort((a, b) => a.position - b.position);
    const tableNames = tables.items.map((t) => t.name);
    const tableList = tables.items.map((t) => ({ name: t.name, sheetId: t.worksheet.id, sheet: t.worksheet.name }));
    const definedNames = names.items.map((n) => n.name);
    const inputTables: Record<string, TableInfo> = {};
    const inputSheets: Record<string, string> = {};
    const rawTables: RawTable[] = [];
    const rawSheets: RawSheet[] = [];
    if (!withInputs) {
      return { sheets: sheetInfos, tableNames, tables: tableList, names: definedNames, inputTables, inputSheets, raw: { sheetNames: sheetInfos.map((s) => s.name), tables: [], sheets: [] }, extraSyncs: 0 };
    }

    // What the first request could not give: tables on other sheets, inputs named with variants.
    const later: { kind: "table" | "sheet"; canonical: string; name: string; info?: Omit<TableInfo, "headers"> }[] = [];
    const grids = new Map<string, Grid | null>();

    for (const p of probes) {
      const canonical = p.input.sheet;
      if (!p.sheet.isNullObject) {
        inputSheets[canonical] = p.sheet.name;
        const g = p.used.isNullObject ? null : gridOf(p.used.address, p.used.values, p.used.numberFormat)?.grid ?? null;
        grids.set(p.sheet.name.toUpperCase(), g);
      }
    }
    for (const p of probes) {
      const canonical = p.input.sheet;
      if (!p.table.isNullObject && !p.tableRange.isNullObject) {
        const ref = splitReference(p.tableRange.address);
        if (!ref) continue;
        const info = { name: p.table.name, sheet: ref.sheet, box: parseBox(ref.address), showHeaders: p.table.showHeaders, showTotals: p.table.showTotals };
        if (grids.has(ref.sheet.toUpperCase())) {
          const grid = grids.get(ref.sheet.toUpperCase()) ?? null;
          inputTables[canonical] = { ...info, headers: headerTexts(info, grid) };
          rawTables.push(rawTable(inputTables[canonical], grid));
        } else later.push({ kind: "table", canonical, name: info.name, info });
        continue;
      }
      const variant = tableNames.find((n) => inputName(n) === canonical);
      if (variant) later.push({ kind: "table", canonical, name: variant });
    }
    for (const p of probes) {
      const canonical = p.input.sheet;
      if (!p.sheet.isNullObject) {
        rawSheets.push(rawSheet(p.sheet.name, grids.get(p.sheet.name.toUpperCase()) ?? null));
        continue;
      }
      const variant = sheetInfos.find((s) => inputName(s.name) === canonical);
      if (variant) later.push({ kind: "sheet", canonical, name: variant.name });
    }

    let extraSyncs = 0;
    if (later.length > 0) {
      const loads = later.map((l) => {
        if (l.kind === "table") {
          const t = tables.getItem(l.name);
          t.load("name,showHeaders,showTotals");
          const r = t.getRange();
          r.load("address,values,numberFormat");
          return { l, t, r };
        }
        const r = sheets.getItem(l.name).getUsedRangeOrNullObject(true);
        r.load("address,values,numberFormat");
        return { l, t: null, r };
      });
      await context.sync();
      extraSyncs = 1;
      for (const { l, t, r } of loads) {
        const g = r.isNullObject ? null : gridOf(r.address, r.values, r.numberFormat);
        if (l.kind === "table" && t && g) {
          const info = { name: t.name, sheet: g.sheet, box: g.grid.box, showHeaders: t.showHeaders, showTotals: t.showTotals };
          inputTables[l.canonical] = { ...info, headers: headerTexts(info, g.grid) };
          rawTables.push(rawTable(inputTables[l.canonical], g.grid));
        } else if (l.kind === "sheet") {
          inputSheets[l.canonical] = l.name;
          rawSheets.push(rawSheet(l.name, g?.grid ?? null));
        }
      }
    }
    return {
      sheets: sheetInfos,
      tableNames,
      tables: tableList,
      names: definedNames,
      inputTables,
      inputSheets,
      raw: { sheetNames: sheetInfos.map((s) => s.name), tables: rawTables, sheets: rawSheets },
      extraSyncs,
    };
  };
}

/**
 * Reads the input tables of the open workbook into a RawWorkbook (one round trip, two at most).
 *
 * @example const raw = await readWorkbook(Excel.run); const { plan, problems } = parseWorkbook(raw);
 */
export async function readWorkbook(run: ExcelRun): Promise<RawWorkbook> {
  return run(async (context) => {
    const finish = queueSnapshot(context);
    await context.sync();
    return (await finish()).raw;
  });
}

/** `Excel.run`'s shape, injectable: production passes `Excel.run`, tests the strict Excel's `run`. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
