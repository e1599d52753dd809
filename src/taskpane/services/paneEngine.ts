/**
 * What the pane needs from a workbook, in the pane's own terms. The components and hooks depend on
 * this port only; `officeEngine.ts` implements it over the Office.js engine (src/excel), for Excel
 * and, with the strict in-memory Excel's `run`, for the browser demo. Keeping the port here means a
 * change in the engine's result shapes touches one adapter, not every component.
 */
import type { Cuatrimestre, Problem, ResumenJson, Umbrales } from "../../domain";

/** An input sheet of the contract and whether the workbook has it. */
export interface HojaEntrada {
  nombre: string;
  presente: boolean;
  /** Only Actividades is required; the others are optional. */
  requerida: boolean;
}

/** What the workbook holds now, for the state card. */
export interface EstadoLibroVista {
  hojas: HojaEntrada[];
  actividades: number;
  dependencias: number;
  compromisos: number;
  /** Null when there is no plan to take it from. */
  vigencia: number | null;
  corte: Cuatrimestre | null;
  /** The offices in report order (the settings' dropdown). */
  oficinas: { nombre: string; sigla: string | null }[];
  /** The live report's sheets, in workbook order (empty before the first generation). */
  informe: string[];
}

/** The settings the Configuración sheet keeps. */
export interface ConfiguracionVista {
  entidad: string;
  vigencia: number | null;
  /** Name or sigla as written in Configuración; null: none. */
  dependenciaCompromisos: string | null;
  umbrales: Umbrales;
  cuatrimestre: Cuatrimestre | null;
}

/** The result card's content. */
export interface ResultadoVista {
  corte: Cuatrimestre;
  resumen: ResumenJson;
  /** Generated sheet names, in workbook order. */
  hojas: string[];
  /** Spanish notices of the engine (renamed sheets, features this Excel lacks). */
  avisos: string[];
  /** Validation warnings (errors refuse the generation). */
  advertencias: Problem[];
}

export type Generacion = { status: "generado"; resultado: ResultadoVista } | { status: "errores"; problemas: Problem[] };

export type Publicacion =
  | { status: "publicado"; corte: string; hojas: string[]; avisos: string[] }
  /** Published before: the pane asks, then calls again with `confirmar`. */
  | { status: "ya-publicado"; corte: string; fecha: string; hojas: string[] }
  /** The inputs changed shape since the last generation: generate first. */
  | { status: "desactualizado"; corte: string; mensaje: { es: string; en: string } };

/** Whatever the engine reports as a progress stage (free text); the pane maps it to its own stages. */
export type OnProgress = (stage: string) => void;

/** The workbook operations the pane offers. Every method rejects with an error carrying `{ es, en }` messages. */
export interface PaneEngine {
  estadoLibro(): Promise<EstadoLibroVista>;
  /** Returns the engine's notices. */
  prepararLibro(): Promise<string[]>;
  cargarEjemplo(): Promise<string[]>;
  validar(): Promise<Problem[]>;
  generarResumen(cut: Cuatrimestre, onProgress: OnProgress): Promise<Generacion>;
  publicarCorte(confirmar: boolean): Promise<Publicacion>;
  seleccionarCelda(ref: string): Promise<void>;
  activarHoja(name: string): Promise<void>;
  leerConfiguracion(): Promise<ConfiguracionVista>;
  guardarConfiguracion(values: ConfiguracionVista): Promise<void>;
}

/** A cell of the browser preview. */
export interface CeldaVista {
  /** Shown text: the value, or the formula text when `formula`. */
  texto: string;
  formula: boolean;
  /** Right-aligned (numbers). */
  numero: boolean;
}

/** A read-only rectangle of a sheet for the preview. */
export interface HojaVista {
  nombre: string;
  /** 1-based row and column of celdas[0][0]. */
  primeraFila: number;
  primeraColumna: number;
  celdas: CeldaVista[][];
  /** True when the sheet was larger than the preview shows. */
  recortada: boolean;
}

/** What only the browser demo has: a preview of the in-memory sheets and the .xlsx download. */
export interface DemoTools {
  hojas(): Promise<string[]>;
  leerHoja(nombre: string): Promise<HojaVista | null>;
  /** The workbook as an .xlsx file. */
  descargar(): Promise<Blob>;
}
