/**
 * The dialog page of the "Resumen cuatrimestre" button: shows the text commands.ts composed (it
 * travels in the URL fragment) and tells the command when the official closes it.
 */
import { textoDeUrl } from "./textoResultado";

function mostrar(): void {
  const texto = textoDeUrl(window.location.hash);
  const titulo = document.getElementById("titulo");
  const lineas = document.getElementById("lineas");
  const cerrar = document.getElementById("cerrar") as HTMLButtonElement | null;
  if (!titulo || !lineas || !cerrar) return;
  if (texto) {
    document.documentElement.lang = texto.lang;
    document.title = texto.titulo;
    titulo.textContent = texto.titulo;
    for (const l of texto.lineas) {
      const li = document.createElement("li");
      li.textContent = l;
      lineas.appendChild(li);
    }
    cerrar.textContent = texto.cerrar;
  }
  cerrar.addEventListener("click", () => {
    const office = (globalThis as { Office?: typeof Office }).Office;
    if (office?.context?.ui?.messageParent) office.context.ui.messageParent("cerrar");
    else window.close();
  });
  cerrar.focus();
}

const office = (globalThis as { Office?: typeof Office }).Office;
if (office && typeof office.onReady === "function") office.onReady(() => mostrar());
else mostrar();
