import * as React from "react";
import { Badge, Body1, Button, mergeClasses, Spinner } from "@fluentui/react-components";
import { Aviso } from "../Aviso/Aviso";
import type { useSectionStyles } from "../shared.styles";
import type { ProblemsPanelState } from "./ProblemsPanel.types";
import type { useProblemsPanelStyles } from "./ProblemsPanel.styles";

export function renderProblemsPanel(
  state: ProblemsPanelState,
  styles: ReturnType<typeof useProblemsPanelStyles>,
  section: ReturnType<typeof useSectionStyles>,
): React.JSX.Element {
  const { t } = state;
  return (
    <section className={section.section} aria-labelledby={state.headingId}>
      <h2 id={state.headingId} className={section.heading}>
        {t.validacion.titulo}
      </h2>
      <div className={section.actions}>
        <Button
          appearance="secondary"
          disabledFocusable={state.ocupado !== null || !state.puedeValidar}
          onClick={state.onValidar}
          icon={state.ocupado === "validar" ? <Spinner size="tiny" aria-hidden="true" /> : undefined}
        >
          {t.validacion.boton}
        </Button>
      </div>
      {state.validado && (
        <Body1 as="p" className={section.text}>
          {state.resumen}
        </Body1>
      )}
      {state.grupos.length > 0 && (
        <Body1 as="p" className={mergeClasses(section.text, section.muted)}>
          {t.validacion.ayuda}
        </Body1>
      )}
      {state.recortado && (
        <Body1 as="p" className={section.text}>
          {state.recortado}
        </Body1>
      )}
      {state.grupos.map((g) => (
        <div key={g.hoja} className={styles.group}>
          <h3 className={section.subheading}>{g.titulo}</h3>
          <ul className={styles.list}>
            {g.problemas.map((p) => (
              <li key={p.key}>
                <button
                  type="button"
                  className={mergeClasses(styles.item, p.severidad === "error" ? styles.error : styles.warning)}
                  onClick={() => state.onSeleccionar(p.ref)}
                  title={p.irA}
                >
                  {/* The spaces between the parts keep them apart in the accessible name ("Error Actividades!F7 …"). */}
                  <span className={styles.head}>
                    <Badge size="small" appearance="tint" color={p.severidad === "error" ? "danger" : "warning"}>
                      {p.etiqueta}
                    </Badge>{" "}
                    <span className={styles.ref}>{p.ref}</span>
                  </span>{" "}
                  <span>{p.texto}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <Aviso t={t} mensaje={state.mensaje} onCerrar={state.onCerrarMensaje} />
    </section>
  );
}
