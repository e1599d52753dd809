/**
 * Workbook-level pieces of the strict Excel: sheets' ids and order, used ranges, copyFrom,
 * application switches, settings, custom properties, custom XML parts and charts.
 */
import { createStrictExcel, StrictExcelError } from "./index";

describe("worksheets", () => {
  it("gives stable ids, adds at the end without activating, and reorders by position", async () => {
    const excel = createStrictExcel({ sheets: [{ name: "Actividades" }, { name: "Compromisos" }] });
    const out = await excel.run(async (ctx) => {
      const added = ctx.workbook.worksheets.add();
      added.load("name, id, position");
      const active = ctx.workbook.worksheets.getActiveWorksheet();
      active.load("name");
      await ctx.sync();
      ctx.workbook.worksheets.getItem(added.id).position = 0;
      const all = ctx.workbook.worksheets;
      all.load("items/name");
      await ctx.sync();
      return { name: added.name, position: added.position, active: active.name, order: all.items.map((s) => s.name), id: added.id };
    });
    expect(out).toMatchObject({ name: "Sheet1", position: 2, active: "Actividades", order: ["Sheet1", "Actividades", "Compromisos"] });
    expect(out.id).toMatch(/^\{[0-9A-F-]+\}$/);
  });

  it("reports used ranges, with a null object for an empty sheet", async () => {
    const excel = createStrictExcel({ sheets: [{ name: "Datos", cells: { B2: 1, D5: "x" } }, { name: "Vacía" }] });
    await excel.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem("Datos").getUsedRange(true);
      const none = ctx.workbook.worksheets.getItem("Vacía").getUsedRangeOrNullObject(true);
      used.load("address, rowCount, columnCount");
      await ctx.sync();
      expect(used.address).toBe("Datos!B2:D5");
      expect([used.rowCount, used.columnCount]).toEqual([4, 3]);
      expect(none.isNullObject).toBe(true);
    });
  });

  it("copies formulas shifted, values and formats with copyFrom", async () => {
    const excel = createStrictExcel({ sheets: [{ name: "Hoja", cells: { A1: 1, A2: 2, B1: { f: "=A1*2" } } }] });
    await excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Hoja");
      s.getRange("B1").format.font.bold = true;
      s.getRange("B2").copyFrom("B1", "All");
      s.getRange("C1:C2").copyFrom(s.getRange("A1:A2"), "Values");
    });
    const cells = excel.workbookState.sheets[0].cells;
    expect(cells.get("B2")).toMatchObject({ formula: "=A2*2", style: { font: { bold: true } } });
    expect(cells.get("C2")?.value).toBe(2);
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Hoja").getRange("D1").copyFrom("B1", "Values");
      }),
    ).rejects.toMatchObject({ code: "NotImplemented" });
  });
});

describe("application and document stores", () => {
  it("records the suspend switches on the sync they apply to", async () => {
    const excel = createStrictExcel();
    await excel.run(async (ctx) => {
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
      ctx.workbook.worksheets.getActiveWorksheet().getRange("A1").values = [[1]];
      await ctx.sync();
      ctx.workbook.worksheets.getActiveWorksheet().getRange("A2").values = [[2]];
      await ctx.sync();
    });
    expect(excel.stats.perSync.map((s) => [s.suspendedCalculation, s.suspendedScreenUpdating])).toEqual([
      [true, true],
      [false, false],
    ]);
  });

  it("keeps settings as JSON and custom properties with their types (strings cut at 255)", async () => {
    const excel = createStrictExcel();
    const read = await excel.run(async (ctx) => {
      ctx.workbook.settings.add("pipc", { version: 1, corte: "2021-04-30" });
      ctx.workbook.properties.custom.add("PIPC_Version", 3);
      ctx.workbook.properties.custom.add("PIPC_Nota", "x".repeat(300));
      const setting = ctx.workbook.settings.getItem("pipc");
      const missing = ctx.workbook.settings.getItemOrNullObject("otro");
      const prop = ctx.workbook.properties.custom.getItem("pipc_version");
      setting.load("value");
      prop.load("value, type");
      await ctx.sync();
      return { setting: setting.value, missing: missing.isNullObject, prop: [prop.value, prop.type] };
    });
    expect(read).toEqual({ setting: { version: 1, corte: "2021-04-30" }, missing: true, prop: [3, "Number"] });
    expect((excel.workbookState.customProperties.get("PIPC_Nota")?.value as string).length).toBe(255);
    expect(excel.stats.warnings).toHaveLength(1);
  });

  it("stores custom XML parts by namespace and refuses malformed XML", async () => {
    const excel = createStrictExcel();
    const xml = await excel.run(async (ctx) => {
      ctx.workbook.customXmlParts.add('<pipc xmlns="urn:pipc:estado"><corte>2021-04-30</corte></pipc>');
      const part = ctx.workbook.customXmlParts.getByNamespace("urn:pipc:estado").getOnlyItem();
      const text = part.getXml();
      await ctx.sync();
      return text.value;
    });
    expect(xml).toContain("<corte>2021-04-30</corte>");
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.customXmlParts.add("<pipc><sin-cerrar></pipc>");
      }),
    ).rejects.toBeInstanceOf(StrictExcelError);
  });
});

describe("charts", () => {
  it("records type, title, series from the source range and position", async () => {
    const excel = createStrictExcel({
      sheets: [{ name: "Resumen", rows: { origin: "A1", values: [["Dependencia", "Programado", "Ejecutado"], ["Planeación", 4, 3], ["Jurídica", 2, 2]] } }],
    });
    await excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Resumen");
      const chart = s.charts.add("ColumnClustered", s.getRange("A1:C3"), "Columns");
      chart.title.text = "Programado frente a ejecutado";
      chart.setPosition("E2", "L18");
      chart.series.getItemAt(1).name = "Ejecutado I";
      chart.series.getItemAt(1).format.fill.setSolidColor("#70AD47");
    });
    expect(excel.workbookState.charts[0]).toMatchObject({
      type: "ColumnClustered",
      title: "Programado frente a ejecutado",
      from: "E2",
      to: "L18",
      series: [
        { name: "Programado", values: "=Resumen!$B$2:$B$3", xValues: "=Resumen!$A$2:$A$3" },
        { name: "Ejecutado I", values: "=Resumen!$C$2:$C$3", xValues: "=Resumen!$A$2:$A$3", color: "#70AD47" },
      ],
    });
  });
});
