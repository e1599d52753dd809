/**
 * Ribbon commands (ExecuteFunction buttons). They run in the invisible commands.html page, so any
 * feedback to the user must go through Office. Excel has no notification API for add-ins (Outlook's
 * `notificationMessages` is mailbox-only), so the result is shown in a small Office dialog
 * (`Office.context.ui.displayDialogAsync`, resultado.html), and the command completes when the
 * official closes it: completing earlier would unload this page and the dialog with it.
 */
import { createEngine } from "../excel/engine";
import { toEngineError } from "../excel/errors";
import { idiomaDe, textoResultado, urlDialogo, type SalidaComando } from "./textoResultado";

/** Runs the generation for the cut of Configuración (or the latest with executions) and says how it went. */
export async function ejecutarResumen(engine: Pick<ReturnType<typeof createEngine>, "generarResumen">): Promise<SalidaComando> {
  try {
    const r = await engine.generarResumen();
    if (r.status === "errores") return { tipo: "errores", problemas: r.problems };
    return {
      tipo: "generado",
      corte: r.cut,
      vigenciaAnio: r.resumen.vigenciaAnio,
      vigencia: r.resumen.vigencia,
      cuatrimestre: r.resumen.cuatrimestre,
      hojas: r.sheets.map((s) => s.name),
      avisos: r.notices,
    };
  } catch (e) {
    return { tipo: "fallo", mensaje: toEngineError(e).messages };
  }
}

/** Shows the dialog and resolves when it is closed (or could not open). */
function mostrarDialogo(url: string): Promise<void> {
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(url, { height: 45, width: 35, displayInIframe: true }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) {
        resolve();
        return;
      }
      const dialog = result.value;
      // The page's "Cerrar" button sends a message; the window's own close button an event (12006).
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
        dialog.close();
        resolve();
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
    });
  });
}

/** "Resumen cuatrimestre" button. */
export async function generarResumen(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const engine = createEngine({ run: (batch) => Excel.run(batch) });
    const salida = await ejecutarResumen(engine);
    const texto = textoResultado(salida, idiomaDe(Office.context.displayLanguage));
    await mostrarDialogo(urlDialogo(window.location.href, texto));
  } finally {
    // Office shows a spinner, and finally an error on the button, until the command completes.
    event.completed();
  }
}

// Guarded so the bundle also loads where office.js is absent (unit tests, a plain browser).
if (typeof Office !== "undefined") {
  // Office.js only initialises once onReady (or initialize) is set, even with nothing to do here.
  Office.onReady(() => undefined);
  // Registered at load time, before Office can invoke a command. The names must match
  // <FunctionName> in manifest.xml; test/manifest.test.ts checks they do.
  Office.actions.associate("generarResumen", generarResumen);
}
