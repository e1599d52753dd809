import type * as React from "react";
import type { AvisoProps } from "./Aviso.types";
import { renderAviso } from "./renderAviso";
import { useAviso } from "./useAviso";

/** A message in plain words (what happened, what to do), dismissible; never a stack trace. */
export function Aviso(props: AvisoProps): React.JSX.Element | null {
  return renderAviso(useAviso(props));
}
