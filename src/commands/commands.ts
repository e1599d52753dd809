/**
 * Ribbon commands (ExecuteFunction buttons). Runs in the invisible commands.html page, so any
 * feedback to the user must go through Office (notifications, dialogs), never the DOM.
 */

/**
 * "Resumen cuatrimestre" button. Not wired to the report yet: another issue makes it write the
 * Resumen sheet. For now it only completes the event, because Office shows a spinner and finally an
 * error on the button if a command never calls `event.completed()`.
 */
export async function generarResumen(event: Office.AddinCommands.Event): Promise<void> {
  event.completed();
}

// Guarded so the bundle also loads where office.js is absent (unit tests, a plain browser).
if (typeof Office !== "undefined") {
  // Office.js only initialises once onReady (or initialize) is set, even with nothing to do here.
  Office.onReady(() => undefined);
  // Registered at load time, before Office can invoke a command. The names must match
  // <FunctionName> in manifest.xml; test/manifest.test.ts checks they do.
  Office.actions.associate("generarResumen", generarResumen);
}
