/**
 * A1 addresses for the strict Excel: parsing, formatting and rectangle arithmetic.
 * Rows and columns are 0-based internally, as in Office.js `rowIndex`/`columnIndex`.
 */

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** An inclusive rectangle of cells, 0-based. */
export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** "A" -> 0, "AB" -> 27. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 -> "A", 27 -> "AB". */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "B5" (0-based row 4, col 1). */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** Parses "B5" into 0-based coordinates, or null. */
export function parseCell(a1: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(a1.trim());
  if (!m) return null;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col < 0 || col >= MAX_COLS || row < 0 || row >= MAX_ROWS) return null;
  return { row, col };
}

/** Splits "'My sheet'!A1:B2" into sheet and local address. Sheet is undefined when absent. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const a = address.trim();
  const bang = a.lastIndexOf("!");
  if (bang < 0) return { local: a };
  let sheet = a.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: a.slice(bang + 1) };
}

/**
 * Parses a local A1 address ("B5", "B5:F20", "A:C", "3:7") into a rectangle, or null when it is
 * not one. Whole columns/rows span the full sheet.
 */
export function parseRect(local: string): Rect | null {
  const a = local.trim().replace(/\$/g, "");
  if (!a) return null;
  const parts = a.split(":");
  if (parts.length > 2) return null;
  if (parts.length === 2 && /^[A-Za-z]{1,3}$/.test(parts[0]) && /^[A-Za-z]{1,3}$/.test(parts[1])) {
    const c1 = columnIndex(parts[0]);
    const c2 = columnIndex(parts[1]);
    if (c1 >= MAX_COLS || c2 >= MAX_COLS) return null;
    return normalize({ r1: 0, c1, r2: MAX_ROWS - 1, c2 });
  }
  if (parts.length === 2 && /^\d{1,7}$/.test(parts[0]) && /^\d{1,7}$/.test(parts[1])) {
    const r1 = Number(parts[0]) - 1;
    const r2 = Number(parts[1]) - 1;
    if (r1 < 0 || r2 < 0 || r1 >= MAX_ROWS || r2 >= MAX_ROWS) return null;
    return normalize({ r1, c1: 0, r2, c2: MAX_COLS - 1 });
  }
  const p1 = parseCell(parts[0]);
  const p2 = parts.length === 2 ? parseCell(parts[1]) : p1;
  if (!p1 || !p2) return null;
  return normalize({ r1: p1.row, c1: p1.col, r2: p2.row, c2: p2.col });
}

function normalize(r: Rect): Rect {
  return {
    r1: Math.min(r.r1, r.r2),
    c1: Math.min(r.c1, r.c2),
    r2: Math.max(r.r1, r.r2),
    c2: Math.max(r.c1, r.c2),
  };
}

export function rows(r: Rect): number {
  return r.r2 - r.r1 + 1;
}

export function cols(r: Rect): number {
  return r.c2 - r.c1 + 1;
}

export function cellCount(r: Rect): number {
  return rows(r) * cols(r);
}

export function isEntireColumn(r: Rect): boolean {
  return r.r1 === 0 && r.r2 === MAX_ROWS - 1;
}

export function isEntireRow(r: Rect): boolean {
  return r.c1 === 0 && r.c2 === MAX_COLS - 1;
}

/** "B5:F20", "B5" for a single cell, "A:C" for whole columns, "3:7" for whole rows. */
export function formatRect(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  if (isEntireColumn(r) && !isEntireRow(r)) return `${d}${columnLetters(r.c1)}:${d}${columnLetters(r.c2)}`;
  if (isEntireRow(r) && !isEntireColumn(r)) return `${d}${r.r1 + 1}:${d}${r.r2 + 1}`;
  const a = `${d}${columnLetters(r.c1)}${d}${r.r1 + 1}`;
  if (r.r1 === r.r2 && r.c1 === r.c2) return a;
  return `${a}:${d}${columnLetters(r.c2)}${d}${r.r2 + 1}`;
}

/** Whether a sheet name must be quoted in a reference ('Seguimiento compromisos'!A1, '3.1'!A1). */
export function sheetNeedsQuotes(name: string): boolean {
  if (!/^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name)) return true;
  // Names that read as a cell or R1C1 reference must be quoted too.
  if (/^[A-Za-z]{1,3}\d+$/.test(name)) return true;
  if (/^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name)) return true;
  return false;
}

/** "Resumen" or "'Seguimiento compromisos'". */
export function quoteSheet(name: string): string {
  return sheetNeedsQuotes(name) ? `'${name.replace(/'/g, "''")}'` : name;
}

/** "Resumen!B5:F20" as Office.js reports `Range.address`. */
export function qualified(sheet: string, r: Rect, absolute = false): string {
  return `${quoteSheet(sheet)}!${formatRect(r, absolute)}`;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return outer.r1 <= inner.r1 && outer.c1 <= inner.c1 && outer.r2 >= inner.r2 && outer.c2 >= inner.c2;
}

export function intersection(a: Rect, b: Rect): Rect | null {
  if (!intersects(a, b)) return null;
  return { r1: Math.max(a.r1, b.r1), c1: Math.max(a.c1, b.c1), r2: Math.min(a.r2, b.r2), c2: Math.min(a.c2, b.c2) };
}

export function boundingRect(a: Rect, b: Rect): Rect {
  return { r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1), r2: Math.max(a.r2, b.r2), c2: Math.max(a.c2, b.c2) };
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.r1 === b.r1 && a.c1 === b.c1 && a.r2 === b.r2 && a.c2 === b.c2;
}

/** The parts of `a` outside `b` (at most four rectangles). */
export function subtract(a: Rect, b: Rect): Rect[] {
  const i = intersection(a, b);
  if (!i) return [a];
  const out: Rect[] = [];
  if (a.r1 < i.r1) out.push({ r1: a.r1, c1: a.c1, r2: i.r1 - 1, c2: a.c2 });
  if (i.r2 < a.r2) out.push({ r1: i.r2 + 1, c1: a.c1, r2: a.r2, c2: a.c2 });
  if (a.c1 < i.c1) out.push({ r1: i.r1, c1: a.c1, r2: i.r2, c2: i.c1 - 1 });
  if (i.c2 < a.c2) out.push({ r1: i.r1, c1: i.c2 + 1, r2: i.r2, c2: a.c2 });
  return out;
}
