import { type Umbrales, UMBRALES_POR_DEFECTO } from "./model";

/** Compliance bands of the contract. */
export type Banda = "Bajo" | "Medio" | "Satisfactorio" | "Sobreejecutado" | "Sin programación" | "No programado";

export const BANDAS: readonly Banda[] = [
  "Bajo",
  "Medio",
  "Satisfactorio",
  "Sobreejecutado",
  "Sin programación",
  "No programado",
];

/** Colours of the traffic light (fill, font), shared by every writer. */
export const COLORES_BANDA: Record<Banda, { fill: string; font: string }> = {
  Bajo: { fill: "FFC7CE", font: "9C0006" },
  Medio: { fill: "FFEB9C", font: "9C5700" },
  Satisfactorio: { fill: "C6EFCE", font: "006100" },
  Sobreejecutado: { fill: "BDD7EE", font: "1F4E78" },
  "Sin programación": { fill: "E7E6E6", font: "3A3838" },
  "No programado": { fill: "F8CBAD", font: "833C0B" },
};

export const BANDA_EN: Record<Banda, string> = {
  Bajo: "Low",
  Medio: "Medium",
  Satisfactorio: "Satisfactory",
  Sobreejecutado: "Over-executed",
  "Sin programación": "Not scheduled",
  "No programado": "Executed without schedule",
};

/** Compliance as a ratio of sums; null when nothing is programmed. */
export function cumplimiento(programado: number, ejecutado: number): number | null {
  return programado > 0 ? ejecutado / programado : null;
}

/**
 * The band of a pair of sums.
 *
 * @example banda(20, 29) === "Sobreejecutado" // 145% > 120%
 * @example banda(69, 78) === "Satisfactorio"  // 113%
 */
export function banda(programado: number, ejecutado: number, umbrales: Umbrales = UMBRALES_POR_DEFECTO): Banda {
  if (programado <= 0) return ejecutado > 0 ? "No programado" : "Sin programación";
  const r = ejecutado / programado;
  if (r < umbrales.bajo) return "Bajo";
  if (r < umbrales.medio) return "Medio";
  if (r > umbrales.sobreejecucion) return "Sobreejecutado";
  return "Satisfactorio";
}

/** Problems with a set of thresholds, or null when they are usable (0 < bajo <= medio <= 1 <= sobre). */
export function umbralesInvalidos(u: Umbrales): string | null {
  const ok = (x: number) => Number.isFinite(x) && x >= 0;
  if (!ok(u.bajo) || !ok(u.medio) || !ok(u.sobreejecucion)) return "not-finite";
  if (!(u.bajo <= u.medio)) return "bajo>medio";
  if (!(u.medio <= u.sobreejecucion)) return "medio>sobre";
  return null;
}
