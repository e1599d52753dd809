/**
 * The browser demo: the pane's engine over the in-memory workbook, plus what only the demo shows
 * (a read-only preview of the sheets and the .xlsx download). Loaded lazily (see index.tsx).
 */
import type { ExcelRun } from "../../excel/read";
import { crearPaneEngine } from "../services/officeEngine";
import type { CeldaVista, DemoTools, HojaVista, PaneEngine } from "../services/paneEngine";
import { crearLibroEnMemoria, type MemoryWorkbook } from "./memoryWorkbook";

/** The preview's limits: enough for every sheet of a report, bounded for a plan of thousands of rows. */
export const MAX_FILAS = 300;
export const MAX_COLUMNAS = 30;

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "A1:F20" (possibly with a sheet) -> first row and column. */
function origen(address: string): { row: number; col: number } {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const m = /^\$?([A-Z]+)\$?(\d+)/i.exec(local);
  if (!m) return { row: 1, col: 1 };
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/**
 * A preview cell: a formula shows its formula text (nothing computes it here), any other cell its
 * formatted text as Excel would show it, falling back to the raw value.
 */
export function celdaVista(formula: unknown, text: unknown, value: unknown): CeldaVista {
  if (typeof formula === "string" && formula.startsWith("=")) return { texto: formula, formula: true, numero: false };
  const t = typeof text === "string" && text !== "" ? text : value === null || value === undefined ? "" : String(value);
  return { texto: t, formula: false, numero: typeof value === "number" };
}

/** Reads a sheet's used range for the preview (one round trip). */
export async function leerHoja(run: ExcelRun, nombre: string): Promise<HojaVista | null> {
  return run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(nombre);
    // Values only: a template formats whole columns ahead of the data, and those rows are not worth a preview.
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("address,rowCount,columnCount");
    await context.sync();
    if (ws.isNullObject) return null;
    if (used.isNullObject) return { nombre, primeraFila: 1, primeraColumna: 1, celdas: [], recortada: false };
    const rows = Math.min(used.rowCount, MAX_FILAS);
    const cols = Math.min(used.columnCount, MAX_COLUMNAS);
    const part = used.getResizedRange(rows - used.rowCount, cols - used.columnCount);
    part.load("formulas,text,values");
    await context.sync();
    const o = origen(used.address);
    const celdas = part.formulas.map((fila, i) => fila.map((f, j) => celdaVista(f, part.text[i]?.[j], part.values[i]?.[j])));
    return { nombre, primeraFila: o.row, primeraColumna: o.col, celdas, recortada: rows < used.rowCount || cols < used.columnCount };
  });
}

/** The visible sheets, in workbook order. */
export async function hojasVisibles(run: ExcelRun): Promise<string[]> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/visibility");
    await context.sync();
    return sheets.items.filter((s) => s.visibility === "Visible").map((s) => s.name);
  });
}

export interface Demo {
  engine: PaneEngine;
  tools: DemoTools;
  /** The in-memory workbook itself. */
  libro: MemoryWorkbook;
}

/** A fresh, empty in-memory workbook with the pane's engine and the demo's tools over it. */
export function crearDemo(): Demo {
  const libro = crearLibroEnMemoria();
  const engine = crearPaneEngine({ run: libro.run, isSetSupported: libro.isSetSupported });
  const tools: DemoTools = {
    hojas: () => hojasVisibles(libro.run),
    leerHoja: (nombre) => leerHoja(libro.run, nombre),
    async descargar() {
      const bytes = await libro.toXlsx();
      return new Blob([bytes as BlobPart], { type: XLSX_MIME });
    },
  };
  return { engine, tools, libro };
}
