/**
 * The pane's workflow state as a pure reducer: what is loaded, what is running, the stage of the
 * generation, the last result, the message to show. `usePane` drives it from the engine; every
 * transition is a plain function, tested without React or Excel.
 *
 * Messages are kept in both languages (`{ es, en }`), never as rendered text, so switching the
 * language re-renders them without running anything again.
 */
import type { Cuatrimestre, Problem } from "../../domain";
import { ETAPAS_PANEL, TEXTOS, type Etapa, type Textos } from "../i18n";
import type { ConfiguracionVista, EstadoLibroVista, ResultadoVista } from "../services/paneEngine";

/** The actions an official starts; one runs at a time. */
export type Accion = "cargar" | "preparar" | "ejemplo" | "validar" | "generar" | "publicar" | "guardar";

/** Where a message belongs: the action that produced it, or "navegar" (going to a cell or sheet). */
export type Origen = Accion | "navegar";

export interface Mensaje {
  intent: "success" | "warning" | "error" | "info";
  es: string;
  en: string;
}

/** The publish confirmation: first "are you sure", then, if the cut was published before, "replace?". */
export type Confirmacion = { paso: "publicar"; corte: string } | { paso: "reemplazar"; corte: string; fecha: string; hojas: string[] };

export interface PaneState {
  estado: EstadoLibroVista | null;
  config: ConfiguracionVista | null;
  ocupado: Accion | null;
  /** Null until validated; the latest validation's (or refused generation's) problems. */
  problemas: Problem[] | null;
  corte: Cuatrimestre;
  /** True once the official picked a cut: later workbook reads no longer move it. */
  corteElegido: boolean;
  etapa: Etapa | null;
  resultado: ResultadoVista | null;
  confirmacion: Confirmacion | null;
  mensaje: Mensaje | null;
  /** The action the message reports on, so it shows next to the button that started it. */
  mensajeOrigen: Origen | null;
  /** Bumped after every action that may change the workbook (the preview and download follow it). */
  version: number;
}

export const ESTADO_INICIAL: PaneState = {
  estado: null,
  config: null,
  ocupado: null,
  problemas: null,
  corte: "III",
  corteElegido: false,
  etapa: null,
  resultado: null,
  confirmacion: null,
  mensaje: null,
  mensajeOrigen: null,
  version: 0,
};

export type PaneAction =
  | { type: "inicio"; accion: Accion }
  | { type: "fin"; mensaje?: Mensaje | null; cambio?: boolean }
  | { type: "error"; mensaje: Mensaje }
  | { type: "estado"; estado: EstadoLibroVista; config?: ConfiguracionVista | null }
  | { type: "problemas"; problemas: Problem[] }
  | { type: "etapa"; etapa: Etapa }
  | { type: "generado"; resultado: ResultadoVista }
  | { type: "rechazado"; problemas: Problem[] }
  | { type: "corte"; corte: Cuatrimestre }
  | { type: "confirmar"; confirmacion: Confirmacion | null }
  | { type: "cerrarMensaje" };

/** A message in both languages, taken from the text tables. */
export function mensajeDe(intent: Mensaje["intent"], pick: (t: Textos) => string): Mensaje {
  return { intent, es: pick(TEXTOS.es), en: pick(TEXTOS.en) };
}

/** The state after an action. */
export function paneReducer(s: PaneState, a: PaneAction): PaneState {
  switch (a.type) {
    case "inicio":
      return {
        ...s,
        ocupado: a.accion,
        mensaje: null,
        mensajeOrigen: null,
        confirmacion: a.accion === "publicar" ? s.confirmacion : null,
        ...(a.accion === "generar" ? { etapa: "leyendo" as Etapa, resultado: null } : {}),
      };
    case "fin":
      return {
        ...s,
        ocupado: null,
        mensaje: a.mensaje ?? null,
        mensajeOrigen: a.mensaje ? s.ocupado : null,
        version: a.cambio ? s.version + 1 : s.version,
      };
    case "error":
      // A failed generation leaves no stage behind: the bar would claim work that is not happening.
      return {
        ...s,
        ocupado: null,
        etapa: s.etapa === "listo" ? s.etapa : null,
        mensaje: a.mensaje,
        mensajeOrigen: s.ocupado ?? "navegar",
        confirmacion: null,
      };
    case "estado": {
      const corte = !s.corteElegido && a.estado.corte ? a.estado.corte : s.corte;
      return { ...s, estado: a.estado, config: a.config === undefined ? s.config : a.config, corte };
    }
    case "problemas":
      return { ...s, problemas: a.problemas };
    case "etapa":
      // Stages only move forward: an engine that reports "validating" twice must not make the bar jump back.
      return ETAPAS_PANEL.indexOf(a.etapa) >= ETAPAS_PANEL.indexOf(s.etapa ?? "leyendo") ? { ...s, etapa: a.etapa } : s;
    case "generado":
      return { ...s, etapa: "listo", resultado: a.resultado, problemas: a.resultado.advertencias };
    case "rechazado":
      // The refusal's message comes with "fin", which releases the pane.
      return { ...s, etapa: null, resultado: null, problemas: a.problemas };
    case "corte":
      return { ...s, corte: a.corte, corteElegido: true };
    case "confirmar":
      return { ...s, confirmacion: a.confirmacion };
    case "cerrarMensaje":
      return { ...s, mensaje: null, mensajeOrigen: null };
  }
}

/**
 * The pane's progress stage for a stage text of the engine ("Leyendo el libro", "Validando los
 * datos", "Escribiendo el informe"...), by its leading verb; null when it names none of them.
 *
 * @example etapaDe("Validando los datos") === "validando"; etapaDe("Guardando el registro") === "escribiendo"
 */
export function etapaDe(stage: string): Etapa | null {
  const s = stage
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  if (/\blisto\b|\bdone\b|terminad/.test(s)) return "listo";
  if (/escrib|guardand|registr|writ|sav/.test(s)) return "escribiendo";
  if (/calcul|constru|prepar|buil/.test(s)) return "calculando";
  if (/valid/.test(s)) return "validando";
  if (/le[iy]end|lect|read/.test(s)) return "leyendo";
  return null;
}

/** The progress bar's value (0..1) at a stage: the share of stages done. */
export function progresoDe(etapa: Etapa | null): number {
  if (etapa === null) return 0;
  const i = ETAPAS_PANEL.indexOf(etapa);
  return i / (ETAPAS_PANEL.length - 1);
}

/** The text the screen-reader live region announces for a state; "" when there is nothing new. */
export function anuncio(s: PaneState, t: Textos): string {
  if (s.mensaje) return s.mensaje[t.idioma];
  if (s.ocupado === "generar" && s.etapa) return `${t.generar.etapa[s.etapa]}…`;
  if (s.ocupado === "cargar") return t.cargando;
  if (s.etapa === "listo" && s.resultado) {
    return t.resultado.anunciado(
      t.porcentaje(s.resultado.resumen.vigencia.cumplimiento),
      t.porcentaje(s.resultado.resumen.cuatrimestre.cumplimiento),
    );
  }
  if (s.problemas && s.ocupado === null) {
    const e = s.problemas.filter((p) => p.severity === "error").length;
    return s.problemas.length === 0 ? t.validacion.sinProblemas : t.validacion.resumen(e, s.problemas.length - e);
  }
  return "";
}

/**
 * What a failure says to an official: the engine's own `{ es, en }` message when it has one (it
 * names the sheet and what to do), else the generic one. Never the stack, never Excel's raw text.
 */
export function mensajeDeError(e: unknown): Mensaje {
  const m = (e as { messages?: { es?: unknown; en?: unknown } } | null)?.messages;
  if (m && typeof m.es === "string" && typeof m.en === "string") return { intent: "error", es: m.es, en: m.en };
  return mensajeDe("error", (t) => t.errores.inesperado);
}

/** The sections of the pane that show messages, and the origins each one shows. */
export const ORIGENES_DE_SECCION = {
  general: ["cargar", "navegar"],
  libro: ["preparar", "ejemplo"],
  validacion: ["validar"],
  generar: ["generar"],
  resultado: ["publicar"],
  configuracion: ["guardar"],
} as const satisfies Record<string, readonly Origen[]>;

export type Seccion = keyof typeof ORIGENES_DE_SECCION;

/** The message a section shows (the one whose action it hosts), or null. */
export function mensajePara(s: PaneState, seccion: Seccion): Mensaje | null {
  if (!s.mensaje || !s.mensajeOrigen) return null;
  return (ORIGENES_DE_SECCION[seccion] as readonly Origen[]).includes(s.mensajeOrigen) ? s.mensaje : null;
}
