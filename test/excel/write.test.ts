/**
 * The renderer of sheet descriptions, against the strict Excel: what each part of a SheetSpec
 * becomes in the workbook (cells, text that looks like something else, formats, merges, widths,
 * heights, tables, conditional formats in priority order, validations, charts, print setup, view),
 * and how operations become requests.
 */
import { createStrictExcel } from "../strict-excel";
import { pointsToChars as strictPointsToChars } from "../strict-excel/xlsx";
import { emptySheet, type SheetSpec } from "../../src/report/spec";
import { applyOps, payloadBytes, utf8Length, type WriteOp } from "../../src/excel/batch";
import { capabilities, Notices } from "../../src/excel/requirements";
import { charsToPoints, formulaCell, needsQuotePrefix, pointsToChars, sheetOps, type RenderEnv } from "../../src/excel/write";
import { splitReference } from "../../src/excel/formula-names";

function spec(): SheetSpec {
  const s = emptySheet("Prueba", "prueba", "generated");
  s.columnWidths = [10, 10, 40, 8.43];
  s.rowHeights = { 1: 30, 2: 18, 3: 18 };
  s.blocks.push({
    origin: "A1",
    cells: [
      ["Título", null, null, null],
      ["Texto", "Número", "Fórmula", "Banda"],
      ["=SUMA(1)", 5, { f: "=B3*2" }, "Bajo"],
      ["-3", 6, { f: "=B4*2" }, "Medio"],
      ["2021-05-10", 7, { f: "=B5*2" }, "Bajo"],
      ["TRUE", true, { f: "=SUM($B$3:$B$5)" }, "50%"],
      ["#N/A", null, { f: "=SUM($B$3:$B$5)" }, "'comilla"],
    ],
  });
  s.formats.push({ range: "A1:D1", style: { font: { bold: true, size: 14, color: "FFFFFF" }, fill: "1F3864", alignment: { horizontal: "center", vertical: "middle", wrapText: true, indent: 1 } } });
  s.formats.push({ range: "A2:D7", style: { border: { top: { style: "thin", color: "BFBFBF" }, bottom: { style: "medium" }, inside: { style: "thin", color: "BFBFBF" } } } });
  s.formats.push({ range: "C3:C7", style: { numberFormat: "0" } });
  s.merges.push("A1:D1");
  s.tables.push({ name: "Tabla_Prueba", range: "A2:D5", columns: ["Texto", "Número", "Fórmula", "Banda"], style: "TableStyleLight9", showRowStripes: false });
  s.conditionalFormats.push({
    range: "D3:D5",
    rules: [
      { formula: '=$D3="Bajo"', style: { fill: "FFC7CE", fontColor: "9C0006" }, stopIfTrue: true },
      { formula: '=$D3="Medio"', style: { fill: "FFEB9C", bold: true }, stopIfTrue: true },
    ],
  });
  s.dataValidations.push({ range: "B3:B5", type: "whole", operator: "greaterThanOrEqual", formula1: "0", allowBlank: true, error: { title: "Número no válido, escriba un entero mayor o igual a cero", message: "Escriba un entero." } });
  s.dataValidations.push({ range: "D3:D5", type: "list", list: { items: ["Bajo", "Medio", "Alto"] }, error: { title: "Banda", message: "Elija una banda." } });
  s.charts.push({ id: "barras", type: "columnClustered", title: "Números", categories: "=Prueba!$A$3:$A$5", series: [{ name: "Número", values: "=Prueba!$B$3:$B$5", color: "1F4E78" }, { name: "Doble", values: "=Prueba!$C$3:$C$5" }], from: "F2", to: "L15" });
  s.print = { orientation: "landscape", fitToWidth: 1, printTitleRows: "2:2", area: "A1:D7", paperSize: "letter", centerHorizontally: true, header: { center: "Entidad" }, footer: { right: "&P / &N" } };
  s.freeze = { rows: 2, columns: 1 };
  s.showGridLines = false;
  s.tabColor = "2E75B6";
  return s;
}

async function render(sheet: SheetSpec, sets = "1.17") {
  const excel = createStrictExcel(undefined, { requirementSets: { ExcelApi: sets } });
  const notices = new Notices();
  const caps = capabilities((n, v) => n === "ExcelApi" && (!v || Number(v.split(".")[1]) <= Number(sets.split(".")[1])));
  await excel.run(async (ctx) => {
    let ws: Excel.Worksheet | null = null;
    const env: RenderEnv = {
      caps,
      notices,
      rangeOf: (ref) => {
        const r = splitReference(ref)!;
        return ctx.workbook.worksheets.getItem(r.sheet).getRange(r.address);
      },
    };
    const ops: WriteOp[] = [{ bytes: 0, label: "hoja", apply: () => (ws = ctx.workbook.worksheets.add(sheet.name)) }, ...sheetOps(sheet, () => ws!, env)];
    await applyOps(ctx, ops);
    await ctx.sync();
  });
  return { excel, notices, sheet: excel.workbookState.sheets.find((s) => s.name === sheet.name)! };
}

test("el texto sigue siendo texto aunque parezca fórmula, número, fecha, booleano o error", async () => {
  const { excel, sheet } = await render(spec());
  const v = (a: string) => sheet.cells.get(a)?.value;
  expect([v("A3"), v("A4"), v("A5"), v("A6"), v("A7"), v("D6"), v("D7")]).toEqual(["=SUMA(1)", "-3", "2021-05-10", "TRUE", "#N/A", "50%", "'comilla"]);
  expect(excel.stats.textBecameFormula).toEqual([]);
  expect(excel.stats.textCoerced).toEqual([]);
  // Plain words go in without the apostrophe; numbers and booleans stay what they are.
  expect(sheet.cells.get("D3")?.quotePrefix).toBeFalsy();
  expect(sheet.cells.get("A3")?.quotePrefix).toBe(true);
  expect(v("B3")).toBe(5);
  expect(v("B6")).toBe(true);
  expect(sheet.cells.get("C3")?.formula).toBe("=B3*2");
  expect(sheet.cells.get("C5")?.formula).toBe("=B5*2");
  expect(sheet.cells.get("C7")?.formula).toBe("=SUM($B$3:$B$5)");
});

test("formatos, combinaciones, anchos, altos, tabla, formatos condicionales en orden, validaciones, gráfico, impresión y vista", async () => {
  const { excel, sheet, notices } = await render(spec());
  expect(notices.all()).toEqual([]);
  const a1 = sheet.cells.get("A1")!.style!;
  expect(a1).toMatchObject({ fill: "#1F3864", horizontalAlignment: "Center", verticalAlignment: "Center", wrapText: true, indentLevel: 1, font: { bold: true, size: 14, color: "#FFFFFF" } });
  // Inner lines are the cells' own edges, as in a file; the range's bottom edge is medium.
  expect(sheet.cells.get("B4")!.style!.borders).toMatchObject({ EdgeBottom: { style: "Continuous", weight: "Thin", color: "#BFBFBF" }, EdgeRight: { weight: "Thin" } });
  expect(sheet.cells.get("B2")!.style!.borders).toMatchObject({ EdgeTop: { weight: "Thin" } });
  expect(sheet.cells.get("B7")!.style!.borders).toMatchObject({ EdgeBottom: { weight: "Medium" } });
  expect(sheet.cells.get("C4")!.style!.numberFormat).toBe("0");
  expect(sheet.merges).toEqual([{ r1: 0, c1: 0, r2: 0, c2: 3 }]);
  expect([0, 1, 2, 3].map((c) => strictPointsToChars(sheet.columnWidths.get(c)!))).toEqual([10, 10, 40, 8.43]);
  expect(sheet.rowHeights.get(0)).toBe(30);
  const t = excel.workbookState.tables.find((x) => x.name === "Tabla_Prueba")!;
  expect(t).toMatchObject({ style: "TableStyleLight9", showBandedRows: false, rect: { r1: 1, c1: 0, r2: 4, c2: 3 } });
  const cfs = excel.workbookState.conditionalFormats.filter((c) => c.sheetId === sheet.id);
  expect(cfs.map((c) => [c.formula, c.format, c.stopIfTrue])).toEqual([
    ['=$D3="Bajo"', { fill: "#FFC7CE", fontColor: "#9C0006" }, true],
    ['=$D3="Medio"', { fill: "#FFEB9C", bold: true }, true],
  ]);
  const dv = excel.workbookState.dataValidations.filter((d) => d.sheetId === sheet.id);
  expect(dv.map((d) => d.rule)).toEqual([{ wholeNumber: { formula1: "0", operator: "GreaterThanOrEqualTo" } }, { list: { inCellDropDown: true, source: "Bajo,Medio,Alto" } }]);
  expect(dv[0].errorAlert?.title.length).toBeLessThanOrEqual(32);
  const chart = excel.workbookState.charts.find((c) => c.sheetId === sheet.id)!;
  expect(chart).toMatchObject({ name: "barras", type: "ColumnClustered", title: "Números", from: "F2", to: "L15" });
  expect(chart.series).toEqual([
    { name: "Número", values: "=Prueba!$B$3:$B$5", xValues: "=Prueba!$A$3:$A$5", color: "#1F4E78" },
    { name: "Doble", values: "=Prueba!$C$3:$C$5", xValues: "=Prueba!$A$3:$A$5" },
  ]);
  expect(sheet.pageLayout).toMatchObject({
    orientation: "Landscape",
    paperSize: "Letter",
    zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    centerHorizontally: true,
    printArea: [{ r1: 0, c1: 0, r2: 6, c2: 3 }],
    headersFooters: { centerHeader: "Entidad", rightFooter: "&P / &N" },
  });
  expect(sheet.pageLayout.printTitleRows).toMatchObject({ r1: 1, r2: 1 });
  expect(sheet.freeze).toEqual({ rows: 2, columns: 1 });
  expect(sheet.showGridlines).toBe(false);
  expect(sheet.tabColor).toBe("#2E75B6");
});

test("en un Excel 1.7 lo opcional se omite con aviso y el resto se escribe igual", async () => {
  const { excel, sheet, notices } = await render(spec(), "1.7");
  expect(notices.all().length).toBe(4);
  expect(excel.workbookState.dataValidations).toEqual([]);
  expect(sheet.pageLayout.orientation).toBe("Portrait");
  expect(sheet.showGridlines).toBe(true);
  expect(sheet.cells.get("A1")!.style!.indentLevel).toBeUndefined();
  expect(sheet.cells.get("C5")?.formula).toBe("=B5*2");
});

test("anchos: caracteres a puntos como Excel (7 px por carácter más 5 de margen, 0,75 pt por px)", () => {
  expect(charsToPoints(8.43)).toBeCloseTo(48, 1);
  expect(pointsToChars(charsToPoints(60))).toBe(60);
  expect(strictPointsToChars(charsToPoints(12.5))).toBe(12.5);
});

test("qué texto necesita el apóstrofo", () => {
  for (const t of ["=x", "+1", "-1", "@a", "'a", "#N/A", "5", "1/2", "2021-01-05", "TRUE", "falso", "50%", "Sep 2021", "3.1 OAP", " espacio"]) expect([t, needsQuotePrefix(t)]).toEqual([t, true]);
  for (const t of ["Resumen", "Gobierno Abierto", "Sobreejecutado", "Ejecución — avance", ""]) expect([t, needsQuotePrefix(t)]).toEqual([t, false]);
  expect(formulaCell("=x")).toBe("'=x");
  expect(formulaCell({ f: "SUM(A1)" })).toBe("=SUM(A1)");
  expect(formulaCell(null)).toBeNull();
  expect(formulaCell(Number.NaN)).toBeNull();
});

test("applyOps: un sync por cada parte de a lo sumo el límite; la última parte queda para quien llama", async () => {
  const syncs: number[] = [];
  let queued = 0;
  const ctx = { sync: async () => void syncs.push(queued) };
  const ops: WriteOp[] = Array.from({ length: 10 }, (_, i) => ({ bytes: 300, label: `op ${i}`, apply: () => void queued++ }));
  let chunks = 0;
  const r = await applyOps(ctx, ops, { limit: 1000, onChunkStart: () => void chunks++ });
  expect(syncs).toEqual([3, 6, 9]);
  expect(r).toEqual({ syncs: 3, chunkBytes: [900, 900, 900, 300] });
  expect(chunks).toBe(4);
  expect(queued).toBe(10);
  const none = await applyOps(ctx, [], { limit: 1000 });
  expect(none.syncs).toBe(0);
});

test("el tamaño estimado cuenta bytes UTF-8 y el coste de cada acción", () => {
  expect(utf8Length("año")).toBe(4);
  expect(utf8Length("😀")).toBe(4);
  expect(payloadBytes([["ñ"]])).toBe(utf8Length('[["ñ"]]') + 300);
});
