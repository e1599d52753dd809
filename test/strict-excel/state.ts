/**
 * The strict Excel's workbook as plain data, independent of Office.js typings, so tests can
 * inspect it directly and compare it cell for cell. Colours are "#RRGGBB" (upper case), sizes
 * in points, rows and columns 0-based, addresses "B5".
 */
import { Rect, cellAddress } from "./address";

export type CellScalar = string | number | boolean;

export interface BorderState {
  style: string; // Office BorderLineStyle: "Continuous", "Dash", ...
  color: string;
  weight: string; // "Hairline" | "Thin" | "Medium" | "Thick"
}

export interface CellStyle {
  font?: { bold?: boolean; italic?: boolean; size?: number; color?: string; name?: string; underline?: string };
  fill?: string;
  numberFormat?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  indentLevel?: number;
  borders?: Partial<Record<string, BorderState>>;
}

export interface CellState {
  row: number;
  col: number;
  /** A constant; absent for empty cells and formula cells. */
  value?: CellScalar;
  /** Formula text as written, with its leading "=". */
  formula?: string;
  /** Last computed result of `formula`, when known (read from a file or a LibreOffice recalculation). */
  cached?: CellScalar | null;
  /** Text entered with a leading apostrophe: kept as text, the apostrophe not part of the value. */
  quotePrefix?: boolean;
  style?: CellStyle;
}

export interface TableColumnState {
  id: number;
  name: string;
  /** Set when every data cell of the column holds the same formula (Excel's calculated column). */
  calculatedFormula?: string;
}

export interface TableState {
  id: string;
  name: string;
  sheetId: string;
  /** Header row + data rows (+ totals row). */
  rect: Rect;
  columns: TableColumnState[];
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
  highlightFirstColumn: boolean;
  highlightLastColumn: boolean;
  nextColumnId: number;
}

export interface NamedItemState {
  name: string;
  /** "=Resumen!$C$10", "=0.6". */
  formula: string;
  comment: string;
  /** Undefined for workbook scope, else the sheet id. */
  sheetId?: string;
  visible: boolean;
}

export interface ConditionalFormatState {
  id: string;
  sheetId: string;
  type: string; // "Custom"
  ranges: Rect[];
  formula: string;
  format: { fill?: string; fontColor?: string; bold?: boolean; italic?: boolean; numberFormat?: string };
  stopIfTrue: boolean;
}

export interface DataValidationState {
  sheetId: string;
  ranges: Rect[];
  /** The Office.js rule object, with Range sources turned into "=Sheet!$A$1:$A$4". */
  rule: Record<string, unknown>;
  ignoreBlanks: boolean;
  prompt?: { title: string; message: string; showPrompt: boolean };
  errorAlert?: { title: string; message: string; showAlert: boolean; style: string };
}

export interface ChartSeriesState {
  name: string;
  /** "=Resumen!$D$20:$D$24" */
  values?: string;
  xValues?: string;
  /** Solid fill, "#RRGGBB". */
  color?: string;
}

export interface ChartState {
  id: string;
  name: string;
  sheetId: string;
  type: string;
  source?: string;
  seriesBy: string;
  title: string;
  titleVisible: boolean;
  legend: { visible: boolean; position: string };
  series: ChartSeriesState[];
  from?: string;
  to?: string;
}

export interface HeaderFooterState {
  leftHeader: string;
  centerHeader: string;
  rightHeader: string;
  leftFooter: string;
  centerFooter: string;
  rightFooter: string;
}

export interface PageLayoutState {
  orientation: string; // "Portrait" | "Landscape"
  paperSize: string; // "Letter" | "Legal" | "A4" ...
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  centerHorizontally: boolean;
  centerVertically: boolean;
  printArea?: Rect[];
  printTitleRows?: Rect;
  printTitleColumns?: Rect;
  headersFooters: HeaderFooterState;
  margins?: { top?: number; bottom?: number; left?: number; right?: number; header?: number; footer?: number };
}

export interface SheetState {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  tabColor: string;
  showGridlines: boolean;
  /** Cells by A1 address ("B5"). Absent = empty and unformatted. */
  cells: Map<string, CellState>;
  /** Column widths in points by 0-based column. */
  columnWidths: Map<number, number>;
  /** Row heights in points by 0-based row. */
  rowHeights: Map<number, number>;
  hiddenColumns: Set<number>;
  hiddenRows: Set<number>;
  merges: Rect[];
  freeze?: { rows: number; columns: number };
  pageLayout: PageLayoutState;
  protection: { protected: boolean; options: Record<string, unknown>; password?: string };
  /** Ranges that autofitColumns/autofitRows were asked for (a real autofit needs a renderer). */
  autofit: { columns: Rect[]; rows: Rect[] };
}

export interface CustomXmlPartState {
  id: string;
  xml: string;
  namespaceUri: string;
}

export interface WorkbookState {
  /** In tab order. */
  sheets: SheetState[];
  tables: TableState[];
  names: NamedItemState[];
  conditionalFormats: ConditionalFormatState[];
  dataValidations: DataValidationState[];
  charts: ChartState[];
  settings: Map<string, unknown>;
  customProperties: Map<string, { value: unknown; type: string }>;
  customXmlParts: CustomXmlPartState[];
  calculationMode: string;
  activeSheetId?: string;
  selection?: { sheetId: string; rect: Rect };
  /** Counters for stable ids. */
  seq: { sheet: number; table: number; cf: number; chart: number; xml: number };
}

/** A GUID-looking id that is stable for the same sequence of operations. */
export function stableGuid(kind: number, n: number): string {
  const hex = (v: number, w: number) => v.toString(16).toUpperCase().padStart(w, "0");
  return `{${hex(kind, 8)}-${hex(n, 4)}-4000-8000-${hex(n * 7919, 12)}}`;
}

export function defaultPageLayout(): PageLayoutState {
  return {
    orientation: "Portrait",
    paperSize: "Letter",
    zoom: { scale: 100 },
    centerHorizontally: false,
    centerVertically: false,
    headersFooters: { leftHeader: "", centerHeader: "", rightHeader: "", leftFooter: "", centerFooter: "", rightFooter: "" },
  };
}

export function newSheet(state: WorkbookState, name: string): SheetState {
  state.seq.sheet += 1;
  return {
    id: stableGuid(1, state.seq.sheet),
    name,
    visibility: "Visible",
    tabColor: "",
    showGridlines: true,
    cells: new Map(),
    columnWidths: new Map(),
    rowHeights: new Map(),
    hiddenColumns: new Set(),
    hiddenRows: new Set(),
    merges: [],
    pageLayout: defaultPageLayout(),
    protection: { protected: false, options: {} },
    autofit: { columns: [], rows: [] },
  };
}

export function emptyWorkbookState(): WorkbookState {
  return {
    sheets: [],
    tables: [],
    names: [],
    conditionalFormats: [],
    dataValidations: [],
    charts: [],
    settings: new Map(),
    customProperties: new Map(),
    customXmlParts: [],
    calculationMode: "Automatic",
    seq: { sheet: 0, table: 0, cf: 0, chart: 0, xml: 0 },
  };
}

/** The cell at (row, col), or undefined when it was never written. */
export function peekCell(sheet: SheetState, row: number, col: number): CellState | undefined {
  return sheet.cells.get(cellAddress(row, col));
}

/** The cell at (row, col), created when missing. */
export function touchCell(sheet: SheetState, row: number, col: number): CellState {
  const key = cellAddress(row, col);
  let c = sheet.cells.get(key);
  if (!c) {
    c = { row, col };
    sheet.cells.set(key, c);
  }
  return c;
}

/** Drops cells that hold nothing, so snapshots compare equal whatever the history. */
export function pruneCell(sheet: SheetState, c: CellState): void {
  const emptyStyle = !c.style || Object.keys(c.style).length === 0;
  if (c.value === undefined && c.formula === undefined && emptyStyle) sheet.cells.delete(cellAddress(c.row, c.col));
}

/** Whether a cell holds a value or a formula. */
export function hasContent(c: CellState | undefined): boolean {
  return !!c && (c.value !== undefined || c.formula !== undefined);
}

export function findSheet(state: WorkbookState, name: string): SheetState | undefined {
  const key = name.toUpperCase();
  return state.sheets.find((s) => s.name.toUpperCase() === key);
}

export function sheetById(state: WorkbookState, id: string): SheetState | undefined {
  return state.sheets.find((s) => s.id === id);
}
