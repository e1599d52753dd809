import type { Cuatrimestre } from "../../../domain";
import type { Etapa, Textos } from "../../i18n";
import type { Accion, Mensaje } from "../../state/paneState";

export interface GeneratePanelProps {
  t: Textos;
  corte: Cuatrimestre;
  etapa: Etapa | null;
  ocupado: Accion | null;
  /** There is a plan to report on. */
  puedeGenerar: boolean;
  mensaje: Mensaje | null;
  onCorte: (c: Cuatrimestre) => void;
  onGenerar: () => void;
  onCerrarMensaje: () => void;
}

export interface OpcionCorte {
  value: Cuatrimestre;
  label: string;
}

export interface GeneratePanelState {
  t: Textos;
  headingId: string;
  corte: Cuatrimestre;
  opciones: OpcionCorte[];
  generando: boolean;
  deshabilitado: boolean;
  mostrarProgreso: boolean;
  /** 0..1 */
  progreso: number;
  etapaTexto: string;
  mensaje: Mensaje | null;
  onCorte: (c: Cuatrimestre) => void;
  onGenerar: () => void;
  onCerrarMensaje: () => void;
}
