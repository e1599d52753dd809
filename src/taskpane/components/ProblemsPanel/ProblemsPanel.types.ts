import type { Problem, Severity } from "../../../domain";
import type { Textos } from "../../i18n";
import type { Accion, Mensaje } from "../../state/paneState";

export interface ProblemsPanelProps {
  t: Textos;
  /** Null until the official validates. */
  problemas: Problem[] | null;
  ocupado: Accion | null;
  /** Validation needs an Actividades sheet to read. */
  puedeValidar: boolean;
  mensaje: Mensaje | null;
  onValidar: () => void;
  onSeleccionar: (ref: string) => void;
  onCerrarMensaje: () => void;
}

/** The problems of one sheet, errors first. */
export interface GrupoProblemas {
  hoja: string;
  errores: number;
  advertencias: number;
  problemas: Problem[];
}

export interface ProblemaVista {
  key: string;
  ref: string;
  severidad: Severity;
  etiqueta: string;
  texto: string;
  irA: string;
}

export interface GrupoVista {
  hoja: string;
  titulo: string;
  problemas: ProblemaVista[];
}

export interface ProblemsPanelState {
  t: Textos;
  headingId: string;
  validado: boolean;
  resumen: string;
  /** Said when the list shows only the first problems. */
  recortado: string | null;
  grupos: GrupoVista[];
  ocupado: Accion | null;
  puedeValidar: boolean;
  mensaje: Mensaje | null;
  onValidar: () => void;
  onSeleccionar: (ref: string) => void;
  onCerrarMensaje: () => void;
}
