/**
 * Forgiving text comparison of the contract: trim, collapse inner spaces, ignore case and accents.
 *
 * @example normalizeKey(" Programádo  I ") === "programado i"
 */
export function normalizeKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * The characters the report's formulas take for spaces: they turn tab, line feed, carriage return
 * and the non-breaking space (text copied from a web page or a PDF) into spaces, and Excel's TRIM
 * takes those off. Parsing trims exactly these off a value the formulas read again (a count, an ID,
 * a date, an Estado): other Unicode spaces (em space, thin space...) are no spaces to TRIM, so a
 * count "5" followed by a thin space is refused, where Excel would show #VALUE!.
 */
const EXCEL_EDGE_SPACES = /^[ \t\n\r\u00a0]+|[ \t\n\r\u00a0]+$/g;

/**
 * A text without the spaces the formulas take off its ends (see EXCEL_EDGE_SPACES).
 *
 * @example recortar("\u00a0 5\t") === "5"; recortar("5\u2009") === "5\u2009"
 */
export function recortar(text: string): string {
  return text.replace(EXCEL_EDGE_SPACES, "");
}

/** Spaces Excel does not take for spaces, invisible in a message: shown by name there. */
const ESPACIOS_ESPECIALES = /[\u1680\u180e\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/** A text with its special spaces named ("5[espacio especial]"), for messages. */
export function espaciosVisibles(text: string, lang: "es" | "en"): string {
  return text.replace(ESPACIOS_ESPECIALES, lang === "es" ? "[espacio especial]" : "[special space]");
}

/** The accents the formulas take off (after LOWER), as parsing compares Estado and Responsable. */
export const ACENTOS_FORMULA: readonly [string, string][] = [
  ["á", "a"],
  ["é", "e"],
  ["í", "i"],
  ["ó", "o"],
  ["ú", "u"],
  ["ü", "u"],
  ["ñ", "n"],
];

/**
 * What the report's `normalizada()` formula computes from a cell, computed here: tab, line breaks
 * and the non-breaking space as spaces, Excel's TRIM (spaces only, inner runs collapsed), LOWER,
 * and the Spanish accents taken off. Parsing reads an Estado with it, so that what validation
 * accepts is what the tracker counts.
 *
 * @example claveComoFormula("  Oficina  Alta\tCONSEJERÍA ") === "oficina alta consejeria"
 */
export function claveComoFormula(text: string): string {
  let t = text.replace(/[\t\n\r\u00a0]/g, " ").replace(/ +/g, " ").replace(/^ /, "").replace(/ $/, "").toLowerCase();
  for (const [a, b] of ACENTOS_FORMULA) t = t.split(a).join(b);
  return t;
}

export function sameText(a: string, b: string): boolean {
  return normalizeKey(a) === normalizeKey(b);
}

/** Pads a number to a fixed width: pad(7, 3) === "007". */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
