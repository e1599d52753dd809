import { hasErrors } from "../../domain";
import type { Command } from "../command";
import { readPlan } from "../files";
import { formatProblems } from "../format";

/** `pipc validate <entrada.xlsx> [--json]`: every problem of the plan, with its cell. */
export const validateCommand: Command = {
  name: "validate",
  summary: {
    es: "revisa el libro del plan y lista los problemas con su hoja y celda",
    en: "check the plan workbook and list the problems with their sheet and cell",
  },
  description: {
    es: "Código de salida: 0 sin errores (puede haber avisos), 1 con errores, 2 si no se pudo leer el archivo.",
    en: "Exit code: 0 no errors (there may be warnings), 1 errors, 2 the file could not be read.",
  },
  positionals: [{ name: { es: "<entrada.xlsx>", en: "<input.xlsx>" }, required: true }],
  options: [{ name: "json", type: "boolean", help: { es: "lista los problemas en JSON", en: "list the problems as JSON" } }],
  async run(args, ctx) {
    const file = args.positionals[0];
    const { problems } = await readPlan(file, ctx);
    if (args.options.json) ctx.out(JSON.stringify(problems, null, 2) + "\n");
    else ctx.out(formatProblems(problems, ctx.lang, file));
    return hasErrors(problems) ? 1 : 0;
  },
};
