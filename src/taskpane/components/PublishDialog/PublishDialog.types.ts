import type { Textos } from "../../i18n";
import type { Confirmacion } from "../../state/paneState";

export interface PublishDialogProps {
  t: Textos;
  confirmacion: Confirmacion | null;
  publicando: boolean;
  onConfirmar: () => void;
  onCancelar: () => void;
}

export interface PublishDialogState {
  abierto: boolean;
  titulo: string;
  texto: string;
  confirmar: string;
  cancelar: string;
  publicando: boolean;
  onConfirmar: () => void;
  onCancelar: () => void;
}
