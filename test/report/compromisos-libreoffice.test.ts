/**
 * The commitments tracker recalculated by a real engine: the sample's input sheets plus the tracker,
 * written with the project's writer, opened by LibreOffice Calc, read back. The figures must be the
 * seed report's (section 04) and must follow a change in Compromisos without generating again.
 */
import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import {
  compromisosPorMes,
  hasErrors,
  notaMes,
  oficinaACargo,
  pendientesACargo,
  type Cuatrimestre,
  type Plan,
} from "../../src/domain";
import { parseWorkbook } from "../../src/domain/parse";
import { sample2021 } from "../../src/domain/sample";
import { inputWorkbookSpec } from "../../src/report/input";
import { NOMBRES } from "../../src/report/formulas";
import {
  COLUMNAS_PENDIENTES,
  COLUMNAS_SEGUIMIENTO,
  compromisosIdFill,
  seguimientoCompromisosSheet,
  TABLA_PENDIENTES,
  TABLA_SEGUIMIENTO,
} from "../../src/report/compromisos";
import type { IdFillSpec, WorkbookSpec } from "../../src/report/spec";
import { applySpecs, loadWorkbookFile, newWorkbook, readWorkbookFile, writeWorkbookFile } from "../../src/xlsx";
import { applyIdFills, applyRowBreaks } from "../../src/xlsx/generate";
import { pdfText, pdfToPngs, recalc, renderPdf, tempDir } from "../helpers/libreoffice";

const HOJA = "Seguimiento compromisos";
const RESULTS = path.join(__dirname, "..", "..", "test-results", "compromisos");

type Valor = string | number | boolean | Date | null;

/**
 * The value a cell shows after recalculation. For formulas ExcelJS's `cell.result` getter is used:
 * the raw model drops a cached 0, and an empty-text result comes back undefined (read as "").
 */
function valueOf(cell: ExcelJS.Cell): Valor {
  const v = cell.value as unknown;
  if (cell.type === ExcelJS.ValueType.Formula) {
    const r = cell.result as unknown;
    if (r === undefined || r === null) return "";
    if (typeof r === "object" && !(r instanceof Date) && "error" in (r as object)) return `#ERR ${(r as { error: string }).error}`;
    return r as Valor;
  }
  if (v && typeof v === "object" && !(v instanceof Date)) {
    const o = v as { richText?: { text: string }[]; error?: string };
    if (o.richText) return o.richText.map((t) => t.text).join("");
    if (o.error) return `#ERR ${o.error}`;
  }
  return (v ?? null) as Valor;
}

/** The rows of a table by its header texts, read from a recalculated workbook. */
function readTable(wb: ExcelJS.Workbook, sheet: string, table: string): Record<string, Valor>[] {
  const ws = wb.getWorksheet(sheet)!;
  const t = (ws as unknown as { tables: Record<string, { table: { tableRef?: string; ref?: string } }> }).tables[table];
  const ref = t.table.tableRef ?? t.table.ref!;
  const [a, z] = ref.split(":");
  const col = (s: string) => s.replace(/\d+/g, "");
  const rowOf = (s: string) => Number(s.replace(/[A-Z]+/g, ""));
  const c1 = ws.getColumn(col(a)).number;
  const c2 = ws.getColumn(col(z)).number;
  const headers: string[] = [];
  for (let c = c1; c <= c2; c++) headers.push(String(valueOf(ws.getCell(rowOf(a), c))));
  const out: Record<string, Valor>[] = [];
  for (let r = rowOf(a) + 1; r <= rowOf(z); r++) {
    const o: Record<string, Valor> = {};
    headers.forEach((h, i) => (o[h] = valueOf(ws.getCell(r, c1 + i))));
    out.push(o);
  }
  return out;
}

function iso(v: Valor): string | null {
  if (v === null || v === "") return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number") return new Date(Date.UTC(1899, 11, 30) + v * 86400000).toISOString().slice(0, 10);
  return String(v);
}

interface Generated {
  dir: string;
  file: string;
  plan: Plan;
}

/** Inputs written to a file, read back and parsed, then the tracker written into that same workbook. */
async function generate(cut: Cuatrimestre, tag: string): Promise<Generated> {
  const dir = await tempDir(`pipc-compromisos-${tag}-`);
  const inputs = path.join(dir, "entradas.xlsx");
  const wb0 = newWorkbook();
  applySpecs(wb0, { sheets: inputWorkbookSpec(sample2021()), names: [], computedColumns: [] });
  await writeWorkbookFile(wb0, inputs);

  const { plan, problems } = parseWorkbook(await readWorkbookFile(inputs));
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(hasErrors(problems)).toBe(false);

  const wb = await loadWorkbookFile(inputs);
  const idFill = compromisosIdFill(plan!);
  const spec: WorkbookSpec = {
    sheets: [seguimientoCompromisosSheet(plan!, cut, HOJA)],
    names: [
      { name: NOMBRES.umbralBajo, refersTo: "=0.6" },
      { name: NOMBRES.umbralMedio, refersTo: "=0.8" },
      { name: NOMBRES.umbralSobreejecucion, refersTo: "=1.2" },
    ],
    computedColumns: [],
    idFills: idFill ? [idFill] : ([] as IdFillSpec[]),
  };
  applyIdFills(wb, spec.idFills ?? []);
  applySpecs(wb, spec);
  applyRowBreaks(wb, spec);
  const file = path.join(dir, `seguimiento-${tag}.xlsx`);
  await writeWorkbookFile(wb, file);
  return { dir, file, plan: plan! };
}

async function recalculated(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await recalc(file));
  return wb;
}

/** The sheet's cells in column A (notes, checks, footnotes), by row. */
function columnA(wb: ExcelJS.Workbook): string[] {
  const ws = wb.getWorksheet(HOJA)!;
  const out: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = valueOf(ws.getCell(r, 1));
    if (typeof v === "string" && v !== "") out.push(v);
  }
  return out;
}

const MAYO =
  "Durante el mes de mayo de 2021, de las sesiones de las Mesas de Participación se recogieron 70 compromisos de los cuales 50 no están a cargo de la ACPVR y 20 están a cargo de la ACPVR.";

/** The seed report's section 04 (counts) and the fixture's status split of the office's commitments. */
const ESPERADO: [string, number, number, number, number, number, number, number][] = [
  // Mes, Recogidos, No a cargo, A cargo, Cumplido, En avance, Sin iniciar, Por reportar
  ["mayo de 2021", 70, 50, 20, 12, 6, 2, 0],
  ["junio de 2021", 60, 40, 20, 9, 8, 3, 0],
  ["julio de 2021", 53, 37, 16, 7, 7, 2, 0],
  ["agosto de 2021", 46, 33, 13, 5, 6, 2, 0],
  ["septiembre de 2021", 8, 7, 1, 0, 1, 0, 0],
  ["octubre de 2021", 0, 0, 0, 0, 0, 0, 0],
  ["noviembre de 2021", 25, 18, 7, 0, 0, 0, 7],
  ["diciembre de 2021", 17, 12, 5, 0, 0, 0, 5],
];

function counts(r: Record<string, Valor>): unknown[] {
  return [r.Mes, r.Recogidos, r["No a cargo"], r["A cargo"], r.Cumplido, r["En avance"], r["Sin iniciar"], r["Por reportar"]];
}

describe("Seguimiento compromisos recalculated by LibreOffice (sample 2021, cut III)", () => {
  let gen: Generated;
  let wb: ExcelJS.Workbook;
  let rows: Record<string, Valor>[];

  beforeAll(async () => {
    gen = await generate("III", "III");
    wb = await recalculated(gen.file);
    rows = readTable(wb, HOJA, TABLA_SEGUIMIENTO);
  });

  test("the table has the contract's columns, one row per month from May to December", () => {
    expect(Object.keys(rows[0])).toEqual([...COLUMNAS_SEGUIMIENTO]);
    expect(rows.map((r) => r.Mes)).toEqual(ESPERADO.map((e) => e[0]));
  });

  test("every monthly count is the seed report's", () => {
    expect(rows.map(counts)).toEqual(ESPERADO);
  });

  test("% Cumplido is Cumplido / A cargo, blank without commitments a cargo or while all are Por reportar", () => {
    expect(rows[0]["% Cumplido"]).toBeCloseTo(12 / 20, 10);
    expect(rows[3]["% Cumplido"]).toBeCloseTo(5 / 13, 10);
    expect(rows[4]["% Cumplido"]).toBe(0);
    expect(rows[5]["% Cumplido"]).toBe("");
    expect(rows[6]["% Cumplido"]).toBe("");
    expect(rows[7]["% Cumplido"]).toBe("");
  });

  test("Corte is the latest Fecha de corte of the month, blank when none", () => {
    expect(rows.map((r) => iso(r.Corte))).toEqual([
      "2021-07-23",
      "2021-07-23",
      "2021-09-29",
      "2021-09-29",
      "2021-11-10",
      null,
      null,
      null,
    ]);
  });

  test("the Nota sentences are the report's, for the three situations", () => {
    expect(rows[0].Nota).toBe(MAYO);
    expect(rows[4].Nota).toBe(
      "Durante el mes de septiembre de 2021, de las sesiones de las Mesas de Participación se recogieron 8 compromisos de los cuales 7 no están a cargo de la ACPVR y 1 está a cargo de la ACPVR.",
    );
    expect(rows[5].Nota).toBe(
      "Durante el mes de octubre de 2021, de las sesiones de las Mesas de Participación no se recogieron compromisos.",
    );
    expect(rows[6].Nota).toBe(
      "Durante el mes de noviembre de 2021, de las sesiones de las Mesas de Participación se recogieron 25 compromisos. El estado de avance de los compromisos se tendrá en el próximo informe.",
    );
    expect(rows[7].Nota).toBe(
      "Durante el mes de diciembre de 2021, de las sesiones de las Mesas de Participación se recogieron 17 compromisos. El estado de avance de los compromisos se tendrá en el próximo informe.",
    );
  });

  test("the recalculated table equals the domain's figures and sentences, month by month", () => {
    const oficina = oficinaACargo(gen.plan);
    const meses = compromisosPorMes(gen.plan, "III");
    expect(rows.map((r) => [r.Recogidos, r["No a cargo"], r["A cargo"], r.Cumplido, r["En avance"], r["Sin iniciar"], r["Por reportar"], iso(r.Corte), r.Nota])).toEqual(
      meses.map((m) => [m.recogidos, m.noACargo, m.aCargo, m.cumplido, m.enAvance, m.sinIniciar, m.porReportar, m.corte, notaMes(m, oficina)]),
    );
  });

  test("the footnotes give the sigla and each month's cut in words", () => {
    const a = columnA(wb);
    expect(a).toContain("*ACPVR: Alta Consejería de Paz, Víctimas y Reconciliación.");
    expect(a).toContain("* Corte de mayo de 2021: 23 de julio de 2021.");
    expect(a).toContain("* Corte de agosto de 2021: 29 de septiembre de 2021.");
    expect(a).toContain("* Corte de septiembre de 2021: 10 de noviembre de 2021.");
    expect(a).toContain("* Noviembre de 2021: sin fecha de corte.");
    expect(a.some((t) => t.includes("octubre de 2021:"))).toBe(false);
  });

  test("the checks reconcile Compromisos with the table and raise no warning", () => {
    const a = columnA(wb);
    expect(a).toContain("Compromisos con fecha de 2021 en la tabla Compromisos: 279. Contados en esta tabla (mayo a diciembre de 2021): 279.");
    expect(a.some((t) => t.startsWith("Atención"))).toBe(false);
  });

  test("the follow-up list holds the office's commitments not Cumplido, oldest first, with live Estado and age", () => {
    const lista = readTable(wb, HOJA, TABLA_PENDIENTES);
    const pendientes = pendientesACargo(gen.plan, "III");
    // 20+20+16+13+1+7+5 a cargo, minus 12+9+7+5 Cumplido.
    expect(lista).toHaveLength(82 - 33);
    expect(Object.keys(lista[0])).toEqual([...COLUMNAS_PENDIENTES]);
    expect(lista.map((r) => r.ID)).toEqual(pendientes.map((c) => c.id));
    expect(lista.map((r) => r.Estado)).toEqual(pendientes.map((c) => c.estado));
    const fechas = lista.map((r) => iso(r.Fecha)!);
    expect([...fechas].sort()).toEqual(fechas);
    for (const r of lista) {
      const dias = (Date.UTC(2021, 11, 31) - Date.parse(`${iso(r.Fecha)}T00:00:00Z`)) / 86400000;
      expect(r["Días al corte"]).toBe(dias);
    }
    expect(lista.filter((r) => r.Estado === "Por reportar")).toHaveLength(12);
  });

  test("a changed Estado, a text date, another spelling of the office and bad values move the counts live", async () => {
    const wbEdit = await loadWorkbookFile(gen.file);
    const ws = wbEdit.getWorksheet("Compromisos")!;
    const src = gen.plan.sources.compromisos!;
    const col = (f: "estado" | "fecha" | "responsable" | "fechaCorte") => src.columns[f]!.col;
    const mayo = gen.plan.compromisos.filter((c) => c.fecha.startsWith("2021-05"));
    const acpvr = (c: (typeof mayo)[number]) => c.responsable === "ACPVR";
    const cumplidos = mayo.filter((c) => acpvr(c) && c.estado === "Cumplido");
    const otros = mayo.filter((c) => !acpvr(c));
    expect(otros[0].estado).toBe("Por reportar");
    // 1. A Cumplido of May becomes En avance.
    ws.getCell(cumplidos[0].fila, col("estado")).value = "En avance";
    // 2. Another May Cumplido moves to June, typed as text dd/mm/yyyy, with a text Fecha de corte.
    ws.getCell(cumplidos[1].fila, col("fecha")).value = "15/06/2021";
    ws.getCell(cumplidos[1].fila, col("fechaCorte")).value = "2021-07-30";
    // 3. A May commitment of another entity becomes the office's, typed loosely.
    ws.getCell(otros[0].fila, col("responsable")).value = "  oficina alta consejeria de paz, victimas y reconciliacion ";
    // 4. An unknown Estado on a May commitment of the office, and a Fecha that is no date.
    ws.getCell(cumplidos[2].fila, col("estado")).value = "Cumplida";
    ws.getCell(otros[1].fila, col("fecha")).value = "mañana";
    // 5. Three commitments of other entities move to June in the other text spellings parsing accepts,
    //    one with a text Fecha de corte in dd/mm/yyyy.
    ws.getCell(otros[2].fila, col("fecha")).value = "2021-6-3";
    ws.getCell(otros[3].fila, col("fecha")).value = " 03.06.2021 ";
    ws.getCell(otros[4].fila, col("fecha")).value = "2021-06-04 10:30";
    ws.getCell(otros[4].fila, col("fechaCorte")).value = "31/07/2021";
    // 6. A pending commitment of the list is now reported as Cumplido.
    const pendiente = pendientesACargo(gen.plan, "III")[0];
    ws.getCell(pendiente.fila, col("estado")).value = "cumplido";
    const edited = path.join(gen.dir, "editado.xlsx");
    await writeWorkbookFile(wbEdit, edited);

    const after = await recalculated(edited);
    const r = readTable(after, HOJA, TABLA_SEGUIMIENTO);
    // May: 70 - 1 (moved to June) - 1 (no date) - 3 (moved to June) = 65 collected; a cargo 20 - 1 (moved)
    // + 1 (now the office's) = 20. Cumplido 12 - 1 (now En avance) - 1 (moved) - 1 (unknown Estado) + 1
    // (the listed one, now cumplido); En avance 6 + 1 - 1; Por reportar: the new one of the office is blank.
    expect(counts(r[0])).toEqual(["mayo de 2021", 65, 45, 20, 10, 6, 2, 1]);
    expect(r[0].Nota).toBe(
      "Durante el mes de mayo de 2021, de las sesiones de las Mesas de Participación se recogieron 65 compromisos de los cuales 45 no están a cargo de la ACPVR y 20 están a cargo de la ACPVR. Atención: 1 compromiso a cargo tiene un Estado no reconocido en Compromisos: no se cuenta en ningún estado.",
    );
    // June gains the moved Cumplido and three others; its cut comes from the text Fechas de corte.
    expect(counts(r[1])).toEqual(["junio de 2021", 64, 43, 21, 10, 8, 3, 0]);
    expect(iso(r[1].Corte)).toBe("2021-07-31");
    const a = columnA(after);
    expect(a).toContain(
      "Atención: 1 fila de Compromisos tiene en «Fecha» un valor que no es una fecha de 2021 (escriba dd/mm/aaaa, aaaa-mm-dd o una fecha de Excel): no se cuenta. Atención: 1 compromiso a cargo de la ACPVR tiene un «Estado» distinto de Cumplido, En avance, Sin iniciar o Por reportar: no se cuenta en ningún estado.",
    );
    expect(a).toContain("Compromisos con fecha de 2021 en la tabla Compromisos: 278. Contados en esta tabla (mayo a diciembre de 2021): 278.");
    const lista = readTable(after, HOJA, TABLA_PENDIENTES);
    expect(lista[0].ID).toBe(pendiente.id);
    // Shown in the contract's spelling, as the counts read it, so the row is marked as done.
    expect(lista[0].Estado).toBe("Cumplido");
  });

  test("renders to PDF and PNG for a look: the tracker's pages, chart on a page of its own", async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    const pdf = await renderPdf(await recalc(gen.file));
    await fs.copyFile(pdf, path.join(RESULTS, "seguimiento-III.pdf"));
    const pngs = await pdfToPngs(pdf, 80);
    // Pages of the tracker: its header names it (the input sheets are in the same PDF).
    const pages = (await pdfText(pdf)).split("\f");
    const mine = pngs.filter((_, i) => pages[i]?.includes("Seguimiento a compromisos · corte III 2021"));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const [i, png] of mine.entries()) await fs.copyFile(png, path.join(RESULTS, `seguimiento-III-${i + 1}.png`));
    const first = pages.find((t) => t.includes("Seguimiento a compromisos · corte III 2021"))!;
    expect(first).toContain("Durante el mes de mayo de 2021");
    expect(first).toContain("23/07/2021");
    // The page break puts the chart and the follow-up list after the table's page.
    expect(first).not.toContain("por cumplir");
  });
});

describe("Seguimiento compromisos for the other cuts of the sample", () => {
  test("cut II: May to August, the later commitments left out and said so", async () => {
    const gen = await generate("II", "II");
    const wb = await recalculated(gen.file);
    const rows = readTable(wb, HOJA, TABLA_SEGUIMIENTO);
    expect(rows.map(counts)).toEqual(ESPERADO.slice(0, 4));
    expect(columnA(wb)).toContain(
      "Compromisos con fecha de 2021 en la tabla Compromisos: 279. Contados en esta tabla (mayo a agosto de 2021): 229. Los 50 restantes tienen fecha posterior al corte o anterior a mayo.",
    );
  });

  test("cut I: no commitment yet, the cut's months at zero with their sentence, no follow-up list", async () => {
    const gen = await generate("I", "I");
    expect(compromisosPorMes(gen.plan, "I")).toEqual([]);
    const wb = await recalculated(gen.file);
    const rows = readTable(wb, HOJA, TABLA_SEGUIMIENTO);
    expect(rows.map((r) => r.Mes)).toEqual(["enero de 2021", "febrero de 2021", "marzo de 2021", "abril de 2021"]);
    for (const r of rows) {
      expect([r.Recogidos, r["A cargo"], r.Cumplido, r["Por reportar"], r["% Cumplido"], r.Corte]).toEqual([0, 0, 0, 0, "", ""]);
      expect(r.Nota).toBe(`Durante el mes de ${r.Mes}, de las sesiones de las Mesas de Participación no se recogieron compromisos.`);
    }
    const a = columnA(wb);
    expect(a.some((t) => t.startsWith("Entre enero y abril de 2021 no se registraron compromisos."))).toBe(true);
    expect((wb.getWorksheet(HOJA) as unknown as { tables: Record<string, unknown> }).tables[TABLA_PENDIENTES]).toBeUndefined();
    await fs.mkdir(RESULTS, { recursive: true });
    const pdf = await renderPdf(await recalc(gen.file));
    const pages = (await pdfText(pdf)).split("\f");
    const pngs = await pdfToPngs(pdf, 80);
    const i = pages.findIndex((t) => t.includes("Seguimiento a compromisos · corte I 2021"));
    expect(pages[i]).toContain("no se registraron compromisos");
    await fs.copyFile(pngs[i], path.join(RESULTS, "seguimiento-I-1.png"));
  });
});
