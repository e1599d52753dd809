import * as React from "react";
import { Button, Field, ProgressBar, Radio, RadioGroup, Spinner } from "@fluentui/react-components";
import type { Cuatrimestre } from "../../../domain";
import { Aviso } from "../Aviso/Aviso";
import type { useSectionStyles } from "../shared.styles";
import type { GeneratePanelState } from "./GeneratePanel.types";

export function renderGeneratePanel(state: GeneratePanelState, section: ReturnType<typeof useSectionStyles>): React.JSX.Element {
  const { t } = state;
  return (
    <section className={section.section} aria-labelledby={state.headingId}>
      <h2 id={state.headingId} className={section.heading}>
        {t.generar.titulo}
      </h2>
      <Field label={t.generar.corteEtiqueta}>
        <RadioGroup value={state.corte} onChange={(_, d) => state.onCorte(d.value as Cuatrimestre)} disabled={state.generando}>
          {state.opciones.map((o) => (
            <Radio key={o.value} value={o.value} label={o.label} />
          ))}
        </RadioGroup>
      </Field>
      <div className={section.actions}>
        <Button
          appearance="primary"
          disabledFocusable={state.deshabilitado}
          onClick={state.onGenerar}
          icon={state.generando ? <Spinner size="tiny" appearance="inverted" aria-hidden="true" /> : undefined}
        >
          {t.generar.boton}
        </Button>
      </div>
      {state.mostrarProgreso && (
        <Field label={t.generar.progreso} hint={state.etapaTexto}>
          <ProgressBar value={state.progreso} max={1} thickness="large" aria-valuetext={state.etapaTexto} />
        </Field>
      )}
      <Aviso t={t} mensaje={state.mensaje} onCerrar={state.onCerrarMensaje} />
    </section>
  );
}
