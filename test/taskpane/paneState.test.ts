/** The pane's workflow as a pure reducer: every transition, the stage mapping, what is announced. */
import { problem, type Problem } from "../../src/domain";
import { ExcelEngineError } from "../../src/excel/errors";
import { ETAPAS } from "../../src/excel/generate";
import { ETAPAS_PANEL, textos } from "../../src/taskpane/i18n";
import type { EstadoLibroVista, ResultadoVista } from "../../src/taskpane/services/paneEngine";
import {
  anuncio,
  ESTADO_INICIAL,
  etapaDe,
  mensajeDe,
  mensajeDeError,
  mensajePara,
  paneReducer,
  progresoDe,
  type PaneAction,
  type PaneState,
} from "../../src/taskpane/state/paneState";

const es = textos("es");
const en = textos("en");

function estado(over: Partial<EstadoLibroVista> = {}): EstadoLibroVista {
  return {
    hojas: [{ nombre: "Actividades", presente: true, requerida: true }],
    actividades: 16,
    dependencias: 5,
    compromisos: 279,
    vigencia: 2021,
    corte: "II",
    oficinas: [],
    informe: [],
    ...over,
  };
}

const resultado: ResultadoVista = {
  corte: "III",
  resumen: {
    entidad: "",
    plan: "",
    vigenciaAnio: 2021,
    corte: "III",
    vigencia: { programado: 69, ejecutado: 78, cumplimiento: 78 / 69, banda: "Satisfactorio" },
    cuatrimestre: { programado: 28, ejecutado: 35, cumplimiento: 1.25, banda: "Sobreejecutado" },
    anual: { programado: 69, avance: 78 / 69 },
    dependencias: [],
    actividades: [],
    compromisos: [],
  },
  hojas: ["Resumen"],
  avisos: [],
  advertencias: [],
};

const run = (actions: PaneAction[], from: PaneState = ESTADO_INICIAL) => actions.reduce(paneReducer, from);

describe("etapaDe: the engine's stage texts to the pane's stages", () => {
  test("every stage the engine reports maps, in the pane's order", () => {
    const mapped = Object.values(ETAPAS).map(etapaDe);
    expect(mapped.every((e) => e !== null)).toBe(true);
    const idx = mapped.map((e) => ETAPAS_PANEL.indexOf(e!));
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    expect(etapaDe(ETAPAS.leyendo)).toBe("leyendo");
    expect(etapaDe(ETAPAS.validando)).toBe("validando");
    expect(etapaDe(ETAPAS.escribiendo)).toBe("escribiendo");
  });

  test("other wordings: accents, English, computing; unknown text is no stage", () => {
    expect(etapaDe("Calculando las cifras")).toBe("calculando");
    expect(etapaDe("Construyendo el informe")).toBe("calculando");
    expect(etapaDe("Reading the workbook")).toBe("leyendo");
    expect(etapaDe("VALIDANDO")).toBe("validando");
    expect(etapaDe("Listo")).toBe("listo");
    expect(etapaDe("Pensando")).toBeNull();
  });

  test("progress: the share of stages done", () => {
    expect(progresoDe(null)).toBe(0);
    expect(progresoDe("leyendo")).toBe(0);
    expect(progresoDe("escribiendo")).toBe(0.75);
    expect(progresoDe("listo")).toBe(1);
  });
});

describe("paneReducer", () => {
  test("the workbook's cut is taken until the official picks one", () => {
    let s = run([{ type: "estado", estado: estado({ corte: "II" }) }]);
    expect(s.corte).toBe("II");
    s = run([{ type: "corte", corte: "III" }, { type: "estado", estado: estado({ corte: "I" }) }], s);
    expect(s.corte).toBe("III");
  });

  test("a generation: busy, stages forward only, then the result and the warnings", () => {
    const warning = problem("no-office-in-charge", "warning", "Configuración", "B5", "x", "y");
    let s = run([{ type: "inicio", accion: "generar" }]);
    expect(s).toMatchObject({ ocupado: "generar", etapa: "leyendo", resultado: null });
    s = run([{ type: "etapa", etapa: "escribiendo" }, { type: "etapa", etapa: "validando" }], s);
    expect(s.etapa).toBe("escribiendo");
    s = run([{ type: "generado", resultado: { ...resultado, advertencias: [warning] } }, { type: "fin", cambio: true }], s);
    expect(s).toMatchObject({ ocupado: null, etapa: "listo", problemas: [warning], version: 1, mensaje: null });
    expect(s.resultado?.corte).toBe("III");
  });

  test("a refused generation: the problems, no result, no stage, the message next to the button", () => {
    const err = problem("not-a-number", "error", "Actividades", "F7", "«abc» no es un número", "not a number");
    const s = run([
      { type: "inicio", accion: "generar" },
      { type: "rechazado", problemas: [err] },
      { type: "fin", mensaje: mensajeDe("error", (t) => t.generar.conErrores) },
    ]);
    expect(s).toMatchObject({ ocupado: null, etapa: null, resultado: null, problemas: [err], mensajeOrigen: "generar" });
    expect(mensajePara(s, "generar")?.es).toBe(es.generar.conErrores);
    expect(mensajePara(s, "libro")).toBeNull();
  });

  test("a failure: the message where the action was, the stage cleared, the pane released", () => {
    const m = mensajeDe("error", (t) => t.errores.inesperado);
    const s = run([{ type: "inicio", accion: "generar" }, { type: "etapa", etapa: "escribiendo" }, { type: "error", mensaje: m }]);
    expect(s).toMatchObject({ ocupado: null, etapa: null, mensaje: m, mensajeOrigen: "generar" });
    // Going to a cell fails outside any action: it shows at the top.
    const n = run([{ type: "error", mensaje: m }]);
    expect(mensajePara(n, "general")).toBe(m);
  });

  test("a new action clears the previous message; closing it too", () => {
    const m = mensajeDe("success", (t) => t.libro.preparado);
    let s = run([{ type: "inicio", accion: "preparar" }, { type: "fin", mensaje: m, cambio: true }]);
    expect(mensajePara(s, "libro")).toBe(m);
    expect(s.version).toBe(1);
    s = run([{ type: "inicio", accion: "validar" }], s);
    expect(s.mensaje).toBeNull();
    s = run([{ type: "fin", mensaje: m }, { type: "cerrarMensaje" }], s);
    expect(s.mensaje).toBeNull();
  });

  test("publishing keeps its confirmation while it runs; a failure closes it", () => {
    let s = run([{ type: "confirmar", confirmacion: { paso: "publicar", corte: "III-2021" } }, { type: "inicio", accion: "publicar" }]);
    expect(s.confirmacion).toEqual({ paso: "publicar", corte: "III-2021" });
    s = run([{ type: "error", mensaje: mensajeDe("error", (t) => t.errores.inesperado) }], s);
    expect(s.confirmacion).toBeNull();
  });
});

describe("the live region", () => {
  test("stages while generating, the figures when done, in the pane's language", () => {
    const s = run([{ type: "inicio", accion: "generar" }, { type: "etapa", etapa: "validando" }]);
    expect(anuncio(s, es)).toBe("Validando…");
    const done = run([{ type: "generado", resultado }, { type: "fin" }], s);
    expect(anuncio(done, es)).toBe("Informe generado. Cumplimiento de la vigencia 113 %; del cuatrimestre 125 %.");
    expect(anuncio(done, en)).toBe("Report generated. Vigencia compliance 113%; cuatrimestre 125%.");
  });

  test("validation results and messages", () => {
    const errs: Problem[] = [problem("not-a-number", "error", "Actividades", "F7", "a", "b"), problem("no-office-in-charge", "warning", "Configuración", null, "c", "d")];
    const s = run([{ type: "problemas", problemas: errs }]);
    expect(anuncio(s, es)).toBe("1 error y 1 advertencia.");
    expect(anuncio(run([{ type: "problemas", problemas: [] }]), es)).toBe(es.validacion.sinProblemas);
    const m = run([{ type: "error", mensaje: { intent: "error", es: "hola", en: "hello" } }]);
    expect(anuncio(m, en)).toBe("hello");
    expect(anuncio(ESTADO_INICIAL, es)).toBe("");
  });
});

describe("mensajeDeError: never a stack trace", () => {
  test("the engine's own message, in both languages", () => {
    const e = new ExcelEngineError("cell-edit-mode", null, "InvalidOperationInCellEditMode: ...");
    expect(mensajeDeError(e)).toEqual({ intent: "error", es: e.messages.es, en: e.messages.en });
    expect(mensajeDeError(e).es).toMatch(/presione Enter o Esc/);
  });

  test("anything else: the generic message, not the error's text", () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'x')");
    const m = mensajeDeError(e);
    expect(m.es).toBe(es.errores.inesperado);
    expect(m.es).not.toMatch(/undefined|TypeError|at /);
    expect(mensajeDeError("x").en).toBe(en.errores.inesperado);
    expect(mensajeDeError(null).es).toBe(es.errores.inesperado);
  });
});
