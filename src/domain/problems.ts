/** What validation reports. Validation never throws on bad data: it returns these. */

export type Severity = "error" | "warning";

export type ProblemCode =
  | "missing-sheet"
  | "header-row-not-found"
  | "missing-header"
  | "duplicate-header"
  | "missing-value"
  | "negative-number"
  | "decimal-number"
  | "not-a-number"
  | "date-in-number"
  | "duplicate-id"
  | "unknown-dependency"
  | "unknown-estado"
  | "bad-date"
  | "executed-without-programming"
  | "empty-plan"
  | "bad-config"
  | "no-office-in-charge"
  | "date-outside-vigencia"
  | "corte-before-fecha"
  | "formula-error";

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  sheet: string;
  /** "F7", or null when the problem is about a whole sheet or table. */
  cell: string | null;
  /** "Actividades!F7" or "Actividades": what an official types in the Name Box to get there. */
  ref: string;
  message: { es: string; en: string };
}

/** Quotes a sheet name for a reference when it needs it: 'Seguimiento compromisos'!A1. */
export function sheetRef(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

export function problem(
  code: ProblemCode,
  severity: Severity,
  sheet: string,
  cell: string | null,
  es: string,
  en: string,
): Problem {
  return { code, severity, sheet, cell, ref: cell ? `${sheet}!${cell}` : sheet, message: { es, en } };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
