/**
 * The pane's port over the real engine (src/excel) and the strict in-memory Excel: the whole
 * workflow an official follows, as the pane sees it.
 */
import { crearDemo } from "../../src/taskpane/browser/demo";
import { cambios, configVista, valoresDe } from "../../src/taskpane/services/officeEngine";
import { etapaDe } from "../../src/taskpane/state/paneState";
import type { ConfiguracionVista } from "../../src/taskpane/services/paneEngine";
import { demo2021, escribir, generado2021III, seleccion } from "./fixtures";

describe("the workflow on the engine", () => {
  test("an empty workbook: every input missing, nothing counted", async () => {
    const { engine } = crearDemo();
    const e = await engine.estadoLibro();
    expect(e.hojas).toEqual([
      { nombre: "Actividades", presente: false, requerida: true },
      { nombre: "Dependencias", presente: false, requerida: false },
      { nombre: "Compromisos", presente: false, requerida: false },
      { nombre: "Configuración", presente: false, requerida: false },
    ]);
    expect(e).toMatchObject({ actividades: 0, dependencias: 0, compromisos: 0, informe: [], oficinas: [] });
  });

  test("prepare, then the example: the 2021 plan with its offices", async () => {
    const { engine } = crearDemo();
    await engine.prepararLibro();
    const preparado = await engine.estadoLibro();
    expect(preparado.hojas.every((h) => h.presente)).toBe(true);
    expect(preparado.actividades).toBe(0);
    await engine.cargarEjemplo();
    const e = await engine.estadoLibro();
    expect(e).toMatchObject({ actividades: 16, dependencias: 5, compromisos: 279, vigencia: 2021, corte: "III" });
    expect(e.oficinas.map((o) => o.sigla)).toEqual(["OAP", "ACPVR", "ACDTIC", "SFI", "SSC"]);
    expect(await engine.validar()).toEqual([]);
  });

  test("generating cut III: the seed report's figures, the sheets, and stages the pane can name in order", async () => {
    const { demo, resultado, etapas } = await generado2021III();
    expect(resultado.corte).toBe("III");
    expect(resultado.resumen.vigencia).toMatchObject({ programado: 69, ejecutado: 78, banda: "Satisfactorio" });
    expect(resultado.resumen.cuatrimestre).toEqual({ programado: 28, ejecutado: 35, cumplimiento: 1.25, banda: "Sobreejecutado" });
    expect(resultado.hojas[0]).toBe("Resumen");
    expect(resultado.hojas).toHaveLength(7);
    expect(resultado.hojas.at(-1)).toBe("Seguimiento compromisos");
    const mapped = etapas.map(etapaDe);
    expect(mapped).not.toContain(null);
    expect(mapped.slice(0, 2)).toEqual(["leyendo", "validando"]);
    expect(mapped).toContain("escribiendo");
    expect((await demo.engine.estadoLibro()).informe).toEqual(resultado.hojas);
  });

  test("data errors refuse the generation with the problem at its cell", async () => {
    const demo = await demo2021();
    await escribir(demo, "Actividades", "F7", "abc");
    const g = await demo.engine.generarResumen("III", () => undefined);
    expect(g.status).toBe("errores");
    if (g.status !== "errores") return;
    expect(g.problemas.map((p) => [p.ref, p.severity])).toContainEqual(["Actividades!F7", "error"]);
  });

  test("going to a problem's cell and to a generated sheet", async () => {
    const { demo } = await generado2021III();
    await demo.engine.seleccionarCelda("Actividades!F7");
    expect(await seleccion(demo)).toBe("Actividades!F7");
    await demo.engine.activarHoja("3.2 ACPVR");
    const activa = await demo.libro.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.load("name");
      await context.sync();
      return ws.name;
    });
    expect(activa).toBe("3.2 ACPVR");
    await expect(demo.engine.activarHoja("No existe")).rejects.toMatchObject({ messages: { es: expect.stringMatching(/No existe la hoja «No existe»/) } });
  });

  test("publishing: once, then asked before replacing, then replaced", async () => {
    const { demo } = await generado2021III();
    const p1 = await demo.engine.publicarCorte(false);
    expect(p1.status).toBe("publicado");
    if (p1.status !== "publicado") return;
    expect(p1.corte).toBe("III-2021");
    expect(p1.hojas).toHaveLength(7);
    expect(p1.hojas[0]).toMatch(/^Corte III-2021/);
    const p2 = await demo.engine.publicarCorte(false);
    expect(p2).toMatchObject({ status: "ya-publicado", corte: "III-2021", hojas: p1.hojas });
    const p3 = await demo.engine.publicarCorte(true);
    expect(p3.status).toBe("publicado");
  });

  test("publishing before any generation is an engine error in plain words", async () => {
    const demo = await demo2021();
    await expect(demo.engine.publicarCorte(false)).rejects.toMatchObject({ code: "no-report" });
  });
});

describe("settings in Configuración", () => {
  test("read with the values in force", async () => {
    const { engine } = await demo2021();
    expect(await engine.leerConfiguracion()).toEqual({
      entidad: "Secretaría General de la Alcaldía Mayor de Bogotá",
      vigencia: 2021,
      dependenciaCompromisos: "ACPVR",
      umbrales: { bajo: 0.6, medio: 0.8, sobreejecucion: 1.2 },
      cuatrimestre: "III",
    });
  });

  test("saving writes only what changed, and the next generation uses it", async () => {
    const demo = await demo2021();
    const antes = await demo.engine.leerConfiguracion();
    await demo.engine.guardarConfiguracion({ ...antes, umbrales: { ...antes.umbrales, sobreejecucion: 1.3 }, entidad: "Alcaldía de Prueba" });
    const despues = await demo.engine.leerConfiguracion();
    expect(despues).toEqual({ ...antes, entidad: "Alcaldía de Prueba", umbrales: { bajo: 0.6, medio: 0.8, sobreejecucion: 1.3 } });
    // 125 % is no longer over-executed with 130 % as the threshold.
    const g = await demo.engine.generarResumen("III", () => undefined);
    expect(g.status === "generado" && g.resultado.resumen.cuatrimestre.banda).toBe("Satisfactorio");
    expect(g.status === "generado" && g.resultado.resumen.entidad).toBe("Alcaldía de Prueba");
  });

  test("cambios: only the claves that differ (Plan never)", () => {
    const base: ConfiguracionVista = {
      entidad: "X",
      vigencia: 2021,
      dependenciaCompromisos: null,
      umbrales: { bajo: 0.6, medio: 0.8, sobreejecucion: 1.2 },
      cuatrimestre: null,
    };
    expect(cambios(base, { ...base })).toEqual({});
    expect(cambios(base, { ...base, umbrales: { ...base.umbrales, bajo: 0.6000000000001 } })).toEqual({});
    expect(cambios(base, { ...base, dependenciaCompromisos: "OAP", cuatrimestre: "II", entidad: "" })).toEqual({
      Entidad: null,
      Cuatrimestre: "II",
      "Dependencia a cargo de compromisos": "OAP",
    });
    expect(Object.keys(valoresDe(base))).toContain("Plan");
  });

  test("configVista: typed values first, then those in force; a blank cut stays automatic", () => {
    const vacio = { Entidad: null, Plan: null, Vigencia: null, Cuatrimestre: null, "Dependencia a cargo de compromisos": null, "Umbral bajo": null, "Umbral medio": null, "Umbral sobreejecución": null };
    expect(configVista({ existe: false, hoja: null, valores: vacio, efectiva: null })).toEqual({
      entidad: "",
      vigencia: null,
      dependenciaCompromisos: null,
      umbrales: { bajo: 0.6, medio: 0.8, sobreejecucion: 1.2 },
      cuatrimestre: null,
    });
    expect(
      configVista({ existe: true, hoja: "Configuración", valores: { ...vacio, "Umbral bajo": "70%", Vigencia: "2022", Cuatrimestre: "ii", "Dependencia a cargo de compromisos": " OAP " }, efectiva: null }),
    ).toMatchObject({ vigencia: 2022, cuatrimestre: "II", dependenciaCompromisos: "OAP", umbrales: { bajo: 0.7 } });
  });
});

describe("the demo's tools", () => {
  test("sheets, a preview with formulas as formulas, and the .xlsx bytes", async () => {
    const { demo } = await generado2021III();
    const hojas = await demo.tools.hojas();
    expect(hojas).toEqual(expect.arrayContaining(["Actividades", "Resumen", "Seguimiento compromisos"]));
    const resumen = await demo.tools.leerHoja("Resumen");
    expect(resumen).not.toBeNull();
    const celdas = resumen!.celdas.flat();
    expect(celdas.some((c) => c.formula && c.texto.startsWith("="))).toBe(true);
    expect(celdas.some((c) => !c.formula && c.texto !== "")).toBe(true);
    const act = await demo.tools.leerHoja("Actividades");
    // The first data row: A-001 of the Oficina Asesora de Planeación, 20 products programmed... as values.
    const a001 = act!.celdas.find((r) => r.some((c) => c.texto === "A-001"));
    expect(a001).toBeDefined();
    expect(a001!.filter((c) => c.numero).length).toBeGreaterThan(0);
    expect(await demo.tools.leerHoja("No existe")).toBeNull();
    const blob = await demo.tools.descargar();
    expect(blob.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe("PK");
    expect(bytes.length).toBeGreaterThan(10_000);
  });
});
