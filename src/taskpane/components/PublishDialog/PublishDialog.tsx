import type * as React from "react";
import type { PublishDialogProps } from "./PublishDialog.types";
import { renderPublishDialog } from "./renderPublishDialog";
import { usePublishDialog } from "./usePublishDialog";

/** The confirmation before freezing a cut (and before replacing one published earlier). */
export function PublishDialog(props: PublishDialogProps): React.JSX.Element {
  return renderPublishDialog(usePublishDialog(props));
}
