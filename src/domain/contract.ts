import type { CampoActividad, CampoCompromiso, CampoDependencia, EstadoCompromiso } from "./model";
import { normalizeKey } from "./text";

/** A column of an input table as the contract names it. */
export interface ColumnaContrato<F extends string> {
  field: F;
  /** Canonical header, as the template writes it. */
  header: string;
  required: boolean;
  /** Other spellings accepted (compared with normalizeKey). */
  aliases?: string[];
  /** Short instruction for the template's instruction row (Spanish). */
  ayuda: string;
}

export const HOJA_ACTIVIDADES = "Actividades";
export const HOJA_COMPROMISOS = "Compromisos";
export const HOJA_DEPENDENCIAS = "Dependencias";
export const HOJA_CONFIGURACION = "Configuración";
/** Excel table names: the contract's names (Configuración keeps its accent, which Excel accepts). */
export const TABLA_CONFIGURACION = "Configuración";

export const COLUMNAS_ACTIVIDADES: ColumnaContrato<CampoActividad>[] = [
  { field: "id", header: "ID", required: false, ayuda: "Opcional: clave estable (A-001...)." },
  { field: "dependencia", header: "Dependencia", required: true, ayuda: "Nombre o sigla de la dependencia." },
  { field: "actividad", header: "Actividad", required: true, ayuda: "Texto de la actividad." },
  { field: "programado1", header: "Programado I", required: false, aliases: ["Programado 1"], ayuda: "Productos programados ene–abr (entero ≥ 0)." },
  { field: "ejecutado1", header: "Ejecutado I", required: false, aliases: ["Ejecutado 1"], ayuda: "Productos ejecutados ene–abr." },
  { field: "programado2", header: "Programado II", required: false, aliases: ["Programado 2"], ayuda: "Programados may–ago." },
  { field: "ejecutado2", header: "Ejecutado II", required: false, aliases: ["Ejecutado 2"], ayuda: "Ejecutados may–ago." },
  { field: "programado3", header: "Programado III", required: false, aliases: ["Programado 3"], ayuda: "Programados sep–dic." },
  { field: "ejecutado3", header: "Ejecutado III", required: false, aliases: ["Ejecutado 3"], ayuda: "Ejecutados sep–dic." },
  { field: "responsable", header: "Responsable", required: false, ayuda: "Texto libre." },
  { field: "evidencias", header: "Evidencias", required: false, ayuda: "Texto libre." },
  { field: "observaciones", header: "Observaciones", required: false, ayuda: "Texto libre." },
  { field: "programadoVigencia", header: "Programado vigencia", required: false, ayuda: "Calculado por el complemento." },
  { field: "ejecutadoVigencia", header: "Ejecutado vigencia", required: false, ayuda: "Calculado por el complemento." },
  { field: "cumplimientoVigencia", header: "Cumplimiento vigencia", required: false, ayuda: "Calculado por el complemento." },
  { field: "estado", header: "Estado", required: false, ayuda: "Calculado por el complemento." },
];

/** The input columns of Actividades (the computed ones excluded). */
export const COLUMNAS_ACTIVIDADES_ENTRADA = COLUMNAS_ACTIVIDADES.slice(0, 12);
/** The computed columns the add-in writes into Actividades. */
export const COLUMNAS_ACTIVIDADES_CALCULADAS = COLUMNAS_ACTIVIDADES.slice(12);

export const COLUMNAS_COMPROMISOS: ColumnaContrato<CampoCompromiso>[] = [
  { field: "id", header: "ID", required: false, ayuda: "Opcional: clave estable (C-001...)." },
  { field: "fecha", header: "Fecha", required: true, ayuda: "Fecha de la sesión (dd/mm/aaaa)." },
  { field: "mesa", header: "Mesa", required: false, ayuda: "Sesión o mesa de participación." },
  { field: "compromiso", header: "Compromiso", required: true, ayuda: "Texto del compromiso." },
  { field: "responsable", header: "Responsable", required: true, ayuda: "Dependencia (nombre o sigla) u otra entidad." },
  { field: "estado", header: "Estado", required: false, ayuda: "Cumplido, En avance, Sin iniciar o Por reportar." },
  { field: "fechaCorte", header: "Fecha de corte", required: false, ayuda: "Fecha del último reporte del estado." },
  { field: "observaciones", header: "Observaciones", required: false, ayuda: "Texto libre." },
];

export const COLUMNAS_DEPENDENCIAS: ColumnaContrato<CampoDependencia>[] = [
  { field: "dependencia", header: "Dependencia", required: true, ayuda: "Nombre completo." },
  { field: "sigla", header: "Sigla", required: false, ayuda: "Nombre corto (también válido en Actividades)." },
  { field: "titulo", header: "Título en el informe", required: false, aliases: ["Titulo en el informe", "Título"], ayuda: "Encabezado en el informe." },
];

/** Claves of Configuración, in template order. */
export const CLAVES_CONFIGURACION = [
  "Entidad",
  "Plan",
  "Vigencia",
  "Cuatrimestre",
  "Dependencia a cargo de compromisos",
  "Umbral bajo",
  "Umbral medio",
  "Umbral sobreejecución",
] as const;
export type ClaveConfiguracion = (typeof CLAVES_CONFIGURACION)[number];

export const ESTADOS: readonly EstadoCompromiso[] = ["Cumplido", "En avance", "Sin iniciar", "Por reportar"];

/** Is this sheet or table name one of the inputs (forgivingly)? Returns the canonical sheet name. */
export function inputName(name: string): string | null {
  const k = normalizeKey(name);
  for (const n of [HOJA_ACTIVIDADES, HOJA_COMPROMISOS, HOJA_DEPENDENCIAS, HOJA_CONFIGURACION]) {
    if (normalizeKey(n) === k) return n;
  }
  return null;
}

/**
 * The neutral content of an input workbook (used by `pipc sample`, `pipc template` and the add-in's
 * "Cargar ejemplo"): rows of plain values in the contract's column order. Dates are ISO strings.
 */
export interface InputData {
  dependencias: { dependencia: string; sigla: string; titulo: string }[];
  actividades: {
    id: string;
    dependencia: string;
    actividad: string;
    programado: [number, number, number];
    ejecutado: [number, number, number];
    responsable: string;
    evidencias: string;
    observaciones: string;
  }[];
  compromisos: {
    id: string;
    fecha: string;
    mesa: string;
    compromiso: string;
    responsable: string;
    estado: EstadoCompromiso | "";
    fechaCorte: string;
    observaciones: string;
  }[];
  configuracion: { clave: ClaveConfiguracion; valor: string | number }[];
}
