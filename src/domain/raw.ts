/**
 * Neutral raw tables: what a reader (ExcelJS for files, Office.js for the open workbook) hands to
 * parsing. No library types leak in here, so the same validation checks a live workbook and a file.
 */

/** A cell's value as read. Dates may come as Date (files) or as serial numbers with a date format (Office.js). */
export type RawValue = string | number | boolean | Date | null;

export interface RawCell {
  value: RawValue;
  /** A1-style address within its sheet, without the sheet name: "F7". */
  address: string;
  /** The cell's number format when the reader knows it ("General", "dd/mm/yyyy", ...). */
  numberFormat?: string;
  /** The formula (invariant syntax, with "="), when the cell holds one; value is then its last result. */
  formula?: string;
  /** True when the value is an Excel error (#N/A, #DIV/0!...); value holds its text. */
  error?: boolean;
}

/** A used range of a sheet. rows[0][0] is the cell at (firstRow, firstCol). Rows are rectangular. */
export interface RawSheet {
  name: string;
  /** 1-based row and column of rows[0][0]. */
  firstRow: number;
  firstCol: number;
  rows: RawCell[][];
}

/** An Excel table (ListObject). */
export interface RawTable {
  /** The table's name ("Actividades"). */
  name: string;
  /** The sheet it is on. */
  sheet: string;
  /** 1-based row of its header row and column of its first column. */
  headerRow: number;
  firstCol: number;
  headers: RawCell[];
  /** Data rows only (no header, no totals row); each as wide as headers. */
  rows: RawCell[][];
}

export interface RawWorkbook {
  /** Every sheet name, in workbook order. */
  sheetNames: string[];
  /** The tables of the workbook whose names look like an input (see isInputName). */
  tables: RawTable[];
  /** The sheets whose names look like an input (see isInputName). */
  sheets: RawSheet[];
}

/** 1-based column number to letters: 1 -> "A", 28 -> "AB". */
export function columnLetters(col: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "AB" -> 28. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** "F7" -> { row: 7, col: 6 } */
export function parseAddress(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`Not an A1 address: ${address}`);
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}
