/** Stable keys of rows: the user's ids checked for duplicates, blank ones generated deterministically. */
import type { RawCell } from "../raw";
import { normalizeKey, pad } from "../text";
import type { ProblemList } from "./values";

export interface IdSlot {
  /** The ID as typed (trimmed), "" when blank. */
  typed: string;
  /** The ID cell, or null when the input has no ID column. */
  cell: RawCell | null;
}

export interface AssignedId {
  id: string;
  idGenerado: boolean;
}

/**
 * Ids for rows in order: typed ones kept (a repeat is a duplicate-id error on the later cell, naming
 * the first), blank ones numbered `<prefix>-001`, `<prefix>-002`... skipping any id typed anywhere
 * in the input, so that adding an id by hand never renumbers the others.
 *
 * @example assignIds([{typed: ""}, {typed: "A-001"}, {typed: ""}], "A") // A-002, A-001, A-003
 */
export function assignIds(slots: readonly IdSlot[], prefix: string, sheet: string, header: string, problems: ProblemList): AssignedId[] {
  const used = new Set(slots.filter((s) => s.typed).map((s) => normalizeKey(s.typed)));
  const firstAt = new Map<string, string>();
  let next = 1;
  return slots.map((s) => {
    if (s.typed) {
      const k = normalizeKey(s.typed);
      const first = firstAt.get(k);
      const here = s.cell?.address ?? "";
      if (first !== undefined) {
        problems.add(
          "duplicate-id",
          "error",
          sheet,
          s.cell ? s.cell.address : null,
          `el ${header} «${s.typed}» ya se usa en ${sheet}!${first}: cada fila necesita un ${header} distinto; cambie uno de los dos o deje esta celda vacía para que se genere uno.`,
          `the ${header} "${s.typed}" is already used in ${sheet}!${first}: every row needs a distinct ${header}; change one of them or leave this cell empty to get one generated.`,
        );
      } else firstAt.set(k, here);
      return { id: s.typed, idGenerado: false };
    }
    let id = `${prefix}-${pad(next, 3)}`;
    while (used.has(normalizeKey(id))) id = `${prefix}-${pad(++next, 3)}`;
    next++;
    used.add(normalizeKey(id));
    return { id, idGenerado: true };
  });
}
