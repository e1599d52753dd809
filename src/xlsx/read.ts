/**
 * Reading .xlsx files into the domain's neutral raw tables (src/domain/raw.ts): readWorkbookFile and
 * readWorkbookBuffer with the fast reader (src/xlsx/fast/read.ts, no ExcelJS); loadWorkbookBuffer
 * loads a workbook with ExcelJS to write it back, and rawWorkbookOf reads raw tables from it (the
 * reference the fast reader is tested against, test/xlsx/fast-read.test.ts).
 * Parsing and validation happen in src/domain on what this returns; nothing here judges the data.
 */
import { promises as fs } from "fs";
// Types only: ExcelJS itself is loaded when a workbook is (loadWorkbookBuffer), so reading raw
// tables (validate, summary, generate's reading) never loads it.
import type ExcelJS from "exceljs";
import type JSZip from "jszip";
import { cellAddress, inputName, type RawCell, type RawSheet, type RawTable, type RawValue, type RawWorkbook } from "../domain";
import { WorkbookFileError } from "./errors";
import { readPlanPackage } from "./fast/read";
import { openPackage } from "./fast/read-open";
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, LIMITS, megabytes, type ExtensionValidation, type Limits, type PackageLoss } from "./inspect";
import { rememberLoadedNames, unescapeXml } from "./names";
import { parseRels, relsPathOf, resolveTarget, type ExternalLinkPart } from "./package";
import { parseRange, type Rect } from "./range";

/** The model ExcelJS keeps for a table it loaded (its typings do not describe it). */
export interface LoadedTableModel {
  name: string;
  displayName?: string;
  /** "A2:L40": header, data and totals rows. */
  tableRef: string;
  headerRow: boolean;
  totalsRow: boolean;
  autoFilterRef?: string;
  columns: { name: string; filterButton?: boolean; totalsRowLabel?: string; totalsRowFunction?: string }[];
  style?: { theme?: string; showRowStripes?: boolean; showColumnStripes?: boolean; showFirstColumn?: boolean; showLastColumn?: boolean };
}

/** The tables of a worksheet as ExcelJS holds them after loading or addTable. */
export function tableModels(ws: ExcelJS.Worksheet): LoadedTableModel[] {
  const tables = (ws as unknown as { tables: Record<string, { table: LoadedTableModel }> }).tables ?? {};
  return Object.values(tables).map((t) => t.table);
}

const lossesByWorkbook = new WeakMap<ExcelJS.Workbook, PackageLoss[]>();
const externalLinksByWorkbook = new WeakMap<ExcelJS.Workbook, ExternalLinkPart[]>();

/** The links to other workbooks of a loaded workbook, in order (written back by postProcess). */
export function loadedExternalLinks(workbook: ExcelJS.Workbook): ExternalLinkPart[] {
  return externalLinksByWorkbook.get(workbook) ?? [];
}

/**
 * The parts of the workbook's <externalReferences>, in order; null when one is missing (then they
 * cannot be carried and stay a reported loss).
 */
async function externalLinkParts(zip: JSZip, workbookXml: string): Promise<ExternalLinkPart[] | null> {
  const block = /<(?:\w+:)?externalReferences>([\s\S]*?)<\/(?:\w+:)?externalReferences>/.exec(workbookXml)?.[1];
  if (!block) return [];
  const rels = parseRels((await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? null);
  const out: ExternalLinkPart[] = [];
  for (const m of block.matchAll(/<(?:\w+:)?externalReference\b[^>]*\br:id="([^"]+)"/g)) {
    const rel = rels.find((r) => r.id === m[1]);
    const part = rel ? resolveTarget("xl/workbook.xml", rel.target) : null;
    const xml = part ? await zip.file(part)?.async("nodebuffer") : undefined;
    if (!rel || !part || !xml) return null;
    out.push({ type: rel.type, xml, rels: (await zip.file(relsPathOf(part))?.async("nodebuffer")) ?? null });
  }
  return out;
}

/**
 * What the package of a loaded workbook held that ExcelJS dropped on load (see inspect.ts): writing
 * the workbook back loses these. Empty for workbooks not loaded by loadWorkbookBuffer.
 */
export function packageLosses(workbook: ExcelJS.Workbook): PackageLoss[] {
  return lossesByWorkbook.get(workbook) ?? [];
}

export interface LoadOptions {
  /** Defaults to LIMITS. */
  limits?: Limits;
}

/**
 * Loads a workbook with ExcelJS, after checking the bytes are an .xlsx package within the limits
 * whose every part inflates to its declared size (inspect.ts), and repairs what ExcelJS gets wrong
 * when loading (see fixLoadedTables). Use this, not `workbook.xlsx.load`, for any workbook that will
 * be written back (`pipc generate`); `packageLosses` then says what the package held that is lost.
 *
 * @throws WorkbookFileError (empty, too-large, too-large-unpacked, not-xlsx, xlsb, legacy-xls,
 * encrypted, corrupt, unreadable-sheet, unreadable-part, beyond-excel-grid)
 */
export async function loadWorkbookBuffer(buf: Buffer, opts: LoadOptions = {}): Promise<ExcelJS.Workbook> {
  const { zip, inspection } = await openPackage(buf, opts.limits ?? LIMITS);
  const { default: excelJs } = await import("exceljs");
  const workbook = new excelJs.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new WorkbookFileError("corrupt", null, String(err));
  }
  // Whatever the inspection did not foresee: a worksheet ExcelJS did not load is refused, never lost.
  const loaded = new Set(workbook.worksheets.map((w) => w.name));
  const missing = inspection.worksheets.find((n) => !loaded.has(n));
  if (missing !== undefined) throw new WorkbookFileError("unreadable-sheet", null, "not loaded by ExcelJS", [missing]);
  for (const ws of workbook.worksheets) {
    // Excel refuses such a file; ExcelJS would carry the cells out of the grid into the report.
    if (ws.rowCount > EXCEL_MAX_ROWS || ws.columnCount > EXCEL_MAX_COLUMNS) throw new WorkbookFileError("beyond-excel-grid", null, null, [ws.name]);
  }
  await fixLoadedTables(workbook, zip);
  const losses = [...inspection.losses];
  for (const [sheet, validations] of inspection.extensionValidations) {
    const ws = workbook.worksheets.find((w) => w.name === sheet);
    const dropped = ws ? restoreValidations(ws, validations) : validations.length;
    if (dropped) losses.push({ kind: "crossSheetValidations", sheet, count: dropped });
  }
  const workbookXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  rememberLoadedNames(workbook, workbookXml);
  // ExcelJS drops the links to other workbooks but keeps the formulas that use them ("[1]Hoja!A1"):
  // the links are carried back by postProcess, so they are no loss.
  const links = await externalLinkParts(zip, workbookXml);
  if (links) externalLinksByWorkbook.set(workbook, links);
  lossesByWorkbook.set(workbook, links ? losses.filter((l) => l.kind !== "externalLinks") : losses);
  return workbook;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/**
 * Puts back, as ordinary validations, the x14 ones ExcelJS dropped on load (Excel stores there
 * every validation whose formula uses another sheet, such as a Dependencia drop-down listing the
 * Dependencias sheet). One that would overlap a validation already there is not added (Excel
 * refuses overlapping validations). Returns how many were not put back.
 */
function restoreValidations(ws: ExcelJS.Worksheet, validations: ExtensionValidation[]): number {
  const dv = (ws as unknown as { dataValidations: { model: Record<string, unknown>; add(address: string, v: unknown): void } }).dataValidations;
  const taken: Rect[] = [];
  for (const [address, v] of Object.entries(dv.model)) {
    try {
      if (v) taken.push(parseRange(address));
    } catch {
      // A key ExcelJS keeps that is not an address: nothing to overlap.
    }
  }
  let dropped = 0;
  for (const { ranges, validation } of validations) {
    let rects: Rect[];
    try {
      rects = ranges.map(parseRange);
    } catch {
      dropped++;
      continue;
    }
    if (rects.some((r) => taken.some((t) => overlaps(r, t)))) {
      dropped++;
      continue;
    }
    for (const r of rects) {
      dv.add(ranges[rects.indexOf(r)].replace(/\$/g, ""), { ...validation, formulae: [...validation.formulae] });
      taken.push(r);
    }
  }
  return dropped;
}

/** loadWorkbookBuffer on a file. @throws WorkbookFileError (also not-found) naming the file. */
export async function loadWorkbookFile(path: string, opts: LoadOptions = {}): Promise<ExcelJS.Workbook> {
  const buf = await readWorkbookBytes(path, opts);
  try {
    return await loadWorkbookBuffer(buf, opts);
  } catch (err) {
    if (err instanceof WorkbookFileError) throw err.withFile(path);
    throw err;
  }
}

/**
 * The bytes of a workbook file, checked for existence and size before they are read (a 5 GB file
 * is refused, not loaded into memory).
 *
 * @throws WorkbookFileError not-found, empty, too-large, naming the file as given
 */
export async function readWorkbookBytes(path: string, opts: LoadOptions = {}): Promise<Buffer> {
  const limits = opts.limits ?? LIMITS;
  let size: number;
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) throw new WorkbookFileError("not-found", path);
    size = st.size;
  } catch (err) {
    if (err instanceof WorkbookFileError) throw err;
    throw new WorkbookFileError("not-found", path, String(err));
  }
  if (size === 0) throw new WorkbookFileError("empty", path);
  if (size > limits.maxFileBytes) throw new WorkbookFileError("too-large", path, null, [megabytes(size), megabytes(limits.maxFileBytes)]);
  try {
    return await fs.readFile(path);
  } catch (err) {
    throw new WorkbookFileError("not-found", path, String(err));
  }
}

/**
 * ExcelJS reads `headerRowCount` as "1 only when written", but OOXML's default is 1 and Excel omits
 * it: every table saved by Excel would come back header-less (and be written back broken). Read the
 * attribute from the table parts themselves.
 */
async function fixLoadedTables(workbook: ExcelJS.Workbook, zip: JSZip): Promise<void> {
  const headerCount = new Map<string, number>();
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/tables\/[^/]+\.xml$/.test(name)) continue;
    const xml = (await zip.file(name)?.async("string")) ?? "";
    const open = /<(?:\w+:)?table\b[^>]*>/.exec(xml)?.[0] ?? "";
    const tname = /\sname="([^"]*)"/.exec(open)?.[1];
    if (!tname) continue;
    const hrc = /\sheaderRowCount="(\d+)"/.exec(open)?.[1];
    headerCount.set(unescapeXml(tname), hrc === undefined ? 1 : Number(hrc));
  }
  for (const ws of workbook.worksheets) {
    for (const t of tableModels(ws)) {
      const n = headerCount.get(t.name);
      if (n !== undefined) t.headerRow = n > 0;
    }
  }
}

/**
 * Reads an .xlsx file into raw tables, with the fast reader (no ExcelJS).
 * @throws WorkbookFileError naming the file.
 */
export async function readWorkbookFile(path: string, opts: LoadOptions = {}): Promise<RawWorkbook> {
  const buf = await readWorkbookBytes(path, opts);
  try {
    return await readWorkbookBuffer(buf, opts);
  } catch (err) {
    if (err instanceof WorkbookFileError) throw err.withFile(path);
    throw err;
  }
}

/**
 * Reads .xlsx bytes into raw tables, with the fast reader (src/xlsx/fast/read.ts, no ExcelJS): the
 * same tables as `rawWorkbookOf(await loadWorkbookBuffer(buf))` but where ExcelJS is wrong against
 * Excel. @throws WorkbookFileError
 */
export async function readWorkbookBuffer(buf: Buffer, opts: LoadOptions = {}): Promise<RawWorkbook> {
  return (await readPlanPackage(buf, opts)).raw;
}

/**
 * The raw tables of a workbook loaded with ExcelJS: every sheet name in order, the tables whose names
 * are an input's, and the sheets whose names are an input's (their used range). The reference the
 * fast reader is tested against.
 */
export function rawWorkbookOf(workbook: ExcelJS.Workbook): RawWorkbook {
  const sheetNames: string[] = [];
  const tables: RawTable[] = [];
  const sheets: RawSheet[] = [];
  for (const ws of workbook.worksheets) {
    sheetNames.push(ws.name);
    for (const t of tableModels(ws)) {
      if (inputName(t.name) !== null) tables.push(rawTable(ws, t));
    }
    if (inputName(ws.name) !== null) sheets.push(rawSheet(ws));
  }
  return { sheetNames, tables, sheets };
}

function rawTable(ws: ExcelJS.Worksheet, t: LoadedTableModel): RawTable {
  const r = parseRange(t.tableRef);
  const headerRow = t.headerRow ? r.top : r.top - 1;
  const lastData = t.totalsRow ? r.bottom - 1 : r.bottom;
  const cols = r.right - r.left + 1;
  const headers: RawCell[] = [];
  for (let j = 0; j < cols; j++) {
    const c = t.headerRow ? rawCell(ws, headerRow, r.left + j) : { value: t.columns[j]?.name ?? null, address: cellAddress(headerRow, r.left + j) };
    // The table part names its columns even when the header cells say otherwise; the part wins in Excel.
    if (t.columns[j]?.name) c.value = t.columns[j].name;
    headers.push(c);
  }
  const rows: RawCell[][] = [];
  for (let row = headerRow + 1; row <= lastData; row++) {
    const cells: RawCell[] = [];
    for (let j = 0; j < cols; j++) cells.push(rawCell(ws, row, r.left + j));
    rows.push(cells);
  }
  return { name: t.name, sheet: ws.name, headerRow, firstCol: r.left, headers, rows };
}

function rawSheet(ws: ExcelJS.Worksheet): RawSheet {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Rich text of empty runs is an empty text too, as for the fast reader (and for Excel's own
      // blank tests): it does not stretch the used range.
      const v = cell.value;
      const empty = v === null || v === undefined || v === "" || (typeof v === "object" && "richText" in v && plainText(v) === "");
      if (isMergeSlave(cell) || empty) return;
      top = Math.min(top, rowNumber);
      bottom = Math.max(bottom, rowNumber);
      left = Math.min(left, colNumber);
      right = Math.max(right, colNumber);
    });
  });
  if (bottom === 0) return { name: ws.name, firstRow: 1, firstCol: 1, rows: [] };
  const rows: RawCell[][] = [];
  for (let r = top; r <= bottom; r++) {
    const cells: RawCell[] = [];
    for (let c = left; c <= right; c++) cells.push(rawCell(ws, r, c));
    rows.push(cells);
  }
  return { name: ws.name, firstRow: top, firstCol: left, rows };
}

function isMergeSlave(cell: ExcelJS.Cell): boolean {
  return cell.isMerged && cell.master !== undefined && cell.master.address !== cell.address;
}

type ValueShape =
  | { formula?: string; sharedFormula?: string; result?: unknown }
  | { richText: { text: string }[] }
  | { text: unknown; hyperlink: string }
  | { error: string };

/** The plain text of rich text, a hyperlink's text, or anything else stringified. */
function plainText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "object" && "richText" in (v as object)) {
    return (v as { richText: { text: string }[] }).richText.map((p) => p.text).join("");
  }
  return String(v);
}

function toRawValue(v: unknown): { value: RawValue; error?: true } {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { value: v };
  if (v instanceof Date) return { value: v };
  const o = v as ValueShape;
  if ("error" in o) return { value: String(o.error), error: true };
  if ("richText" in o) return { value: plainText(o) };
  if ("hyperlink" in o) return { value: plainText((o as { text: unknown }).text) };
  if ("result" in o || "formula" in o || "sharedFormula" in o) {
    return toRawValue((o as { result?: unknown }).result);
  }
  return { value: String(v) };
}

/** One cell as the domain sees it: a merged area's value only in its top-left cell, as Excel does. */
function rawCell(ws: ExcelJS.Worksheet, row: number, col: number): RawCell {
  const address = cellAddress(row, col);
  const cell = ws.findCell(row, col);
  if (!cell || isMergeSlave(cell)) return { value: null, address };
  const out: RawCell = { address, ...toRawValue(cell.value) };
  if (cell.numFmt) out.numberFormat = cell.numFmt;
  // Only formula cells have a formula (cell.type === ValueType.Formula, without loading ExcelJS's enum).
  const f = cell.formula;
  if (f) out.formula = f.startsWith("=") ? f : `=${f}`;
  return out;
}
