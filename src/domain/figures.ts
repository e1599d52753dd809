import { banda, cumplimiento, type Banda } from "./bands";
import { cuatrimestreInfo, type Cuatrimestre } from "./cuatrimestre";
import type { Actividad, Plan, Umbrales } from "./model";

export interface Cifra {
  programado: number;
  ejecutado: number;
  /** ejecutado / programado; null when nothing is programmed. */
  cumplimiento: number | null;
  banda: Banda;
}

export interface CifraActividad extends Cifra {
  id: string;
  actividad: string;
  dependencia: string;
}

export interface CifraDependencia extends Cifra {
  nombre: string;
  sigla: string | null;
  titulo: string;
  numero: number;
  actividades: CifraActividad[];
}

/** The figures of a cut. */
export interface FigurasCorte {
  cuatrimestre: Cuatrimestre;
  /** January to the end of the cut. */
  vigencia: Cifra;
  /** The cuatrimestre alone. */
  periodo: Cifra;
  /** Whole-year target and progress of the span against it. */
  anual: { programado: number; avance: number | null };
  dependencias: CifraDependencia[];
  actividades: CifraActividad[];
}

function cifra(programado: number, ejecutado: number, u: Umbrales): Cifra {
  return { programado, ejecutado, cumplimiento: cumplimiento(programado, ejecutado), banda: banda(programado, ejecutado, u) };
}

/** Sums of an activity from January to the end of the cut. */
export function sumaHastaCorte(a: Actividad, cut: Cuatrimestre): { programado: number; ejecutado: number } {
  const last = cuatrimestreInfo(cut).index;
  let p = 0;
  let e = 0;
  for (let i = 0; i <= last; i++) {
    p += a.programado[i];
    e += a.ejecutado[i];
  }
  return { programado: p, ejecutado: e };
}

/**
 * Every figure of the report for a cut. Compliance is always a ratio of sums.
 *
 * @example figurasCorte(plan2021, "III").vigencia // { programado: 69, ejecutado: 78, cumplimiento: 1.1304..., banda: "Satisfactorio" }
 */
export function figurasCorte(plan: Plan, cut: Cuatrimestre = plan.config.cuatrimestre): FigurasCorte {
  const u = plan.config.umbrales;
  const idx = cuatrimestreInfo(cut).index;
  let vp = 0, ve = 0, pp = 0, pe = 0, ap = 0;
  const actividades: CifraActividad[] = [];
  for (const a of plan.actividades) {
    const s = sumaHastaCorte(a, cut);
    vp += s.programado;
    ve += s.ejecutado;
    pp += a.programado[idx];
    pe += a.ejecutado[idx];
    ap += a.programado[0] + a.programado[1] + a.programado[2];
    actividades.push({ id: a.id, actividad: a.actividad, dependencia: a.dependencia, ...cifra(s.programado, s.ejecutado, u) });
  }
  const dependencias: CifraDependencia[] = plan.dependencias.map((d) => {
    const mine = actividades.filter((a) => a.dependencia === d.nombre);
    const p = mine.reduce((t, a) => t + a.programado, 0);
    const e = mine.reduce((t, a) => t + a.ejecutado, 0);
    return { nombre: d.nombre, sigla: d.sigla, titulo: d.titulo, numero: d.numero, actividades: mine, ...cifra(p, e, u) };
  });
  return {
    cuatrimestre: cut,
    vigencia: cifra(vp, ve, u),
    periodo: cifra(pp, pe, u),
    anual: { programado: ap, avance: ap > 0 ? ve / ap : null },
    dependencias,
    actividades,
  };
}
