/**
 * The whole report of a cut as one WorkbookSpec: the computed columns of Actividades, Resumen, one
 * sheet per dependency, the commitments tracker and the workbook's defined names.
 */
import { normalizeKey, parseAddress, sheetRef, columnLetters, type Cuatrimestre, type Plan } from "../domain";
import { actividadesComputedColumns, actividadesIdFill } from "./actividades";
import { compromisosIdFill, seguimientoCompromisosSheet } from "./compromisos";
import { dependenciaSheet } from "./dependencia";
import { NOMBRES } from "./formulas";
import { generatedSheetsName, reportSheetNames } from "./names";
import { resumenSheet } from "./resumen";
import type { DefinedNameSpec, IdFillSpec, WorkbookSpec } from "./spec";
import type { Lang } from "./textos";

export interface BuildReportOptions {
  /** Sheet names to avoid: the inputs' and the user's own sheets (not a previous report's). */
  takenSheetNames?: string[];
  /** Shown in the title block; left out when absent, so the same input gives the same spec. */
  generatedAt?: Date;
  lang?: Lang;
}

function absolute(sheet: string, address: string): string {
  const { row, col } = parseAddress(address);
  return `=${sheetRef(sheet)}!$${columnLetters(col)}$${row}`;
}

/**
 * The thresholds' names: the Valor cell of Configuración when the official set it there (so editing
 * it re-bands the whole report), else the value in force as a constant.
 */
export function thresholdNames(plan: Plan): DefinedNameSpec[] {
  const conf = plan.sources.configuracion;
  const u = plan.config.umbrales;
  const entries: [string, string, number][] = [
    [NOMBRES.umbralBajo, "Umbral bajo", u.bajo],
    [NOMBRES.umbralMedio, "Umbral medio", u.medio],
    [NOMBRES.umbralSobreejecucion, "Umbral sobreejecución", u.sobreejecucion],
  ];
  return entries.map(([name, clave, value]) => {
    const cell = conf?.valores[normalizeKey(clave)];
    return {
      name,
      refersTo: conf && cell ? absolute(conf.sheet, cell) : `=${value}`,
      comment: `${clave} (Configuración)`,
    };
  });
}

/**
 * Everything one generation writes for a cut. Pure and deterministic: the same plan, cut and options
 * give the same spec.
 *
 * @example buildReport(plan2021, "III").names.find((n) => n.name === "PIPC_Programado_Vigencia")!.refersTo === "=Resumen!$C$19"
 */
export function buildReport(plan: Plan, cut: Cuatrimestre, opts: BuildReportOptions = {}): WorkbookSpec {
  const lang = opts.lang ?? "es";
  const names = reportSheetNames(plan.dependencias, opts.takenSheetNames ?? []);
  const resumen = resumenSheet(plan, cut, names, { generatedAt: opts.generatedAt, lang });
  const dependencias = plan.dependencias.map((d, i) => dependenciaSheet(plan, cut, d, names.dependencias[i], lang));
  const sheets = [resumen.sheet, ...dependencias, seguimientoCompromisosSheet(plan, cut, names.compromisos)];

  const c = resumen.cells;
  const at = (address: string) => absolute(names.resumen, address);
  const contract: DefinedNameSpec[] = [
    { name: NOMBRES.programadoVigencia, refersTo: at(c.programadoVigencia), comment: "Programado enero – fin del corte" },
    { name: NOMBRES.ejecutadoVigencia, refersTo: at(c.ejecutadoVigencia), comment: "Ejecutado enero – fin del corte" },
    { name: NOMBRES.cumplimientoVigencia, refersTo: at(c.cumplimientoVigencia), comment: "Cumplimiento de la vigencia" },
    { name: NOMBRES.programadoCuatrimestre, refersTo: at(c.programadoCuatrimestre), comment: "Programado en el cuatrimestre" },
    { name: NOMBRES.ejecutadoCuatrimestre, refersTo: at(c.ejecutadoCuatrimestre), comment: "Ejecutado en el cuatrimestre" },
    { name: NOMBRES.cumplimientoCuatrimestre, refersTo: at(c.cumplimientoCuatrimestre), comment: "Cumplimiento del cuatrimestre" },
    { name: NOMBRES.programadoAnual, refersTo: at(c.programadoAnual), comment: "Programado para todo el año" },
    { name: NOMBRES.avanceAnual, refersTo: at(c.avanceAnual), comment: "Ejecutado / programado anual" },
  ];

  const idFills = [actividadesIdFill(plan), compromisosIdFill(plan)].filter((f): f is IdFillSpec => f !== null);

  return {
    sheets,
    names: [...contract, ...thresholdNames(plan), generatedSheetsName(sheets.map((s) => s.name))],
    computedColumns: [actividadesComputedColumns(plan, cut)],
    idFills,
  };
}
