/**
 * The pane's port (paneEngine.ts) over the add-in engine (src/excel/engine.ts). The same adapter
 * serves Excel (`Excel.run`) and the browser demo (the strict in-memory Excel's `run`), so the demo
 * exercises exactly the code Excel runs.
 *
 * What the engine's facade does not give the pane, the adapter adds:
 * - the offices for the settings dropdown (read with the engine's own reader and parser);
 * - saving only the settings that changed, so a default nobody typed is not written into
 *   Configuración as if someone had;
 * - English for the engine's few Spanish-only messages.
 */
import {
  CLAVES_CONFIGURACION,
  parseCuatrimestre,
  UMBRALES_POR_DEFECTO,
  type ClaveConfiguracion,
  type Cuatrimestre,
} from "../../domain";
import { parseWorkbook } from "../../domain/parse";
import { parseUmbral, parseVigencia } from "../../domain/parse/configuracion";
import { createEngine, type ConfiguracionLeida, type EngineOptions, type EstadoLibro, type PipcEngine, type ValorConfiguracion } from "../../excel/engine";
import { readWorkbook } from "../../excel/read";
import type { ConfiguracionVista, EstadoLibroVista, Generacion, PaneEngine, Publicacion } from "./paneEngine";

const ENTRADAS: { nombre: keyof EstadoLibro["entradas"]; requerida: boolean }[] = [
  { nombre: "Actividades", requerida: true },
  { nombre: "Dependencias", requerida: false },
  { nombre: "Compromisos", requerida: false },
  { nombre: "Configuración", requerida: false },
];

/** The state card's view of the engine's EstadoLibro. */
export function estadoVista(e: EstadoLibro, oficinas: EstadoLibroVista["oficinas"]): EstadoLibroVista {
  return {
    hojas: ENTRADAS.map((x) => ({ nombre: x.nombre, presente: e.entradas[x.nombre], requerida: x.requerida })),
    actividades: e.actividades,
    dependencias: e.dependencias,
    compromisos: e.compromisos,
    vigencia: e.vigencia,
    corte: e.cuatrimestre,
    oficinas,
    informe: e.informe.map((h) => h.name),
  };
}

/**
 * The settings form's view of Configuración: what is typed, and for the thresholds and the year the
 * value in force when nothing valid is typed. The cut stays null unless typed, because its default
 * ("the latest cuatrimestre with executions") moves with the data and must not be frozen by a save.
 */
export function configVista(c: ConfiguracionLeida): ConfiguracionVista {
  const v = c.valores;
  const texto = (x: ValorConfiguracion) => (x === null ? "" : String(x).trim());
  const umbral = (x: ValorConfiguracion, fallback: number) => (x === null ? fallback : (parseUmbral(x) ?? fallback));
  const u = c.efectiva?.umbrales ?? UMBRALES_POR_DEFECTO;
  const dep = texto(v["Dependencia a cargo de compromisos"]);
  return {
    entidad: texto(v.Entidad) || c.efectiva?.entidad || "",
    vigencia: (v.Vigencia === null ? null : parseVigencia(v.Vigencia)) ?? c.efectiva?.vigencia ?? null,
    dependenciaCompromisos: dep === "" ? null : dep,
    umbrales: {
      bajo: umbral(v["Umbral bajo"], u.bajo),
      medio: umbral(v["Umbral medio"], u.medio),
      sobreejecucion: umbral(v["Umbral sobreejecución"], u.sobreejecucion),
    },
    cuatrimestre: v.Cuatrimestre === null ? null : parseCuatrimestre(v.Cuatrimestre),
  };
}

/** The Configuración values of a settings view, clave by clave. */
export function valoresDe(c: ConfiguracionVista): Record<ClaveConfiguracion, ValorConfiguracion> {
  return {
    Entidad: c.entidad === "" ? null : c.entidad,
    Plan: null,
    Vigencia: c.vigencia,
    Cuatrimestre: c.cuatrimestre,
    "Dependencia a cargo de compromisos": c.dependenciaCompromisos,
    "Umbral bajo": c.umbrales.bajo,
    "Umbral medio": c.umbrales.medio,
    "Umbral sobreejecución": c.umbrales.sobreejecucion,
  };
}

/**
 * The claves whose value differs between what the form started from and what it saves ("Plan" is
 * not in the form and never changes here).
 */
export function cambios(antes: ConfiguracionVista, despues: ConfiguracionVista): Partial<Record<ClaveConfiguracion, ValorConfiguracion>> {
  const a = valoresDe(antes);
  const d = valoresDe(despues);
  const out: Partial<Record<ClaveConfiguracion, ValorConfiguracion>> = {};
  for (const k of CLAVES_CONFIGURACION) {
    if (k === "Plan") continue;
    const x = a[k];
    const y = d[k];
    const igual = typeof x === "number" && typeof y === "number" ? Math.abs(x - y) < 1e-9 : x === y;
    if (!igual) out[k] = y;
  }
  return out;
}

/** The pane's port over an engine facade (created from `options` unless one is given). */
export function crearPaneEngine(options: EngineOptions, facade: PipcEngine = createEngine(options)): PaneEngine {
  const oficinas = async (): Promise<EstadoLibroVista["oficinas"]> => {
    const { plan } = parseWorkbook(await readWorkbook(options.run), { today: (options.now ?? (() => new Date()))() });
    return (plan?.dependencias ?? []).map((d) => ({ nombre: d.nombre, sigla: d.sigla }));
  };
  return {
    async estadoLibro() {
      const [e, o] = await Promise.all([facade.estadoLibro(), oficinas()]);
      return estadoVista(e, o);
    },
    async prepararLibro() {
      return (await facade.prepararLibro()).notices;
    },
    async cargarEjemplo() {
      return (await facade.cargarEjemplo()).notices;
    },
    validar: () => facade.validar(),
    async generarResumen(cut: Cuatrimestre, onProgress): Promise<Generacion> {
      const r = await facade.generarResumen(cut, onProgress);
      if (r.status === "errores") return { status: "errores", problemas: r.problems };
      return {
        status: "generado",
        resultado: { corte: r.cut, resumen: r.resumen, hojas: r.sheets.map((s) => s.name), avisos: r.notices, advertencias: r.problems },
      };
    },
    async publicarCorte(confirmar: boolean): Promise<Publicacion> {
      const r = await facade.publicarCorte(confirmar);
      switch (r.status) {
        case "publicado":
          return { status: "publicado", corte: r.corte, hojas: r.hojas.map((h) => h.name), avisos: r.notices };
        case "ya-publicado":
          return { status: "ya-publicado", corte: r.corte, fecha: r.fecha, hojas: r.hojas };
        case "desactualizado":
          return {
            status: "desactualizado",
            corte: r.corte,
            mensaje: {
              es: r.mensaje,
              en: `The data changed shape since the last generation (activities or offices added or removed): generate the report of cut ${r.corte} again, then publish it.`,
            },
          };
      }
    },
    seleccionarCelda: (ref) => facade.seleccionarCelda(ref),
    activarHoja: (name) => facade.activarHoja(name),
    async leerConfiguracion() {
      return configVista(await facade.leerConfiguracion());
    },
    async guardarConfiguracion(values) {
      const antes = configVista(await facade.leerConfiguracion());
      const delta = cambios(antes, values);
      if (Object.keys(delta).length > 0) await facade.guardarConfiguracion(delta);
    },
  };
}
