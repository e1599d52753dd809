import type * as React from "react";
import { useSectionStyles } from "../shared.styles";
import type { SheetPreviewProps } from "./SheetPreview.types";
import { useSheetPreviewStyles } from "./SheetPreview.styles";
import { renderSheetPreview } from "./renderSheetPreview";
import { useSheetPreview } from "./useSheetPreview";

/**
 * The browser demo's window on the in-memory workbook: a read-only grid of a chosen sheet (formula
 * cells as their formula text, muted: no spreadsheet engine runs here) and the .xlsx download.
 */
export function SheetPreview(props: SheetPreviewProps): React.JSX.Element | null {
  return renderSheetPreview(useSheetPreview(props), useSheetPreviewStyles(), useSectionStyles());
}
