/**
 * InputData as the raw tables a reader would hand over for a workbook laid out like the template,
 * so that tests and the add-in's example go through the real parser without a file.
 */
import {
  COLUMNAS_ACTIVIDADES_ENTRADA,
  COLUMNAS_COMPROMISOS,
  COLUMNAS_DEPENDENCIAS,
  HOJA_ACTIVIDADES,
  HOJA_COMPROMISOS,
  HOJA_CONFIGURACION,
  HOJA_DEPENDENCIAS,
  TABLA_CONFIGURACION,
  type InputData,
} from "../contract";
import { cellAddress, type RawCell, type RawSheet, type RawTable, type RawValue, type RawWorkbook } from "../raw";
import { COLUMNAS_CONFIGURACION } from "./configuracion";

/** Row of the instructions above each table; the header row is the next one, data follows. */
export const FILA_INSTRUCCIONES = 1;
export const FILA_ENCABEZADOS = 2;

type Valor = string | number | Date | null;

interface Entrada {
  sheet: string;
  table: string;
  columns: { header: string; ayuda: string }[];
  rows: Valor[][];
}

const DATE_FORMAT = "dd/mm/yyyy";

function text(s: string): Valor {
  return s === "" ? null : s;
}

/** An ISO date as Excel hands it over from a file: a Date at UTC midnight. Not a date: kept as text. */
function date(iso: string): Valor {
  if (iso === "") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]) ? d : iso;
}

function cell(value: RawValue, row: number, col: number): RawCell {
  const c: RawCell = { value, address: cellAddress(row, col) };
  if (value instanceof Date) c.numberFormat = DATE_FORMAT;
  return c;
}

/**
 * The raw workbook of an input: each input an Excel table on its own sheet, with an instruction row
 * in row 1, headers in row 2 and data from row 3, first column A; dates as Date objects at UTC
 * midnight. An input without rows gets one blank row, as Excel keeps in an empty table.
 *
 * @example parseWorkbook(rawWorkbookFromInput(sample2021())).problems // []
 */
export function rawWorkbookFromInput(data: InputData): RawWorkbook {
  const entradas: Entrada[] = [
    {
      sheet: HOJA_ACTIVIDADES,
      table: HOJA_ACTIVIDADES,
      columns: COLUMNAS_ACTIVIDADES_ENTRADA,
      rows: data.actividades.map((a) => [
        text(a.id),
        text(a.dependencia),
        text(a.actividad),
        a.programado[0],
        a.ejecutado[0],
        a.programado[1],
        a.ejecutado[1],
        a.programado[2],
        a.ejecutado[2],
        text(a.responsable),
        text(a.evidencias),
        text(a.observaciones),
      ]),
    },
    {
      sheet: HOJA_COMPROMISOS,
      table: HOJA_COMPROMISOS,
      columns: COLUMNAS_COMPROMISOS,
      rows: data.compromisos.map((c) => [
        text(c.id),
        date(c.fecha),
        text(c.mesa),
        text(c.compromiso),
        text(c.responsable),
        text(c.estado),
        date(c.fechaCorte),
        text(c.observaciones),
      ]),
    },
    {
      sheet: HOJA_DEPENDENCIAS,
      table: HOJA_DEPENDENCIAS,
      columns: COLUMNAS_DEPENDENCIAS,
      rows: data.dependencias.map((d) => [text(d.dependencia), text(d.sigla), text(d.titulo)]),
    },
    {
      sheet: HOJA_CONFIGURACION,
      table: TABLA_CONFIGURACION,
      columns: COLUMNAS_CONFIGURACION,
      rows: data.configuracion.map((c) => [c.clave, typeof c.valor === "string" ? text(c.valor) : c.valor]),
    },
  ];

  const tables: RawTable[] = [];
  const sheets: RawSheet[] = [];
  for (const e of entradas) {
    const width = e.columns.length;
    const rows = e.rows.length > 0 ? e.rows : [Array<Valor>(width).fill(null)];
    const instructions = e.columns.map((c, j) => cell(c.ayuda, FILA_INSTRUCCIONES, j + 1));
    const headers = e.columns.map((c, j) => cell(c.header, FILA_ENCABEZADOS, j + 1));
    const data = rows.map((r, i) => Array.from({ length: width }, (_, j) => cell(r[j] ?? null, FILA_ENCABEZADOS + 1 + i, j + 1)));
    tables.push({ name: e.table, sheet: e.sheet, headerRow: FILA_ENCABEZADOS, firstCol: 1, headers, rows: data });
    sheets.push({ name: e.sheet, firstRow: FILA_INSTRUCCIONES, firstCol: 1, rows: [instructions, headers, ...data] });
  }
  return { sheetNames: entradas.map((e) => e.sheet), tables, sheets };
}
