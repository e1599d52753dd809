/**
 * The strict Excel's workbook as a file: toXlsx read back with ExcelJS (and the raw XML where
 * ExcelJS cannot see), fromXlsx to start from a user's workbook, and LibreOffice recalculating
 * what an add-in wrote.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { createStrictExcel, createStrictExcelFromXlsx, StrictExcel } from "./index";

async function addInWrites(): Promise<StrictExcel> {
  const excel = createStrictExcel({
    sheets: [
      {
        name: "Actividades",
        rows: {
          origin: "A1",
          values: [
            ["ID", "Dependencia", "Programado I", "Ejecutado I"],
            ["A-001", "Planeación", 4, 3],
            ["A-002", "Jurídica", 2, 2],
            ["A-003", "Planeación", 5, 1],
          ],
        },
        tables: [{ name: "Actividades", range: "A1:D4" }],
      },
    ],
  });
  await excel.run(async (ctx) => {
    const t = ctx.workbook.tables.getItem("Actividades");
    // The shorthand is what Excel shows; files must carry the full form.
    t.columns.add(undefined, [["Cumplimiento"], ["=[@[Ejecutado I]]/[@[Programado I]]"], ["=[@[Ejecutado I]]/[@[Programado I]]"], ["=[@[Ejecutado I]]/[@[Programado I]]"]]);
    const s = ctx.workbook.worksheets.add("Resumen");
    s.getRange("A1:B3").values = [
      ["Concepto", "Valor"],
      ["Programado", "=SUM(Actividades[Programado I])"],
      ["Ejecutado", "=SUM(Actividades!D2:D4)"],
    ];
    s.getRange("A4:B4").formulas = [["Umbral aplicado", "=PIPC_Programado_Vigencia*PIPC_Umbral_Bajo"]];
    s.getRange("B2:B3").numberFormat = [["0"], ["0"]];
    s.getRange("A1:B1").format.font.bold = true;
    s.getRange("A1:B1").format.fill.color = "#1F4E78";
    s.getRange("A5:B5").merge();
    s.getRange("A5").values = [["'=no es fórmula"]];
    s.getRange("A:A").format.columnWidth = 150;
    ctx.workbook.names.add("PIPC_Programado_Vigencia", s.getRange("B2"), "Productos programados");
    ctx.workbook.names.add("PIPC_Umbral_Bajo", "=0.6");
    const cf = s.getRange("B2:B3").conditionalFormats.add("Custom");
    cf.custom.rule.formula = "=$B2<PIPC_Umbral_Bajo";
    cf.custom.format.fill.color = "#F8CBAD";
    cf.stopIfTrue = true;
    s.getRange("C2:C3").dataValidation.rule = { list: { inCellDropDown: true, source: "Cumplido,En avance" } };
    s.pageLayout.orientation = "Landscape";
    s.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    s.pageLayout.setPrintArea("A1:D20");
    s.pageLayout.setPrintTitleRows("$1:$1");
    s.pageLayout.headersFooters.defaultForAllPages.centerFooter = "Página &P de &N";
    s.freezePanes.freezeRows(1);
    s.tabColor = "#00B050";
  });
  return excel;
}

describe("toXlsx", () => {
  it("writes values, formulas without '=', the file form of structured references, styles, tables, names and rules", async () => {
    const excel = await addInWrites();
    const buffer = await excel.toXlsx();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const act = wb.getWorksheet("Actividades")!;
    const res = wb.getWorksheet("Resumen")!;
    expect(act.getCell("E1").value).toBe("Cumplimiento");
    expect(act.getCell("E2").formula).toBe("Actividades[[#This Row],[Ejecutado I]]/Actividades[[#This Row],[Programado I]]");
    expect(res.getCell("B2").formula).toBe("SUM(Actividades[Programado I])");
    expect(res.getCell("A5").value).toBe("=no es fórmula");
    expect(res.getCell("A1").font?.bold).toBe(true);
    expect((res.getCell("A1").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FF1F4E78");
    expect(res.getCell("B2").numFmt).toBe("0");
    expect(res.getColumn(1).width).toBeCloseTo(27.86, 1);
    expect((res.model as { merges: string[] }).merges).toContain("A5:B5");
    expect(res.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(res.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const tables = (act as unknown as { tables: Record<string, { table: { name: string; tableRef?: string; columns: { name: string }[] } }> }).tables;
    const t = Object.values(tables)[0].table;
    expect(t.name).toBe("Actividades");
    expect(t.tableRef).toBe("A1:E4");
    expect(t.columns.map((c) => c.name)).toEqual(["ID", "Dependencia", "Programado I", "Ejecutado I", "Cumplimiento"]);

    const zip = await JSZip.loadAsync(buffer);
    const book = await zip.file("xl/workbook.xml")!.async("string");
    expect(book).toContain('<definedName name="PIPC_Programado_Vigencia" comment="Productos programados">Resumen!$B$2</definedName>');
    expect(book).toContain('<definedName name="PIPC_Umbral_Bajo">0.6</definedName>');
    expect(book).toContain('<definedName name="_xlnm.Print_Area" localSheetId="1">Resumen!$A$1:$D$20</definedName>');
    expect(book).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="1">Resumen!$1:$1</definedName>');
    const sheetXml = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    expect(sheetXml).toMatch(/<cfRule[^>]*type="expression"[^>]*priority="1" stopIfTrue="1"/);
    expect(sheetXml).toContain("<formula>$B2&lt;PIPC_Umbral_Bajo</formula>");
    expect(sheetXml).toMatch(/<dataValidation[^>]*type="list"[^>]*sqref="C2:C3"/);
    expect(sheetXml).toContain("&amp;CPágina &amp;P de &amp;N");
  });

  it("round-trips through fromXlsx cell for cell", async () => {
    const excel = await addInWrites();
    const again = await createStrictExcelFromXlsx(await excel.toXlsx());
    const original = excel.workbookState;
    const copy = again.workbookState;
    expect(copy.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    for (const [i, sheet] of original.sheets.entries()) {
      for (const [address, c] of sheet.cells) {
        const d = copy.sheets[i].cells.get(address);
        expect({ address, value: d?.value, formula: d?.formula }).toEqual({
          address,
          value: c.value,
          // Files hold the full structured-reference form.
          formula: c.formula?.replace(/\[@\[([^\]]+)\]\]/g, "Actividades[[#This Row],[$1]]"),
        });
        expect({ address, style: d?.style }).toEqual({ address, style: c.style });
      }
    }
    expect(copy.tables.map((t) => [t.name, t.columns.map((c) => c.name)])).toEqual(original.tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
    expect(copy.names.map((n) => [n.name, n.formula, n.comment])).toEqual([
      ["PIPC_Programado_Vigencia", "=Resumen!$B$2", "Productos programados"],
      ["PIPC_Umbral_Bajo", "=0.6", ""],
    ]);
  });

  it("lets an add-in run against a user's workbook file", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Compromisos");
    ws.addTable({
      name: "Compromisos",
      ref: "A1",
      headerRow: true,
      columns: [{ name: "Fecha" }, { name: "Compromiso" }, { name: "Estado" }],
      rows: [
        [44197, "Publicar el informe", "Cumplido"],
        [44228, "Convocar la mesa", "En avance"],
      ],
    });
    const excel = await createStrictExcelFromXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    const rows = await excel.run(async (ctx) => {
      const body = ctx.workbook.tables.getItem("Compromisos").getDataBodyRange();
      body.load("values");
      await ctx.sync();
      return body.values;
    });
    expect(rows).toEqual([
      [44197, "Publicar el informe", "Cumplido"],
      [44228, "Convocar la mesa", "En avance"],
    ]);
  });
});

describe("LibreOffice recalculation", () => {
  it("computes a SUM, a structured reference and a defined name over what the add-in wrote", async () => {
    const excel = await addInWrites();
    await excel.recalculate();
    const values = await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Resumen").getRange("B2:B4");
      const e = ctx.workbook.worksheets.getItem("Actividades").getRange("E2:E4");
      r.load("values");
      e.load("values");
      await ctx.sync();
      return { resumen: r.values, cumplimiento: e.values };
    });
    expect(values.resumen).toEqual([[11], [6], [6.6]]);
    expect(values.cumplimiento.map((x) => Number((x[0] as number).toFixed(4)))).toEqual([0.75, 1, 0.2]);
    // An edit makes the results stale: they read as unknown again.
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Actividades").getRange("C2").values = [[8]];
    });
    const after = await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Resumen").getRange("B2");
      r.load("values");
      await ctx.sync();
      return r.values[0][0];
    });
    expect(after).toBeNull();
  });
});
