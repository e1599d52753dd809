import type { Theme } from "@fluentui/react-components";
import type { Tema } from "../../host";
import type { Idioma, Textos } from "../../i18n";
import type { DemoTools, PaneEngine } from "../../services/paneEngine";
import type { PaneActions } from "../../state/usePane";
import type { PaneState } from "../../state/paneState";

export interface AppProps {
  engine: PaneEngine;
  /** The browser demo's extras; null inside Excel. */
  demo: DemoTools | null;
  idiomaInicial: Idioma;
  tema: Tema;
}

export interface AppState {
  t: Textos;
  theme: Theme;
  idioma: Idioma;
  setIdioma: (i: Idioma) => void;
  state: PaneState;
  actions: PaneActions;
  demo: DemoTools | null;
  anuncio: string;
  headingId: string;
}
