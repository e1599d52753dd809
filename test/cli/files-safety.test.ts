/**
 * `pipc` and the files it is given, run as users run it (node bin/pipc.js, built for this suite):
 * an unreadable input is one line on stderr and exit 2 in either language; the input is never
 * written over, whatever path names it; an output is whole or not there, whatever stops the write
 * (a full disk, a read-only folder, a kill); and what the report cannot carry is said, line by line.
 */
import { ChildProcess, execFile, spawn } from "child_process";
import { createHash } from "crypto";
import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { sample2021 } from "../../src/domain/sample";
import { inputWorkbookSpec } from "../../src/report/input";
import { LIMITS, loadWorkbookBuffer, megabytes, renderWorkbook, toBuffer } from "../../src/xlsx";
import { FAST_LIMITS } from "../../src/xlsx/inspect";
import { tempDir } from "../helpers/libreoffice";
import { sampleInput } from "../report/engine";
import { entriesOf, PackageEditor, rawZip, withFeatures } from "../xlsx/package-fixtures";

const ROOT = path.resolve(__dirname, "..", "..");
// A build of its own: other suites build lib/ at the same time, and a half-written lib/ must not run here.
const BUILD = path.join(ROOT, "test-results", `files-safety-build-${process.pid}`);
const BIN = path.join(BUILD, "bin", "pipc.js");

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: unknown; signal?: NodeJS.Signals }) | null;
      resolve({
        code: e ? (typeof e.code === "number" ? e.code : null) : 0,
        signal: e?.signal ?? null,
        stdout: String(stdout),
        stderr: String(stderr),
      });
    });
  });
}

function pipc(args: string[], cwd: string): Promise<Run> {
  return run(process.execPath, [BIN, ...args], cwd);
}

/** A failure of the command: exit 2, nothing on stdout, exactly this one line on stderr, no stack trace. */
function expectOneLine(r: Run, line: string): void {
  expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: "", stderr: line + "\n" });
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

async function sha(file: string): Promise<string> {
  return createHash("sha256").update(await fs.readFile(file)).digest("hex");
}

/** File names and contents' hashes of a folder: "nothing else changed" in one comparison. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const n of (await fs.readdir(dir)).sort()) {
    const st = await fs.lstat(path.join(dir, n));
    out[n] = st.isFile() ? await sha(path.join(dir, n)) : st.isSymbolicLink() ? `-> ${await fs.readlink(path.join(dir, n))}` : "folder";
  }
  return out;
}

let sample: Buffer;

beforeAll(async () => {
  await fs.rm(BUILD, { recursive: true, force: true });
  const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const built = await run(process.execPath, [tsc, "-p", "tsconfig.cli.json", "--outDir", path.join(BUILD, "lib")], ROOT);
  if (built.code !== 0) throw new Error(`build failed:\n${built.stdout}${built.stderr}`);
  await fs.mkdir(path.join(BUILD, "bin"), { recursive: true });
  await fs.copyFile(path.join(ROOT, "bin", "pipc.js"), BIN);
  await fs.copyFile(path.join(ROOT, "package.json"), path.join(BUILD, "package.json"));
  sample = await sampleInput();
}, 240_000);

afterAll(async () => {
  await fs.rm(BUILD, { recursive: true, force: true });
});

describe("an input pipc cannot read: one line, exit 2, in Spanish and English", () => {
  interface Case {
    name: string;
    file: string;
    make(file: string): Promise<void>;
    es: string;
    en: string;
  }
  const cfb = (streams: string[]) =>
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), ...streams.map((s) => Buffer.from(s, "utf16le")), Buffer.alloc(512)]);
  const CASES: Case[] = [
    {
      name: "empty (0 bytes)",
      file: "vacio.xlsx",
      make: (f) => fs.writeFile(f, ""),
      es: "el archivo está vacío (0 bytes); vuelva a descargarlo o copiarlo",
      en: "the file is empty (0 bytes); download or copy it again",
    },
    {
      name: "cut short (an interrupted download)",
      file: "cortado.xlsx",
      make: (f) => fs.writeFile(f, sample.subarray(0, Math.floor(sample.length * 0.6))),
      es: "el archivo .xlsx está dañado o incompleto y no se puede leer",
      en: "the .xlsx file is damaged or incomplete and cannot be read",
    },
    {
      name: "a CSV renamed .xlsx",
      file: "lista.xlsx",
      make: (f) => fs.writeFile(f, "ID;Dependencia\nA-001;OAP\n"),
      es: "no es un libro de Excel (.xlsx); ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»",
      en: "not an Excel workbook (.xlsx); open it in Excel and save it as “Excel Workbook (.xlsx)”",
    },
    {
      name: "encrypted (a password to open)",
      file: "clave.xlsx",
      make: (f) => fs.writeFile(f, cfb(["Root Entry", "EncryptionInfo", "EncryptedPackage"])),
      es: "el libro está protegido con contraseña; quite la contraseña de apertura (Archivo > Información > Proteger libro) y vuelva a intentarlo",
      en: "the workbook is password-protected; remove the password to open (File > Info > Protect Workbook) and try again",
    },
    {
      name: "Excel 97-2003",
      file: "viejo.xlsx",
      make: (f) => fs.writeFile(f, cfb(["Root Entry", "Workbook"])),
      es: "es un libro de Excel 97-2003 (.xls); ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»",
      en: "it is an Excel 97-2003 workbook (.xls); open it in Excel and save it as “Excel Workbook (.xlsx)”",
    },
    {
      name: "Excel binary (.xlsb)",
      file: "binario.xlsx",
      make: (f) => fs.writeFile(f, rawZip([{ name: "[Content_Types].xml", data: Buffer.from("<Types/>") }, { name: "xl/workbook.bin", data: Buffer.from([0x83, 1, 0]) }])),
      es: "es un libro binario de Excel (.xlsb); ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»",
      en: "it is an Excel binary workbook (.xlsb); open it in Excel and save it as “Excel Workbook (.xlsx)”",
    },
    {
      name: "over 100 MB on disk",
      file: "enorme.xlsx",
      make: async (f) => {
        const fh = await fs.open(f, "w");
        await fh.truncate(LIMITS.maxFileBytes + 5 * 1024 * 1024);
        await fh.close();
      },
      es: "el archivo ocupa 105 MB y pipc no abre libros de más de 100 MB; revise que sea el libro del plan",
      en: "the file takes 105 MB and pipc does not open workbooks over 100 MB; check that it is the plan workbook",
    },
    {
      name: "a zip bomb (small file, 260 MB unpacked)",
      file: "bomba.xlsx",
      make: async (f) => fs.writeFile(f, rawZip([...(await entriesOf(sample)), { name: "xl/media/relleno.bin", data: Buffer.alloc(260 * 1024 * 1024) }])),
      es: `el libro ocuparía 261 MB al descomprimirlo y, con la memoria de este equipo, pipc no abre libros de más de ${megabytes(FAST_LIMITS.maxUnpackedBytes)} MB descomprimidos; revise que sea el libro del plan`,
      en: `the workbook would take 261 MB unpacked and, with this machine's memory, pipc does not open workbooks over ${megabytes(FAST_LIMITS.maxUnpackedBytes)} MB unpacked; check that it is the plan workbook`,
    },
    {
      name: "a zip directory that lies about a part's size",
      file: "mentira.xlsx",
      make: async (f) => fs.writeFile(f, rawZip([...(await entriesOf(sample)), { name: "xl/media/image1.png", data: Buffer.alloc(32 * 1024 * 1024), declaredSize: 100 }])),
      es: "el archivo .xlsx está dañado o incompleto y no se puede leer",
      en: "the .xlsx file is damaged or incomplete and cannot be read",
    },
    {
      name: "a sheet past Excel's last row",
      file: "filas.xlsx",
      make: async (f) => {
        const ed = await PackageEditor.open(sample);
        const part = await ed.sheetPart("Compromisos");
        ed.put(part, (await ed.text(part)).replace("</sheetData>", `<row r="2000000"><c r="B2000000"><v>1</v></c></row></sheetData>`));
        await fs.writeFile(f, await ed.toBuffer());
      },
      es: "la hoja «Compromisos» pasa del límite de Excel (1.048.576 filas y 16.384 columnas): el archivo está dañado",
      en: "the sheet “Compromisos” goes past Excel's limits (1,048,576 rows and 16,384 columns): the file is damaged",
    },
    {
      name: "a sheet stored where the reader cannot find it",
      file: "rara.xlsx",
      make: async (f) => {
        const zip = await JSZip.loadAsync(sample);
        const xml = await zip.file("xl/worksheets/sheet3.xml")!.async("nodebuffer");
        zip.remove("xl/worksheets/sheet3.xml");
        zip.file("xl/worksheets/Hoja-3.xml", xml);
        const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
        zip.file("xl/_rels/workbook.xml.rels", rels.replace("worksheets/sheet3.xml", "worksheets/Hoja-3.xml"));
        await fs.writeFile(f, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
      },
      es: "la hoja «Dependencias» está guardada de una forma que pipc no sabe leer; ábralo en Excel, guárdelo de nuevo como «Libro de Excel (.xlsx)» y vuelva a intentarlo",
      en: "the sheet “Dependencias” is stored in a way pipc cannot read; open it in Excel, save it again as “Excel Workbook (.xlsx)” and try again",
    },
  ];

  let dir: string;
  beforeAll(async () => {
    dir = await tempDir("pipc-unreadable-");
    for (const c of CASES) await c.make(path.join(dir, c.file));
  });

  test.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const before = await snapshot(dir);
    expectOneLine(await pipc(["validate", c.file], dir), `pipc validate: ${c.file}: ${c.es}`);
    expectOneLine(await pipc(["summary", c.file, "--json", "--lang", "en"], dir), `pipc summary: ${c.file}: ${c.en}`);
    expectOneLine(await pipc(["generate", c.file, "-o", "informe.xlsx"], dir), `pipc generate: ${c.file}: ${c.es}`);
    expectOneLine(await pipc(["--lang", "en", "generate", c.file], dir), `pipc generate: ${c.file}: ${c.en}`);
    // Nothing written, nothing left behind.
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe("a plan too big for the memory: refused up front, where it would die out of memory", () => {
  test("with a 64 MB heap: one line and exit 2, where ExcelJS alone aborts with a native stack trace", async () => {
    const dir = await tempDir("pipc-memory-");
    const data = sample2021();
    const base = data.actividades;
    data.actividades = Array.from({ length: 8000 }, (_, i) => ({ ...base[i % base.length], id: `A-${String(i + 1).padStart(5, "0")}` }));
    await fs.writeFile(path.join(dir, "grande.xlsx"), await toBuffer(renderWorkbook({ sheets: inputWorkbookSpec(data), names: [], computedColumns: [] })));
    const small = { ...process.env, NODE_OPTIONS: "--max-old-space-size=64" };
    const refused = await new Promise<Run>((resolve) =>
      execFile(process.execPath, [BIN, "generate", "grande.xlsx"], { cwd: dir, env: small }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: unknown }).code) : 0, signal: null, stdout: String(stdout), stderr: String(stderr) }),
      ),
    );
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(
      /^pipc generate: grande\.xlsx: el libro (ocuparía \d+ MB al descomprimirlo|tiene [\d ]+ celdas) y, con la memoria de este equipo, pipc no abre libros de más de [\d ]+( MB descomprimidos)?; revise que sea el libro del plan\n$/,
    );
    // The same file through ExcelJS alone, in the same memory: Node dies.
    const script = `const E = require("exceljs"); new E.Workbook().xlsx.readFile("grande.xlsx").then((wb) => wb.xlsx.writeBuffer()).then(() => console.log("vivo"))`;
    const crashed = await new Promise<{ signal: string | null; code: unknown; stderr: string }>((resolve) =>
      execFile(process.execPath, ["-e", script], { cwd: dir, env: { ...small, NODE_PATH: path.join(ROOT, "node_modules") } }, (err, _out, stderr) =>
        resolve({ signal: (err as { signal?: string } | null)?.signal ?? null, code: (err as { code?: unknown } | null)?.code, stderr: String(stderr) }),
      ),
    );
    expect(crashed.stderr).toMatch(/heap out of memory/);
    expect(crashed.stderr).toMatch(/Native stack trace|JS stacktrace/);
    expect(await fs.readdir(dir)).toEqual(["grande.xlsx"]);
  }, 180_000);
});

describe("the input is never written over", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir("pipc-same-file-");
    await fs.writeFile(path.join(dir, "plan.xlsx"), sample);
    await fs.symlink("plan.xlsx", path.join(dir, "enlace.xlsx"));
    await fs.link(path.join(dir, "plan.xlsx"), path.join(dir, "duro.xlsx"));
    await fs.symlink(".", path.join(dir, "atajo"));
  });

  test.each([
    ["the same name", ["plan.xlsx", "-o", "plan.xlsx"], "plan.xlsx"],
    ["./ and an absolute path", ["./plan.xlsx", "-o", "<dir>/plan.xlsx"], "<dir>/plan.xlsx"],
    ["a symlink to the input", ["plan.xlsx", "-o", "enlace.xlsx"], "enlace.xlsx"],
    ["the input through a symlink", ["enlace.xlsx", "-o", "plan.xlsx"], "plan.xlsx"],
    ["a hard link of the input", ["plan.xlsx", "-o", "duro.xlsx"], "duro.xlsx"],
    ["a symlinked folder", ["plan.xlsx", "-o", "atajo/plan.xlsx"], "atajo/plan.xlsx"],
    ["a folder and its parent", ["plan.xlsx", "-o", `../${"<base>"}/plan.xlsx`], `../<base>/plan.xlsx`],
  ])("%s, even with --force", async (_name, args, shownOut) => {
    const sub = (s: string) => s.replace("<dir>", dir).replace("<base>", path.basename(dir));
    const before = await snapshot(dir);
    for (const lang of ["es", "en"]) {
      const r = await pipc(["generate", ...args.map(sub), "--force", "--lang", lang], dir);
      expectOneLine(
        r,
        lang === "es"
          ? `pipc generate: ${sub(shownOut)}: es el mismo archivo de entrada; el informe nunca se escribe sobre el libro del plan: indique otro archivo con --out`
          : `pipc generate: ${sub(shownOut)}: it is the input file itself; the report is never written over the plan workbook: give another file with --out`,
      );
    }
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe("an output is whole or not there", () => {
  let dir: string;
  const OLD = "informe anterior, que debe quedar intacto";

  beforeEach(async () => {
    dir = await tempDir("pipc-atomic-");
    await fs.writeFile(path.join(dir, "plan.xlsx"), sample);
    await fs.writeFile(path.join(dir, "informe.xlsx"), OLD);
  });

  test("the disk fills up midway (a file size limit): exit 2, the old output intact, no temporary file", async () => {
    const ok = await pipc(["generate", "plan.xlsx", "-o", "completo.xlsx"], dir);
    expect(ok.code).toBe(0);
    const size = (await fs.stat(path.join(dir, "completo.xlsx"))).size;
    await fs.rm(path.join(dir, "completo.xlsx"));
    // Half the report's size, in KB: the write starts, then fails with EFBIG.
    const limitKb = Math.floor(size / 2048);
    expect(limitKb).toBeGreaterThan(4);
    const before = await snapshot(dir);
    const r = await run("bash", ["-c", `ulimit -f ${limitKb} && exec "${process.execPath}" "${BIN}" generate plan.xlsx -o informe.xlsx --force`], dir);
    expectOneLine(
      r,
      `pipc generate: ${path.join(dir, "informe.xlsx")}: no se pudo escribir (el archivo supera el tamaño que el sistema permite, EFBIG); no quedó ningún archivo a medias`,
    );
    expect(await snapshot(dir)).toEqual(before);
    expect(await fs.readFile(path.join(dir, "informe.xlsx"), "utf8")).toBe(OLD);
    // The same in English, for a new output.
    const en = await run("bash", ["-c", `ulimit -f ${limitKb} && exec "${process.execPath}" "${BIN}" generate plan.xlsx -o nuevo.xlsx --lang en`], dir);
    expectOneLine(en, `pipc generate: ${path.join(dir, "nuevo.xlsx")}: could not write (the file exceeds the size the system allows, EFBIG); no half-written file was left`);
    expect(await snapshot(dir)).toEqual(before);
  });

  test("a generation stopped by the workbook itself (a cell in the way of a column): the cell, exit 2, nothing written", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Actividades");
    const headers = ["Dependencia", "Actividad", "Programado I", "Ejecutado I", "Programado II", "Ejecutado II", "Programado III", "Ejecutado III"];
    ws.addTable({ name: "Actividades", ref: "A1", headerRow: true, columns: headers.map((name) => ({ name })), rows: [["OAP", "Mesa", 1, 1, 1, 1, 1, 1]] });
    // The table has no ID column, so the report appends one at I: where the official keeps a note.
    ws.getCell("I2").value = "nota al margen";
    await fs.writeFile(path.join(dir, "sin-id.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
    const before = await snapshot(dir);
    expectOneLine(
      await pipc(["generate", "sin-id.xlsx", "-o", "informe.xlsx", "--force"], dir),
      "pipc generate: Actividades!I2: la tabla Actividades necesita la columna I para «ID», pero la celda I2 tiene datos; mueva o borre ese contenido (deje libre la columna a la derecha de la tabla) y vuelva a intentarlo",
    );
    expectOneLine(
      await pipc(["generate", "sin-id.xlsx", "--lang", "en"], dir),
      "pipc generate: Actividades!I2: the table Actividades needs column I for “ID”, but cell I2 holds data; move or clear it (leave the column to the right of the table free) and try again",
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  test("a folder without write permission: exit 2, nothing written, nothing left", async () => {
    const before = await snapshot(dir);
    let r: Run;
    if (process.getuid?.() === 0) {
      // Root writes anywhere: run pipc as nobody, for whom the test folder is read-only.
      await fs.chmod(dir, 0o755);
      r = await run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, "generate", "plan.xlsx", "-o", "informe.xlsx", "--force"], dir);
    } else {
      await fs.chmod(dir, 0o555);
      r = await pipc(["generate", "plan.xlsx", "-o", "informe.xlsx", "--force"], dir);
      await fs.chmod(dir, 0o755);
    }
    expectOneLine(r, `pipc generate: ${path.join(dir, "informe.xlsx")}: no se pudo escribir (sin permiso para escribir en la carpeta, EACCES); no quedó ningún archivo a medias`);
    expect(await snapshot(dir)).toEqual(before);
  });

  test("an output that is a folder is refused before any work", async () => {
    await fs.mkdir(path.join(dir, "carpeta.xlsx"));
    const before = await snapshot(dir);
    expectOneLine(await pipc(["generate", "plan.xlsx", "-o", "carpeta.xlsx", "--force"], dir), "pipc generate: carpeta.xlsx: es una carpeta; indique un archivo .xlsx");
    expectOneLine(await pipc(["sample", "carpeta.xlsx", "--force", "--lang", "en"], dir), "pipc sample: carpeta.xlsx: it is a folder; give an .xlsx file");
    expect(await snapshot(dir)).toEqual(before);
  });

  test.each(["SIGTERM", "SIGINT"] as const)("killed (%s) while writing: the temporary file goes with it", async (signal) => {
    const before = await snapshot(dir);
    const target = path.join(dir, "informe.xlsx");
    // A large write, so that the signal lands while the temporary file is being written.
    const script = `require(${JSON.stringify(path.join(BUILD, "lib", "xlsx", "write.js"))}).writeFileAtomic(${JSON.stringify(target)}, Buffer.alloc(512 * 1024 * 1024, 7)).then(() => process.exit(0))`;
    const child: ChildProcess = spawn(process.execPath, ["-e", script], { cwd: dir, stdio: "ignore" });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, sig) => resolve({ code, signal: sig })));
    const deadline = Date.now() + 30_000;
    let sawTemp = false;
    while (Date.now() < deadline) {
      if ((await fs.readdir(dir)).some((n) => n.startsWith(".informe.xlsx.") && n.endsWith(".tmp"))) {
        sawTemp = true;
        child.kill(signal);
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(sawTemp).toBe(true);
    expect(await exited).toEqual({ code: null, signal });
    expect(await snapshot(dir)).toEqual(before);
    expect(await fs.readFile(target, "utf8")).toBe(OLD);
  });
});

describe("what the report cannot carry is said, and the rest works", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir("pipc-losses-");
    const wb = await loadWorkbookBuffer(sample);
    wb.addWorksheet("Tablero").getCell("A1").value = "tablero del equipo";
    const input = await withFeatures(await withFeatures(await toBuffer(wb), "Actividades", ["macros", "pivotTable", "image"]), "Tablero", ["chart", "chart", "sparklines"]);
    // Saved by Excel with its macros: an .xlsm.
    await fs.writeFile(path.join(dir, "plan.xlsm"), input);
  });

  // Everything else the official had (the pivot table, the charts, the sparklines, the picture) is
  // copied into the report untouched: only the macros, which an .xlsx cannot hold, are lost.
  const ES = ["Aviso: el libro tiene macros (VBA); el informe generado no las conserva (el archivo original no se modifica)."];
  const EN = ["Warning: the workbook has macros (VBA); the generated report does not keep them (the original file is not modified)."];

  test("an .xlsm is processed: its report is an .xlsx without macros (the one loss, one line on stderr), the rest kept", async () => {
    const before = await sha(path.join(dir, "plan.xlsm"));
    const r = await pipc(["generate", "plan.xlsm"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Informe \(III cuatrimestre 2021\): plan-informe-III-2021\.xlsx\n/);
    expect(r.stderr).toBe(ES.map((l) => l + "\n").join(""));
    expect(await sha(path.join(dir, "plan.xlsm"))).toBe(before);
    const out = await fs.readFile(path.join(dir, "plan-informe-III-2021.xlsx"));
    const zip = await JSZip.loadAsync(out);
    expect(Object.keys(zip.files).filter((n) => /vbaProject/.test(n))).toEqual([]);
    expect(Object.keys(zip.files).filter((n) => /^xl\/pivotTables\/pivotTable\d+\.xml$/.test(n))).toHaveLength(1);
    expect(await zip.file("[Content_Types].xml")!.async("string")).not.toContain("macroEnabled");
    // The picture is in the report, and not reported.
    expect(Object.keys(zip.files).some((n) => /^xl\/media\/image\d+\.png$/.test(n))).toBe(true);
    expect((await loadWorkbookBuffer(out)).getWorksheet("Tablero")!.getCell("A1").value).toBe("tablero del equipo");
  });

  test("--json keeps stdout pure JSON; the warnings go to stderr, in English with --lang en", async () => {
    const r = await pipc(["generate", "plan.xlsm", "-o", "informe.xlsx", "--json", "--lang", "en"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ corte: "III", vigenciaAnio: 2021 });
    expect(r.stderr.split("\n").filter((l) => l.startsWith("Warning:"))).toEqual(EN);
    expect(r.stderr).toMatch(/^Report \(cuatrimestre III 2021\): informe\.xlsx$/m);
  });

  test("reading commands read an .xlsm like any workbook and warn about nothing (they write nothing)", async () => {
    const r = await pipc(["validate", "plan.xlsm"], dir);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/plan\.xlsm: sin problemas\./);
  });

  test("an output named .xlsm is refused before any work", async () => {
    const before = await snapshot(dir);
    expectOneLine(await pipc(["generate", "plan.xlsm", "-o", "informe.xlsm"], dir), "pipc generate: informe.xlsm: pipc no escribe libros con macros; use un nombre que termine en .xlsx");
    expectOneLine(await pipc(["sample", "ejemplo.XLSM", "--lang", "en"], dir), "pipc sample: ejemplo.XLSM: pipc does not write workbooks with macros; use a name ending in .xlsx");
    expect(await snapshot(dir)).toEqual(before);
  });
});
