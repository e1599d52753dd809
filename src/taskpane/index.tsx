/**
 * The task pane's entry point. Inside Excel the pane drives the open workbook through Office.js;
 * anywhere else (a browser tab, where office.js reports no host or did not load) it runs the same
 * workflow on an in-memory workbook, loaded on demand so Excel never downloads the demo's code.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App/App";
import { entornoDe, pistasDelNavegador, preguntarAOffice } from "./host";
import { crearPaneEngine } from "./services/officeEngine";
import type { DemoTools, PaneEngine } from "./services/paneEngine";

async function start(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html no tiene el elemento #container / #container is missing");
  const entorno = entornoDe(await preguntarAOffice(), pistasDelNavegador());
  let engine: PaneEngine;
  let demo: DemoTools | null = null;
  if (entorno.modo === "office") {
    engine = crearPaneEngine({
      run: (batch) => Excel.run(batch),
      isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    });
  } else {
    const { crearDemo } = await import(/* webpackChunkName: "demo" */ "./browser/demo");
    const d = crearDemo();
    engine = d.engine;
    demo = d.tools;
  }
  createRoot(container).render(<App engine={engine} demo={demo} idiomaInicial={entorno.idioma} tema={entorno.tema} />);
}

// A pane that fails to start must still say so in words, not stay blank.
start().catch(() => {
  const container = document.getElementById("container");
  if (container) {
    container.textContent =
      "No se pudo iniciar el panel. Cierre el panel y ábralo de nuevo; si se repite, recargue la página. / The pane could not start: close it and open it again.";
  }
});
