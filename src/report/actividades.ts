/**
 * The computed columns of `Actividades` (contract): Programado vigencia, Ejecutado vigencia,
 * Cumplimiento vigencia and Estado, as row formulas over the columns the official's table has.
 */
import {
  COLUMNAS_ACTIVIDADES_CALCULADAS,
  HOJA_ACTIVIDADES,
  columnLetters,
  cuatrimestreInfo,
  type CampoActividad,
  type Cuatrimestre,
  type Plan,
} from "../domain";
import { bandFormula, bandRules, ratio, sumaCantidades, thisRow } from "./formulas";
import type { IdFillSpec, TableColumnsSpec } from "./spec";

/** Figures centred, at the top of the row like the official's own cells. */
const CENTER = { horizontal: "center", vertical: "top" } as const;
const PROGRAMADO: CampoActividad[] = ["programado1", "programado2", "programado3"];
const EJECUTADO: CampoActividad[] = ["ejecutado1", "ejecutado2", "ejecutado3"];

/** The contract's headers of the computed columns. */
export const COL = {
  id: "ID",
  actividad: "Actividad",
  programadoVigencia: "Programado vigencia",
  ejecutadoVigencia: "Ejecutado vigencia",
  cumplimientoVigencia: "Cumplimiento vigencia",
  estado: "Estado",
} as const;

/** Where the Actividades table is and where each of its columns will be once the report is written. */
export interface ActividadesLayout {
  /** Table name used in every structured reference. */
  table: string;
  sheet: string;
  headerRow: number;
  firstDataRow: number;
  lastRow: number;
  /** Header (as written, or as the add-in writes it) and 1-based sheet column of each field. */
  columns: Partial<Record<CampoActividad, { header: string; col: number }>>;
}

/**
 * The Actividades table's name. A plain-sheet input is turned into a table with the contract's name
 * before the report is written, so that is the name formulas use.
 */
export function actividadesTable(plan: Plan): string {
  return plan.sources.actividades.tableName ?? HOJA_ACTIVIDADES;
}

/**
 * The layout after the writers apply the placement rule of `TableColumnsSpec`: existing columns stay
 * where they are; a missing ID column and then the missing computed columns are appended at the right.
 */
export function actividadesLayout(plan: Plan): ActividadesLayout {
  const src = plan.sources.actividades;
  const columns: ActividadesLayout["columns"] = { ...src.columns };
  let next = src.lastCol + 1;
  if (!columns.id) columns.id = { header: COL.id, col: next++ };
  for (const c of COLUMNAS_ACTIVIDADES_CALCULADAS) {
    const existing = src.columns[c.field];
    columns[c.field] = existing ? { header: c.header, col: existing.col } : { header: c.header, col: next++ };
  }
  return {
    table: actividadesTable(plan),
    sheet: src.sheet,
    headerRow: src.headerRow,
    firstDataRow: src.headerRow + 1,
    lastRow: src.lastRow,
    columns,
  };
}

/**
 * An ID as the report writes it in the cell it looks the activity up by. The plan holds IDs as text;
 * one that reads as a whole number (1, 2, 3...) is written as a number, as it is usually typed (and
 * without Excel's "number stored as text" flag). The lookup (`posicionPorId`) compares IDs as text,
 * so it finds the row whether Actividades holds 7 or "7". Leading zeros ("007") stay text.
 */
export function idLiteral(id: string): string | number {
  return /^[1-9]\d{0,14}$/.test(id) ? Number(id) : id;
}

/** The blank IDs of Actividades to fill with the ids parsing generated, or null when none is blank. */
export function actividadesIdFill(plan: Plan): IdFillSpec | null {
  const layout = actividadesLayout(plan);
  const fills = plan.actividades.filter((a) => a.idGenerado).map((a) => ({ row: a.fila, id: a.id }));
  if (fills.length === 0 && plan.sources.actividades.columns.id) return null;
  return { table: layout.table, header: layout.columns.id!.header, fills };
}

/**
 * The computed columns for a cut. Each count is read as parsing reads it (`cantidad`): a number
 * stored as text ("5", " 5 ") is 5, which SUM would silently skip, and a cell of only spaces is 0,
 * where "+" would give #VALUE!. A column the table lacks counts as 0.
 *
 * @example
 * // cut II over a table with all six input columns:
 * // Programado vigencia = cantidad(Actividades[[#This Row],[Programado I]])+cantidad(Actividades[[#This Row],[Programado II]])
 */
export function actividadesComputedColumns(plan: Plan, cut: Cuatrimestre): TableColumnsSpec {
  const layout = actividadesLayout(plan);
  const t = layout.table;
  const upTo = cuatrimestreInfo(cut).index;
  const existing = (fields: CampoActividad[]) =>
    fields
      .slice(0, upTo + 1)
      .map((f) => plan.sources.actividades.columns[f])
      .filter((c): c is { header: string; col: number } => c !== undefined)
      .map((c) => thisRow(t, c.header));
  const p = thisRow(t, COL.programadoVigencia);
  const e = thisRow(t, COL.ejecutadoVigencia);
  const estadoCell = `$${columnLetters(layout.columns.estado!.col)}${layout.firstDataRow}`;
  const [pv, ev, cv, es] = COLUMNAS_ACTIVIDADES_CALCULADAS.map((c) => c.header);
  return {
    table: t,
    columns: [
      { header: pv, formula: `=${sumaCantidades(existing(PROGRAMADO))}`, numberFormat: "0", width: 13, alignment: CENTER },
      { header: ev, formula: `=${sumaCantidades(existing(EJECUTADO))}`, numberFormat: "0", width: 13, alignment: CENTER },
      { header: cv, formula: `=${ratio(p, e)}`, numberFormat: "0%", width: 14, alignment: CENTER },
      { header: es, formula: `=${bandFormula(p, e)}`, width: 17, alignment: CENTER },
    ],
    conditionalFormats: [
      { column: cv, rules: bandRules(estadoCell) },
      { column: es, rules: bandRules(estadoCell) },
    ],
  };
}
