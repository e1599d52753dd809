import * as React from "react";
import { Body1, Button, Link } from "@fluentui/react-components";
import { Aviso } from "../Aviso/Aviso";
import { PublishDialog } from "../PublishDialog/PublishDialog";
import type { useSectionStyles } from "../shared.styles";
import type { ResultCardState } from "./ResultCard.types";
import type { useResultCardStyles } from "./ResultCard.styles";

export function renderResultCard(
  state: ResultCardState,
  styles: ReturnType<typeof useResultCardStyles>,
  section: ReturnType<typeof useSectionStyles>,
): React.JSX.Element | null {
  const { t, vista } = state;
  if (!vista) return null;
  return (
    <section className={section.section} aria-labelledby={state.headingId} data-testid="resultado">
      <h2 id={state.headingId} className={section.heading}>
        {vista.titulo}
      </h2>
      <div className={styles.blocks}>
        {vista.bloques.map((b) => (
          <div key={b.id} className={styles.block} data-testid={`cifras-${b.id}`} role="group" aria-labelledby={`${state.headingId}-${b.id}`}>
            <h3 id={`${state.headingId}-${b.id}`} className={section.subheading}>
              {b.titulo}
            </h3>
            <p className={styles.big} data-testid={`cumplimiento-${b.id}`}>
              {b.cumplimiento}
            </p>
            <span className={styles.badge} style={{ backgroundColor: b.banda.fondo, color: b.banda.letra }} data-testid={`banda-${b.id}`}>
              {b.banda.texto}
            </span>
            <dl className={styles.figures}>
              <dt className={styles.term}>{t.resultado.programado}</dt>
              <dd className={styles.value} data-testid={`programado-${b.id}`}>
                {b.programado}
              </dd>
              <dt className={styles.term}>{t.resultado.ejecutado}</dt>
              <dd className={styles.value} data-testid={`ejecutado-${b.id}`}>
                {b.ejecutado}
              </dd>
            </dl>
          </div>
        ))}
      </div>
      <h3 className={section.subheading}>{t.resultado.hojas}</h3>
      <ul className={styles.sheets}>
        {vista.hojas.map((h) => (
          <li key={h.nombre}>
            <Link as="button" onClick={() => state.onActivarHoja(h.nombre)} title={h.etiqueta}>
              {h.nombre}
            </Link>
          </li>
        ))}
      </ul>
      {vista.avisos.length > 0 && (
        <>
          <h3 className={section.subheading}>{t.resultado.avisos}</h3>
          <ul className={styles.notices}>
            {vista.avisos.map((a) => (
              <li key={a}>
                <Body1>{a}</Body1>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className={section.actions}>
        <Button appearance="secondary" disabledFocusable={state.ocupado !== null} onClick={state.onPublicar}>
          {t.publicar.boton}
        </Button>
      </div>
      <Aviso t={t} mensaje={state.mensaje} onCerrar={state.onCerrarMensaje} />
      <PublishDialog
        t={t}
        confirmacion={state.confirmacion}
        publicando={state.ocupado === "publicar"}
        onConfirmar={state.onConfirmarPublicacion}
        onCancelar={state.onCancelarPublicacion}
      />
    </section>
  );
}
