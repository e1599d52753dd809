/**
 * What a `pipc` command is, how its arguments are parsed, and the errors that end a command with
 * one line on stderr and exit code 2.
 */
import { t, type Lang, type Msg, type MsgKey } from "./i18n";

export interface OptionSpec {
  /** Long name without dashes: "force" for --force. */
  name: string;
  short?: string;
  /** A flag, or an option taking a value (--vigencia 2024, --vigencia=2024). */
  type: "boolean" | "string";
  /** Placeholder of the value in the help: "AAAA". */
  value?: Msg;
  help: Msg;
}

export interface PositionalSpec {
  /** "<salida.xlsx>" as shown in help and errors. */
  name: Msg;
  required: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
}

/** Where a command writes, and in which language. Commands never touch process.* directly. */
export interface CliContext {
  lang: Lang;
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  name: string;
  /** One line for `pipc --help`. */
  summary: Msg;
  /** Longer explanation for `pipc <command> --help`. */
  description?: Msg;
  positionals: PositionalSpec[];
  options: OptionSpec[];
  /** Returns the exit code: 0 fine, 1 the plan has errors, 2 the command could not run. */
  run(args: ParsedArgs, ctx: CliContext): Promise<number>;
}

/** An argument of a message: the same in both languages, or translated. */
export type MsgArg = string | number | Msg;

function resolveArgs(lang: Lang, args: MsgArg[]): (string | number)[] {
  return args.map((a) => (typeof a === "object" ? a[lang] : a));
}

/** Wrong use of the command line: shown with a pointer to the help, exit 2. */
export class UsageError extends Error {
  readonly key: MsgKey;
  readonly args: MsgArg[];
  constructor(key: MsgKey, ...args: MsgArg[]) {
    super(t("es", key, ...resolveArgs("es", args)));
    this.name = "UsageError";
    this.key = key;
    this.args = args;
  }
  text(lang: Lang): string {
    return t(lang, this.key, ...resolveArgs(lang, this.args));
  }
}

/** The command could not do its work (a file it cannot write, an output that exists...): exit 2. */
export class CliError extends Error {
  readonly key: MsgKey;
  readonly args: MsgArg[];
  constructor(key: MsgKey, ...args: MsgArg[]) {
    super(t("es", key, ...resolveArgs("es", args)));
    this.name = "CliError";
    this.key = key;
    this.args = args;
  }
  text(lang: Lang): string {
    return t(lang, this.key, ...resolveArgs(lang, this.args));
  }
}

export const HELP_OPTION: OptionSpec = { name: "help", short: "h", type: "boolean", help: { es: "muestra esta ayuda", en: "show this help" } };

/**
 * Parses a command's arguments. Options may come before, between or after positionals; "--" ends
 * the options.
 *
 * @throws UsageError on an unknown option, a missing value or a wrong number of positionals.
 */
export function parseArgs(argv: string[], cmd: Pick<Command, "options" | "positionals">): ParsedArgs {
  const specs = [...cmd.options, HELP_OPTION];
  const options: ParsedArgs["options"] = {};
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyPositionals || a === "-" || !a.startsWith("-")) {
      positionals.push(a);
      continue;
    }
    if (a === "--") {
      onlyPositionals = true;
      continue;
    }
    let name: string;
    let inline: string | undefined;
    let spec: OptionSpec | undefined;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      inline = eq >= 0 ? a.slice(eq + 1) : undefined;
      spec = specs.find((s) => s.name === name);
    } else {
      name = a.slice(1);
      spec = specs.find((s) => s.short === name);
    }
    if (!spec) throw new UsageError("unknownOption", a.split("=")[0]);
    if (spec.type === "boolean") {
      if (inline !== undefined) throw new UsageError("noValueExpected", `--${spec.name}`);
      options[spec.name] = true;
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith("--"))) throw new UsageError("missingValue", `--${spec.name}`);
      options[spec.name] = value;
    }
  }
  if (options.help) return { positionals, options };
  const required = cmd.positionals.filter((p) => p.required).length;
  if (positionals.length < required) {
    throw new UsageError("missingArgument", cmd.positionals[positionals.length].name);
  }
  if (positionals.length > cmd.positionals.length) throw new UsageError("tooManyArguments", positionals[cmd.positionals.length]);
  return { positionals, options };
}

/** The help text of a command. */
export function commandHelp(cmd: Command, lang: Lang): string {
  const pos = cmd.positionals.map((p) => (p.required ? p.name[lang] : `[${p.name[lang]}]`)).join(" ");
  const lang_: OptionSpec = { name: "lang", type: "string", value: { es: "es|en", en: "es|en" }, help: { es: t("es", "langOption"), en: t("en", "langOption") } };
  const opts = [...cmd.options, HELP_OPTION, lang_];
  const label = (o: OptionSpec) => `${o.short ? `-${o.short}, ` : "    "}--${o.name}${o.value ? ` ${o.value[lang]}` : ""}`;
  const width = Math.max(...opts.map((o) => label(o).length));
  const lines = [
    `${t(lang, "usageTitle")}: pipc ${cmd.name}${pos ? " " + pos : ""}${cmd.options.length ? (lang === "es" ? " [opciones]" : " [options]") : ""}`,
    "",
    cmd.summary[lang],
  ];
  if (cmd.description) lines.push("", cmd.description[lang]);
  lines.push("", `${t(lang, "optionsTitle")}:`);
  for (const o of opts) lines.push(`  ${label(o).padEnd(width)}  ${o.help[lang]}`);
  return lines.join("\n") + "\n";
}
