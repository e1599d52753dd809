import type { AvisoProps, AvisoState } from "./Aviso.types";

/** The message bar's content: errors get a title, success and notices speak for themselves. */
export function useAviso({ t, mensaje, onCerrar }: AvisoProps): AvisoState {
  return {
    visible: mensaje !== null,
    intent: mensaje?.intent ?? "info",
    titulo: mensaje?.intent === "error" ? t.errores.titulo : null,
    texto: mensaje ? mensaje[t.idioma] : "",
    cerrarEtiqueta: t.errores.cerrar,
    onCerrar,
  };
}
