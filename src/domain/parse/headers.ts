/** Recognising an input's headers forgivingly (case, accents, spaces, aliases). */
import type { ColumnaContrato } from "../contract";
import type { RawCell } from "../raw";
import { normalizeKey } from "../text";
import { textOf } from "./values";

export interface HeaderMatch<F extends string> {
  /** Field -> index (0-based, within the header cells) of the first header that names it. */
  fieldIndex: Partial<Record<F, number>>;
  /** Later headers naming a field already named: ignored, first wins. */
  duplicates: { field: F; index: number; firstIndex: number }[];
  /** Required columns no header names. */
  missing: ColumnaContrato<F>[];
  /** How many header cells were recognised. */
  recognised: number;
}

/** The text of a header cell, as written (trimmed). */
export function headerText(cell: RawCell | undefined): string {
  return cell ? textOf(cell.value) : "";
}

/** normalizeKey(header or alias) -> field. */
export function headerKeys<F extends string>(contract: readonly ColumnaContrato<F>[]): Map<string, F> {
  const keys = new Map<string, F>();
  for (const c of contract) {
    for (const h of [c.header, ...(c.aliases ?? [])]) {
      const k = normalizeKey(h);
      if (!keys.has(k)) keys.set(k, c.field);
    }
  }
  return keys;
}

/**
 * Which contract column each header cell names.
 *
 * @example matchHeaders(cells("ID", "  PROGRAMÁDO i ", "Dependencia"), COLUMNAS_ACTIVIDADES).fieldIndex
 * // { id: 0, programado1: 1, dependencia: 2 }
 */
export function matchHeaders<F extends string>(cells: readonly RawCell[], contract: readonly ColumnaContrato<F>[]): HeaderMatch<F> {
  const keys = headerKeys(contract);
  const fieldIndex: Partial<Record<F, number>> = {};
  const duplicates: HeaderMatch<F>["duplicates"] = [];
  let recognised = 0;
  cells.forEach((cell, index) => {
    const text = headerText(cell);
    if (!text) return;
    const field = keys.get(normalizeKey(text));
    if (field === undefined) return;
    recognised++;
    const first = fieldIndex[field];
    if (first === undefined) fieldIndex[field] = index;
    else duplicates.push({ field, index, firstIndex: first });
  });
  const missing = contract.filter((c) => c.required && fieldIndex[c.field] === undefined);
  return { fieldIndex, duplicates, missing, recognised };
}

/** «Dependencia», «Actividad» */
export function listHeaders(cols: readonly { header: string }[], lang: "es" | "en"): string {
  const q = (h: string) => (lang === "es" ? `«${h}»` : `"${h}"`);
  const items = cols.map((c) => q(c.header));
  if (items.length <= 1) return items.join("");
  const and = lang === "es" ? " y " : " and ";
  return items.slice(0, -1).join(", ") + and + items[items.length - 1];
}
