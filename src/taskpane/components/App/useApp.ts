import * as React from "react";
import { useId, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { Tema } from "../../host";
import { textos, type Idioma } from "../../i18n";
import { anuncio } from "../../state/paneState";
import { usePane } from "../../state/usePane";
import type { AppProps, AppState } from "./App.types";

/** Fluent's theme for Office's light or dark look. */
export function temaFluent(tema: Tema): Theme {
  return tema === "oscuro" ? webDarkTheme : webLightTheme;
}

export function useApp({ engine, demo, idiomaInicial, tema }: AppProps): AppState {
  const [idioma, setIdioma] = React.useState<Idioma>(idiomaInicial);
  const { state, actions } = usePane(engine);
  const t = textos(idioma);
  const headingId = useId("titulo-");
  // Screen readers pick their voice from <html lang>.
  React.useEffect(() => {
    if (typeof document !== "undefined") document.documentElement.lang = idioma;
  }, [idioma]);
  return { t, theme: temaFluent(tema), idioma, setIdioma, state, actions, demo, anuncio: anuncio(state, t), headingId };
}
