/**
 * Renders SheetSpecs (src/report/spec.ts) into an ExcelJS workbook and writes it as .xlsx.
 *
 * Two steps, because ExcelJS cannot write everything a spec holds:
 * 1. `applySpecs(workbook, spec)` puts cells, styles, merges, tables, conditional formats, data
 *    validations, print setup and views into the ExcelJS workbook (a new one, or one loaded with
 *    `loadWorkbookFile` whose input sheets are kept), and records the rest (charts, defined names,
 *    stopIfTrue, print areas/titles) against the workbook.
 * 2. `toBuffer(workbook)` lets ExcelJS write the package, then adds the recorded rest to it.
 *
 * @example
 * const wb = newWorkbook();
 * applySpecs(wb, { sheets: inputWorkbookSpec(sample2021()), names: [], computedColumns: [] });
 * await writeWorkbookFile(wb, "plan.xlsx");
 */
import ExcelJS from "exceljs";
import { cellAddress, columnLetters, normalizeKey, parseAddress } from "../domain";
import {
  isFormula,
  type CellInput,
  type ConditionalFormatSpec,
  type DataValidationSpec,
  type IdFillSpec,
  type Style,
  type SheetSpec,
  type TableColumnsSpec,
  type WorkbookSpec,
} from "../report/spec";
import { SpecError, tableCannotGrow } from "./errors";
import { writeFileAtomic } from "./files";
import { checkDataValidation, checkSheetNames } from "./spec-checks";
// One copy, shared with the fast path (which must not load ExcelJS to get it).
import { toFileFormula } from "./fast/render-formula";
import { namesToRestore } from "./names";
import { postProcess, type PackageExtras, type SheetExtras } from "./package";
import { parseRange, rangeOf, type Rect } from "./range";
import { loadedExternalLinks, tableModels, type LoadedTableModel } from "./read";
// ExcelJS writes through JSZip, which splits emoji at 16 KiB boundaries unless this is loaded.
import "./utf8-zip";

export { toFileFormula };
// Kept here too for the callers written before the ExcelJS-free module existed.
export { tempPathFor, writeFileAtomic } from "./files";

const extrasByWorkbook = new WeakMap<ExcelJS.Workbook, PackageExtras>();

function extrasOf(workbook: ExcelJS.Workbook): PackageExtras {
  let e = extrasByWorkbook.get(workbook);
  if (!e) {
    e = {
      sheets: new Map(),
      rendered: new Set(),
      names: [],
      restore: (xml) => namesToRestore(workbook, xml),
      externalLinks: () => loadedExternalLinks(workbook),
    };
    extrasByWorkbook.set(workbook, e);
  }
  return e;
}

/** A new, empty workbook set to recalculate on open (its formulas carry no cached results). */
export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Seguimiento PIPC";
  wb.created = new Date();
  wb.calcProperties.fullCalcOnLoad = true;
  return wb;
}

/** A new workbook holding the spec. */
export function renderWorkbook(spec: WorkbookSpec): ExcelJS.Workbook {
  const wb = newWorkbook();
  applySpecs(wb, spec);
  return wb;
}

/**
 * Writes a WorkbookSpec into a workbook. Sheets of the spec replace same-named sheets (ignoring
 * case) and are appended in spec order; other sheets are left alone. Defined names replace
 * same-named workbook-level names. Computed columns are added to (or refreshed in) existing tables.
 *
 * @throws SpecError when the spec is inconsistent (header cells that differ from a table's columns,
 * a sheet name Excel refuses, a duplicate table name...). The workbook may then be half-written:
 * discard it, never save it.
 */
export function applySpecs(workbook: ExcelJS.Workbook, spec: WorkbookSpec): void {
  const extras = extrasOf(workbook);
  const seen = checkSheetNames(spec.sheets);
  for (const ws of [...workbook.worksheets]) {
    if (seen.has(ws.name.toLowerCase())) {
      extras.sheets.delete(ws.name);
      workbook.removeWorksheet(ws.id);
    }
  }
  for (const s of spec.sheets) renderSheet(workbook, s, extras);
  // Ids first: an ID column they append comes before the computed columns.
  for (const f of spec.idFills ?? []) applyIdFill(workbook, f);
  for (const tc of spec.computedColumns) applyComputedColumns(workbook, tc);
  for (const n of spec.names) {
    if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(n.name) || /^[A-Za-z]{1,3}\d+$/.test(n.name)) {
      throw new SpecError(`Not a valid defined name: ${n.name}`);
    }
    extras.names = extras.names.filter((m) => m.name.toLowerCase() !== n.name.toLowerCase());
    extras.names.push(n);
  }
  workbook.calcProperties.fullCalcOnLoad = true;
}

/** The .xlsx bytes of a workbook, including what applySpecs recorded for after ExcelJS. */
export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const raw = Buffer.from(await workbook.xlsx.writeBuffer());
  return postProcess(raw, extrasOf(workbook));
}

/**
 * Writes a workbook to a file through a temporary file in the same folder, renamed at the end, so a
 * failure never leaves half a workbook where the old one was.
 */
export async function writeWorkbookFile(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  const buf = await toBuffer(workbook);
  await writeFileAtomic(file, buf);
}

// ---------------------------------------------------------------------------------------------
// Formulas

/**
 * Functions newer than Excel 2007 must be stored with the `_xlfn.` prefix in the file, or Excel
 * shows #NAME?. The spec writes them as a user would type them.
 */
function cellValue(c: CellInput): ExcelJS.CellValue {
  if (c === null) return null;
  if (isFormula(c)) return { formula: toFileFormula(c.f) } as ExcelJS.CellFormulaValue;
  return c;
}

// ---------------------------------------------------------------------------------------------
// Checks

function checkTableName(workbook: ExcelJS.Workbook, name: string): void {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name)) {
    throw new SpecError(`Excel does not accept this table name: "${name}"`);
  }
  for (const ws of workbook.worksheets) {
    for (const t of tableModels(ws)) {
      if (t.name.toLowerCase() === name.toLowerCase()) throw new SpecError(`Table "${name}" already exists on sheet "${ws.name}"`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sheets

function renderSheet(workbook: ExcelJS.Workbook, spec: SheetSpec, extras: PackageExtras): void {
  const ws = workbook.addWorksheet(spec.name, {
    properties: spec.tabColor ? { tabColor: { argb: argb(spec.tabColor) } } : {},
  });
  spec.columnWidths.forEach((w, i) => {
    if (w > 0) ws.getColumn(i + 1).width = w;
  });
  for (const [row, h] of Object.entries(spec.rowHeights ?? {})) ws.getRow(Number(row)).height = h;

  for (const block of spec.blocks) {
    const o = parseAddress(block.origin);
    const width = block.cells[0]?.length ?? 0;
    block.cells.forEach((row, i) => {
      if (row.length !== width) throw new SpecError(`${spec.name}!${block.origin}: block rows differ in width`);
      row.forEach((c, j) => {
        ws.getCell(o.row + i, o.col + j).value = cellValue(c);
      });
    });
  }
  // Merges before styles: ExcelJS copies the top-left style over a merged area when merging.
  for (const m of spec.merges) ws.mergeCells(m);
  for (const t of spec.tables) {
    checkTableName(workbook, t.name);
    const r = parseRange(t.range);
    if (r.bottom <= r.top) throw new SpecError(`Table ${t.name}: needs a header row and at least one data row (${t.range})`);
    if (r.right - r.left + 1 !== t.columns.length) throw new SpecError(`Table ${t.name}: ${t.columns.length} columns for range ${t.range}`);
    t.columns.forEach((name, j) => {
      const v = ws.getCell(r.top, r.left + j).value;
      if (v !== name) {
        throw new SpecError(`Table ${t.name}: header cell ${cellAddress(r.top, r.left + j)} holds ${JSON.stringify(v)}, not "${name}"`);
      }
    });
    // ExcelJS writes a table's cells itself: hand it the cells the blocks wrote, formulas included.
    const rows: ExcelJS.CellValue[][] = [];
    for (let row = r.top + 1; row <= r.bottom; row++) {
      const vals: ExcelJS.CellValue[] = [];
      for (let col = r.left; col <= r.right; col++) vals.push(ws.getCell(row, col).value);
      rows.push(vals);
    }
    ws.addTable({
      name: t.name,
      displayName: t.name,
      ref: cellAddress(r.top, r.left),
      headerRow: true,
      totalsRow: false,
      style: { theme: (t.style ?? "TableStyleMedium2") as ExcelJS.TableStyleProperties["theme"], showRowStripes: t.showRowStripes ?? true },
      columns: t.columns.map((name) => ({ name, filterButton: true })),
      rows,
    });
  }
  for (const f of spec.formats) applyStyle(ws, parseRange(f.range), f.style);

  const sheetExtras: SheetExtras = { charts: [...spec.charts], stopIfTrue: [] };
  addConditionalFormats(ws, spec.conditionalFormats, sheetExtras);
  for (const dv of spec.dataValidations) addDataValidation(ws, dv, spec.name);

  if (spec.print) {
    const p = spec.print;
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: p.fitToWidth,
      fitToHeight: 0,
      paperSize: p.paperSize ? PAPER[p.paperSize] : ws.pageSetup.paperSize,
      horizontalCentered: p.centerHorizontally ?? false,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    };
    const hf = (x?: { left?: string; center?: string; right?: string }) =>
      x ? `${x.left ? "&L" + x.left : ""}${x.center ? "&C" + x.center : ""}${x.right ? "&R" + x.right : ""}` : undefined;
    const oddHeader = hf(p.header);
    const oddFooter = hf(p.footer);
    ws.headerFooter = { ...ws.headerFooter, ...(oddHeader ? { oddHeader } : {}), ...(oddFooter ? { oddFooter } : {}) };
    sheetExtras.printArea = p.area;
    sheetExtras.printTitleRows = p.printTitleRows;
    for (const r of p.rowBreaks ?? []) ws.getRow(r).addPageBreak();
  }

  const showGridLines = spec.showGridLines ?? true;
  if (spec.freeze && (spec.freeze.rows > 0 || spec.freeze.columns > 0)) {
    ws.views = [
      {
        state: "frozen",
        xSplit: spec.freeze.columns,
        ySplit: spec.freeze.rows,
        topLeftCell: cellAddress(spec.freeze.rows + 1, spec.freeze.columns + 1),
        showGridLines,
      },
    ];
  } else {
    ws.views = [{ state: "normal", showGridLines }];
  }
  extras.sheets.set(spec.name, sheetExtras);
  extras.rendered.add(spec.name);
}

/** OOXML paper size codes (ExcelJS's PaperSize enum exists in its typings only). */
const PAPER: Record<"letter" | "legal" | "a4", ExcelJS.PaperSize> = {
  letter: 1 as ExcelJS.PaperSize,
  legal: 5 as ExcelJS.PaperSize,
  a4: 9 as ExcelJS.PaperSize,
};

function argb(rgb: string): string {
  if (!/^[0-9A-Fa-f]{6}$/.test(rgb)) throw new SpecError(`Not an RGB colour: ${rgb}`);
  return `FF${rgb.toUpperCase()}`;
}

const DEFAULT_FONT: Partial<ExcelJS.Font> = { name: "Calibri", size: 11, family: 2 };

/**
 * Merges a style into every cell of a range. Each cell gets a new style object: cells loaded from a
 * file share style objects, and mutating one would restyle its twins.
 */
function applyStyle(ws: ExcelJS.Worksheet, r: Rect, style: Style): void {
  for (let row = r.top; row <= r.bottom; row++) {
    for (let col = r.left; col <= r.right; col++) {
      const cell = ws.getCell(row, col);
      const s: Partial<ExcelJS.Style> = { ...cell.style };
      if (style.font) {
        const f = style.font;
        s.font = {
          ...DEFAULT_FONT,
          ...(cell.style.font ?? {}),
          ...(f.bold !== undefined ? { bold: f.bold } : {}),
          ...(f.italic !== undefined ? { italic: f.italic } : {}),
          ...(f.size !== undefined ? { size: f.size } : {}),
          ...(f.name !== undefined ? { name: f.name } : {}),
          ...(f.underline !== undefined ? { underline: f.underline } : {}),
          ...(f.color !== undefined ? { color: { argb: argb(f.color) } } : {}),
        };
      }
      if (style.fill) s.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
      if (style.numberFormat) s.numFmt = style.numberFormat;
      if (style.alignment) s.alignment = { ...(cell.style.alignment ?? {}), ...style.alignment };
      if (style.border) {
        const b = style.border;
        const line = (l?: { style: string; color?: string }) =>
          l ? ({ style: l.style, color: { argb: argb(l.color ?? "000000") } } as ExcelJS.Border) : undefined;
        const top = row === r.top ? b.top : b.inside;
        const bottom = row === r.bottom ? b.bottom : b.inside;
        const left = col === r.left ? b.left : b.inside;
        const right = col === r.right ? b.right : b.inside;
        s.border = {
          ...(cell.style.border ?? {}),
          ...(top ? { top: line(top) } : {}),
          ...(bottom ? { bottom: line(bottom) } : {}),
          ...(left ? { left: line(left) } : {}),
          ...(right ? { right: line(right) } : {}),
        };
      }
      cell.style = s;
    }
  }
}

function addConditionalFormats(ws: ExcelJS.Worksheet, specs: ConditionalFormatSpec[], extras: SheetExtras): void {
  let priority = 0;
  const existing = (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
  for (const cf of existing) {
    for (const rule of cf.rules) priority = Math.max(priority, rule.priority ?? 0);
  }
  for (const cf of specs) {
    parseRange(cf.range);
    const rules: ExcelJS.ConditionalFormattingRule[] = cf.rules.map((rule) => {
      priority += 1;
      if (rule.stopIfTrue) extras.stopIfTrue.push(priority);
      const style: Partial<ExcelJS.Style> = {};
      if (rule.style.fill) {
        // Excel reads a differential fill's colour from bgColor; LibreOffice from either.
        const c = { argb: argb(rule.style.fill) };
        style.fill = { type: "pattern", pattern: "solid", fgColor: c, bgColor: c };
      }
      if (rule.style.fontColor || rule.style.bold !== undefined) {
        style.font = {
          ...(rule.style.fontColor ? { color: { argb: argb(rule.style.fontColor) } } : {}),
          ...(rule.style.bold !== undefined ? { bold: rule.style.bold } : {}),
        };
      }
      return { type: "expression", priority, formulae: [toFileFormula(rule.formula)], style } as ExcelJS.ConditionalFormattingRule;
    });
    ws.addConditionalFormatting({ ref: cf.range, rules });
  }
}

function dateFormula(text: string): Date {
  const t = text.startsWith("=") ? text.slice(1) : text;
  if (/^\d+(\.\d+)?$/.test(t)) return new Date(Date.UTC(1899, 11, 30) + Number(t) * 86400000);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  throw new SpecError(`A date validation needs a serial number or yyyy-mm-dd, not ${text}`);
}

function addDataValidation(ws: ExcelJS.Worksheet, dv: DataValidationSpec, sheet: string): void {
  const { where, literalList } = checkDataValidation(dv, sheet);
  let formulae: (string | Date)[];
  if (dv.type === "list") {
    formulae = [literalList ?? toFileFormula((dv.list as { formula: string }).formula)];
  } else {
    if (dv.formula1 === undefined) throw new SpecError(`${where}: ${dv.type} validation needs formula1`);
    const conv = (f: string) => (dv.type === "date" ? dateFormula(f) : toFileFormula(f));
    formulae = [conv(dv.formula1)];
    if (dv.operator === "between") {
      if (dv.formula2 === undefined) throw new SpecError(`${where}: "between" needs formula2`);
      formulae.push(conv(dv.formula2));
    }
  }
  const validation = {
    type: dv.type,
    allowBlank: dv.allowBlank ?? true,
    formulae,
    ...(dv.type !== "list" ? { operator: dv.operator ?? "between" } : {}),
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: dv.error.title,
    error: dv.error.message,
    ...(dv.prompt ? { showInputMessage: true, promptTitle: dv.prompt.title, prompt: dv.prompt.message } : {}),
  } as ExcelJS.DataValidation;
  // ExcelJS keeps validations by address; a range key is written as one sqref.
  const r = parseRange(dv.range);
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(rangeOf(r), validation);
}

// ---------------------------------------------------------------------------------------------
// Computed columns of existing tables

function findTable(workbook: ExcelJS.Workbook, name: string): { ws: ExcelJS.Worksheet; t: LoadedTableModel } | null {
  for (const ws of workbook.worksheets) {
    for (const t of tableModels(ws)) if (t.name.toLowerCase() === name.toLowerCase()) return { ws, t };
  }
  return null;
}

interface TableGeometry {
  ws: ExcelJS.Worksheet;
  t: LoadedTableModel;
  r: Rect;
  headerRow: number;
  firstData: number;
  lastData: number;
}

function tableGeometry(workbook: ExcelJS.Workbook, name: string): TableGeometry {
  const found = findTable(workbook, name);
  if (!found) throw new SpecError(`Table ${name} not found`);
  const { ws, t } = found;
  const r = parseRange(t.tableRef);
  return { ws, t, r, headerRow: r.top, firstData: t.headerRow ? r.top + 1 : r.top, lastData: t.totalsRow ? r.bottom - 1 : r.bottom };
}

/**
 * The sheet column of the table column with this header (forgivingly), or a new column appended at
 * the right end of the table. The header cell is (re)written with the given spelling.
 */
function tableColumn(g: TableGeometry, header: string): number {
  const { ws, t, r } = g;
  const j = t.columns.findIndex((tc) => normalizeKey(tc.name) === normalizeKey(header));
  if (j >= 0) {
    t.columns[j].name = header;
    ws.getCell(g.headerRow, r.left + j).value = header;
    return r.left + j;
  }
  const col = r.right + 1;
  for (let row = r.top; row <= r.bottom; row++) {
    const v = ws.findCell(row, col)?.value;
    if (v !== null && v !== undefined && v !== "") {
      throw tableCannotGrow(ws.name, cellAddress(row, col), t.name, header);
    }
  }
  t.columns.push({ name: header, filterButton: true, totalsRowFunction: "none" });
  r.right = col;
  t.tableRef = rangeOf(r);
  if (t.autoFilterRef) t.autoFilterRef = rangeOf({ ...r, bottom: t.totalsRow ? r.bottom - 1 : r.bottom });
  ws.getCell(g.headerRow, col).value = header;
  // The same look as the header cell at its left.
  ws.getCell(g.headerRow, col).style = { ...ws.getCell(g.headerRow, col - 1).style };
  return col;
}

function isBlank(v: ExcelJS.CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Writes generated ids into the blank ID cells of a table (never over a typed id). */
function applyIdFill(workbook: ExcelJS.Workbook, spec: IdFillSpec): void {
  const g = tableGeometry(workbook, spec.table);
  const col = tableColumn(g, spec.header);
  for (const { row, id } of spec.fills) {
    if (row < g.firstData || row > g.lastData) throw new SpecError(`Table ${spec.table}: row ${row} is not a data row`);
    const cell = g.ws.getCell(row, col);
    if (isBlank(cell.value)) cell.value = id;
  }
}

/**
 * Writes the computed columns of a table: a column whose header the table already has is rewritten
 * in place, the others are appended at the right end (so a second generation refreshes instead of
 * duplicating).
 */
function applyComputedColumns(workbook: ExcelJS.Workbook, spec: TableColumnsSpec): void {
  const g = tableGeometry(workbook, spec.table);
  const { ws } = g;
  const colOf = new Map<string, number>();
  for (const c of spec.columns) {
    const col = tableColumn(g, c.header);
    colOf.set(normalizeKey(c.header), col);
    for (let row = g.firstData; row <= g.lastData; row++) {
      const cell = ws.getCell(row, col);
      cell.value = cellValue({ f: c.formula });
      if (c.numberFormat) cell.numFmt = c.numberFormat;
    }
  }
  for (const cf of spec.conditionalFormats) {
    const col = colOf.get(normalizeKey(cf.column));
    if (col === undefined) throw new SpecError(`Table ${spec.table}: conditional format on ${cf.column}, which is not a computed column`);
    const range = `${columnLetters(col)}${g.firstData}:${columnLetters(col)}${g.lastData}`;
    // A regeneration replaces the rules it wrote before instead of stacking new ones.
    ws.removeConditionalFormatting((x: ExcelJS.ConditionalFormattingOptions) => x.ref !== range);
    const extras = extrasOf(workbook);
    const sheetExtras = extras.sheets.get(ws.name) ?? { charts: [], stopIfTrue: [] };
    addConditionalFormats(ws, [{ range, rules: cf.rules }], sheetExtras);
    extras.sheets.set(ws.name, sheetExtras);
  }
}
