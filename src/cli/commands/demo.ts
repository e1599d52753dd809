import { promises as fs } from "fs";
import path from "path";
import { hasErrors, resumenJson } from "../../domain";
import { sample2021 } from "../../domain/sample";
import type { Command } from "../command";
import { writeFailure, writeInputWorkbook } from "../files";
import { formatProblems, formatSummary } from "../format";
import { format, t } from "../i18n";
import { defaultReportPath, readInput, writeReport } from "./generate";

const DEMO_REPORT = { es: "Informe generado (III cuatrimestre): {0}", en: "Generated report (cuatrimestre III): {0}" };

export const DEMO_FILE = "plan-pipc-2021-ejemplo.xlsx";

/**
 * `pipc demo [carpeta]`: writes the sample workbook into a folder (created if needed, the demo's own
 * file replaced), reads it back through the same reader and validation as any plan, writes the
 * generated report of the third cut next to it, and prints the figures of that cut.
 */
export const demoCommand: Command = {
  name: "demo",
  summary: {
    es: "demostración: escribe en una carpeta el libro de ejemplo 2021 y su informe del III cuatrimestre, y muestra sus cifras",
    en: "demonstration: write the 2021 sample workbook and its third-cut report into a folder, and show its figures",
  },
  positionals: [{ name: { es: "<carpeta>", en: "<folder>" }, required: false }],
  options: [],
  async run(args, ctx) {
    const dirArg = args.positionals[0] ?? "out";
    const dir = path.resolve(ctx.cwd, dirArg);
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (err) {
      throw writeFailure(dirArg, err);
    }
    const file = path.join(dir, DEMO_FILE);
    const shown = path.join(dirArg, DEMO_FILE);
    await writeInputWorkbook(sample2021(), file, ctx);
    ctx.out(t(ctx.lang, "demoWritten", shown) + "\n\n");
    const read = await readInput(file, shown);
    const plan = read.plan;
    if (plan === null || hasErrors(read.problems)) {
      ctx.err(formatProblems(read.problems, ctx.lang, shown));
      return 1;
    }
    // The generated report of the sample, replaced at every run like the sample itself.
    const report = defaultReportPath(file, "III", plan.config.vigencia);
    await writeReport({ ...read, plan }, "III", report, new Date());
    ctx.out(format(DEMO_REPORT[ctx.lang], [path.join(dirArg, path.basename(report))]) + "\n\n");
    ctx.out(formatSummary(resumenJson(plan, "III"), ctx.lang));
    return 0;
  },
};
