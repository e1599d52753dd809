import type * as React from "react";
import type { AppProps } from "./App.types";
import { useAppStyles } from "./App.styles";
import { renderApp } from "./renderApp";
import { useApp } from "./useApp";

/**
 * The task pane, top to bottom: the workbook's state, validation, the cut and the generation, the
 * result with "Publicar corte", the settings, and (in the browser demo) the preview and download.
 */
export function App(props: AppProps): React.JSX.Element {
  return renderApp(useApp(props), useAppStyles());
}
