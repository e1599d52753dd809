import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  Field,
  Input,
  mergeClasses,
  Select,
  Spinner,
} from "@fluentui/react-components";
import type { Cuatrimestre } from "../../../domain";
import { Aviso } from "../Aviso/Aviso";
import type { useSectionStyles } from "../shared.styles";
import type { SettingsPanelState } from "./SettingsPanel.types";
import type { useSettingsPanelStyles } from "./SettingsPanel.styles";

export function renderSettingsPanel(
  state: SettingsPanelState,
  styles: ReturnType<typeof useSettingsPanelStyles>,
  section: ReturnType<typeof useSectionStyles>,
): React.JSX.Element {
  const { t, form, errores } = state;
  const err = (k: keyof typeof errores) => (errores[k] ? { validationState: "error" as const, validationMessage: errores[k] } : {});
  return (
    <section className={section.section} aria-labelledby={state.headingId}>
      <Accordion collapsible>
        <AccordionItem value="config">
          <AccordionHeader as="h2" id={state.headingId} className={mergeClasses(section.heading, styles.header)} expandIconPosition="end">
            {t.config.titulo}
          </AccordionHeader>
          <AccordionPanel>
            <form className={styles.form} onSubmit={state.onSubmit} noValidate>
              <Field label={t.config.entidad}>
                <Input value={form.entidad} onChange={(_, d) => state.cambiar("entidad", d.value)} disabled={!state.disponible} />
              </Field>
              <Field label={t.config.vigencia} {...err("vigencia")}>
                <Input
                  value={form.vigencia}
                  inputMode="numeric"
                  onChange={(_, d) => state.cambiar("vigencia", d.value)}
                  disabled={!state.disponible}
                />
              </Field>
              <Field label={t.config.dependencia} hint={t.config.dependenciaAyuda}>
                <Select value={form.dependencia} onChange={(_, d) => state.cambiar("dependencia", d.value)} disabled={!state.disponible}>
                  {state.dependencias.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              </Field>
              <fieldset className={styles.thresholds}>
                <legend className={styles.legend}>{t.config.umbrales}</legend>
                <Field label={t.config.umbralBajo} {...err("bajo")}>
                  <Input value={form.bajo} inputMode="decimal" onChange={(_, d) => state.cambiar("bajo", d.value)} disabled={!state.disponible} />
                </Field>
                <Field label={t.config.umbralMedio} {...err("medio")}>
                  <Input value={form.medio} inputMode="decimal" onChange={(_, d) => state.cambiar("medio", d.value)} disabled={!state.disponible} />
                </Field>
                <Field label={t.config.umbralSobre} {...err("sobre")}>
                  <Input value={form.sobre} inputMode="decimal" onChange={(_, d) => state.cambiar("sobre", d.value)} disabled={!state.disponible} />
                </Field>
              </fieldset>
              <Body1 as="p" className={mergeClasses(section.text, section.muted)}>
                {t.config.umbralAyuda}
              </Body1>
              <Field label={t.config.corte}>
                <Select
                  value={form.cuatrimestre}
                  onChange={(_, d) => state.cambiar("cuatrimestre", d.value as "" | Cuatrimestre)}
                  disabled={!state.disponible}
                >
                  {state.cortes.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              </Field>
              <div className={section.actions}>
                <Button
                  type="submit"
                  appearance="secondary"
                  disabledFocusable={state.deshabilitado}
                  icon={state.guardando ? <Spinner size="tiny" aria-hidden="true" /> : undefined}
                >
                  {t.config.guardar}
                </Button>
              </div>
              <Aviso t={t} mensaje={state.mensaje} onCerrar={state.onCerrarMensaje} />
            </form>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}
