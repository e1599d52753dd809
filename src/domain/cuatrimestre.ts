/** The three four-month periods of a vigencia. */
export type Cuatrimestre = "I" | "II" | "III";

export const CUATRIMESTRES: readonly Cuatrimestre[] = ["I", "II", "III"];

export const MESES_ES = [
  "enero", "febrero", "marzo", "abril", "mayo", "junio",
  "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
] as const;

export const MESES_EN = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

export interface CuatrimestreInfo {
  id: Cuatrimestre;
  /** 0, 1 or 2 */
  index: number;
  /** 1-based months, inclusive */
  firstMonth: number;
  lastMonth: number;
  /** "primer", "segundo", "tercer" */
  ordinalEs: string;
  ordinalEn: string;
}

const INFO: Record<Cuatrimestre, CuatrimestreInfo> = {
  I: { id: "I", index: 0, firstMonth: 1, lastMonth: 4, ordinalEs: "primer", ordinalEn: "first" },
  II: { id: "II", index: 1, firstMonth: 5, lastMonth: 8, ordinalEs: "segundo", ordinalEn: "second" },
  III: { id: "III", index: 2, firstMonth: 9, lastMonth: 12, ordinalEs: "tercer", ordinalEn: "third" },
};

export function cuatrimestreInfo(c: Cuatrimestre): CuatrimestreInfo {
  return INFO[c];
}

export function isCuatrimestre(value: unknown): value is Cuatrimestre {
  return value === "I" || value === "II" || value === "III";
}

/** Accepts "I", "ii", "3", "III cuatrimestre", "tercer"...; null when it is none of them. */
export function parseCuatrimestre(value: unknown): Cuatrimestre | null {
  if (typeof value === "number") return value === 1 ? "I" : value === 2 ? "II" : value === 3 ? "III" : null;
  if (typeof value !== "string") return null;
  const v = value.trim().toUpperCase().replace(/^CUATRIMESTRE\s+/, "").replace(/\s+CUATRIMESTRE$/, "");
  if (v === "I" || v === "1" || v === "PRIMER" || v === "PRIMERO") return "I";
  if (v === "II" || v === "2" || v === "SEGUNDO") return "II";
  if (v === "III" || v === "3" || v === "TERCER" || v === "TERCERO") return "III";
  return null;
}

/** The cuatrimestre a month (1-12) falls in. */
export function cuatrimestreOfMonth(month: number): Cuatrimestre {
  return month <= 4 ? "I" : month <= 8 ? "II" : "III";
}

/** Cuatrimestres from January to the cut, inclusive: upTo("II") = ["I", "II"]. */
export function cuatrimestresUpTo(c: Cuatrimestre): Cuatrimestre[] {
  return CUATRIMESTRES.slice(0, INFO[c].index + 1);
}

/** "septiembre – diciembre" (the months of the cuatrimestre alone). */
export function monthsLabel(c: Cuatrimestre, lang: "es" | "en" = "es"): string {
  const names = lang === "es" ? MESES_ES : MESES_EN;
  const i = INFO[c];
  return `${names[i.firstMonth - 1]} – ${names[i.lastMonth - 1]}`;
}

/** "enero – diciembre" (January to the end of the cut). */
export function spanLabel(c: Cuatrimestre, lang: "es" | "en" = "es"): string {
  const names = lang === "es" ? MESES_ES : MESES_EN;
  return `${names[0]} – ${names[INFO[c].lastMonth - 1]}`;
}
