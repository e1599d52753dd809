import { emptyInput } from "../../domain/sample";
import { UsageError, type Command } from "../command";
import { checkOutput, writeInputWorkbook } from "../files";
import { t } from "../i18n";

/** `pipc template <salida.xlsx> [--vigencia AAAA]`: an empty plan workbook to fill in. */
export const templateCommand: Command = {
  name: "template",
  summary: {
    es: "escribe una plantilla vacía del plan, lista para diligenciar",
    en: "write an empty plan template, ready to fill in",
  },
  positionals: [{ name: { es: "<salida.xlsx>", en: "<output.xlsx>" }, required: true }],
  options: [
    {
      name: "vigencia",
      type: "string",
      value: { es: "AAAA", en: "YYYY" },
      help: { es: "año del plan (por defecto, el año en curso)", en: "year of the plan (default: the current year)" },
    },
    { name: "force", short: "f", type: "boolean", help: { es: "reemplaza el archivo si ya existe", en: "replace the file if it exists" } },
  ],
  async run(args, ctx) {
    const v = args.options.vigencia;
    let vigencia = new Date().getFullYear();
    if (typeof v === "string") {
      if (!/^\d{4}$/.test(v.trim()) || Number(v) < 2000 || Number(v) > 2100) throw new UsageError("badVigencia", v);
      vigencia = Number(v);
    }
    const out = await checkOutput(args.positionals[0], ctx, { force: Boolean(args.options.force) });
    await writeInputWorkbook(emptyInput(vigencia), out, ctx);
    ctx.out(t(ctx.lang, "written", args.positionals[0]) + "\n");
    return 0;
  },
};
