import { sample2021 } from "../../domain/sample";
import type { Command } from "../command";
import { checkOutput, writeInputWorkbook } from "../files";
import { t } from "../i18n";

/** `pipc sample <salida.xlsx>`: the 2021 plan of the seed report as an input workbook. */
export const sampleCommand: Command = {
  name: "sample",
  summary: {
    es: "escribe un libro de ejemplo con el plan 2021 (actividades, compromisos, dependencias, configuración)",
    en: "write a sample workbook with the 2021 plan (activities, commitments, offices, settings)",
  },
  positionals: [{ name: { es: "<salida.xlsx>", en: "<output.xlsx>" }, required: true }],
  options: [{ name: "force", short: "f", type: "boolean", help: { es: "reemplaza el archivo si ya existe", en: "replace the file if it exists" } }],
  async run(args, ctx) {
    const out = await checkOutput(args.positionals[0], ctx, { force: Boolean(args.options.force) });
    await writeInputWorkbook(sample2021(), out, ctx);
    ctx.out(t(ctx.lang, "written", args.positionals[0]) + "\n");
    return 0;
  },
};
