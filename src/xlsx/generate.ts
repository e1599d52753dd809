/**
 * `pipc generate` on the file level: the input workbook as loaded, made ready for the report (every
 * input an Excel table, blank IDs filled, headers the formulas can name), the sheets of a previous
 * generation removed, and the report written in with `applySpecs`.
 *
 * The file writer (write.ts) renders specs into a workbook; what is specific to turning an official's
 * own workbook into a report lives here.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  HOJA_ACTIVIDADES,
  HOJA_COMPROMISOS,
  HOJA_DEPENDENCIAS,
  TABLA_CONFIGURACION,
  cellAddress,
  normalizeKey,
  type Cuatrimestre,
  type Plan,
  type SourceLayout,
} from "../domain";
import { buildReport } from "../report/build";
import { NOMBRE_HOJAS_GENERADAS, parseGeneratedSheetsName } from "../report/names";
import type { IdFillSpec, WorkbookSpec } from "../report/spec";
import type { Lang } from "../report/textos";
import { SpecError, tableCannotGrow } from "./errors";
import type { PackageLoss } from "./inspect";
import { parseDefinedNames } from "./names";
import { parseRange, rangeOf } from "./range";
import { loadWorkbookBuffer, packageLosses, tableModels, type LoadedTableModel } from "./read";
import { applySpecs } from "./write";

export interface GenerateOptions {
  cut: Cuatrimestre;
  generatedAt?: Date;
  lang?: Lang;
}

export interface GeneratedWorkbook {
  workbook: ExcelJS.Workbook;
  spec: WorkbookSpec;
  /** Sheets of a previous generation that were removed (replaced). */
  replacedSheets: string[];
  /** Inputs that were plain ranges and are now Excel tables: "Actividades" -> "Actividades!A2:L18". */
  convertedTables: string[];
  /**
   * What the input held that the report does not (ExcelJS dropped it on load): pivot tables, charts,
   * macros... on the workbook and on the sheets the report keeps. The generation's own sheets that
   * are replaced are left out: the new generation redraws them.
   */
  losses: PackageLoss[];
}

/**
 * The sheets the last generation recorded in the workbook (the `PIPC_Hojas_Generadas` name), read
 * from the package because ExcelJS drops names that are not plain ranges.
 */
export async function previousGeneratedSheets(input: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(input);
  const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const marker = parseDefinedNames(xml).find((n) => n.localSheetId === undefined && n.name.toLowerCase() === NOMBRE_HOJAS_GENERADAS.toLowerCase());
  return marker ? parseGeneratedSheetsName(marker.text) : [];
}

function findTable(workbook: ExcelJS.Workbook, name: string): { ws: ExcelJS.Worksheet; t: LoadedTableModel } | null {
  for (const ws of workbook.worksheets) {
    for (const t of tableModels(ws)) if (t.name.toLowerCase() === name.toLowerCase()) return { ws, t };
  }
  return null;
}

function worksheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.worksheets.find((w) => w.name.toLowerCase() === name.toLowerCase());
  if (!ws) throw new SpecError(`Sheet ${name} not found`);
  return ws;
}

function isBlank(v: ExcelJS.CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function headerString(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "richText" in v) return v.richText.map((p) => p.text).join("");
  return String(v);
}

/**
 * Turns a plain-sheet input into an Excel table with the contract's name, values untouched: the
 * formulas of the report use structured references, which need a table. Header cells must be
 * unique texts for Excel, so a blank one becomes "Columna <n>" and surrounding spaces go (the
 * parser trimmed them, and formulas name the trimmed header).
 */
function convertToTable(workbook: ExcelJS.Workbook, src: { sheet: string; headerRow: number; firstCol: number; lastCol: number; lastRow: number }, name: string): string {
  const clash = findTable(workbook, name);
  if (clash) throw new SpecError(`${src.sheet}: cannot make a table named ${name}: the sheet ${clash.ws.name} already has one`);
  const ws = worksheet(workbook, src.sheet);
  const lastRow = Math.max(src.lastRow, src.headerRow + 1);
  const columns: { name: string; filterButton: boolean }[] = [];
  const used = new Set<string>();
  for (let col = src.firstCol; col <= src.lastCol; col++) {
    let h = headerString(ws.getCell(src.headerRow, col).value).trim();
    if (h === "") h = `Columna ${col - src.firstCol + 1}`;
    for (let i = 2; used.has(h.toLowerCase()); i++) h = `${h} ${i}`;
    used.add(h.toLowerCase());
    columns.push({ name: h, filterButton: true });
  }
  const rows: ExcelJS.CellValue[][] = [];
  for (let row = src.headerRow + 1; row <= lastRow; row++) {
    const vals: ExcelJS.CellValue[] = [];
    for (let col = src.firstCol; col <= src.lastCol; col++) vals.push(ws.getCell(row, col).value);
    rows.push(vals);
  }
  // addTable rewrites the header and data cells from these values: the same values, so nothing changes.
  ws.addTable({
    name,
    displayName: name,
    ref: cellAddress(src.headerRow, src.firstCol),
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns,
    rows,
  });
  return `${src.sheet}!${rangeOf({ top: src.headerRow, left: src.firstCol, bottom: lastRow, right: src.lastCol })}`;
}

/** Table column names with surrounding spaces are renamed trimmed, so formulas can name them as the parser read them. */
function trimTableHeaders(workbook: ExcelJS.Workbook, table: string): void {
  const found = findTable(workbook, table);
  if (!found) return;
  const { ws, t } = found;
  const r = parseRange(t.tableRef);
  t.columns.forEach((c, j) => {
    const trimmed = c.name.trim();
    if (trimmed !== c.name && trimmed !== "") {
      c.name = trimmed;
      if (t.headerRow) ws.getCell(r.top, r.left + j).value = trimmed;
    }
  });
}

/**
 * Writes generated ids into blank ID cells, appending the ID column at the right when the table has
 * none.
 *
 * @deprecated applySpecs now applies `spec.idFills` itself; kept for callers written before it did.
 * Calling both is harmless: only blank cells are written.
 */
export function applyIdFills(workbook: ExcelJS.Workbook, fills: IdFillSpec[]): void {
  for (const f of fills) {
    const found = findTable(workbook, f.table);
    if (!found) throw new SpecError(`Table ${f.table} not found`);
    const { ws, t } = found;
    const r = parseRange(t.tableRef);
    let j = t.columns.findIndex((c) => normalizeKey(c.name) === normalizeKey(f.header));
    if (j < 0) {
      const col = r.right + 1;
      for (let row = r.top; row <= r.bottom; row++) {
        if (!isBlank(ws.findCell(row, col)?.value)) {
          throw tableCannotGrow(ws.name, cellAddress(row, col), t.name, f.header);
        }
      }
      t.columns.push({ name: f.header, filterButton: true, totalsRowFunction: "none" });
      r.right = col;
      t.tableRef = rangeOf(r);
      if (t.autoFilterRef) t.autoFilterRef = rangeOf({ ...r, bottom: t.totalsRow ? r.bottom - 1 : r.bottom });
      const header = ws.getCell(r.top, col);
      header.value = f.header;
      header.style = { ...ws.getCell(r.top, col - 1).style };
      j = t.columns.length - 1;
    }
    const col = r.left + j;
    for (const { row, id } of f.fills) {
      const cell = ws.getCell(row, col);
      if (isBlank(cell.value)) cell.value = id;
    }
  }
}

/**
 * The manual page breaks of the spec's print setups (PrintSpec.rowBreaks), skipping breaks already
 * there.
 *
 * @deprecated applySpecs now writes `print.rowBreaks` itself; kept for callers written before it did.
 */
export function applyRowBreaks(workbook: ExcelJS.Workbook, spec: WorkbookSpec): void {
  for (const s of spec.sheets) {
    const ws = workbook.worksheets.find((w) => w.name.toLowerCase() === s.name.toLowerCase());
    if (!ws) continue;
    const have = new Set((ws as unknown as { rowBreaks: { id: number }[] }).rowBreaks.map((b) => b.id));
    // Explicit bounds: without them ExcelJS writes max="16838", beyond Excel's last column (16383).
    for (const row of s.print?.rowBreaks ?? []) if (!have.has(row)) ws.getRow(row).addPageBreak(1, 16384);
  }
}

/** ExcelJS's addPageBreak() defaults to max="16838", past Excel's last column (16383): clamp it. */
function clampPageBreaks(workbook: ExcelJS.Workbook): void {
  for (const ws of workbook.worksheets) {
    for (const b of (ws as unknown as { rowBreaks?: { max?: number }[] }).rowBreaks ?? []) {
      if (b.max !== undefined && b.max > 16383) b.max = 16383;
    }
  }
}

/** Width and alignment of the computed columns (ComputedColumnSpec.width/alignment), which write.ts does not render. */
export function applyComputedColumnLook(workbook: ExcelJS.Workbook, spec: WorkbookSpec): void {
  for (const tc of spec.computedColumns) {
    const found = findTable(workbook, tc.table);
    if (!found) continue;
    const { ws, t } = found;
    const r = parseRange(t.tableRef);
    const first = t.headerRow ? r.top + 1 : r.top;
    const last = t.totalsRow ? r.bottom - 1 : r.bottom;
    for (const c of tc.columns) {
      const j = t.columns.findIndex((x) => normalizeKey(x.name) === normalizeKey(c.header));
      if (j < 0) continue;
      const col = r.left + j;
      if (c.width) ws.getColumn(col).width = c.width;
      for (let row = first; row <= last; row++) {
        const cell = ws.getCell(row, col);
        // The grid of the official's rows continues over the computed cells (borders of the table's first cell).
        const border = ws.getCell(row, r.left).style.border;
        // A new style object: loaded cells share theirs, and mutating one restyles its twins.
        cell.style = {
          ...cell.style,
          ...(border ? { border: { ...border } } : {}),
          ...(c.alignment ? { alignment: { ...(cell.style.alignment ?? {}), ...c.alignment } } : {}),
        };
      }
    }
  }
}

/** Tables only the report writes (contract: Dependencia_<n>, plus Resumen's and the tracker's). */
const REPORT_TABLE = /^(dependencia_\d+|resumendependencias|seguimientocompromisos|pendientescompromisos)$/;

const TABLE_NAMES: [keyof Plan["sources"], string][] = [
  ["actividades", HOJA_ACTIVIDADES],
  ["compromisos", HOJA_COMPROMISOS],
  ["dependencias", HOJA_DEPENDENCIAS],
];

/** Header row and extent of a plain Configuración sheet (Clave/Valor), found as the parser finds it. */
function configuracionLayout(ws: ExcelJS.Worksheet, valueCells: string[]): { sheet: string; headerRow: number; firstCol: number; lastCol: number; lastRow: number } | null {
  if (valueCells.length === 0) return null;
  const first = parseRange(valueCells[0]);
  const valorCol = first.left;
  for (let row = 1; row <= Math.min(10, ws.rowCount); row++) {
    if (normalizeKey(headerString(ws.getCell(row, valorCol).value)) !== "valor") continue;
    let claveCol = -1;
    for (let col = 1; col <= ws.columnCount; col++) if (normalizeKey(headerString(ws.getCell(row, col).value)) === "clave") claveCol = col;
    if (claveCol < 0) return null;
    const lastRow = Math.max(...valueCells.map((a) => parseRange(a).top));
    return { sheet: ws.name, headerRow: row, firstCol: Math.min(claveCol, valorCol), lastCol: Math.max(claveCol, valorCol), lastRow };
  }
  return null;
}

/**
 * The report workbook for an input: the input's sheets kept (inputs as tables, blank IDs filled,
 * computed columns added), a previous generation's sheets replaced, the report's sheets and names
 * added. Nothing is written to disk here.
 *
 * @param input the bytes of the input workbook, already parsed into `plan` without errors.
 */
export async function generateReportWorkbook(input: Buffer, plan: Plan, opts: GenerateOptions): Promise<GeneratedWorkbook> {
  const workbook = await loadWorkbookBuffer(input);
  const listed = new Set((await previousGeneratedSheets(input)).map((n) => n.toLowerCase()));
  // The tables the report creates; their names do not depend on the sheet names.
  const reportTables = new Set(buildReport(plan, opts.cut).sheets.flatMap((s) => s.tables.map((t) => t.name.toLowerCase())));
  const inputSheets = new Set(
    [plan.sources.actividades.sheet, plan.sources.compromisos?.sheet, plan.sources.dependencias?.sheet, plan.sources.configuracion?.sheet]
      .filter((s): s is string => !!s)
      .map((s) => s.toLowerCase()),
  );
  const replacedSheets: string[] = [];
  for (const ws of [...workbook.worksheets]) {
    if (inputSheets.has(ws.name.toLowerCase())) continue;
    const tables = tableModels(ws).map((t) => t.name.toLowerCase());
    // A sheet of the last generation (named by the marker and holding a report table), or a renamed
    // report sheet whose table the new report needs (the contract reserves those names). A sheet of
    // the official's, or a copy of a report sheet (Excel renames the copy's tables), stays.
    const generated =
      (listed.has(ws.name.toLowerCase()) && tables.some((t) => REPORT_TABLE.test(t))) || tables.some((t) => reportTables.has(t));
    if (generated) {
      replacedSheets.push(ws.name);
      workbook.removeWorksheet(ws.id);
    }
  }

  const convertedTables: string[] = [];
  for (const [key, name] of TABLE_NAMES) {
    const src = plan.sources[key] as SourceLayout | null;
    if (!src) continue;
    if (src.tableName === null) convertedTables.push(convertToTable(workbook, src, name));
    else trimTableHeaders(workbook, src.tableName);
  }
  const conf = plan.sources.configuracion;
  if (conf && conf.tableName === null) {
    const layout = configuracionLayout(worksheet(workbook, conf.sheet), Object.values(conf.valores));
    if (layout && !findTable(workbook, TABLA_CONFIGURACION)) convertedTables.push(convertToTable(workbook, layout, TABLA_CONFIGURACION));
  }

  const spec = buildReport(plan, opts.cut, {
    takenSheetNames: workbook.worksheets.map((w) => w.name),
    generatedAt: opts.generatedAt,
    lang: opts.lang,
  });
  // applySpecs fills blank IDs, adds or refreshes the computed columns (taking the contract's
  // spelling of their headers), writes the report's sheets, names and page breaks.
  applySpecs(workbook, spec);
  applyComputedColumnLook(workbook, spec);
  clampPageBreaks(workbook);
  const replaced = new Set(replacedSheets.map((n) => n.toLowerCase()));
  const losses = packageLosses(workbook).filter((l) => l.sheet === null || !replaced.has(l.sheet.toLowerCase()));
  return { workbook, spec, replacedSheets, convertedTables, losses };
}
