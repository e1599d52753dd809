/** Builds RawWorkbooks from plain arrays, with the addresses a reader would give. */
import { cellAddress, type RawCell, type RawSheet, type RawTable, type RawValue, type RawWorkbook } from "../../../src/domain/raw";

/** A cell: a plain value, or a value with its number format / error flag. */
export type C = RawValue | { v: RawValue; fmt?: string; error?: boolean; formula?: string };

function isSpec(c: C): c is { v: RawValue; fmt?: string; error?: boolean; formula?: string } {
  return typeof c === "object" && c !== null && !(c instanceof Date);
}

export function rawCell(c: C, row: number, col: number): RawCell {
  const address = cellAddress(row, col);
  if (!isSpec(c)) return { value: c, address };
  const cell: RawCell = { value: c.v, address };
  if (c.fmt !== undefined) cell.numberFormat = c.fmt;
  if (c.error) cell.error = true;
  if (c.formula) cell.formula = c.formula;
  return cell;
}

/** A sheet's used range starting at (firstRow, firstCol); rows padded to a rectangle. */
export function sheet(name: string, rows: C[][], at: { row?: number; col?: number } = {}): RawSheet {
  const firstRow = at.row ?? 1;
  const firstCol = at.col ?? 1;
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return {
    name,
    firstRow,
    firstCol,
    rows: rows.map((r, i) => Array.from({ length: width }, (_, j) => rawCell(j < r.length ? r[j] : null, firstRow + i, firstCol + j))),
  };
}

/** An Excel table whose header row is at (headerRow, firstCol): by default A2, as the template lays it. */
export function table(
  name: string,
  headers: string[],
  rows: C[][],
  at: { sheet?: string; headerRow?: number; firstCol?: number } = {},
): RawTable {
  const headerRow = at.headerRow ?? 2;
  const firstCol = at.firstCol ?? 1;
  return {
    name,
    sheet: at.sheet ?? name,
    headerRow,
    firstCol,
    headers: headers.map((h, j) => rawCell(h, headerRow, firstCol + j)),
    rows: rows.map((r, i) => headers.map((_, j) => rawCell(j < r.length ? r[j] : null, headerRow + 1 + i, firstCol + j))),
  };
}

/** A workbook; sheet names default to the sheets' and tables' sheets, in the order given. */
export function workbook(parts: { tables?: RawTable[]; sheets?: RawSheet[]; sheetNames?: string[] }): RawWorkbook {
  const tables = parts.tables ?? [];
  const sheets = parts.sheets ?? [];
  const names: string[] = [];
  for (const n of [...tables.map((t) => t.sheet), ...sheets.map((s) => s.name)]) if (!names.includes(n)) names.push(n);
  return { sheetNames: parts.sheetNames ?? names, tables, sheets };
}

export const H_ACT = [
  "ID",
  "Dependencia",
  "Actividad",
  "Programado I",
  "Ejecutado I",
  "Programado II",
  "Ejecutado II",
  "Programado III",
  "Ejecutado III",
];
export const H_COMP = ["ID", "Fecha", "Mesa", "Compromiso", "Responsable", "Estado", "Fecha de corte", "Observaciones"];
export const H_DEP = ["Dependencia", "Sigla", "Título en el informe"];

/** An Actividades table at A2 (data from row 3): columns A ID, B Dependencia, C Actividad, D..I the counts. */
export function actividades(rows: C[][], headers: string[] = H_ACT): RawTable {
  return table("Actividades", headers, rows);
}

export function compromisos(rows: C[][], headers: string[] = H_COMP): RawTable {
  return table("Compromisos", headers, rows);
}

export function dependencias(rows: C[][]): RawTable {
  return table("Dependencias", H_DEP, rows);
}

export function configuracion(rows: [string, C][], name = "Configuración"): RawTable {
  return table(name, ["Clave", "Valor"], rows);
}

/** A plain valid activity row for office `dep`: 1 programmed and executed in each cuatrimestre. */
export function fila(dep: string, id: C = null, counts: C[] = [1, 1, 1, 1, 1, 1]): C[] {
  return [id, dep, `Actividad de ${String(dep)}`, ...counts];
}

/** A UTC-midnight Date, as ExcelJS hands dates over. */
export function d(y: number, m: number, day: number): Date {
  return new Date(Date.UTC(y, m - 1, day));
}
