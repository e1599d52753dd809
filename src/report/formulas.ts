/**
 * Building blocks of the report's formulas. Everything here yields Excel invariant syntax (English
 * function names, comma separators) without the leading "=", so pieces compose; callers add "=".
 */
import { COLORES_BANDA, type Banda } from "../domain";
import type { ConditionalRuleSpec } from "./spec";

/** Workbook-level names of the contract (headline figures) and of the thresholds the bands use. */
export const NOMBRES = {
  programadoVigencia: "PIPC_Programado_Vigencia",
  ejecutadoVigencia: "PIPC_Ejecutado_Vigencia",
  cumplimientoVigencia: "PIPC_Cumplimiento_Vigencia",
  programadoCuatrimestre: "PIPC_Programado_Cuatrimestre",
  ejecutadoCuatrimestre: "PIPC_Ejecutado_Cuatrimestre",
  cumplimientoCuatrimestre: "PIPC_Cumplimiento_Cuatrimestre",
  programadoAnual: "PIPC_Programado_Anual",
  avanceAnual: "PIPC_Avance_Anual",
  umbralBajo: "PIPC_Umbral_Bajo",
  umbralMedio: "PIPC_Umbral_Medio",
  umbralSobreejecucion: "PIPC_Umbral_Sobreejecucion",
} as const;

/** Characters that force the bracketed form `T[[Col]]` (besides the escaped ones). */
const NEEDS_BRACKETS = /[\t\n\r,:.'"{}$^&*+=\-<>/\\[\]#]/;

/** A column name inside a structured reference: `'`, `#`, `[` and `]` are escaped with `'`. */
export function escapeColumn(header: string): string {
  return header.replace(/(['#[\]])/g, "'$1");
}

/**
 * The whole data column of a table.
 *
 * @example columnRef("Actividades", "Programado I") === "Actividades[Programado I]"
 */
export function columnRef(table: string, header: string): string {
  const esc = escapeColumn(header);
  return NEEDS_BRACKETS.test(header) ? `${table}[[${esc}]]` : `${table}[${esc}]`;
}

/**
 * The cell of a column in the formula's own row, in the full form both Excel files and Office.js
 * accept (never the `[@Col]` shorthand).
 *
 * @example thisRow("Actividades", "ID") === "Actividades[[#This Row],[ID]]"
 */
export function thisRow(table: string, header: string): string {
  return `${table}[[#This Row],[${escapeColumn(header)}]]`;
}

/** Excel refuses a text literal of more than 255 characters inside a formula. */
export const MAX_LITERAL = 255;

/**
 * A string literal inside a formula. A text longer than Excel's 255-character limit for a literal
 * becomes several literals joined with "&", in parentheses so it stays one operand (`n=("…"&"…")`).
 * Pieces never split a character made of two UTF-16 units, nor a doubled quote.
 *
 * @example str('Dijo "sí"') === '"Dijo ""sí"""'
 */
export function str(text: string): string {
  const pieces: string[] = [];
  let piece = "";
  for (const ch of Array.from(text)) {
    if (piece.length + ch.length > MAX_LITERAL) {
      pieces.push(piece);
      piece = "";
    }
    piece += ch;
  }
  pieces.push(piece);
  const quoted = pieces.map((p) => `"${p.replace(/"/g, '""')}"`);
  return quoted.length === 1 ? quoted[0] : `(${quoted.join("&")})`;
}

/**
 * A text expression with tabs, line breaks and non-breaking spaces turned into spaces, so that TRIM
 * removes them as parsing does (`recortar` in the domain). Works on a cell or, inside
 * SUMPRODUCT/AGGREGATE, on a column.
 */
export function sinTabuladores(expr: string): string {
  // The non-breaking space is written as itself: CHAR(160) is another character on a Mac.
  return `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${expr},CHAR(9)," "),CHAR(10)," "),CHAR(13)," "),"\u00a0"," ")`;
}

/** TRIM of `sinTabuladores`: the text without surrounding whitespace, inner runs of spaces collapsed. */
export function recortado(expr: string): string {
  return `TRIM(${sinTabuladores(expr)})`;
}

/**
 * A Programado/Ejecutado cell as the number parsing reads from it: blank (also only spaces, tabs
 * or line breaks) is 0; a number, or a number stored as text (" 5 ", "+5", "007"), is that number.
 * Anything else stays an error (#VALUE!), never a silent 0: validation refuses such a cell, and an
 * error shows a later slip too. Array-safe, so it also turns a whole column into numbers inside
 * SUMPRODUCT. (The "0" is appended only to a blank text: "+5"&"0" would be 50.)
 *
 * @example cantidad("A2") // --(TRIM(CLEAN(SUBSTITUTE(A2," "," ")))&REPT("0",...="")), the first " " a non-breaking space
 */
export function cantidad(expr: string): string {
  // CLEAN drops tabs and line breaks (and other control characters) instead of turning them into
  // spaces: for a count the difference never matters (a count with a control character inside is
  // refused by validation, and Excel cannot type one), and the formula, repeated on every row of
  // Actividades, is a third as long as with recortado().
  const t = `TRIM(CLEAN(SUBSTITUTE(${expr},"\u00a0"," ")))`;
  return `--(${t}&REPT("0",--(${t}="")))`;
}

/**
 * The position, within a table column of IDs, of the row whose ID is in the cell `key` (written by
 * the report: `id`), compared as parsing identifies rows: as text, trimmed (" A-1 " is "A-1"),
 * whether typed as a number or as text (7 and "7"); an error when there is none.
 *
 * An exact MATCH goes first: it is what almost every row needs, and Excel answers it fast. Only
 * when it finds nothing does the comparison as trimmed text scan the column; AGGREGATE takes that
 * array without Ctrl+Shift+Enter in any Excel and in LibreOffice (MATCH over an INDEX(...,0)
 * array fails on a one-row table there). An `id` with MATCH's wildcards (* ? ~) would find the
 * wrong row, so it gets the scan alone.
 *
 * @example posicionPorId("$A5", "Actividades[ID]", "A-001") // IFERROR(MATCH($A5,Actividades[ID],0),AGGREGATE(15,6,ROW(Actividades[ID])/(...=...),1)-ROW(INDEX(Actividades[ID],1))+1)
 */
export function posicionPorId(key: string, ids: string, id: string): string {
  const recortada = `AGGREGATE(15,6,ROW(${ids})/(${recortado(`${ids}&""`)}=${recortado(`${key}&""`)}),1)-ROW(INDEX(${ids},1))+1`;
  return /[*?~]/.test(id) ? recortada : `IFERROR(MATCH(${key},${ids},0),${recortada})`;
}

/** Ratio of two sums, "" (blank) when nothing is programmed: the contract's compliance. */
export function ratio(programado: string, ejecutado: string): string {
  return `IF(${programado}>0,${ejecutado}/${programado},"")`;
}

/**
 * The band label of a pair of sums, as `banda()` of the domain decides it, with the thresholds read
 * from the defined names so a change in Configuración moves every label.
 */
export function bandFormula(programado: string, ejecutado: string): string {
  const r = `${ejecutado}/${programado}`;
  return (
    `IF(${programado}>0,` +
    `IF(${r}<${NOMBRES.umbralBajo},"Bajo",` +
    `IF(${r}<${NOMBRES.umbralMedio},"Medio",` +
    `IF(${r}>${NOMBRES.umbralSobreejecucion},"Sobreejecutado","Satisfactorio"))),` +
    `IF(${ejecutado}>0,"No programado","Sin programación"))`
  );
}

/** A number as a whole percentage inside text, without TEXT() (its format codes depend on the locale). */
export function percentText(expr: string): string {
  return `ROUND(${expr}*100,0)&" %"`;
}

/**
 * The sum of count cells read as `cantidad()` reads them (numbers stored as text, blanks as 0);
 * "0" when there are none.
 */
export function sumaCantidades(cells: string[]): string {
  return cells.length === 0 ? "0" : cells.map(cantidad).join("+");
}

/**
 * Band colouring for a range, one rule per band, by the text of the band cell. `bandCell` is the band
 * cell of the range's top-left row, column absolute and row relative ("$F6"), so every row of the
 * range looks at its own band.
 */
export function bandRules(bandCell: string): ConditionalRuleSpec[] {
  return (Object.keys(COLORES_BANDA) as Banda[]).map((b) => ({
    formula: `=${bandCell}=${str(b)}`,
    style: { fill: COLORES_BANDA[b].fill, fontColor: COLORES_BANDA[b].font },
    stopIfTrue: true,
  }));
}

/** Excel header/footer text: a literal "&" must be doubled, or it starts a code. */
export function headerFooterText(text: string): string {
  return text.replace(/&/g, "&&");
}

/** Excel refuses a page header or footer of more than 255 characters, its &L/&C/&R codes included. */
export const MAX_ENCABEZADO = 255;

type Seccion = "left" | "center" | "right";
export type SeccionesEncabezado = Partial<Record<Seccion, string>>;

/**
 * A page header or footer that Excel accepts whatever the texts. `textos` are plain texts (an "&"
 * is escaped here); `codigos` are sections already written in Excel's codes ("Página &P de &N"),
 * kept whole. When the whole would pass 255 characters, the longest texts are cut to a common
 * length, as long as still fits, and end in "…" (never splitting a character or an escaped "&&"):
 * a long Entidad or Plan is shortened in the printed header, never in the sheet.
 *
 * @example encabezado({ left: "A & B" }, { right: "&P" }) // { left: "A && B", right: "&P" }
 */
export function encabezado(textos: SeccionesEncabezado, codigos: SeccionesEncabezado = {}): SeccionesEncabezado {
  const orden: Seccion[] = ["left", "center", "right"];
  const out: SeccionesEncabezado = {};
  for (const k of orden) {
    const v = codigos[k] ?? (textos[k] ? headerFooterText(textos[k]!) : undefined);
    if (v) out[k] = v;
  }
  const cortables = orden.filter((k) => codigos[k] === undefined && out[k] !== undefined);
  // Everything but the texts that may be cut: the codes and each section's &L/&C/&R.
  const fijo = orden.reduce((n, k) => n + (out[k] === undefined ? 0 : 2 + (cortables.includes(k) ? 0 : out[k]!.length)), 0);
  const total = (tope: number) => fijo + cortables.reduce((n, k) => n + Math.min(out[k]!.length, tope), 0);
  let tope = Math.max(0, ...cortables.map((k) => out[k]!.length));
  if (total(tope) <= MAX_ENCABEZADO) return out;
  while (tope > 1 && total(tope) > MAX_ENCABEZADO) tope--;
  for (const k of cortables) {
    if (out[k]!.length <= tope) continue;
    let corto = "";
    for (const ch of Array.from(textos[k]!)) {
      if (headerFooterText(corto + ch).length + 1 > tope) break;
      corto += ch;
    }
    out[k] = `${headerFooterText(corto.trimEnd())}…`;
  }
  return out;
}

/**
 * A formula with the threshold names replaced by their values, for copies that must not change
 * when the thresholds change later (a published cut keeps the colours it was sent with).
 *
 * @example congelarUmbrales("=E6<PIPC_Umbral_Bajo", { bajo: 0.6, medio: 0.8, sobreejecucion: 1.2 }) === "=E6<0.6"
 */
export function congelarUmbrales(formula: string, u: { bajo: number; medio: number; sobreejecucion: number }): string {
  return formula
    .replace(new RegExp(`\\b${NOMBRES.umbralSobreejecucion}\\b`, "gi"), String(u.sobreejecucion))
    .replace(new RegExp(`\\b${NOMBRES.umbralMedio}\\b`, "gi"), String(u.medio))
    .replace(new RegExp(`\\b${NOMBRES.umbralBajo}\\b`, "gi"), String(u.bajo));
}
