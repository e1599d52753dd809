/**
 * The 2021 plan built straight from the fixture JSON, without the parser, so the report's pure tests
 * do not depend on parsing. Layout as the template writes it: instructions in row 1, headers in row
 * 2, data from row 3, columns A (ID) to L (Observaciones).
 */
import fixture from "../../src/domain/data/plan-2021.json";
import { COLUMNAS_ACTIVIDADES_ENTRADA, UMBRALES_POR_DEFECTO, type CampoActividad, type Plan, type PorCuatrimestre } from "../../src/domain";

export interface FixtureActividad {
  dependencia: string;
  actividad: string;
  programado: PorCuatrimestre;
  ejecutado: PorCuatrimestre;
}

export const fixtureActividades = fixture.actividades as FixtureActividad[];

export interface PlanOptions {
  /** Fields left out of the Actividades table (their columns do not exist). */
  omit?: CampoActividad[];
  /** Activities whose ID cell is blank (0-based indexes). */
  blankIds?: number[];
  /** The Configuración sheet, with the thresholds' Valor cells. */
  configuracion?: boolean;
  tableName?: string | null;
}

export function plan2021(opts: PlanOptions = {}): Plan {
  const omit = new Set(opts.omit ?? []);
  const dependencias = fixture.dependencias.map((d, i) => ({
    nombre: d.nombre,
    sigla: d.sigla,
    titulo: d.titulo_informe,
    numero: i + 1,
  }));
  const bySigla = new Map(dependencias.map((d) => [d.sigla, d.nombre]));
  const actividades = fixtureActividades.map((a, i) => ({
    id: `A-${String(i + 1).padStart(3, "0")}`,
    idGenerado: (opts.blankIds ?? []).includes(i) || omit.has("id"),
    dependencia: bySigla.get(a.dependencia)!,
    dependenciaTexto: a.dependencia,
    actividad: a.actividad,
    programado: [...a.programado] as PorCuatrimestre,
    ejecutado: [...a.ejecutado] as PorCuatrimestre,
    responsable: "",
    evidencias: "",
    observaciones: "",
    fila: 3 + i,
  }));
  const present = COLUMNAS_ACTIVIDADES_ENTRADA.filter((c) => !omit.has(c.field));
  const columns: Plan["sources"]["actividades"]["columns"] = {};
  present.forEach((c, i) => (columns[c.field] = { header: c.header, col: i + 1 }));
  return {
    config: {
      entidad: fixture.entidad,
      plan: fixture.plan,
      vigencia: fixture.vigencia,
      cuatrimestre: "III",
      dependenciaCompromisos: "ACPVR",
      umbrales: { ...UMBRALES_POR_DEFECTO },
    },
    dependencias,
    actividades,
    compromisos: [],
    sources: {
      actividades: {
        sheet: "Actividades",
        tableName: opts.tableName === undefined ? "Actividades" : opts.tableName,
        headerRow: 2,
        lastRow: 2 + actividades.length,
        firstCol: 1,
        lastCol: present.length,
        headers: present.map((c) => c.header),
        columns,
      },
      compromisos: null,
      dependencias: null,
      configuracion: opts.configuracion
        ? {
            sheet: "Configuración",
            tableName: "Configuración",
            valores: { "umbral bajo": "B8", "umbral medio": "B9", "umbral sobreejecucion": "B10" },
          }
        : null,
    },
  };
}
