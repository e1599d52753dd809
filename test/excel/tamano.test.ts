/**
 * Round trips do not grow with the plan: the whole report of 5,000 activities and 2,000
 * commitments (a synthetic plan) costs the same three syncs as the 16 of the sample, every request
 * under Excel on the web's limits. Inputs too long for one response (20,000 commitments) are read in
 * blocks, each response under the 5 MB limit, and the writes still go in one request. And when the
 * writes do not fit in one request (the limit lowered here to make them not fit), they go in chunks
 * under the limit, one sync per chunk.
 */
import { createStrictExcel, fromXlsx } from "../strict-excel";
import { generarInforme } from "../../src/excel/generate";
import { cargarEjemplo } from "../../src/excel/prepare";
import { Recalculado, libroDeEntrada, planSintetico } from "./helpers";

const NOW = () => new Date(2022, 0, 14, 12);
const MB = 1024 * 1024;

test("16 actividades: 3 syncs", async () => {
  const excel = createStrictExcel(undefined, { throwOnLoadWithoutProperties: true });
  await cargarEjemplo({ run: excel.run, isSetSupported: () => true });
  excel.resetStats();
  const r = await generarInforme({ run: excel.run, cut: "III", isSetSupported: () => true, now: NOW });
  expect(r.status).toBe("generado");
  expect(excel.stats.syncCalls).toBe(3);
  expect(excel.stats.roundTrips).toBe(3);
  expect(excel.stats.loadsWithoutProperties).toBe(0);
});

test("5.000 actividades y 2.000 compromisos: los mismos 3 syncs, cada envío bajo 4 MB", async () => {
  const excel = createStrictExcel(undefined, { throwOnLoadWithoutProperties: true });
  const data = planSintetico(5000, 2000);
  await cargarEjemplo({ run: excel.run, isSetSupported: () => true, data });
  excel.resetStats();
  const r = await generarInforme({ run: excel.run, cut: "III", isSetSupported: () => true, now: NOW });
  if (r.status !== "generado") throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  expect(excel.stats.syncCalls).toBeLessThanOrEqual(3);
  expect(excel.stats.roundTrips).toBe(r.syncs);
  expect(excel.stats.loadsWithoutProperties).toBe(0);
  expect(excel.stats.largestRequestBytes).toBeLessThan(4 * MB);
  expect(Math.max(...excel.stats.perSync.map((s) => s.responseBytes))).toBeLessThan(5 * MB);
  // Every activity is in its office's table, and every commitment was read.
  const deps = excel.workbookState.tables.filter((t) => /^Dependencia_\d+$/.test(t.name));
  expect(deps.reduce((n, t) => n + (t.rect.r2 - t.rect.r1), 0)).toBe(5000);
  expect(r.resumen.actividades).toHaveLength(5000);
  expect(r.resumen.compromisos.reduce((n, m) => n + m.recogidos, 0)).toBe(2000);
}, 600_000);

test("1.200 actividades y 20.000 compromisos: la lectura va por bloques, cada respuesta bajo 5 MB, y la escritura en un solo envío", async () => {
  const excel = createStrictExcel(libroDeEntrada(planSintetico(1200, 20000)), { throwOnLoadWithoutProperties: true });
  const r = await generarInforme({ run: excel.run, cut: "III", isSetSupported: () => true, now: NOW });
  if (r.status !== "generado") throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  const perSync = excel.stats.perSync;
  expect(perSync.filter((s) => s.failed)).toEqual([]);
  expect(excel.stats.roundTrips).toBe(r.syncs);
  expect(excel.stats.syncCalls).toBe(r.syncs);
  // Some 6 MB to read: more than one read request, then the writes and the registry.
  const reads = perSync.slice(0, -2);
  expect(reads.length).toBeGreaterThan(1);
  expect(reads.reduce((n, s) => n + s.responseBytes, 0)).toBeGreaterThan(5 * MB);
  for (const s of perSync) expect(s.responseBytes).toBeLessThan(4 * MB);
  expect(excel.stats.largestRequestBytes).toBeLessThan(4 * MB);
  expect(r.resumen.actividades).toHaveLength(1200);
  expect(r.resumen.compromisos.reduce((n, m) => n + m.recogidos, 0)).toBe(20000);
}, 300_000);

test("pasado el límite, los envíos van por partes de a lo sumo el límite, un sync por parte, y el informe queda igual", async () => {
  const limit = 96 * 1024;
  const data = planSintetico(300, 120);
  // The example is loaded by an Excel with the usual limit; the report is generated in copies of it.
  const loader = createStrictExcel(undefined, {});
  await cargarEjemplo({ run: loader.run, isSetSupported: () => true, data });
  const chunked = createStrictExcel(await fromXlsx(await loader.toXlsx()), { throwOnLoadWithoutProperties: true, payloadLimitBytes: limit });
  const r = await generarInforme({ run: chunked.run, cut: "III", isSetSupported: () => true, now: NOW, limitBytes: limit });
  if (r.status !== "generado") throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  const writes = chunked.stats.perSync.slice(1, -1);
  expect(writes.length).toBeGreaterThan(1);
  expect(chunked.stats.roundTrips).toBe(r.syncs);
  expect(chunked.stats.syncCalls).toBe(2 + writes.length);
  for (const w of writes) expect(w.requestBytes).toBeLessThanOrEqual(limit);
  // Calculation stays suspended in every chunk.
  expect(writes.every((w) => w.suspendedCalculation)).toBe(true);

  // The same report as one request gives.
  const whole = createStrictExcel(await fromXlsx(await loader.toXlsx()), {});
  const w = await generarInforme({ run: whole.run, cut: "III", isSetSupported: () => true, now: NOW, token: () => "ABCDEF" });
  expect(w.status).toBe("generado");
  const cells = (e: typeof whole, name: string) => {
    const s = e.workbookState.sheets.find((x) => x.name === name)!;
    return [...s.cells.entries()].map(([a, c]) => [a, c.value ?? null, c.formula ?? null]);
  };
  for (const s of r.status === "generado" ? r.sheets : []) expect(cells(chunked, s.name)).toEqual(cells(whole, s.name));
  const rc = await Recalculado.of(chunked);
  const p = data.actividades.reduce((t, a) => t + a.programado[0] + a.programado[1] + a.programado[2], 0);
  const e = data.actividades.reduce((t, a) => t + a.ejecutado[0] + a.ejecutado[1] + a.ejecutado[2], 0);
  expect(rc.name("PIPC_Programado_Vigencia")).toBe(p);
  expect(rc.name("PIPC_Ejecutado_Vigencia")).toBe(e);
}, 300_000);
