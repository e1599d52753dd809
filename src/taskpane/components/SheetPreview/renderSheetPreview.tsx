import * as React from "react";
import { Body1, Button, Field, mergeClasses, Select } from "@fluentui/react-components";
import type { useSectionStyles } from "../shared.styles";
import type { SheetPreviewState } from "./SheetPreview.types";
import type { useSheetPreviewStyles } from "./SheetPreview.styles";

export function renderSheetPreview(
  state: SheetPreviewState,
  styles: ReturnType<typeof useSheetPreviewStyles>,
  section: ReturnType<typeof useSectionStyles>,
): React.JSX.Element | null {
  const { t, hoja } = state;
  if (state.hojas.length === 0) return null;
  return (
    <section className={section.section} aria-labelledby={state.headingId}>
      <h2 id={state.headingId} className={section.heading}>
        {t.vista.titulo}
      </h2>
      {state.descarga && (
        <div className={section.actions}>
          <Button as="a" appearance="primary" href={state.descarga.url} download={state.descarga.nombre}>
            {t.vista.descargar}
          </Button>
        </div>
      )}
      <Field label={t.vista.hoja}>
        <Select value={state.seleccion} onChange={(_, d) => state.onSeleccion(d.value)}>
          {state.hojas.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </Select>
      </Field>
      <Body1 as="p" className={mergeClasses(section.text, section.muted)}>
        {t.vista.nota}
      </Body1>
      {hoja && hoja.celdas.length === 0 && <Body1 as="p">{t.vista.vacia}</Body1>}
      {hoja && hoja.celdas.length > 0 && (
        // Focusable so the grid scrolls by keyboard; labelled so the stop is announced.
        <div className={styles.scroller} tabIndex={0} role="region" aria-label={t.vista.tabla(hoja.nombre)}>
          <table className={styles.table} data-testid="vista-previa">
            <caption className={styles.caption}>{t.vista.tabla(hoja.nombre)}</caption>
            <thead>
              <tr>
                <td className={styles.head} />
                {state.columnas.map((c) => (
                  <th key={c} scope="col" className={styles.head}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {hoja.celdas.map((fila, i) => (
                <tr key={i}>
                  <th scope="row" className={styles.rowHead}>
                    {hoja.primeraFila + i}
                  </th>
                  {fila.map((c, j) => (
                    <td
                      key={j}
                      className={mergeClasses(styles.cell, c.numero && styles.number, c.formula && styles.formula)}
                      title={c.texto.length > 30 || c.formula ? c.texto : undefined}
                    >
                      {c.texto}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
