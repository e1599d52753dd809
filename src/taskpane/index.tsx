import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

function mount(): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html no tiene el elemento #container / #container is missing");
  createRoot(container).render(<App />);
}

// Outside Office (a plain browser, the headless tests) office.js may be missing or never find a host:
// the pane must render anyway, so it mounts at once when there is no Office to wait for.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady(() => mount());
} else {
  mount();
}
