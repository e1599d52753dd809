import { hasErrors, parseCuatrimestre, resumenJson } from "../../domain";
import { UsageError, type Command } from "../command";
import { readPlan } from "../files";
import { formatProblems, formatSummary } from "../format";
import { t } from "../i18n";

/** `pipc summary <entrada.xlsx> [--cuatrimestre I|II|III] [--json]`: the report's figures for a cut. */
export const summaryCommand: Command = {
  name: "summary",
  summary: {
    es: "muestra las cifras del informe para un corte (vigencia, cuatrimestre, dependencias, compromisos)",
    en: "show the report's figures for a cut (vigencia, cuatrimestre, offices, commitments)",
  },
  description: {
    es: "Si el plan tiene errores, los lista en la salida de errores y termina con código 1.",
    en: "If the plan has errors, they are listed on stderr and the exit code is 1.",
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
    { name: "json", type: "boolean", help: { es: "imprime las cifras en JSON", en: "print the figures as JSON" } },
  ],
  async run(args, ctx) {
    const c = args.options.cuatrimestre;
    const cut = typeof c === "string" ? parseCuatrimestre(c) : null;
    if (typeof c === "string" && cut === null) throw new UsageError("badCuatrimestre", c);
    const file = args.positionals[0];
    const { plan, problems } = await readPlan(file, ctx);
    if (hasErrors(problems) || plan === null) {
      ctx.err(formatProblems(problems, ctx.lang, file));
      ctx.err(t(ctx.lang, "fixErrorsFirst", file) + "\n");
      return 1;
    }
    const resumen = resumenJson(plan, cut ?? plan.config.cuatrimestre);
    if (args.options.json) ctx.out(JSON.stringify(resumen, null, 2) + "\n");
    else {
      ctx.out(formatSummary(resumen, ctx.lang, { compromisos: true }));
      const warnings = problems.filter((p) => p.severity === "warning");
      if (warnings.length) ctx.err("\n" + formatProblems(warnings, ctx.lang, file));
    }
    return 0;
  },
};
