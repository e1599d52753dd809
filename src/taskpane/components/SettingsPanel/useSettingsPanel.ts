import * as React from "react";
import { useId } from "@fluentui/react-components";
import { CUATRIMESTRES, normalizeKey, UMBRALES_POR_DEFECTO, type Cuatrimestre } from "../../../domain";
import { parseVigencia } from "../../../domain/parse/configuracion";
import type { Textos } from "../../i18n";
import type { ConfiguracionVista } from "../../services/paneEngine";
import type { FormConfig, LecturaFormulario, Opcion, SettingsPanelProps, SettingsPanelState } from "./SettingsPanel.types";

type Oficina = { nombre: string; sigla: string | null };

/** What an office is written as in Configuración: its sigla when it has one (short, and what officials type). */
export function claveOficina(o: Oficina): string {
  return o.sigla ?? o.nombre;
}

/** The office a Configuración value names (by name or sigla, forgivingly), or null. */
export function oficinaDe(valor: string | null, oficinas: readonly Oficina[]): Oficina | null {
  if (!valor) return null;
  const k = normalizeKey(valor);
  return oficinas.find((o) => normalizeKey(o.nombre) === k || (o.sigla !== null && normalizeKey(o.sigla) === k)) ?? null;
}

/** A proportion as the percentage the form shows: 0.6 -> "60", 1.25 -> "125", 0.675 -> "67.5". */
export function aPorcentaje(x: number): string {
  return String(Math.round(x * 1000) / 10);
}

/** The form's text for a configuration. */
export function formularioDe(config: ConfiguracionVista | null, oficinas: readonly Oficina[]): FormConfig {
  const u = config?.umbrales ?? UMBRALES_POR_DEFECTO;
  const dep = config?.dependenciaCompromisos ?? null;
  const oficina = oficinaDe(dep, oficinas);
  return {
    entidad: config?.entidad ?? "",
    vigencia: config?.vigencia === null || config?.vigencia === undefined ? "" : String(config.vigencia),
    dependencia: oficina ? claveOficina(oficina) : (dep ?? ""),
    bajo: aPorcentaje(u.bajo),
    medio: aPorcentaje(u.medio),
    sobre: aPorcentaje(u.sobreejecucion),
    cuatrimestre: config?.cuatrimestre ?? "",
  };
}

/** The offices to choose from; a value Configuración holds that names no office stays selectable. */
export function opcionesDependencia(oficinas: readonly Oficina[], actual: string, t: Textos): Opcion[] {
  const opciones: Opcion[] = [{ value: "", label: t.config.dependenciaNinguna }];
  for (const o of oficinas) opciones.push({ value: claveOficina(o), label: o.sigla ? `${o.sigla} · ${o.nombre}` : o.nombre });
  if (actual && !opciones.some((o) => o.value === actual)) opciones.push({ value: actual, label: actual });
  return opciones;
}

/** "60", "60 %", "67,5" -> 0.6, 0.6, 0.675; null when it is not a percentage from 0 to 1000. */
export function leerPorcentaje(texto: string): number | null {
  const s = texto.trim().replace(/\s*%$/, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return n >= 0 && n <= 1000 ? Math.round(n * 1000) / 100000 : null;
}

/**
 * Reads and checks the form. Thresholds must be percentages in order (bajo ≤ medio ≤
 * sobreejecución), the vigencia a four-digit year or blank (blank: the contract's default).
 */
export function leerFormulario(form: FormConfig, t: Textos): LecturaFormulario {
  const errores: LecturaFormulario["errores"] = {};
  let vigencia: number | null = null;
  if (form.vigencia.trim() !== "") {
    vigencia = parseVigencia(form.vigencia.trim());
    if (vigencia === null) errores.vigencia = t.config.vigenciaInvalida;
  }
  const bajo = leerPorcentaje(form.bajo);
  const medio = leerPorcentaje(form.medio);
  const sobre = leerPorcentaje(form.sobre);
  if (bajo === null) errores.bajo = t.config.umbralInvalido;
  if (medio === null) errores.medio = t.config.umbralInvalido;
  if (sobre === null) errores.sobre = t.config.umbralInvalido;
  if (bajo !== null && medio !== null && bajo > medio) errores.medio = t.config.umbralesDesordenados;
  if (medio !== null && sobre !== null && medio > sobre) errores.sobre = t.config.umbralesDesordenados;
  if (Object.keys(errores).length > 0) return { valores: null, errores };
  return {
    valores: {
      entidad: form.entidad.trim(),
      vigencia,
      dependenciaCompromisos: form.dependencia.trim() === "" ? null : form.dependencia.trim(),
      umbrales: { bajo: bajo!, medio: medio!, sobreejecucion: sobre! },
      cuatrimestre: form.cuatrimestre === "" ? null : form.cuatrimestre,
    },
    errores,
  };
}

export function useSettingsPanel(props: SettingsPanelProps): SettingsPanelState {
  const { t, config, oficinas, ocupado, onGuardar } = props;
  const headingId = useId("config-");
  const [form, setForm] = React.useState<FormConfig>(() => formularioDe(config, oficinas));
  const [errores, setErrores] = React.useState<LecturaFormulario["errores"]>({});
  // A new reading of Configuración (after a save, an example load) replaces what the form shows.
  React.useEffect(() => {
    setForm(formularioDe(config, oficinas));
    setErrores({});
  }, [config, oficinas]);

  const cambiar = React.useCallback(<K extends keyof FormConfig>(campo: K, valor: FormConfig[K]) => {
    setForm((f) => ({ ...f, [campo]: valor }));
  }, []);

  const onSubmit = (e?: { preventDefault(): void }) => {
    e?.preventDefault();
    const r = leerFormulario(form, t);
    setErrores(r.errores);
    if (r.valores) void onGuardar(r.valores);
  };

  const cortes: Opcion[] = [
    { value: "", label: "—" },
    ...CUATRIMESTRES.map((c: Cuatrimestre) => ({ value: c, label: t.generar.corteOpcion(c) })),
  ];
  return {
    t,
    headingId,
    form,
    errores,
    dependencias: opcionesDependencia(oficinas, form.dependencia, t),
    cortes,
    disponible: config !== null,
    guardando: ocupado === "guardar",
    deshabilitado: ocupado !== null || config === null,
    mensaje: props.mensaje,
    cambiar,
    onSubmit,
    onCerrarMensaje: props.onCerrarMensaje,
  };
}
