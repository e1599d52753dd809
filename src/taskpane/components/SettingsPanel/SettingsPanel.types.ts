import type { Cuatrimestre } from "../../../domain";
import type { Textos } from "../../i18n";
import type { ConfiguracionVista } from "../../services/paneEngine";
import type { Accion, Mensaje } from "../../state/paneState";

export interface SettingsPanelProps {
  t: Textos;
  config: ConfiguracionVista | null;
  oficinas: { nombre: string; sigla: string | null }[];
  ocupado: Accion | null;
  mensaje: Mensaje | null;
  /** Resolves true when saved. */
  onGuardar: (values: ConfiguracionVista) => Promise<boolean> | void;
  onCerrarMensaje: () => void;
}

/** The form as typed: text, so a half-typed value is never lost or reformatted under the cursor. */
export interface FormConfig {
  entidad: string;
  vigencia: string;
  dependencia: string;
  bajo: string;
  medio: string;
  sobre: string;
  cuatrimestre: "" | Cuatrimestre;
}

export type CampoConError = "vigencia" | "bajo" | "medio" | "sobre";

export interface LecturaFormulario {
  valores: ConfiguracionVista | null;
  errores: Partial<Record<CampoConError, string>>;
}

export interface Opcion {
  value: string;
  label: string;
}

export interface SettingsPanelState {
  t: Textos;
  headingId: string;
  form: FormConfig;
  errores: Partial<Record<CampoConError, string>>;
  dependencias: Opcion[];
  cortes: Opcion[];
  disponible: boolean;
  guardando: boolean;
  deshabilitado: boolean;
  mensaje: Mensaje | null;
  cambiar: <K extends keyof FormConfig>(campo: K, valor: FormConfig[K]) => void;
  onSubmit: (e?: { preventDefault(): void }) => void;
  onCerrarMensaje: () => void;
}
