import type * as React from "react";
import type { Textos } from "../../i18n";
import type { EstadoLibroVista } from "../../services/paneEngine";
import type { Accion, Mensaje } from "../../state/paneState";

export interface WorkbookCardProps {
  t: Textos;
  estado: EstadoLibroVista | null;
  ocupado: Accion | null;
  mensaje: Mensaje | null;
  onPreparar: () => void;
  onEjemplo: () => void;
  onActualizar: () => void;
  onCerrarMensaje: () => void;
}

/** One input sheet's line. */
export interface FilaHoja {
  nombre: string;
  presente: boolean;
  /** "presente", "falta", "falta (opcional)". */
  texto: string;
}

export interface Cifra {
  etiqueta: string;
  valor: string;
}

/** What the card shows, computed from the workbook's state alone. */
export interface VistaLibro {
  cargando: boolean;
  hojas: FilaHoja[];
  cifras: Cifra[];
  /** The nudge for an empty workbook, or null. */
  vacio: string | null;
  mostrarPreparar: boolean;
  mostrarEjemplo: boolean;
}

export interface WorkbookCardState extends VistaLibro {
  t: Textos;
  headingId: string;
  /** "Actualizar" always stays: focus lands there when the button that had it goes away. */
  actualizarRef: React.RefObject<HTMLButtonElement>;
  ocupado: Accion | null;
  mensaje: Mensaje | null;
  onPreparar: () => void;
  onEjemplo: () => void;
  onActualizar: () => void;
  onCerrarMensaje: () => void;
}
