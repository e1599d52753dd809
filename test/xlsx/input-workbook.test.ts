/**
 * The input workbook (src/report/input.ts rendered by src/xlsx) read back through the reader and the
 * parser, and opened in LibreOffice to prove its data validations work in a real spreadsheet.
 */
import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import { hasErrors, resumenJson } from "../../src/domain";
import { parseWorkbook, rawWorkbookFromInput } from "../../src/domain/parse";
import { emptyInput, sample2021 } from "../../src/domain/sample";
import { inputWorkbookSpec } from "../../src/report/input";
import { loadWorkbookFile, readWorkbookFile } from "../../src/xlsx/read";
import { renderWorkbook, toBuffer, writeWorkbookFile } from "../../src/xlsx/write";
import { invalidCells, recalc, tempDir } from "../helpers/libreoffice";

async function writeInput(data = sample2021()): Promise<string> {
  const dir = await tempDir();
  const file = path.join(dir, "plan.xlsx");
  await writeWorkbookFile(renderWorkbook({ sheets: inputWorkbookSpec(data), names: [], computedColumns: [] }), file);
  return file;
}

describe("the sample input workbook", () => {
  let file: string;
  beforeAll(async () => {
    file = await writeInput();
  });

  test("reads back to the same plan as the sample itself, with no problem", async () => {
    const fromFile = parseWorkbook(await readWorkbookFile(file), { today: new Date(Date.UTC(2022, 0, 15)) });
    const fromData = parseWorkbook(rawWorkbookFromInput(sample2021()), { today: new Date(Date.UTC(2022, 0, 15)) });
    expect(fromFile.problems).toEqual([]);
    expect(fromFile.plan).toEqual(fromData.plan);
    const r = resumenJson(fromFile.plan!, "III");
    expect(r.vigencia).toMatchObject({ programado: 69, ejecutado: 78 });
    expect(r.cuatrimestre).toMatchObject({ programado: 28, ejecutado: 35, cumplimiento: 1.25 });
  });

  test("LibreOffice finds no invalid value in it, and computes the list of offices (names, then siglas)", async () => {
    expect(await invalidCells(file)).toEqual({ Actividades: [], Compromisos: [], Dependencias: [], Configuración: [] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await recalc(file));
    const ws = wb.getWorksheet("Dependencias")!;
    const list = [];
    for (let r = 3; r <= 14; r++) list.push((ws.getCell(`E${r}`).value as ExcelJS.CellFormulaValue).result ?? "");
    expect(list).toEqual([
      "Equipo Gobierno Abierto - Oficina Asesora de Planeación",
      "Oficina Alta Consejería de Paz, Víctimas y Reconciliación",
      "Alta Consejería Distrital de Tecnologías de la Información y las Comunicaciones",
      "Subsecretaría Distrital de Fortalecimiento Institucional",
      "Subsecretaría de Servicio a la Ciudadanía",
      "OAP",
      "ACPVR",
      "ACDTIC",
      "SFI",
      "SSC",
      "",
      "",
    ]);
  });

  test("LibreOffice marks exactly the values the validations forbid", async () => {
    const wb = await loadWorkbookFile(file);
    const act = wb.getWorksheet("Actividades")!;
    act.getCell("B3").value = "XYZ"; // no such office
    act.getCell("B4").value = "Subsecretaría de Servicio a la Ciudadanía"; // a full name: fine
    act.getCell("B5").value = "SFI"; // a sigla: fine
    act.getCell("E3").value = -1;
    act.getCell("F4").value = 2.5;
    act.getCell("D30").value = 3; // below the table, still validated
    act.getCell("E30").value = -3;
    const comp = wb.getWorksheet("Compromisos")!;
    comp.getCell("F3").value = "Hecho";
    comp.getCell("F4").value = "En avance";
    comp.getCell("G3").value = "mañana";
    const conf = wb.getWorksheet("Configuración")!;
    conf.getCell("B6").value = "IV";
    conf.getCell("B5").value = 1999;
    conf.getCell("B7").value = "OAP";
    conf.getCell("B8").value = 0.5; // a threshold: fine
    conf.getCell("B9").value = 7; // 700 %: refused
    const dep = wb.getWorksheet("Dependencias")!;
    dep.getCell("A8").value = "Oficina Nueva"; // a new office: now valid in Actividades
    dep.getCell("B8").value = "ON";
    act.getCell("B6").value = "ON";
    const broken = path.join(path.dirname(file), "roto.xlsx");
    await fs.writeFile(broken, await toBuffer(wb));
    expect(await invalidCells(broken)).toEqual({
      Actividades: ["B3", "E3", "E30", "F4"],
      Compromisos: ["F3", "G3"],
      Dependencias: [],
      Configuración: ["B5", "B6", "B9"],
    });
  });
});

describe("the template", () => {
  test("an empty plan: its only error says the plan has no activities", async () => {
    const file = await writeInput(emptyInput(2024));
    const { plan, problems } = parseWorkbook(await readWorkbookFile(file));
    expect(hasErrors(problems)).toBe(true);
    expect(problems.filter((p) => p.severity === "error").map((p) => p.code)).toEqual(["empty-plan"]);
    expect(plan?.config.vigencia).toBe(2024);
    expect(await invalidCells(file)).toEqual({ Actividades: [], Compromisos: [], Dependencias: [], Configuración: [] });
  });
});
