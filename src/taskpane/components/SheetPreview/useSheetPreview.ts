import * as React from "react";
import { useId } from "@fluentui/react-components";
import { columnLetters, HOJA_ACTIVIDADES, type Cuatrimestre } from "../../../domain";
import { HOJA_RESUMEN } from "../../../report/names";
import type { HojaVista } from "../../services/paneEngine";
import type { SheetPreviewProps, SheetPreviewState } from "./SheetPreview.types";

/** "informe-pipc-III-2021.xlsx" */
export function nombreDescarga(corte: Cuatrimestre, vigencia: number): string {
  return `informe-pipc-${corte}-${vigencia}.xlsx`;
}

/**
 * The sheet to show after the sheet list changed: the report's Resumen as soon as it appears (that
 * is what the official just generated); the sheet the official picked while it exists; otherwise
 * Resumen, Actividades or the first sheet, whichever exists first.
 *
 * @example hojaAMostrar(["Hoja1", "Actividades"], ["Hoja1", "Actividades", "Resumen"], "Hoja1", true) === "Resumen"
 */
export function hojaAMostrar(antes: readonly string[], ahora: readonly string[], actual: string, elegidaPorUsuario: boolean): string {
  if (ahora.includes(HOJA_RESUMEN) && !antes.includes(HOJA_RESUMEN)) return HOJA_RESUMEN;
  if (elegidaPorUsuario && ahora.includes(actual)) return actual;
  return ahora.find((h) => h === HOJA_RESUMEN) ?? ahora.find((h) => h === HOJA_ACTIVIDADES) ?? ahora[0] ?? "";
}

/** The column letters of a preview. */
export function columnasDe(hoja: HojaVista | null): string[] {
  if (!hoja) return [];
  const ancho = hoja.celdas.reduce((m, r) => Math.max(m, r.length), 0);
  return Array.from({ length: ancho }, (_, i) => columnLetters(hoja.primeraColumna + i));
}

export function useSheetPreview({ t, demo, version, informe }: SheetPreviewProps): SheetPreviewState {
  const headingId = useId("vista-");
  const [hojas, setHojas] = React.useState<string[]>([]);
  const [seleccion, setSeleccion] = React.useState("");
  const [hoja, setHoja] = React.useState<HojaVista | null>(null);
  const [descarga, setDescarga] = React.useState<{ url: string; nombre: string } | null>(null);

  const hojasRef = React.useRef<string[]>([]);
  const elegida = React.useRef(false);
  React.useEffect(() => {
    let vivo = true;
    void demo.hojas().then((hs) => {
      if (!vivo) return;
      const antes = hojasRef.current;
      hojasRef.current = hs;
      setHojas(hs);
      setSeleccion((actual) => hojaAMostrar(antes, hs, actual, elegida.current));
    });
    return () => {
      vivo = false;
    };
  }, [demo, version]);

  React.useEffect(() => {
    let vivo = true;
    if (!seleccion) {
      setHoja(null);
      return;
    }
    void demo.leerHoja(seleccion).then((h) => {
      if (vivo) setHoja(h);
    });
    return () => {
      vivo = false;
    };
  }, [demo, seleccion, version]);

  const corte = informe?.corte;
  const vigencia = informe?.vigencia;
  React.useEffect(() => {
    if (!corte || vigencia === undefined) {
      setDescarga(null);
      return;
    }
    let url: string | null = null;
    let vivo = true;
    void demo.descargar().then((blob) => {
      if (!vivo) return;
      url = URL.createObjectURL(blob);
      setDescarga({ url, nombre: nombreDescarga(corte, vigencia) });
    });
    // Each new file frees the previous one: an object URL keeps its whole Blob alive.
    return () => {
      vivo = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [demo, version, corte, vigencia]);

  const onSeleccion = React.useCallback((nombre: string) => {
    elegida.current = true;
    setSeleccion(nombre);
  }, []);
  return { t, headingId, hojas, seleccion, hoja, columnas: columnasDe(hoja), descarga, onSeleccion };
}
