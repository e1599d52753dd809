import { columnLetters, columnNumber } from "../domain";

/** A rectangle of cells, 1-based and inclusive. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B5:F20" (or "B5", "$B$5:$F$20") to a rectangle. */
export function parseRange(range: string): Rect {
  const [a, b = a] = range.replace(/\$/g, "").trim().split(":");
  const pa = /^([A-Za-z]{1,3})(\d+)$/.exec(a);
  const pb = /^([A-Za-z]{1,3})(\d+)$/.exec(b);
  if (!pa || !pb) throw new Error(`Not an A1 range: ${range}`);
  const r1 = Number(pa[2]);
  const r2 = Number(pb[2]);
  const c1 = columnNumber(pa[1]);
  const c2 = columnNumber(pb[1]);
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

export function rangeOf(r: Rect): string {
  const a = `${columnLetters(r.left)}${r.top}`;
  const b = `${columnLetters(r.right)}${r.bottom}`;
  return a === b ? a : `${a}:${b}`;
}
