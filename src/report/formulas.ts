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

/** A string literal inside a formula. */
export function str(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
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
 * A sum of parts with "+", which turns numbers stored as text into numbers (a lone part gets "+0" so
 * it is coerced too); "0" when there are none.
 */
export function plus(parts: string[]): string {
  if (parts.length === 0) return "0";
  return parts.length === 1 ? `${parts[0]}+0` : parts.join("+");
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
