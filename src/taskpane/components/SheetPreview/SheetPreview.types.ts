import type { Cuatrimestre } from "../../../domain";
import type { Textos } from "../../i18n";
import type { DemoTools, HojaVista } from "../../services/paneEngine";

export interface SheetPreviewProps {
  t: Textos;
  demo: DemoTools;
  /** Changes whenever the workbook may have changed: the preview and the file are read again. */
  version: number;
  /** The generated report's cut and year, for the file name; null before the first generation. */
  informe: { corte: Cuatrimestre; vigencia: number } | null;
}

export interface SheetPreviewState {
  t: Textos;
  headingId: string;
  hojas: string[];
  seleccion: string;
  hoja: HojaVista | null;
  /** Column letters of the shown columns. */
  columnas: string[];
  descarga: { url: string; nombre: string } | null;
  onSeleccion: (nombre: string) => void;
}
