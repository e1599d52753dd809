import { promises as fs } from "fs";
import path from "path";
import { hasErrors, parseCuatrimestre, resumenJson, type Cuatrimestre, type Plan, type Problem } from "../../domain";
import { parseWorkbook } from "../../domain/parse";
import { WorkbookFileError } from "../../xlsx/errors";
import { FastPathUnsupported, generateReportPackage } from "../../xlsx/fast/generate";
import { readPlanPackage } from "../../xlsx/fast/read";
import type { ZipParts } from "../../xlsx/fast/zip";
import type { PackageLoss } from "../../xlsx/inspect";
// read.ts and write.ts load ExcelJS when required (~250 ms): readWorkbookBytes and writeFileAtomic
// belong in modules of their own (told to the lead); the ExcelJS path itself is loaded lazily.
import { readWorkbookBytes } from "../../xlsx/read";
import { writeFileAtomic } from "../../xlsx/files";
import { UsageError, type CliContext, type Command } from "../command";
import { checkOutput, writeFailure } from "../files";
import { formatProblems, formatSummary } from "../format";
import { format, t, type Msg } from "../i18n";
import { lossLine } from "../losses";

const MSG = {
  sameAsInput: {
    es: "{0}: es el mismo archivo de entrada; el informe nunca se escribe sobre el libro del plan: indique otro archivo con --out",
    en: "{0}: it is the input file itself; the report is never written over the plan workbook: give another file with --out",
  },
  reportWritten: { es: "Informe ({0} cuatrimestre {1}): {2}", en: "Report (cuatrimestre {0} {1}): {2}" },
  replaced: { es: "Hojas de la generación anterior reemplazadas: {0}", en: "Sheets of the previous generation replaced: {0}" },
  converted: { es: "Rangos convertidos en tablas de Excel: {0}", en: "Ranges turned into Excel tables: {0}" },
} satisfies Record<string, Msg>;

/** "<input base>-informe-III-2021.xlsx" next to the input. */
export function defaultReportPath(input: string, cut: Cuatrimestre, vigencia: number): string {
  const base = path.basename(input, path.extname(input));
  return path.join(path.dirname(input), `${base}-informe-${cut}-${vigencia}.xlsx`);
}

/**
 * The canonical path of a file that may not exist yet (its folder resolved, symlinks followed), so
 * "./plan.xlsx", an absolute path and a symlink to the plan all name the same file.
 */
async function canonical(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    try {
      return path.join(await fs.realpath(path.dirname(file)), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}

/** Whether two paths are one file: the same canonical path, or the same inode (a hard link, a case-insensitive disk). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const [ca, cb] = await Promise.all([canonical(a), canonical(b)]);
  if (ca === cb) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

export interface InputRead {
  buf: Buffer;
  /** Every part of the input, inflated (the fast file path writes the report from them). */
  parts: ZipParts;
  plan: Plan | null;
  problems: Problem[];
}

/** What a generation did, whichever path wrote it. */
export interface GeneratedReport {
  /** The report's sheets, in order. */
  sheets: string[];
  replacedSheets: string[];
  convertedTables: string[];
  losses: PackageLoss[];
  /** "fast": written from the package; "exceljs": the input needed the ExcelJS path. */
  path: "fast" | "exceljs";
}

/**
 * Reads and validates an input workbook, keeping its bytes for the generation.
 *
 * @throws WorkbookFileError naming `shown` when the file cannot be read as a workbook.
 */
export async function readInput(inputAbs: string, shown: string): Promise<InputRead> {
  let buf: Buffer;
  try {
    buf = await readWorkbookBytes(inputAbs);
  } catch (err) {
    if (err instanceof WorkbookFileError) throw err.withFile(shown);
    throw err;
  }
  try {
    const { raw, parts } = await readPlanPackage(buf);
    const { plan, problems } = parseWorkbook(raw);
    return { buf, parts, plan, problems };
  } catch (err) {
    if (err instanceof WorkbookFileError) throw err.withFile(shown);
    throw err;
  }
}

/**
 * Writes the report of a plan without errors to `outAbs` (through a temporary file and a rename:
 * whatever fails, `outAbs` is either the whole new report or what it was before). Used by
 * `pipc generate` and `pipc demo`.
 *
 * @throws CliError when the output cannot be written.
 */
export async function writeReport(input: InputRead & { plan: Plan }, cut: Cuatrimestre, outAbs: string, generatedAt: Date): Promise<GeneratedReport> {
  const { buffer, report } = await generateReport(input, cut, generatedAt);
  try {
    await writeFileAtomic(outAbs, buffer);
  } catch (err) {
    throw writeFailure(outAbs, err);
  }
  return report;
}

/**
 * The report's bytes: from the package (src/xlsx/fast/generate.ts), or through ExcelJS when the
 * input holds something the fast path does not handle (FastPathUnsupported says what).
 */
export async function generateReport(input: InputRead & { plan: Plan }, cut: Cuatrimestre, generatedAt: Date): Promise<{ buffer: Buffer; report: GeneratedReport }> {
  try {
    // The package takes the parts over (the ExcelJS path below reads the bytes, `input.buf`).
    const g = generateReportPackage(input.parts, input.plan, { cut, generatedAt, takeParts: true });
    const { buffer, ...rest } = g;
    return { buffer, report: { ...rest, path: "fast" } };
  } catch (err) {
    if (!(err instanceof FastPathUnsupported)) throw err;
    if (process.env.PIPC_DEBUG) process.stderr.write(`pipc: ExcelJS path: ${err.message}\n`);
  }
  const { generateReportWorkbook } = await import("../../xlsx/generate");
  const { toBuffer } = await import("../../xlsx/write");
  const generated = await generateReportWorkbook(input.buf, input.plan, { cut, generatedAt });
  const { spec, replacedSheets, convertedTables, losses } = generated;
  const sheets = spec.sheets.map((s) => s.name);
  return { buffer: await toBuffer(generated.workbook), report: { sheets, replacedSheets, convertedTables, losses, path: "exceljs" } };
}

/**
 * `pipc generate <entrada.xlsx> [--cuatrimestre I|II|III] [--out <salida.xlsx>] [--json]`: a new
 * workbook with the input's sheets, the computed columns and the report's sheets, all live formulas.
 */
export const generateCommand: Command = {
  name: "generate",
  summary: {
    es: "genera el informe del cuatrimestre (Resumen, una hoja por dependencia, seguimiento de compromisos) en un libro nuevo",
    en: "generate the cuatrimestre report (Resumen, one sheet per office, commitments tracker) into a new workbook",
  },
  description: {
    es:
      "Escribe un libro nuevo con las hojas del plan, las columnas calculadas de Actividades y las hojas del informe, " +
      "todas con fórmulas vivas. Nunca modifica el libro de entrada. Si el plan tiene errores, los lista y no genera nada " +
      "(código 1). Sin --out, el informe va junto a la entrada: <entrada>-informe-<corte>-<vigencia>.xlsx. Las demás hojas " +
      "y lo que contienen (tablas dinámicas, gráficos, imágenes, comentarios...) pasan al informe como están; lo que un " +
      ".xlsx no puede llevar (macros, hojas de macros de Excel 4.0) se avisa con una línea: un libro .xlsm se procesa sin " +
      "sus macros. El informe se escribe completo o no se escribe.",
    en:
      "Writes a new workbook with the plan's sheets, the computed columns of Actividades and the report's sheets, all " +
      "live formulas. Never modifies the input workbook. If the plan has errors, they are listed and nothing is " +
      "generated (exit code 1). Without --out, the report goes next to the input: <input>-informe-<cut>-<vigencia>.xlsx. " +
      "The other sheets and what they hold (pivot tables, charts, pictures, comments...) go into the report as they are; " +
      "what an .xlsx cannot hold (macros, Excel 4.0 macro sheets) is warned about, one line each: an .xlsm workbook is " +
      "processed without its macros. The report is written whole or not at all.",
  },
  positionals: [{ name: { es: "<entrada.xlsx>", en: "<input.xlsx>" }, required: true }],
  options: [
    {
      name: "cuatrimestre",
      short: "c",
      type: "string",
      value: { es: "I|II|III", en: "I|II|III" },
      help: { es: "corte (por defecto, el de la hoja Configuración)", en: "cut (default: the one in the Configuración sheet)" },
    },
    {
      name: "out",
      short: "o",
      type: "string",
      value: { es: "<salida.xlsx>", en: "<output.xlsx>" },
      help: { es: "archivo del informe", en: "report file" },
    },
    { name: "force", short: "f", type: "boolean", help: { es: "reemplaza el archivo de salida si existe", en: "replace the output file if it exists" } },
    { name: "json", type: "boolean", help: { es: "imprime las cifras en JSON (las mismas de summary)", en: "print the figures as JSON (the same as summary)" } },
  ],
  async run(args, ctx) {
    const c = args.options.cuatrimestre;
    const cut = typeof c === "string" ? parseCuatrimestre(c) : null;
    if (typeof c === "string" && cut === null) throw new UsageError("badCuatrimestre", c);
    const input = args.positionals[0];
    const inputAbs = path.resolve(ctx.cwd, input);
    const outOpt = typeof args.options.out === "string" ? args.options.out : null;
    return runGenerate(ctx, input, inputAbs, outOpt, cut, args.options.force === true, args.options.json === true);
  },
};

async function runGenerate(
  ctx: CliContext,
  input: string,
  inputAbs: string,
  outOpt: string | null,
  cutOpt: Cuatrimestre | null,
  force: boolean,
  json: boolean,
): Promise<number> {
  const shown = (abs: string) => path.relative(ctx.cwd, abs) || abs;
  const refuseInput = (out: string) => {
    ctx.err(`pipc generate: ${format(MSG.sameAsInput[ctx.lang], [out])}\n`);
    return 2;
  };
  // An explicit --out is checked before any work; the default name needs the plan's vigencia.
  let target: string | null = null;
  if (outOpt !== null) {
    if (await sameFile(inputAbs, path.resolve(ctx.cwd, outOpt))) return refuseInput(outOpt);
    target = await checkOutput(outOpt, ctx, { force });
  }
  const read = await readInput(inputAbs, input);
  const plan = read.plan;
  if (plan === null || hasErrors(read.problems)) {
    ctx.err(formatProblems(read.problems, ctx.lang, input));
    ctx.err(t(ctx.lang, "fixErrorsFirst", input) + "\n");
    return 1;
  }
  const cut = cutOpt ?? plan.config.cuatrimestre;
  if (target === null) {
    const def = defaultReportPath(inputAbs, cut, plan.config.vigencia);
    if (await sameFile(inputAbs, def)) return refuseInput(shown(def));
    target = await checkOutput(shown(def), ctx, { force });
  }
  const generated = await writeReport({ ...read, plan }, cut, target, new Date());

  const note = (text: string) => (json ? ctx.err(text) : ctx.out(text));
  const resumen = resumenJson(plan, cut);
  if (json) ctx.out(JSON.stringify(resumen, null, 2) + "\n");
  note(format(MSG.reportWritten[ctx.lang], [cut, plan.config.vigencia, shown(target)]) + "\n");
  if (generated.replacedSheets.length) note(format(MSG.replaced[ctx.lang], [generated.replacedSheets.join(", ")]) + "\n");
  if (generated.convertedTables.length) note(format(MSG.converted[ctx.lang], [generated.convertedTables.join(", ")]) + "\n");
  // What the input held that the report cannot carry: said, never dropped silently. Always on
  // stderr, so --json keeps stdout pure JSON.
  for (const loss of generated.losses) ctx.err(lossLine(loss, ctx.lang) + "\n");
  if (!json) ctx.out("\n" + formatSummary(resumen, ctx.lang));
  const warnings = read.problems.filter((p) => p.severity === "warning");
  if (warnings.length) ctx.err("\n" + formatProblems(warnings, ctx.lang, input));
  return 0;
}
