/**
 * The request semantics of the strict Excel: load/sync, queued writes, batch failures, statistics,
 * payload limits, null objects, run's lifetime, requirement sets and the installed globals.
 */
import { createStrictExcel, StrictExcelError } from "./index";

const base = () =>
  createStrictExcel({
    sheets: [
      { name: "Datos", cells: { A1: "ID", B1: "Valor", A2: "a", B2: 5, A3: "b", B3: 7 } },
      { name: "Otra" },
    ],
  });

async function rejectsWith(p: Promise<unknown>, code: string): Promise<StrictExcelError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(StrictExcelError);
    expect((e as StrictExcelError).code).toBe(code);
    return e as StrictExcelError;
  }
  throw new Error(`expected a ${code} rejection`);
}

describe("load and sync", () => {
  it("refuses to read a property before it is loaded and synced, with Office's message", async () => {
    const excel = base();
    await excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Datos").getRange("A1:B3");
      expect(() => range.values).toThrow("The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.");
      range.load("values");
      // Loaded but not synced yet: still unavailable.
      expect(() => range.values).toThrow(/not available/);
      await ctx.sync();
      expect(range.values).toEqual([["ID", "Valor"], ["a", 5], ["b", 7]]);
      // Only what was loaded is readable.
      expect(() => range.address).toThrow(/'address' is not available/);
      try {
        void range.formulas;
      } catch (e) {
        expect((e as StrictExcelError).code).toBe("PropertyNotLoaded");
      }
    });
  });

  it("reads collection items only after load + sync, and supports nested load paths", async () => {
    const excel = base();
    await excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(/'items' is not available/);
      sheets.load("items/name");
      const font = ctx.workbook.worksheets.getItem("Datos").getRange("A1");
      font.load("format/font/bold, format/fill/color");
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Datos", "Otra"]);
      expect(() => sheets.items[0].position).toThrow(/'position' is not available/);
      expect(font.format.font.bold).toBe(false);
      expect(font.format.fill.color).toBe("#FFFFFF");
    });
    expect(excel.stats.loadsWithoutProperties).toBe(0);
  });

  it("keeps writes invisible until sync, and refuses to echo a written property back", async () => {
    const excel = base();
    const cell = () => excel.workbookState.sheets[0].cells.get("C2");
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Datos").getRange("C2");
      r.values = [["nuevo"]];
      expect(cell()).toBeUndefined();
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(cell()?.value).toBe("nuevo");
      r.load("values");
      await ctx.sync();
      expect(r.values).toEqual([["nuevo"]]);
      r.values = [["otro"]];
      expect(() => r.values).toThrow(/not available/);
    });
    expect(cell()?.value).toBe("otro");
  });

  it("snapshots loaded values where the load sits in the queue", async () => {
    const excel = base();
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Datos").getRange("B2");
      r.load("values");
      r.values = [[99]];
      await ctx.sync();
      expect(r.values).toEqual([[5]]);
    });
  });

  it("counts load() without property names, and throws on it in strict mode", async () => {
    const lenient = base();
    await lenient.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Datos").getRange("A1").load();
      ctx.workbook.worksheets.load("items");
      ctx.workbook.worksheets.getItem("Datos").getRange("A1").load("format");
      await ctx.sync();
    });
    expect(lenient.stats.loadsWithoutProperties).toBe(3);
    const strict = createStrictExcel(undefined, { throwOnLoadWithoutProperties: true });
    await expect(
      strict.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().load();
        await ctx.sync();
      }),
    ).rejects.toThrow(/without property names/);
  });

  it("knows isNullObject after a sync without load, and ignores commands on null objects", async () => {
    const excel = base();
    await excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("No existe");
      const present = ctx.workbook.worksheets.getItemOrNullObject("datos");
      expect(() => missing.isNullObject).toThrow(/not available/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      missing.getRange("A1").values = [["x"]];
      await ctx.sync();
    });
    expect(excel.stats.operationsOnNullObjects).toBe(1);
  });

  it("returns ClientResult values only after sync", async () => {
    const excel = base();
    await excel.run(async (ctx) => {
      const n = ctx.workbook.worksheets.getCount();
      expect(() => n.value).toThrow(/has not been loaded/);
      await ctx.sync();
      expect(n.value).toBe(2);
    });
  });
});

describe("batches", () => {
  it("applies commands before a failing one, skips the rest, and rejects with the error's code", async () => {
    const excel = base();
    const err = await rejectsWith(
      excel.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem("Datos");
        const before = sheet.getRange("D1");
        before.values = [["antes"]];
        before.load("values");
        ctx.workbook.worksheets.getItem("No existe").getRange("A1").values = [["x"]];
        sheet.getRange("D2").values = [["después"]];
        try {
          await ctx.sync();
        } finally {
          expect(() => before.values).toThrow(/not available/);
        }
      }),
      "ItemNotFound",
    );
    expect(err.debugInfo.errorLocation).toContain("No existe");
    const cells = excel.workbookState.sheets[0].cells;
    expect(cells.get("D1")?.value).toBe("antes");
    expect(cells.get("D2")).toBeUndefined();
  });

  it("syncs once more when run's batch resolves, and refuses a batch without a promise", async () => {
    const excel = base();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Otra").getRange("A1").values = [[1]];
    });
    expect(excel.workbookState.sheets[1].cells.get("A1")?.value).toBe(1);
    expect(excel.stats.roundTrips).toBe(1);
    await rejectsWith(excel.run((() => undefined) as never), "RunMustReturnPromise");
  });

  it("fails loudly when a proxy is used after its run ended", async () => {
    const excel = base();
    const leaked = await excel.run(async (ctx) => ctx.workbook.worksheets.getItem("Datos").getRange("A1"));
    let code = "";
    try {
      leaked.values = [["tarde"]];
    } catch (e) {
      code = (e as StrictExcelError).code;
    }
    expect(code).toBe("InvalidObjectPath");
  });
});

describe("statistics and payload", () => {
  it("counts syncs, round trips, operations and request bytes", async () => {
    const excel = base();
    const values = Array.from({ length: 100 }, (_, i) => [i, `fila ${i}`]);
    await excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Otra");
      await ctx.sync(); // nothing queued: not a round trip
      sheet.getRange("A1:B100").values = values;
      sheet.getRange("A1:B1").format.font.bold = true;
      sheet.getRange("A1").load("values");
      await ctx.sync();
    });
    const s = excel.stats;
    expect(s.syncCalls).toBe(3);
    expect(s.roundTrips).toBe(1);
    expect(s.perSync).toHaveLength(1);
    expect(s.perSync[0].operations).toBe(3);
    expect(s.operations).toBe(3);
    expect(s.perSync[0].loads).toBe(1);
    expect(s.perSync[0].requestBytes).toBeGreaterThan(JSON.stringify(values).length);
    expect(s.largestRequestBytes).toBe(s.perSync[0].requestBytes);
    expect(s.requestBytesTotal).toBe(s.perSync[0].requestBytes);
  });

  it("counts a large 2-D write as the row chunks office-js sends", async () => {
    const excel = createStrictExcel();
    await excel.run(async (ctx) => {
      // 3,000 cells of 2 columns: office-js sends chunks of 750 rows.
      ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B1500").values = Array.from({ length: 1500 }, (_, i) => [i, i]);
      await ctx.sync();
    });
    expect(excel.stats.perSync[0].operations).toBe(2);
  });

  it("rejects a request over the payload limit before applying any of it", async () => {
    const excel = createStrictExcel(undefined, { payloadLimitBytes: 10_000 });
    const big = Array.from({ length: 1000 }, (_, i) => [`texto largo número ${i}`]);
    const err = await rejectsWith(
      excel.run(async (ctx) => {
        const s = ctx.workbook.worksheets.getActiveWorksheet();
        s.getRange("B1").values = [["primero"]];
        s.getRange("A1:A1000").values = big;
        await ctx.sync();
      }),
      "RequestPayloadSizeLimitExceeded",
    );
    expect(err.message).toMatch(/request payload size has exceeded the limit/);
    expect(excel.workbookState.sheets[0].cells.size).toBe(0);
    expect(excel.stats.perSync[0].failed).toBe("RequestPayloadSizeLimitExceeded");
  });

  it("refuses a response over the limit: nothing loaded becomes readable, and the context syncs again", async () => {
    const excel = createStrictExcel({ sheets: [{ name: "Datos", rows: { origin: "A1", values: Array.from({ length: 2000 }, (_, i) => [`texto de la fila ${i}`, i]) } }] }, { responseLimitBytes: 20_000 });
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Datos");
      const all = ws.getRange("A1:B2000");
      all.load("values");
      const name = ws.getRange("A1");
      name.load("address");
      await rejectsWith(ctx.sync(), "ResponsePayloadSizeLimitExceeded");
      expect(() => all.values).toThrow(/is not available/);
      expect(() => name.address).toThrow(/is not available/);
      // The same rows in smaller requests.
      const top = ws.getRange("A1:B200");
      top.load("values");
      await ctx.sync();
      expect(top.values[199]).toEqual(["texto de la fila 199", 199]);
    });
    expect(excel.stats.perSync.map((s) => s.failed ?? "ok")).toEqual(["ResponsePayloadSizeLimitExceeded", "ok"]);
    expect(excel.stats.perSync[0].responseBytes).toBeGreaterThan(20_000);
    expect(excel.stats.perSync[1].responseBytes).toBeLessThanOrEqual(20_000);
  });

  it("reads the part of a used range within the first rows of its sheet (getIntersectionOrNullObject with a row address)", async () => {
    const excel = createStrictExcel({ sheets: [{ name: "Datos", rows: { origin: "B3", values: Array.from({ length: 10 }, (_, i) => [i, `f${i}`]) } }, { name: "Vacía" }] });
    await excel.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem("Datos").getUsedRangeOrNullObject(true);
      const head = used.getIntersectionOrNullObject("1:5");
      head.load("address,values");
      const below = used.getIntersectionOrNullObject("20:30");
      const none = ctx.workbook.worksheets.getItem("Vacía").getUsedRangeOrNullObject(true).getIntersectionOrNullObject("1:5");
      await ctx.sync();
      expect(head.address).toBe("Datos!B3:C5");
      expect(head.values).toEqual([[0, "f0"], [1, "f1"], [2, "f2"]]);
      expect(below.isNullObject).toBe(true);
      expect(none.isNullObject).toBe(true);
    });
  });

  it("has Excel on the web's 5 MB limit by default", async () => {
    const excel = createStrictExcel();
    const rows = Array.from({ length: 100_000 }, (_, i) => [`una cadena de texto bastante larga para la fila ${i}`, i, i * 2]);
    await rejectsWith(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:C100000").values = rows;
        await ctx.sync();
      }),
      "RequestPayloadSizeLimitExceeded",
    );
  });
});

describe("requirement sets and globals", () => {
  it("fails at sync with ApiNotFound when a member needs a newer ExcelApi", async () => {
    const excel = createStrictExcel(undefined, { requirementSets: { ExcelApi: "1.6" } });
    await rejectsWith(
      excel.run(async (ctx) => {
        // Worksheet.freezePanes is ExcelApi 1.7.
        ctx.workbook.worksheets.getActiveWorksheet().freezePanes.freezeRows(1);
        await ctx.sync();
      }),
      "ApiNotFound",
    );
  });

  it("says which members are not modelled instead of returning undefined", async () => {
    const excel = createStrictExcel();
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1");
      expect(() => r.getSpecialCells("Constants")).toThrow(/does not implement Excel.Range.getSpecialCells/);
    });
  });

  it("installs Excel.run, the enums and Office.context.requirements", async () => {
    const excel = createStrictExcel(undefined, { requirementSets: { ExcelApi: "1.12" } });
    const uninstall = excel.install();
    try {
      expect(Excel.ConditionalFormatType.custom).toBe("Custom");
      expect(Excel.BorderIndex.edgeTop).toBe("EdgeTop");
      expect(Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
      expect(Office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(false);
      const name = await Excel.run(async (ctx) => {
        const s = ctx.workbook.worksheets.add("Nueva");
        s.load("name");
        await ctx.sync();
        return s.name;
      });
      expect(name).toBe("Nueva");
    } finally {
      uninstall();
    }
    expect((globalThis as Record<string, unknown>).Excel).toBeUndefined();
  });
});

describe("fidelity to @types/office-js", () => {
  it("offers no public member that the real Excel class lacks", async () => {
    const { excelTypings } = await import("./typings");
    const modules = await Promise.all([import("./range"), import("./worksheet"), import("./table"), import("./names"), import("./chart"), import("./workbook")]);
    const base = new Set(["constructor", "load", "set", "toJSON", "track", "untrack", "isNullObject", "context", "items", "count"]);
    const extra: string[] = [];
    let checked = 0;
    for (const mod of modules) {
      for (const value of Object.values(mod)) {
        const cls = value as { officeClass?: string; prototype?: object };
        if (typeof value !== "function" || !cls.officeClass) continue;
        const members = excelTypings().classes.get(cls.officeClass);
        expect({ cls: cls.officeClass, known: !!members }).toEqual({ cls: cls.officeClass, known: true });
        for (const name of Object.getOwnPropertyNames(cls.prototype)) {
          if (name.startsWith("_") || base.has(name)) continue;
          checked += 1;
          if (!members!.has(name)) extra.push(`${cls.officeClass}.${name}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(extra).toEqual([]);
  });
});
