/**
 * The style sheet (xl/styles.xml) of the fast file path: parses an existing one, keeps its entries
 * as they are (never renumbered), and appends new ones deduplicated (the same style gives the same
 * index). See /tmp/notes/fast-interface.md.
 *
 * Entries are kept as XML text; only what layering needs is parsed (an xf's ids and alignment, a
 * font's or border's children), so an input's exotic entries survive byte for byte.
 */
import type { BorderLine, ConditionalRuleSpec, Style } from "../../report/spec";
import { SpecError } from "../errors";
import { escapeXml, unescapeXml } from "../names";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** Excel's blank-workbook style sheet, with the default font the ExcelJS path writes (Calibri 11). */
const FRESH_XML =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<styleSheet xmlns="${NS_MAIN}">` +
  `<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `<dxfs count="0"/>` +
  `<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
  `</styleSheet>`;

/**
 * Built-in number formats that mean the same in every locale (ECMA-376 18.8.30). Date, time and
 * currency built-ins (14-22, 5-8, 37-44) follow the reader's regional settings, so they are written
 * as custom formats instead.
 */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "# ?/?": 12,
  "# ??/??": 13,
  "##0.0E+0": 48,
  "@": 49,
};

/** The sections of CT_Stylesheet, in schema order. */
const SECTION_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
/** Sections whose entries this class manages, with the entry element's name. */
const MANAGED: Record<string, string> = { numFmts: "numFmt", fonts: "font", fills: "fill", borders: "border", cellXfs: "xf", dxfs: "dxf" };

/** One managed section: its entries as XML, and the attributes of its element other than count. */
interface Section {
  attrs: string;
  items: string[];
  /** Entry XML -> first index, for deduplication. */
  index: Map<string, number>;
}

/** An xf of cellXfs, parsed for layering. */
interface Xf {
  numFmtId: number;
  fontId: number;
  fillId: number;
  borderId: number;
  xfId: number;
  /** Other attributes (quotePrefix, applyProtection...) kept verbatim, apply* excluded. */
  rest: string;
  /** alignment attributes in document order. */
  alignment: Map<string, string>;
  /** Other children (protection, extLst) kept verbatim. */
  children: string;
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? m[1] : undefined;
}

function argb(rgb: string): string {
  if (!/^[0-9A-Fa-f]{6}$/.test(rgb)) throw new SpecError(`Not an RGB colour: ${rgb}`);
  return `FF${rgb.toUpperCase()}`;
}

/** Index of the ">" closing the tag that starts at `start`, skipping quoted attribute values (which may hold ">"). */
function tagEndOf(xml: string, start: number): number {
  let quote = "";
  for (let i = start; i < xml.length; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === ">") {
      return i;
    }
  }
  return -1;
}

/** Top-level children of an element's inner XML: [name, xml] in order (comments and text dropped). */
function children(inner: string, prefix: string): { name: string; xml: string }[] {
  const out: { name: string; xml: string }[] = [];
  const re = /<([A-Za-z_][\w.:-]*)/g;
  let at = 0;
  while (at < inner.length) {
    re.lastIndex = at;
    const m = re.exec(inner);
    if (!m) break;
    const start = m.index;
    if (inner.startsWith("<!--", start)) {
      const end = inner.indexOf("-->", start);
      at = end < 0 ? inner.length : end + 3;
      continue;
    }
    const qname = m[1];
    const tagEnd = tagEndOf(inner, start);
    if (tagEnd < 0) break;
    let end: number;
    if (inner[tagEnd - 1] === "/") {
      end = tagEnd + 1;
    } else {
      // The sections and entries handled here never nest an element of their own name.
      const close = inner.indexOf(`</${qname}>`, tagEnd);
      if (close < 0) throw new Error(`styles.xml: <${qname}> is not closed`);
      end = close + qname.length + 3;
    }
    const name = prefix && qname.startsWith(prefix) ? qname.slice(prefix.length) : qname;
    out.push({ name, xml: inner.slice(start, end) });
    at = end;
  }
  return out;
}

/** Attributes and inner XML of one element's XML. */
function splitElement(xml: string): { attrs: string; inner: string } {
  const tagEnd = tagEndOf(xml, 0);
  const selfClosing = xml[tagEnd - 1] === "/";
  const open = xml.slice(0, selfClosing ? tagEnd - 1 : tagEnd);
  const sp = open.search(/\s/);
  const attrs = sp < 0 ? "" : open.slice(sp).trim();
  if (selfClosing) return { attrs, inner: "" };
  return { attrs, inner: xml.slice(tagEnd + 1, xml.lastIndexOf("</")) };
}

type Side = "left" | "right" | "top" | "bottom";
const BORDER_SIDES = ["left", "right", "top", "bottom", "diagonal"] as const;
/** CT_Font's children in the order Excel writes them. */
const FONT_ORDER = ["b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name", "family", "charset", "scheme"];
const ALIGNMENT_ORDER = ["horizontal", "vertical", "textRotation", "wrapText", "indent", "relativeIndent", "justifyLastLine", "shrinkToFit", "readingOrder"];

export class StyleSheet {
  /** XML declaration and root open tag, verbatim. */
  private head: string;
  /** Namespace prefix of the root ("" or "x:"), used on generated entries too. */
  private prefix: string;
  private sections = new Map<string, Section>();
  /** Unmanaged sections (cellStyleXfs, cellStyles, tableStyles, colors, extLst...) verbatim, by name. */
  private verbatim = new Map<string, string>();
  /** Unknown sections in their original position: name -> the known section they followed. */
  private order: string[] = [];
  private numFmtCodes = new Map<string, number>();
  private nextNumFmt = 164;
  private xfs: Xf[] = [];
  private fontChildren: (Map<string, string> | undefined)[] = [];
  private xfCache = new Map<string, number>();
  private dxfCache = new Map<string, number>();

  private constructor(xml: string) {
    const rootStart = xml.search(/<([A-Za-z_][\w.-]*:)?styleSheet[\s>]/);
    if (rootStart < 0) throw new Error("styles.xml: no <styleSheet> element");
    const rootOpenEnd = tagEndOf(xml, rootStart);
    const rootTag = /^<([A-Za-z_][\w.-]*:)?styleSheet/.exec(xml.slice(rootStart))!;
    this.prefix = rootTag[1] ?? "";
    const selfClosing = xml[rootOpenEnd - 1] === "/";
    this.head = xml.slice(0, rootOpenEnd + 1);
    if (selfClosing) this.head = this.head.replace(/\s*\/>$/, ">");
    const close = `</${this.prefix}styleSheet>`;
    const inner = selfClosing ? "" : xml.slice(rootOpenEnd + 1, xml.lastIndexOf(close));
    for (const { name, xml: sx } of children(inner, this.prefix)) {
      this.order.push(name);
      const entry = MANAGED[name];
      if (!entry) {
        this.verbatim.set(name, sx);
        continue;
      }
      const { attrs, inner: si } = splitElement(sx);
      const items = children(si, this.prefix)
        .filter((c) => c.name === entry)
        .map((c) => c.xml);
      const index = new Map<string, number>();
      items.forEach((it, i) => {
        if (!index.has(it)) index.set(it, i);
      });
      this.sections.set(name, { attrs: attrs.replace(/(^|\s)count="\d*"/, "").trim(), items, index });
    }
    for (const name of Object.keys(MANAGED)) {
      if (!this.sections.has(name)) this.sections.set(name, { attrs: "", items: [], index: new Map() });
    }
    for (const it of this.sections.get("numFmts")!.items) {
      const { attrs } = splitElement(it);
      const id = Number(attr(attrs, "numFmtId"));
      const code = unescapeXml(attr(attrs, "formatCode") ?? "");
      if (!this.numFmtCodes.has(code)) this.numFmtCodes.set(code, id);
      if (id >= this.nextNumFmt) this.nextNumFmt = id + 1;
    }
    const fonts = this.sections.get("fonts")!;
    if (!fonts.items.length) this.add("fonts", this.p(`<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>`));
    const fills = this.sections.get("fills")!;
    if (!fills.items.length) {
      this.add("fills", this.p(`<fill><patternFill patternType="none"/></fill>`));
      this.add("fills", this.p(`<fill><patternFill patternType="gray125"/></fill>`));
    }
    if (!this.sections.get("borders")!.items.length) this.add("borders", this.p(`<border><left/><right/><top/><bottom/><diagonal/></border>`));
    if (!this.verbatim.has("cellStyleXfs")) {
      this.verbatim.set("cellStyleXfs", this.p(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`));
    }
    const xfs = this.sections.get("cellXfs")!;
    if (!xfs.items.length) this.add("cellXfs", this.p(`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`));
    this.xfs = xfs.items.map((x) => this.parseXf(x));
  }

  /** An input's xl/styles.xml; existing entries are kept as they are, new ones appended. */
  static parse(stylesXml: string): StyleSheet {
    return new StyleSheet(stylesXml);
  }

  /** Excel's blank-workbook defaults (Calibri 11). */
  static fresh(): StyleSheet {
    return new StyleSheet(FRESH_XML);
  }

  /** Generated XML with the root's namespace prefix, when it has one. */
  private p(xml: string): string {
    return this.prefix ? xml.replace(/<(\/?)([A-Za-z])/g, `<$1${this.prefix}$2`) : xml;
  }

  private add(section: string, xml: string): number {
    const s = this.sections.get(section)!;
    const found = s.index.get(xml);
    if (found !== undefined) return found;
    s.items.push(xml);
    s.index.set(xml, s.items.length - 1);
    return s.items.length - 1;
  }

  private parseXf(xml: string): Xf {
    const { attrs, inner } = splitElement(xml);
    const num = (n: string) => Number(attr(attrs, n) ?? 0);
    const rest = attrs
      .replace(/(^|\s)(numFmtId|fontId|fillId|borderId|xfId|apply(?:NumberFormat|Font|Fill|Border|Alignment))="[^"]*"/g, "")
      .trim();
    const alignment = new Map<string, string>();
    let other = "";
    for (const c of children(inner, this.prefix)) {
      if (c.name === "alignment") {
        const a = splitElement(c.xml).attrs;
        for (const m of a.matchAll(/([\w:]+)="([^"]*)"/g)) alignment.set(m[1], m[2]);
      } else {
        other += c.xml;
      }
    }
    return { numFmtId: num("numFmtId"), fontId: num("fontId"), fillId: num("fillId"), borderId: num("borderId"), xfId: num("xfId"), rest, alignment, children: other };
  }

  private xfXml(x: Xf, base: Xf | undefined): string {
    const applied = (flag: string, on: boolean) => (on ? ` ${flag}="1"` : "");
    const differs = (k: "numFmtId" | "fontId" | "fillId" | "borderId") => !!base && base[k] !== x[k];
    const open =
      `<xf numFmtId="${x.numFmtId}" fontId="${x.fontId}" fillId="${x.fillId}" borderId="${x.borderId}" xfId="${x.xfId}"` +
      (x.rest ? " " + x.rest : "") +
      applied("applyNumberFormat", x.numFmtId !== 0 || differs("numFmtId")) +
      applied("applyFont", x.fontId !== 0 || differs("fontId")) +
      applied("applyFill", x.fillId !== 0 || differs("fillId")) +
      applied("applyBorder", x.borderId !== 0 || differs("borderId")) +
      applied("applyAlignment", x.alignment.size > 0);
    let align = "";
    if (x.alignment.size) {
      const keys = [...x.alignment.keys()].sort((p, q) => rank(ALIGNMENT_ORDER, p) - rank(ALIGNMENT_ORDER, q));
      align = `<alignment${keys.map((k) => ` ${k}="${x.alignment.get(k)}"`).join("")}/>`;
    }
    if (!align && !x.children) return this.p(`${open}/>`);
    return this.p(`${open}>${align}`) + x.children + `</${this.prefix}xf>`;
  }

  /** numFmtId of a format code: a locale-independent built-in, an existing custom one, or a new one. */
  private numFmt(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const known = this.numFmtCodes.get(code);
    if (known !== undefined) return known;
    const id = this.nextNumFmt++;
    this.numFmtCodes.set(code, id);
    this.add("numFmts", this.p(`<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`));
    return id;
  }

  /** A font's children by element name (parsed once per font). */
  private fontOf(id: number): Map<string, string> {
    let m = this.fontChildren[id];
    if (!m) {
      m = new Map();
      const xml = this.sections.get("fonts")!.items[id];
      if (xml) for (const c of children(splitElement(xml).inner, this.prefix)) m.set(c.name, c.xml);
      this.fontChildren[id] = m;
    }
    return m;
  }

  private font(f: NonNullable<Style["font"]>, baseId: number): number {
    const m = new Map(this.fontOf(baseId));
    // Unprefixed here; prefixed once at the end.
    for (const [k, v] of m) m.set(k, this.prefix ? v.replace(new RegExp(`<(/?)${this.prefix}`, "g"), "<$1") : v);
    if (!m.has("sz")) m.set("sz", `<sz val="11"/>`);
    if (!m.has("name")) m.set("name", `<name val="Calibri"/>`);
    if (!m.has("family")) m.set("family", `<family val="2"/>`);
    const flag = (k: string, v: boolean | undefined) => {
      if (v === undefined) return;
      if (v) m.set(k, `<${k}/>`);
      else m.delete(k);
    };
    flag("b", f.bold);
    flag("i", f.italic);
    flag("u", f.underline);
    if (f.size !== undefined) m.set("sz", `<sz val="${f.size}"/>`);
    if (f.color !== undefined) m.set("color", `<color rgb="${argb(f.color)}"/>`);
    if (f.name !== undefined) {
      const before = /val="([^"]*)"/.exec(m.get("name") ?? "")?.[1];
      m.set("name", `<name val="${escapeXml(f.name)}"/>`);
      // A theme font follows the theme, whatever its name says: a new name is a plain font.
      if (before !== escapeXml(f.name)) m.delete("scheme");
    }
    const keys = [...m.keys()].sort((p, q) => rank(FONT_ORDER, p) - rank(FONT_ORDER, q));
    return this.add("fonts", this.p(`<font>${keys.map((k) => m.get(k)).join("")}</font>`));
  }

  /** A border's sides by name (left/right/top/bottom/diagonal...). */
  private borderSides(id: number): Map<string, string> {
    const m = new Map<string, string>();
    const xml = this.sections.get("borders")!.items[id];
    if (!xml) return m;
    const { attrs, inner } = splitElement(xml);
    m.set("@", attrs);
    for (const c of children(inner, this.prefix)) {
      m.set(c.name, this.prefix ? c.xml.replace(new RegExp(`<(/?)${this.prefix}`, "g"), "<$1") : c.xml);
    }
    return m;
  }

  private border(b: NonNullable<Style["border"]>, baseId: number): number {
    const m = this.borderSides(baseId);
    const line = (side: Side, l: BorderLine | undefined) => {
      if (l) m.set(side, `<${side} style="${l.style}"><color rgb="${argb(l.color ?? "000000")}"/></${side}>`);
    };
    line("left", b.left);
    line("right", b.right);
    line("top", b.top);
    line("bottom", b.bottom);
    const attrs = m.get("@") ?? "";
    let inner = "";
    for (const side of ["start", "end", ...BORDER_SIDES, "vertical", "horizontal"]) {
      const x = m.get(side) ?? (BORDER_SIDES.includes(side as (typeof BORDER_SIDES)[number]) ? `<${side}/>` : "");
      inner += x;
    }
    return this.add("borders", this.p(`<border${attrs ? " " + attrs : ""}>${inner}</border>`));
  }

  /** cellXfs index for `style` layered over cellXfs[base] (default 0): what `style` sets overrides the base. */
  xf(style: Style, base = 0): number {
    const key = `${base}|${JSON.stringify(style)}`;
    const cached = this.xfCache.get(key);
    if (cached !== undefined) return cached;
    const b = this.xfs[base] ?? this.xfs[0];
    const x: Xf = { ...b, alignment: new Map(b.alignment) };
    // Empty fills and formats set nothing, as in the ExcelJS path.
    if (style.numberFormat) x.numFmtId = this.numFmt(style.numberFormat);
    if (style.font) x.fontId = this.font(style.font, b.fontId);
    if (style.fill) x.fillId = this.add("fills", this.p(`<fill><patternFill patternType="solid"><fgColor rgb="${argb(style.fill)}"/></patternFill></fill>`));
    if (style.border) x.borderId = this.border(style.border, b.borderId);
    const al = style.alignment;
    if (al) {
      if (al.horizontal !== undefined) x.alignment.set("horizontal", al.horizontal);
      if (al.vertical !== undefined) x.alignment.set("vertical", al.vertical === "middle" ? "center" : al.vertical);
      if (al.wrapText !== undefined) {
        if (al.wrapText) x.alignment.set("wrapText", "1");
        else x.alignment.delete("wrapText");
      }
      if (al.indent !== undefined) {
        if (al.indent > 0) x.alignment.set("indent", String(al.indent));
        else x.alignment.delete("indent");
      }
    }
    const xml = this.xfXml(x, b);
    const s = this.sections.get("cellXfs")!;
    let index = s.index.get(xml);
    if (index === undefined) {
      index = this.add("cellXfs", xml);
      this.xfs[index] = x;
    }
    this.xfCache.set(key, index);
    return index;
  }

  /** The border of cellXfs[index] as a Style border (to continue a table's grid over new cells). */
  borderOf(index: number): Style["border"] | undefined {
    const x = this.xfs[index];
    if (!x || x.borderId === 0) return undefined;
    const m = this.borderSides(x.borderId);
    const out: NonNullable<Style["border"]> = {};
    for (const side of ["left", "right", "top", "bottom"] as const) {
      const xml = m.get(side);
      if (!xml) continue;
      const st = /\sstyle="([^"]*)"/.exec(xml)?.[1];
      if (!st || st === "none") continue;
      const lineStyle: BorderLine["style"] = st === "medium" || st === "thick" ? st : "thin";
      const rgb = /<(?:\w+:)?color\b[^>]*\srgb="[0-9A-Fa-f]{2}([0-9A-Fa-f]{6})"/.exec(xml)?.[1];
      out[side] = rgb ? { style: lineStyle, color: rgb.toUpperCase() } : { style: lineStyle };
    }
    return Object.keys(out).length ? out : undefined;
  }

  /** dxfs index for a conditional format's style. */
  dxf(style: ConditionalRuleSpec["style"]): number {
    const key = JSON.stringify(style);
    const cached = this.dxfCache.get(key);
    if (cached !== undefined) return cached;
    let font = "";
    // bold: false leaves the cell's weight alone, as the ExcelJS path writes it.
    if (style.bold) font += "<b/>";
    if (style.fontColor) font += `<color rgb="${argb(style.fontColor)}"/>`;
    let xml = "<dxf>";
    if (font) xml += `<font>${font}</font>`;
    if (style.fill) {
      // Excel reads a differential fill's colour from bgColor; LibreOffice from either.
      const c = argb(style.fill);
      xml += `<fill><patternFill patternType="solid"><fgColor rgb="${c}"/><bgColor rgb="${c}"/></patternFill></fill>`;
    }
    xml += "</dxf>";
    const index = this.add("dxfs", this.p(xml));
    this.dxfCache.set(key, index);
    return index;
  }

  toXml(): string {
    const names = [...this.order];
    // Managed sections that were absent go to their schema position.
    for (const name of SECTION_ORDER) {
      const present = names.includes(name);
      const needed = name === "cellStyleXfs" || (MANAGED[name] && (this.sections.get(name)!.items.length > 0 || name !== "numFmts"));
      if (present || !needed) continue;
      const after = SECTION_ORDER.slice(0, SECTION_ORDER.indexOf(name)).filter((n) => names.includes(n)).pop();
      const at = after === undefined ? 0 : names.indexOf(after) + 1;
      names.splice(at, 0, name);
    }
    const P = this.prefix;
    let out = this.head;
    for (const name of names) {
      const s = MANAGED[name] ? this.sections.get(name)! : undefined;
      if (!s) {
        out += this.verbatim.get(name) ?? "";
        continue;
      }
      if (name === "numFmts" && !s.items.length) continue;
      const attrs = s.attrs ? " " + s.attrs : "";
      out += s.items.length
        ? `<${P}${name} count="${s.items.length}"${attrs}>${s.items.join("")}</${P}${name}>`
        : `<${P}${name} count="0"${attrs}/>`;
    }
    return out + `</${P}styleSheet>`;
  }
}

function rank(order: string[], k: string): number {
  const i = order.indexOf(k);
  return i < 0 ? order.length : i;
}
