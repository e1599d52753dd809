/**
 * The bench's synthetic plans (scripts/bench-plan.ts) are deterministic, valid and of the size asked,
 * and the bench finds the task pane's scripts in a production page.
 */
import { parseWorkbook, rawWorkbookFromInput } from "../../src/domain/parse";
import { inputWorkbookSpec } from "../../src/report/input";
import { applySpecs, newWorkbook, toBuffer } from "../../src/xlsx";
import { benchPlan, OFICINAS, seededRandom } from "../../scripts/bench-plan";
import { machine, taskpaneScripts } from "../../scripts/bench-env";
import { sheetParts } from "../property/xlsx-compare";

const TODAY = new Date(Date.UTC(2022, 0, 14));

async function inputFile(activities: number, commitments: number, seed: number): Promise<Buffer> {
  const wb = newWorkbook();
  applySpecs(wb, { sheets: inputWorkbookSpec(benchPlan({ activities, commitments, seed })), names: [], computedColumns: [] });
  return toBuffer(wb);
}

test("the same seed gives the same plan, byte for byte; another seed another plan", () => {
  const a = JSON.stringify(benchPlan({ activities: 500, commitments: 800, seed: 7 }));
  expect(JSON.stringify(benchPlan({ activities: 500, commitments: 800, seed: 7 }))).toBe(a);
  expect(JSON.stringify(benchPlan({ activities: 500, commitments: 800, seed: 8 }))).not.toBe(a);
  // The generator itself: a fixed sequence for a seed, whatever the platform.
  const r = seededRandom(2021);
  expect([r(), r(), r()].map((x) => Math.floor(x * 1e6))).toEqual([775491, 235994, 896193]);
});

test("the same seed gives the same input workbook: every sheet's XML parts identical", async () => {
  const names = ["Actividades", "Compromisos", "Dependencias", "Configuración"];
  const [a, b] = await Promise.all([inputFile(300, 400, 3), inputFile(300, 400, 3)]);
  const pa = await sheetParts(a, names);
  expect(Object.keys(pa)).toEqual(names);
  expect(await sheetParts(b, names)).toEqual(pa);
  expect(await sheetParts(await inputFile(300, 400, 4), names)).not.toEqual(pa);
});

test("a plan of the size asked, over the fixed offices, without a single problem", () => {
  const data = benchPlan({ activities: 2000, commitments: 5000, seed: 2021 });
  expect(data.actividades).toHaveLength(2000);
  expect(data.compromisos).toHaveLength(5000);
  expect(data.dependencias.map((d) => d.sigla)).toEqual(OFICINAS.map((o) => o.sigla));
  expect(new Set(data.actividades.map((a) => a.id)).size).toBe(2000);
  const { plan, problems } = parseWorkbook(rawWorkbookFromInput(data), { today: TODAY });
  expect(problems).toEqual([]);
  expect(plan!.dependencias).toHaveLength(OFICINAS.length);
  // Every office has activities, and commitments fall in every month of the vigencia.
  expect(new Set(plan!.actividades.map((a) => a.dependencia)).size).toBe(OFICINAS.length);
  expect(new Set(plan!.compromisos.map((c) => c.fecha.slice(5, 7))).size).toBe(12);
  expect(plan!.config).toMatchObject({ vigencia: 2021, cuatrimestre: "III", dependenciaCompromisos: "OAP" });
});

test("fewer offices on request, never none", () => {
  expect(benchPlan({ activities: 10, commitments: 0, offices: 3 }).dependencias).toHaveLength(3);
  expect(benchPlan({ activities: 10, commitments: 0, offices: 0 }).dependencias).toHaveLength(1);
});

test("the scripts of a production task pane page, quoted or not, without office.js", () => {
  const minified =
    '<!doctype html><html><head><script src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js></script><script defer src=taskpane.36af10d7.js></script><script defer="defer" src="vendor.1234abcd.js"></script></head></html>';
  expect(taskpaneScripts(minified)).toEqual(["taskpane.36af10d7.js", "vendor.1234abcd.js"]);
  expect(machine()).toMatch(/\d+ cores, [\d.]+ GB RAM, Node v\d+/);
});
