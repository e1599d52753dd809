/**
 * Helpers of the engine's tests: the strict Excel saved as .xlsx and recalculated by LibreOffice
 * (defined names resolved to their cells), snapshots of sheets cell by cell, and a synthetic plan
 * of any size.
 */
import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cellAddress, pad, type InputData } from "../../src/domain";
import { rawWorkbookFromInput } from "../../src/domain/parse";
import { recalc, tempDir } from "../helpers/libreoffice";
import type { InitialCell, InitialWorkbook, StrictExcel } from "../strict-excel";

export type Value = string | number | boolean | null | { error: string };

function plain(v: ExcelJS.CellValue): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    if ("result" in v || "formula" in v || "sharedFormula" in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ("error" in v) return { error: String((v as { error: unknown }).error) };
    if ("richText" in v) return v.richText.map((p) => p.text).join("");
  }
  return String(v);
}

function unescapeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** A strict Excel's workbook saved as .xlsx, recalculated by LibreOffice Calc and read back. */
export class Recalculado {
  private constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly names: Map<string, string>,
    readonly file: string,
  ) {}

  static async of(excel: StrictExcel, keepAs?: string): Promise<Recalculado> {
    const dir = await tempDir("pipc-excel-");
    const file = path.join(dir, "libro.xlsx");
    await fs.writeFile(file, await excel.toXlsx());
    const out = await recalc(file);
    const buf = await fs.readFile(out);
    if (keepAs) {
      await fs.mkdir(path.dirname(keepAs), { recursive: true });
      await fs.writeFile(keepAs, buf);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const zip = await JSZip.loadAsync(buf);
    const xml = (await zip.file("xl/workbook.xml")!.async("string")) ?? "";
    const names = new Map<string, string>();
    for (const m of xml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
      if (/localSheetId=/.test(m[1])) continue;
      const name = /name="([^"]*)"/.exec(m[1])?.[1];
      if (name) names.set(name.toLowerCase(), unescapeXml(m[2]));
    }
    await fs.rm(dir, { recursive: true, force: true });
    return new Recalculado(wb, names, out);
  }

  /**
   * A cell's value; a formula's computed result. ExcelJS leaves a falsy result (0, "") out of
   * `cell.value` ({ formula } alone), so the result is read from `cell.result`, which keeps it.
   */
  value(sheet: string, address: string): Value {
    const ws = this.workbook.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet}`);
    const cell = ws.getCell(address);
    if (cell.type === ExcelJS.ValueType.Formula) return plain((cell.result as ExcelJS.CellValue | undefined) ?? null);
    return plain(cell.value);
  }

  /** The value of the cell a workbook-level name refers to. */
  name(name: string): Value {
    const text = this.names.get(name.toLowerCase());
    if (!text) throw new Error(`no defined name ${name}`);
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)$/.exec(text);
    if (!m) throw new Error(`${name} does not refer to one cell: ${text}`);
    const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    return this.value(sheet, `${m[3]}${m[4]}`);
  }
}

/** Every cell of a sheet of the strict Excel, as plain comparable data (value, formula, style). */
export function sheetCells(excel: StrictExcel, sheetId: string): Record<string, unknown> {
  const s = excel.workbookState.sheets.find((x) => x.id === sheetId);
  if (!s) throw new Error(`no sheet ${sheetId}`);
  const out: Record<string, unknown> = {};
  for (const [a, c] of s.cells) out[a] = { value: c.value, formula: c.formula, quotePrefix: c.quotePrefix, style: c.style };
  return {
    name: s.name,
    cells: out,
    merges: s.merges,
    widths: [...s.columnWidths],
    heights: [...s.rowHeights],
    protection: s.protection.protected,
    tables: excel.workbookState.tables.filter((t) => t.sheetId === sheetId).map((t) => ({ name: t.name, rect: t.rect })),
    cfs: excel.workbookState.conditionalFormats.filter((c) => c.sheetId === sheetId).map((c) => ({ ranges: c.ranges, formula: c.formula, format: c.format })),
  };
}

/**
 * The input workbook of a plan (its sheets, with the input tables over them) as a strict Excel's
 * initial workbook: much faster to build than the .xlsx for plans of tens of thousands of rows, and
 * typed as an official would type it (dates as "yyyy-mm-dd", which Excel turns into dates; other
 * texts literal).
 */
export function libroDeEntrada(data: InputData): InitialWorkbook {
  const raw = rawWorkbookFromInput(data);
  return {
    sheets: raw.sheets.map((s) => {
      const values: InitialCell[][] = s.rows.map((r) =>
        r.map((c): InitialCell => {
          const v = c.value;
          if (v instanceof Date) return v.toISOString().slice(0, 10);
          return typeof v === "string" ? { text: v } : v;
        }),
      );
      const tables = raw.tables
        .filter((t) => t.sheet === s.name)
        .map((t) => ({ name: t.name, range: `${cellAddress(t.headerRow, t.firstCol)}:${cellAddress(t.headerRow + Math.max(1, t.rows.length), t.firstCol + t.headers.length - 1)}` }));
      return { name: s.name, rows: { origin: cellAddress(s.firstRow, s.firstCol), values }, tables };
    }),
  };
}

const SIGLAS = ["OAP", "ACPVR", "OCI", "DDDI", "SJ", "DGC", "OTIC", "SGD", "DRI", "OCD", "DTH", "SAF"];

/**
 * A plan of `n` activities and `m` commitments over twelve offices (or the first `oficinas`), with
 * texts as long as real ones, deterministic. Every number is a whole number >= 0; nothing executed without programming.
 */
export function planSintetico(n: number, m: number, oficinas = SIGLAS.length): InputData {
  const siglas = SIGLAS.slice(0, Math.max(1, Math.min(SIGLAS.length, oficinas)));
  const dependencias = siglas.map((s, i) => ({ dependencia: `Dependencia número ${i + 1} de la entidad (${s})`, sigla: s, titulo: `Dependencia ${s}` }));
  const actividades: InputData["actividades"] = [];
  for (let i = 0; i < n; i++) {
    const p: [number, number, number] = [(i % 4) + 1, (i % 3) + 1, (i % 5) + 1];
    const e: [number, number, number] = [p[0] - (i % 2), p[1] + (i % 3 === 0 ? 1 : 0), Math.max(0, p[2] - (i % 4))];
    actividades.push({
      id: `A-${pad(i + 1, 4)}`,
      dependencia: siglas[i % siglas.length],
      actividad: `Realizar la actividad ${i + 1} de participación ciudadana con la comunidad del sector ${i % 20}, con su convocatoria, desarrollo y memoria`,
      programado: p,
      ejecutado: e,
      responsable: `Profesional responsable ${i % 37}`,
      evidencias: `Acta, listado de asistencia y registro fotográfico de la sesión ${i + 1}`,
      observaciones: i % 7 === 0 ? "Se reprogramó una sesión por condiciones de orden público." : "",
    });
  }
  const compromisos: InputData["compromisos"] = [];
  const estados = ["Cumplido", "En avance", "Sin iniciar", "Por reportar", ""] as const;
  for (let j = 0; j < m; j++) {
    const month = (j % 12) + 1;
    const day = (j % 27) + 1;
    compromisos.push({
      id: `C-${pad(j + 1, 4)}`,
      fecha: `2021-${pad(month, 2)}-${pad(day, 2)}`,
      mesa: `Mesa de participación ${j % 40}`,
      compromiso: `Compromiso ${j + 1}: responder a la comunidad sobre la solicitud presentada en la mesa`,
      responsable: j % 3 === 0 ? "OAP" : siglas[j % siglas.length],
      estado: estados[j % estados.length],
      fechaCorte: j % 2 === 0 ? `2021-${pad(month, 2)}-28` : "",
      observaciones: "",
    });
  }
  return {
    dependencias,
    actividades,
    compromisos,
    configuracion: [
      { clave: "Entidad", valor: "Entidad de prueba" },
      { clave: "Plan", valor: "Plan Institucional de Participación Ciudadana" },
      { clave: "Vigencia", valor: 2021 },
      { clave: "Cuatrimestre", valor: "III" },
      { clave: "Dependencia a cargo de compromisos", valor: "OAP" },
      { clave: "Umbral bajo", valor: 0.6 },
      { clave: "Umbral medio", valor: 0.8 },
      { clave: "Umbral sobreejecución", valor: 1.2 },
    ],
  };
}
