/**
 * The table-or-sheet rule of the contract: an input is the Excel table with the given name; where no
 * such table exists, the sheet with that name, its header row being the first of its first 10 rows
 * that holds the required headers.
 */
import { inputName, type ColumnaContrato } from "../contract";
import { cellAddress, type RawCell, type RawSheet, type RawTable, type RawWorkbook } from "../raw";
import type { SourceLayout } from "../model";
import { headerText, listHeaders, matchHeaders, type HeaderMatch } from "./headers";
import { isBlankCell, sanitizeValue, type ProblemList } from "./values";

/** How many rows of a plain sheet are searched for the header row. */
export const HEADER_SEARCH_ROWS = 10;

/** A data row: its 1-based sheet row and one cell per column from firstCol to lastCol. */
export interface Fila {
  fila: number;
  cells: RawCell[];
}

/** An input found and its header row recognised. */
export interface Located<F extends string> {
  sheet: string;
  tableName: string | null;
  headerRow: number;
  firstCol: number;
  lastCol: number;
  lastRow: number;
  headerCells: RawCell[];
  /** "A2:L2" */
  headerRange: string;
  match: HeaderMatch<F>;
  rows: Fila[];
}

export type LocateResult<F extends string> =
  | { status: "absent" }
  /** Found but without a usable header row (reported). */
  | { status: "unusable"; sheet: string }
  | { status: "ok"; input: Located<F> };

const A1 = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** A reader's cell made safe: a RawValue, a plausible address (computed when the reader gave none). */
export function safeCell(c: unknown, row: number, col: number): RawCell {
  const address = cellAddress(row, col);
  if (!c || typeof c !== "object") return { value: null, address };
  const rc = c as Record<string, unknown>;
  const given = typeof rc.address === "string" ? A1.exec(rc.address.trim()) : null;
  return {
    value: sanitizeValue(rc.value),
    address: given ? `${given[1].toUpperCase()}${given[2]}` : address,
    numberFormat: typeof rc.numberFormat === "string" ? rc.numberFormat : undefined,
    formula: typeof rc.formula === "string" ? rc.formula : undefined,
    error: rc.error === true,
  };
}

function positiveInt(v: unknown, fallback: number): number {
  return typeof v === "number" && Number.isInteger(v) && v >= 1 ? v : fallback;
}

function arrayOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function findTable(raw: RawWorkbook, canonical: string): RawTable | null {
  for (const t of arrayOf(raw?.tables)) {
    const name = (t as RawTable | null)?.name;
    if (typeof name === "string" && inputName(name) === canonical) return t as RawTable;
  }
  return null;
}

function findSheet(raw: RawWorkbook, canonical: string): RawSheet | null {
  for (const s of arrayOf(raw?.sheets)) {
    const name = (s as RawSheet | null)?.name;
    if (typeof name === "string" && inputName(name) === canonical) return s as RawSheet;
  }
  return null;
}

/** Is there a table or a sheet for this input? */
export function inputExists(raw: RawWorkbook, canonical: string): boolean {
  return findTable(raw, canonical) !== null || findSheet(raw, canonical) !== null;
}

function range(row: number, firstCol: number, lastCol: number): string {
  return firstCol === lastCol ? cellAddress(row, firstCol) : `${cellAddress(row, firstCol)}:${cellAddress(row, lastCol)}`;
}

function reportDuplicates<F extends string>(problems: ProblemList, sheet: string, cells: RawCell[], match: HeaderMatch<F>) {
  for (const d of match.duplicates) {
    const cell = cells[d.index];
    const first = cells[d.firstIndex];
    const h = headerText(cell);
    problems.add(
      "duplicate-header",
      "warning",
      sheet,
      cell.address,
      `el encabezado «${h}» se repite (ya está en ${sheet}!${first.address}): se usa la primera columna y esta se ignora; cambie o borre el encabezado repetido.`,
      `the header "${h}" is repeated (already in ${sheet}!${first.address}): the first column is used and this one ignored; rename or delete the repeated header.`,
    );
  }
}

/**
 * Finds an input by the table-or-sheet rule and recognises its headers. Reports missing-header (a
 * table without a required column) and header-row-not-found (a sheet whose first 10 rows hold no
 * row with the required headers); duplicate headers are warnings.
 */
export function locate<F extends string>(
  raw: RawWorkbook,
  canonical: string,
  contract: readonly ColumnaContrato<F>[],
  problems: ProblemList,
): LocateResult<F> {
  const table = findTable(raw, canonical);
  if (table) return locateTable(table, canonical, contract, problems);
  const sheet = findSheet(raw, canonical);
  if (sheet) return locateSheet(sheet, contract, problems);
  return { status: "absent" };
}

function locateTable<F extends string>(
  table: RawTable,
  canonical: string,
  contract: readonly ColumnaContrato<F>[],
  problems: ProblemList,
): LocateResult<F> {
  const sheet = typeof table.sheet === "string" && table.sheet ? table.sheet : canonical;
  const headerRow = positiveInt(table.headerRow, 1);
  const firstCol = positiveInt(table.firstCol, 1);
  const rawHeaders = arrayOf(table.headers);
  const rawRows = arrayOf(table.rows);
  const width = Math.max(rawHeaders.length, 1);
  const lastCol = firstCol + width - 1;
  const headerCells = Array.from({ length: width }, (_, j) => safeCell(rawHeaders[j], headerRow, firstCol + j));
  const headerRange = range(headerRow, firstCol, lastCol);
  const match = matchHeaders(headerCells, contract);
  reportDuplicates(problems, sheet, headerCells, match);
  if (match.missing.length > 0) {
    for (const m of match.missing) {
      problems.add(
        "missing-header",
        "error",
        sheet,
        headerRange,
        `a la tabla «${table.name}» le falta la columna «${m.header}»: agregue una columna con el encabezado «${m.header}» en la fila de encabezados (${headerRange}).`,
        `the table "${table.name}" lacks the column "${m.header}": add a column headed "${m.header}" to its header row (${headerRange}).`,
      );
    }
    return { status: "unusable", sheet };
  }
  const rows: Fila[] = rawRows.map((r, i) => {
    const fila = headerRow + 1 + i;
    const cells = arrayOf(r);
    return { fila, cells: Array.from({ length: width }, (_, j) => safeCell(cells[j], fila, firstCol + j)) };
  });
  return {
    status: "ok",
    input: {
      sheet,
      tableName: table.name,
      headerRow,
      firstCol,
      lastCol,
      lastRow: headerRow + rows.length,
      headerCells,
      headerRange,
      match,
      rows,
    },
  };
}

function locateSheet<F extends string>(s: RawSheet, contract: readonly ColumnaContrato<F>[], problems: ProblemList): LocateResult<F> {
  const sheet = s.name;
  const firstRow = positiveInt(s.firstRow, 1);
  const sheetFirstCol = positiveInt(s.firstCol, 1);
  const rawRows = arrayOf(s.rows).map(arrayOf);
  const width = rawRows.reduce((w, r) => Math.max(w, r.length), 0);
  const rowCells = (i: number) =>
    Array.from({ length: width }, (_, j) => safeCell(rawRows[i][j], firstRow + i, sheetFirstCol + j));

  let best: { i: number; cells: RawCell[]; match: HeaderMatch<F> } | null = null;
  for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, rawRows.length); i++) {
    const cells = rowCells(i);
    const match = matchHeaders(cells, contract);
    if (match.missing.length === 0) {
      best = { i, cells, match };
      break;
    }
    if (match.recognised > 0 && (!best || match.recognised > best.match.recognised)) best = { i, cells, match };
  }

  const required = contract.filter((c) => c.required);
  if (!best || best.match.missing.length > 0) {
    const needEs = listHeaders(required, "es");
    const needEn = listHeaders(required, "en");
    if (best) {
      const used = best.cells.map((c, j) => (isBlankCell(c) ? -1 : j)).filter((j) => j >= 0);
      const row = firstRow + best.i;
      const where = range(row, sheetFirstCol + used[0], sheetFirstCol + used[used.length - 1]);
      problems.add(
        "header-row-not-found",
        "error",
        sheet,
        where,
        `no se encontró la fila de encabezados en las primeras ${HEADER_SEARCH_ROWS} filas de la hoja «${sheet}»: la fila ${row} se parece, pero le falta ${listHeaders(best.match.missing, "es")}. La fila de encabezados debe tener ${needEs}; corrija esos encabezados.`,
        `no header row was found in the first ${HEADER_SEARCH_ROWS} rows of the sheet "${sheet}": row ${row} looks like it, but lacks ${listHeaders(best.match.missing, "en")}. The header row must hold ${needEn}; fix those headers.`,
      );
    } else {
      problems.add(
        "header-row-not-found",
        "error",
        sheet,
        null,
        `${sheet}: no se encontró la fila de encabezados en las primeras ${HEADER_SEARCH_ROWS} filas de la hoja: escriba en una de ellas los encabezados ${needEs} (o convierta los datos en una tabla de Excel llamada «${sheet}»).`,
        `${sheet}: no header row was found in the first ${HEADER_SEARCH_ROWS} rows of the sheet: write the headers ${needEn} in one of them (or make the data an Excel table named "${sheet}").`,
      );
    }
    return { status: "unusable", sheet };
  }

  // The header block spans the written headers of the row; data outside it is not the input's.
  const nonBlank = best.cells.map((c, j) => (isBlankCell(c) ? -1 : j)).filter((j) => j >= 0);
  const j0 = nonBlank[0];
  const j1 = nonBlank[nonBlank.length - 1];
  const headerRow = firstRow + best.i;
  const firstCol = sheetFirstCol + j0;
  const lastCol = sheetFirstCol + j1;
  const headerCells = best.cells.slice(j0, j1 + 1);
  const match = matchHeaders(headerCells, contract);
  reportDuplicates(problems, sheet, headerCells, match);
  const rows: Fila[] = [];
  let lastRow = headerRow;
  for (let i = best.i + 1; i < rawRows.length; i++) {
    const fila = firstRow + i;
    const cells = Array.from({ length: j1 - j0 + 1 }, (_, k) => safeCell(rawRows[i][j0 + k], fila, firstCol + k));
    if (cells.some((c) => !isBlankCell(c))) lastRow = fila;
    rows.push({ fila, cells });
  }
  return {
    status: "ok",
    input: {
      sheet,
      tableName: null,
      headerRow,
      firstCol,
      lastCol,
      lastRow,
      headerCells,
      headerRange: range(headerRow, firstCol, lastCol),
      match,
      rows: rows.filter((r) => r.fila <= lastRow),
    },
  };
}

/** The SourceLayout writers use to address an input's columns. */
export function layoutOf<F extends string>(input: Located<F>): SourceLayout<F> {
  const columns: SourceLayout<F>["columns"] = {};
  for (const [field, index] of Object.entries(input.match.fieldIndex) as [F, number][]) {
    columns[field] = { header: headerText(input.headerCells[index]), col: input.firstCol + index };
  }
  return {
    sheet: input.sheet,
    tableName: input.tableName,
    headerRow: input.headerRow,
    lastRow: input.lastRow,
    firstCol: input.firstCol,
    lastCol: input.lastCol,
    headers: input.headerCells.map(headerText),
    columns,
  };
}
