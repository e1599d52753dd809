/**
 * Formulas as a file stores them, without loading ExcelJS: the same function as
 * src/xlsx/write.ts's toFileFormula (a test checks they agree), here so the fast path does not pay
 * for requiring ExcelJS (some 150-350 ms) just to prefix newer functions. Once write.ts imports
 * it from here, there is one copy again.
 */

/**
 * Functions newer than Excel 2007 must be stored with the `_xlfn.` prefix in the file, or Excel
 * shows #NAME?. The spec writes them as a user would type them.
 */
export const FUTURE_FUNCTIONS = [
  "IFS", "SWITCH", "XLOOKUP", "XMATCH", "CONCAT", "TEXTJOIN", "MAXIFS", "MINIFS", "IFNA",
  "AGGREGATE", "DAYS", "ISOWEEKNUM", "STDEV.S", "STDEV.P", "PERCENTILE.INC", "FLOOR.MATH", "CEILING.MATH",
];
const FUTURE_RE = new RegExp(`(?<![\\w.])(${FUTURE_FUNCTIONS.map((f) => f.replace(".", "\\.")).join("|")})\\(`, "gi");
/** The same pattern, to test a whole formula at once: a segment between quotes matches only where the whole does. */
const FUTURE_ANY = new RegExp(FUTURE_RE.source, "i");

/** A spec formula ("=SUM(A1:A2)") as stored in the file: no "=", newer functions prefixed. */
export function toFileFormula(formula: string): string {
  const f = formula.startsWith("=") ? formula.slice(1) : formula;
  if (!FUTURE_ANY.test(f)) return f;
  // Even-numbered segments between double quotes are outside string literals.
  return f
    .split('"')
    .map((seg, i) => (i % 2 === 0 ? seg.replace(FUTURE_RE, (_m, name: string) => `_xlfn.${name.toUpperCase()}(`) : seg))
    .join('"');
}
