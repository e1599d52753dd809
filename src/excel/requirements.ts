/**
 * Requirement sets. The manifest declares the minimum the add-in cannot work without; everything
 * newer is optional, checked here once per action, and when missing the action degrades and says so
 * in Spanish (the messages end up in the result's `notices`).
 *
 * Why ExcelApi 1.7 is the minimum: the engine needs conditional formats (1.6), workbook settings
 * for the registry (1.4), sheet-scoped protection (1.2), `Worksheet.copy` for "Publicar corte",
 * `Worksheet.tabColor`, `freezePanes`, chart `series.setValues`/`setXAxisValues` and
 * `NamedItem.formula` (all 1.7). Excel 2019, Excel 2021/2024, Microsoft 365 and Excel on the web
 * all have it.
 */

/** `Office.context.requirements.isSetSupported`'s shape. */
export type IsSetSupported = (name: string, minVersion?: string) => boolean;

/** The minimum the manifest declares (`<Set Name="ExcelApi" MinVersion="1.7"/>`). */
export const MINIMUM_EXCEL_API = "1.7";

/** What the open Excel can do beyond the minimum. */
export interface Capabilities {
  /** The minimum itself (false only on Excel 2016 and older, which cannot load the add-in). */
  minimum: boolean;
  /** Data validation on input cells (ExcelApi 1.8). */
  dataValidation: boolean;
  /** `Worksheet.showGridlines` (ExcelApi 1.8). */
  gridlines: boolean;
  /** Print setup through `Worksheet.pageLayout` (ExcelApi 1.9). */
  pageLayout: boolean;
  /** `Application.suspendScreenUpdatingUntilNextSync` (ExcelApi 1.9). */
  suspendScreenUpdating: boolean;
  /** `RangeFormat.indentLevel` (ExcelApi 1.9). */
  indent: boolean;
  /** `Application.suspendApiCalculationUntilNextSync` (ExcelApi 1.6, within the minimum). */
  suspendCalculation: boolean;
}

/** The notices of the features a Capabilities lacks, in Spanish, for the result of an action. */
export interface DegradationNotices {
  dataValidation: string;
  gridlines: string;
  pageLayout: string;
  indent: string;
}

export const AVISOS_DEGRADACION: DegradationNotices = {
  dataValidation:
    "Esta versión de Excel no permite que el complemento cree listas desplegables ni reglas de validación (requiere ExcelApi 1.8): las hojas se crearon sin ellas; los datos se validan igual al generar el informe.",
  gridlines:
    "Esta versión de Excel no permite ocultar las líneas de cuadrícula desde el complemento (requiere ExcelApi 1.8): quítelas en Vista > Líneas de cuadrícula si lo desea.",
  pageLayout:
    "Esta versión de Excel no permite configurar la impresión desde el complemento (requiere ExcelApi 1.9): ajuste orientación, escala y encabezados en Diseño de página antes de imprimir.",
  indent:
    "Esta versión de Excel no permite aplicar sangría desde el complemento (requiere ExcelApi 1.9): el informe se ve igual, sin sangría en los títulos.",
};

/**
 * The default check: Office's own, when the add-in runs inside Office. Outside Office (a test host
 * that does not provide the `Office` global) every set is reported as supported, so tests that want
 * a degraded Excel pass their own function.
 */
export function defaultIsSetSupported(): IsSetSupported {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: IsSetSupported } } } }).Office;
  const req = office?.context?.requirements;
  if (req && typeof req.isSetSupported === "function") return (n, v) => req.isSetSupported!(n, v);
  return () => true;
}

/** Reads the capabilities of the host. */
export function capabilities(isSetSupported: IsSetSupported = defaultIsSetSupported()): Capabilities {
  const has = (v: string) => {
    try {
      return isSetSupported("ExcelApi", v) === true;
    } catch {
      return false;
    }
  };
  return {
    minimum: has(MINIMUM_EXCEL_API),
    dataValidation: has("1.8"),
    gridlines: has("1.8"),
    pageLayout: has("1.9"),
    suspendScreenUpdating: has("1.9"),
    indent: has("1.9"),
    suspendCalculation: has("1.6"),
  };
}

/** Notices collected during an action, without repeats, in the order they arose. */
export class Notices {
  private readonly list: string[] = [];

  add(text: string): void {
    if (!this.list.includes(text)) this.list.push(text);
  }

  /** The notice of a missing optional feature. */
  degraded(feature: keyof DegradationNotices): void {
    this.add(AVISOS_DEGRADACION[feature]);
  }

  all(): string[] {
    return [...this.list];
  }
}
