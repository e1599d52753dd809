import type * as React from "react";
import { useSectionStyles } from "../shared.styles";
import type { ProblemsPanelProps } from "./ProblemsPanel.types";
import { useProblemsPanelStyles } from "./ProblemsPanel.styles";
import { renderProblemsPanel } from "./renderProblemsPanel";
import { useProblemsPanel } from "./useProblemsPanel";

/** "Validar datos": the problems by sheet; each one takes the official to its cell in Excel. */
export function ProblemsPanel(props: ProblemsPanelProps): React.JSX.Element {
  return renderProblemsPanel(useProblemsPanel(props), useProblemsPanelStyles(), useSectionStyles());
}
