/**
 * Reading single cells: counts, text and dates, with the contract's forgiving rules. Every reader
 * turns a bad value into a Problem (with the cell and how to fix it) and a harmless fallback, so
 * one bad cell never hides the others.
 */
import { type RawCell, type RawValue } from "../raw";
import { problem, type Problem, type ProblemCode, type Severity } from "../problems";
import { espaciosVisibles, pad, recortar } from "../text";

/** The problems found so far; messages of cell problems start with the cell's reference. */
export class ProblemList {
  readonly list: Problem[] = [];

  add(code: ProblemCode, severity: Severity, sheet: string, cell: string | null, es: string, en: string): void {
    const ref = cell ? `${sheet}!${cell}` : sheet;
    const prefix = cell ? `${ref}: ` : "";
    this.list.push(problem(code, severity, sheet, cell, prefix + es, prefix + en));
  }
}

/**
 * Any value a reader might hand over, made a RawValue. Readers are outside our control (a live
 * workbook, a file, a future reader), so nothing downstream may assume the declared type.
 */
export function sanitizeValue(v: unknown): RawValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  try {
    return String(v);
  } catch {
    return "?";
  }
}

export function isBlankValue(v: RawValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** Excel's error values, for readers that hand them over as plain text. */
const ERROR_TEXT = /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

export function isErrorCell(cell: RawCell): boolean {
  return cell.error === true || (typeof cell.value === "string" && ERROR_TEXT.test(cell.value.trim()));
}

/** A blank cell: no value and no error. */
export function isBlankCell(cell: RawCell | undefined): boolean {
  return !cell || (!isErrorCell(cell) && isBlankValue(cell.value));
}

/** The value as shown in a message: «2,5», «VERDADERO», «31/02/2021». */
export function show(v: RawValue, lang: "es" | "en"): string {
  let s: string;
  if (v === null) s = "";
  else if (v instanceof Date) s = Number.isNaN(v.getTime()) ? "?" : lang === "es" ? isoToDmy(dateToIso(v)) : dateToIso(v);
  else if (typeof v === "boolean") s = lang === "es" ? (v ? "VERDADERO" : "FALSO") : v ? "TRUE" : "FALSE";
  else if (typeof v === "number") s = lang === "es" ? String(v).replace(".", ",") : String(v);
  else s = espaciosVisibles(recortar(v), lang);
  if (s.length > 60) s = s.slice(0, 57) + "...";
  return lang === "es" ? `«${s}»` : `"${s}"`;
}

/** "2021-05-15" -> "15/05/2021" */
export function isoToDmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** A cell and the words to name its column in messages. */
export interface CellContext {
  sheet: string;
  /** The column's header as written, for messages. */
  header: string;
  problems: ProblemList;
}

/** Reports a formula error in the cell, if it holds one; true when it did. */
export function reportFormulaError(cell: RawCell, ctx: CellContext): boolean {
  if (!isErrorCell(cell)) return false;
  const shown = typeof cell.value === "string" && cell.value.trim() ? cell.value.trim() : "#¿?";
  ctx.problems.add(
    "formula-error",
    "error",
    ctx.sheet,
    cell.address,
    `la celda de «${ctx.header}» muestra el error ${shown}: corrija la fórmula o reemplácela por el valor.`,
    `the "${ctx.header}" cell shows the error ${shown}: fix the formula or replace it with the value.`,
  );
  return true;
}

/** Counts larger than this are taken for a typing slip (a pasted id, a phone number...). */
export const MAX_COUNT = 1e9;

/** The number formats that make Excel show a number as a date or a time (d, m, y tokens). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .trim()
    .toLowerCase();
  if (f === "general" || f === "estándar" || f === "estandar" || f === "@") return false;
  return /[dmy]/.test(f);
}

export interface Count {
  value: number;
  /** False when the cell held something other than a whole number ≥ 0 (reported; value is then 0). */
  ok: boolean;
}

/**
 * A Programado/Ejecutado cell: a whole number ≥ 0, blank = 0, numbers stored as text accepted.
 *
 * @example readCount({ value: " 5 ", address: "D3" }, ctx) // { value: 5, ok: true }
 */
export function readCount(cell: RawCell, ctx: CellContext): Count {
  if (reportFormulaError(cell, ctx)) return { value: 0, ok: false };
  const v = cell.value;
  // Blank as the formulas see it (cantidad(): only spaces, tabs, line breaks, non-breaking spaces).
  if (v === null || (typeof v === "string" && recortar(v) === "")) return { value: 0, ok: true };
  const fail = (code: ProblemCode, es: string, en: string): Count => {
    ctx.problems.add(code, "error", ctx.sheet, cell.address, es, en);
    return { value: 0, ok: false };
  };
  const fixEs = "escriba un número entero mayor o igual a 0, o deje la celda vacía si es 0.";
  const fixEn = "enter a whole number of 0 or more, or leave the cell empty if it is 0.";
  const invalid = (code: ProblemCode, whyEs = "no es válido", whyEn = "is not valid") =>
    fail(code, `${show(v, "es")} ${whyEs} en «${ctx.header}»: ${fixEs}`, `${show(v, "en")} ${whyEn} in "${ctx.header}": ${fixEn}`);
  const asDate = () =>
    fail(
      "date-in-number",
      `${show(v, "es")} es una fecha, no un número, en «${ctx.header}»: dé a la celda el formato «Número» o «General» y ${fixEs}`,
      `${show(v, "en")} is a date, not a number, in "${ctx.header}": format the cell as "Number" or "General" and ${fixEn}`,
    );

  let n: number;
  if (v instanceof Date) return asDate();
  if (typeof v === "boolean") return invalid("not-a-number", "no es un número", "is not a number");
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return invalid("not-a-number", "no es un número", "is not a number");
    if (isDateFormat(cell.numberFormat)) return asDate();
    n = v;
  } else {
    const s = recortar(v as string);
    if (/^[+-]?\d+$/.test(s)) n = Number(s);
    else if (/^[+-]?(\d+[.,]\d*|[.,]\d+)$/.test(s)) {
      return s.startsWith("-") && /[1-9]/.test(s)
        ? invalid("negative-number")
        : fail(
            "decimal-number",
            `${show(v, "es")} no es válido en «${ctx.header}»: los productos se cuentan con números enteros; escriba un número entero mayor o igual a 0, sin decimales ni separadores de miles.`,
            `${show(v, "en")} is not valid in "${ctx.header}": products are counted in whole numbers; enter a whole number of 0 or more, with no decimals or thousands separators.`,
          );
    } else if (textToIso(s) !== null) return asDate();
    else return invalid("not-a-number", "no es un número", "is not a number");
  }
  // Formula results such as =0.1*3*10 carry binary noise; a count that close to whole is whole.
  if (Math.abs(n - Math.round(n)) < 1e-9) n = Math.round(n);
  if (n < 0) return invalid("negative-number");
  if (!Number.isInteger(n)) {
    return fail(
      "decimal-number",
      `${show(v, "es")} no es válido en «${ctx.header}»: los productos se cuentan con números enteros; escriba un número entero mayor o igual a 0, sin decimales.`,
      `${show(v, "en")} is not valid in "${ctx.header}": products are counted in whole numbers; enter a whole number of 0 or more, with no decimals.`,
    );
  }
  if (n > MAX_COUNT) {
    return fail(
      "not-a-number",
      `${show(v, "es")} es demasiado grande para «${ctx.header}» (más de 1.000.000.000 productos): revise el valor y escriba el número de productos, un entero mayor o igual a 0.`,
      `${show(v, "en")} is too large for "${ctx.header}" (over 1,000,000,000 products): check the value and enter the number of products, a whole number of 0 or more.`,
    );
  }
  return { value: n === 0 ? 0 : n, ok: true };
}

/** A text cell, trimmed ("" when blank or an error, which is reported). Numbers and dates become text. */
export function readText(cell: RawCell, ctx: CellContext): string {
  if (reportFormulaError(cell, ctx)) return "";
  return textOf(cell.value);
}

/**
 * A text the report's formulas look up again (an ID): trimmed only of what the formulas trim
 * (`recortar`: spaces, tabs, line breaks, non-breaking spaces), so that the ID validation accepts is
 * the one the office's sheet finds. Other values as readText.
 */
export function readKeyText(cell: RawCell, ctx: CellContext): string {
  if (reportFormulaError(cell, ctx)) return "";
  return typeof cell.value === "string" ? recortar(cell.value) : textOf(cell.value);
}

/** The text of a value without reporting anything. */
export function textOf(v: RawValue): string {
  if (v === null) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "VERDADERO" : "FALSO";
  return Number.isNaN(v.getTime()) ? "" : dateToIso(v);
}

/** Years a plan's dates may fall in; anything else is a typing slip (a serial 5 is 5 Jan 1900). */
export const MIN_YEAR = 1950;
export const MAX_YEAR = 2100;

/** "yyyy-mm-dd" of a Date by its UTC fields: readers hand Excel dates over as UTC midnight. */
export function dateToIso(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function isoIfValid(y: number, m: number, d: number): string | null {
  if (!(y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1)) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** An Excel serial day number (1900 system) to ISO, or null outside the sensible years. */
export function serialToIso(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86400000);
  if (Number.isNaN(d.getTime())) return null;
  return isoIfValid(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** "2021-05-15" (a time after it is ignored), "15/05/2021", "5/5/2021" (also with - or .) to ISO. */
export function textToIso(s: string): string | null {
  const t = recortar(s);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) return isoIfValid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return isoIfValid(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** The ISO date of a value, or null when it is not one. */
export function dateOf(v: RawValue): string | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return isoIfValid(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === "number") return serialToIso(v);
  if (typeof v === "string") return textToIso(v);
  return null;
}

/**
 * A date cell (Fecha, Fecha de corte): an Excel date, a serial number, "yyyy-mm-dd" or
 * "dd/mm/yyyy" text. Null when blank, bad (reported as bad-date) or an error (reported).
 */
export function readDate(cell: RawCell, ctx: CellContext): string | null {
  if (reportFormulaError(cell, ctx)) return null;
  if (isBlankValue(cell.value)) return null;
  const iso = dateOf(cell.value);
  if (iso !== null) return iso;
  ctx.problems.add(
    "bad-date",
    "error",
    ctx.sheet,
    cell.address,
    `${show(cell.value, "es")} no es una fecha válida en «${ctx.header}»: escriba una fecha de Excel o el texto dd/mm/aaaa (por ejemplo 15/05/2021) o aaaa-mm-dd, entre ${MIN_YEAR} y ${MAX_YEAR}.`,
    `${show(cell.value, "en")} is not a valid date in "${ctx.header}": enter an Excel date or the text dd/mm/yyyy (e.g. 15/05/2021) or yyyy-mm-dd, between ${MIN_YEAR} and ${MAX_YEAR}.`,
  );
  return null;
}
