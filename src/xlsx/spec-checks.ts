/**
 * What Excel refuses in a spec, checked the same way by both file writers (the ExcelJS path in
 * write.ts and the fast path in fast/): a bad name or text must fail before anything is written,
 * not make a file Excel "repairs".
 */
import type { DataValidationSpec, SheetSpec } from "../report/spec";
import { SpecError } from "./errors";

/** Excel's sheet-name rules: 1 to 31 characters, none of : \ / ? * [ ], no quote at either end. */
export function checkSheetName(name: string): void {
  if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new SpecError(`Excel does not accept this sheet name: "${name}"`);
  }
}

/** Every sheet name valid and none repeated (case-insensitively, as Excel compares them); the names lowercased. */
export function checkSheetNames(sheets: readonly SheetSpec[]): Set<string> {
  const seen = new Set<string>();
  for (const s of sheets) {
    checkSheetName(s.name);
    const k = s.name.toLowerCase();
    if (seen.has(k)) throw new SpecError(`Duplicate sheet name in spec: ${s.name}`);
    seen.add(k);
  }
  return seen;
}

/**
 * Excel's limits on a data validation's texts and literal list; returns the literal list as a
 * formula ("\"a,b\"") when the validation has one.
 */
export function checkDataValidation(dv: DataValidationSpec, sheet: string): { where: string; literalList?: string } {
  const where = `${sheet}!${dv.range}`;
  if (dv.error.title.length > 32 || dv.error.message.length > 225) throw new SpecError(`${where}: validation error text too long for Excel`);
  if (dv.prompt && (dv.prompt.title.length > 32 || dv.prompt.message.length > 255)) throw new SpecError(`${where}: validation prompt too long for Excel`);
  if (dv.type !== "list") return { where };
  if (!dv.list) throw new SpecError(`${where}: a list validation needs a list`);
  if (!("items" in dv.list)) return { where };
  if (dv.list.items.some((i) => i.includes(",") || i.includes('"'))) throw new SpecError(`${where}: list items cannot hold commas or quotes`);
  const joined = dv.list.items.join(",");
  if (joined.length > 255) throw new SpecError(`${where}: list longer than Excel's 255 characters; use a range`);
  return { where, literalList: `"${joined}"` };
}
