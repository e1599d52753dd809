import type { Textos } from "../../i18n";
import type { Mensaje } from "../../state/paneState";

export interface AvisoProps {
  t: Textos;
  mensaje: Mensaje | null;
  onCerrar: () => void;
}

export interface AvisoState {
  visible: boolean;
  intent: Mensaje["intent"];
  titulo: string | null;
  texto: string;
  cerrarEtiqueta: string;
  onCerrar: () => void;
}
