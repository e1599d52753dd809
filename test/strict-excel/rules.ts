/**
 * Excel's own rules, checked when commands are applied at sync: sheet, table and defined names,
 * colours, and how a value written through `Range.values` / `Range.formulas` is interpreted.
 */
import { MAX_COLS, MAX_ROWS, columnIndex } from "./address";
import { excelError } from "./errors";
import { CellScalar } from "./state";

const FORBIDDEN_SHEET_CHARS = /[:\\/?*[\]]/;

/** Throws InvalidArgument unless `name` is a valid worksheet name (uniqueness is checked by the caller). */
export function checkSheetName(name: unknown): string {
  if (typeof name !== "string") throw excelError("InvalidArgument", `sheet name must be a string, got ${typeof name}`);
  if (name.trim() === "") throw excelError("InvalidArgument", "a sheet name cannot be blank");
  if (name.length > 31) throw excelError("InvalidArgument", `sheet name "${name}" has ${name.length} characters; at most 31`);
  const bad = FORBIDDEN_SHEET_CHARS.exec(name);
  if (bad) throw excelError("InvalidArgument", `sheet name "${name}" contains the forbidden character "${bad[0]}"`);
  if (name.startsWith("'") || name.endsWith("'"))
    throw excelError("InvalidArgument", `sheet name "${name}" cannot begin or end with an apostrophe`);
  if (name.toUpperCase() === "HISTORY") throw excelError("InvalidArgument", `"History" is reserved by Excel`);
  return name;
}

/** Whether `name` reads as an A1 cell reference ("A1", "xfd1048576") or an R1C1 one ("R1C1", "R", "C5"). */
export function looksLikeCellReference(name: string): boolean {
  const a1 = /^([A-Za-z]{1,3})(\d{1,7})$/.exec(name);
  if (a1) {
    const c = columnIndex(a1[1]);
    const r = Number(a1[2]);
    if (c < MAX_COLS && r >= 1 && r <= MAX_ROWS) return true;
  }
  return /^[Rr](\d*)([Cc](\d*))?$/.test(name) || /^[Cc](\d*)$/.test(name);
}

/**
 * Throws InvalidArgument unless `name` is a valid defined name or table name: starts with a letter,
 * an underscore or a backslash; then letters, digits, periods and underscores; no spaces; at most
 * 255 characters; not a cell reference.
 */
export function checkIdentifierName(name: unknown, what: "table" | "defined name"): string {
  if (typeof name !== "string" || name === "") throw excelError("InvalidArgument", `a ${what} cannot be empty`);
  if (name.length > 255) throw excelError("InvalidArgument", `${what} "${name}" is longer than 255 characters`);
  if (!/^[\p{L}_\\]/u.test(name))
    throw excelError("InvalidArgument", `${what} "${name}" must start with a letter, an underscore or a backslash`);
  const bad = /[^\p{L}\p{N}._\\]/u.exec(name);
  if (bad) throw excelError("InvalidArgument", `${what} "${name}" contains "${bad[0]}"; only letters, digits, periods and underscores are allowed`);
  if (looksLikeCellReference(name)) throw excelError("InvalidArgument", `${what} "${name}" reads as a cell reference`);
  return name;
}

const NAMED_COLORS: Record<string, string> = {
  black: "#000000", white: "#FFFFFF", red: "#FF0000", green: "#008000", blue: "#0000FF", yellow: "#FFFF00",
  orange: "#FFA500", purple: "#800080", gray: "#808080", grey: "#808080", silver: "#C0C0C0", maroon: "#800000",
  navy: "#000080", teal: "#008080", lime: "#00FF00", aqua: "#00FFFF", cyan: "#00FFFF", fuchsia: "#FF00FF",
  magenta: "#FF00FF", olive: "#808000", pink: "#FFC0CB", brown: "#A52A2A", gold: "#FFD700", lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3", darkgray: "#A9A9A9", darkgrey: "#A9A9A9", lightblue: "#ADD8E6", darkblue: "#00008B",
  lightgreen: "#90EE90", darkgreen: "#006400", darkred: "#8B0000", lightyellow: "#FFFFE0",
};

/**
 * Office.js colours: "#RRGGBB", "RRGGBB" (the docs' own example: "FFA500") or an HTML colour name.
 * Returns "#RRGGBB" in upper case, as Excel reports colours back.
 */
export function normalizeColor(value: unknown): string {
  if (typeof value !== "string") throw excelError("InvalidArgument", `a colour must be a string, got ${JSON.stringify(value)}`);
  const v = value.trim();
  const m = /^#?([0-9a-fA-F]{6})$/.exec(v);
  if (m) return `#${m[1].toUpperCase()}`;
  const named = NAMED_COLORS[v.toLowerCase()];
  if (named) return named;
  throw excelError("InvalidArgument", `"${value}" is not a colour (use "#RRGGBB" or an HTML colour name)`);
}

/** What one cell of a `values`/`formulas` write turns into. */
export type CellWrite =
  | { kind: "skip" }
  | { kind: "clear" }
  | { kind: "value"; value: CellScalar; quotePrefix?: boolean; numberFormat?: string; coercedFrom?: string }
  | { kind: "formula"; formula: string; fromPlusMinus?: boolean };

const NUMBER_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const PERCENT_TEXT = /^\s*([+-]?(\d+(\.\d*)?|\.\d+))\s*%\s*$/;
const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;

/**
 * Interprets one element written through `values` or `formulas` the way Excel parses typed input:
 * null leaves the cell alone; "" clears it; "'text" stores text without the apostrophe; "=..."
 * becomes a formula, and so does text starting with "+" or "-" that is not a number (as the
 * Office.js reference for `Range.values` says); numeric text, "TRUE"/"FALSE", "50%" and ISO dates
 * become numbers, booleans, percentages and date serials unless the cell is formatted as text ("@").
 */
export function interpretInput(input: unknown, cellIsText: boolean): CellWrite {
  if (input === null || input === undefined) return { kind: "skip" };
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw excelError("InvalidArgument", `${input} cannot be written to a cell`);
    return { kind: "value", value: input };
  }
  if (typeof input === "boolean") return { kind: "value", value: input };
  if (typeof input !== "string") throw excelError("InvalidArgument", `a cell value must be a string, number or boolean, got ${JSON.stringify(input)}`);
  if (input === "") return { kind: "clear" };
  if (input.startsWith("'")) return { kind: "value", value: input.slice(1), quotePrefix: true };
  if (cellIsText) return { kind: "value", value: input };
  if (input.startsWith("=") && input.length > 1) return { kind: "formula", formula: input };
  if (NUMBER_TEXT.test(input)) return { kind: "value", value: Number(input), coercedFrom: input };
  if (input.startsWith("+") || input.startsWith("-")) return { kind: "formula", formula: `=${input}`, fromPlusMinus: true };
  const pct = PERCENT_TEXT.exec(input);
  if (pct) return { kind: "value", value: Number(pct[1]) / 100, numberFormat: "0%", coercedFrom: input };
  const upper = input.trim().toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { kind: "value", value: upper === "TRUE", coercedFrom: input };
  const iso = ISO_DATE.exec(input);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const t = Date.UTC(y, m - 1, d);
    const back = new Date(t);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d && y >= 1900) {
      const serial = Math.round((t - Date.UTC(1899, 11, 30)) / 86400000);
      return { kind: "value", value: serial, numberFormat: "yyyy-mm-dd", coercedFrom: input };
    }
  }
  return { kind: "value", value: input };
}

/** Number format strings must be strings; "" resets to General. */
export function interpretNumberFormat(input: unknown): { kind: "skip" } | { kind: "set"; format: string } {
  if (input === null || input === undefined) return { kind: "skip" };
  if (typeof input !== "string") throw excelError("InvalidArgument", `a number format must be a string, got ${JSON.stringify(input)}`);
  return { kind: "set", format: input === "" ? "General" : input };
}
