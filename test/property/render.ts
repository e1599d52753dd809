/**
 * A generated workbook (model.ts) as the inputs the project reads: the neutral raw tables a reader
 * hands to parsing, and a real .xlsx written with ExcelJS directly (not with src/xlsx's writer, so a
 * fault in the writer cannot hide a fault in the reader, or the other way round).
 */
import ExcelJS from "exceljs";
import { cellAddress, type RawCell, type RawSheet, type RawTable, type RawWorkbook } from "../../src/domain";
import type { GenCell, GenSheet, GenWorkbook, Value } from "./model";
// Without it JSZip splits an emoji that straddles one of its 16 KiB cuts: the test's own writer
// would not write the texts it means (see src/xlsx/utf8-zip.ts).
import "../../src/xlsx/utf8-zip";

/** The contract's forgiving comparison, written again here so the tests do not borrow the code under test. */
export function key(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
}

const INPUT_KEYS = new Set(["actividades", "compromisos", "dependencias", "configuracion"]);

export function isInputName(name: string): boolean {
  return INPUT_KEYS.has(key(name));
}

/** A cell of a sheet with its 1-based position. */
export interface PlacedCell {
  row: number;
  col: number;
  value: Value;
  error?: string;
  numFmt?: string;
  formula?: string;
}

/** Every cell a sheet holds (preamble, headers, data, the official's own cells), by position. */
export function placedCells(s: GenSheet): PlacedCell[] {
  const out: PlacedCell[] = [];
  for (const p of s.preamble) out.push({ row: p.row, col: p.col, value: p.value });
  if (s.headers.length) {
    s.headers.forEach((h, j) => out.push({ row: s.headerRow, col: s.firstCol + j, value: h }));
    s.rows.forEach((r, i) =>
      r.forEach((c, j) => out.push({ row: s.headerRow + 1 + i, col: s.firstCol + j, value: c.value, error: c.error, numFmt: c.numFmt })),
    );
  }
  for (const c of s.cells) out.push({ row: c.row, col: c.col, value: c.value, formula: c.formula });
  return out;
}

function rawCell(c: { value: Value; error?: string; numFmt?: string; formula?: string } | undefined, row: number, col: number): RawCell {
  const out: RawCell = { value: c ? c.value : null, address: cellAddress(row, col) };
  if (c?.numFmt) out.numberFormat = c.numFmt;
  if (c?.error) out.error = true;
  if (c?.formula) out.formula = `=${c.formula}`;
  return out;
}

const occupied = (c: PlacedCell) => c.error !== undefined || c.formula !== undefined || (c.value !== null && c.value !== "");

/** The raw tables an ideal reader hands over: every sheet name, the input tables, the input sheets' used ranges. */
export function toRawWorkbook(wb: GenWorkbook): RawWorkbook {
  const tables: RawTable[] = [];
  const sheets: RawSheet[] = [];
  for (const s of wb.sheets) {
    if (s.table) {
      tables.push({
        name: s.table,
        sheet: s.name,
        headerRow: s.headerRow,
        firstCol: s.firstCol,
        headers: s.headers.map((h, j) => rawCell({ value: h }, s.headerRow, s.firstCol + j)),
        rows: s.rows.map((r, i) => r.map((c: GenCell, j) => rawCell(c, s.headerRow + 1 + i, s.firstCol + j))),
      });
    }
    if (!isInputName(s.name)) continue;
    const cells = placedCells(s).filter(occupied);
    if (cells.length === 0) {
      sheets.push({ name: s.name, firstRow: 1, firstCol: 1, rows: [] });
      continue;
    }
    const top = Math.min(...cells.map((c) => c.row));
    const bottom = Math.max(...cells.map((c) => c.row));
    const left = Math.min(...cells.map((c) => c.col));
    const right = Math.max(...cells.map((c) => c.col));
    const at = new Map(cells.map((c) => [`${c.row},${c.col}`, c]));
    const rows: RawCell[][] = [];
    for (let r = top; r <= bottom; r++) {
      const line: RawCell[] = [];
      for (let c = left; c <= right; c++) line.push(rawCell(at.get(`${r},${c}`), r, c));
      rows.push(line);
    }
    sheets.push({ name: s.name, firstRow: top, firstCol: left, rows });
  }
  return { sheetNames: wb.sheets.map((s) => s.name), tables, sheets };
}

function excelValue(c: { value: Value; error?: string; formula?: string }): ExcelJS.CellValue {
  if (c.error) return { error: c.error as ExcelJS.CellErrorValue["error"] };
  if (c.formula) return { formula: c.formula } as ExcelJS.CellFormulaValue;
  return c.value;
}

/** The workbook as .xlsx bytes, written with ExcelJS's own API (tables with addTable). */
export async function toXlsx(wb: GenWorkbook): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const s of wb.sheets) {
    const ws = book.addWorksheet(s.name);
    if (s.table) {
      for (const p of s.preamble) ws.getCell(p.row, p.col).value = p.value;
      ws.addTable({
        name: s.table,
        displayName: s.table,
        ref: cellAddress(s.headerRow, s.firstCol),
        headerRow: true,
        totalsRow: false,
        style: { theme: "TableStyleMedium2", showRowStripes: true },
        columns: s.headers.map((h) => ({ name: h, filterButton: true })),
        rows: s.rows.map((r) => r.map((c) => excelValue(c))),
      });
      s.rows.forEach((r, i) =>
        r.forEach((c, j) => {
          if (c.numFmt) ws.getCell(s.headerRow + 1 + i, s.firstCol + j).numFmt = c.numFmt;
        }),
      );
      for (const c of s.cells) ws.getCell(c.row, c.col).value = excelValue(c);
      continue;
    }
    for (const c of placedCells(s)) {
      if (c.value === null && !c.error && !c.formula) continue;
      const cell = ws.getCell(c.row, c.col);
      cell.value = excelValue(c);
      if (c.numFmt) cell.numFmt = c.numFmt;
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
