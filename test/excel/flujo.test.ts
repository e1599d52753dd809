/**
 * Every step an official takes in Excel, in order, against the strict Excel: prepare the workbook,
 * load the example, validate, generate each cut, publish, publish again, regenerate, and generate
 * after making a sheet of their own called "Resumen". The figures the add-in leaves in the workbook
 * are checked after LibreOffice recalculates the strict Excel's state saved as .xlsx: they are the
 * seed report's.
 */
import { createStrictExcel } from "../strict-excel";
import { versionAtLeast } from "../strict-excel/typings";
import { createEngine, ExcelEngineError, type PipcEngine } from "../../src/excel/engine";
import { REGISTRY_KEY, parseRegistro } from "../../src/excel/registry";
import { COLUMNAS_ACTIVIDADES_CALCULADAS, type Cuatrimestre } from "../../src/domain";
import { Recalculado, sheetCells } from "./helpers";

const NOW = new Date(2022, 0, 14, 12, 0, 0);
const excel = createStrictExcel(undefined, { throwOnLoadWithoutProperties: true });
const isSetSupported = (name: string, v?: string) => {
  const have = excel.options.requirementSets[name];
  return have !== undefined && (v === undefined || versionAtLeast(have, v));
};
const engine: PipcEngine = createEngine({ run: excel.run, isSetSupported, now: () => NOW });

const sheetNames = () => excel.workbookState.sheets.map((s) => s.name);
const sheetByName = (name: string) => excel.workbookState.sheets.find((s) => s.name === name)!;
const registro = () => parseRegistro(excel.workbookState.settings.get(REGISTRY_KEY));
/** Every cell of every sheet, for "nothing changed" checks. */
const allCells = () => excel.workbookState.sheets.map((s) => sheetCells(excel, s.id));

/** A batch of the official's own, typed through the same Office.js API. */
async function official(batch: (ctx: Excel.RequestContext) => void): Promise<void> {
  await excel.run(async (ctx) => {
    batch(ctx);
    await ctx.sync();
  });
}

let reportNames: string[] = [];

test("un libro nuevo: no hay entradas, y validar dice que falta Actividades", async () => {
  const estado = await engine.estadoLibro();
  expect(estado.entradas).toEqual({ Actividades: false, Compromisos: false, Dependencias: false, Configuración: false });
  expect(estado.informe).toEqual([]);
  const problems = await engine.validar();
  expect(problems.find((p) => p.code === "missing-sheet")?.message.es).toMatch(/Actividades/);
});

test("Preparar libro crea las hojas de entrada con sus tablas, validaciones y columnas calculadas", async () => {
  const r = await engine.prepararLibro();
  expect(r.creadas).toEqual(["Actividades", "Compromisos", "Dependencias", "Configuración"]);
  expect(r.columnasAgregadas).toEqual(COLUMNAS_ACTIVIDADES_CALCULADAS.map((c) => c.header));
  const act = excel.workbookState.tables.find((t) => t.name === "Actividades")!;
  expect(act.columns.map((c) => c.name)).toEqual([
    "ID", "Dependencia", "Actividad", "Programado I", "Ejecutado I", "Programado II", "Ejecutado II", "Programado III", "Ejecutado III",
    "Responsable", "Evidencias", "Observaciones", "Programado vigencia", "Ejecutado vigencia", "Cumplimiento vigencia", "Estado",
  ]);
  // The band colours sit on Cumplimiento vigencia (column O), one rule per band, stopping at the first.
  const cfs = excel.workbookState.conditionalFormats.filter((c) => c.sheetId === act.sheetId && c.ranges.some((x) => x.c1 === 14));
  expect(cfs.length).toBe(6);
  expect(cfs.every((c) => c.stopIfTrue)).toBe(true);
  expect(excel.workbookState.dataValidations.length).toBeGreaterThan(0);
  const estado = await engine.estadoLibro();
  expect(estado.entradas).toEqual({ Actividades: true, Compromisos: true, Dependencias: true, Configuración: true });

  // Preparing again changes nothing at all.
  const before = allCells();
  const again = await engine.prepararLibro();
  expect(again).toEqual({ creadas: [], columnasAgregadas: [], clavesAgregadas: [], notices: [] });
  expect(allCells()).toEqual(before);
});

test("Preparar libro nunca escribe sobre lo que el funcionario escribió", async () => {
  await official((ctx) => {
    ctx.workbook.worksheets.getItem("Actividades").getRange("B3:C3").values = [["OAP", "Una actividad escrita a mano"]];
  });
  const before = allCells();
  await engine.prepararLibro();
  expect(allCells()).toEqual(before);
  // The official clears it again, so the example can load.
  await official((ctx) => {
    ctx.workbook.worksheets.getItem("Actividades").getRange("B3:C3").values = [["", ""]];
  });
});

test("Cargar ejemplo 2021 llena el libro preparado (sin datos) y se niega si ya hay datos", async () => {
  const r = await engine.cargarEjemplo();
  expect(r.hojas).toEqual(["Actividades", "Compromisos", "Dependencias", "Configuración"]);
  expect(sheetNames().slice(0, 4)).toEqual(["Actividades", "Compromisos", "Dependencias", "Configuración"]);
  const estado = await engine.estadoLibro();
  expect(estado).toMatchObject({ actividades: 16, vigencia: 2021, cuatrimestre: "III", errores: 0 });
  expect(estado.dependencias).toBeGreaterThan(1);
  expect(estado.compromisos).toBeGreaterThan(1);

  const err = await engine.cargarEjemplo().then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ExcelEngineError);
  expect((err as ExcelEngineError).code).toBe("not-empty");
  expect((err as ExcelEngineError).message).toMatch(/«Actividades».*ya (tiene|tienen) datos.*libro nuevo/);
});

test("validar no encuentra errores en el ejemplo", async () => {
  const problems = await engine.validar();
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
});

test.each(["I", "II", "III"] as Cuatrimestre[])("genera el corte %s en 3 round trips a lo sumo, sin load() sin propiedades", async (cut) => {
  excel.resetStats();
  const etapas: string[] = [];
  const r = await engine.generarResumen(cut, (e) => etapas.push(e));
  if (r.status !== "generado") throw new Error(JSON.stringify(r.problems));
  expect(r.cut).toBe(cut);
  expect(r.resumen.corte).toBe(cut);
  expect(etapas).toEqual(["Leyendo el libro", "Validando los datos", "Escribiendo el informe", "Guardando el registro del informe"]);
  expect(excel.stats.syncCalls).toBeLessThanOrEqual(3);
  expect(r.syncs).toBe(excel.stats.roundTrips);
  expect(excel.stats.loadsWithoutProperties).toBe(0);
  expect(excel.stats.textBecameFormula).toEqual([]);
  expect(excel.stats.textCoerced).toEqual([]);
  expect(excel.stats.perSync.every((s) => s.suspendedCalculation || s.index !== 2)).toBe(true);
  const names = r.sheets.map((s) => s.name);
  expect(names[0]).toBe("Resumen");
  expect(names[names.length - 1]).toBe("Seguimiento compromisos");
  expect(names.slice(1, -1).every((n, i) => n.startsWith(`3.${i + 1} `))).toBe(true);
  if (reportNames.length > 0) expect(names).toEqual(reportNames);
  reportNames = names;
  // Exactly one report in the workbook, in the registry by id.
  expect(sheetNames().filter((n) => n === "Resumen")).toHaveLength(1);
  expect(registro().generadas.map((h) => h.id)).toEqual(r.sheets.map((s) => s.id));
  expect(registro().pendientes).toBeNull();
  expect(sheetNames().some((n) => n.startsWith("PIPC "))).toBe(false);
});

test("LibreOffice recalcula lo que el complemento escribió: las cifras del informe semilla", async () => {
  const rc = await Recalculado.of(excel, "test-results/excel/flujo-III.xlsx");
  expect(rc.name("PIPC_Programado_Vigencia")).toBe(69);
  expect(rc.name("PIPC_Ejecutado_Vigencia")).toBe(78);
  expect(rc.name("PIPC_Cumplimiento_Vigencia")).toBeCloseTo(78 / 69, 10);
  expect(rc.name("PIPC_Programado_Cuatrimestre")).toBe(28);
  expect(rc.name("PIPC_Ejecutado_Cuatrimestre")).toBe(35);
  expect(rc.name("PIPC_Cumplimiento_Cuatrimestre")).toBeCloseTo(1.25, 10);
  // The first activity's compliance, in the computed column the add-in added to Actividades.
  const ws = rc.workbook.getWorksheet("Actividades")!;
  const headers = (ws.getRow(2).values as unknown[]).map(String);
  const col = headers.indexOf("Cumplimiento vigencia");
  expect(rc.value("Actividades", `${String.fromCharCode(64 + col)}3`)).toBeCloseTo(1.45, 10);
  const estado = headers.indexOf("Estado");
  expect(rc.value("Actividades", `${String.fromCharCode(64 + estado)}3`)).toBe("Sobreejecutado");
});

let published: string[] = [];
let snapshotBefore: unknown[] = [];

test("Publicar corte copia el informe en valores, protegido, con la fecha, y lo registra", async () => {
  // The official adds a sheet of their own, which nothing of the add-in may touch.
  await official((ctx) => {
    const ws = ctx.workbook.worksheets.add("Notas");
    ws.getRange("A1:B2").values = [["Notas de la oficina", "2022"], ["Enviar el informe a", "Control Interno"]];
  });
  await excel.recalculate();
  const r = await engine.publicarCorte();
  if (r.status !== "publicado") throw new Error(JSON.stringify(r));
  expect(r.corte).toBe("III-2021");
  published = r.hojas.map((h) => h.name);
  expect(published).toEqual(reportNames.map((n) => `Corte III-2021 ${n}`.slice(0, 31).trimEnd()));
  expect(published.every((n) => n.length <= 31)).toBe(true);
  for (const h of r.hojas) {
    const s = excel.workbookState.sheets.find((x) => x.id === h.id)!;
    expect(s.protection.protected).toBe(true);
    expect(s.protection.password).toBeUndefined();
    expect([...s.cells.values()].some((c) => c.formula !== undefined)).toBe(false);
    expect([...s.cells.values()].some((c) => typeof c.value === "string" && c.value.includes("publicado el 14/01/2022 12:00"))).toBe(true);
    // Colours frozen with the values: no rule follows the live threshold names.
    const rules = excel.workbookState.conditionalFormats.filter((cf) => cf.sheetId === h.id).map((cf) => cf.formula);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.join(" ")).not.toMatch(/PIPC_Umbral/i);
  }
  // The tracker's % Cumplido rules compare with the thresholds themselves: now constants.
  const snapIds = new Set(r.hojas.map((h) => h.id));
  const snapRules = excel.workbookState.conditionalFormats.filter((cf) => snapIds.has(cf.sheetId)).map((cf) => cf.formula);
  expect(snapRules.join(" ")).toMatch(/>1\.2\b/);
  // The figure behind PIPC_Cumplimiento_Vigencia, frozen as a value in the snapshot of Resumen.
  const target = excel.workbookState.names.find((n) => n.name === "PIPC_Cumplimiento_Vigencia")!.formula;
  const cell = /\$([A-Z]+)\$(\d+)$/.exec(target)!;
  const snap = sheetByName("Corte III-2021 Resumen");
  expect(snap.cells.get(`${cell[1]}${cell[2]}`)?.value).toBeCloseTo(78 / 69, 10);
  expect(registro().cortes.map((c) => c.corte)).toEqual(["III-2021"]);
  const estado = await engine.estadoLibro();
  expect(estado.cortes).toEqual([{ corte: "III-2021", publicado: NOW.toISOString(), hojas: published }]);
});

test("publicar el mismo corte otra vez pregunta, y al confirmar reemplaza solo ese corte", async () => {
  const ask = await engine.publicarCorte();
  expect(ask.status).toBe("ya-publicado");
  if (ask.status !== "ya-publicado") return;
  expect(ask.mensaje).toMatch(/^El corte III-2021 ya se publicó el 14\/01\/2022/);
  const oldIds = registro().cortes[0].hojas.map((h) => h.id);
  const r = await engine.publicarCorte(true);
  expect(r.status).toBe("publicado");
  if (r.status !== "publicado") return;
  expect(r.hojas.map((h) => h.name)).toEqual(published);
  expect(r.hojas.some((h) => oldIds.includes(h.id))).toBe(false);
  expect(excel.workbookState.sheets.some((s) => oldIds.includes(s.id))).toBe(false);
  expect(registro().cortes).toHaveLength(1);
});

test("regenerar es idempotente: los mismos nombres, y ni las hojas del usuario ni el corte publicado cambian", async () => {
  const mine = () => ["Notas", ...published].map((n) => sheetCells(excel, sheetByName(n).id));
  snapshotBefore = mine();
  const inputsBefore = ["Compromisos", "Dependencias", "Configuración"].map((n) => sheetCells(excel, sheetByName(n).id));
  const r = await engine.generarResumen("III");
  if (r.status !== "generado") throw new Error("no se generó");
  expect(r.sheets.map((s) => s.name)).toEqual(reportNames);
  expect(r.notices).toEqual([]);
  expect(mine()).toEqual(snapshotBefore);
  expect(["Compromisos", "Dependencias", "Configuración"].map((n) => sheetCells(excel, sheetByName(n).id))).toEqual(inputsBefore);
  expect(sheetNames().filter((n) => n.startsWith("Corte III-2021"))).toEqual(published);
});

test("una hoja propia llamada «Resumen» se deja como está: el informe toma otro nombre y lo avisa", async () => {
  // The official renames the report's Resumen and makes a Resumen of their own.
  await official((ctx) => {
    ctx.workbook.worksheets.getItem("Resumen").name = "Resumen que guardé";
    const ws = ctx.workbook.worksheets.add("Resumen");
    ws.getRange("A1").values = [["Mi propio resumen"]];
  });
  const own = sheetCells(excel, sheetByName("Resumen").id);
  const r = await engine.generarResumen("III");
  if (r.status !== "generado") throw new Error("no se generó");
  expect(r.sheets[0].name).toBe("Resumen (2)");
  expect(r.notices).toEqual([
    "La hoja «Resumen» no la creó el complemento y se dejó como está; la hoja generada se llama «Resumen (2)». Cambie el nombre de su hoja si quiere que el informe use «Resumen».",
  ]);
  expect(sheetCells(excel, sheetByName("Resumen").id)).toEqual(own);
  // The renamed sheet was the add-in's (by id): replaced like the rest of the old report.
  expect(sheetNames()).not.toContain("Resumen que guardé");
  expect(["Notas", ...published].map((n) => sheetCells(excel, sheetByName(n).id))).toEqual(snapshotBefore);
  expect(excel.workbookState.names.find((n) => n.name === "PIPC_Programado_Vigencia")!.formula).toMatch(/^='Resumen \(2\)'!\$C\$\d+$/);

  const rc = await Recalculado.of(excel);
  expect(rc.name("PIPC_Programado_Vigencia")).toBe(69);
  expect(rc.name("PIPC_Ejecutado_Vigencia")).toBe(78);
  expect(rc.value("Resumen", "A1")).toBe("Mi propio resumen");
});

test("seleccionarCelda lleva a la celda de un problema; activarHoja a una hoja", async () => {
  await engine.seleccionarCelda("Actividades!F7");
  const act = sheetByName("Actividades");
  expect(excel.workbookState.activeSheetId).toBe(act.id);
  expect(excel.workbookState.selection).toEqual({ sheetId: act.id, rect: { r1: 6, c1: 5, r2: 6, c2: 5 } });
  await engine.seleccionarCelda("'Seguimiento compromisos'!B5:C6");
  expect(excel.workbookState.activeSheetId).toBe(sheetByName("Seguimiento compromisos").id);
  await engine.activarHoja("Configuracion");
  expect(excel.workbookState.activeSheetId).toBe(sheetByName("Configuración").id);
  const err = await engine.seleccionarCelda("Hoja que no existe!A1").then(() => null, (e: unknown) => e);
  expect((err as ExcelEngineError).code).toBe("bad-reference");
  expect((err as ExcelEngineError).message).toMatch(/No existe la hoja «Hoja que no existe»/);
});

test("leerConfiguracion y guardarConfiguracion: solo cambian los valores elegidos", async () => {
  const c = await engine.leerConfiguracion();
  expect(c.existe).toBe(true);
  expect(c.valores).toMatchObject({ Vigencia: 2021, Cuatrimestre: "III", "Umbral bajo": 0.6 });
  expect(c.efectiva?.umbrales).toEqual({ bajo: 0.6, medio: 0.8, sobreejecucion: 1.2 });
  await engine.guardarConfiguracion({ Entidad: "Entidad de =prueba", "Umbral bajo": 0.5, Cuatrimestre: null });
  const d = await engine.leerConfiguracion();
  expect(d.valores.Entidad).toBe("Entidad de =prueba");
  expect(d.valores["Umbral bajo"]).toBe(0.5);
  expect(d.valores.Cuatrimestre).toBeNull();
  expect(d.valores.Vigencia).toBe(2021);
  expect(d.efectiva?.umbrales.bajo).toBe(0.5);
});
