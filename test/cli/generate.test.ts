/**
 * `pipc generate` in-process (main() with captured output): exit codes, the output it writes and
 * the files it refuses to touch. The figures of the written report are proven in LibreOffice by
 * test/report/libreoffice.test.ts.
 */
import { promises as fs } from "fs";
import path from "path";
import JSZip from "jszip";
import { resumenJson, type ResumenJson } from "../../src/domain";
import { main } from "../../src/cli/main";
import { loadWorkbookBuffer, readWorkbookBuffer, tableModels, toBuffer } from "../../src/xlsx";
import { parseWorkbook } from "../../src/domain/parse";
import { tempDir } from "../helpers/libreoffice";
import { sampleInput } from "../report/engine";
import { withFeatures } from "../xlsx/package-fixtures";

interface Run {
  code: number;
  out: string;
  err: string;
}

async function pipc(args: string[], cwd: string): Promise<Run> {
  let out = "";
  let err = "";
  const code = await main(args, { cwd, out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

async function sha(file: string): Promise<string> {
  const { createHash } = await import("crypto");
  return createHash("sha256").update(await fs.readFile(file)).digest("hex");
}

let dir: string;
let input: string;

beforeAll(async () => {
  dir = await tempDir("pipc-generate-");
  input = path.join(dir, "plan.xlsx");
  await fs.writeFile(input, await sampleInput());
});

describe("pipc generate", () => {
  test("writes <input>-informe-<cut>-<vigencia>.xlsx next to the input and leaves the input untouched", async () => {
    const before = await sha(input);
    const r = await pipc(["generate", "plan.xlsx", "--cuatrimestre", "II"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Informe (II cuatrimestre 2021): plan-informe-II-2021.xlsx");
    expect(r.out).toMatch(/Vigencia \(enero – agosto\)\s+41\s+43/);
    expect(await sha(input)).toBe(before);
    const wb = await loadWorkbookBuffer(await fs.readFile(path.join(dir, "plan-informe-II-2021.xlsx")));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Actividades", "Compromisos", "Dependencias", "Configuración",
      "Resumen", "3.1 OAP", "3.2 ACPVR", "3.3 ACDTIC", "3.4 SFI", "3.5 SSC", "Seguimiento compromisos",
    ]);
    const t = tableModels(wb.getWorksheet("Actividades")!).find((x) => x.name === "Actividades")!;
    expect(t.columns.map((c) => c.name).slice(-4)).toEqual(["Programado vigencia", "Ejecutado vigencia", "Cumplimiento vigencia", "Estado"]);
  });

  test("the default cut is Configuración's; --json prints summary's JSON and nothing else on stdout", async () => {
    const r = await pipc(["generate", "plan.xlsx", "--json"], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as ResumenJson;
    const { plan } = parseWorkbook(await readWorkbookBuffer(await fs.readFile(input)));
    expect(json).toEqual(JSON.parse(JSON.stringify(resumenJson(plan!, "III"))));
    expect(json.vigencia).toMatchObject({ programado: 69, ejecutado: 78 });
    expect(r.err).toContain("plan-informe-III-2021.xlsx");
  });

  test("the report keeps its generation marker, so a regeneration replaces exactly its sheets", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, "plan-informe-III-2021.xlsx")));
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    expect(xml).toContain("PIPC_Hojas_Generadas");
    const r = await pipc(["generate", "plan-informe-III-2021.xlsx", "-c", "I", "-o", "otra.xlsx"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Hojas de la generación anterior reemplazadas: Resumen, 3.1 OAP, 3.2 ACPVR, 3.3 ACDTIC, 3.4 SFI, 3.5 SSC, Seguimiento compromisos");
    const wb = await loadWorkbookBuffer(await fs.readFile(path.join(dir, "otra.xlsx")));
    expect(wb.worksheets).toHaveLength(11);
  });

  test("a user's own sheets survive a regeneration; a renamed report sheet is still the report's", async () => {
    const wb = await loadWorkbookBuffer(await fs.readFile(path.join(dir, "plan-informe-III-2021.xlsx")));
    wb.addWorksheet("Notas del equipo").getCell("A1").value = "no borrar";
    // A report sheet renamed: its table (ResumenDependencias) is the report's, so it is replaced.
    wb.getWorksheet("Resumen")!.name = "Resumen anterior";
    // A report sheet renamed, and a sheet of the user's taking its old name: the user's stays.
    wb.getWorksheet("3.2 ACPVR")!.name = "3.2 antes";
    wb.addWorksheet("3.2 ACPVR").getCell("A1").value = "mía";
    await fs.writeFile(path.join(dir, "con-hojas.xlsx"), await toBuffer(wb));
    const r = await pipc(["generate", "con-hojas.xlsx", "-o", "con-hojas-informe.xlsx"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const out = await loadWorkbookBuffer(await fs.readFile(path.join(dir, "con-hojas-informe.xlsx")));
    const names = out.worksheets.map((w) => w.name);
    expect(names).toEqual([
      "Actividades", "Compromisos", "Dependencias", "Configuración", "Notas del equipo", "3.2 ACPVR",
      "Resumen", "3.1 OAP", "3.2 ACPVR (2)", "3.3 ACDTIC", "3.4 SFI", "3.5 SSC", "Seguimiento compromisos",
    ]);
    expect(out.getWorksheet("Notas del equipo")!.getCell("A1").value).toBe("no borrar");
    expect(out.getWorksheet("3.2 ACPVR")!.getCell("A1").value).toBe("mía");
    expect(r.out).toContain("reemplazadas: Resumen anterior, 3.1 OAP, 3.2 antes, 3.3 ACDTIC");
  });

  test("computed columns found under another spelling are refreshed in place, not added again", async () => {
    const wb = await loadWorkbookBuffer(await fs.readFile(path.join(dir, "plan-informe-III-2021.xlsx")));
    const ws = wb.getWorksheet("Actividades")!;
    const t = tableModels(ws).find((x) => x.name === "Actividades")!;
    const top = Number(/\d+/.exec(t.tableRef)![0]);
    const j = t.columns.findIndex((c) => c.name === "Estado");
    t.columns[j].name = "ESTADO ";
    ws.getCell(top, 1 + j).value = "ESTADO ";
    await fs.writeFile(path.join(dir, "estado.xlsx"), await toBuffer(wb));
    const r = await pipc(["generate", "estado.xlsx", "-o", "estado-informe.xlsx"], dir);
    expect(r.code).toBe(0);
    const out = await loadWorkbookBuffer(await fs.readFile(path.join(dir, "estado-informe.xlsx")));
    const t2 = tableModels(out.getWorksheet("Actividades")!).find((x) => x.name === "Actividades")!;
    expect(t2.columns).toHaveLength(16);
    expect(t2.columns[j].name).toBe("Estado");
    expect(out.getWorksheet("Actividades")!.getCell(top, 1 + j).value).toBe("Estado");
  });

  test("the official's pivot tables, charts and pictures travel into the report untouched, with no warning", async () => {
    const wb = await loadWorkbookBuffer(await fs.readFile(input));
    wb.addWorksheet("Tablero").getCell("A1").value = "tablero";
    const withSheet = await toBuffer(wb);
    const rich = await withFeatures(await withFeatures(withSheet, "Actividades", ["pivotTable", "image"]), "Tablero", ["chart", "sparklines"]);
    await fs.writeFile(path.join(dir, "rico.xlsx"), rich);
    const r = await pipc(["generate", "rico.xlsx", "-o", "rico-informe.xlsx"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const before = await JSZip.loadAsync(rich);
    const after = await JSZip.loadAsync(await fs.readFile(path.join(dir, "rico-informe.xlsx")));
    for (const name of Object.keys(before.files).filter((n) => !before.files[n].dir && /pivot|xl\/media\/|xl\/charts\//.test(n))) {
      expect([name, await after.file(name)?.async("base64")]).toEqual([name, await before.file(name)!.async("base64")]);
    }
    const tablero = Object.keys(after.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    const sheetXml = await Promise.all(tablero.map((n) => after.file(n)!.async("string")));
    expect(sheetXml.some((x) => x.includes("<x14:sparkline>"))).toBe(true);
    const out = await loadWorkbookBuffer(await fs.readFile(path.join(dir, "rico-informe.xlsx")));
    expect(out.getWorksheet("Tablero")!.getCell("A1").value).toBe("tablero");
  });

  test("never writes over the input, even with --force (exit 2)", async () => {
    const before = await sha(input);
    for (const out of ["plan.xlsx", "./plan.xlsx", path.join(dir, "plan.xlsx")]) {
      const r = await pipc(["generate", "plan.xlsx", "--out", out, "--force"], dir);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/es el mismo archivo de entrada/);
      expect(r.out).toBe("");
    }
    expect(await sha(input)).toBe(before);
    const en = await pipc(["generate", "plan.xlsx", "--out", "plan.xlsx", "--lang", "en"], dir);
    expect(en.err).toMatch(/it is the input file itself/);
  });

  test("an existing output needs --force (exit 2); a bad cut is a usage error", async () => {
    const r = await pipc(["generate", "plan.xlsx", "-c", "III"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ya existe; use --force/);
    expect((await pipc(["generate", "plan.xlsx", "-c", "III", "--force"], dir)).code).toBe(0);
    const bad = await pipc(["generate", "plan.xlsx", "-c", "IV"], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/cuatrimestre no válido/);
  });

  test("a plan with errors: the problems with their cells, exit 1, and no report", async () => {
    const wb = await loadWorkbookBuffer(await fs.readFile(input));
    const ws = wb.getWorksheet("Actividades")!;
    const t = tableModels(ws).find((x) => x.name === "Actividades")!;
    const top = Number(/\d+/.exec(t.tableRef)![0]);
    const col = 1 + t.columns.findIndex((c) => c.name === "Programado II");
    ws.getCell(top + 1, col).value = -1;
    await fs.writeFile(path.join(dir, "mal.xlsx"), await toBuffer(wb));
    const r = await pipc(["generate", "mal.xlsx"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error\s+Actividades!F3/);
    expect(r.err).toMatch(/el plan tiene errores/);
    await expect(fs.access(path.join(dir, "mal-informe-III-2021.xlsx"))).rejects.toThrow();
  });

  test("an unreadable input is one line and exit 2", async () => {
    await fs.writeFile(path.join(dir, "texto.xlsx"), "no soy un libro");
    const r = await pipc(["generate", "texto.xlsx"], dir);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/texto\.xlsx: no es un libro de Excel/);
  });
});
