/**
 * Parsing and validation of the plan workbook (see docs/workbook-contract.md): raw tables in, a Plan
 * and every problem found out. Never throws on bad data.
 */
import {
  COLUMNAS_ACTIVIDADES,
  COLUMNAS_COMPROMISOS,
  COLUMNAS_DEPENDENCIAS,
  HOJA_ACTIVIDADES,
  HOJA_COMPROMISOS,
  HOJA_CONFIGURACION,
  HOJA_DEPENDENCIAS,
  inputName,
} from "../contract";
import type { Dependencia, Plan } from "../model";
import { parseAddress, type RawWorkbook } from "../raw";
import type { Problem } from "../problems";
import { normalizeKey } from "../text";
import { parseActividades } from "./actividades";
import { parseCompromisos, type CompromisoLeido } from "./compromisos";
import { COLUMNAS_CONFIGURACION, readConfiguracion, resolveConfiguracion, type EntradasConfiguracion } from "./configuracion";
import { DependencyIndex, parseDependencias } from "./dependencias";
import { layoutOf, locate } from "./locate";
import { isoToDmy, ProblemList } from "./values";

export { rawWorkbookFromInput } from "./fromInput";
export { COLUMNAS_CONFIGURACION } from "./configuracion";

export interface ParseResult {
  /** Null only when there is no usable Actividades input (missing, or its headers are unusable). */
  plan: Plan | null;
  /** Every problem, sorted by sheet (workbook order), then row, then column. */
  problems: Problem[];
}

export interface ParseOptions {
  /** "Today", for the default Vigencia when no commitment has a date. Defaults to new Date(). */
  today?: Date;
}

/**
 * Reads and validates a plan workbook. A Plan comes back even when there are errors (bad numbers
 * count as 0), so that every problem can be shown at once; check `hasErrors(problems)` before
 * generating a report.
 *
 * @example
 * const { plan, problems } = parseWorkbook(rawWorkbookFromInput(sample2021()));
 * figurasCorte(plan!, "III").vigencia; // { programado: 69, ejecutado: 78, ... }
 */
export function parseWorkbook(raw: RawWorkbook, opts: ParseOptions = {}): ParseResult {
  const problems = new ProblemList();
  const today = opts.today instanceof Date && !Number.isNaN(opts.today.getTime()) ? opts.today : new Date();
  const wb: RawWorkbook = raw && typeof raw === "object" ? raw : { sheetNames: [], tables: [], sheets: [] };

  // Dependencias first: Actividades are resolved against it.
  const depLoc = locate(wb, HOJA_DEPENDENCIAS, COLUMNAS_DEPENDENCIAS, problems);
  const depRows: Dependencia[] = depLoc.status === "ok" ? parseDependencias(depLoc.input, problems) : [];
  // An empty Dependencias (a fresh template) means "take the offices from Actividades", not "no office is valid".
  const fromSheet = depRows.length > 0;
  const index = new DependencyIndex(depRows);

  const actLoc = locate(wb, HOJA_ACTIVIDADES, COLUMNAS_ACTIVIDADES, problems);
  if (actLoc.status === "absent") {
    problems.add(
      "missing-sheet",
      "error",
      HOJA_ACTIVIDADES,
      null,
      `${HOJA_ACTIVIDADES}: falta la hoja «${HOJA_ACTIVIDADES}» (o una tabla de Excel con ese nombre), que es obligatoria: créela con los encabezados ID, Dependencia, Actividad, Programado I, Ejecutado I, Programado II, Ejecutado II, Programado III, Ejecutado III (o parta de la plantilla).`,
      `${HOJA_ACTIVIDADES}: the required sheet "${HOJA_ACTIVIDADES}" (or an Excel table of that name) is missing: create it with the headers ID, Dependencia, Actividad, Programado I, Ejecutado I, Programado II, Ejecutado II, Programado III, Ejecutado III (or start from the template).`,
    );
  }
  const actividades =
    actLoc.status === "ok"
      ? parseActividades(
          actLoc.input,
          { index, fromSheet, sheet: depLoc.status === "ok" ? depLoc.input.sheet : HOJA_DEPENDENCIAS },
          problems,
        )
      : [];
  if (actLoc.status === "ok" && actividades.length === 0) {
    problems.add(
      "empty-plan",
      "error",
      actLoc.input.sheet,
      actLoc.input.headerRange,
      `el plan no tiene actividades: escriba una fila por actividad debajo de los encabezados (${actLoc.input.headerRange}), con su Dependencia, su Actividad y lo programado y ejecutado en cada cuatrimestre.`,
      `the plan has no activities: write one row per activity below the headers (${actLoc.input.headerRange}), with its Dependencia, its Actividad and what was programmed and executed in each cuatrimestre.`,
    );
  }

  const compLoc = locate(wb, HOJA_COMPROMISOS, COLUMNAS_COMPROMISOS, problems);
  const leidos: CompromisoLeido[] = compLoc.status === "ok" ? parseCompromisos(compLoc.input, problems) : [];

  const confLoc = locate(wb, HOJA_CONFIGURACION, COLUMNAS_CONFIGURACION, problems);
  const entradas: EntradasConfiguracion | null = confLoc.status === "ok" ? readConfiguracion(confLoc.input, problems) : null;
  const config = resolveConfiguracion(
    entradas,
    {
      fechas: leidos.map((l) => l.compromiso.fecha),
      ejecutado: [0, 1, 2].map((k) => actividades.some((a) => a.ejecutado[k] > 0)) as [boolean, boolean, boolean],
      today,
    },
    problems,
  );

  const dependencias = fromSheet ? depRows : index.list;
  checkOfficeInCharge(config.dependenciaCompromisos, dependencias, leidos.length > 0, entradas, compLoc.status === "ok" ? compLoc.input.sheet : null, problems);

  for (const l of leidos) {
    if (Number(l.compromiso.fecha.slice(0, 4)) === config.vigencia) continue;
    problems.add(
      "date-outside-vigencia",
      "warning",
      compLoc.status === "ok" ? compLoc.input.sheet : HOJA_COMPROMISOS,
      l.fechaCell.address,
      `la fecha ${isoToDmy(l.compromiso.fecha)} está fuera de la vigencia ${config.vigencia}: el compromiso no se cuenta en el seguimiento. Corrija la fecha, o la «Vigencia» en la hoja ${HOJA_CONFIGURACION}.`,
      `the date ${l.compromiso.fecha} is outside the vigencia ${config.vigencia}: the commitment is not counted in the tracker. Fix the date, or the "Vigencia" in the ${HOJA_CONFIGURACION} sheet.`,
    );
  }

  const sorted = sortProblems(problems.list, Array.isArray(wb.sheetNames) ? wb.sheetNames : []);
  if (actLoc.status !== "ok") return { plan: null, problems: sorted };
  const plan: Plan = {
    config,
    dependencias,
    actividades,
    compromisos: leidos.map((l) => l.compromiso),
    sources: {
      actividades: layoutOf(actLoc.input),
      compromisos: compLoc.status === "ok" ? layoutOf(compLoc.input) : null,
      dependencias: depLoc.status === "ok" ? layoutOf(depLoc.input) : null,
      configuracion: entradas ? { sheet: entradas.sheet, tableName: entradas.tableName, valores: entradas.valores } : null,
    },
  };
  return { plan, problems: sorted };
}

function checkOfficeInCharge(
  configured: string | null,
  dependencias: Dependencia[],
  hayCompromisos: boolean,
  entradas: EntradasConfiguracion | null,
  compromisosSheet: string | null,
  problems: ProblemList,
): void {
  const clave = "Dependencia a cargo de compromisos";
  const cell = entradas?.celdas[clave] ?? null;
  const lista = dependencias.map((d) => (d.sigla ? `${d.nombre} (${d.sigla})` : d.nombre)).join(", ");
  if (!configured) {
    if (!hayCompromisos) return;
    const sheet = entradas ? entradas.sheet : (compromisosSheet ?? HOJA_COMPROMISOS);
    const at = cell ? "" : `${sheet}: `;
    problems.add(
      "no-office-in-charge",
      "warning",
      sheet,
      cell ? cell.address : null,
      `${at}no se indicó la «${clave}» en la hoja ${HOJA_CONFIGURACION}: todos los compromisos se cuentan como «a cargo». Escriba el nombre o la sigla de la dependencia que responde por los compromisos${lista ? ` (${lista})` : ""}.`,
      `${at}no "${clave}" is set in the ${HOJA_CONFIGURACION} sheet: every commitment counts as "a cargo" (in charge). Enter the name or sigla of the office that answers for the commitments${lista ? ` (${lista})` : ""}.`,
    );
    return;
  }
  // The same forgiving name-or-sigla match that decides "a cargo" in the tracker.
  if (new DependencyIndex(dependencias).find(configured)) return;
  const sheet = entradas?.sheet ?? HOJA_CONFIGURACION;
  problems.add(
    "no-office-in-charge",
    "warning",
    sheet,
    cell ? cell.address : null,
    `${cell ? "" : `${sheet}: `}«${configured}» no es ninguna de las dependencias${lista ? ` (${lista})` : ""}: solo cuentan como «a cargo» los compromisos cuyo Responsable dice exactamente «${configured}». Escriba el nombre o la sigla de una dependencia.`,
    `${cell ? "" : `${sheet}: `}"${configured}" is none of the offices${lista ? ` (${lista})` : ""}: only commitments whose Responsable reads exactly "${configured}" count as "a cargo". Enter the name or sigla of an office.`,
  );
}

/** Sheet order of the workbook (unknown sheets first: a missing input matters most), then row, then column. */
function sortProblems(list: Problem[], sheetNames: unknown[]): Problem[] {
  const order = new Map<string, number>();
  sheetNames.forEach((n, i) => {
    if (typeof n !== "string") return;
    if (!order.has(n)) order.set(n, i);
    const k = inputName(n) ?? normalizeKey(n);
    if (!order.has(k)) order.set(k, i);
  });
  const sheetIndex = (s: string) => order.get(s) ?? order.get(inputName(s) ?? normalizeKey(s)) ?? -1;
  const pos = (p: Problem) => {
    if (!p.cell) return { row: 0, col: 0 };
    try {
      return parseAddress(p.cell.split(":")[0]);
    } catch {
      return { row: 0, col: 0 };
    }
  };
  return list
    .map((p, i) => ({ p, i, s: sheetIndex(p.sheet), ...pos(p) }))
    .sort((a, b) => a.s - b.s || a.row - b.row || a.col - b.col || a.i - b.i)
    .map((x) => x.p);
}
