/**
 * The add-in's own columns inside the officials' input tables: the computed columns of Actividades
 * (Programado vigencia, Ejecutado vigencia, Cumplimiento vigencia, Estado, with the band colours)
 * and the ids parsing generated for blank ID cells. Placement follows `TableColumnsSpec`: a column
 * whose header is already in the table is rewritten in place; the others are appended at the right
 * end, a missing ID column first. Nothing outside those columns is written, and an ID is written
 * only into a blank cell.
 */
import { columnLetters, normalizeKey, type RawValue, type RawWorkbook, type SourceLayout } from "../domain";
import type { IdFillSpec, TableColumnsSpec } from "../report/spec";
import { OP_OVERHEAD_BYTES, payloadBytes, type WriteOp } from "./batch";
import { hasRelativeReference } from "./formula-names";
import { broadcastOp, conditionalFormatOps, formulaCell, gridOps, numberFormatOps, type RenderEnv } from "./write";

/** An input table as the writers see it: where it is and which headers it has, in order. */
export interface InputTableTarget {
  /** Table name (after a plain sheet was turned into a table, the new name). */
  table: string;
  sheet: string;
  headerRow: number;
  /** Last data row. */
  lastRow: number;
  firstCol: number;
  /** Headers in order, as written. */
  headers: string[];
  /** An Excel table (columns are appended through it) or a plain range of a sheet. */
  isTable: boolean;
}

/** The target of a source layout read by parsing. */
export function targetOf(layout: SourceLayout, tableName: string): InputTableTarget {
  return {
    table: tableName,
    sheet: layout.sheet,
    headerRow: layout.headerRow,
    lastRow: layout.lastRow,
    firstCol: layout.firstCol,
    headers: [...layout.headers],
    isTable: layout.tableName !== null,
  };
}

function indexOfHeader(t: InputTableTarget, header: string): number {
  const k = normalizeKey(header);
  return t.headers.findIndex((h) => normalizeKey(h) === k);
}

const column = (t: InputTableTarget, index: number) => columnLetters(t.firstCol + index);

/**
 * The header cells of an input as they are written in the workbook (parsing trims them: the layout
 * holds " Programado I " as "Programado I"), from the raw tables of the read it came from.
 */
export function writtenHeaders(raw: RawWorkbook, layout: SourceLayout): RawValue[] {
  if (layout.tableName !== null) {
    const t = raw.tables.find((x) => x.name.toUpperCase() === layout.tableName!.toUpperCase());
    return t ? t.headers.map((c) => c.value) : [];
  }
  const sheet = raw.sheets.find((x) => x.name.toUpperCase() === layout.sheet.toUpperCase());
  const row = sheet?.rows[layout.headerRow - sheet.firstRow];
  if (!sheet || !row) return [];
  const out: RawValue[] = [];
  for (let c = layout.firstCol; c <= layout.lastCol; c++) out.push(row[c - sheet.firstCol]?.value ?? null);
  return out;
}

/**
 * Header cells typed with surrounding spaces (" Programado I ") rewritten trimmed. Parsing and the
 * report's structured references name the columns trimmed, and a table column keeps its header's
 * spaces, so without this Excel would refuse the formulas (`Actividades[Programado I]` names no
 * column). Writing a table's header cell renames its column, as typing it would. Updates
 * `t.headers`.
 */
export function trimHeaderOps(context: Excel.RequestContext, t: InputTableTarget, written: readonly RawValue[]): WriteOp[] {
  const ws = () => context.workbook.worksheets.getItem(t.sheet);
  const ops: WriteOp[] = [];
  written.forEach((v, j) => {
    if (typeof v !== "string") return;
    const trimmed = v.trim();
    if (trimmed === v || trimmed === "") return;
    if (j < t.headers.length) t.headers[j] = trimmed;
    ops.push(...gridOps(t.sheet, ws, t.headerRow, t.firstCol + j, [[formulaCell(trimmed)]], "encabezado sin espacios"));
  });
  return ops;
}

/**
 * Operations that turn a plain-sheet input into an Excel table with the contract's name, so the
 * report's structured references (`Actividades[...]`) have a table to name.
 */
export function makeTableOps(context: Excel.RequestContext, t: InputTableTarget, lastCol: number): WriteOp[] {
  const address = `${columnLetters(t.firstCol)}${t.headerRow}:${columnLetters(lastCol)}${t.lastRow}`;
  t.isTable = true;
  return [
    {
      bytes: 3 * OP_OVERHEAD_BYTES,
      label: `${t.sheet}: tabla ${t.table} sobre ${address}`,
      apply: () => {
        const ws = context.workbook.worksheets.getItem(t.sheet);
        const table = ws.tables.add(ws.getRange(address), true);
        table.name = t.table;
        table.style = "TableStyleLight9";
      },
    },
  ];
}

/**
 * ID fills: blank cells of the ID column get the generated ids (runs of consecutive rows, one write
 * per run). When the table has no ID column, it is appended at the right end with every id.
 * Mutates `t.headers` to the table's headers afterwards.
 */
export function idFillOps(context: Excel.RequestContext, t: InputTableTarget, fill: IdFillSpec): WriteOp[] {
  const ws = () => context.workbook.worksheets.getItem(t.sheet);
  const rows = t.lastRow - t.headerRow;
  if (rows <= 0) return [];
  const byRow = new Map(fill.fills.map((f) => [f.row, f.id] as const));
  const cells = Array.from({ length: rows }, (_, i) => {
    const id = byRow.get(t.headerRow + 1 + i);
    return [id === undefined ? null : formulaCell(id)];
  });
  let index = indexOfHeader(t, fill.header);
  const ops: WriteOp[] = [];
  if (index < 0) {
    t.headers.push(fill.header);
    index = t.headers.length - 1;
    ops.push(...appendColumnOps(context, t, fill.header, index));
  }
  if (fill.fills.length === 0) return ops;
  ops.push(...gridOps(`${t.sheet}`, ws, t.headerRow + 1, t.firstCol + index, cells, "ID"));
  return ops;
}

/** A new column at the right end: through the table, or as a header cell on a plain sheet. */
function appendColumnOps(context: Excel.RequestContext, t: InputTableTarget, header: string, index: number): WriteOp[] {
  if (!t.isTable) {
    const ws = () => context.workbook.worksheets.getItem(t.sheet);
    return gridOps(t.sheet, ws, t.headerRow, t.firstCol + index, [[formulaCell(header)]], "encabezado");
  }
  return [{
    bytes: payloadBytes(header) + OP_OVERHEAD_BYTES,
    label: `${t.sheet}: columna «${header}» en ${t.table}`,
    apply: () => {
      context.workbook.tables.getItem(t.table).columns.add(undefined, undefined, header);
    },
  }];
}

export interface ComputedColumnsOptions {
  /** Columns already in the table are left as they are (Preparar libro); default: rewritten. */
  onlyMissing?: boolean;
}

/**
 * The computed columns and their conditional formats. Each formula goes to every data row as one
 * 2-D write; the header of an existing column is rewritten to the contract's spelling. Mutates
 * `t.headers` to the table's headers afterwards.
 */
export function computedColumnOps(context: Excel.RequestContext, t: InputTableTarget, spec: TableColumnsSpec, env: RenderEnv, options: ComputedColumnsOptions = {}): WriteOp[] {
  const ws = () => context.workbook.worksheets.getItem(t.sheet);
  const rows = t.lastRow - t.headerRow;
  const ops: WriteOp[] = [];
  const written = new Set<string>();
  for (const c of spec.columns) {
    let index = indexOfHeader(t, c.header);
    if (index >= 0 && options.onlyMissing) continue;
    if (index < 0) {
      t.headers.push(c.header);
      index = t.headers.length - 1;
      ops.push(...appendColumnOps(context, t, c.header, index));
    } else if (t.headers[index] !== c.header) {
      t.headers[index] = c.header;
      ops.push(...gridOps(t.sheet, ws, t.headerRow, t.firstCol + index, [[formulaCell(c.header)]], "encabezado"));
    }
    written.add(normalizeKey(c.header));
    if (rows <= 0) continue;
    const col = column(t, index);
    const body = { r0: t.headerRow + 1, c0: t.firstCol + index, r1: t.lastRow, c1: t.firstCol + index };
    const address = `${col}${body.r0}:${col}${body.r1}`;
    const formula = formulaCell({ f: c.formula }) as string;
    if (rows > 1 && !hasRelativeReference(formula)) ops.push(broadcastOp(`${t.sheet}!${address}`, () => ws().getRange(address), address, formula));
    else ops.push(...gridOps(t.sheet, ws, body.r0, body.c0, Array.from({ length: rows }, () => [formula]), "fórmulas"));
    if (c.numberFormat) ops.push(...numberFormatOps(`${t.sheet}!${address}`, () => ws().getRange(address), body, c.numberFormat));
  }
  if (rows <= 0) return ops;
  let priority = 0;
  for (const cf of spec.conditionalFormats) {
    const index = indexOfHeader(t, cf.column);
    if (index < 0 || !written.has(normalizeKey(cf.column))) continue;
    const col = column(t, index);
    const address = `${col}${t.headerRow + 1}:${col}${t.lastRow}`;
    const range = () => ws().getRange(address);
    // Regeneration replaces the band colours instead of stacking a new copy each time.
    ops.push({ bytes: OP_OVERHEAD_BYTES, label: `${t.sheet}!${address}: quitar formatos condicionales`, apply: () => range().conditionalFormats.clearAll() });
    ops.push(...conditionalFormatOps(`${t.sheet}!${address}`, range, { rules: cf.rules }, priority, env));
    priority += cf.rules.length;
  }
  return ops;
}
