/**
 * Helpers of the report's real-engine tests: build the sample input file, generate reports from
 * bytes, read LibreOffice's recalculated values back (defined names resolved to their cells), and
 * the expectations computed straight from the fixture JSON, never by the code under test.
 */
import { execFile } from "child_process";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import fixture from "../../src/domain/data/plan-2021.json";
import { cellAddress, hasErrors, parseAddress, type Cuatrimestre } from "../../src/domain";
import { parseWorkbook } from "../../src/domain/parse";
import { sample2021 } from "../../src/domain/sample";
import { inputWorkbookSpec } from "../../src/report/input";
import type { CellInput, SheetSpec, WorkbookSpec } from "../../src/report/spec";
import { readWorkbookBuffer, renderWorkbook, toBuffer } from "../../src/xlsx";
import { generateReportWorkbook, type GeneratedWorkbook } from "../../src/xlsx/generate";
import { parseDefinedNames } from "../../src/xlsx/names";

export const RESULTS = path.join(__dirname, "..", "..", "test-results", "report");

export const GENERATED_AT = new Date(2022, 0, 14, 12, 0, 0);

/** The sample workbook as `pipc sample` writes it. */
export async function sampleInput(): Promise<Buffer> {
  return toBuffer(renderWorkbook({ sheets: inputWorkbookSpec(sample2021()), names: [], computedColumns: [] }));
}

export interface Generated {
  buffer: Buffer;
  spec: WorkbookSpec;
  generated: GeneratedWorkbook;
}

/** Parses an input's bytes (it must have no errors) and generates its report for a cut. */
export async function generate(input: Buffer, cut: Cuatrimestre): Promise<Generated> {
  const { plan, problems } = parseWorkbook(await readWorkbookBuffer(input));
  if (!plan || hasErrors(problems)) throw new Error(`input has errors: ${problems.map((p) => p.message.en).join("; ")}`);
  const generated = await generateReportWorkbook(input, plan, { cut, generatedAt: GENERATED_AT });
  return { buffer: await toBuffer(generated.workbook), spec: generated.spec, generated };
}

export type Value = string | number | boolean | null | { error: string };

/**
 * A cell's value; for a formula its cached result. ExcelJS leaves falsy results (0, "") out of
 * `cell.value`, so results are read from `cell.result`; a text formula whose result is "" reads "".
 */
function cellValue(cell: ExcelJS.Cell): Value {
  if (cell.type === ExcelJS.ValueType.Formula) {
    const r = cell.result as ExcelJS.CellValue | undefined;
    return r === undefined ? "" : plain(r);
  }
  return plain(cell.value);
}

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

/** A workbook recalculated by LibreOffice, read back. */
export class Recalculated {
  private constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly names: Map<string, string>,
  ) {}

  static async open(file: string): Promise<Recalculated> {
    const buf = await fs.readFile(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const zip = await JSZip.loadAsync(buf);
    const xml = (await zip.file("xl/workbook.xml")!.async("string")) ?? "";
    const names = new Map<string, string>();
    for (const n of parseDefinedNames(xml)) if (n.localSheetId === undefined) names.set(n.name.toLowerCase(), n.text);
    return new Recalculated(wb, names);
  }

  value(sheet: string, address: string): Value {
    const ws = this.workbook.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet}`);
    return cellValue(ws.getCell(address));
  }

  /** The value of the cell a workbook-level name refers to ("Resumen!$C$19"). */
  name(name: string): Value {
    const text = this.names.get(name.toLowerCase());
    if (!text) throw new Error(`no defined name ${name}`);
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)$/.exec(text);
    if (!m) throw new Error(`${name} does not refer to one cell: ${text}`);
    const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    return this.value(sheet, `${m[3]}${m[4]}`);
  }

  /** The rows of a range as arrays of values (`range` like "A5:F10"). */
  rows(sheet: string, range: string): Value[][] {
    const [a, b] = range.split(":");
    const p = parseAddress(a);
    const q = parseAddress(b);
    const ws = this.workbook.getWorksheet(sheet)!;
    const out: Value[][] = [];
    for (let r = p.row; r <= q.row; r++) {
      const row: Value[] = [];
      for (let c = p.col; c <= q.col; c++) row.push(cellValue(ws.getCell(r, c)));
      out.push(row);
    }
    return out;
  }
}

/**
 * Recalculates several workbooks in one LibreOffice process (startup dominates the cost of a small
 * conversion), with a fresh profile. Returns the recalculated copies, in the order given.
 */
export async function recalcAll(files: string[]): Promise<string[]> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), "lo-profile-"));
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), "lo-out-"));
  try {
    await run(process.env.SOFFICE ?? "soffice", [
      "--headless",
      "--norestore",
      "--nolockcheck",
      `-env:UserInstallation=file://${profile}`,
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      outDir,
      ...files.map((f) => path.resolve(f)),
    ]);
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
  const out = files.map((f) => path.join(outDir, path.basename(f)));
  for (const f of out) await fs.access(f);
  return out;
}

export function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(String(stdout)))),
  );
}

/** Width and height in points of each page of a PDF. */
export async function pdfPageSizes(pdf: string): Promise<{ width: number; height: number }[]> {
  const info = await run("pdfinfo", [pdf]);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const sizes = await run("pdfinfo", ["-f", "1", "-l", String(pages), pdf]);
  return [...sizes.matchAll(/Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

// ---------------------------------------------------------------------------------------------
// Expectations from the fixture JSON alone.

interface FixtureActividad {
  dependencia: string;
  actividad: string;
  programado: number[];
  ejecutado: number[];
}

const ACTIVIDADES = fixture.actividades as FixtureActividad[];
const INDEX: Record<Cuatrimestre, number> = { I: 0, II: 1, III: 2 };

function sumTo(xs: number[], cut: Cuatrimestre): number {
  return xs.slice(0, INDEX[cut] + 1).reduce((a, b) => a + b, 0);
}

/** The band as the contract words it, with the sample's thresholds. */
export function expectedBand(p: number, e: number, u = { bajo: 0.6, medio: 0.8, sobre: 1.2 }): string {
  if (p <= 0) return e > 0 ? "No programado" : "Sin programación";
  const r = e / p;
  if (r < u.bajo) return "Bajo";
  if (r < u.medio) return "Medio";
  if (r > u.sobre) return "Sobreejecutado";
  return "Satisfactorio";
}

export interface Expected {
  vigencia: { p: number; e: number };
  cuatrimestre: { p: number; e: number };
  anual: number;
  dependencias: { sigla: string; nombre: string; titulo: string; p: number; e: number; actividades: { actividad: string; p: number; e: number }[] }[];
}

export function expected(cut: Cuatrimestre): Expected {
  const i = INDEX[cut];
  const acts = ACTIVIDADES.map((a) => ({ ...a, p: sumTo(a.programado, cut), e: sumTo(a.ejecutado, cut) }));
  return {
    vigencia: { p: acts.reduce((t, a) => t + a.p, 0), e: acts.reduce((t, a) => t + a.e, 0) },
    cuatrimestre: { p: ACTIVIDADES.reduce((t, a) => t + a.programado[i], 0), e: ACTIVIDADES.reduce((t, a) => t + a.ejecutado[i], 0) },
    anual: ACTIVIDADES.reduce((t, a) => t + a.programado[0] + a.programado[1] + a.programado[2], 0),
    dependencias: fixture.dependencias.map((d) => {
      const mine = acts.filter((a) => a.dependencia === d.sigla);
      return {
        sigla: d.sigla,
        nombre: d.nombre,
        titulo: d.titulo_informe,
        p: mine.reduce((t, a) => t + a.p, 0),
        e: mine.reduce((t, a) => t + a.e, 0),
        actividades: mine.map((a) => ({ actividad: a.actividad, p: a.p, e: a.e })),
      };
    }),
  };
}

/** Every cell of a sheet spec by address. */
export function specCells(sheet: SheetSpec): Map<string, CellInput> {
  const out = new Map<string, CellInput>();
  for (const b of sheet.blocks) {
    const o = parseAddress(b.origin);
    b.cells.forEach((row, i) => row.forEach((v, j) => out.set(cellAddress(o.row + i, o.col + j), v)));
  }
  return out;
}
