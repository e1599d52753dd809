/**
 * `pipc` end to end: the compiled CLI (lib/, built here once) run as users run it, `node bin/pipc.js`.
 */
import { execFile } from "child_process";
import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import type { Problem, ResumenJson } from "../../src/domain";
import { tempDir } from "../helpers/libreoffice";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "pipc.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function pipc(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === "number" ? Number(err.code) : 99) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** A failure of the command itself: exit 2, exactly one line on stderr, no stack trace. */
function expectOneLineFailure(r: Run, pattern: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

let dir: string;
let sample: string;

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.cli.json"], { cwd: ROOT, timeout: 180_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`build failed:\n${stdout}${stderr}`)) : resolve(),
    );
  });
  dir = await tempDir("pipc-cli-");
  sample = path.join(dir, "ejemplo.xlsx");
  const r = await pipc(["sample", sample]);
  expect(r).toMatchObject({ code: 0, stderr: "" });
}, 240_000);

describe("pipc sample + summary", () => {
  test("summary --cuatrimestre III --json gives the seed report's figures", async () => {
    const r = await pipc(["summary", sample, "--cuatrimestre", "III", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as ResumenJson;
    expect(s.corte).toBe("III");
    expect(s.vigenciaAnio).toBe(2021);
    expect(s.vigencia).toEqual({ programado: 69, ejecutado: 78, cumplimiento: 78 / 69, banda: "Satisfactorio" });
    expect(s.cuatrimestre).toEqual({ programado: 28, ejecutado: 35, cumplimiento: 1.25, banda: "Sobreejecutado" });
    expect(s.actividades[0]).toMatchObject({ id: "A-001", programado: 20, ejecutado: 29, cumplimiento: 1.45 });
    expect(s.dependencias.map((d) => [d.sigla, d.programado, d.ejecutado])).toEqual([
      ["OAP", 28, 37],
      ["ACPVR", 12, 12],
      ["ACDTIC", 15, 15],
      ["SFI", 12, 12],
      ["SSC", 2, 2],
    ]);
    expect(s.compromisos[0]).toMatchObject({ mes: "2021-05", recogidos: 70, noACargo: 50, aCargo: 20 });
    expect(s.compromisos.map((m) => m.mes)).toEqual(["2021-05", "2021-06", "2021-07", "2021-08", "2021-09", "2021-10", "2021-11", "2021-12"]);
    expect(s.compromisos[s.compromisos.length - 1]).toMatchObject({ mes: "2021-12", recogidos: 17 });
  });

  test("the cut defaults to Configuración's; another cut changes the figures", async () => {
    const def = JSON.parse((await pipc(["summary", sample, "--json"])).stdout) as ResumenJson;
    expect(def.corte).toBe("III");
    const ii = JSON.parse((await pipc(["summary", sample, "-c", "2", "--json"])).stdout) as ResumenJson;
    expect(ii.corte).toBe("II");
    expect(ii.vigencia.programado).toBe(69 - 28);
  });

  test("without --json: a readable table, in Spanish or English", async () => {
    const es = await pipc(["summary", sample, "--cuatrimestre", "III"]);
    expect(es.code).toBe(0);
    expect(es.stdout).toMatch(/Vigencia \(enero – diciembre\)\s+69\s+78\s+113 %\s+Satisfactorio/);
    expect(es.stdout).toMatch(/Cuatrimestre III \(septiembre – diciembre\)\s+28\s+35\s+125 %\s+Sobreejecutado/);
    expect(es.stdout).toMatch(/3\.1 OAP\s+28\s+37\s+132 %/);
    expect(es.stdout).toMatch(/mayo 2021\s+70\s+20/);
    const en = await pipc(["summary", sample, "--cuatrimestre", "III", "--lang", "en"]);
    expect(en.stdout).toMatch(/Programmed\s+Executed\s+Compliance/);
    expect(en.stdout).toMatch(/Vigencia \(January – December\)\s+69\s+78\s+113%\s+Satisfactory/);
  });

  test("sample refuses to overwrite a file unless --force", async () => {
    expectOneLineFailure(await pipc(["sample", sample]), /^pipc sample: .*ejemplo\.xlsx: ya existe; use --force para reemplazarlo$/);
    const before = (await fs.stat(sample)).mtimeMs;
    const r = await pipc(["sample", sample, "--force"]);
    expect(r.code).toBe(0);
    expect((await fs.stat(sample)).mtimeMs).toBeGreaterThanOrEqual(before);
    expectOneLineFailure(await pipc(["sample", path.join(dir, "ejemplo.csv")]), /debe terminar en \.xlsx/);
    expectOneLineFailure(await pipc(["sample", path.join(dir, "no", "hay", "carpeta.xlsx")]), /no existe la carpeta/);
  });
});

describe("pipc template + validate", () => {
  test("an empty template fails validation with the empty-plan error", async () => {
    const t = path.join(dir, "plantilla.xlsx");
    expect((await pipc(["template", t, "--vigencia", "2024"])).code).toBe(0);
    const human = await pipc(["validate", t]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^Actividades\n {2}error {2}Actividades!\S+ {2}el plan no tiene actividades/m);
    expect(human.stdout).toMatch(/plantilla\.xlsx: 1 error\(es\), 0 aviso\(s\)\.\n$/);
    const json = await pipc(["validate", t, "--json"]);
    expect(json.code).toBe(1);
    const problems = JSON.parse(json.stdout) as Problem[];
    expect(problems.map((p) => p.code)).toEqual(["empty-plan"]);
    const summary = await pipc(["summary", t, "--json"]);
    expect(summary.code).toBe(1);
    expect(summary.stdout).toBe("");
    expect(summary.stderr).toMatch(/el plan no tiene actividades/);
  });

  test("the sample validates clean", async () => {
    const r = await pipc(["validate", sample]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/ejemplo\.xlsx: sin problemas\./);
  });

  test("a broken file written by hand: the cell to fix, exit 1, in either language", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Actividades");
    ws.addRow(["ID", "Dependencia", "Actividad", "Programado I", "Ejecutado I", "Programado II", "Ejecutado II", "Programado III", "Ejecutado III"]);
    for (let i = 1; i <= 6; i++) ws.addRow([`A-${i}`, "OAP", `Actividad ${i}`, 1, 1, 1, 1, 1, 1]);
    ws.getCell("F7").value = -1;
    const f = path.join(dir, "roto.xlsx");
    await wb.xlsx.writeFile(f);
    const es = await pipc(["validate", f]);
    expect(es.code).toBe(1);
    expect(es.stdout).toMatch(/^ {2}error\s+Actividades!F7\s+\S/m);
    const en = await pipc(["validate", f, "--lang", "en"]);
    expect(en.code).toBe(1);
    expect(en.stdout).toMatch(/Actividades!F7/);
    expect(en.stdout).toMatch(/roto\.xlsx: 1 error\(s\), \d+ warning\(s\)\./);
    const summary = await pipc(["summary", f]);
    expect(summary.code).toBe(1);
    expect(summary.stderr).toMatch(/Actividades!F7/);
  });
});

describe("pipc: failures are one line and exit 2", () => {
  test("missing file, a text file renamed .xlsx, no arguments, unknown option, bad values", async () => {
    expectOneLineFailure(await pipc(["validate", path.join(dir, "no-existe.xlsx")]), /^pipc validate: .*no-existe\.xlsx: no existe el archivo$/);
    const txt = path.join(dir, "notas.xlsx");
    await fs.writeFile(txt, "esto no es un libro\n");
    expectOneLineFailure(await pipc(["validate", txt]), /^pipc validate: .*notas\.xlsx: no es un libro de Excel \(\.xlsx\)/);
    expectOneLineFailure(await pipc(["summary", txt, "--json"]), /no es un libro de Excel/);
    expectOneLineFailure(await pipc([]), /^pipc: falta el comando\. Vea «pipc --help»\.$/);
    expectOneLineFailure(await pipc(["validate", sample, "--rapido"]), /^pipc validate: opción desconocida: --rapido\. Vea «pipc validate --help»\.$/);
    expectOneLineFailure(await pipc(["validate"]), /^pipc validate: falta <entrada\.xlsx>/);
    expectOneLineFailure(await pipc(["validate", sample, "otro.xlsx"]), /sobra el argumento «otro\.xlsx»/);
    expectOneLineFailure(await pipc(["summary", sample, "--cuatrimestre", "IV"]), /cuatrimestre no válido: «IV»/);
    expectOneLineFailure(await pipc(["summary", sample, "--cuatrimestre"]), /falta el valor de --cuatrimestre/);
    expectOneLineFailure(await pipc(["template", path.join(dir, "t.xlsx"), "--vigencia", "24"]), /vigencia no válida/);
    expectOneLineFailure(await pipc(["--lang", "fr", "validate", sample]), /idioma no válido: «fr»/);
  });

  test("English messages with --lang en", async () => {
    expectOneLineFailure(await pipc(["validate", path.join(dir, "no-existe.xlsx"), "--lang", "en"]), /^pipc validate: .*no-existe\.xlsx: file not found$/);
    expectOneLineFailure(await pipc(["--lang=en"]), /^pipc: missing command\. See “pipc --help”\.$/);
    expectOneLineFailure(await pipc(["--lang", "en", "validate", sample, "--fast"]), /^pipc validate: unknown option: --fast\./);
  });

  test("an unknown command prints the usage", async () => {
    const r = await pipc(["generar"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pipc: comando desconocido: generar\n/);
    expect(r.stderr).toMatch(/Comandos:\n\s+sample\s/);
    expect(r.stdout).toBe("");
  });
});

describe("pipc: help", () => {
  test("global and per-command help, in both languages", async () => {
    const g = await pipc(["--help"]);
    expect(g.code).toBe(0);
    for (const c of ["sample", "template", "validate", "summary", "demo"]) expect(g.stdout).toMatch(new RegExp(`^\\s+${c}\\s+\\S`, "m"));
    const h = await pipc(["summary", "-h"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Uso: pipc summary <entrada\.xlsx> \[opciones\]/);
    expect(h.stdout).toMatch(/-c, --cuatrimestre I\|II\|III/);
    const en = await pipc(["template", "--help", "--lang", "en"]);
    expect(en.stdout).toMatch(/^Usage: pipc template <output\.xlsx> \[options\]/);
    expect(en.stdout).toMatch(/--vigencia YYYY\s+year of the plan/);
    expect((await pipc(["help", "validate"])).stdout).toMatch(/^Uso: pipc validate/);
    expect((await pipc(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("pipc demo", () => {
  test("writes the sample into the folder and prints the third cut's figures", async () => {
    const out = path.join(dir, "demo-out");
    const r = await pipc(["demo", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    await fs.access(path.join(out, "plan-pipc-2021-ejemplo.xlsx"));
    expect(r.stdout).toMatch(/Vigencia \(enero – diciembre\)\s+69\s+78\s+113 %/);
    expect(r.stdout).toMatch(/Cuatrimestre III \(septiembre – diciembre\)\s+28\s+35\s+125 %/);
    for (const [sigla, p, e] of [["OAP", 28, 37], ["ACPVR", 12, 12], ["ACDTIC", 15, 15], ["SFI", 12, 12], ["SSC", 2, 2]]) {
      expect(r.stdout).toMatch(new RegExp(`^3\\.\\d ${sigla}\\s+${p}\\s+${e}\\s`, "m"));
    }
    // Running it again replaces its own file.
    expect((await pipc(["demo", out])).code).toBe(0);
  });
});
