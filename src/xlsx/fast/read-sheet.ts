/**
 * A worksheet part's cells for the fast reader: one pass with indexOf over <sheetData>, each cell
 * turned into the value ExcelJS would give (see src/xlsx/read.ts rawCell), its number format and its
 * formula; then the merged areas.
 *
 * Where ExcelJS is wrong against Excel, Excel is followed (proved in test/xlsx/fast-read.test.ts):
 * - a formula's cached result 0, FALSE or "" is that value (ExcelJS drops falsy results: null);
 * - only a numeric result becomes a date in a date-formatted cell (ExcelJS turns an error or a text
 *   result into an Invalid Date);
 * - a cell with a hyperlink keeps its value and formula (ExcelJS turns the value into text and drops
 *   the formula);
 * - "str" values are decoded once (ExcelJS decodes entities twice), and inline strings' _xHHHH_
 *   escapes are decoded and their phonetic runs left out, as in shared strings;
 * - a cell of type "d" (an ISO 8601 date) is that date (ExcelJS reads the year as a number);
 * - a cell without a style, or with style 0, has the format of cell format 0 (ExcelJS: none);
 * - a <c> without an address is the column after the previous one, from A (ExcelJS fails on the first);
 * - a shared formula's string literals and quoted sheet names are not moved (see ./read-formula.ts).
 * As ExcelJS (and not as Excel, which would call the file damaged): a cached result that is not a
 * number in a numeric cell is no result; merged areas may overlap (ExcelJS refuses the file).
 */
import type { RawCell } from "../../domain";
import { WorkbookFileError } from "../errors";
import { slideFormula } from "./read-formula";
import { decodeText, decodeXstring, excelToDate, isDateFormat, isoToSerial, plainXml, stringItemText, TAG } from "./read-xml";

export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

export interface SheetReadContext {
  sharedStrings: string[];
  /** Number format by cell format index. */
  formats: (string | undefined)[];
  date1904: boolean;
}

/** A rectangle of cells, 1-based and inclusive. */
export interface UsedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ReadSheet {
  /**
   * Row number → cells by column number (sparse), as src/xlsx/read.ts rawCell gives them. Cells not
   * in the part and the cells of merged areas other than the top-left one are not there (they read
   * as empty, without a format). The cells are shared by the sheet's RawSheet and its RawTables:
   * read-only.
   */
  rows: Map<number, RawCell[]>;
  /** The cells holding a formula or a value other than null and "" (null when none). */
  used: UsedRange | null;
}

const LETTER_A = 65;

/** "AB12" → [row, col]; null when not an address. */
function decodeAddress(a: string): [number, number] | null {
  let col = 0;
  let i = 0;
  for (; i < a.length; i++) {
    let c = a.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < LETTER_A || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i === 0 || i > 3 || i === a.length) return null;
  let row = 0;
  for (let j = i; j < a.length; j++) {
    const c = a.charCodeAt(j);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
  }
  return [row, col];
}

/** The parts of a <c> element's content. */
interface CellContent {
  /** Concatenated <f> text; undefined without one. */
  f?: string;
  fT?: string;
  fRef?: string;
  fSi?: string;
  /** Concatenated <v> text (raw, undecoded). */
  v?: string;
  /** The inline string of an <is>, decoded. */
  is?: string;
}

const F_ATTR = /\s(t|ref|si)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseContent(body: string): CellContent {
  const out: CellContent = {};
  // The usual shape: <v>text</v>.
  if (body.startsWith("<v>")) {
    const end = body.indexOf("</v>");
    if (end + 4 === body.length && body.indexOf("<", 3) === end) {
      out.v = body.slice(3, end);
      return out;
    }
  }
  // A plain formula: <f>text</f>, with or without <v>text</v>.
  if (body.startsWith("<f>")) {
    const fEnd = body.indexOf("</f>");
    if (fEnd >= 0 && body.indexOf("<", 3) === fEnd) {
      const after = fEnd + 4;
      if (after === body.length) {
        out.f = decodeText(body.slice(3, fEnd));
        return out;
      }
      if (body.startsWith("<v>", after)) {
        const vEnd = body.indexOf("</v>", after + 3);
        if (vEnd + 4 === body.length && body.indexOf("<", after + 3) === vEnd) {
          out.f = decodeText(body.slice(3, fEnd));
          out.v = body.slice(after + 3, vEnd);
          return out;
        }
      }
    }
  }
  const isOpen = body.indexOf("<is");
  let rest = body;
  if (isOpen >= 0 && /^<is[\s>/]/.test(body.slice(isOpen, isOpen + 4))) {
    const gt = body.indexOf(">", isOpen);
    const selfClosing = body.charCodeAt(gt - 1) === 47;
    const close = selfClosing ? gt + 1 : body.indexOf("</is>", gt);
    const end = close < 0 ? body.length : close;
    const inner = selfClosing ? "" : body.slice(gt + 1, end);
    const text = stringItemText(inner);
    // An empty inline string without runs is no value, as ExcelJS reads it; with runs it is "".
    if (text !== "" || /<r[\s>]/.test(inner)) out.is = text;
    rest = body.slice(0, isOpen) + body.slice(selfClosing ? gt + 1 : end + 5);
  }
  TAG.lastIndex = 0;
  let inside: "f" | "v" | null = null;
  let textFrom = 0;
  for (let m = TAG.exec(rest); m; m = TAG.exec(rest)) {
    const closing = m[1] === "/";
    const name = m[2];
    if (inside && closing && name === inside) {
      const raw = rest.slice(textFrom, m.index);
      if (inside === "f") out.f = (out.f ?? "") + decodeText(raw);
      else out.v = (out.v ?? "") + raw;
      inside = null;
      continue;
    }
    if (inside || closing) continue;
    if (name === "f") {
      F_ATTR.lastIndex = 0;
      for (let a = F_ATTR.exec(" " + m[3]); a; a = F_ATTR.exec(" " + m[3])) {
        const val = decodeText(a[2] ?? a[3] ?? "");
        if (a[1] === "t") out.fT = val;
        else if (a[1] === "ref") out.fRef = val;
        else out.fSi = val;
      }
      if (m[4] !== "/") {
        inside = "f";
        textFrom = m.index + m[0].length;
      }
    } else if (name === "v" && m[4] !== "/") {
      inside = "v";
      textFrom = m.index + m[0].length;
    }
  }
  return out;
}

/** Membership in the merged areas, except their top-left cells. */
interface MergedAway {
  has(row: number, col: number): boolean;
}

/** Up to this many merged-away cells are listed one by one; past it (whole columns merged), areas are scanned. */
const MAX_LISTED_MERGED = 1_000_000;

/** The cells of the merged areas other than their top-left one; null without merged areas. */
function mergedAway(xml: string, from: number, sheetName: string): MergedAway | null {
  const at = xml.indexOf("<mergeCell", from);
  if (at < 0) return null;
  const areas: [number, number, number, number][] = [];
  let total = 0;
  const re = /<mergeCell\b(?:[^>"']|"[^"]*"|'[^']*')*?\sref\s*=\s*["']([^"']*)["']/g;
  re.lastIndex = at;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const [a, b = a] = m[1].replace(/\$/g, "").trim().split(":");
    const p1 = decodeAddress(a);
    const p2 = decodeAddress(b);
    if (!p1 || !p2 || p1[1] > EXCEL_MAX_COLUMNS || p2[1] > EXCEL_MAX_COLUMNS) throw new WorkbookFileError("corrupt", null, `${sheetName}: bad merged range ${m[1]}`);
    const top = Math.min(p1[0], p2[0]);
    const bottom = Math.max(p1[0], p2[0]);
    const left = Math.min(p1[1], p2[1]);
    const right = Math.max(p1[1], p2[1]);
    if (bottom > EXCEL_MAX_ROWS) throw new WorkbookFileError("beyond-excel-grid", null, null, [sheetName]);
    areas.push([top, left, bottom, right]);
    total += (bottom - top + 1) * (right - left + 1);
  }
  if (total > MAX_LISTED_MERGED) {
    return {
      has: (row, col) => areas.some(([t, l, b, r]) => row >= t && row <= b && col >= l && col <= r && (row !== t || col !== l)),
    };
  }
  const out = new Set<number>();
  for (const [top, left, bottom, right] of areas) {
    for (let row = top; row <= bottom; row++) {
      for (let col = left; col <= right; col++) if (row !== top || col !== left) out.add(row * COL_SPAN + col);
    }
  }
  return { has: (row, col) => out.has(row * COL_SPAN + col) };
}

const COL_SPAN = 16_384 * 2;

// Cell types, from the t attribute.
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

function typeCode(xml: string, from: number, to: number): number {
  const len = to - from;
  const c = xml.charCodeAt(from);
  if (len === 1) {
    if (c === 115) return T_SHARED;
    if (c === 98) return T_BOOL;
    if (c === 101) return T_ERROR;
    if (c === 100) return T_DATE;
    return T_NUMBER;
  }
  if (len === 3 && xml.startsWith("str", from)) return T_STR;
  if (len === 9 && xml.startsWith("inlineStr", from)) return T_INLINE;
  return T_NUMBER;
}

/** A run of decimal digits (at most 15, exact in a double) as a number; -1 when the text is not one. */
function digits(xml: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** What a sheet's reading carries from cell to cell. */
interface SheetState {
  name: string;
  sharedStrings: string[];
  formats: (string | undefined)[];
  isDate: boolean[];
  date1904: boolean;
  sharedMasters: Map<string, { address: string; formula: string | undefined }>;
  rows: Map<number, RawCell[]>;
  line: RawCell[];
  lineRow: number;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const NO_CELL = 1 << 30;

function corrupt(st: SheetState, what: string): WorkbookFileError {
  return new WorkbookFileError("corrupt", null, `${st.name}: ${what}`);
}

// The attributes of the cell tag just read (module state: no allocation per cell; the reading is synchronous).
let tagRow = -1;
let tagCol = -1;
let tagAddress: string | undefined;
let tagStyle = -1;
let tagType = T_NUMBER;
let tagSelfClosing = false;

/** Reads a <c ...> tag's attributes from `lt`; returns the index past the tag. */
function readCellTag(st: SheetState, xml: string, lt: number): number {
  let i = lt + 2;
  tagRow = -1;
  tagCol = -1;
  tagAddress = undefined;
  tagStyle = -1;
  tagType = T_NUMBER;
  tagSelfClosing = false;
  for (;;) {
    let c = xml.charCodeAt(i);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = xml.charCodeAt(++i);
    if (c === 62) return i + 1;
    if (c === 47) {
      tagSelfClosing = true;
      return i + 2;
    }
    if (c !== c) throw corrupt(st, "a cell is not closed");
    const nameStart = i;
    while (c !== 61 && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 62 && c === c) c = xml.charCodeAt(++i);
    const oneLetter = i - nameStart === 1 ? xml.charCodeAt(nameStart) : 0;
    while (c === 32 || c === 9 || c === 10 || c === 13) c = xml.charCodeAt(++i);
    if (c !== 61) throw corrupt(st, "bad attribute in a cell");
    c = xml.charCodeAt(++i);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = xml.charCodeAt(++i);
    if (c !== 34 && c !== 39) throw corrupt(st, "bad attribute in a cell");
    const close = xml.indexOf(c === 34 ? '"' : "'", i + 1);
    if (close < 0) throw corrupt(st, "bad attribute in a cell");
    if (oneLetter === 114 /* r */) readAddress(st, xml, i + 1, close);
    else if (oneLetter === 115 /* s */) {
      const n = digits(xml, i + 1, close);
      tagStyle = n >= 0 ? n : parseInt(decodeText(xml.slice(i + 1, close)), 10);
    } else if (oneLetter === 116 /* t */) tagType = typeCode(xml, i + 1, close);
    i = close + 1;
  }
}

/** A cell's r attribute, read in place: letters then digits, upper case (canonical) or not. */
function readAddress(st: SheetState, xml: string, from: number, to: number): void {
  let k = from;
  let col = 0;
  let canonical = true;
  for (; k < to; k++) {
    let ch = xml.charCodeAt(k);
    if (ch >= 97 && ch <= 122) {
      ch -= 32;
      canonical = false;
    }
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
  }
  const letters = k - from;
  let row = 0;
  for (; k < to; k++) {
    const ch = xml.charCodeAt(k);
    if (ch < 48 || ch > 57) break;
    row = row * 10 + (ch - 48);
  }
  // ExcelJS refuses such an address (a column past XFD among them): the file is damaged.
  if (k !== to || letters === 0 || letters > 3 || to === from + letters || row < 1 || col > EXCEL_MAX_COLUMNS) {
    throw corrupt(st, `bad cell address ${xml.slice(from, to)}`);
  }
  tagRow = row;
  tagCol = col;
  tagAddress = canonical ? xml.slice(from, to) : undefined;
}

/** Keeps a cell and grows the used range. */
function store(st: SheetState, row: number, col: number, cell: RawCell, occupied: boolean): void {
  if (occupied) {
    if (row < st.top) st.top = row;
    if (row > st.bottom) st.bottom = row;
    if (col < st.left) st.left = col;
    if (col > st.right) st.right = col;
  }
  if (row !== st.lineRow) {
    st.lineRow = row;
    let line = st.rows.get(row);
    if (!line) {
      line = [];
      st.rows.set(row, line);
    }
    st.line = line;
  }
  st.line[col] = cell;
}

/** The value of <v>text</v> of a cell of type s or n, the usual cells; undefined for other types. */
function plainValue(st: SheetState, xml: string, from: number, to: number, fmtIdx: number): RawCell["value"] | undefined {
  if (tagType === T_SHARED) {
    let n = digits(xml, from, to);
    if (n < 0) n = parseInt(decodeText(xml.slice(from, to)), 10);
    const str = st.sharedStrings[n];
    if (str === undefined) throw corrupt(st, `shared string ${n} missing`);
    return str;
  }
  if (tagType === T_NUMBER) {
    let n = digits(xml, from, to);
    if (n < 0) n = parseFloat(decodeText(xml.slice(from, to)));
    return st.isDate[fmtIdx] ? excelToDate(n, st.date1904) : n;
  }
  return undefined;
}

/** Reads the cells of a worksheet part. @throws WorkbookFileError corrupt, beyond-excel-grid */
export function readSheet(sheetName: string, xmlText: string, ctx: SheetReadContext): ReadSheet {
  const xml = plainXml(xmlText);
  const st: SheetState = {
    name: sheetName,
    sharedStrings: ctx.sharedStrings,
    formats: ctx.formats,
    isDate: ctx.formats.map((f) => isDateFormat(f)),
    date1904: ctx.date1904,
    sharedMasters: new Map(),
    rows: new Map(),
    // Small integers from the start: the fields keep one representation (no deoptimization).
    line: [],
    lineRow: -1,
    top: NO_CELL,
    left: NO_CELL,
    bottom: 0,
    right: 0,
  };
  const formats = ctx.formats;
  const format0 = formats[0];

  let p = xml.indexOf("<sheetData");
  let stop = -1;
  if (p >= 0) {
    const gt = xml.indexOf(">", p);
    if (gt < 0) throw corrupt(st, "<sheetData> not closed");
    if (xml.charCodeAt(gt - 1) !== 47) {
      stop = xml.indexOf("</sheetData>", gt);
      if (stop < 0) throw corrupt(st, "</sheetData> missing");
    }
    p = gt + 1;
  }
  const away = mergedAway(xml, Math.max(stop, 0), sheetName);
  let rowNumber = 0;
  let prevCol = 0;
  while (p < stop) {
    const lt = xml.indexOf("<", p);
    if (lt < 0 || lt >= stop) break;
    const c1 = xml.charCodeAt(lt + 1);
    const c2 = xml.charCodeAt(lt + 2);
    if (c1 === 99 /* c */ && (c2 === 32 || c2 === 62 || c2 === 47 || c2 === 9 || c2 === 10 || c2 === 13)) {
      const i = readCellTag(st, xml, lt);
      let row = tagRow;
      let col = tagCol;
      if (row < 0) {
        row = rowNumber || 1;
        col = prevCol + 1;
        if (col > EXCEL_MAX_COLUMNS) throw corrupt(st, "a row past column XFD");
      }
      if (row > EXCEL_MAX_ROWS) throw new WorkbookFileError("beyond-excel-grid", null, null, [sheetName]);
      prevCol = col;
      // Style 0 is the one a cell without an s attribute has.
      const fmtIdx = tagStyle < 0 ? 0 : tagStyle;
      const fmt = tagStyle < 0 ? format0 : formats[tagStyle];
      const address = tagAddress ?? `${columnLetters(col)}${row}`;
      let cell: RawCell | null = null;
      let occupied = false;
      if (tagSelfClosing) p = i;
      else {
        let done = false;
        if (xml.charCodeAt(i) === 60 && xml.charCodeAt(i + 1) === 118 && xml.charCodeAt(i + 2) === 62) {
          // The usual shape: <v>text</v></c>.
          const vEnd = xml.indexOf("</v>", i + 3);
          if (vEnd >= 0 && xml.charCodeAt(vEnd + 4) === 60 && xml.startsWith("</c>", vEnd + 4) && xml.indexOf("<", i + 3) === vEnd) {
            done = true;
            p = vEnd + 8;
            if (vEnd > i + 3) {
              const value = plainValue(st, xml, i + 3, vEnd, fmtIdx);
              if (value !== undefined) {
                // One literal with every property: no property added later (no out-of-object storage).
                cell = fmt === undefined ? { address, value } : { address, value, numberFormat: fmt };
                occupied = value !== "";
              } else {
                const rec = cellValue(st, { v: xml.slice(i + 3, vEnd) }, tagType, fmtIdx, address);
                cell = rec.cell;
                occupied = rec.occupied;
              }
            }
          }
        }
        if (!done) {
          const t = tagType;
          const end = xml.indexOf("</c>", i);
          if (end < 0 || end > stop) throw corrupt(st, "a cell is not closed");
          p = end + 4;
          if (end > i) {
            const rec = cellValue(st, parseContent(xml.slice(i, end)), t, fmtIdx, address);
            cell = rec.cell;
            occupied = rec.occupied;
          }
        }
      }
      if (away !== null && away.has(row, col)) continue;
      // An empty cell: only its format, if it has one.
      if (!cell) {
        if (fmt === undefined) continue;
        cell = { address, value: null, numberFormat: fmt };
      } else if (fmt !== undefined && cell.numberFormat === undefined) cell.numberFormat = fmt;
      store(st, row, col, cell, occupied);
      continue;
    }
    if (c1 === 114 /* r */ && c2 === 111 && xml.charCodeAt(lt + 3) === 119) {
      const c4 = xml.charCodeAt(lt + 4);
      if (c4 === 32 || c4 === 62 || c4 === 47 || c4 === 9 || c4 === 10 || c4 === 13) {
        // ---- a row
        const gt = tagEnd(xml, lt);
        if (gt < 0) throw corrupt(st, "a row is not closed");
        const rAttr = /(?:^|\s)r\s*=\s*["']\s*(\d+)/.exec(xml.slice(lt + 4, gt));
        rowNumber = rAttr ? Number(rAttr[1]) : rowNumber + 1;
        if (rowNumber > EXCEL_MAX_ROWS) throw new WorkbookFileError("beyond-excel-grid", null, null, [sheetName]);
        prevCol = 0;
        p = gt + 1;
        continue;
      }
    }
    // Anything else (</row>, a row's extLst...): past its tag.
    const gt = xml.indexOf(">", lt);
    if (gt < 0) break;
    p = gt + 1;
  }
  return { rows: st.rows, used: st.bottom === 0 ? null : { top: st.top, left: st.left, bottom: st.bottom, right: st.right } };
}

/** The index of the ">" closing the tag that opens at `lt` (quote-aware); -1 if none. */
function tagEnd(xml: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

/** A cell's value (and error, formula) from its content. */
function cellValue(st: SheetState, content: CellContent, t: number, fmtIdx: number, address: string): { cell: RawCell | null; occupied: boolean } {
  const { date1904, isDate, sharedStrings } = st;
  const isFormula = !!content.f || !!content.fT;
  if (isFormula) {
    const cell: RawCell = { address, value: null };
    let formula = content.f || undefined;
    if (content.fT === "shared") {
      const si = content.fSi ?? "undefined";
      if (content.fRef) st.sharedMasters.set(si, { address, formula });
      else if (formula === undefined) {
        const master = st.sharedMasters.get(si);
        if (master?.formula) formula = slideFormula(master.formula, master.address, address);
      }
    }
    const v = content.v;
    if (v) {
      if (t === T_STR) cell.value = decodeXstring(decodeText(v));
      else if (t === T_BOOL) cell.value = parseInt(decodeText(v), 10) !== 0;
      else if (t === T_ERROR) {
        cell.value = decodeText(v);
        cell.error = true;
      } else {
        const n = t === T_DATE ? isoToSerial(decodeText(v), date1904) : parseFloat(decodeText(v));
        // A result that is not a number is no result (as ExcelJS reads it).
        if (!Number.isNaN(n)) cell.value = isDate[fmtIdx] ? excelToDate(n, date1904) : n;
      }
    }
    if (formula) cell.formula = formula.startsWith("=") ? formula : `=${formula}`;
    return { cell, occupied: true };
  }
  let text = content.v;
  if (text === "") text = undefined;
  if (text === undefined && content.is === undefined) return { cell: null, occupied: false };
  const cell: RawCell = { address, value: null };
  switch (t) {
    case T_SHARED: {
      const idx = parseInt(decodeText(text ?? content.is ?? ""), 10);
      const s = sharedStrings[idx];
      if (s === undefined) throw corrupt(st, `shared string ${idx} missing`);
      cell.value = s;
      break;
    }
    case T_STR:
      cell.value = decodeXstring(decodeText(text ?? "")) + (content.is ?? "");
      break;
    case T_INLINE:
      cell.value = content.is ?? decodeXstring(decodeText(text ?? ""));
      break;
    case T_BOOL:
      cell.value = parseInt(decodeText(text ?? content.is ?? ""), 10) !== 0;
      break;
    case T_ERROR:
      cell.value = decodeText(text ?? content.is ?? "");
      cell.error = true;
      break;
    default: {
      const raw = decodeText(text ?? content.is ?? "");
      const n = t === T_DATE ? isoToSerial(raw, date1904) : parseFloat(raw);
      cell.value = isDate[fmtIdx] ? excelToDate(n, date1904) : n;
    }
  }
  return { cell, occupied: cell.value !== null && cell.value !== "" };
}

const LETTERS: string[] = [];
/** 1 → "A", cached. */
export function columnLetters(col: number): string {
  let s = LETTERS[col];
  if (s === undefined) {
    s = "";
    let n = col;
    while (n > 0) {
      const m = (n - 1) % 26;
      s = String.fromCharCode(LETTER_A + m) + s;
      n = Math.floor((n - 1) / 26);
    }
    LETTERS[col] = s;
  }
  return s;
}
