import type { Cuatrimestre } from "./cuatrimestre";

/** Products per cuatrimestre: [I, II, III]. */
export type PorCuatrimestre = [number, number, number];

export interface Dependencia {
  /** Full name, as in `Dependencias` (or as first written in `Actividades` when that sheet is absent). */
  nombre: string;
  sigla: string | null;
  /** Heading in the report ("Gobierno Abierto"); defaults to nombre. */
  titulo: string;
  /** 1-based position in report order: section 3.<numero>, table Dependencia_<numero>. */
  numero: number;
}

export interface Actividad {
  id: string;
  /** True when the ID cell was blank and the id was generated (A-001...). */
  idGenerado: boolean;
  /** nombre of the Dependencia it belongs to (resolved from a name or a sigla). */
  dependencia: string;
  /** The Dependencia cell as typed. */
  dependenciaTexto: string;
  actividad: string;
  programado: PorCuatrimestre;
  ejecutado: PorCuatrimestre;
  responsable: string;
  evidencias: string;
  observaciones: string;
  /** 1-based sheet row it was read from. */
  fila: number;
}

export const ESTADOS_COMPROMISO = ["Cumplido", "En avance", "Sin iniciar", "Por reportar"] as const;
export type EstadoCompromiso = (typeof ESTADOS_COMPROMISO)[number];

export interface Compromiso {
  id: string;
  idGenerado: boolean;
  /** ISO date "yyyy-mm-dd" of the session. */
  fecha: string;
  mesa: string;
  compromiso: string;
  /** As typed: a dependency's name or sigla, or another entity. */
  responsable: string;
  estado: EstadoCompromiso;
  /** ISO date or null. */
  fechaCorte: string | null;
  observaciones: string;
  fila: number;
}

export interface Umbrales {
  /** Below it: Bajo. Default 0.6 */
  bajo: number;
  /** Below it: Medio. Default 0.8 */
  medio: number;
  /** Above it: Sobreejecutado. Default 1.2 */
  sobreejecucion: number;
}

export const UMBRALES_POR_DEFECTO: Umbrales = { bajo: 0.6, medio: 0.8, sobreejecucion: 1.2 };

export const PLAN_POR_DEFECTO = "Plan Institucional de Participación Ciudadana";

export interface Configuracion {
  entidad: string;
  plan: string;
  vigencia: number;
  cuatrimestre: Cuatrimestre;
  /** As written in Configuración (name or sigla), or null. */
  dependenciaCompromisos: string | null;
  umbrales: Umbrales;
}

/** Field keys of the Actividades table, in contract order. */
export const CAMPOS_ACTIVIDADES = [
  "id",
  "dependencia",
  "actividad",
  "programado1",
  "ejecutado1",
  "programado2",
  "ejecutado2",
  "programado3",
  "ejecutado3",
  "responsable",
  "evidencias",
  "observaciones",
  // computed by the add-in: ignored on input, located so that they are replaced, not duplicated
  "programadoVigencia",
  "ejecutadoVigencia",
  "cumplimientoVigencia",
  "estado",
] as const;
export type CampoActividad = (typeof CAMPOS_ACTIVIDADES)[number];

export const CAMPOS_COMPROMISOS = [
  "id",
  "fecha",
  "mesa",
  "compromiso",
  "responsable",
  "estado",
  "fechaCorte",
  "observaciones",
] as const;
export type CampoCompromiso = (typeof CAMPOS_COMPROMISOS)[number];

export const CAMPOS_DEPENDENCIAS = ["dependencia", "sigla", "titulo"] as const;
export type CampoDependencia = (typeof CAMPOS_DEPENDENCIAS)[number];

/** Where an input was read from, so writers can address its columns. */
export interface SourceLayout<F extends string = string> {
  sheet: string;
  /** The Excel table's name, or null when read from a plain sheet. */
  tableName: string | null;
  /** 1-based header row; data from headerRow + 1 to lastRow. */
  headerRow: number;
  lastRow: number;
  firstCol: number;
  lastCol: number;
  /** Every header of the table in order, as written. */
  headers: string[];
  /** The recognised fields: header as written and 1-based absolute column. */
  columns: Partial<Record<F, { header: string; col: number }>>;
}

export interface Plan {
  config: Configuracion;
  dependencias: Dependencia[];
  actividades: Actividad[];
  compromisos: Compromiso[];
  sources: {
    actividades: SourceLayout<CampoActividad>;
    compromisos: SourceLayout<CampoCompromiso> | null;
    dependencias: SourceLayout<CampoDependencia> | null;
    /** Clave (normalized) -> address of its Valor cell ("B4") in the Configuración sheet. */
    configuracion: { sheet: string; tableName: string | null; valores: Record<string, string> } | null;
  };
}
