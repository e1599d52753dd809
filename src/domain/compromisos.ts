import { cumplimiento } from "./bands";
import { cuatrimestreInfo, type Cuatrimestre } from "./cuatrimestre";
import type { Compromiso, Dependencia, Plan } from "./model";
import { normalizeKey, pad } from "./text";

/** The three situations of a month in the seed report. */
export type SituacionMes = "normal" | "sin-compromisos" | "pendiente";

export interface MesCompromisos {
  /** "2021-05" */
  mes: string;
  anio: number;
  /** 1-12 */
  numeroMes: number;
  recogidos: number;
  noACargo: number;
  aCargo: number;
  /** The four Estado counts are of the office in charge's commitments only, as the report does. */
  cumplido: number;
  enAvance: number;
  sinIniciar: number;
  porReportar: number;
  /** cumplido / aCargo, null when aCargo is 0. */
  porcentajeCumplido: number | null;
  /** Latest Fecha de corte of the month's commitments (ISO), or null. */
  corte: string | null;
  situacion: SituacionMes;
}

/** The office in charge of commitments, resolved against the dependencies (by name or sigla). */
export function dependenciaACargo(plan: Pick<Plan, "config" | "dependencias">): Dependencia | null {
  const want = plan.config.dependenciaCompromisos;
  if (!want) return null;
  const k = normalizeKey(want);
  return (
    plan.dependencias.find((d) => normalizeKey(d.nombre) === k || (d.sigla !== null && normalizeKey(d.sigla) === k)) ??
    null
  );
}

/**
 * The normalized texts that mean "the office in charge" in Responsable, or null when no office is
 * configured (then every commitment counts as a cargo).
 */
export function clavesACargo(plan: Pick<Plan, "config" | "dependencias">): Set<string> | null {
  const want = plan.config.dependenciaCompromisos;
  if (!want) return null;
  const keys = new Set<string>([normalizeKey(want)]);
  const d = dependenciaACargo(plan);
  if (d) {
    keys.add(normalizeKey(d.nombre));
    if (d.sigla) keys.add(normalizeKey(d.sigla));
    keys.add(normalizeKey(d.titulo));
  }
  return keys;
}

export function esACargo(c: Compromiso, claves: Set<string> | null): boolean {
  return claves === null || claves.has(normalizeKey(c.responsable));
}

/** The month key "yyyy-mm" of an ISO date. */
export function mesDe(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/**
 * Commitments per month, from the first month of the vigencia with any commitment to the end of the
 * cut; months with none included; commitments dated after the cut (or outside the vigencia) left out.
 */
export function compromisosPorMes(plan: Plan, cut: Cuatrimestre = plan.config.cuatrimestre): MesCompromisos[] {
  const year = plan.config.vigencia;
  const lastMonth = cuatrimestreInfo(cut).lastMonth;
  const claves = clavesACargo(plan);
  const byMonth = new Map<number, Compromiso[]>();
  for (const c of plan.compromisos) {
    const y = Number(c.fecha.slice(0, 4));
    const m = Number(c.fecha.slice(5, 7));
    if (y !== year || m < 1 || m > lastMonth) continue;
    const list = byMonth.get(m) ?? [];
    list.push(c);
    byMonth.set(m, list);
  }
  if (byMonth.size === 0) return [];
  const first = Math.min(...byMonth.keys());
  const out: MesCompromisos[] = [];
  for (let m = first; m <= lastMonth; m++) {
    const list = byMonth.get(m) ?? [];
    let aCargo = 0, cumplido = 0, enAvance = 0, sinIniciar = 0, porReportar = 0;
    let corte: string | null = null;
    for (const c of list) {
      if (c.fechaCorte && (corte === null || c.fechaCorte > corte)) corte = c.fechaCorte;
      if (!esACargo(c, claves)) continue;
      aCargo++;
      if (c.estado === "Cumplido") cumplido++;
      else if (c.estado === "En avance") enAvance++;
      else if (c.estado === "Sin iniciar") sinIniciar++;
      else porReportar++;
    }
    const situacion: SituacionMes =
      list.length === 0 ? "sin-compromisos" : aCargo > 0 && porReportar === aCargo ? "pendiente" : "normal";
    out.push({
      mes: `${year}-${pad(m, 2)}`,
      anio: year,
      numeroMes: m,
      recogidos: list.length,
      noACargo: list.length - aCargo,
      aCargo,
      cumplido,
      enAvance,
      sinIniciar,
      porReportar,
      porcentajeCumplido: cumplimiento(aCargo, cumplido),
      corte,
      situacion,
    });
  }
  return out;
}
