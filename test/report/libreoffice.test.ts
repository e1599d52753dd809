/**
 * The report proven in a real spreadsheet engine: generated workbooks are recalculated by
 * LibreOffice Calc and their values read back, for each cut, after changing an input, after sorting
 * the input, and from a plain-sheet input without IDs. Then the report is printed to PDF and PNG.
 * Artifacts stay in test-results/report/ (ignored by git) for a person to look at.
 */
import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import fixture from "../../src/domain/data/plan-2021.json";
import { columnLetters, type Cuatrimestre } from "../../src/domain";
import { isFormula, type SheetSpec } from "../../src/report/spec";
import { loadWorkbookBuffer, tableModels, toBuffer } from "../../src/xlsx";
import { parseRange } from "../../src/xlsx/range";
import { pdfText, renderPdf } from "../helpers/libreoffice";
import { expected, expectedBand, generate, pdfPageSizes, recalcAll, Recalculated, RESULTS, run, sampleInput, specCells, type Expected, type Generated } from "./engine";

const CUTS: Cuatrimestre[] = ["I", "II", "III"];

/** Loads a generated workbook, lets `edit` change it, and returns the new bytes. */
async function edit(buf: Buffer, fn: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = await loadWorkbookBuffer(buf);
  fn(wb);
  return toBuffer(wb);
}

function actividadesTable(wb: ExcelJS.Workbook) {
  const ws = wb.getWorksheet("Actividades")!;
  const t = tableModels(ws).find((x) => x.name === "Actividades")!;
  const r = parseRange(t.tableRef);
  const col = (name: string) => r.left + t.columns.findIndex((c) => c.name === name);
  return { ws, r, col };
}

/** Ejecutado III of an activity, found by ID (not by position). */
function setEjecutadoIII(wb: ExcelJS.Workbook, id: string, value: number): void {
  const { ws, r, col } = actividadesTable(wb);
  for (let row = r.top + 1; row <= r.bottom; row++) {
    if (ws.getCell(row, col("ID")).value === id) {
      ws.getCell(row, col("Ejecutado III")).value = value;
      return;
    }
  }
  throw new Error(`no activity ${id}`);
}

function setConfiguracion(wb: ExcelJS.Workbook, clave: string, value: number): void {
  const ws = wb.getWorksheet("Configuración")!;
  let done = false;
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.value === clave) {
        ws.getCell(cell.row, Number(cell.col) + 1).value = value;
        done = true;
      }
    });
  });
  if (!done) throw new Error(`no clave ${clave}`);
}

/** Reverses the data rows of Actividades, every column of the table, as a sort would. */
function reverseActividades(wb: ExcelJS.Workbook): void {
  const { ws, r } = actividadesTable(wb);
  const rows: ExcelJS.CellValue[][] = [];
  for (let row = r.top + 1; row <= r.bottom; row++) {
    const vals: ExcelJS.CellValue[] = [];
    for (let c = r.left; c <= r.right; c++) vals.push(ws.getCell(row, c).value);
    rows.push(vals);
  }
  rows.reverse().forEach((vals, i) => vals.forEach((v, j) => (ws.getCell(r.top + 1 + i, r.left + j).value = v)));
}

/** Actividades as a plain range under a title, without an ID column, one number stored as text. */
async function plainSheetInput(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Actividades");
  ws.getCell("A1").value = "Plan Institucional de Participación Ciudadana 2021 (hoja sin tabla)";
  const headers = ["Dependencia", "Actividad", "Programado I", "Ejecutado I", "Programado II", "Ejecutado II", "Programado III", "Ejecutado III"];
  ws.getRow(3).values = headers;
  fixture.actividades.forEach((a, i) => {
    const p = a.programado.map((x, k) => (i === 0 && k === 0 ? ` ${x} ` : x));
    ws.getRow(4 + i).values = [a.dependencia, a.actividad, p[0], a.ejecutado[0], p[1], a.ejecutado[1], p[2], a.ejecutado[2]];
  });
  const d = wb.addWorksheet("Dependencias");
  d.getRow(1).values = ["Dependencia", "Sigla", "Título en el informe"];
  fixture.dependencias.forEach((x, i) => (d.getRow(2 + i).values = [x.nombre, x.sigla, x.titulo_informe]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function save(name: string, buf: Buffer): Promise<string> {
  const file = path.join(RESULTS, name);
  await fs.writeFile(file, buf);
  return file;
}

function sheetByKey(g: Generated, key: string): SheetSpec {
  const s = g.spec.sheets.find((x) => x.key === key);
  if (!s) throw new Error(`no sheet ${key}`);
  return s;
}

function below(range: string): number {
  return parseRange(range).bottom + 1;
}

/** Asserts every figure of the report against the fixture's expectations. */
function checkFigures(r: Recalculated, g: Generated, e: Expected): void {
  expect(r.name("PIPC_Programado_Vigencia")).toBe(e.vigencia.p);
  expect(r.name("PIPC_Ejecutado_Vigencia")).toBe(e.vigencia.e);
  expect(r.name("PIPC_Cumplimiento_Vigencia")).toBeCloseTo(e.vigencia.e / e.vigencia.p, 12);
  expect(r.name("PIPC_Programado_Cuatrimestre")).toBe(e.cuatrimestre.p);
  expect(r.name("PIPC_Ejecutado_Cuatrimestre")).toBe(e.cuatrimestre.e);
  expect(r.name("PIPC_Cumplimiento_Cuatrimestre")).toBeCloseTo(e.cuatrimestre.e / e.cuatrimestre.p, 12);
  expect(r.name("PIPC_Programado_Anual")).toBe(e.anual);
  expect(r.name("PIPC_Avance_Anual")).toBeCloseTo(e.vigencia.e / e.anual, 12);

  e.dependencias.forEach((d, i) => {
    const sheet = sheetByKey(g, `dependencia:${i + 1}`);
    const t = sheet.tables[0];
    expect(t.name).toBe(`Dependencia_${i + 1}`);
    const [header, ...rows] = r.rows(sheet.name, t.range);
    expect(header).toEqual(["ID", "Actividad", "Programado", "Ejecutado", "Cumplimiento vigencia", "Estado"]);
    expect(rows.map((x) => [x[1], x[2], x[3]])).toEqual(d.actividades.map((a) => [a.actividad, a.p, a.e]));
    rows.forEach((x, k) => {
      const a = d.actividades[k];
      if (a.p > 0) expect(x[4]).toBeCloseTo(a.e / a.p, 12);
      else expect(x[4] ?? "").toBe("");
      expect(x[5]).toBe(expectedBand(a.p, a.e));
    });
    const total = r.rows(sheet.name, `A${below(t.range)}:F${below(t.range)}`)[0];
    expect(total.slice(1, 4)).toEqual(["Total de la dependencia", d.p, d.e]);
    expect(total[4]).toBeCloseTo(d.e / d.p, 12);
    expect(total[5]).toBe(expectedBand(d.p, d.e));
  });

  const resumen = sheetByKey(g, "resumen");
  const t = resumen.tables.find((x) => x.name === "ResumenDependencias")!;
  const [, ...rows] = r.rows(resumen.name, t.range);
  expect(rows.map((x) => x.slice(0, 4))).toEqual(e.dependencias.map((d, i) => [`3.${i + 1}`, d.titulo, d.p, d.e]));
  rows.forEach((x, i) => {
    expect(x[4]).toBeCloseTo(e.dependencias[i].e / e.dependencias[i].p, 12);
    expect(x[5]).toBe(expectedBand(e.dependencias[i].p, e.dependencias[i].e));
  });
  const total = r.rows(resumen.name, `A${below(t.range)}:F${below(t.range)}`)[0];
  expect(total.slice(1, 4)).toEqual(["Total", e.vigencia.p, e.vigencia.e]);
}

/** The value of the Resumen cell whose formula starts with a text. */
function resumenText(r: Recalculated, g: Generated, start: string): unknown {
  const resumen = sheetByKey(g, "resumen");
  const hit = [...specCells(resumen).entries()].find(([, v]) => v !== null && isFormula(v) && v.f.startsWith(`="${start}`));
  if (!hit) throw new Error(`no formula starting with ${start}`);
  return r.value(resumen.name, hit[0]);
}

describe("the generated report, recalculated by LibreOffice", () => {
  const gen = {} as Record<Cuatrimestre, Generated>;
  const rc = {} as Record<Cuatrimestre, Recalculated>;
  let changed: Recalculated;
  let sorted: Recalculated;
  let plain: Generated;
  let plainRc: Recalculated;
  let numeric: Generated;
  let numericRc: Recalculated;
  let pdf: string;

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    const input = await sampleInput();
    await save("entrada-2021.xlsx", input);
    gen.I = await generate(input, "I");
    gen.III = await generate(input, "III");
    // Cut II is generated from the cut III report itself: a regeneration replaces, never duplicates.
    gen.II = await generate(gen.III.buffer, "II");
    const files: Record<string, string> = {};
    for (const cut of CUTS) files[cut] = await save(`informe-${cut}-2021.xlsx`, gen[cut].buffer);
    files.changed = await save(
      "informe-III-cambiado.xlsx",
      await edit(gen.III.buffer, (wb) => {
        setEjecutadoIII(wb, "A-002", 4);
        setConfiguracion(wb, "Umbral sobreejecución", 1.5);
      }),
    );
    files.sorted = await save("informe-III-ordenado.xlsx", await edit(gen.III.buffer, reverseActividades));
    // IDs typed as numbers, two left blank: lookups must find numbers and the generated ids alike.
    numeric = await generate(
      await edit(input, (wb) => {
        const { ws, r, col } = actividadesTable(wb);
        for (let row = r.top + 1; row <= r.bottom; row++) ws.getCell(row, col("ID")).value = row === r.top + 2 || row === r.bottom ? null : row - r.top;
      }),
      "III",
    );
    files.numeric = await save("informe-III-ids-numericos.xlsx", numeric.buffer);
    const plainInput = await plainSheetInput();
    await save("entrada-sin-tablas.xlsx", plainInput);
    plain = await generate(plainInput, "III");
    files.plain = await save("informe-III-sin-tablas.xlsx", plain.buffer);

    const keys = Object.keys(files);
    // Distinct basenames: one LibreOffice process writes all the recalculated copies into one folder.
    const [recalculated, rendered] = await Promise.all([recalcAll(keys.map((k) => files[k])), renderPdf(files.III)]);
    const opened = await Promise.all(recalculated.map((f) => Recalculated.open(f)));
    const byKey = Object.fromEntries(keys.map((k, i) => [k, opened[i]]));
    for (const cut of CUTS) rc[cut] = byKey[cut];
    changed = byKey.changed;
    sorted = byKey.sorted;
    plainRc = byKey.plain;
    numericRc = byKey.numeric;
    pdf = path.join(RESULTS, "informe-III-2021.pdf");
    await fs.copyFile(rendered, pdf);
  });

  test("cut III gives the seed report's figures: 69 programmed, 78 executed, 28/35 = 125 % in Sep–Dec", () => {
    const r = rc.III;
    expect(r.name("PIPC_Programado_Vigencia")).toBe(fixture.expected.vigencia.programado);
    expect(r.name("PIPC_Ejecutado_Vigencia")).toBe(fixture.expected.vigencia.ejecutado);
    expect(r.name("PIPC_Programado_Cuatrimestre")).toBe(28);
    expect(r.name("PIPC_Ejecutado_Cuatrimestre")).toBe(35);
    expect(r.name("PIPC_Cumplimiento_Cuatrimestre")).toBe(1.25);
    const first = r.rows(sheetByKey(gen.III, "dependencia:1").name, "A6:F6")[0];
    expect(first[0]).toBe("A-001");
    expect(first[4]).toBe(1.45);
    expect(first[5]).toBe("Sobreejecutado");
    expect(resumenText(r, gen.III, "Se programaron ")).toBe("Se programaron 69 productos para la vigencia y se ejecutaron 78.");
    expect(resumenText(r, gen.III, "Cumplimiento III cuatrimestre")).toBe(
      "Cumplimiento III cuatrimestre (septiembre – diciembre): 28 programadas, 35 ejecutadas (125 %)",
    );
    expect(resumenText(r, gen.III, "Cumplimiento de la vigencia")).toBe("Cumplimiento de la vigencia (enero – diciembre): 113 %");
  });

  test.each(CUTS)("cut %s: every figure through the defined names, the dependency tables and Resumen", (cut) => {
    checkFigures(rc[cut], gen[cut], expected(cut));
  });

  test("regenerating a report replaces its sheets and computed columns instead of adding more", async () => {
    expect(gen.II.generated.replacedSheets).toEqual(gen.III.spec.sheets.map((s) => s.name));
    expect(gen.II.spec.sheets.map((s) => s.name)).toEqual(gen.III.spec.sheets.map((s) => s.name));
    const wb = await loadWorkbookBuffer(gen.II.buffer);
    const t = tableModels(wb.getWorksheet("Actividades")!).find((x) => x.name === "Actividades")!;
    expect(t.columns.map((c) => c.name).slice(-4)).toEqual(["Programado vigencia", "Ejecutado vigencia", "Cumplimiento vigencia", "Estado"]);
    expect(t.columns).toHaveLength(16);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Actividades", "Compromisos", "Dependencias", "Configuración", ...gen.II.spec.sheets.map((s) => s.name)]);
  });

  test("changing an Ejecutado and a threshold in the generated workbook moves the report", () => {
    // A-002 (3.1 Gobierno Abierto): Ejecutado III 1 -> 4; Umbral sobreejecución 1.2 -> 1.5.
    const e = expected("III");
    expect(changed.name("PIPC_Ejecutado_Vigencia")).toBe(e.vigencia.e + 3);
    expect(changed.name("PIPC_Ejecutado_Cuatrimestre")).toBe(e.cuatrimestre.e + 3);
    expect(changed.name("PIPC_Cumplimiento_Vigencia")).toBeCloseTo((e.vigencia.e + 3) / e.vigencia.p, 12);
    const dep = sheetByKey(gen.III, "dependencia:1");
    const rows = changed.rows(dep.name, "A6:F11");
    expect(rows[1].slice(0, 1).concat(rows[1].slice(2))).toEqual(["A-002", 3, 6, 2, "Sobreejecutado"]);
    // 1.45 is no longer over-executed with the new threshold.
    expect(rows[0][5]).toBe("Satisfactorio");
    expect(rows[5].slice(2, 4)).toEqual([28, 40]);
    expect(rows[5][4]).toBeCloseTo(40 / 28, 12);
    expect(rows[5][5]).toBe("Satisfactorio");
    const resumen = sheetByKey(gen.III, "resumen");
    const t = resumen.tables.find((x) => x.name === "ResumenDependencias")!;
    const first = parseRange(t.range).top + 1;
    expect(changed.rows(resumen.name, `C${first}:D${first}`)[0]).toEqual([28, 40]);
    expect(resumenText(changed, gen.III, "Se programaron ")).toBe("Se programaron 69 productos para la vigencia y se ejecutaron 81.");
    expect(resumenText(changed, gen.III, "Actividades sobreejecutadas")).toBe("Actividades sobreejecutadas (cumplimiento mayor a 150 %)");
  });

  test("sorting Actividades (rows reversed) leaves every figure as it was", () => {
    checkFigures(sorted, gen.III, expected("III"));
  });

  test("a plain-sheet input without IDs becomes tables, gets its IDs, and gives the same figures", async () => {
    checkFigures(plainRc, plain, expected("III"));
    expect(plain.generated.convertedTables).toEqual(["Actividades!A3:H19", "Dependencias!A1:C6"]);
    const wb = await loadWorkbookBuffer(plain.buffer);
    const ws = wb.getWorksheet("Actividades")!;
    const t = tableModels(ws).find((x) => x.name === "Actividades")!;
    expect(t.tableRef).toBe("A3:M19");
    expect(t.columns.map((c) => c.name)).toEqual([
      "Dependencia", "Actividad", "Programado I", "Ejecutado I", "Programado II", "Ejecutado II", "Programado III", "Ejecutado III",
      "ID", "Programado vigencia", "Ejecutado vigencia", "Cumplimiento vigencia", "Estado",
    ]);
    expect([4, 5, 19].map((r) => ws.getCell(`I${r}`).value)).toEqual(["A-001", "A-002", "A-016"]);
    // The values the official typed are untouched, the number stored as text included.
    expect(ws.getCell("C4").value).toBe(" 6 ");
    expect(ws.getCell("A1").value).toBe("Plan Institucional de Participación Ciudadana 2021 (hoja sin tabla)");
    expect(plainRc.value("Actividades", `${columnLetters(10)}4`)).toBe(20);
    // The band colouring of the appended columns reads the appended Estado column (M), row by row.
    const xml = await (await JSZip.loadAsync(plain.buffer)).file("xl/worksheets/sheet1.xml")!.async("string");
    for (const range of ["L4:L19", "M4:M19"]) {
      const cf = new RegExp(`<conditionalFormatting sqref="${range}">([\\s\\S]*?)</conditionalFormatting>`).exec(xml);
      expect(cf).not.toBeNull();
      expect(cf![1]).toContain("<formula>$M4=&quot;Sobreejecutado&quot;</formula>");
    }
  });

  test("IDs typed as numbers, and blank ones filled, are found by the lookups", async () => {
    checkFigures(numericRc, numeric, expected("III"));
    const ids = numericRc.rows(sheetByKey(numeric, "dependencia:1").name, "A6:A10").map((x) => x[0]);
    // The parser numbers the blank ones among themselves.
    expect(ids).toEqual([1, "A-001", 3, 4, 5]);
    expect(numericRc.rows(sheetByKey(numeric, "dependencia:5").name, "A6:A6")[0][0]).toBe("A-002");
  });

  test("printing: each dependency sheet fits one landscape page wide, with all its columns", async () => {
    const zip = await JSZip.loadAsync(gen.III.buffer);
    const text = await pdfText(pdf);
    const pages = text.split("\f");
    const sizes = await pdfPageSizes(pdf);
    expect(sizes.length).toBeGreaterThanOrEqual(pages.length - 1);
    // Each sheet starts a page; a dependency sheet's pages run until the next sheet's first page.
    const deps = expected("III").dependencias;
    const firstPage = (text: string, from = 0) => pages.findIndex((p, k) => k >= from && p.includes(text));
    const resumenStart = firstPage("Informe de cumplimiento tercer cuatrimestre");
    let from = resumenStart + 1;
    const starts = deps.map((d) => (from = firstPage(d.nombre, from)));
    const trackerStart = firstPage("Seguimiento a compromisos", starts[starts.length - 1] + 1);
    expect(starts.every((k) => k > 0)).toBe(true);
    expect(trackerStart).toBeGreaterThan(starts[starts.length - 1]);
    for (const [i, d] of deps.entries()) {
      const end = i + 1 < starts.length ? starts[i + 1] : trackerStart;
      // One page: nothing of the sheet spilled onto a second page to the right or below.
      expect(end - starts[i]).toBe(1);
      const on = [starts[i]];
      const page = pages[on[0]];
      for (const h of ["ID", "Actividad", "Programado", "Ejecutado", "Estado", "Total de la dependencia", "*Corte enero – diciembre"]) {
        expect(page).toContain(h);
      }
      expect(page).toContain(expectedBand(d.p, d.e));
      expect(page).toMatch(new RegExp(`Total de la dependencia\\s+${d.p}\\s+${d.e}\\s+${Math.round((d.e / d.p) * 100)}%`));
      expect(sizes[on[0]].width).toBeGreaterThan(sizes[on[0]].height);
      // And the file asks for it: fit to one page wide, any number tall, landscape.
      const sheetIndex = gen.III.generated.workbook.worksheets.findIndex((w) => w.name === sheetByKey(gen.III, `dependencia:${i + 1}`).name);
      const xml = await zip.file(`xl/worksheets/sheet${sheetIndex + 1}.xml`)!.async("string");
      expect(xml).toMatch(/<pageSetUpPr[^>]*fitToPage="1"/);
      expect(xml).toMatch(/<pageSetup[^>]*fitToWidth="1"/);
      expect(xml).toMatch(/<pageSetup[^>]*fitToHeight="0"/);
      expect(xml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    }
    // Resumen: two pages, the table of offices on the first, the chart and findings on the second.
    const resumenPages = pages.map((p, k) => (p.includes("Informe de cumplimiento tercer cuatrimestre") ? k : -1)).filter((k) => k >= 0);
    expect(resumenPages).toHaveLength(2);
    expect(pages[resumenPages[0]]).toContain("CUMPLIMIENTO Y AVANCE TERCER CUATRIMESTRE POR DEPENDENCIA");
    expect(pages[resumenPages[1]]).toContain("HALLAZGOS DEL CORTE");

    // PNGs of the report's pages only (the input sheets print many pages nobody needs to look at).
    const keep = [...resumenPages, ...starts];
    for (const k of keep) {
      const prefix = path.join(RESULTS, `informe-III-pagina-${String(k + 1).padStart(2, "0")}`);
      await run("pdftoppm", ["-png", "-r", "80", "-singlefile", "-f", String(k + 1), "-l", String(k + 1), pdf, prefix]);
      expect((await fs.stat(`${prefix}.png`)).size).toBeGreaterThan(10_000);
    }
    expect(keep.length).toBe(7);
  });
});
