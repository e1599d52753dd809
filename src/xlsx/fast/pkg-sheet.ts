/**
 * A worksheet part's XML indexed for editing (the input sheets of the fast file path): rows and
 * cells found by number, cells read as ExcelJS would see their values, new cells inserted in
 * column order, and the rest of the part kept as written. The index is built once; edits are
 * collected and the part is rendered in one pass.
 *
 * Handles rows and cells with and without `r` attributes, self-closing rows, rows that do not
 * exist yet, `spans` and `<dimension>`. Refuses (FastPathUnsupported) what it cannot edit safely:
 * rows out of order, overwriting the master cell of a shared or array formula whose range reaches
 * cells that are not overwritten too.
 */
import { cellAddress, columnNumber } from "../../domain";
import { unescapeXml } from "../names";
import { parseRange, rangeOf, type Rect } from "../range";

/** Something in the input the fast path does not edit safely: the caller falls back to ExcelJS. */
export class FastPathUnsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FastPathUnsupported";
  }
}

/** Shared strings (xl/sharedStrings.xml) as plain texts; phonetic runs left out, as Excel shows them. */
export function parseSharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\s*\/>/g)) out.push(inlineText(m[1] ?? ""));
  return out;
}

/** The text of an <is> or <si> body: its <t> runs, without phonetic ones. */
function inlineText(body: string): string {
  const clean = body.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let s = "";
  for (const t of clean.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) s += unescapeXml(t[1] ?? "");
  return s;
}

export interface CellInfo {
  row: number;
  col: number;
  /** cellXfs index (0 when absent). */
  s: number;
  hasFormula: boolean;
  /** The value as ExcelJS reads it: null (no value), a text, a number, a boolean, or an error/date text. */
  value: string | number | boolean | null;
}

interface ParsedCell {
  col: number;
  /** cellXfs index (0 when absent). */
  s: number;
  /** The element as written. */
  xml: string;
  /** Whether the element has an r attribute. */
  hasR: boolean;
}

interface RowRec {
  r: number;
  /** The <row ...> start tag without the closing ">" or "/>": "<row r=\"5\" spans=\"1:3\"". */
  open: string;
  hasR: boolean;
  /** The cells' XML; "" for a self-closing row. */
  body: string;
  cells: ParsedCell[] | null;
}

const CELL_RE = /<c(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

const ATTR_RES = new Map<string, RegExp>();

/** An attribute's raw value in a start tag's attribute text. */
export function attr(attrs: string, name: string): string | undefined {
  let re = ATTR_RES.get(name);
  if (!re) {
    re = new RegExp(`\\s${name}="([^"]*)"`);
    ATTR_RES.set(name, re);
  }
  return re.exec(attrs)?.[1];
}

export class SheetXml {
  private readonly head: string;
  private tail: string;
  private readonly rows: RowRec[] = [];
  private readonly byRow = new Map<number, RowRec>();
  private readonly anyRowWithoutR: boolean;
  /** row -> col -> the new cell's XML. */
  private readonly edits = new Map<number, Map<number, string>>();
  /** Formula masters overwritten: their ranges must be overwritten whole. */
  private readonly masters: { where: string; ref: Rect }[] = [];
  private changed = false;

  constructor(
    readonly sheetName: string,
    xml: string,
    private readonly strings: () => string[],
  ) {
    const open = /<sheetData\s*\/>|<sheetData\b[^>]*>/.exec(xml);
    if (!open) throw new FastPathUnsupported(`${sheetName}: worksheet without <sheetData>`);
    const selfClosing = open[0].endsWith("/>");
    const bodyStart = open.index + open[0].length;
    const close = selfClosing ? bodyStart : xml.indexOf("</sheetData>", bodyStart);
    if (close < 0) throw new FastPathUnsupported(`${sheetName}: <sheetData> not closed`);
    this.head = xml.slice(0, open.index);
    this.tail = xml.slice(selfClosing ? bodyStart : close + "</sheetData>".length);
    const body = xml.slice(bodyStart, close);
    const rowRe = /<row\b([^>]*?)(\/?)>/g;
    let prev = 0;
    let noR = false;
    for (let m = rowRe.exec(body); m; m = rowRe.exec(body)) {
      const rAttr = attr(m[1], "r");
      const r = rAttr === undefined ? prev + 1 : Number(rAttr);
      if (rAttr === undefined) noR = true;
      if (!(r > prev)) throw new FastPathUnsupported(`${sheetName}: rows out of order at row ${r}`);
      prev = r;
      let cells = "";
      if (m[2] !== "/") {
        const end = body.indexOf("</row>", rowRe.lastIndex);
        if (end < 0) throw new FastPathUnsupported(`${sheetName}: row ${r} not closed`);
        cells = body.slice(rowRe.lastIndex, end);
        rowRe.lastIndex = end + "</row>".length;
      }
      const rec: RowRec = { r, open: `<row${m[1]}`, hasR: rAttr !== undefined, body: cells, cells: null };
      this.rows.push(rec);
      this.byRow.set(r, rec);
    }
    this.anyRowWithoutR = noR;
  }

  /** Whether anything was set. */
  get dirty(): boolean {
    return this.changed;
  }

  private cellsOf(rec: RowRec): ParsedCell[] {
    if (rec.cells) return rec.cells;
    const out: ParsedCell[] = [];
    let prev = 0;
    CELL_RE.lastIndex = 0;
    for (let m = CELL_RE.exec(rec.body); m; m = CELL_RE.exec(rec.body)) {
      const r = attr(m[1], "r");
      const col = r === undefined ? prev + 1 : columnNumber(r.replace(/\d+$/, "").replace(/\$/g, ""));
      prev = col;
      const st = attr(m[1], "s");
      out.push({ col, s: st === undefined ? 0 : Number(st), xml: m[0], hasR: r !== undefined });
    }
    rec.cells = out;
    return out;
  }

  /** The cells of a row as written (edits not included), in column order. */
  rowCells(row: number): CellInfo[] {
    const rec = this.byRow.get(row);
    if (!rec) return [];
    return this.cellsOf(rec).map((c) => this.info(row, c));
  }

  /** A cell as written (edits not included); null when the sheet has no such element. */
  cell(row: number, col: number): CellInfo | null {
    const rec = this.byRow.get(row);
    if (!rec) return null;
    const c = this.cellsOf(rec).find((x) => x.col === col);
    return c ? this.info(row, c) : null;
  }

  /** Row attributes: the style a new cell of the row inherits (customFormat rows), as ExcelJS does. */
  rowStyle(row: number): number | undefined {
    const rec = this.byRow.get(row);
    if (!rec || attr(rec.open, "customFormat") !== "1" && attr(rec.open, "customFormat") !== "true") return undefined;
    const s = attr(rec.open, "s");
    return s === undefined ? undefined : Number(s);
  }

  private colStyles: { min: number; max: number; style: number | undefined }[] | null = null;

  /** The style of a column (<cols><col style>), which new cells inherit when their row has none. */
  columnStyle(col: number): number | undefined {
    if (!this.colStyles) {
      this.colStyles = [];
      for (const m of this.head.matchAll(/<col\b([^>]*?)\/?>/g)) {
        const s = attr(m[1], "style");
        this.colStyles.push({ min: Number(attr(m[1], "min")), max: Number(attr(m[1], "max")), style: s === undefined ? undefined : Number(s) });
      }
    }
    return this.colStyles.find((c) => col >= c.min && col <= c.max)?.style;
  }

  /** The style index a cell has (as set, else as written), or a new cell there would inherit. */
  styleAt(row: number, col: number): number {
    const set = this.edits.get(row)?.get(col);
    if (set !== undefined) return Number(/^<c\b[^>]*?\ss="(\d+)"/.exec(set)?.[1] ?? 0);
    const rec = this.byRow.get(row);
    const c = rec ? this.cellsOf(rec).find((x) => x.col === col) : undefined;
    if (c) return c.s;
    return this.rowStyle(row) ?? this.columnStyle(col) ?? 0;
  }

  private info(row: number, c: ParsedCell): CellInfo {
    const m = /^<c([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)$/.exec(c.xml);
    const attrs = m?.[1] ?? "";
    const inner = m?.[2] ?? "";
    const s = Number(attr(attrs, "s") ?? 0);
    const t = attr(attrs, "t") ?? "n";
    const hasFormula = /<f[\s/>]/.test(inner);
    const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
    let value: CellInfo["value"] = null;
    if (t === "inlineStr") value = /<is\b/.test(inner) ? inlineText(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? "") : null;
    else if (v !== undefined) {
      if (t === "s") {
        value = this.strings()[Number(v)] ?? "";
      } else if (t === "str" || t === "e" || t === "d") value = unescapeXml(v);
      else if (t === "b") value = v.trim() === "1" || v.trim().toLowerCase() === "true";
      else value = v.trim() === "" ? null : Number(v);
    }
    return { row, col: c.col, s, hasFormula, value };
  }

  /** Sets a cell's XML (a whole <c> element with its r attribute). */
  set(row: number, col: number, cellXml: string): void {
    const existing = this.byRow.get(row) ? this.cellsOf(this.byRow.get(row) as RowRec).find((c) => c.col === col) : undefined;
    if (existing) {
      const f = /<f\b([^>]*)>/.exec(existing.xml) ?? /<f\b([^>]*)\/>/.exec(existing.xml);
      const ft = f ? attr(f[1], "t") : undefined;
      const ref = f ? attr(f[1], "ref") : undefined;
      if (ref && (ft === "shared" || ft === "array")) {
        const r = parseRange(ref);
        if (r.top !== r.bottom || r.left !== r.right) this.masters.push({ where: cellAddress(row, col), ref: r });
      }
    }
    let m = this.edits.get(row);
    if (!m) {
      m = new Map();
      this.edits.set(row, m);
    }
    m.set(col, cellXml);
    this.changed = true;
  }

  /** Whether a cell is being set. */
  isSet(row: number, col: number): boolean {
    return this.edits.get(row)?.has(col) ?? false;
  }

  /** Edits the part outside <sheetData> (cols, conditional formats, tableParts...). */
  editTail(edit: (tail: string) => string): void {
    const next = edit(this.tail);
    if (next !== this.tail) this.changed = true;
    this.tail = next;
  }

  private headEdits: ((head: string) => string)[] = [];

  /** Edits the part before <sheetData> (dimension, cols), applied at render. */
  editHead(edit: (head: string) => string): void {
    this.headEdits.push(edit);
    this.changed = true;
  }

  /** The whole part with the edits. @throws FastPathUnsupported (see the module's comment) */
  render(): string {
    for (const m of this.masters) {
      for (let row = m.ref.top; row <= m.ref.bottom; row++) {
        for (let col = m.ref.left; col <= m.ref.right; col++) {
          if (!this.isSet(row, col)) {
            throw new FastPathUnsupported(`${this.sheetName}!${m.where}: a shared or array formula over ${rangeOf(m.ref)} would be cut`);
          }
        }
      }
    }
    let head = this.head;
    for (const e of this.headEdits) head = e(head);
    head = this.withDimension(head);
    const out: string[] = [head, "<sheetData>"];
    const newRows = [...this.edits.keys()].filter((r) => !this.byRow.has(r)).sort((a, b) => a - b);
    let k = 0;
    const emitNew = (upTo: number) => {
      while (k < newRows.length && newRows[k] < upTo) {
        const r = newRows[k++];
        out.push(`<row r="${r}">`, ...[...(this.edits.get(r) as Map<number, string>)].sort((a, b) => a[0] - b[0]).map((e) => e[1]), "</row>");
      }
    };
    for (const rec of this.rows) {
      emitNew(rec.r);
      const edits = this.edits.get(rec.r);
      let open = rec.open;
      if (!rec.hasR && (this.anyRowWithoutR || edits)) open = open.replace(/^<row/, `<row r="${rec.r}"`);
      if (!edits) {
        out.push(rec.body === "" ? `${open}/>` : `${open}>${rec.body}</row>`);
        continue;
      }
      const cells = this.cellsOf(rec);
      const merged: { col: number; xml: string }[] = [];
      for (const c of cells) {
        if (edits.has(c.col)) continue;
        merged.push({ col: c.col, xml: c.hasR ? c.xml : c.xml.replace(/^<c/, `<c r="${cellAddress(rec.r, c.col)}"`) });
      }
      for (const [col, xml] of edits) merged.push({ col, xml });
      merged.sort((a, b) => a.col - b.col);
      const spans = attr(open, "spans");
      if (spans !== undefined && merged.length) {
        const [a, b] = spans.split(":").map(Number);
        const lo = Math.min(a || merged[0].col, merged[0].col);
        const hi = Math.max(b || 0, merged[merged.length - 1].col);
        open = open.replace(/\sspans="[^"]*"/, ` spans="${lo}:${hi}"`);
      }
      out.push(`${open}>`, ...merged.map((c) => c.xml), "</row>");
    }
    emitNew(Infinity);
    out.push("</sheetData>", this.tail);
    return out.join("");
  }

  /** <dimension ref> grown to hold the edited cells. */
  private withDimension(head: string): string {
    if (this.edits.size === 0) return head;
    let top = Infinity;
    let bottom = 0;
    let left = Infinity;
    let right = 0;
    for (const [row, cols] of this.edits) {
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      for (const col of cols.keys()) {
        left = Math.min(left, col);
        right = Math.max(right, col);
      }
    }
    const m = /<dimension\b([^>]*?)\/?>/.exec(head);
    if (!m) return head;
    const ref = attr(m[1], "ref");
    let r: Rect = { top, left, bottom, right };
    if (ref) {
      try {
        const d = parseRange(ref);
        r = { top: Math.min(d.top, top), left: Math.min(d.left, left), bottom: Math.max(d.bottom, bottom), right: Math.max(d.right, right) };
      } catch {
        // An unreadable dimension is replaced by the edited cells' extent.
      }
    }
    return head.replace(m[0], `<dimension ref="${rangeOf(r)}"/>`);
  }
}

/** `<col>` elements with column `col` set to `width` (customWidth), splitting a range that holds it. */
export function withColumnWidth(head: string, col: number, width: number): string {
  const el = (min: number, max: number, attrs: string) => `<col min="${min}" max="${max}"${attrs}/>`;
  const cols = /<cols>([\s\S]*?)<\/cols>/.exec(head);
  const mine = ` width="${width}" customWidth="1"`;
  if (!cols) {
    // CT_Worksheet: cols after sheetFormatPr (and sheetViews, dimension, sheetPr), right before sheetData.
    return `${head}<cols>${el(col, col, mine)}</cols>`;
  }
  const items: { min: number; max: number; attrs: string }[] = [];
  for (const m of cols[1].matchAll(/<col\b([^>]*?)\/?>/g)) {
    const min = Number(attr(m[1], "min"));
    const max = Number(attr(m[1], "max"));
    const rest = m[1].replace(/\s(min|max)="[^"]*"/g, "");
    items.push({ min, max, attrs: rest });
  }
  const out: { min: number; max: number; attrs: string }[] = [];
  let placed = false;
  for (const it of items) {
    if (col < it.min || col > it.max) {
      out.push(it);
      continue;
    }
    const others = it.attrs.replace(/\s(width|customWidth|bestFit)="[^"]*"/g, "");
    if (it.min < col) out.push({ min: it.min, max: col - 1, attrs: it.attrs });
    out.push({ min: col, max: col, attrs: `${mine}${others}` });
    if (col < it.max) out.push({ min: col + 1, max: it.max, attrs: it.attrs });
    placed = true;
  }
  if (!placed) out.push({ min: col, max: col, attrs: mine });
  out.sort((a, b) => a.min - b.min);
  return head.replace(cols[0], `<cols>${out.map((o) => el(o.min, o.max, o.attrs)).join("")}</cols>`);
}
