/**
 * The strict Excel's workbook to and from .xlsx (ExcelJS), so LibreOffice can recalculate what an
 * add-in wrote, and a test can start from a user's file.
 *
 * Written: values, formulas (structured references in the file form `Tabla[[#This Row],[Col]]`),
 * number formats, fonts, fills, borders, alignment, merges, widths and heights, hidden rows and
 * columns, tables, defined names (with comments and constants, which ExcelJS cannot write, patched
 * into workbook.xml), print areas and titles, conditional formats (stopIfTrue patched in), data
 * validations, page setup, headers and footers, freeze panes, tab colours, visibility, protection.
 * Not written: charts (the project's file writer renders those), settings, custom properties and
 * custom XML parts.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { Rect, cellAddress, formatRect, parseRect, quoteSheet } from "./address";
import { tableAt } from "./cells";
import { toFileForm } from "./formula";
import {
  BorderState,
  CellScalar,
  CellState,
  CellStyle,
  SheetState,
  WorkbookState,
  emptyWorkbookState,
  newSheet,
  touchCell,
} from "./state";

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;
const hexOf = (c?: { argb?: string }) => (c?.argb && c.argb.length >= 6 ? `#${c.argb.slice(-6).toUpperCase()}` : undefined);

/** Points (Office.js `columnWidth`) to Excel character widths (the file's unit). */
export function pointsToChars(points: number): number {
  return Math.max(0, Math.round(((points / 0.75 - 5) / 7) * 100) / 100);
}

export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

const H_ALIGN: Record<string, string> = {
  Left: "left", Center: "center", Right: "right", Fill: "fill", Justify: "justify", CenterAcrossSelection: "centerContinuous", Distributed: "distributed",
};
const V_ALIGN: Record<string, string> = { Top: "top", Center: "middle", Bottom: "bottom", Justify: "justify", Distributed: "distributed" };
const UNDERLINE: Record<string, string> = { Single: "single", Double: "double", SingleAccountant: "singleAccounting", DoubleAccountant: "doubleAccounting" };

function borderStyle(b: BorderState): string {
  const heavy = b.weight === "Medium" || b.weight === "Thick";
  switch (b.style) {
    case "Continuous":
      return b.weight === "Hairline" ? "hair" : b.weight === "Medium" ? "medium" : b.weight === "Thick" ? "thick" : "thin";
    case "Dash": return heavy ? "mediumDashed" : "dashed";
    case "DashDot": return heavy ? "mediumDashDot" : "dashDot";
    case "DashDotDot": return heavy ? "mediumDashDotDot" : "dashDotDot";
    case "Dot": return "dotted";
    case "Double": return "double";
    case "SlantDashDot": return "slantDashDot";
    default: return "thin";
  }
}

function fromBorderStyle(s: string, color?: string): BorderState {
  const map: Record<string, [string, string]> = {
    hair: ["Continuous", "Hairline"], thin: ["Continuous", "Thin"], medium: ["Continuous", "Medium"], thick: ["Continuous", "Thick"],
    dashed: ["Dash", "Thin"], mediumDashed: ["Dash", "Medium"], dashDot: ["DashDot", "Thin"], mediumDashDot: ["DashDot", "Medium"],
    dashDotDot: ["DashDotDot", "Thin"], mediumDashDotDot: ["DashDotDot", "Medium"], dotted: ["Dot", "Thin"], double: ["Double", "Thick"],
    slantDashDot: ["SlantDashDot", "Medium"],
  };
  const [style, weight] = map[s] ?? ["Continuous", "Thin"];
  return { style, weight, color: color ?? "#000000" };
}

function toExcelStyle(s: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (s.font) {
    const f: Partial<ExcelJS.Font> = {};
    if (s.font.bold) f.bold = true;
    if (s.font.italic) f.italic = true;
    if (s.font.size) f.size = s.font.size;
    if (s.font.color) f.color = { argb: argb(s.font.color) };
    if (s.font.name) f.name = s.font.name;
    if (s.font.underline && UNDERLINE[s.font.underline]) f.underline = UNDERLINE[s.font.underline] as ExcelJS.Font["underline"];
    out.font = f;
  }
  if (s.fill) out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.numberFormat) out.numFmt = s.numberFormat;
  const al: Partial<ExcelJS.Alignment> = {};
  if (s.horizontalAlignment && H_ALIGN[s.horizontalAlignment]) al.horizontal = H_ALIGN[s.horizontalAlignment] as ExcelJS.Alignment["horizontal"];
  if (s.verticalAlignment && V_ALIGN[s.verticalAlignment]) al.vertical = V_ALIGN[s.verticalAlignment] as ExcelJS.Alignment["vertical"];
  if (s.wrapText) al.wrapText = true;
  if (s.indentLevel) al.indent = s.indentLevel;
  if (Object.keys(al).length) out.alignment = al;
  if (s.borders) {
    const b: Partial<ExcelJS.Borders> = {};
    const side = (x?: BorderState) => (x ? { style: borderStyle(x) as ExcelJS.BorderStyle, color: { argb: argb(x.color) } } : undefined);
    if (s.borders.EdgeTop) b.top = side(s.borders.EdgeTop);
    if (s.borders.EdgeBottom) b.bottom = side(s.borders.EdgeBottom);
    if (s.borders.EdgeLeft) b.left = side(s.borders.EdgeLeft);
    if (s.borders.EdgeRight) b.right = side(s.borders.EdgeRight);
    out.border = b;
  }
  return out;
}

function fromExcelStyle(st: Partial<ExcelJS.Style> | undefined): CellStyle | undefined {
  if (!st) return undefined;
  const s: CellStyle = {};
  const f = st.font;
  if (f) {
    const font: NonNullable<CellStyle["font"]> = {};
    if (f.bold) font.bold = true;
    if (f.italic) font.italic = true;
    if (f.size && f.size !== 11) font.size = f.size;
    const color = hexOf(f.color as { argb?: string });
    if (color && color !== "#000000") font.color = color;
    if (f.name && f.name !== "Calibri") font.name = f.name;
    const u = Object.entries(UNDERLINE).find(([, v]) => v === (f.underline === true ? "single" : f.underline));
    if (u) font.underline = u[0];
    if (Object.keys(font).length) s.font = font;
  }
  const fill = st.fill as ExcelJS.FillPattern | undefined;
  if (fill && fill.type === "pattern" && fill.pattern === "solid") {
    const c = hexOf(fill.fgColor as { argb?: string });
    if (c) s.fill = c;
  }
  if (st.numFmt && st.numFmt !== "General") s.numberFormat = st.numFmt;
  const al = st.alignment;
  if (al) {
    const h = Object.entries(H_ALIGN).find(([, v]) => v === al.horizontal);
    if (h) s.horizontalAlignment = h[0];
    const v = Object.entries(V_ALIGN).find(([, x]) => x === al.vertical);
    if (v && v[0] !== "Bottom") s.verticalAlignment = v[0];
    if (al.wrapText) s.wrapText = true;
    if (al.indent) s.indentLevel = al.indent;
  }
  const b = st.border;
  if (b) {
    const borders: NonNullable<CellStyle["borders"]> = {};
    const put = (k: string, x?: Partial<ExcelJS.Border>) => {
      if (x?.style) borders[k] = fromBorderStyle(x.style, hexOf(x.color as { argb?: string }));
    };
    put("EdgeTop", b.top);
    put("EdgeBottom", b.bottom);
    put("EdgeLeft", b.left);
    put("EdgeRight", b.right);
    if (Object.keys(borders).length) s.borders = borders;
  }
  return Object.keys(s).length ? s : undefined;
}

const DV_TYPE: Record<string, string> = { wholeNumber: "whole", decimal: "decimal", list: "list", date: "date", time: "time", textLength: "textLength", custom: "custom" };
const DV_OP: Record<string, string> = {
  Between: "between", NotBetween: "notBetween", EqualTo: "equal", NotEqualTo: "notEqual", GreaterThan: "greaterThan", LessThan: "lessThan",
  GreaterThanOrEqualTo: "greaterThanOrEqual", LessThanOrEqualTo: "lessThanOrEqual",
};
const PAPER: Record<string, number> = { Letter: 1, Legal: 5, A4: 9, A3: 8, A5: 11, Executive: 7, Tabloid: 3 };

const strip = (f: unknown) => (typeof f === "string" && f.startsWith("=") ? f.slice(1) : String(f));

function cellValue(state: WorkbookState, sheet: SheetState, c: CellState): ExcelJS.CellValue | undefined {
  if (c.formula !== undefined) {
    const host = tableAt(state, sheet, c.row, c.col);
    const formula = strip(toFileForm(c.formula, host?.name));
    return c.cached !== undefined && c.cached !== null ? ({ formula, result: c.cached } as ExcelJS.CellFormulaValue) : ({ formula } as ExcelJS.CellFormulaValue);
  }
  return c.value;
}

/** Writes the workbook state as an .xlsx. */
export async function toXlsx(state: WorkbookState): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.calcProperties.fullCalcOnLoad = true;
  const cfStops = new Map<number, number[]>(); // sheet index -> priorities with stopIfTrue
  for (const [si, sheet] of state.sheets.entries()) {
    const ws = wb.addWorksheet(sheet.name, {
      state: sheet.visibility === "Visible" ? "visible" : sheet.visibility === "Hidden" ? "hidden" : "veryHidden",
      properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {},
      views: [
        sheet.freeze && (sheet.freeze.rows || sheet.freeze.columns)
          ? { state: "frozen", xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows, showGridLines: sheet.showGridlines }
          : { state: "normal", showGridLines: sheet.showGridlines },
      ],
    });
    for (const [c, w] of sheet.columnWidths) ws.getColumn(c + 1).width = pointsToChars(w);
    for (const c of sheet.hiddenColumns) ws.getColumn(c + 1).hidden = true;
    for (const [r, h] of sheet.rowHeights) ws.getRow(r + 1).height = h;
    for (const r of sheet.hiddenRows) ws.getRow(r + 1).hidden = true;

    for (const t of state.tables.filter((x) => x.sheetId === sheet.id)) {
      const first = t.rect.r1 + 1;
      const last = t.rect.r2 - (t.showTotals ? 1 : 0);
      const rowsData: unknown[][] = [];
      for (let r = first; r <= last; r++) {
        const line: unknown[] = [];
        for (let c = t.rect.c1; c <= t.rect.c2; c++) {
          const cell = sheet.cells.get(cellAddress(r, c));
          line.push(cell ? cellValue(state, sheet, cell) ?? null : null);
        }
        rowsData.push(line);
      }
      ws.addTable({
        name: t.name,
        ref: cellAddress(t.rect.r1, t.rect.c1),
        headerRow: true,
        totalsRow: t.showTotals,
        style: {
          theme: (t.style || undefined) as ExcelJS.TableStyleProperties["theme"],
          showRowStripes: t.showBandedRows,
          showColumnStripes: t.showBandedColumns,
          showFirstColumn: t.highlightFirstColumn,
          showLastColumn: t.highlightLastColumn,
        },
        columns: t.columns.map((c) => ({ name: c.name, filterButton: t.showFilterButton })),
        rows: rowsData,
      });
    }

    for (const c of sheet.cells.values()) {
      const cell = ws.getCell(c.row + 1, c.col + 1);
      const v = cellValue(state, sheet, c);
      cell.value = v === undefined ? null : v;
      cell.style = c.style ? (toExcelStyle(c.style) as ExcelJS.Style) : ({} as ExcelJS.Style);
    }
    for (const m of sheet.merges) ws.mergeCells(formatRect(m));

    const cfs = state.conditionalFormats.filter((x) => x.sheetId === sheet.id);
    const stops: number[] = [];
    cfs.forEach((cf, i) => {
      const style: Partial<ExcelJS.Style> = {};
      if (cf.format.fill) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.format.fill) } };
      if (cf.format.fontColor || cf.format.bold || cf.format.italic) {
        style.font = {};
        if (cf.format.fontColor) style.font.color = { argb: argb(cf.format.fontColor) };
        if (cf.format.bold) style.font.bold = true;
        if (cf.format.italic) style.font.italic = true;
      }
      if (cf.format.numberFormat) style.numFmt = cf.format.numberFormat;
      ws.addConditionalFormatting({
        ref: cf.ranges.map((r) => formatRect(r)).join(" "),
        rules: [{ type: "expression", formulae: [strip(cf.formula)], style, priority: i + 1 } as ExcelJS.ConditionalFormattingRule],
      });
      if (cf.stopIfTrue) stops.push(i + 1);
    });
    cfStops.set(si, stops);

    for (const dv of state.dataValidations.filter((x) => x.sheetId === sheet.id)) {
      const kind = Object.keys(dv.rule)[0];
      const body = (dv.rule as Record<string, Record<string, unknown>>)[kind] ?? {};
      const model: Record<string, unknown> = { type: kind ? DV_TYPE[kind] : "any", allowBlank: dv.ignoreBlanks };
      if (kind === "list") {
        const src = String(body.source);
        model.formulae = [src.startsWith("=") ? src.slice(1) : `"${src}"`];
        model.showDropDown = body.inCellDropDown === false; // the file's flag hides the arrow
      } else if (kind === "custom") model.formulae = [strip(body.formula)];
      else if (kind) {
        model.operator = DV_OP[String(body.operator)];
        model.formulae = [body.formula1, body.formula2].filter((x) => x !== undefined).map(strip);
      }
      if (dv.errorAlert) {
        model.showErrorMessage = dv.errorAlert.showAlert;
        model.errorStyle = dv.errorAlert.style.toLowerCase();
        model.errorTitle = dv.errorAlert.title;
        model.error = dv.errorAlert.message;
      } else model.showErrorMessage = true;
      if (dv.prompt) {
        model.showInputMessage = dv.prompt.showPrompt;
        model.promptTitle = dv.prompt.title;
        model.prompt = dv.prompt.message;
      }
      const sqref = dv.ranges.map((r) => formatRect(r)).join(" ");
      (ws as unknown as { dataValidations: { add(a: string, v: unknown): void } }).dataValidations.add(sqref, model);
    }

    const pl = sheet.pageLayout;
    const fit = pl.zoom.horizontalFitToPages !== undefined || pl.zoom.verticalFitToPages !== undefined;
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: pl.orientation === "Landscape" ? "landscape" : "portrait",
      paperSize: (PAPER[pl.paperSize] ?? 1) as ExcelJS.PageSetup["paperSize"],
      fitToPage: fit,
      fitToWidth: pl.zoom.horizontalFitToPages ?? 1,
      fitToHeight: pl.zoom.verticalFitToPages ?? 0,
      scale: pl.zoom.scale ?? 100,
      horizontalCentered: pl.centerHorizontally,
      verticalCentered: pl.centerVertically,
    };
    if (pl.margins) {
      const inch = (pt?: number, d = 0.75) => (pt === undefined ? d : pt / 72);
      ws.pageSetup.margins = {
        left: inch(pl.margins.left, 0.7), right: inch(pl.margins.right, 0.7), top: inch(pl.margins.top), bottom: inch(pl.margins.bottom),
        header: inch(pl.margins.header, 0.3), footer: inch(pl.margins.footer, 0.3),
      };
    }
    const hf = pl.headersFooters;
    const part = (l: string, c: string, r: string) => `${l ? `&L${l}` : ""}${c ? `&C${c}` : ""}${r ? `&R${r}` : ""}`;
    const header = part(hf.leftHeader, hf.centerHeader, hf.rightHeader);
    const footer = part(hf.leftFooter, hf.centerFooter, hf.rightFooter);
    if (header || footer) ws.headerFooter = { oddHeader: header || undefined, oddFooter: footer || undefined } as ExcelJS.HeaderFooter;
    if (sheet.protection.protected) await ws.protect(sheet.protection.password ?? "", protectionOptions(sheet.protection.options));
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return patchPackage(buffer, state, cfStops);
}

function protectionOptions(o: Record<string, unknown>): Partial<ExcelJS.WorksheetProtection> {
  const map: Record<string, keyof ExcelJS.WorksheetProtection> = {
    allowFormatCells: "formatCells", allowFormatColumns: "formatColumns", allowFormatRows: "formatRows", allowInsertRows: "insertRows",
    allowInsertColumns: "insertColumns", allowInsertHyperlinks: "insertHyperlinks", allowDeleteRows: "deleteRows", allowDeleteColumns: "deleteColumns",
    allowSort: "sort", allowAutoFilter: "autoFilter", allowPivotTables: "pivotTables",
  };
  const out: Partial<Record<keyof ExcelJS.WorksheetProtection, boolean>> = {};
  for (const [k, v] of Object.entries(o)) if (map[k] && typeof v === "boolean") out[map[k]] = v;
  return out as Partial<ExcelJS.WorksheetProtection>;
}

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Writes every defined name (ExcelJS only handles plain ranges) and stopIfTrue on rules. */
async function patchPackage(buffer: Buffer, state: WorkbookState, cfStops: Map<number, number[]>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const names: string[] = [];
  for (const n of state.names) {
    const local = n.sheetId ? state.sheets.findIndex((s) => s.id === n.sheetId) : -1;
    const attrs = [`name="${xmlEscape(n.name)}"`];
    if (n.comment) attrs.push(`comment="${xmlEscape(n.comment)}"`);
    if (local >= 0) attrs.push(`localSheetId="${local}"`);
    if (!n.visible) attrs.push(`hidden="1"`);
    names.push(`<definedName ${attrs.join(" ")}>${xmlEscape(strip(n.formula))}</definedName>`);
  }
  state.sheets.forEach((s, i) => {
    const q = quoteSheet(s.name);
    if (s.pageLayout.printArea?.length)
      names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${xmlEscape(s.pageLayout.printArea.map((r) => `${q}!${formatRect(r, true)}`).join(","))}</definedName>`);
    const titles = [s.pageLayout.printTitleColumns, s.pageLayout.printTitleRows].filter((r): r is Rect => !!r);
    if (titles.length)
      names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEscape(titles.map((r) => `${q}!${formatRect(r, true)}`).join(","))}</definedName>`);
  });
  const wbPath = "xl/workbook.xml";
  let wbXml = await zip.file(wbPath)!.async("string");
  wbXml = wbXml.replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, "");
  if (names.length) wbXml = wbXml.replace("</sheets>", `</sheets><definedNames>${names.join("")}</definedNames>`);
  zip.file(wbPath, wbXml);
  for (const [si, stops] of cfStops) {
    if (!stops.length) continue;
    const path = `xl/worksheets/sheet${si + 1}.xml`;
    const f = zip.file(path);
    if (!f) continue;
    let xml = await f.async("string");
    for (const p of stops) xml = xml.replace(new RegExp(`<cfRule([^>]*?) priority="${p}"`), `<cfRule$1 priority="${p}" stopIfTrue="1"`);
    zip.file(path, xml);
  }
  return Buffer.from(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

function excelValue(v: ExcelJS.CellValue): { value?: CellScalar; formula?: string; cached?: CellScalar | null } {
  if (v === null || v === undefined) return {};
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return { value: v };
  if (v instanceof Date) return { value: Math.round((v.getTime() - Date.UTC(1899, 11, 30)) / 864000) / 100 };
  const o = v as unknown as Record<string, unknown>;
  if ("richText" in o) return { value: (o.richText as { text: string }[]).map((x) => x.text).join("") };
  if ("error" in o) return { value: String(o.error) };
  if ("text" in o && "hyperlink" in o) return { value: String(o.text) };
  return {};
}

function resultValue(r: unknown): CellScalar | null {
  if (r === undefined || r === null) return null;
  if (typeof r === "number" || typeof r === "string" || typeof r === "boolean") return r;
  if (r instanceof Date) return Math.round((r.getTime() - Date.UTC(1899, 11, 30)) / 864000) / 100;
  if (typeof r === "object" && "error" in (r as object)) return String((r as { error: string }).error);
  return null;
}

/** Reads an .xlsx into a workbook state: cells (with cached formula results), styles, merges, widths, tables, names. */
export async function fromXlsx(buffer: Buffer): Promise<WorkbookState> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const state = emptyWorkbookState();
  for (const ws of wb.worksheets) {
    const sheet = newSheet(state, ws.name);
    sheet.visibility = ws.state === "hidden" ? "Hidden" : ws.state === "veryHidden" ? "VeryHidden" : "Visible";
    const tab = hexOf(ws.properties?.tabColor as { argb?: string });
    if (tab) sheet.tabColor = tab;
    state.sheets.push(sheet);
    ws.eachRow({ includeEmpty: false }, (row, rn) => {
      if (row.height) sheet.rowHeights.set(rn - 1, row.height);
      if (row.hidden) sheet.hiddenRows.add(rn - 1);
      row.eachCell({ includeEmpty: true }, (cell, cn) => {
        if (cell.isMerged && cell.master !== cell) return;
        const c = touchCell(sheet, rn - 1, cn - 1);
        const f = cell.formula;
        if (f) {
          c.formula = `=${f}`;
          c.cached = resultValue(cell.result);
        } else {
          Object.assign(c, excelValue(cell.value));
        }
        const style = fromExcelStyle(cell.style);
        if (style) c.style = style;
        if (c.value === undefined && c.formula === undefined && !c.style) sheet.cells.delete(cellAddress(c.row, c.col));
      });
    });
    (ws.columns ?? []).forEach((col, i) => {
      if (col.width !== undefined && col.width !== 9.140625 && col.width !== 8.43) sheet.columnWidths.set(i, charsToPoints(col.width));
      if (col.hidden) sheet.hiddenColumns.add(i);
    });
    for (const m of (ws.model as { merges?: string[] }).merges ?? []) {
      const r = parseRect(m);
      if (r) sheet.merges.push(r);
    }
    const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number; showGridLines?: boolean } | undefined;
    if (view?.state === "frozen") sheet.freeze = { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 };
    if (view?.showGridLines === false) sheet.showGridlines = false;
    const tables = (ws as unknown as { tables: Record<string, { table: { name: string; tableRef?: string; ref?: string; columns: { name: string }[]; totalsRow?: boolean; style?: { theme?: string; showRowStripes?: boolean } } }> }).tables ?? {};
    for (const t of Object.values(tables)) {
      const model = t.table;
      const ref = model.tableRef ?? model.ref ?? "";
      const rect = ref.includes(":") ? parseRect(ref) : null;
      if (!rect) continue;
      state.seq.table += 1;
      state.tables.push({
        id: `{00000002-${String(state.seq.table).padStart(4, "0")}-4000-8000-000000000000}`,
        name: model.name,
        sheetId: sheet.id,
        rect,
        columns: model.columns.map((c, i) => ({ id: i + 1, name: c.name })),
        showHeaders: true,
        showTotals: !!model.totalsRow,
        style: model.style?.theme ?? "TableStyleMedium2",
        showBandedRows: model.style?.showRowStripes ?? true,
        showBandedColumns: false,
        showFilterButton: true,
        highlightFirstColumn: false,
        highlightLastColumn: false,
        nextColumnId: model.columns.length + 1,
      });
    }
  }
  state.activeSheetId = state.sheets.find((s) => s.visibility === "Visible")?.id;
  // Defined names straight from workbook.xml: ExcelJS keeps only plain ranges.
  const zip = await JSZip.loadAsync(buffer);
  const wbXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  for (const m of wbXml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const attrs = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], unescapeXml(a[2])]));
    const text = unescapeXml(m[2]);
    const local = attrs.localSheetId !== undefined ? state.sheets[Number(attrs.localSheetId)] : undefined;
    if (attrs.name === "_xlnm.Print_Area" && local) {
      local.pageLayout.printArea = text.split(",").map((p) => parseRect(p.split("!").pop() ?? "")).filter((r): r is Rect => !!r);
      continue;
    }
    if (attrs.name?.startsWith("_xlnm.")) continue;
    state.names.push({ name: attrs.name, formula: `=${text}`, comment: attrs.comment ?? "", sheetId: local?.id, visible: attrs.hidden !== "1" });
  }
  return state;
}

function unescapeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

