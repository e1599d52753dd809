/**
 * The engine in the workbooks officials actually have: a plain sheet without table or IDs, data
 * with errors, an older Excel without the optional requirement sets, a generation that fails
 * halfway, a table of the official's that takes a name the report needs.
 */
import fixture from "../../src/domain/data/plan-2021.json";
import { createStrictExcel, type InitialCell } from "../strict-excel";
import { excelError } from "../strict-excel/errors";
import { createEngine, ExcelEngineError } from "../../src/excel/engine";
import { generarInforme } from "../../src/excel/generate";
import { cargarEjemplo } from "../../src/excel/prepare";
import { REGISTRY_KEY, parseRegistro } from "../../src/excel/registry";
import { AVISOS_DEGRADACION } from "../../src/excel/requirements";
import { Recalculado, sheetCells } from "./helpers";

const NOW = () => new Date(2022, 0, 14, 12);

/** Actividades as many offices keep it: a title, headers in row 3, no ID, no table, a number as text. */
function plainActividades(): InitialCell[][] {
  const headers = ["Dependencia", "Actividad", "Programado I", "Ejecutado I", "Programado II", "Ejecutado II", "Programado III", "Ejecutado III"];
  const rows: InitialCell[][] = fixture.actividades.map((a, i) => [
    a.dependencia,
    a.actividad,
    ...a.programado.flatMap((p, k) => [i === 0 && k === 0 ? { text: String(p) } : p, a.ejecutado[k]]),
  ]);
  return [["Plan Institucional de Participación Ciudadana 2021 (hoja sin tabla)", null, null, null, null, null, null, null], [null, null, null, null, null, null, null, null], headers, ...rows];
}

test("una hoja simple sin tabla ni IDs: se vuelve tabla, recibe IDs y columnas calculadas, y da las cifras del informe", async () => {
  const excel = createStrictExcel({ sheets: [{ name: "Actividades", rows: { origin: "A1", values: plainActividades() } }] });
  const r = await generarInforme({ run: excel.run, cut: "III", isSetSupported: () => true, now: NOW });
  if (r.status !== "generado") throw new Error(JSON.stringify(r.problems));
  expect(excel.stats.syncCalls).toBe(3);
  const t = excel.workbookState.tables.find((x) => x.name === "Actividades")!;
  expect(t.rect).toMatchObject({ r1: 2, c1: 0 });
  expect(t.columns.map((c) => c.name)).toEqual([
    "Dependencia", "Actividad", "Programado I", "Ejecutado I", "Programado II", "Ejecutado II", "Programado III", "Ejecutado III",
    "ID", "Programado vigencia", "Ejecutado vigencia", "Cumplimiento vigencia", "Estado",
  ]);
  const act = excel.workbookState.sheets.find((s) => s.name === "Actividades")!;
  expect(act.cells.get("I4")?.value).toBe("A-001");
  expect(act.cells.get("I19")?.value).toBe("A-016");
  // The title above the table and the typed numbers are as they were.
  expect(act.cells.get("A1")?.value).toBe("Plan Institucional de Participación Ciudadana 2021 (hoja sin tabla)");
  expect(act.cells.get("C4")?.value).toBe("6");
  const rc = await Recalculado.of(excel);
  expect(rc.name("PIPC_Programado_Vigencia")).toBe(69);
  expect(rc.name("PIPC_Ejecutado_Vigencia")).toBe(78);
  expect(rc.name("PIPC_Cumplimiento_Cuatrimestre")).toBeCloseTo(1.25, 10);
  expect(rc.value("Actividades", "L4")).toBeCloseTo(1.45, 10);

  // Generating again keeps the IDs it wrote and adds no column.
  const again = await generarInforme({ run: excel.run, cut: "III", isSetSupported: () => true, now: NOW });
  expect(again.status).toBe("generado");
  expect(excel.workbookState.tables.find((x) => x.name === "Actividades")!.columns).toHaveLength(13);
});

test("con errores en los datos no se genera nada: vuelven los problemas con su celda", async () => {
  const values = plainActividades();
  values[4][2] = "abc";
  const excel = createStrictExcel({ sheets: [{ name: "Actividades", rows: { origin: "A1", values } }] });
  const before = excel.workbookState.sheets.map((s) => sheetCells(excel, s.id));
  const r = await createEngine({ run: excel.run, isSetSupported: () => true, now: NOW }).generarResumen("III");
  expect(r.status).toBe("errores");
  if (r.status !== "errores") return;
  const p = r.problems.find((x) => x.severity === "error")!;
  expect(p.ref).toBe("Actividades!C5");
  expect(p.message.es).toMatch(/abc/);
  expect(excel.stats.roundTrips).toBe(1);
  expect(excel.workbookState.sheets.map((s) => sheetCells(excel, s.id))).toEqual(before);
});

test("un Excel con solo ExcelApi 1.7: todo funciona, y lo que falta se avisa en español", async () => {
  const excel = createStrictExcel(undefined, { requirementSets: { ExcelApi: "1.7" }, throwOnLoadWithoutProperties: true });
  const uninstall = excel.install();
  try {
    // The engine as the add-in builds it: Excel.run and Office's own requirement check.
    const engine = createEngine({ run: (batch) => Excel.run(batch), now: NOW });
    const ej = await engine.cargarEjemplo();
    expect(ej.notices).toContain(AVISOS_DEGRADACION.dataValidation);
    expect(ej.notices).toContain(AVISOS_DEGRADACION.pageLayout);
    excel.resetStats();
    const r = await engine.generarResumen("III");
    if (r.status !== "generado") throw new Error("no se generó");
    expect(excel.stats.syncCalls).toBe(3);
    expect(r.notices).toEqual(expect.arrayContaining([AVISOS_DEGRADACION.pageLayout, AVISOS_DEGRADACION.gridlines, AVISOS_DEGRADACION.indent]));
    expect(r.notices.every((n) => /^Esta versión de Excel no permite/.test(n))).toBe(true);
    expect(excel.workbookState.dataValidations).toEqual([]);
    const estado = await engine.estadoLibro();
    expect(estado.capacidades).toMatchObject({ minimum: true, pageLayout: false, dataValidation: false });
    const rc = await Recalculado.of(excel);
    expect(rc.name("PIPC_Ejecutado_Vigencia")).toBe(78);
  } finally {
    uninstall();
  }
});

test("si Excel falla a mitad de la escritura, el último informe queda entero y la siguiente generación limpia", async () => {
  const excel = createStrictExcel();
  await cargarEjemplo({ run: excel.run, isSetSupported: () => true });
  const first = await generarInforme({ run: excel.run, cut: "III", isSetSupported: () => true, now: NOW });
  if (first.status !== "generado") throw new Error("no se generó");
  const report = () => first.sheets.map((s) => sheetCells(excel, s.id));
  const before = report();

  // A run whose third new sheet is followed by a failing command, as a dropped connection would.
  const failing: typeof excel.run = (batch) =>
    excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const add = sheets.add.bind(sheets);
      let n = 0;
      (sheets as unknown as { add: typeof add }).add = (name?: string) => {
        const ws = add(name);
        if (++n === 3) (ctx as unknown as { _enqueueFailure(p: string, e: Error): void })._enqueueFailure("prueba", excelError("GeneralException", "falla inyectada"));
        return ws;
      };
      return batch(ctx);
    });
  const err = await generarInforme({ run: failing, cut: "III", isSetSupported: () => true, now: NOW }).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ExcelEngineError);
  expect((err as ExcelEngineError).code).toBe("excel");
  expect(report()).toEqual(before);
  const reg = parseRegistro(excel.workbookState.settings.get(REGISTRY_KEY));
  expect(reg.generadas.map((h) => h.id)).toEqual(first.sheets.map((s) => s.id));
  expect(reg.pendientes?.names).toHaveLength(first.sheets.length);
  const temporales = excel.workbookState.sheets.filter((s) => s.name.startsWith("PIPC "));
  expect(temporales).toHaveLength(3);

  const again = await generarInforme({ run: excel.run, cut: "III", isSetSupported: () => true, now: NOW });
  expect(again.status).toBe("generado");
  expect(excel.workbookState.sheets.filter((s) => s.name.startsWith("PIPC "))).toEqual([]);
  expect(parseRegistro(excel.workbookState.settings.get(REGISTRY_KEY)).pendientes).toBeNull();
  if (again.status === "generado") expect(again.sheets.map((s) => s.name)).toEqual(first.sheets.map((s) => s.name));
});

test("una tabla propia con un nombre que el informe necesita detiene la generación antes de escribir", async () => {
  const excel = createStrictExcel();
  await cargarEjemplo({ run: excel.run, isSetSupported: () => true });
  await excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("Mis datos");
    ws.getRange("A1:B2").values = [["Mes", "Total"], ["enero", 3]];
    ws.tables.add(ws.getRange("A1:B2"), true).name = "SeguimientoCompromisos";
    await ctx.sync();
  });
  const before = excel.workbookState.sheets.map((s) => sheetCells(excel, s.id));
  excel.resetStats();
  const err = await generarInforme({ run: excel.run, cut: "III", isSetSupported: () => true, now: NOW }).then(() => null, (e: unknown) => e);
  expect((err as ExcelEngineError).code).toBe("name-taken");
  expect((err as ExcelEngineError).message).toMatch(/«SeguimientoCompromisos».*«Mis datos»/);
  expect(excel.stats.roundTrips).toBe(1);
  expect(excel.workbookState.sheets.map((s) => sheetCells(excel, s.id))).toEqual(before);
});

test("Configuración ausente: guardarConfiguracion la crea con los valores elegidos", async () => {
  const excel = createStrictExcel();
  const engine = createEngine({ run: excel.run, isSetSupported: () => true, now: NOW });
  const c = await engine.leerConfiguracion();
  expect(c.existe).toBe(false);
  const r = await engine.guardarConfiguracion({ Entidad: "Alcaldía de Prueba", Vigencia: 2023 });
  expect(r.notices).toEqual(["Se creó la hoja «Configuración» con los valores elegidos."]);
  const d = await engine.leerConfiguracion();
  expect(d.valores).toMatchObject({ Entidad: "Alcaldía de Prueba", Vigencia: 2023, "Umbral medio": 0.8 });
});

test("entradas fuera de su lugar (la tabla en otra hoja, «Configuracion» sin tilde): un segundo viaje de lectura, nada más", async () => {
  const values = plainActividades().slice(2);
  const excel = createStrictExcel({
    sheets: [
      { name: "Plan 2021", rows: { origin: "B2", values }, tables: [{ name: "Actividades", range: `B2:I${1 + values.length}` }] },
      { name: "Configuracion", rows: { origin: "A1", values: [["Clave", "Valor"], ["Entidad", "Entidad de prueba"], ["Cuatrimestre", "II"]] } },
    ],
  });
  const r = await generarInforme({ run: excel.run, isSetSupported: () => true, now: NOW });
  if (r.status !== "generado") throw new Error(JSON.stringify(r.problems));
  expect(r.cut).toBe("II");
  expect(r.resumen.entidad).toBe("Entidad de prueba");
  expect(excel.stats.syncCalls).toBe(4);
  expect(excel.stats.perSync[1].loads).toBeGreaterThan(0);
  const t = excel.workbookState.tables.find((x) => x.name === "Actividades")!;
  expect(t.columns.map((c) => c.name).slice(-5)).toEqual(["ID", "Programado vigencia", "Ejecutado vigencia", "Cumplimiento vigencia", "Estado"]);
});

test("Preparar libro en una tabla Actividades existente: agrega solo las columnas calculadas, sin tocar los datos", async () => {
  const values = plainActividades().slice(2);
  const excel = createStrictExcel({ sheets: [{ name: "Actividades", rows: { origin: "A1", values }, tables: [{ name: "Actividades", range: `A1:H${values.length}` }] }] });
  const cells = () => {
    const s = excel.workbookState.sheets.find((x) => x.name === "Actividades")!;
    return [...s.cells.entries()].filter(([, c]) => c.col < 8).map(([a, c]) => [a, c.value]);
  };
  const before = cells();
  const r = await createEngine({ run: excel.run, isSetSupported: () => true, now: NOW }).prepararLibro();
  expect(r.creadas).toEqual(["Compromisos", "Dependencias", "Configuración"]);
  expect(r.columnasAgregadas).toEqual(["ID", "Programado vigencia", "Ejecutado vigencia", "Cumplimiento vigencia", "Estado"]);
  expect(cells()).toEqual(before);
  const act = excel.workbookState.sheets.find((x) => x.name === "Actividades")!;
  expect(act.cells.get("I2")?.value).toBe("A-001");
  expect(act.cells.get("L2")?.formula).toBe("=IF(Actividades[[#This Row],[Programado vigencia]]>0,Actividades[[#This Row],[Ejecutado vigencia]]/Actividades[[#This Row],[Programado vigencia]],\"\")");
  expect(excel.workbookState.conditionalFormats.filter((c) => c.sheetId === act.id && c.ranges[0].c1 === 11)).toHaveLength(6);
});
