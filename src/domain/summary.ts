import { compromisosPorMes } from "./compromisos";
import type { Cuatrimestre } from "./cuatrimestre";
import { figurasCorte } from "./figures";
import type { Plan } from "./model";

/** The figures of a cut as the JSON of `pipc summary --json` and `pipc generate --json`. */
export interface ResumenJson {
  entidad: string;
  plan: string;
  vigenciaAnio: number;
  corte: Cuatrimestre;
  vigencia: { programado: number; ejecutado: number; cumplimiento: number | null; banda: string };
  cuatrimestre: { programado: number; ejecutado: number; cumplimiento: number | null; banda: string };
  anual: { programado: number; avance: number | null };
  dependencias: {
    numero: number;
    nombre: string;
    sigla: string | null;
    programado: number;
    ejecutado: number;
    cumplimiento: number | null;
    banda: string;
  }[];
  actividades: { id: string; dependencia: string; programado: number; ejecutado: number; cumplimiento: number | null; banda: string }[];
  compromisos: {
    mes: string;
    recogidos: number;
    noACargo: number;
    aCargo: number;
    cumplido: number;
    enAvance: number;
    sinIniciar: number;
    porReportar: number;
    porcentajeCumplido: number | null;
    corte: string | null;
    situacion: string;
  }[];
}

export function resumenJson(plan: Plan, cut: Cuatrimestre = plan.config.cuatrimestre): ResumenJson {
  const f = figurasCorte(plan, cut);
  const strip = <T extends { banda: string }>(c: T & { programado: number; ejecutado: number; cumplimiento: number | null }) => ({
    programado: c.programado,
    ejecutado: c.ejecutado,
    cumplimiento: c.cumplimiento,
    banda: c.banda,
  });
  return {
    entidad: plan.config.entidad,
    plan: plan.config.plan,
    vigenciaAnio: plan.config.vigencia,
    corte: cut,
    vigencia: strip(f.vigencia),
    cuatrimestre: strip(f.periodo),
    anual: f.anual,
    dependencias: f.dependencias.map((d) => ({ numero: d.numero, nombre: d.nombre, sigla: d.sigla, ...strip(d) })),
    actividades: f.actividades.map((a) => ({ id: a.id, dependencia: a.dependencia, ...strip(a) })),
    compromisos: compromisosPorMes(plan, cut).map((m) => ({
      mes: m.mes,
      recogidos: m.recogidos,
      noACargo: m.noACargo,
      aCargo: m.aCargo,
      cumplido: m.cumplido,
      enAvance: m.enAvance,
      sinIniciar: m.sinIniciar,
      porReportar: m.porReportar,
      porcentajeCumplido: m.porcentajeCumplido,
      corte: m.corte,
      situacion: m.situacion,
    })),
  };
}
