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

export function sameText(a: string, b: string): boolean {
  return normalizeKey(a) === normalizeKey(b);
}

/** Pads a number to a fixed width: pad(7, 3) === "007". */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
