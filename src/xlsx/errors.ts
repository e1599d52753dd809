/**
 * The errors of the file adapter. A workbook that cannot be opened is not a validation problem (no
 * cell to point at): it is one of these, which the CLI turns into a single line and exit code 2.
 */

export type WorkbookFileErrorCode =
  /** The path does not exist (or is not a file). */
  | "not-found"
  /** The bytes are not a zip package at all (a .txt or .csv renamed .xlsx, an empty file). */
  | "not-xlsx"
  /** An old binary .xls workbook (Excel 97-2003). */
  | "legacy-xls"
  /** Protected with a password to open: the package is encrypted. */
  | "encrypted"
  /** A zip, but not a readable spreadsheet package (truncated, damaged, a .docx...). */
  | "corrupt";

const MESSAGES: Record<WorkbookFileErrorCode, { es: string; en: string }> = {
  "not-found": { es: "no existe el archivo", en: "file not found" },
  "not-xlsx": {
    es: "no es un libro de Excel (.xlsx); ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»",
    en: "not an Excel workbook (.xlsx); open it in Excel and save it as “Excel Workbook (.xlsx)”",
  },
  "legacy-xls": {
    es: "es un libro de Excel 97-2003 (.xls); ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»",
    en: "it is an Excel 97-2003 workbook (.xls); open it in Excel and save it as “Excel Workbook (.xlsx)”",
  },
  encrypted: {
    es: "el libro está protegido con contraseña; quite la contraseña de apertura (Archivo > Información > Proteger libro) y vuelva a intentarlo",
    en: "the workbook is password-protected; remove the password to open (File > Info > Protect Workbook) and try again",
  },
  corrupt: {
    es: "el archivo .xlsx está dañado o incompleto y no se puede leer",
    en: "the .xlsx file is damaged or incomplete and cannot be read",
  },
};

/** A workbook file that could not be read, with a message in Spanish and English. */
export class WorkbookFileError extends Error {
  readonly code: WorkbookFileErrorCode;
  /** The file, when the workbook came from one. */
  readonly file: string | null;
  readonly messages: { es: string; en: string };
  /** The library's own error, kept for debugging only (never shown to users). */
  readonly detail: string | null;

  constructor(code: WorkbookFileErrorCode, file: string | null = null, detail: string | null = null) {
    const m = MESSAGES[code];
    const prefix = file ? `${file}: ` : "";
    super(prefix + m.es);
    this.name = "WorkbookFileError";
    this.code = code;
    this.file = file;
    this.detail = detail;
    this.messages = { es: prefix + m.es, en: prefix + m.en };
  }

  /** The same error, naming the file it came from. */
  withFile(file: string): WorkbookFileError {
    return new WorkbookFileError(this.code, file, this.detail);
  }
}

/** A sheet description that the writer cannot render (a programming error in a spec, not user data). */
export class SpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpecError";
  }
}
