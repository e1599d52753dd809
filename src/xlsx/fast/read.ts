/**
 * The fast reader: an .xlsx package to the domain's raw tables (src/domain/raw.ts) without ExcelJS,
 * from the parts src/xlsx/inspect.ts inflated. It gives what src/xlsx/read.ts rawWorkbookOf gives
 * after ExcelJS loaded the file (test/xlsx/fast-read.test.ts compares them), except where ExcelJS is
 * wrong against Excel (listed in ./read-sheet.ts and ./read-xml.ts).
 *
 * Only the sheets that matter are read cell by cell: those named as an input and those holding a
 * table named as an input. Of the other worksheets only the end is read (table parts, last row).
 */
import { cellAddress, inputName, type RawCell, type RawSheet, type RawTable, type RawWorkbook } from "../../domain";
import { WorkbookFileError } from "../errors";
import { FAST_LIMITS, thousands, type Limits, type PackageInspection } from "../inspect";
import { parseRels, relsPathOf, resolveTarget } from "../package";
import { parseRange } from "../range";
import { openPackage } from "./read-open";
import { columnLetters, EXCEL_MAX_ROWS, readSheet, type ReadSheet } from "./read-sheet";
import { isDate1904, parseCellFormats, parseSharedStrings, parseTablePart, plainXml, type TablePart } from "./read-xml";
import type { ZipParts } from "./zip";

export interface ReadPlanOptions {
  /** Defaults to FAST_LIMITS. */
  limits?: Limits;
}

export interface ReadPlanPackage {
  raw: RawWorkbook;
  /** Every part of the input, inflated, in archive order (names without a leading "/"). */
  parts: ZipParts;
  inspection: PackageInspection;
}

/**
 * Reads .xlsx bytes into raw tables, keeping every part for writing back.
 *
 * @throws WorkbookFileError (empty, too-large, too-large-unpacked, too-many-cells, not-xlsx, xlsb,
 * legacy-xls, encrypted, corrupt, unreadable-sheet, unreadable-part, beyond-excel-grid)
 */
export async function readPlanPackage(buf: Buffer, opts: ReadPlanOptions = {}): Promise<ReadPlanPackage> {
  const limits = opts.limits ?? FAST_LIMITS;
  const { inspection } = await openPackage(buf, limits);
  const parts = inspection.parts;
  let raw: RawWorkbook;
  try {
    raw = rawWorkbookOfParts(parts, inspection, limits);
  } catch (err) {
    if (err instanceof WorkbookFileError) throw err;
    // Damaged XML the scanners did not foresee: the file is damaged, as ExcelJS would say.
    throw new WorkbookFileError("corrupt", null, String(err));
  }
  return { raw, parts, inspection };
}

/** The text of a part, without a byte order mark; null when absent. */
function partText(parts: ZipParts, name: string): string | null {
  const b = parts.get(name);
  if (!b) return null;
  const s = b.toString("utf8");
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/**
 * The raw tables of an inspected package's parts. A table or a used range larger than the cells the
 * limits allow (a stray cell at XFD1048576 makes a used range of 17 billion cells) is refused: built,
 * it would exhaust the memory.
 */
export function rawWorkbookOfParts(parts: ZipParts, inspection: PackageInspection, limits: Limits = FAST_LIMITS): RawWorkbook {
  const workbookXml = partText(parts, "xl/workbook.xml") ?? "";
  const date1904 = isDate1904(workbookXml);
  let sharedStrings: string[] | null = null;
  let formats: (string | undefined)[] | null = null;

  const sheetNames: string[] = [];
  const tables: RawTable[] = [];
  const sheets: RawSheet[] = [];
  inspection.worksheets.forEach((name, i) => {
    const part = inspection.worksheetParts[i];
    sheetNames.push(name);
    const bytes = parts.get(part) ?? Buffer.alloc(0);
    // What comes after the cells (the table parts), read without turning the whole part into text.
    const cellsEnd = bytes.lastIndexOf("</sheetData>");
    const tail = plainXml((cellsEnd >= 0 ? bytes.subarray(cellsEnd) : bytes).toString("utf8"));
    const rels = parseRels(partText(parts, relsPathOf(part)));
    const isInputSheet = inputName(name) !== null;
    // The table parts named as an input (the sheet's <tableParts> point at them through its rels).
    const inputTables: TablePart[] = [];
    for (const id of tablePartIds(tail)) {
      const rel = rels.find((r) => r.id === id);
      if (!rel || /TargetMode\s*=\s*["']External/.test(rel.rest)) continue;
      const t = parseTablePart(partText(parts, resolveTarget(part, rel.target)) ?? "");
      if (t && inputName(t.name) !== null) inputTables.push(t);
    }
    if (!isInputSheet && inputTables.length === 0) {
      checkGrid(name, bytes, cellsEnd);
      return;
    }
    const xml = partText(parts, part) ?? "";
    sharedStrings ??= parseSharedStrings(partText(parts, "xl/sharedStrings.xml") ?? "");
    formats ??= parseCellFormats(partText(parts, "xl/styles.xml") ?? "");
    const read = readSheet(name, xml, { sharedStrings, formats, date1904 });
    for (const t of inputTables) tables.push(rawTable(name, read, t, limits));
    if (isInputSheet) sheets.push(rawSheet(name, read, limits));
  });
  return { sheetNames, tables, sheets };
}

/** The r:id of each <tablePart> of the end of a worksheet part (after the cells). */
function tablePartIds(xml: string): string[] {
  const out: string[] = [];
  for (let at = xml.indexOf("<tablePart"); at >= 0; at = xml.indexOf("<tablePart", at + 10)) {
    const gt = xml.indexOf(">", at);
    const id = /\br:id\s*=\s*["']([^"']*)["']/.exec(xml.slice(at, gt < 0 ? xml.length : gt))?.[1];
    if (id !== undefined) out.push(id);
  }
  return out;
}

/**
 * A worksheet that is not read cell by cell still may not go past Excel's last row (ExcelJS refuses
 * it): its last row and last cell are checked (rows come in order), on the bytes.
 */
function checkGrid(sheet: string, bytes: Buffer, cellsEnd: number): void {
  if (cellsEnd < 0) return;
  for (const open of ["<row", "<c "]) {
    const at = bytes.lastIndexOf(open, cellsEnd);
    if (at < 0) continue;
    const gt = bytes.indexOf(">", at);
    const tag = bytes.subarray(at, gt < 0 ? cellsEnd : gt).toString("latin1");
    const r = /\sr\s*=\s*["'][A-Za-z]*(\d+)["']/.exec(tag)?.[1];
    if (r !== undefined && Number(r) > EXCEL_MAX_ROWS) throw new WorkbookFileError("beyond-excel-grid", null, null, [sheet]);
  }
}

/** The cells of a row, created empty when the part has none (the empty cells made are kept, for the table and the sheet to share). */
function lineOf(read: ReadSheet, row: number): RawCell[] {
  let line = read.rows.get(row);
  if (!line) {
    line = [];
    read.rows.set(row, line);
  }
  return line;
}

/** One cell as src/xlsx/read.ts rawCell gives it: a merged area's value only in its top-left cell. */
function cellOf(line: RawCell[], row: number, col: number): RawCell {
  let c = line[col];
  if (c === undefined) {
    c = { address: `${columnLetters(col)}${row}`, value: null };
    line[col] = c;
  }
  return c;
}

/**
 * A raw cell takes ~150 bytes where the limits budget 2.5 KB per cell (for ExcelJS): a rectangle may
 * hold this many times the cells the limits allow (the empty ones inside a used range among them).
 */
const AREA_PER_CELL = 8;

/** @throws WorkbookFileError too-many-cells when a rectangle of cells to build is past the limits. */
function checkArea(rows: number, cols: number, limits: Limits): void {
  const cells = rows * cols;
  const max = limits.maxCells * AREA_PER_CELL;
  if (cells > max) throw new WorkbookFileError("too-many-cells", null, null, [thousands(cells), thousands(max)]);
}

function rawTable(sheet: string, read: ReadSheet, t: TablePart, limits: Limits): RawTable {
  let r;
  try {
    r = parseRange(t.ref);
  } catch {
    throw new WorkbookFileError("corrupt", null, `table ${t.name}: bad ref ${t.ref}`);
  }
  const hasHeader = t.headerRowCount > 0;
  const headerRow = hasHeader ? r.top : r.top - 1;
  const lastData = t.totalsRowCount > 0 ? r.bottom - 1 : r.bottom;
  const cols = r.right - r.left + 1;
  checkArea(lastData - headerRow + 1, cols, limits);
  const headers: RawCell[] = [];
  for (let j = 0; j < cols; j++) {
    const name = t.columns[j];
    // A copy: the header's value may change, and the cell is shared with the sheet's used range.
    const c = hasHeader ? { ...cellOf(lineOf(read, headerRow), headerRow, r.left + j) } : { value: name ?? null, address: cellAddress(headerRow, r.left + j) };
    // The table part names its columns even when the header cells say otherwise; the part wins in Excel.
    if (name) c.value = name;
    headers.push(c);
  }
  const rows: RawCell[][] = [];
  for (let row = headerRow + 1; row <= lastData; row++) {
    const line = lineOf(read, row);
    const cells: RawCell[] = new Array(cols);
    for (let j = 0; j < cols; j++) cells[j] = cellOf(line, row, r.left + j);
    rows.push(cells);
  }
  return { name: t.name, sheet, headerRow, firstCol: r.left, headers, rows };
}

function rawSheet(name: string, read: ReadSheet, limits: Limits): RawSheet {
  const u = read.used;
  if (!u) return { name, firstRow: 1, firstCol: 1, rows: [] };
  checkArea(u.bottom - u.top + 1, u.right - u.left + 1, limits);
  const rows: RawCell[][] = [];
  const width = u.right - u.left + 1;
  for (let r = u.top; r <= u.bottom; r++) {
    const line = lineOf(read, r);
    const cells: RawCell[] = new Array(width);
    for (let c = u.left; c <= u.right; c++) cells[c - u.left] = cellOf(line, r, c);
    rows.push(cells);
  }
  return { name, firstRow: u.top, firstCol: u.left, rows };
}
