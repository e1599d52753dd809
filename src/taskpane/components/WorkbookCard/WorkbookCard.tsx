import type * as React from "react";
import { useSectionStyles } from "../shared.styles";
import type { WorkbookCardProps } from "./WorkbookCard.types";
import { useWorkbookCardStyles } from "./WorkbookCard.styles";
import { renderWorkbookCard } from "./renderWorkbookCard";
import { useWorkbookCard } from "./useWorkbookCard";

/** The workbook's state: which input sheets exist, how much the plan holds, and how to start one. */
export function WorkbookCard(props: WorkbookCardProps): React.JSX.Element {
  return renderWorkbookCard(useWorkbookCard(props), useWorkbookCardStyles(), useSectionStyles());
}
