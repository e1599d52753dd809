import { cumplimiento } from "./bands";
import { cuatrimestreInfo, MESES_ES, type Cuatrimestre } from "./cuatrimestre";
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
  /** cumplido / aCargo; null when aCargo is 0 or the month is pending (all Por reportar). */
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
 * The commitments the tracker looks at: dated in the vigencia, from January to the end of the cut.
 * Those dated after the cut, or in another year, are left out (parsing warns about the latter).
 */
export function compromisosHastaCorte(plan: Plan, cut: Cuatrimestre = plan.config.cuatrimestre): Compromiso[] {
  const year = plan.config.vigencia;
  const lastMonth = cuatrimestreInfo(cut).lastMonth;
  return plan.compromisos.filter((c) => {
    const y = Number(c.fecha.slice(0, 4));
    const m = Number(c.fecha.slice(5, 7));
    return y === year && m >= 1 && m <= lastMonth;
  });
}

/**
 * Commitments per month, from the first month of the vigencia with any commitment to the end of the
 * cut; months with none included; commitments dated after the cut (or outside the vigencia) left out.
 * An empty list when no commitment falls in that span.
 *
 * @example compromisosPorMes(plan2021, "III")[0] // { mes: "2021-05", recogidos: 70, noACargo: 50, aCargo: 20, cumplido: 12, ... }
 */
export function compromisosPorMes(plan: Plan, cut: Cuatrimestre = plan.config.cuatrimestre): MesCompromisos[] {
  const year = plan.config.vigencia;
  const lastMonth = cuatrimestreInfo(cut).lastMonth;
  const claves = clavesACargo(plan);
  const byMonth = new Map<number, Compromiso[]>();
  for (const c of compromisosHastaCorte(plan, cut)) {
    const m = Number(c.fecha.slice(5, 7));
    const list = byMonth.get(m) ?? [];
    list.push(c);
    byMonth.set(m, list);
  }
  if (byMonth.size === 0) return [];
  const first = Math.min(...byMonth.keys());
  const out: MesCompromisos[] = [];
  for (let m = first; m <= lastMonth; m++) out.push(resumenMes(year, m, byMonth.get(m) ?? [], claves));
  return out;
}

/** The figures of one month from its commitments. */
export function resumenMes(anio: number, numeroMes: number, list: readonly Compromiso[], claves: Set<string> | null): MesCompromisos {
  let aCargo = 0, cumplido = 0, enAvance = 0, sinIniciar = 0, porReportar = 0;
  let corte: string | null = null;
  for (const c of list) {
    // The month's cut is that of all its commitments, the office's or not: it dates the report's data.
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
  return {
    mes: `${anio}-${pad(numeroMes, 2)}`,
    anio,
    numeroMes,
    recogidos: list.length,
    noACargo: list.length - aCargo,
    aCargo,
    cumplido,
    enAvance,
    sinIniciar,
    porReportar,
    // Unknown, not 0 %, while every commitment of the office is still Por reportar.
    porcentajeCumplido: situacion === "pendiente" ? null : cumplimiento(aCargo, cumplido),
    corte,
    situacion,
  };
}

/** "mayo de 2021" */
export function etiquetaMes(anio: number, numeroMes: number): string {
  return `${MESES_ES[numeroMes - 1]} de ${anio}`;
}

/** "23 de julio de 2021" from an ISO date. */
export function fechaLarga(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} de ${MESES_ES[m - 1]} de ${y}`;
}

/** The office in charge as the report words it. */
export interface OficinaACargo {
  /** Full name: the dependency's, or the text of Configuración when it names no dependency. */
  nombre: string;
  sigla: string | null;
  /** Heading in the report (the footnote "*ACPVR: <titulo>."). */
  titulo: string;
  /** What the sentences say: the sigla, else the name ("ACPVR"). */
  corto: string;
  /** "de la ACPVR", "del EGA", "de ACPVR" (article from the first word of the name). */
  deCorto: string;
  /** "la Oficina Alta Consejería..." / "el Equipo..." / the bare name: the name with its article. */
  nombreConArticulo: string;
  /** The resolved dependency, or null when Configuración names none of them. */
  dependencia: Dependencia | null;
}

const FEMENINOS = new Set([
  "oficina", "alta", "secretaria", "subsecretaria", "direccion", "subdireccion", "consejeria", "gerencia",
  "unidad", "alcaldia", "entidad", "coordinacion", "veeduria", "personeria", "contraloria", "defensoria",
  "agencia", "empresa", "corporacion", "superintendencia", "registraduria", "division", "mesa", "caja",
  "comision", "jefatura", "dependencia", "asesoria", "vicepresidencia", "presidencia", "red",
]);
const MASCULINOS = new Set([
  "equipo", "despacho", "departamento", "grupo", "instituto", "centro", "fondo", "ministerio", "consejo",
  "comite", "concejo", "observatorio", "sistema", "programa", "servicio", "area", "proyecto", "nodo",
]);

/** The article a dependency's name takes ("la", "el") or "" when its first word does not tell. */
export function articulo(nombre: string): "la" | "el" | "" {
  const first = normalizeKey(nombre).split(" ")[0] ?? "";
  if (FEMENINOS.has(first)) return "la";
  if (MASCULINOS.has(first)) return "el";
  return "";
}

/** The office in charge of commitments as the report names it, or null when Configuración names none. */
export function oficinaACargo(plan: Pick<Plan, "config" | "dependencias">): OficinaACargo | null {
  const want = plan.config.dependenciaCompromisos?.trim();
  if (!want) return null;
  const d = dependenciaACargo(plan);
  const nombre = d ? d.nombre : want;
  const sigla = d ? d.sigla : null;
  const corto = sigla ?? nombre;
  const art = articulo(nombre);
  return {
    nombre,
    sigla,
    titulo: d ? d.titulo : want,
    corto,
    deCorto: art === "la" ? `de la ${corto}` : art === "el" ? `del ${corto}` : `de ${corto}`,
    nombreConArticulo: art ? `${art} ${nombre}` : nombre,
    dependencia: d,
  };
}

/**
 * Every spelling of Responsable in the commitments that counts as the office in charge, as typed
 * (" acpvr", "Oficina Alta Consejeria de Paz..."), in order of first appearance; empty when no office
 * is configured (then every commitment counts).
 */
export function grafiasACargo(plan: Plan): string[] {
  const claves = clavesACargo(plan);
  if (claves === null) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of plan.compromisos) {
    if (!esACargo(c, claves) || seen.has(c.responsable)) continue;
    seen.add(c.responsable);
    out.push(c.responsable);
  }
  return out;
}

/**
 * The list officials follow up: the office's commitments up to the end of the cut not yet
 * `Cumplido`, oldest session first (then in sheet order).
 */
export function pendientesACargo(plan: Plan, cut: Cuatrimestre = plan.config.cuatrimestre): Compromiso[] {
  const claves = clavesACargo(plan);
  return compromisosHastaCorte(plan, cut)
    .filter((c) => esACargo(c, claves) && c.estado !== "Cumplido")
    .sort((a, b) => (a.fecha < b.fecha ? -1 : a.fecha > b.fecha ? 1 : a.fila - b.fila));
}

/** Days from an ISO date to another (b - a). */
export function diasEntre(a: string, b: string): number {
  const t = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((t(b) - t(a)) / 86400000);
}

/** The date the follow-up list measures ages at: the last day of the cut ("2021-12-31"). */
export function fechaCierreCorte(anio: number, cut: Cuatrimestre): string {
  const last = cuatrimestreInfo(cut).lastMonth;
  const day = new Date(Date.UTC(anio, last, 0)).getUTCDate();
  return `${anio}-${pad(last, 2)}-${pad(day, 2)}`;
}

const SESIONES = "de las sesiones de las Mesas de Participación";

/**
 * The month's sentence as the report words it (the tracker's Nota column writes the same with a
 * formula, so that it follows the data).
 *
 * @example
 * // "Durante el mes de mayo de 2021, de las sesiones de las Mesas de Participación se recogieron 70
 * //  compromisos de los cuales 50 no están a cargo de la ACPVR y 20 están a cargo de la ACPVR."
 */
export function notaMes(m: MesCompromisos, oficina: OficinaACargo | null): string {
  const inicio = `Durante el mes de ${etiquetaMes(m.anio, m.numeroMes)}, ${SESIONES}`;
  if (m.recogidos === 0) return `${inicio} no se recogieron compromisos.`;
  const r = m.recogidos;
  let s = `${inicio} ${r === 1 ? "se recogió 1 compromiso" : `se recogieron ${r} compromisos`}`;
  if (m.aCargo > 0 && m.porReportar === m.aCargo) {
    s += ". El estado de avance de los compromisos se tendrá en el próximo informe.";
  } else if (oficina === null) {
    s += ".";
  } else if (m.aCargo === 0) {
    s += `${r === 1 ? ", que no está" : ", ninguno está"} a cargo ${oficina.deCorto}.`;
  } else if (m.noACargo === 0) {
    s += `${r === 1 ? ", que está" : ", todos"} a cargo ${oficina.deCorto}.`;
  } else {
    const n = m.noACargo;
    const a = m.aCargo;
    s +=
      ` de los cuales ${n} ${n === 1 ? "no está" : "no están"} a cargo ${oficina.deCorto}` +
      ` y ${a} ${a === 1 ? "está" : "están"} a cargo ${oficina.deCorto}.`;
  }
  return s;
}
