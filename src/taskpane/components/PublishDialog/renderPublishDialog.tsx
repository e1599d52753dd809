import * as React from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Spinner } from "@fluentui/react-components";
import type { PublishDialogState } from "./PublishDialog.types";

export function renderPublishDialog(state: PublishDialogState): React.JSX.Element {
  return (
    <Dialog
      open={state.abierto}
      modalType="alert"
      onOpenChange={(_, d) => {
        if (!d.open && !state.publicando) state.onCancelar();
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{state.titulo}</DialogTitle>
          <DialogContent>{state.texto}</DialogContent>
          <DialogActions>
            <Button appearance="secondary" disabledFocusable={state.publicando} onClick={state.onCancelar}>
              {state.cancelar}
            </Button>
            <Button
              appearance="primary"
              disabledFocusable={state.publicando}
              onClick={state.onConfirmar}
              icon={state.publicando ? <Spinner size="tiny" appearance="inverted" aria-hidden="true" /> : undefined}
            >
              {state.confirmar}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
