import { useId } from "@fluentui/react-components";
import { CUATRIMESTRES } from "../../../domain";
import { ETAPAS_PANEL, type Etapa, type Textos } from "../../i18n";
import { progresoDe } from "../../state/paneState";
import type { GeneratePanelProps, GeneratePanelState, OpcionCorte } from "./GeneratePanel.types";

/** The three cuts with their months: "III · septiembre – diciembre". */
export function opcionesCorte(t: Textos): OpcionCorte[] {
  return CUATRIMESTRES.map((c) => ({ value: c, label: t.generar.corteOpcion(c) }));
}

/** "Escribiendo hojas (4/5)": the stage's name and where it stands; "" before the first stage. */
export function textoEtapa(etapa: Etapa | null, t: Textos): string {
  if (etapa === null) return "";
  return `${t.generar.etapa[etapa]} (${ETAPAS_PANEL.indexOf(etapa) + 1}/${ETAPAS_PANEL.length})`;
}

export function useGeneratePanel(props: GeneratePanelProps): GeneratePanelState {
  const headingId = useId("generar-");
  const { t, etapa, ocupado } = props;
  return {
    ...props,
    headingId,
    opciones: opcionesCorte(t),
    generando: ocupado === "generar",
    deshabilitado: ocupado !== null || !props.puedeGenerar,
    mostrarProgreso: etapa !== null,
    progreso: progresoDe(etapa),
    etapaTexto: textoEtapa(etapa, t),
  };
}
