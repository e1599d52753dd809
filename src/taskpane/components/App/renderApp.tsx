import * as React from "react";
import { Caption1, Field, FluentProvider, MessageBar, MessageBarBody, Select } from "@fluentui/react-components";
import { IDIOMAS, type Idioma } from "../../i18n";
import { mensajePara } from "../../state/paneState";
import { Aviso } from "../Aviso/Aviso";
import { GeneratePanel } from "../GeneratePanel/GeneratePanel";
import { ProblemsPanel } from "../ProblemsPanel/ProblemsPanel";
import { ResultCard } from "../ResultCard/ResultCard";
import { SettingsPanel } from "../SettingsPanel/SettingsPanel";
import { SheetPreview } from "../SheetPreview/SheetPreview";
import { WorkbookCard } from "../WorkbookCard/WorkbookCard";
import type { AppState } from "./App.types";
import type { useAppStyles } from "./App.styles";

const SIN_OFICINAS: { nombre: string; sigla: string | null }[] = [];

export function renderApp(s: AppState, styles: ReturnType<typeof useAppStyles>): React.JSX.Element {
  const { t, state, actions } = s;
  const estado = state.estado;
  const hayPlan = !!estado && estado.actividades > 0;
  const hayActividades = !!estado && estado.hojas.some((h) => h.requerida && h.presente);
  const cerrar = actions.cerrarMensaje;
  return (
    <FluentProvider theme={s.theme} className={styles.provider} lang={s.idioma}>
      <main className={styles.main} aria-labelledby={s.headingId}>
        <header className={styles.header}>
          {/* 128 px drawn at 40 px keeps the logo sharp on high-DPI screens. */}
          <img src="assets/icon-128.png" width={40} height={40} alt="" />
          <div className={styles.titles}>
            <h1 id={s.headingId} className={styles.title}>
              {t.titulo}
            </h1>
            <Caption1 as="p" className={styles.subtitle}>
              {t.subtitulo}
            </Caption1>
          </div>
          <Field label={t.idiomaEtiqueta} size="small" className={styles.language}>
            <Select size="small" value={s.idioma} onChange={(_, d) => s.setIdioma(d.value as Idioma)}>
              {IDIOMAS.map((i) => (
                <option key={i} value={i} lang={i}>
                  {t.idiomaNombre[i]}
                </option>
              ))}
            </Select>
          </Field>
        </header>

        {s.demo && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{t.demo.texto}</MessageBarBody>
          </MessageBar>
        )}
        <Aviso t={t} mensaje={mensajePara(state, "general")} onCerrar={cerrar} />

        <WorkbookCard
          t={t}
          estado={estado}
          ocupado={state.ocupado}
          mensaje={mensajePara(state, "libro")}
          onPreparar={actions.preparar}
          onEjemplo={actions.ejemplo}
          onActualizar={actions.actualizar}
          onCerrarMensaje={cerrar}
        />
        <ProblemsPanel
          t={t}
          problemas={state.problemas}
          ocupado={state.ocupado}
          puedeValidar={hayActividades}
          mensaje={mensajePara(state, "validacion")}
          onValidar={actions.validar}
          onSeleccionar={actions.seleccionarCelda}
          onCerrarMensaje={cerrar}
        />
        <GeneratePanel
          t={t}
          corte={state.corte}
          etapa={state.etapa}
          ocupado={state.ocupado}
          puedeGenerar={hayPlan}
          mensaje={mensajePara(state, "generar")}
          onCorte={actions.elegirCorte}
          onGenerar={actions.generar}
          onCerrarMensaje={cerrar}
        />
        <ResultCard
          t={t}
          resultado={state.resultado}
          ocupado={state.ocupado}
          confirmacion={state.confirmacion}
          mensaje={mensajePara(state, "resultado")}
          onActivarHoja={actions.activarHoja}
          onPublicar={actions.pedirPublicacion}
          onConfirmarPublicacion={actions.confirmarPublicacion}
          onCancelarPublicacion={actions.cancelarPublicacion}
          onCerrarMensaje={cerrar}
        />
        <SettingsPanel
          t={t}
          config={state.config}
          oficinas={estado?.oficinas ?? SIN_OFICINAS}
          ocupado={state.ocupado}
          mensaje={mensajePara(state, "configuracion")}
          onGuardar={actions.guardarConfiguracion}
          onCerrarMensaje={cerrar}
        />
        {s.demo && (
          <SheetPreview
            t={t}
            demo={s.demo}
            version={state.version}
            informe={state.resultado ? { corte: state.resultado.corte, vigencia: state.resultado.resumen.vigenciaAnio } : null}
          />
        )}
        <div role="status" aria-live="polite" aria-atomic="true" className={styles.liveRegion} data-testid="anuncio">
          {s.anuncio}
        </div>
      </main>
    </FluentProvider>
  );
}
