import * as React from "react";
import { Badge, Body1, Button, Spinner } from "@fluentui/react-components";
import { Aviso } from "../Aviso/Aviso";
import { useSectionStyles } from "../shared.styles";
import type { WorkbookCardState } from "./WorkbookCard.types";
import type { useWorkbookCardStyles } from "./WorkbookCard.styles";

export function renderWorkbookCard(
  state: WorkbookCardState,
  styles: ReturnType<typeof useWorkbookCardStyles>,
  section: ReturnType<typeof useSectionStyles>,
): React.JSX.Element {
  const { t } = state;
  const busy = state.ocupado !== null;
  return (
    <section className={section.section} aria-labelledby={state.headingId} aria-busy={state.cargando}>
      <h2 id={state.headingId} className={section.heading}>
        {t.libro.titulo}
      </h2>
      {state.cargando ? (
        <Spinner size="small" label={t.cargando} />
      ) : (
        <>
          <h3 className={section.subheading}>{t.libro.hojasEntrada}</h3>
          <ul className={styles.sheets}>
            {state.hojas.map((h) => (
              <li key={h.nombre}>
                <Badge appearance={h.presente ? "tint" : "outline"} color={h.presente ? "success" : "informative"} shape="rounded">
                  {`${h.nombre}: ${h.texto}`}
                </Badge>
              </li>
            ))}
          </ul>
          <dl className={styles.grid}>
            {state.cifras.map((c) => (
              <React.Fragment key={c.etiqueta}>
                <dt className={styles.term}>{c.etiqueta}</dt>
                <dd className={styles.value}>{c.valor}</dd>
              </React.Fragment>
            ))}
          </dl>
          {state.vacio && <Body1 as="p" className={section.text}>{state.vacio}</Body1>}
        </>
      )}
      <div className={section.actions}>
        {state.mostrarPreparar && (
          <Button
            appearance={state.mostrarEjemplo ? "secondary" : "primary"}
            disabledFocusable={busy}
            onClick={state.onPreparar}
            icon={state.ocupado === "preparar" ? <Spinner size="tiny" aria-hidden="true" /> : undefined}
          >
            {t.libro.preparar}
          </Button>
        )}
        {state.mostrarEjemplo && (
          <Button
            appearance="secondary"
            disabledFocusable={busy}
            onClick={state.onEjemplo}
            icon={state.ocupado === "ejemplo" ? <Spinner size="tiny" aria-hidden="true" /> : undefined}
          >
            {t.libro.ejemplo}
          </Button>
        )}
        <Button appearance="subtle" disabledFocusable={busy} onClick={state.onActualizar} ref={state.actualizarRef}>
          {t.libro.actualizar}
        </Button>
      </div>
      <Aviso t={t} mensaje={state.mensaje} onCerrar={state.onCerrarMensaje} />
    </section>
  );
}
