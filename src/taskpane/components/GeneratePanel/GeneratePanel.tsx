import type * as React from "react";
import { useSectionStyles } from "../shared.styles";
import type { GeneratePanelProps } from "./GeneratePanel.types";
import { renderGeneratePanel } from "./renderGeneratePanel";
import { useGeneratePanel } from "./useGeneratePanel";

/** The cut, the primary "Generar resumen del cuatrimestre" button and the named progress stages. */
export function GeneratePanel(props: GeneratePanelProps): React.JSX.Element {
  return renderGeneratePanel(useGeneratePanel(props), useSectionStyles());
}
