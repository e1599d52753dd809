/**
 * Excel's own rules as the strict Excel enforces them at sync: shapes of 2-D writes, how typed text
 * is interpreted (formula injection), names of sheets, tables and defined names, protection, the
 * last visible sheet, tables, conditional formats and data validation.
 */
import { createStrictExcel, StrictExcel, StrictExcelError } from "./index";

function excelWith(): StrictExcel {
  return createStrictExcel({
    sheets: [
      {
        name: "Actividades",
        rows: {
          origin: "A1",
          values: [
            ["ID", "Dependencia", "Programado I", "Ejecutado I"],
            ["A-001", "Planeación", 4, 3],
            ["A-002", "Jurídica", 2, 2],
          ],
        },
        tables: [{ name: "Actividades", range: "A1:D3" }],
      },
      { name: "Resumen" },
    ],
  });
}

/** Runs one batch that queues `f` and syncs; returns the rejection code, or "" when it succeeded. */
async function codeOf(excel: StrictExcel, f: (ctx: Excel.RequestContext) => void): Promise<string> {
  try {
    await excel.run(async (ctx) => {
      f(ctx);
      await ctx.sync();
    });
    return "";
  } catch (e) {
    if (!(e instanceof StrictExcelError)) throw e;
    return e.code;
  }
}

const cell = (excel: StrictExcel, sheet: string, address: string) =>
  excel.workbookState.sheets.find((s) => s.name === sheet)!.cells.get(address);

describe("2-D writes", () => {
  it("rejects arrays whose shape differs from the range's", async () => {
    const excel = excelWith();
    const sheet = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Resumen");
    expect(await codeOf(excel, (ctx) => (sheet(ctx).getRange("A1:B2").values = [[1, 2]]))).toBe("InvalidArgument");
    expect(await codeOf(excel, (ctx) => (sheet(ctx).getRange("A1:B2").values = [[1, 2], [3]]))).toBe("InvalidArgument");
    expect(await codeOf(excel, (ctx) => (sheet(ctx).getRange("A1:B1").values = [1, 2] as never))).toBe("InvalidArgument");
    expect(await codeOf(excel, (ctx) => (sheet(ctx).getRange("A1:A2").numberFormat = [["0%", "0%"]]))).toBe("InvalidArgument");
    expect(await codeOf(excel, (ctx) => (sheet(ctx).getRange("A1:B2").formulas = [["=1", "=2"], ["=3", "=4"]]))).toBe("");
  });

  it("writes a scalar to every cell, shifting relative references like Excel", async () => {
    const excel = excelWith();
    await excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Resumen");
      s.getRange("B1:B3").formulas = "=A1*$C$1" as never;
      s.getRange("D1:E1").values = 0 as never;
    });
    expect(cell(excel, "Resumen", "B3")?.formula).toBe("=A3*$C$1");
    expect(cell(excel, "Resumen", "E1")?.value).toBe(0);
    expect(excel.stats.scalarBroadcasts).toBe(2);
  });

  it("leaves null elements alone and clears cells written with an empty string", async () => {
    const excel = excelWith();
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Actividades").getRange("C2:D2");
      r.values = [[null, ""]];
    });
    expect(cell(excel, "Actividades", "C2")?.value).toBe(4);
    expect(cell(excel, "Actividades", "D2")).toBeUndefined();
  });
});

describe("typed text (formula injection)", () => {
  it("turns text starting with = into a formula, and keeps text after an apostrophe", async () => {
    const excel = excelWith();
    const read = await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Resumen").getRange("A1:A4");
      r.values = [["=1+1"], ["'=1+1"], ["-Actividad sin número"], ["'007"]];
      r.load("values, formulas");
      await ctx.sync();
      return { values: r.values, formulas: r.formulas };
    });
    expect(cell(excel, "Resumen", "A1")).toMatchObject({ formula: "=1+1" });
    expect(cell(excel, "Resumen", "A2")).toMatchObject({ value: "=1+1", quotePrefix: true });
    expect(cell(excel, "Resumen", "A3")).toMatchObject({ formula: "=-Actividad sin número" });
    expect(read.values[1][0]).toBe("=1+1");
    expect(read.values[3][0]).toBe("007");
    // The formula's result is unknown until recalculated: null, counted.
    expect(read.values[0][0]).toBeNull();
    expect(read.formulas[0][0]).toBe("=1+1");
    expect(read.formulas[1][0]).toBe("'=1+1");
    expect(excel.stats.textBecameFormula).toEqual(["Resumen!A1", "Resumen!A3"]);
    expect(excel.stats.uncomputedFormulaReads).toBeGreaterThan(0);
  });

  it("parses numbers, booleans, percentages and ISO dates from text unless the cell is text-formatted", async () => {
    const excel = excelWith();
    await excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Resumen");
      s.getRange("A1:E1").values = [[" 5 ", "TRUE", "50%", "2021-04-30", "5,5"]];
      const t = s.getRange("A2");
      t.numberFormat = [["@"]];
      t.values = [["5"]];
    });
    expect(cell(excel, "Resumen", "A1")?.value).toBe(5);
    expect(cell(excel, "Resumen", "B1")?.value).toBe(true);
    expect(cell(excel, "Resumen", "C1")).toMatchObject({ value: 0.5, style: { numberFormat: "0%" } });
    expect(cell(excel, "Resumen", "D1")).toMatchObject({ value: 44316, style: { numberFormat: "yyyy-mm-dd" } });
    expect(cell(excel, "Resumen", "E1")?.value).toBe("5,5");
    expect(cell(excel, "Resumen", "A2")?.value).toBe("5");
    expect(excel.stats.textCoerced).toEqual(["Resumen!A1", "Resumen!B1", "Resumen!C1", "Resumen!D1"]);
  });

  it("rejects formulas that do not parse or name a missing table or column", async () => {
    const excel = excelWith();
    const at = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Resumen").getRange("A1");
    expect(await codeOf(excel, (ctx) => (at(ctx).formulas = [["=SUM(A1:A3"]]))).toBe("InvalidArgument");
    expect(await codeOf(excel, (ctx) => (at(ctx).formulas = [['="abc']]))).toBe("InvalidArgument");
    expect(await codeOf(excel, (ctx) => (at(ctx).formulas = [["=SUM(Tabla9[Programado I])"]]))).toBe("InvalidArgument");
    expect(await codeOf(excel, (ctx) => (at(ctx).formulas = [["=SUM(Actividades[Programado II])"]]))).toBe("InvalidArgument");
    expect(await codeOf(excel, (ctx) => (at(ctx).formulas = [["=SUM(actividades[programado i])"]]))).toBe("");
    expect(await codeOf(excel, (ctx) => (at(ctx).formulas = [[`=${"1+".repeat(4100)}1`]]))).toBe("FormulaLengthExceedsLimit");
    expect(await codeOf(excel, (ctx) => (at(ctx).values = [["x".repeat(32768)]]))).toBe("InvalidArgument");
  });
});

describe("sheet names", () => {
  const add = (name: string) => (ctx: Excel.RequestContext) => ctx.workbook.worksheets.add(name);

  it.each([
    ["", "blank"],
    ["   ", "blank"],
    ["Una hoja con un nombre muy largo x", "longer than 31"],
    ["a/b", "slash"],
    ["a:b", "colon"],
    ["a\\b", "backslash"],
    ["a?b", "question mark"],
    ["a*b", "asterisk"],
    ["a[b]", "brackets"],
    ["'Resumen", "leading apostrophe"],
    ["Resumen'", "trailing apostrophe"],
    ["History", "reserved"],
  ])("refuses %j (%s) with InvalidArgument", async (name) => {
    expect(await codeOf(excelWith(), add(name))).toBe("InvalidArgument");
  });

  it("refuses a duplicate ignoring case, on add and on rename", async () => {
    const excel = excelWith();
    expect(await codeOf(excel, add("RESUMEN"))).toBe("ItemAlreadyExists");
    expect(await codeOf(excel, (ctx) => (ctx.workbook.worksheets.getItem("Resumen").name = "actividades"))).toBe("ItemAlreadyExists");
    expect(await codeOf(excel, add("Seguimiento compromisos"))).toBe("");
    expect(await codeOf(excel, add("3.1 Planeación"))).toBe("");
  });

  it("follows a rename in formulas, and keeps the last visible sheet", async () => {
    const excel = excelWith();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Resumen").getRange("A1").formulas = [["=SUM(Actividades!C2:C3)"]];
      ctx.workbook.worksheets.getItem("Actividades").name = "Plan de actividades";
    });
    expect(cell(excel, "Resumen", "A1")?.formula).toBe("=SUM('Plan de actividades'!C2:C3)");
    expect(await codeOf(excel, (ctx) => ctx.workbook.worksheets.getItem("Plan de actividades").delete())).toBe("");
    expect(cell(excel, "Resumen", "A1")?.formula).toBe("=SUM(#REF!)");
    expect(await codeOf(excel, (ctx) => ctx.workbook.worksheets.getItem("Resumen").delete())).toBe("InvalidOperation");
    expect(await codeOf(excel, (ctx) => (ctx.workbook.worksheets.getItem("Resumen").visibility = "Hidden"))).toBe("InvalidOperation");
  });
});

describe("tables and defined names", () => {
  it.each([
    ["Tabla 1", "space"],
    ["1Tabla", "starts with a digit"],
    ["A1", "cell reference"],
    ["R1C1", "R1C1 reference"],
    ["C", "R1C1 column"],
    ["Tabla-1", "hyphen"],
  ])("refuses table name %j (%s)", async (name) => {
    const excel = excelWith();
    expect(await codeOf(excel, (ctx) => (ctx.workbook.tables.getItem("Actividades").name = name))).toBe("InvalidArgument");
  });

  it("keeps table and defined names unique together, ignoring case", async () => {
    const excel = excelWith();
    expect(
      await codeOf(excel, (ctx) => {
        const t = ctx.workbook.worksheets.getItem("Resumen").tables.add("A1:B1", true);
        t.name = "ACTIVIDADES";
      }),
    ).toBe("ItemAlreadyExists");
    expect(await codeOf(excel, (ctx) => ctx.workbook.names.add("actividades", "=1"))).toBe("ItemAlreadyExists");
    expect(await codeOf(excel, (ctx) => ctx.workbook.names.add("PIPC_Programado_Vigencia", "=Resumen!$C$10", "Programado"))).toBe("");
    expect(await codeOf(excel, (ctx) => ctx.workbook.names.add("pipc_programado_vigencia", "=1"))).toBe("ItemAlreadyExists");
    expect(await codeOf(excel, (ctx) => ctx.workbook.names.add("Con espacio", "=1"))).toBe("InvalidArgument");
    expect(await codeOf(excel, (ctx) => ctx.workbook.names.add("XFD1048576", "=1"))).toBe("InvalidArgument");
  });

  it("refuses tables over other tables or merged cells", async () => {
    const excel = excelWith();
    expect(await codeOf(excel, (ctx) => ctx.workbook.worksheets.getItem("Actividades").tables.add("D1:F4", true))).toBe("InvalidOperation");
    expect(
      await codeOf(excel, (ctx) => {
        const s = ctx.workbook.worksheets.getItem("Resumen");
        s.getRange("A1:B1").merge();
        s.tables.add("A1:C3", true);
      }),
    ).toBe("InvalidOperation");
    expect(await codeOf(excel, (ctx) => ctx.workbook.worksheets.getItem("Actividades").getRange("A2:B2").merge())).toBe("InvalidOperation");
  });

  it("fills a new header-only table's blank row first, then grows it; calculated columns follow", async () => {
    const excel = excelWith();
    const out = await excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Resumen");
      const t = s.tables.add("A1:C1", true);
      t.name = "SeguimientoCompromisos";
      t.getHeaderRowRange().values = [["Mes", "Recogidos", "Doble"]];
      t.rows.add(undefined, [
        ["Enero", 3, "=SeguimientoCompromisos[[#This Row],[Recogidos]]*2"],
        ["Febrero", 0, "=SeguimientoCompromisos[[#This Row],[Recogidos]]*2"],
      ]);
      // null leaves the calculated column's formula in place (@types does not allow null here).
      t.rows.add(undefined, [["Marzo", 1, null as unknown as string]]);
      const range = t.getRange();
      range.load("address");
      const count = t.rows.getCount();
      await ctx.sync();
      return { address: range.address, count: count.value };
    });
    expect(out).toEqual({ address: "Resumen!A1:C4", count: 3 });
    expect(cell(excel, "Resumen", "C4")?.formula).toBe("=SeguimientoCompromisos[[#This Row],[Recogidos]]*2");
    const table = excel.workbookState.tables.find((t) => t.name === "SeguimientoCompromisos")!;
    expect(table.columns.map((c) => c.name)).toEqual(["Mes", "Recogidos", "Doble"]);
  });

  it("adds a column with header and values, and follows table and column renames in formulas", async () => {
    const excel = excelWith();
    await excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("Actividades");
      t.columns.add(undefined, [["Programado vigencia"], ["=Actividades[[#This Row],[Programado I]]"], ["=Actividades[[#This Row],[Programado I]]"]]);
      ctx.workbook.worksheets.getItem("Resumen").getRange("A1").formulas = [["=SUM(Actividades[Programado vigencia])"]];
      t.columns.getItem("Programado I").name = "Prog I";
      t.name = "Plan";
    });
    expect(cell(excel, "Actividades", "E1")?.value).toBe("Programado vigencia");
    expect(cell(excel, "Actividades", "E3")?.formula).toBe("=Plan[[#This Row],[Prog I]]");
    expect(cell(excel, "Resumen", "A1")?.formula).toBe("=SUM(Plan[Programado vigencia])");
    expect(excel.workbookState.tables[0].columns[4].calculatedFormula).toBe("=Plan[[#This Row],[Prog I]]");
  });

  it("refuses to grow a table over cells that are not empty", async () => {
    const excel = excelWith();
    expect(
      await codeOf(excel, (ctx) => {
        ctx.workbook.worksheets.getItem("Actividades").getRange("B4").values = [["estorbo"]];
        ctx.workbook.tables.getItem("Actividades").rows.add(undefined, [["A-003", "X", 1, 1]]);
      }),
    ).toBe("NotImplemented");
  });
});

describe("protection", () => {
  it("refuses edits on a protected sheet with AccessDenied, and protecting twice", async () => {
    const excel = excelWith();
    expect(await codeOf(excel, (ctx) => ctx.workbook.worksheets.getItem("Resumen").protection.protect({ allowFormatCells: false }))).toBe("");
    expect(await codeOf(excel, (ctx) => (ctx.workbook.worksheets.getItem("Resumen").getRange("A1").values = [[1]]))).toBe("AccessDenied");
    expect(await codeOf(excel, (ctx) => (ctx.workbook.worksheets.getItem("Resumen").getRange("A1").format.font.bold = true))).toBe("AccessDenied");
    expect(await codeOf(excel, (ctx) => ctx.workbook.worksheets.getItem("Resumen").protection.protect())).toBe("AccessDenied");
    expect(
      await codeOf(excel, (ctx) => {
        const s = ctx.workbook.worksheets.getItem("Resumen");
        s.protection.unprotect();
        s.getRange("A1").values = [[1]];
      }),
    ).toBe("");
  });
});

describe("formats, conditional formats and validation", () => {
  it("normalises colours and rejects unknown ones", async () => {
    const excel = excelWith();
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Resumen").getRange("A1:B2");
      r.format.fill.color = "1f4e78";
      r.format.font.color = "white";
      r.format.borders.getItem("EdgeBottom").style = "Continuous";
      r.format.columnWidth = 120;
      r.load("format/fill/color, format/font/color, format/columnWidth");
      await ctx.sync();
      expect(r.format.fill.color).toBe("#1F4E78");
      expect(r.format.font.color).toBe("#FFFFFF");
      expect(r.format.columnWidth).toBe(120);
    });
    expect(cell(excel, "Resumen", "A2")?.style?.borders?.EdgeBottom).toEqual({ style: "Continuous", color: "#000000", weight: "Thin" });
    expect(cell(excel, "Resumen", "A1")?.style?.borders).toBeUndefined();
    expect(await codeOf(excel, (ctx) => (ctx.workbook.worksheets.getItem("Resumen").getRange("A1").format.fill.color = "verde"))).toBe("InvalidArgument");
  });

  it("puts new conditional formats first and refuses structured references in their formulas", async () => {
    const excel = excelWith();
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Actividades").getRange("D2:D3");
      const bajo = r.conditionalFormats.add("Custom");
      bajo.custom.rule.formula = '=$D2<0.6';
      bajo.custom.format.fill.color = "#F8CBAD";
      bajo.stopIfTrue = true;
      const medio = r.conditionalFormats.add("Custom");
      medio.custom.rule.formula = '=$D2<0.8';
      medio.custom.format.font.color = "#9C6500";
    });
    expect(excel.workbookState.conditionalFormats.map((c) => c.formula)).toEqual(["=$D2<0.8", "=$D2<0.6"]);
    expect(excel.workbookState.conditionalFormats[1]).toMatchObject({ stopIfTrue: true, format: { fill: "#F8CBAD" } });
    expect(
      await codeOf(excel, (ctx) => {
        const cf = ctx.workbook.worksheets.getItem("Actividades").getRange("D2:D3").conditionalFormats.add("Custom");
        cf.custom.rule.formula = "=Actividades[[#This Row],[Ejecutado I]]<1";
      }),
    ).toBe("InvalidArgument");
  });

  it("stores validation rules, with a Range source as an absolute reference", async () => {
    const excel = excelWith();
    await excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Actividades");
      s.getRange("B2:B3").dataValidation.rule = { list: { inCellDropDown: true, source: ctx.workbook.worksheets.getItem("Resumen").getRange("A1:A4") } };
      const v = s.getRange("C2:D3").dataValidation;
      v.rule = { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
      v.errorAlert = { title: "Número inválido", message: "Escriba un entero mayor o igual a 0.", showAlert: true, style: "Stop" };
    });
    const dvs = excel.workbookState.dataValidations;
    expect(dvs[0].rule).toEqual({ list: { inCellDropDown: true, source: "=Resumen!$A$1:$A$4" } });
    expect(dvs[1].errorAlert?.title).toBe("Número inválido");
    expect(
      await codeOf(excel, (ctx) => {
        ctx.workbook.worksheets.getItem("Actividades").getRange("C2").dataValidation.errorAlert = {
          title: "Un título demasiado largo para Excel", message: "", showAlert: true, style: "Stop",
        };
      }),
    ).toBe("InvalidArgument");
  });
});

