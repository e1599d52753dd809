import type { Textos } from "../../i18n";
import type { Confirmacion } from "../../state/paneState";
import type { PublishDialogProps, PublishDialogState } from "./PublishDialog.types";

/** The dialog's words for each step: "publish?" first, "replace?" when the cut was published before. */
export function textosDialogo(c: Confirmacion | null, t: Textos): Pick<PublishDialogState, "titulo" | "texto" | "confirmar"> {
  if (!c) return { titulo: "", texto: "", confirmar: "" };
  if (c.paso === "publicar") {
    return { titulo: t.publicar.dialogoTitulo(c.corte), texto: t.publicar.dialogoTexto(c.corte), confirmar: t.publicar.confirmar };
  }
  return {
    titulo: t.publicar.reemplazarTitulo(c.corte),
    texto: t.publicar.reemplazarTexto(c.corte, t.publicar.fecha(c.fecha), c.hojas),
    confirmar: t.publicar.reemplazar,
  };
}

export function usePublishDialog({ t, confirmacion, publicando, onConfirmar, onCancelar }: PublishDialogProps): PublishDialogState {
  return {
    abierto: confirmacion !== null,
    ...textosDialogo(confirmacion, t),
    cancelar: t.publicar.cancelar,
    publicando,
    onConfirmar,
    onCancelar,
  };
}
