/**
 * A declarative description of sheets, rendered by both writers: src/xlsx (ExcelJS, files) and
 * src/excel (Office.js, the open workbook). Nothing here knows either library.
 *
 * Conventions:
 * - Addresses are A1 strings without sheet ("B5", "B5:F20").
 * - Formulas are in Excel's invariant (English) syntax, start with "=", and use full structured
 *   references (`Actividades[[#This Row],[Programado I]]`, never the `[@...]` shorthand), which
 *   both a file and Office.js accept.
 * - A string value is always literal text, even when it starts with "=" (writers must keep it text).
 * - Styles are applied by range, not per cell, so the number of operations does not grow with the
 *   number of rows.
 * - Colours are 6-digit RGB hex without "#": "1F4E78".
 */

export type Scalar = string | number | boolean | null;

/** A cell's content: a literal value, or a formula. */
export type CellInput = Scalar | { f: string };

export function isFormula(c: CellInput): c is { f: string } {
  return typeof c === "object" && c !== null && "f" in c;
}

/** A rectangle of contents; rows must all be as wide as the first. */
export interface CellBlock {
  /** Top-left cell: "A1". */
  origin: string;
  cells: CellInput[][];
}

export interface BorderLine {
  style: "thin" | "medium" | "thick";
  color?: string;
}

export interface Style {
  font?: { bold?: boolean; italic?: boolean; size?: number; color?: string; name?: string; underline?: boolean };
  fill?: string;
  numberFormat?: string;
  alignment?: {
    horizontal?: "left" | "center" | "right";
    vertical?: "top" | "middle" | "bottom";
    wrapText?: boolean;
    indent?: number;
  };
  /** Applied to every cell of the range on the given sides; `inside` draws the inner grid too. */
  border?: { top?: BorderLine; bottom?: BorderLine; left?: BorderLine; right?: BorderLine; inside?: BorderLine };
}

/** A style applied to a range. Later entries override earlier ones where they set the same property. */
export interface FormatSpec {
  range: string;
  style: Style;
}

/** Conditional formatting by formula, relative to the range's top-left cell ("=$F6=\"Bajo\""). */
export interface ConditionalRuleSpec {
  formula: string;
  style: { fill?: string; fontColor?: string; bold?: boolean };
  /** Stop evaluating lower rules when this one applies. */
  stopIfTrue?: boolean;
}

export interface ConditionalFormatSpec {
  range: string;
  /** In priority order: first wins. */
  rules: ConditionalRuleSpec[];
}

export interface TableSpec {
  name: string;
  /** Header row plus data rows ("A5:F10"); at least one data row. */
  range: string;
  /** Header texts; must equal the header cells written by the blocks. */
  columns: string[];
  /** "TableStyleMedium2" etc. */
  style?: string;
  showRowStripes?: boolean;
}

export interface DefinedNameSpec {
  name: string;
  /** "=Resumen!$C$10", "=0.6", "='Seguimiento compromisos'!$B$5". */
  refersTo: string;
  comment?: string;
}

export interface ChartSeriesSpec {
  /** The series name as text. */
  name: string;
  /** Absolute reference with sheet: "=Resumen!$D$20:$D$24". */
  values: string;
  color?: string;
}

export interface ChartSpec {
  /** A stable identifier within the sheet ("programado-ejecutado"). */
  id: string;
  type: "columnClustered" | "barClustered" | "columnStacked";
  title: string;
  /** Absolute reference with sheet for category labels. */
  categories: string;
  series: ChartSeriesSpec[];
  /** Top-left and bottom-right cells the chart covers. */
  from: string;
  to: string;
}

export interface DataValidationSpec {
  range: string;
  type: "list" | "whole" | "decimal" | "date";
  /** For list: a formula ("=Listas!$A$1:$A$4") or literal items. */
  list?: { formula: string } | { items: string[] };
  /** For whole/decimal/date. */
  operator?: "greaterThanOrEqual" | "between" | "lessThanOrEqual";
  formula1?: string;
  formula2?: string;
  allowBlank?: boolean;
  prompt?: { title: string; message: string };
  error: { title: string; message: string };
}

export interface PrintSpec {
  orientation: "landscape" | "portrait";
  /** Pages wide (1 = fit to one page wide); height is unconstrained. */
  fitToWidth: number;
  /** Rows repeated at the top of each page: "5:5". */
  printTitleRows?: string;
  /** Excel header/footer codes (&P, &N, &D...) allowed. */
  header?: { left?: string; center?: string; right?: string };
  footer?: { left?: string; center?: string; right?: string };
  /** Print area: "A1:F40". */
  area?: string;
  paperSize?: "letter" | "legal" | "a4";
  centerHorizontally?: boolean;
  /** Manual page breaks: a new page starts after each of these 1-based rows (optional). */
  rowBreaks?: number[];
}

/** Who owns a sheet: the officials (inputs) or the add-in (generated, replaced at every generation). */
export type SheetRole = "input" | "generated";

export interface SheetSpec {
  /** Final sheet name (≤ 31 chars, none of : \ / ? * [ ]). */
  name: string;
  /** Stable identity across generations: "resumen", "dependencia:1", "compromisos", "input:actividades". */
  key: string;
  role: SheetRole;
  tabColor?: string;
  /** Column widths in characters, from column A. */
  columnWidths: number[];
  /** 1-based row -> height in points. */
  rowHeights?: Record<number, number>;
  blocks: CellBlock[];
  formats: FormatSpec[];
  merges: string[];
  conditionalFormats: ConditionalFormatSpec[];
  tables: TableSpec[];
  charts: ChartSpec[];
  dataValidations: DataValidationSpec[];
  print?: PrintSpec;
  /** Rows/columns frozen at the top/left. */
  freeze?: { rows: number; columns: number };
  showGridLines?: boolean;
}

/** A column the add-in computes inside an input table (the computed columns of Actividades). */
export interface ComputedColumnSpec {
  header: string;
  /** The same formula for every row, with [[#This Row],...] references. */
  formula: string;
  numberFormat?: string;
  /** Column width in characters (optional; the writer's default otherwise). */
  width?: number;
  /** Alignment of the column's data cells (optional). */
  alignment?: Style["alignment"];
}

/**
 * Columns to add (or refresh) in an existing input table. Placement, which both writers follow so
 * that A1 references in the conditional formats below stay right: a column whose header matches one
 * of the table's headers (forgivingly: trim, case, accents) is rewritten in place, header included;
 * the others are appended at the right end of the table, in the given order, after any ID column an
 * `IdFillSpec` appended.
 */
export interface TableColumnsSpec {
  table: string;
  columns: ComputedColumnSpec[];
  /** Conditional formats over those columns, ranges given as structured references resolved by writers: "Actividades[Cumplimiento vigencia]". */
  conditionalFormats: { column: string; rules: ConditionalRuleSpec[] }[];
}

/**
 * The ids parsing generated for blank ID cells (A-001...), written back so the report's lookups by ID
 * find every row. Writers write only into blank cells, and apply these before `computedColumns`.
 */
export interface IdFillSpec {
  table: string;
  /** Header of the ID column; when the table has no such column, writers append it at the right end. */
  header: string;
  /** 1-based sheet row of the data row and the id to write there. */
  fills: { row: number; id: string }[];
}

/** Everything one generation writes. */
export interface WorkbookSpec {
  /** Generated sheets, in order. */
  sheets: SheetSpec[];
  names: DefinedNameSpec[];
  computedColumns: TableColumnsSpec[];
  /** Blank IDs of input tables to fill (optional: absent means none). */
  idFills?: IdFillSpec[];
}

/** An empty sheet spec to fill. */
export function emptySheet(name: string, key: string, role: SheetRole): SheetSpec {
  return {
    name,
    key,
    role,
    columnWidths: [],
    blocks: [],
    formats: [],
    merges: [],
    conditionalFormats: [],
    tables: [],
    charts: [],
    dataValidations: [],
  };
}

/** Excel's serial number of an ISO date (1900 date system). */
export function excelSerial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

/** ISO date of an Excel serial number (1900 date system). */
export function isoFromSerial(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000;
  return new Date(ms).toISOString().slice(0, 10);
}
