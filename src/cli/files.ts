/** The file side of the commands: checking outputs, reading a plan, writing the input workbook. */
import { promises as fs } from "fs";
import path from "path";
import type { InputData, Problem, Plan } from "../domain";
import { parseWorkbook } from "../domain/parse";
import { inputWorkbookSpec } from "../report/input";
import { WorkbookFileError } from "../xlsx/errors";
// The ExcelJS-free reader: reading commands never load ExcelJS (a third of a second at start-up).
import { readWorkbookFile } from "../xlsx/read";
import { CliError, type CliContext, type MsgArg } from "./command";
import { t, type MsgKey } from "./i18n";

/** Extensions of workbooks that carry macros: what pipc writes never does. */
const MACRO_EXTENSIONS = new Set([".xlsm", ".xltm", ".xlam", ".xlsb"]);

/** An output path resolved against the working directory, checked before any work is done. */
export async function checkOutput(file: string, ctx: CliContext, opts: { force?: boolean } = {}): Promise<string> {
  const abs = path.resolve(ctx.cwd, file);
  const ext = path.extname(abs).toLowerCase();
  if (MACRO_EXTENSIONS.has(ext)) throw new CliError("macroOutput", file);
  if (ext !== ".xlsx") throw new CliError("mustBeXlsx", file);
  try {
    const st = await fs.stat(path.dirname(abs));
    if (!st.isDirectory()) throw new Error("not a directory");
  } catch {
    throw new CliError("folderMissing", path.dirname(file) || ".");
  }
  const existing = await fs.lstat(abs).catch(() => null);
  if (existing) {
    const target = existing.isSymbolicLink() ? await fs.stat(abs).catch(() => null) : existing;
    if (target?.isDirectory()) throw new CliError("outputIsFolder", file);
    if (!opts.force) throw new CliError("exists", file);
  }
  return abs;
}

const WRITE_REASONS: Record<string, MsgKey> = {
  EACCES: "writeNoPermission",
  EPERM: "writeNoPermission",
  EROFS: "writeReadOnly",
  ENOSPC: "writeDiskFull",
  EDQUOT: "writeDiskFull",
  EFBIG: "writeTooBig",
  EBUSY: "writeBusy",
  EISDIR: "writeIsFolder",
  ENOENT: "writeFolderGone",
};

/** The one-line error for an output that could not be written (the write left nothing behind). */
export function writeFailure(file: string, err: unknown): CliError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const key = code ? WRITE_REASONS[code] : undefined;
  const reason: MsgArg = key
    ? { es: `${t("es", key)}, ${code}`, en: `${t("en", key)}, ${code}` }
    : code ?? (err instanceof Error ? err.message.split("\n")[0] : String(err));
  return new CliError("cannotWrite", file, reason);
}

export interface ReadPlan {
  plan: Plan | null;
  problems: Problem[];
}

/** Reads and validates a plan workbook. @throws WorkbookFileError naming the file as given when it cannot be read. */
export async function readPlan(file: string, ctx: CliContext): Promise<ReadPlan> {
  try {
    return parseWorkbook(await readWorkbookFile(path.resolve(ctx.cwd, file)));
  } catch (err) {
    if (err instanceof WorkbookFileError) throw err.withFile(file);
    throw err;
  }
}

/** Writes the four input sheets filled with `data` to a new workbook file. */
export async function writeInputWorkbook(data: InputData, absPath: string, ctx: CliContext): Promise<void> {
  // ExcelJS is loaded only by the commands that write a new workbook (sample, template, demo).
  const { applySpecs, newWorkbook, writeWorkbookFile } = await import("../xlsx/write");
  const wb = newWorkbook();
  applySpecs(wb, { sheets: inputWorkbookSpec(data, { lang: ctx.lang }), names: [], computedColumns: [] });
  try {
    await writeWorkbookFile(wb, absPath);
  } catch (err) {
    throw writeFailure(absPath, err);
  }
}
