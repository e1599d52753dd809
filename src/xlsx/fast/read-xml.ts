/**
 * Small XML reading for the fast reader: text and attribute decoding as an XML parser does it, and
 * the workbook-level parts (shared strings, styles, table parts, workbook properties). Parts are read
 * with indexOf and regular expressions over the whole string, never through a DOM.
 *
 * Where ExcelJS (the reference reader) decodes differently from Excel, Excel is followed; each such
 * place says so and test/xlsx/fast-read.test.ts proves it.
 */

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/g;

function entity(m: string, name: string | undefined, dec: string | undefined, hex: string | undefined): string {
  if (name) return NAMED[name];
  const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
  // A reference to no character: an XML parser stops there; the text is kept as written.
  if (!(code > 0 && code <= 0x10ffff)) return m;
  return String.fromCodePoint(code);
}

/** Character data as an XML parser hands it over: line ends normalized to "\n", references decoded. */
export function decodeText(raw: string): string {
  let s = raw;
  if (s.indexOf("\r") >= 0) s = s.replace(/\r\n?/g, "\n");
  if (s.indexOf("&") < 0) return s;
  if (s.indexOf("&#") >= 0) return s.replace(ENTITY, entity);
  // Named references only (formulas are full of &amp; and &quot;): plain replacements, &amp; last.
  if (s.indexOf("&lt;") >= 0) s = s.replaceAll("&lt;", "<");
  if (s.indexOf("&gt;") >= 0) s = s.replaceAll("&gt;", ">");
  if (s.indexOf("&quot;") >= 0) s = s.replaceAll("&quot;", '"');
  if (s.indexOf("&apos;") >= 0) s = s.replaceAll("&apos;", "'");
  if (s.indexOf("&amp;") >= 0) s = s.replaceAll("&amp;", "&");
  return s;
}

/** An attribute value as an XML parser hands it over: literal tabs and line ends become spaces, references decoded. */
export function decodeAttr(raw: string): string {
  let s = raw;
  if (/[\t\n\r]/.test(s)) s = s.replace(/\r\n/g, " ").replace(/[\t\n\r]/g, " ");
  if (s.indexOf("&") >= 0) s = s.replace(ENTITY, entity);
  return s;
}

const X_ESCAPE = /_x([0-9A-F]{4})_/g;

/**
 * An ST_Xstring's escapes: "_x000A_" is a line feed ("_x005F_" escapes an underscore). Upper-case
 * hexadecimal only, as ExcelJS decodes them.
 */
export function decodeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(X_ESCAPE, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Escapes text so it can stand as character data (for CDATA sections turned into text). */
function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The XML without comments, processing instructions past the declaration and CDATA sections (their
 * text kept as character data), so the scanners only meet elements and text. A no-op for the
 * parts Excel writes.
 */
export function plainXml(xml: string): string {
  let s = xml;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  if (s.indexOf("<!--") >= 0) s = s.replace(/<!--[\s\S]*?-->/g, "");
  if (s.indexOf("<![CDATA[") >= 0) s = s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, t: string) => escapeText(t));
  return s;
}

/** A start tag (quote-aware): `<name attrs>` or `<name attrs/>`, unprefixed names. */
export const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

const ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a tag's attribute text, decoded. */
export function attrsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(text); m; m = ATTR.exec(text)) out.set(m[1], decodeAttr(m[2] ?? m[3] ?? ""));
  return out;
}

/** One attribute of a tag's attribute text, decoded; undefined when absent. */
export function attrOf(text: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
  const m = re.exec(text);
  return m ? decodeAttr(m[1] ?? m[2] ?? "") : undefined;
}

// ---------------------------------------------------------------------------------------------
// Shared strings

/** The text of one <si> (or an inline <is>) body: rich text runs joined, phonetic runs left out. */
export function stringItemText(body: string): string {
  let s = body;
  // Phonetic guides (furigana) are not part of the text.
  if (s.indexOf("<rPh") >= 0) s = s.replace(/<rPh\b(?:[^>"']|"[^"]*"|'[^']*')*?(?:\/>|>[\s\S]*?<\/rPh>)/g, "");
  // The plain case, first: <t>text</t>.
  if (s.startsWith("<t>")) {
    const end = s.indexOf("</t>");
    if (end >= 0 && end + 4 === s.length && s.indexOf("<", 3) === end) return decodeXstring(decodeText(s.slice(3, end)));
  }
  const hasRuns = /<r[\s>]/.test(s);
  let out = "";
  const re = /<t\b((?:[^>"']|"[^"]*"|'[^']*')*?)(?:\/>|>([^<]*)<\/t>)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const text = m[2] === undefined ? "" : decodeXstring(decodeText(m[2]));
    // Runs are joined; a string item without runs holds one <t> (ExcelJS keeps the last of several).
    out = hasRuns ? out + text : text;
  }
  return out;
}

/** The shared strings table, in order. An empty <si/> is "" (ExcelJS reads "[object Object]"). */
export function parseSharedStrings(xml: string): string[] {
  const s = plainXml(xml);
  const out: string[] = [];
  let p = s.indexOf("<sst");
  if (p < 0) return out;
  for (;;) {
    const open = s.indexOf("<si", p);
    if (open < 0) break;
    const c = s.charCodeAt(open + 3);
    // <si>, <si/>, <si attr...>; not <sis...>.
    if (c !== 62 && c !== 47 && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      p = open + 3;
      continue;
    }
    const gt = s.indexOf(">", open);
    if (gt < 0) break;
    if (s.charCodeAt(gt - 1) === 47) {
      out.push("");
      p = gt + 1;
      continue;
    }
    const close = s.indexOf("</si>", gt);
    if (close < 0) break;
    out.push(stringItemText(s.slice(gt + 1, close)));
    p = close + 5;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Styles: number formats by cell format index

/** The built-in number formats ExcelJS names (lib/xlsx/defaultnumformats.js, the entries with a code). */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** The number format of each cellXfs entry (undefined for General), as ExcelJS names them. */
export function parseCellFormats(xml: string): (string | undefined)[] {
  const s = plainXml(xml);
  const custom = new Map<number, string>();
  const block = (name: string): string => {
    const open = new RegExp(`<${name}\\b(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>`).exec(s);
    if (!open || open[1] === "/") return "";
    const end = s.indexOf(`</${name}>`, open.index);
    return s.slice(open.index + open[0].length, end < 0 ? s.length : end);
  };
  const numFmts = block("numFmts");
  for (const m of numFmts.matchAll(/<numFmt\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/g)) {
    const a = attrsOf(m[1]);
    const code = a.get("formatCode");
    if (code === undefined) continue;
    // ExcelJS drops the backslashes of escaped characters: dd\/mm\/yyyy reads dd/mm/yyyy.
    custom.set(parseInt(a.get("numFmtId") ?? "", 10), code.replace(/[\\](.)/g, "$1"));
  }
  const out: (string | undefined)[] = [];
  for (const m of block("cellXfs").matchAll(/<xf\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/g)) {
    const id = parseInt(attrOf(m[1], "numFmtId") ?? "", 10);
    // Id 0 (General) and a missing id carry no format.
    out.push(id ? custom.get(id) || BUILT_IN_FORMATS[id] : undefined);
  }
  return out;
}

/** ExcelJS's rule for a date format (lib/utils/utils.js isDateFmt): a y, m, d, h, s or b outside quotes and brackets. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** A serial date to the JS Date ExcelJS makes of it (lib/utils/utils.js excelToDate). */
export function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** An ISO 8601 date (a cell of type "d") to its serial number in the workbook's date system; NaN if unreadable. */
export function isoToSerial(text: string, date1904: boolean): number {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?\s*(?:Z|[+-]00:?00)?\s*$/.exec(text);
  const t = /^\s*(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*$/.exec(text);
  let ms: number;
  if (m) ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)) + Number(m[6] ?? 0) * 1000;
  else if (t) ms = Date.UTC(1899, 11, 30, Number(t[1]), Number(t[2])) + Number(t[3] ?? 0) * 1000;
  else return NaN;
  return ms / 86400000 + 25569 - (date1904 ? 1462 : 0);
}

// ---------------------------------------------------------------------------------------------
// Workbook and table parts

/** Whether the workbook counts dates from 1904 (<workbookPr date1904="1"/>; "true" too, as Excel reads it). */
export function isDate1904(workbookXml: string): boolean {
  const m = /<workbookPr\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/.exec(workbookXml);
  const v = m ? attrOf(m[1], "date1904") : undefined;
  return v === "1" || v === "true";
}

export interface TablePart {
  name: string;
  ref: string;
  headerRowCount: number;
  totalsRowCount: number;
  /** tableColumn names; undefined where a column has no name attribute. */
  columns: (string | undefined)[];
}

/** A table part (xl/tables/tableN.xml); null when it has no <table> element. */
export function parseTablePart(xml: string): TablePart | null {
  const s = plainXml(xml);
  const open = /<table\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/.exec(s);
  if (!open) return null;
  const a = attrsOf(open[1]);
  const count = (v: string | undefined, dflt: number) => (v === undefined ? dflt : Number(v) || 0);
  const columns: (string | undefined)[] = [];
  for (const m of s.matchAll(/<tableColumn\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/g)) {
    const name = attrsOf(m[1]).get("name");
    // Excel escapes a line break in a column name as _x000a_ (ExcelJS keeps the escape).
    columns.push(name === undefined ? undefined : name.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  }
  return {
    name: a.get("name") ?? "",
    ref: a.get("ref") ?? "",
    // OOXML's default is a header row (Excel omits the attribute); ExcelJS reads it as none.
    headerRowCount: count(a.get("headerRowCount"), 1),
    totalsRowCount: count(a.get("totalsRowCount"), 0),
    columns,
  };
}
