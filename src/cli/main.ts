/**
 * `pipc`, the command line of Seguimiento PIPC. bin/pipc.js calls `main` with the arguments and
 * exits with the code it returns: 0 fine, 1 the plan has errors, 2 the command could not run
 * (usage, a missing or unreadable file, an output it will not overwrite). Failures are one line on
 * stderr, never a stack trace (set PIPC_DEBUG=1 to see one).
 */
import { promises as fs } from "fs";
import path from "path";
import { LayoutError, WorkbookFileError } from "../xlsx/errors";
import { commandHelp, CliError, parseArgs, UsageError, type CliContext, type Command } from "./command";
import { demoCommand } from "./commands/demo";
import { generateCommand } from "./commands/generate";
import { sampleCommand } from "./commands/sample";
import { summaryCommand } from "./commands/summary";
import { templateCommand } from "./commands/template";
import { validateCommand } from "./commands/validate";
import { isLang, t, type Lang } from "./i18n";

/** The commands, in help order. A new command is one file in commands/ and one entry here. */
export const COMMANDS: Command[] = [sampleCommand, templateCommand, validateCommand, summaryCommand, generateCommand, demoCommand];

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

function processIo(pending: Promise<void>[]): CliIo {
  // Writes to a pipe may still be queued when bin/pipc.js calls process.exit: wait for them.
  const write = (stream: NodeJS.WriteStream) => (text: string) => {
    pending.push(new Promise<void>((resolve) => stream.write(text, () => resolve())));
  };
  return { out: write(process.stdout), err: write(process.stderr), cwd: process.cwd() };
}

/** Takes --lang out of the arguments wherever it is. */
function extractLang(argv: string[]): { lang: Lang; rest: string[]; bad: string | null } {
  let lang: Lang = "es";
  let bad: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let v: string | undefined;
    if (a === "--lang") v = argv[++i] ?? "";
    else if (a.startsWith("--lang=")) v = a.slice("--lang=".length);
    else {
      rest.push(a);
      continue;
    }
    if (isLang(v)) lang = v;
    else bad = v;
  }
  return { lang, rest, bad };
}

function globalHelp(lang: Lang): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = [
    t(lang, "intro"),
    "",
    `${t(lang, "usageTitle")}: pipc <${lang === "es" ? "comando" : "command"}> [${lang === "es" ? "argumentos" : "arguments"}] [--lang es|en]`,
    "",
    `${t(lang, "commandsTitle")}:`,
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary[lang]}`),
    "",
    `${t(lang, "globalOptionsTitle")}:`,
    `  -h, --help        ${t(lang, "helpOption")}`,
    `      --lang es|en  ${t(lang, "langOption")}`,
    `      --version     ${t(lang, "versionOption")}`,
    "",
    t(lang, "moreHelp"),
  ];
  return lines.join("\n") + "\n";
}

async function version(): Promise<string> {
  // lib/cli/main.js and src/cli/main.ts are both two folders below the package root.
  const pkg = JSON.parse(await fs.readFile(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: string };
  return pkg.version ?? "?";
}

/**
 * Runs `pipc` with the given arguments (without "node" and the script) and returns the exit code.
 * `io` replaces stdout, stderr and the working directory (tests).
 */
export async function main(argv: string[], io?: Partial<CliIo>): Promise<number> {
  const pending: Promise<void>[] = [];
  const base = processIo(pending);
  const out = io?.out ?? base.out;
  const err = io?.err ?? base.err;
  const cwd = io?.cwd ?? base.cwd;
  const code = await dispatch(argv, out, err, cwd);
  await Promise.all(pending);
  return code;
}

async function dispatch(argv: string[], out: (s: string) => void, err: (s: string) => void, cwd: string): Promise<number> {
  const { lang, rest, bad } = extractLang(argv);
  if (bad !== null) {
    err(`pipc: ${t("es", "badLang", bad)} / ${t("en", "badLang", bad)}\n`);
    return 2;
  }
  const [first, ...args] = rest;
  if (first === undefined) {
    err(`pipc: ${t(lang, "noCommand")}. ${t(lang, "seeGlobalHelp")}\n`);
    return 2;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    const target = first === "help" ? COMMANDS.find((c) => c.name === args[0]) : undefined;
    out(target ? commandHelp(target, lang) : globalHelp(lang));
    return 0;
  }
  if (first === "--version" || first === "-V") {
    out(`${await version()}\n`);
    return 0;
  }
  if (first.startsWith("-")) {
    err(`pipc: ${t(lang, "unknownOption", first.split("=")[0])}. ${t(lang, "seeGlobalHelp")}\n`);
    return 2;
  }
  const cmd = COMMANDS.find((c) => c.name === first);
  if (!cmd) {
    err(`pipc: ${t(lang, "unknownCommand", first)}\n\n${globalHelp(lang)}`);
    return 2;
  }
  const ctx: CliContext = { lang, cwd, out, err };
  try {
    const parsed = parseArgs(args, cmd);
    if (parsed.options.help) {
      out(commandHelp(cmd, lang));
      return 0;
    }
    return await cmd.run(parsed, ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`pipc ${cmd.name}: ${e.text(lang)}. ${t(lang, "seeHelp", cmd.name)}\n`);
      return 2;
    }
    if (e instanceof CliError) {
      err(`pipc ${cmd.name}: ${e.text(lang)}\n`);
      return 2;
    }
    if (e instanceof WorkbookFileError || e instanceof LayoutError) {
      err(`pipc ${cmd.name}: ${e.messages[lang].replace(/[\r\n]+/g, " ")}\n`);
      return 2;
    }
    if (process.env.PIPC_DEBUG) err(`${(e as Error)?.stack ?? String(e)}\n`);
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    err(`pipc ${cmd.name}: ${t(lang, "unexpected", message)}\n`);
    return 2;
  }
}
