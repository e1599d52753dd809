/**
 * The operations "Generar informe" sends do not grow with the activities, for the same offices,
 * except where the cells themselves grow: office-js sends a write of more than 1,500 cells as one
 * action per 1,500 (src/excel/batch.ts, writeActions), so the ids and texts of ten times more
 * activities cost, unavoidably, about ten times more of those actions. The test pins that this is
 * the only growth: every other operation is the same at 400 and at 4,000 activities (2 offices), and
 * at 2,000 and 20,000 (12 offices, read in blocks at 20,000, every request and response under
 * Excel on the web's limits), and no write pays actions for cells it leaves alone (a tall strip of
 * ids is not written as a wide rectangle of nulls).
 */
import { generarInforme } from "../../src/excel/generate";
import { createStrictExcel } from "../strict-excel";
import { StrictRequestContext } from "../strict-excel/runtime";
import { libroDeEntrada, planSintetico } from "./helpers";

const NOW = () => new Date(2022, 0, 14, 12);

interface Cmd {
  kind: string;
  weight?: number;
  path: string;
  payload?: unknown;
}

/** Generates the report of a synthetic plan, recording every command queued. */
async function generar(actividades: number, compromisos: number, oficinas: number) {
  const excel = createStrictExcel(libroDeEntrada(planSintetico(actividades, compromisos, oficinas)), { throwOnLoadWithoutProperties: true });
  const cmds: Cmd[] = [];
  const proto = StrictRequestContext.prototype as unknown as { _enqueue(c: Cmd): void };
  const original = proto._enqueue;
  proto._enqueue = function (this: unknown, c: Cmd) {
    if (c.kind !== "trace") cmds.push(c);
    return original.call(this, c);
  };
  try {
    const r = await generarInforme({ run: excel.run, cut: "III", isSetSupported: () => true, now: NOW, token: () => "ABCDEF" });
    if (r.status !== "generado") throw new Error(JSON.stringify(r.problems.slice(0, 3)));
    return { excel, r, cmds };
  } finally {
    proto._enqueue = original;
  }
}

const MB = 1024 * 1024;

const isCellWrite = (c: Cmd) => (c.kind === "set:formulas" || c.kind === "set:values") && Array.isArray(c.payload) && Array.isArray((c.payload as unknown[])[0]);

/** A load of a row block of an input (src/excel/read.ts), as opposed to the first request's loads. */
const isBlockLoad = (c: Cmd) => c.kind === "load" && /^workbook\.worksheets\.getItem\("[^"]*"\)\.getRange\("[^"]*"\)$/.test(c.path);

function countByKind(cmds: Cmd[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cmds) if (!isCellWrite(c) && !isBlockLoad(c)) out[c.kind] = (out[c.kind] ?? 0) + (c.weight ?? 1);
  return out;
}

/** Each cell write's office-js actions, path and cells actually written (not null). */
function writes(cmds: Cmd[]) {
  return cmds.filter(isCellWrite).map((c) => {
    const rows = c.payload as unknown[][];
    const cells = rows.reduce((n, r) => n + r.filter((v) => v !== null).length, 0);
    return { path: c.path, weight: c.weight ?? 1, cells };
  });
}

test("400 y 4.000 actividades de las mismas 2 dependencias: las mismas operaciones, salvo las que office-js agrega por cada 1.500 celdas escritas", async () => {
  const small = await generar(400, 300, 2);
  const large = await generar(4000, 300, 2);
  for (const g of [small, large]) {
    expect(g.r.syncs).toBe(3);
    expect(g.excel.stats.syncCalls).toBe(3);
  }
  // Everything but the cell writes, operation for operation.
  expect(countByKind(large.cmds)).toEqual(countByKind(small.cmds));

  // Cell writes: each costs office-js at most one action per 1,500 of the cells it really writes,
  // plus two (a remainder, and a header row over strips of ids): null cells do not make it pay more
  // (a column of 2,000 ids under a header row, written as the 6-column rectangle of nulls it spans,
  // would cost 8).
  for (const w of [...writes(small.cmds), ...writes(large.cmds)]) {
    expect({ path: w.path, weight: w.weight }).toEqual({ path: w.path, weight: Math.min(w.weight, Math.ceil(w.cells / 1500) + 2) });
  }
  // So the growth is that of the cells: some 2,000 ids per office sheet, and the texts listed in
  // Resumen, in blocks of 1,500.
  const growth = large.excel.stats.operations - small.excel.stats.operations;
  const cellGrowth = writes(large.cmds).reduce((n, w) => n + w.cells, 0) - writes(small.cmds).reduce((n, w) => n + w.cells, 0);
  expect(growth).toBeGreaterThan(0);
  // At most one action per 1,500 new cells, plus the writes added (a strip of ids split from its
  // header) and one remainder per write of more than one action.
  const added = writes(large.cmds).length - writes(small.cmds).length;
  const split = writes(large.cmds).filter((w) => w.weight > 1).length;
  expect(growth).toBeLessThanOrEqual(Math.ceil(cellGrowth / 1500) + added + split);
}, 120_000);

test("20.000 actividades de 12 dependencias: cada envío y cada respuesta bajo los límites de Excel en la web, y las mismas operaciones que con 2.000 salvo las de las celdas", async () => {
  const small = await generar(2000, 2000, 12);
  const large = await generar(20000, 2000, 12);
  const stats = large.excel.stats;
  // Nothing refused: every request under 4 MB (the writes in one), every response under 5 MB.
  expect(stats.perSync.filter((s) => s.failed)).toEqual([]);
  expect(stats.largestRequestBytes).toBeLessThan(4 * MB);
  for (const s of stats.perSync) expect(s.responseBytes).toBeLessThan(4 * MB);
  // Some 7 MB of activities to read: the read takes more than one request; then the writes and the
  // registry, one each.
  expect(large.r.syncs).toBe(stats.roundTrips);
  expect(large.r.syncs).toBeGreaterThan(3);
  expect(stats.perSync.slice(0, -2).reduce((n, s) => n + s.responseBytes, 0)).toBeGreaterThan(5 * MB);
  expect(small.r.syncs).toBe(3);
  expect(large.r.resumen.actividades).toHaveLength(20000);

  // The same operations as for 2,000 activities, but for the cell writes and the read's blocks.
  expect(countByKind(large.cmds)).toEqual(countByKind(small.cmds));
  expect(large.cmds.filter(isBlockLoad)).toHaveLength(large.r.syncs - 3);
  for (const w of writes(large.cmds)) {
    expect({ path: w.path, weight: w.weight }).toEqual({ path: w.path, weight: Math.min(w.weight, Math.ceil(w.cells / 1500) + 2) });
  }
}, 300_000);
