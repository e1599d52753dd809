/** The file side of the commands: checking outputs, reading a plan, writing the input workbook. */
import { promises as fs } from "fs";
import path from "path";
import type { InputData, Problem, Plan } from "../domain";
import { parseWorkbook } from "../domain/parse";
import { inputWorkbookSpec } from "../report/input";
import { applySpecs, newWorkbook, readWorkbookFile, writeWorkbookFile } from "../xlsx";
import { CliError, type CliContext } from "./command";

/** An output path resolved against the working directory, checked before any work is done. */
export async function checkOutput(file: string, ctx: CliContext, opts: { force?: boolean; inputs?: string[] } = {}): Promise<string> {
  const abs = path.resolve(ctx.cwd, file);
  if (path.extname(abs).toLowerCase() !== ".xlsx") throw new CliError("mustBeXlsx", file);
  try {
    const st = await fs.stat(path.dirname(abs));
    if (!st.isDirectory()) throw new Error("not a directory");
  } catch {
    throw new CliError("folderMissing", path.dirname(file) || ".");
  }
  let exists = true;
  try {
    await fs.access(abs);
  } catch {
    exists = false;
  }
  if (exists && !opts.force) throw new CliError("exists", file);
  return abs;
}

export interface ReadPlan {
  plan: Plan | null;
  problems: Problem[];
}

/** Reads and validates a plan workbook. @throws WorkbookFileError when the file cannot be read. */
export async function readPlan(file: string, ctx: CliContext): Promise<ReadPlan> {
  const raw = await readWorkbookFile(path.resolve(ctx.cwd, file));
  return parseWorkbook(raw);
}

/** Writes the four input sheets filled with `data` to a new workbook file. */
export async function writeInputWorkbook(data: InputData, absPath: string, ctx: CliContext): Promise<void> {
  const wb = newWorkbook();
  applySpecs(wb, { sheets: inputWorkbookSpec(data, { lang: ctx.lang }), names: [], computedColumns: [] });
  try {
    await writeWorkbookFile(wb, absPath);
  } catch (err) {
    throw new CliError("cannotWrite", absPath, (err as NodeJS.ErrnoException).code ?? String(err));
  }
}
