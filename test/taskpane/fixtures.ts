/**
 * The pane's engine over the real Office.js engine and the strict in-memory Excel (the browser
 * demo's own stack), brought to the states the tests start from. No mocks: what the pane shows in
 * these tests is what the engine computed.
 */
import { crearDemo, type Demo } from "../../src/taskpane/browser/demo";
import type { ResultadoVista } from "../../src/taskpane/services/paneEngine";

/** An empty workbook, prepared, with the 2021 example loaded. */
export async function demo2021(): Promise<Demo> {
  const d = crearDemo();
  await d.engine.prepararLibro();
  await d.engine.cargarEjemplo();
  return d;
}

/** The 2021 example generated for cut III. */
export async function generado2021III(): Promise<{ demo: Demo; resultado: ResultadoVista; etapas: string[] }> {
  const demo = await demo2021();
  const etapas: string[] = [];
  const g = await demo.engine.generarResumen("III", (e) => etapas.push(e));
  if (g.status !== "generado") throw new Error(`the 2021 example did not generate: ${JSON.stringify(g.problemas.slice(0, 3))}`);
  return { demo, resultado: g.resultado, etapas };
}

/** Writes one cell of the in-memory workbook, as an official typing into it. */
export async function escribir(demo: Demo, sheet: string, address: string, value: string | number): Promise<void> {
  await demo.libro.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).values = [[value]];
    await context.sync();
  });
}

/** The selected range's address ("Actividades!F7"). */
export async function seleccion(demo: Demo): Promise<string> {
  return demo.libro.run(async (context) => {
    const r = context.workbook.getSelectedRange();
    r.load("address");
    await context.sync();
    return r.address;
  });
}
