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
  | "corrupt"
  /** Zero bytes: an interrupted download or copy. */
  | "empty"
  /** An Excel binary workbook (.xlsb): a zip, but no XML to read. */
  | "xlsb"
  /** Bigger on disk than LIMITS.maxFileBytes. Args: size in MB, limit in MB. */
  | "too-large"
  /** Would unpack to more than LIMITS.maxUnpackedBytes (or packs one part suspiciously tight). Args: size in MB, limit in MB. */
  | "too-large-unpacked"
  /** More cells than LIMITS.maxCells. Args: cells, limit. */
  | "too-many-cells"
  /** A sheet past Excel's grid (1,048,576 rows × 16,384 columns). Args: sheet name. */
  | "beyond-excel-grid"
  /** A sheet stored where ExcelJS cannot find it (a part name other than xl/worksheets/sheetN.xml). Args: sheet name. */
  | "unreadable-sheet"
  /** A workbook part (shared strings, styles) stored where ExcelJS cannot find it. Args: part name. */
  | "unreadable-part";

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
  empty: {
    es: "el archivo está vacío (0 bytes); vuelva a descargarlo o copiarlo",
    en: "the file is empty (0 bytes); download or copy it again",
  },
  xlsb: {
    es: "es un libro binario de Excel (.xlsb); ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»",
    en: "it is an Excel binary workbook (.xlsb); open it in Excel and save it as “Excel Workbook (.xlsx)”",
  },
  "too-large": {
    es: "el archivo ocupa {0} MB y pipc no abre libros de más de {1} MB; revise que sea el libro del plan",
    en: "the file takes {0} MB and pipc does not open workbooks over {1} MB; check that it is the plan workbook",
  },
  "too-large-unpacked": {
    es: "el libro ocuparía {0} MB al descomprimirlo y, con la memoria de este equipo, pipc no abre libros de más de {1} MB descomprimidos; revise que sea el libro del plan",
    en: "the workbook would take {0} MB unpacked and, with this machine's memory, pipc does not open workbooks over {1} MB unpacked; check that it is the plan workbook",
  },
  "too-many-cells": {
    es: "el libro tiene {0} celdas y, con la memoria de este equipo, pipc no abre libros de más de {1}; revise que sea el libro del plan",
    en: "the workbook has {0} cells and, with this machine's memory, pipc does not open workbooks over {1}; check that it is the plan workbook",
  },
  "beyond-excel-grid": {
    es: "la hoja «{0}» pasa del límite de Excel (1.048.576 filas y 16.384 columnas): el archivo está dañado",
    en: "the sheet “{0}” goes past Excel's limits (1,048,576 rows and 16,384 columns): the file is damaged",
  },
  "unreadable-sheet": {
    es: "la hoja «{0}» está guardada de una forma que pipc no sabe leer; ábralo en Excel, guárdelo de nuevo como «Libro de Excel (.xlsx)» y vuelva a intentarlo",
    en: "the sheet “{0}” is stored in a way pipc cannot read; open it in Excel, save it again as “Excel Workbook (.xlsx)” and try again",
  },
  "unreadable-part": {
    es: "el libro guarda {0} de una forma que pipc no sabe leer; ábralo en Excel, guárdelo de nuevo como «Libro de Excel (.xlsx)» y vuelva a intentarlo",
    en: "the workbook stores {0} in a way pipc cannot read; open it in Excel, save it again as “Excel Workbook (.xlsx)” and try again",
  },
};

function fill(text: string, args: readonly string[]): string {
  return text.replace(/\{(\d+)\}/g, (m, i) => (Number(i) < args.length ? args[Number(i)] : m));
}

/** A workbook file that could not be read, with a message in Spanish and English. */
export class WorkbookFileError extends Error {
  readonly code: WorkbookFileErrorCode;
  /** The file, when the workbook came from one. */
  readonly file: string | null;
  readonly messages: { es: string; en: string };
  /** The library's own error, kept for debugging only (never shown to users). */
  readonly detail: string | null;
  /** What the message names: a sheet, sizes... (see the codes). */
  readonly args: readonly string[];

  constructor(code: WorkbookFileErrorCode, file: string | null = null, detail: string | null = null, args: readonly string[] = []) {
    const m = MESSAGES[code];
    const prefix = file ? `${file}: ` : "";
    // One line whatever a sheet name holds: the CLI prints this as its single line of failure.
    const flat = args.map((a) => a.replace(/[\r\n\t]+/g, " "));
    super(prefix + fill(m.es, flat));
    this.name = "WorkbookFileError";
    this.code = code;
    this.file = file;
    this.detail = detail;
    this.args = args;
    this.messages = { es: prefix + fill(m.es, flat), en: prefix + fill(m.en, flat) };
  }

  /** The same error, naming the file it came from. */
  withFile(file: string): WorkbookFileError {
    return new WorkbookFileError(this.code, file, this.detail, this.args);
  }
}

/** A sheet description that the writer cannot render (a programming error in a spec, not user data). */
export class SpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpecError";
  }
}

/**
 * The official's workbook leaves no room for what the report adds (a cell in the way of a column
 * the report appends): user data to fix, not a programming error, so it says where and how in
 * both languages. A SpecError still, for callers that catch those.
 */
export class LayoutError extends SpecError {
  readonly messages: { es: string; en: string };
  constructor(messages: { es: string; en: string }) {
    super(messages.en);
    this.name = "LayoutError";
    this.messages = messages;
  }
}

/** A table that must grow one column to the right over a cell holding data. */
export function tableCannotGrow(sheet: string, cell: string, table: string, header: string): LayoutError {
  const col = cell.replace(/\d+$/, "");
  return new LayoutError({
    es:
      `${sheet}!${cell}: la tabla ${table} necesita la columna ${col} para «${header}», pero la celda ${cell} tiene datos; ` +
      `mueva o borre ese contenido (deje libre la columna a la derecha de la tabla) y vuelva a intentarlo`,
    en:
      `${sheet}!${cell}: the table ${table} needs column ${col} for “${header}”, but cell ${cell} holds data; ` +
      `move or clear it (leave the column to the right of the table free) and try again`,
  });
}
