/**
 * Reads the open workbook into the neutral raw tables (src/domain/raw.ts), so the same parsing and
 * validation run as for files: in one round trip for plans of a few thousand rows, and in requests
 * whose responses stay under Excel on the web's 5 MB limit for larger ones.
 *
 * The first request asks, speculatively, for everything the contract names: the tables
 * `Actividades`, `Compromisos`, `Dependencias`, `Configuración` (their addresses) and the sheets of
 * the same names (the addresses of their used ranges, and the values and number formats of their
 * first HEAD_ROWS rows). Asking for an object that does not exist costs nothing (`*OrNullObject`:
 * commands on a null object do nothing). A table that lives on its own sheet (the usual layout) is
 * cut out of that sheet's used range, so its cells travel once. Only a table that lives on another
 * sheet, or an input whose name differs from the contract's in case or accents ("Configuracion"),
 * needs a second request.
 *
 * Longer inputs (20,000 activities are some 7 MB of values and formats) come in row blocks after
 * the first request: the first rows tell how many bytes a row costs, and blocks are packed into
 * requests of about 3.5 MB of response each (estimated). Should Excel still refuse a response as
 * too large (rows much longer than the first ones), the same rows are asked again in smaller blocks.
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
import { ExcelEngineError } from "./errors";
import { splitReference } from "./formula-names";
import { boxAddress, parseBox, type Box } from "./write";

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
  /** Round trips this read made after the first request: a second one for inputs found elsewhere, row blocks of long inputs. */
  extraSyncs: number;
}

/** Values and number formats of a range, filled in as its row blocks arrive. */
type Grid = { box: Box; values: unknown[][]; numberFormat: unknown[][] };

/**
 * Rows of each input sheet (or table) the first request asks for, before anything is known of its
 * size: 5,000 activities under a header row and a few lines of instructions. At the ~350 bytes a
 * row of Actividades costs in a response (values and number formats), two inputs that long come
 * to about 3.6 MB, under Excel on the web's 5 MB response limit; a workbook that small is read in
 * one round trip.
 */
export const HEAD_ROWS = 5120;

/**
 * What the row blocks read after the first request may add up to in one response, by the estimates:
 * 3.5 MB, so that an estimate off by 40 % still stays under Excel on the web's 5 MB.
 */
export const READ_BUDGET_BYTES = 3.5 * 1024 * 1024;

/** The least a cell costs in a response: `""` and `"General"` with their commas. */
const MIN_CELL_BYTES = 14;
/** A cell's cost assumed when nothing of its range was measured yet. */
const GUESS_CELL_BYTES = 48;

export interface ReadOptions {
  /** Read the inputs (default); false for the sheet list alone. */
  inputs?: boolean;
  /** Rows of each input read in the first request (default HEAD_ROWS; 0: only its address). */
  headRows?: number;
  /** Response budget of each later request (default READ_BUDGET_BYTES). */
  budgetBytes?: number;
}

/** Whether Excel refused a request because its response would be too large. */
export function isResponseTooLarge(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || code === "PayloadTooLarge";
}

function emptyGrid(box: Box): Grid {
  const n = box.r1 - box.r0 + 1;
  return { box, values: new Array(n), numberFormat: new Array(n) };
}

/** Copies a loaded block (its first row is `r0`) into the grid. */
function fillGrid(grid: Grid, r0: number, values: unknown[][], numberFormat: unknown[][]): void {
  for (let i = 0; i < values.length; i++) {
    grid.values[r0 - grid.box.r0 + i] = values[i];
    grid.numberFormat[r0 - grid.box.r0 + i] = numberFormat[i];
  }
}

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
 * A range being read: its whole box (known from its address), and the part of it the first request
 * of its read brought (the head), if any. The rest comes in row blocks.
 */
interface Reading {
  sheet: string;
  grid: Grid;
  /** First row not read yet. */
  next: number;
  /** Estimated response bytes of one row. */
  rowBytes: number;
}

/** Starts a reading from a loaded range address and its (maybe null) loaded head. */
function startReading(address: string, head: Excel.Range | null): Reading | null {
  const ref = splitReference(address);
  if (!ref) return null;
  const box = parseBox(ref.address);
  const grid = emptyGrid(box);
  const cols = box.c1 - box.c0 + 1;
  let next = box.r0;
  let rowBytes = cols * GUESS_CELL_BYTES;
  if (head && !head.isNullObject) {
    const hb = parseBox(splitReference(head.address)?.address ?? "A1");
    fillGrid(grid, hb.r0, head.values, head.numberFormat);
    if (hb.r0 === box.r0) next = hb.r1 + 1;
    const measured = (JSON.stringify(head.values).length + JSON.stringify(head.numberFormat).length) / Math.max(1, head.values.length);
    // The rows below may be longer than the ones measured: a tenth more (the budget keeps another
    // 40 % under the limit, and a refused response is asked again in smaller blocks).
    rowBytes = Math.max(cols * MIN_CELL_BYTES, Math.ceil(measured * 1.1));
  }
  return { sheet: ref.sheet, grid, next, rowBytes };
}

/** The head of a range: its part within the sheet's first `rows` rows (null object when none). */
function queueHead(range: Excel.Range, rows: number): Excel.Range | null {
  if (rows <= 0) return null;
  const head = range.getIntersectionOrNullObject(`1:${rows}`);
  head.load("address,values,numberFormat");
  return head;
}

/**
 * Reads what the first request of every reading left, in row blocks: as many blocks per request as
 * fit in the budget by the estimates, one request after another. A request Excel still finds too
 * large (rows far longer than the ones measured) is made again with the estimates doubled, so in
 * smaller blocks. Returns the syncs made.
 */
async function readRemaining(context: Excel.RequestContext, readings: readonly Reading[], budget: number): Promise<number> {
  let syncs = 0;
  type Block = { reading: Reading; r0: number; r1: number };
  const pending = () => readings.filter((x) => x.next <= x.grid.box.r1);
  while (pending().length > 0) {
    const batch: { block: Block; range: Excel.Range }[] = [];
    let bytes = 0;
    for (const reading of pending()) {
      const box = reading.grid.box;
      while (reading.next <= box.r1) {
        const room = budget - bytes;
        const rows = Math.min(box.r1 - reading.next + 1, Math.floor(room / reading.rowBytes));
        if (rows <= 0 && batch.length > 0) break;
        const r0 = reading.next;
        const r1 = r0 + Math.max(1, rows) - 1;
        const address = boxAddress({ r0, c0: box.c0, r1, c1: box.c1 });
        const range = context.workbook.worksheets.getItem(reading.sheet).getRange(address);
        range.load("values,numberFormat");
        batch.push({ block: { reading, r0, r1 }, range });
        bytes += (r1 - r0 + 1) * reading.rowBytes;
        reading.next = r1 + 1;
      }
      if (bytes >= budget) break;
    }
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 3.5 MB of cells read, never per row
      await context.sync();
      syncs++;
    } catch (e) {
      syncs++;
      if (!isResponseTooLarge(e)) throw e;
      if (batch.length === 1 && batch[0].block.r0 === batch[0].block.r1) {
        const { reading, r0 } = batch[0].block;
        throw new ExcelEngineError("payload-too-large", {
          es: `La fila ${r0} de la hoja «${reading.sheet}» tiene más texto del que Excel entrega de una vez (5 MB): acorte los textos largos de sus celdas y vuelva a intentarlo.`,
          en: `Row ${r0} of the sheet "${reading.sheet}" holds more text than Excel hands over at once (5 MB): shorten the long texts in its cells and try again.`,
        });
      }
      const refused = new Set<Reading>();
      for (const { block } of batch) {
        block.reading.next = Math.min(block.reading.next, block.r0);
        refused.add(block.reading);
      }
      for (const reading of refused) reading.rowBytes *= 2;
      continue;
    }
    for (const { block, range } of batch) fillGrid(block.reading.grid, block.r0, range.values, range.numberFormat);
  }
  return syncs;
}

/**
 * Queues the first request of a read (sheets, tables, names and the speculative input loads). The
 * returned function, called after the caller's sync, gives the snapshot, making more requests only
 * when an input needs them: one for inputs that are not where the contract puts them, and row
 * blocks for inputs longer than HEAD_ROWS. Pass `inputs: false` for the sheet list alone.
 *
 * Prefer readSnapshot, which also recovers when the first response turns out too large.
 */
export function queueSnapshot(context: Excel.RequestContext, options: ReadOptions = {}): () => Promise<WorkbookSnapshot> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load("items/name,items/id,items/position,items/visibility");
  const tables = wb.tables;
  tables.load("items/name,items/worksheet/id,items/worksheet/name");
  const names = wb.names;
  names.load("items/name");
  const withInputs = options.inputs !== false;
  const headRows = options.headRows ?? HEAD_ROWS;
  const budget = options.budgetBytes ?? READ_BUDGET_BYTES;
  const probes = withInputs
    ? INPUTS.map((input) => {
        const table = tables.getItemOrNullObject(input.table);
        table.load("name,showHeaders,showTotals");
        const tableRange = table.getRange();
        tableRange.load("address");
        const sheet = sheets.getItemOrNullObject(input.sheet);
        sheet.load("name");
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load("address");
        const head = queueHead(used, headRows);
        return { input, table, tableRange, sheet, used, head };
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
    const later: { kind: "table" | "sheet"; canonical: string; name: string }[] = [];
    const grids = new Map<string, Grid | null>();
    const readings: Reading[] = [];

    for (const p of probes) {
      if (p.sheet.isNullObject) continue;
      inputSheets[p.input.sheet] = p.sheet.name;
      const reading = p.used.isNullObject ? null : startReading(p.used.address, p.head);
      if (reading) readings.push(reading);
      grids.set(p.sheet.name.toUpperCase(), reading?.grid ?? null);
    }
    // Tables cut out of their sheet's grid, once every block of it has arrived.
    const cutLater: { canonical: string; info: Omit<TableInfo, "headers">; sheet: string }[] = [];
    for (const p of probes) {
      const canonical = p.input.sheet;
      if (!p.table.isNullObject && !p.tableRange.isNullObject) {
        const ref = splitReference(p.tableRange.address);
        if (!ref) continue;
        const info = { name: p.table.name, sheet: ref.sheet, box: parseBox(ref.address), showHeaders: p.table.showHeaders, showTotals: p.table.showTotals };
        if (grids.has(ref.sheet.toUpperCase())) cutLater.push({ canonical, info, sheet: ref.sheet.toUpperCase() });
        else later.push({ kind: "table", canonical, name: info.name });
        continue;
      }
      const variant = tableNames.find((n) => inputName(n) === canonical);
      if (variant) later.push({ kind: "table", canonical, name: variant });
    }
    for (const p of probes) {
      if (!p.sheet.isNullObject) continue;
      const variant = sheetInfos.find((s) => inputName(s.name) === p.input.sheet);
      if (variant) later.push({ kind: "sheet", canonical: p.input.sheet, name: variant.name });
    }

    let extraSyncs = 0;
    const laterReadings: { l: (typeof later)[number]; t: Excel.Table | null; reading: Reading | null }[] = [];
    if (later.length > 0) {
      const loads = later.map((l) => {
        if (l.kind === "table") {
          const t = tables.getItem(l.name);
          t.load("name,showHeaders,showTotals");
          const r = t.getRange();
          r.load("address");
          return { l, t, r, head: queueHead(r, headRows) };
        }
        const r = sheets.getItem(l.name).getUsedRangeOrNullObject(true);
        r.load("address");
        return { l, t: null, r, head: queueHead(r, headRows) };
      });
      await context.sync();
      extraSyncs++;
      for (const { l, t, r, head } of loads) {
        const reading = r.isNullObject ? null : startReading(r.address, head);
        if (reading) readings.push(reading);
        laterReadings.push({ l, t, reading });
      }
    }

    extraSyncs += await readRemaining(context, readings, budget);

    for (const p of probes) {
      if (!p.sheet.isNullObject) rawSheets.push(rawSheet(p.sheet.name, grids.get(p.sheet.name.toUpperCase()) ?? null));
    }
    for (const c of cutLater) {
      const grid = grids.get(c.sheet) ?? null;
      inputTables[c.canonical] = { ...c.info, headers: headerTexts(c.info, grid) };
      rawTables.push(rawTable(inputTables[c.canonical], grid));
    }
    for (const { l, t, reading } of laterReadings) {
      if (l.kind === "table" && t && reading) {
        const info = { name: t.name, sheet: reading.sheet, box: reading.grid.box, showHeaders: t.showHeaders, showTotals: t.showTotals };
        inputTables[l.canonical] = { ...info, headers: headerTexts(info, reading.grid) };
        rawTables.push(rawTable(inputTables[l.canonical], reading.grid));
      } else if (l.kind === "sheet") {
        inputSheets[l.canonical] = l.name;
        rawSheets.push(rawSheet(l.name, reading?.grid ?? null));
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
 * Reads the workbook: queues the snapshot's first request together with the caller's own loads
 * (`alongside`, whose result is handed back), syncs, and completes the snapshot. If Excel finds the
 * first response too large (inputs whose first rows hold very long texts), the first request is made
 * again without the inputs' cells, which then come in row blocks sized to the limit.
 *
 * @example
 * const { snap, alongside: getRegistro, syncs } = await readSnapshot(context, () => queueRegistroLoad(context));
 */
export async function readSnapshot<T = undefined>(
  context: Excel.RequestContext,
  alongside: () => T = () => undefined as T,
  options: ReadOptions = {},
): Promise<{ snap: WorkbookSnapshot; alongside: T; syncs: number }> {
  let finish = queueSnapshot(context, options);
  let extra = alongside();
  let syncs = 1;
  try {
    await context.sync();
  } catch (e) {
    if (!isResponseTooLarge(e) || options.headRows === 0 || options.inputs === false) throw e;
    finish = queueSnapshot(context, { ...options, headRows: 0 });
    extra = alongside();
    await context.sync();
    syncs++;
  }
  const snap = await finish();
  return { snap, alongside: extra, syncs: syncs + snap.extraSyncs };
}

/**
 * Reads the input tables of the open workbook into a RawWorkbook: one round trip for a plan of a
 * few thousand rows, more (one per 3.5 MB) for larger ones.
 *
 * @example const raw = await readWorkbook(Excel.run); const { plan, problems } = parseWorkbook(raw);
 */
export async function readWorkbook(run: ExcelRun): Promise<RawWorkbook> {
  return run(async (context) => (await readSnapshot(context)).snap.raw);
}

/** `Excel.run`'s shape, injectable: production passes `Excel.run`, tests the strict Excel's `run`. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
