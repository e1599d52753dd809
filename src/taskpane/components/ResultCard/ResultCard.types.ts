import type { Textos } from "../../i18n";
import type { ResultadoVista } from "../../services/paneEngine";
import type { Accion, Confirmacion, Mensaje } from "../../state/paneState";

export interface ResultCardProps {
  t: Textos;
  resultado: ResultadoVista | null;
  ocupado: Accion | null;
  confirmacion: Confirmacion | null;
  mensaje: Mensaje | null;
  onActivarHoja: (name: string) => void;
  onPublicar: () => void;
  onConfirmarPublicacion: () => void;
  onCancelarPublicacion: () => void;
  onCerrarMensaje: () => void;
}

/** A band as the badge shows it: its name and the report's own colours. */
export interface BandaVista {
  texto: string;
  fondo: string;
  letra: string;
}

/** One headline figure block: the vigencia (January to the cut) or the cuatrimestre alone. */
export interface BloqueCifras {
  id: "vigencia" | "cuatrimestre";
  titulo: string;
  programado: string;
  ejecutado: string;
  cumplimiento: string;
  banda: BandaVista;
}

export interface VistaResultado {
  titulo: string;
  bloques: BloqueCifras[];
  hojas: { nombre: string; etiqueta: string }[];
  avisos: string[];
}

export interface ResultCardState {
  t: Textos;
  headingId: string;
  vista: VistaResultado | null;
  ocupado: Accion | null;
  confirmacion: Confirmacion | null;
  mensaje: Mensaje | null;
  onActivarHoja: (name: string) => void;
  onPublicar: () => void;
  onConfirmarPublicacion: () => void;
  onCancelarPublicacion: () => void;
  onCerrarMensaje: () => void;
}
