/**
 * The errors of the Office.js adapter. Validation problems are not errors (they are returned as
 * `Problem`s); these are the failures an official can only fix by doing something in Excel: leave
 * cell edit mode, unprotect a sheet, rename a table... Each carries a Spanish message that says what
 * to do, and the English one second.
 */

export type ExcelEngineErrorCode =
  /** Excel is in cell edit mode: the API refuses every request until the official presses Enter. */
  | "cell-edit-mode"
  /** A sheet (or the workbook structure) is protected. */
  | "protected"
  /** The request was larger than Excel accepts even after chunking (a single huge cell, say). */
  | "payload-too-large"
  /** A name the add-in needs (sheet, table, defined name) is taken by something it does not own. */
  | "name-taken"
  /** An input sheet or table the action needs is not there. */
  | "missing-input"
  /** "Cargar ejemplo" on a workbook whose input sheets already hold data. */
  | "not-empty"
  /** "Generar" refused: the inputs have errors (the problems travel with the error). */
  | "invalid-data"
  /** "Publicar corte" with no report generated yet. */
  | "no-report"
  /** The workbook is read-only, shared in a way that forbids the change, or the API is unavailable. */
  | "not-allowed"
  /** A Problem.ref or a sheet name that does not point anywhere. */
  | "bad-reference"
  /** Anything else Excel answered; the detail keeps Excel's own text for support. */
  | "excel";

const MESSAGES: Record<ExcelEngineErrorCode, { es: string; en: string }> = {
  "cell-edit-mode": {
    es: "Excel está editando una celda: presione Enter o Esc para salir de la celda y vuelva a intentarlo.",
    en: "Excel is editing a cell: press Enter or Esc to leave the cell and try again.",
  },
  protected: {
    es: "Una hoja o la estructura del libro está protegida: quite la protección (Revisar > Desproteger hoja / Proteger libro) y vuelva a intentarlo.",
    en: "A sheet or the workbook structure is protected: unprotect it (Review > Unprotect Sheet / Protect Workbook) and try again.",
  },
  "payload-too-large": {
    es: "Excel rechazó un envío demasiado grande: revise si alguna celda de las hojas de entrada tiene un texto muy largo y acórtelo.",
    en: "Excel refused a request that was too large: check whether a cell of the input sheets holds a very long text and shorten it.",
  },
  "name-taken": {
    es: "Un nombre que el complemento necesita ya está en uso en el libro: cambie el nombre de la hoja, tabla o nombre definido indicado.",
    en: "A name the add-in needs is already used in the workbook: rename the sheet, table or defined name shown.",
  },
  "missing-input": {
    es: "Falta una hoja de entrada: use «Preparar libro» para crearla.",
    en: "An input sheet is missing: use “Prepare workbook” to create it.",
  },
  "not-empty": {
    es: "Las hojas de entrada ya tienen datos: el ejemplo 2021 solo se carga en un libro vacío. Abra un libro nuevo (Archivo > Nuevo) y vuelva a intentarlo.",
    en: "The input sheets already hold data: the 2021 example only loads into an empty workbook. Open a new workbook (File > New) and try again.",
  },
  "invalid-data": {
    es: "Los datos tienen errores: corríjalos (la lista indica hoja y celda) y vuelva a generar el informe.",
    en: "The data has errors: fix them (the list shows sheet and cell) and generate the report again.",
  },
  "no-report": {
    es: "Todavía no hay un informe generado: use «Generar informe» antes de publicar el corte.",
    en: "No report has been generated yet: use “Generate report” before publishing the cut.",
  },
  "not-allowed": {
    es: "Excel no permite este cambio en el libro abierto (¿está en modo de solo lectura?): guarde una copia editable y vuelva a intentarlo.",
    en: "Excel does not allow this change in the open workbook (is it read-only?): save an editable copy and try again.",
  },
  "bad-reference": {
    es: "La referencia no existe en el libro: puede que la hoja se haya renombrado o eliminado; valide de nuevo.",
    en: "The reference does not exist in the workbook: the sheet may have been renamed or deleted; validate again.",
  },
  excel: {
    es: "Excel no pudo completar la operación. Vuelva a intentarlo; si se repite, guarde el libro, ciérrelo y ábralo de nuevo.",
    en: "Excel could not complete the operation. Try again; if it happens again, save the workbook, close it and open it again.",
  },
};

/** A failure of an engine action, with what to do in Spanish (message) and English. */
export class ExcelEngineError extends Error {
  readonly code: ExcelEngineErrorCode;
  readonly messages: { es: string; en: string };
  /** Excel's own error code and text, for support; never shown as the main message. */
  readonly detail: string | null;
  /** Extra data of some codes: the problems of "invalid-data". */
  readonly data: unknown;

  constructor(code: ExcelEngineErrorCode, specific?: { es: string; en: string } | null, detail: string | null = null, data?: unknown) {
    const m = specific ?? MESSAGES[code];
    super(m.es);
    this.name = "ExcelEngineError";
    this.code = code;
    this.messages = m;
    this.detail = detail;
    this.data = data;
  }
}

/** The generic message of a code (the UI may show it as a heading). */
export function mensajeError(code: ExcelEngineErrorCode): { es: string; en: string } {
  return MESSAGES[code];
}

/** Office.js error codes (OfficeExtension.ErrorCodes and Excel.ErrorCodes) mapped to ours. */
const OFFICE_CODES: Record<string, ExcelEngineErrorCode> = {
  InvalidOperationInCellEditMode: "cell-edit-mode",
  AccessDenied: "protected",
  InsertDeleteConflict: "protected",
  RequestPayloadSizeLimitExceeded: "payload-too-large",
  ResponsePayloadSizeLimitExceeded: "payload-too-large",
  PayloadTooLarge: "payload-too-large",
  ItemAlreadyExists: "name-taken",
  ItemNotFound: "bad-reference",
  ApiNotFound: "not-allowed",
  Unauthenticated: "not-allowed",
  UnsupportedOperation: "not-allowed",
  NotImplemented: "not-allowed",
};

/**
 * Turns anything an engine action threw into an ExcelEngineError. Office.js errors (which carry a
 * `code` and a `debugInfo`) keep their text as detail; our own errors pass through.
 */
export function toEngineError(e: unknown): ExcelEngineError {
  if (e instanceof ExcelEngineError) return e;
  const err = e as { code?: unknown; message?: unknown; debugInfo?: { errorLocation?: unknown; message?: unknown } } | null;
  const code = err && typeof err.code === "string" ? err.code : null;
  const message = err && typeof err.message === "string" ? err.message : String(e);
  const where = err?.debugInfo && typeof err.debugInfo.errorLocation === "string" ? ` (${err.debugInfo.errorLocation})` : "";
  const detail = `${code ?? "Error"}: ${message}${where}`;
  const mapped = code ? OFFICE_CODES[code] : undefined;
  return new ExcelEngineError(mapped ?? "excel", null, detail);
}
