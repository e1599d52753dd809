/**
 * The pane's controller hook: runs the engine for each action an official starts and feeds the
 * results to the pure reducer (paneState.ts). One action at a time: a second click while Excel is
 * busy is ignored rather than queued behind it.
 */
import * as React from "react";
import type { Cuatrimestre } from "../../domain";
import type { ConfiguracionVista, PaneEngine } from "../services/paneEngine";
import {
  ESTADO_INICIAL,
  etapaDe,
  mensajeDe,
  mensajeDeError,
  paneReducer,
  type Accion,
  type Mensaje,
  type PaneState,
} from "./paneState";

export interface PaneActions {
  actualizar(): Promise<void>;
  preparar(): Promise<void>;
  ejemplo(): Promise<void>;
  validar(): Promise<void>;
  generar(): Promise<void>;
  elegirCorte(c: Cuatrimestre): void;
  /** Opens the publish confirmation. */
  pedirPublicacion(): void;
  /** The official confirmed the dialog. */
  confirmarPublicacion(): Promise<void>;
  cancelarPublicacion(): void;
  seleccionarCelda(ref: string): Promise<void>;
  activarHoja(name: string): Promise<void>;
  guardarConfiguracion(values: ConfiguracionVista): Promise<boolean>;
  cerrarMensaje(): void;
}

export function usePane(engine: PaneEngine): { state: PaneState; actions: PaneActions } {
  const [state, dispatch] = React.useReducer(paneReducer, ESTADO_INICIAL);
  // The reducer's state lags one render behind inside async work; a ref answers "is anything running?" at once.
  const busy = React.useRef(false);
  const stateRef = React.useRef(state);
  stateRef.current = state;

  const refresh = React.useCallback(async () => {
    const [estado, config] = await Promise.all([engine.estadoLibro(), engine.leerConfiguracion()]);
    dispatch({ type: "estado", estado, config });
  }, [engine]);

  /** Runs one action: marks it busy, reports failures as messages, always releases. */
  const run = React.useCallback(
    async (accion: Accion, work: () => Promise<{ mensaje?: Mensaje | null; cambio?: boolean } | void>) => {
      if (busy.current) return;
      busy.current = true;
      dispatch({ type: "inicio", accion });
      try {
        const r = await work();
        dispatch({ type: "fin", mensaje: r?.mensaje ?? null, cambio: r?.cambio });
      } catch (e) {
        dispatch({ type: "error", mensaje: mensajeDeError(e) });
      } finally {
        busy.current = false;
      }
    },
    [],
  );

  const actualizar = React.useCallback(() => run("cargar", async () => refresh()), [run, refresh]);

  const preparar = React.useCallback(
    () =>
      run("preparar", async () => {
        await engine.prepararLibro();
        await refresh();
        return { mensaje: mensajeDe("success", (t) => t.libro.preparado), cambio: true };
      }),
    [engine, run, refresh],
  );

  const ejemplo = React.useCallback(
    () =>
      run("ejemplo", async () => {
        await engine.cargarEjemplo();
        await refresh();
        return { mensaje: mensajeDe("success", (t) => t.libro.ejemploCargado), cambio: true };
      }),
    [engine, run, refresh],
  );

  const validar = React.useCallback(
    () =>
      run("validar", async () => {
        dispatch({ type: "problemas", problemas: await engine.validar() });
      }),
    [engine, run],
  );

  const generar = React.useCallback(
    () =>
      run("generar", async () => {
        const cut = stateRef.current.corte;
        const g = await engine.generarResumen(cut, (stage) => {
          const etapa = etapaDe(stage);
          if (etapa && etapa !== "listo") dispatch({ type: "etapa", etapa });
        });
        if (g.status === "errores") {
          dispatch({ type: "rechazado", problemas: g.problemas });
          return { mensaje: mensajeDe("error", (t) => t.generar.conErrores), cambio: false };
        }
        dispatch({ type: "generado", resultado: g.resultado });
        await refresh();
        return { cambio: true };
      }),
    [engine, run, refresh],
  );

  const elegirCorte = React.useCallback((c: Cuatrimestre) => dispatch({ type: "corte", corte: c }), []);

  const pedirPublicacion = React.useCallback(() => {
    const r = stateRef.current.resultado;
    if (!r || busy.current) return;
    dispatch({ type: "confirmar", confirmacion: { paso: "publicar", corte: `${r.corte}-${r.resumen.vigenciaAnio}` } });
  }, []);

  const cancelarPublicacion = React.useCallback(() => dispatch({ type: "confirmar", confirmacion: null }), []);

  const confirmarPublicacion = React.useCallback(
    () =>
      run("publicar", async () => {
        const paso = stateRef.current.confirmacion;
        const p = await engine.publicarCorte(paso?.paso === "reemplazar");
        if (p.status === "ya-publicado") {
          dispatch({ type: "confirmar", confirmacion: { paso: "reemplazar", corte: p.corte, fecha: p.fecha, hojas: p.hojas } });
          return { cambio: false };
        }
        dispatch({ type: "confirmar", confirmacion: null });
        if (p.status === "desactualizado") return { mensaje: { intent: "warning", ...p.mensaje }, cambio: false };
        await refresh();
        return { mensaje: mensajeDe("success", (t) => t.publicar.hecho(p.hojas)), cambio: true };
      }),
    [engine, run, refresh],
  );

  // Going to a cell or a sheet is navigation, not work: it never blocks the pane or clears its messages.
  const navigate = React.useCallback(async (go: () => Promise<void>) => {
    try {
      await go();
    } catch (e) {
      dispatch({ type: "error", mensaje: mensajeDeError(e) });
    }
  }, []);
  const seleccionarCelda = React.useCallback((ref: string) => navigate(() => engine.seleccionarCelda(ref)), [engine, navigate]);
  const activarHoja = React.useCallback((name: string) => navigate(() => engine.activarHoja(name)), [engine, navigate]);

  const guardarConfiguracion = React.useCallback(
    async (values: ConfiguracionVista) => {
      let ok = false;
      await run("guardar", async () => {
        await engine.guardarConfiguracion(values);
        await refresh();
        ok = true;
        return { mensaje: mensajeDe("success", (t) => t.config.guardado), cambio: true };
      });
      return ok;
    },
    [engine, run, refresh],
  );

  const cerrarMensaje = React.useCallback(() => dispatch({ type: "cerrarMensaje" }), []);

  // The first look at the workbook, once per engine.
  React.useEffect(() => {
    void actualizar();
  }, [actualizar]);

  const actions = React.useMemo<PaneActions>(
    () => ({
      actualizar,
      preparar,
      ejemplo,
      validar,
      generar,
      elegirCorte,
      pedirPublicacion,
      confirmarPublicacion,
      cancelarPublicacion,
      seleccionarCelda,
      activarHoja,
      guardarConfiguracion,
      cerrarMensaje,
    }),
    [actualizar, preparar, ejemplo, validar, generar, elegirCorte, pedirPublicacion, confirmarPublicacion, cancelarPublicacion, seleccionarCelda, activarHoja, guardarConfiguracion, cerrarMensaje],
  );
  return { state, actions };
}
