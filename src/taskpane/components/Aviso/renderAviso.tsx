import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { AvisoState } from "./Aviso.types";

export function renderAviso(state: AvisoState): React.JSX.Element | null {
  if (!state.visible) return null;
  return (
    <MessageBar intent={state.intent} layout="multiline">
      <MessageBarBody>
        {state.titulo && <MessageBarTitle>{state.titulo}</MessageBarTitle>}
        {state.texto}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="secondary" onClick={state.onCerrar}>
          {state.cerrarEtiqueta}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
