import type * as React from "react";
import { useSectionStyles } from "../shared.styles";
import type { ResultCardProps } from "./ResultCard.types";
import { useResultCardStyles } from "./ResultCard.styles";
import { renderResultCard } from "./renderResultCard";
import { useResultCard } from "./useResultCard";

/** The headline figures of the generated report with their bands, a link per sheet, and "Publicar corte". */
export function ResultCard(props: ResultCardProps): React.JSX.Element | null {
  return renderResultCard(useResultCard(props), useResultCardStyles(), useSectionStyles());
}
