/**
 * LibreOffice Calc as a real spreadsheet engine for tests: recalculate a written .xlsx, render it to
 * PDF, and the PDF to PNGs. Each call uses its own fresh profile directory, so calls can run in
 * parallel (jest workers) and never inherit a previous run's settings.
 */
import { execFile } from "child_process";
import { promises as fs } from "fs";
import os from "os";
import path from "path";

const SOFFICE = process.env.SOFFICE ?? "soffice";
const TIMEOUT_MS = 120_000;

function run(cmd: string, args: string[], timeout = TIMEOUT_MS): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(" ")} failed: ${err.message}\n${stderr}`));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** A new empty directory under the system temp folder. */
export async function tempDir(prefix = "pipc-test-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

async function convert(file: string, to: string, ext: string): Promise<string> {
  const profile = await tempDir("lo-profile-");
  const outDir = await tempDir("lo-out-");
  try {
    await run(SOFFICE, [
      "--headless",
      "--norestore",
      "--nolockcheck",
      `-env:UserInstallation=file://${profile}`,
      "--convert-to",
      to,
      "--outdir",
      outDir,
      path.resolve(file),
    ]);
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
  const out = path.join(outDir, `${path.basename(file, path.extname(file))}.${ext}`);
  try {
    await fs.access(out);
  } catch {
    throw new Error(`LibreOffice did not produce ${out} from ${file}`);
  }
  return out;
}

/**
 * Opens an .xlsx in LibreOffice Calc, which recalculates every formula (files written by ExcelJS
 * carry no cached results), and saves it again as .xlsx. Returns the path of the recalculated copy;
 * read its cached values with ExcelJS (`cell.result` / `cell.value.result`).
 */
export async function recalc(file: string): Promise<string> {
  return convert(file, "xlsx:Calc MS Excel 2007 XML", "xlsx");
}

/** Renders a workbook to PDF with LibreOffice (every sheet, with its print setup). */
export async function renderPdf(file: string): Promise<string> {
  return convert(file, "pdf", "pdf");
}

/** PNG pages of a PDF (pdftoppm), in page order. */
export async function pdfToPngs(pdf: string, dpi = 60): Promise<string[]> {
  const outDir = await tempDir("pdf-png-");
  await run("pdftoppm", ["-png", "-r", String(dpi), pdf, path.join(outDir, "page")]);
  const files = (await fs.readdir(outDir)).filter((f) => f.endsWith(".png")).sort((a, b) => pageNo(a) - pageNo(b));
  return files.map((f) => path.join(outDir, f));
}

/** The text of a PDF (pdftotext -layout), to check what a rendering shows. */
export async function pdfText(pdf: string): Promise<string> {
  const { stdout } = await run("pdftotext", ["-layout", pdf, "-"]);
  return stdout;
}

function pageNo(f: string): number {
  return Number(/-(\d+)\.png$/.exec(f)?.[1] ?? 0);
}

const LO_PROGRAM = process.env.LO_PROGRAM ?? "/usr/lib/libreoffice/program";
const UNO_PYTHON = process.env.UNO_PYTHON ?? "/usr/bin/python3";

/**
 * The cells whose values fail their data validation, per sheet, as LibreOffice's "Mark Invalid Data"
 * finds them (through UNO: test/helpers/lo_uno.py). Proves a validation list or rule is understood
 * by a real spreadsheet, not just written.
 */
export async function invalidCells(file: string): Promise<Record<string, string[]>> {
  const script = path.join(__dirname, "lo_uno.py");
  const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
    execFile(
      UNO_PYTHON,
      [script, "invalid", path.resolve(file)],
      { timeout: TIMEOUT_MS, env: { ...process.env, PYTHONPATH: LO_PROGRAM } },
      (err, out, errOut) => (err ? reject(new Error(`lo_uno.py failed: ${err.message}\n${errOut}`)) : resolve({ stdout: String(out) })),
    );
  });
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Record<string, string[]>;
}
