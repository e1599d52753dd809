/**
 * Text and cell XML of the fast file path: what a cell holds, escaped the way every reader
 * understands it.
 */
import { isFormula, type CellInput } from "../../report/spec";
import { toFileFormula } from "./render-formula";

/**
 * Characters XML 1.0 forbids, removed as the ExcelJS path removes them (C0 controls other than tab,
 * line feed and carriage return, and DEL), plus the non-characters U+FFFE/U+FFFF.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
/** A surrogate without its pair (not encodable in UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]/;
const UNUSUAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

const WIDE = /[^\u0000-\u00FF]/;
const WIDE_ALL = /[^\u0000-\u00FF]/gu;

/**
 * Characters beyond Latin-1 as character references, in a one-byte string. One wide character
 * makes V8 store a whole sheet's joined XML as two bytes a character (twice the memory, and a
 * slower UTF-8 encoding); as references, every piece stays one byte.
 */
export function narrow(s: string): string {
  if (!WIDE.test(s)) return s;
  return Buffer.from(
    s.replace(WIDE_ALL, (c) => `&#${c.codePointAt(0)};`),
    "latin1",
  ).toString("latin1");
}

function clean(s: string): string {
  return UNUSUAL.test(s) ? s.replace(FORBIDDEN, "").replace(LONE_SURROGATE, "\uFFFD") : s;
}

/** Text as XML character data: &, < and > escaped (quotes need none there), forbidden characters removed. */
export function xmlText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return narrow(s);
  let t = clean(s);
  // Plain string replacements: far faster than one replacement with a callback.
  if (t.includes("&")) t = t.replace(/&/g, "&amp;");
  if (t.includes("<")) t = t.replace(/</g, "&lt;");
  if (t.includes(">")) t = t.replace(/>/g, "&gt;");
  return narrow(t);
}

/** An attribute value (in double quotes): as xmlText plus quotes, with line breaks and tabs kept as character references. */
export function xmlAttr(s: string): string {
  return narrow(
    clean(s)
      .replace(/[&<>"]/g, (c) => ENTITIES[c])
      .replace(/\n/g, "&#10;")
      .replace(/\r/g, "&#13;")
      .replace(/\t/g, "&#9;"),
  );
}

/**
 * The text of a spec formula's <f> element, memoized: report formulas repeat row after row. A
 * formula that needs no change comes back as (a slice of) itself, no copy.
 */
const formulaCache = new Map<string, string>();
const FORMULA_CACHE_MAX = 50000;

/** Forgets the memoized formulas (a rendered sheet's formulas are seldom another's). */
export function clearFormulaCache(): void {
  formulaCache.clear();
}

export function formulaText(formula: string): string {
  let x = formulaCache.get(formula);
  if (x === undefined) {
    x = xmlText(toFileFormula(formula));
    if (formulaCache.size >= FORMULA_CACHE_MAX) formulaCache.clear();
    formulaCache.set(formula, x);
  }
  return x;
}

/**
 * Text of a cell's string (ST_Xstring): Excel reads "_x0041_" as an escaped "A", so a literal
 * "_xHHHH_" is protected by escaping its underscore.
 */
export function cellString(s: string): string {
  const t = xmlText(s);
  return /_x[0-9A-Fa-f]{4}_/.test(t) ? t.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_") : t;
}

/** One <c> element. An unstyled null gives "" (no cell). */
export function cellXml(address: string, content: CellInput, styleIndex: number): string {
  const s = styleIndex ? ` s="${styleIndex}"` : "";
  if (content === null || content === undefined) return styleIndex ? `<c r="${address}"${s}/>` : "";
  switch (typeof content) {
    case "string": {
      const t = cellString(content);
      const space = /^\s|\s$/.test(t) ? ` xml:space="preserve"` : "";
      return `<c r="${address}"${s} t="inlineStr"><is><t${space}>${t}</t></is></c>`;
    }
    case "number":
      // Excel has no NaN nor infinity: such a number shows as the error it would compute.
      return Number.isFinite(content) ? `<c r="${address}"${s}><v>${content}</v></c>` : `<c r="${address}"${s} t="e"><v>#NUM!</v></c>`;
    case "boolean":
      return `<c r="${address}"${s} t="b"><v>${content ? 1 : 0}</v></c>`;
    default:
      if (isFormula(content)) return `<c r="${address}"${s}><f>${formulaText(content.f)}</f></c>`;
      throw new Error(`Not a cell content: ${JSON.stringify(content)}`);
  }
}
