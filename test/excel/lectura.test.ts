/**
 * Reading the open workbook (src/excel/read.ts) within Excel on the web's 5 MB response limit: a
 * plan of 20,000 activities and 20,000 commitments (some 12 MB of values and number formats) comes
 * in row blocks whose responses stay under the limit, and reads exactly as one unlimited request
 * would; when Excel refuses a response anyway, the read asks again in smaller blocks.
 */
import { parseWorkbook } from "../../src/domain/parse";
import { ExcelEngineError } from "../../src/excel/errors";
import { readSnapshot } from "../../src/excel/read";
import { createStrictExcel } from "../strict-excel";
import { libroDeEntrada, planSintetico } from "./helpers";

const MB = 1024 * 1024;

/** The same workbook read in one request, with Excel's limits lifted. */
async function lecturaSinLimites(initial: ReturnType<typeof libroDeEntrada>) {
  const excel = createStrictExcel(initial, { responseLimitBytes: 1 << 30, payloadLimitBytes: 1 << 30 });
  const r = await excel.run((ctx) => readSnapshot(ctx, undefined, { headRows: 1_048_576 }));
  expect(r.syncs).toBe(1);
  return r.snap.raw;
}

test("20.000 actividades y 20.000 compromisos: la lectura va por bloques, cada respuesta bajo 5 MB, y lee lo mismo que una sola lectura sin límites", async () => {
  const initial = libroDeEntrada(planSintetico(20000, 20000));
  const excel = createStrictExcel(initial, { throwOnLoadWithoutProperties: true });
  const r = await excel.run((ctx) => readSnapshot(ctx));
  const responses = excel.stats.perSync.map((s) => s.responseBytes);
  // More than one request, each response safely under the limit (none refused).
  expect(r.syncs).toBeGreaterThan(1);
  expect(excel.stats.roundTrips).toBe(r.syncs);
  expect(excel.stats.perSync.filter((s) => s.failed)).toEqual([]);
  expect(Math.max(...responses)).toBeLessThan(4 * MB);
  // Everything read: some 12 MB, so at least three requests under 5 MB.
  const total = responses.reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(10 * MB);
  expect(r.syncs).toBeGreaterThanOrEqual(Math.ceil(total / (5 * MB)));

  expect(r.snap.raw).toEqual(await lecturaSinLimites(initial));
  const { plan } = parseWorkbook(r.snap.raw, { today: new Date(2022, 0, 14) });
  expect(plan?.actividades).toHaveLength(20000);
  expect(plan?.compromisos).toHaveLength(20000);
}, 120_000);

test("un libro pequeño se lee en un solo viaje", async () => {
  const initial = libroDeEntrada(planSintetico(300, 100));
  const excel = createStrictExcel(initial, { throwOnLoadWithoutProperties: true });
  const r = await excel.run((ctx) => readSnapshot(ctx));
  expect(r.syncs).toBe(1);
  expect(excel.stats.roundTrips).toBe(1);
  expect(r.snap.raw).toEqual(await lecturaSinLimites(initial));
});

test("si Excel rechaza una respuesta por grande, se vuelve a pedir en bloques menores y se lee todo, con lo que el llamador pidió al lado", async () => {
  const initial = libroDeEntrada(planSintetico(2000, 600));
  const limit = 256 * 1024;
  const excel = createStrictExcel(initial, { responseLimitBytes: limit, throwOnLoadWithoutProperties: true });
  const r = await excel.run((ctx) =>
    readSnapshot(ctx, () => {
      const ws = ctx.workbook.worksheets.getItem("Actividades");
      ws.load("name");
      return () => ws.name;
    }),
  );
  const failed = excel.stats.perSync.filter((s) => s.failed);
  // The first request (the first 5,120 rows of each input) was refused, and so were blocks sized by
  // the first estimates; every response Excel gave is under the limit.
  expect(failed.length).toBeGreaterThan(0);
  expect(failed.every((s) => s.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
  expect(excel.stats.perSync[0].failed).toBe("ResponsePayloadSizeLimitExceeded");
  for (const s of excel.stats.perSync.filter((x) => !x.failed)) expect(s.responseBytes).toBeLessThanOrEqual(limit);
  expect(r.syncs).toBe(excel.stats.roundTrips);
  expect(r.alongside()).toBe("Actividades");
  expect(r.snap.raw).toEqual(await lecturaSinLimites(initial));
}, 120_000);

test("una fila que por sí sola pasa del límite de respuesta: un error en español que nombra la hoja y la fila", async () => {
  const filas = Array.from({ length: 60 }, (_, i) => [{ text: `A-${i}` }, { text: "OAP" }, { text: i === 48 ? "x".repeat(6000) : `Actividad ${i}` }, 1, 1]);
  const excel = createStrictExcel(
    { sheets: [{ name: "Actividades", rows: { origin: "A1", values: [["ID", "Dependencia", "Actividad", "Programado I", "Ejecutado I"], ...filas] } }] },
    { responseLimitBytes: 5000 },
  );
  const error = await excel.run((ctx) => readSnapshot(ctx, undefined, { budgetBytes: 4000 })).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExcelEngineError);
  expect((error as ExcelEngineError).code).toBe("payload-too-large");
  expect((error as ExcelEngineError).message).toBe(
    "La fila 50 de la hoja «Actividades» tiene más texto del que Excel entrega de una vez (5 MB): acorte los textos largos de sus celdas y vuelva a intentarlo.",
  );
});
