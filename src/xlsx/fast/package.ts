/**
 * The package model of the fast file path: an .xlsx as its parts (ZipParts), edited in place and
 * zipped once. It knows the workbook's sheets in order, their relationships and related parts, the
 * content types, the defined names, calcPr and the style sheet; what a sheet holds is the
 * business of src/xlsx/fast/sheet.ts (new sheets) and input-edit.ts (input sheets).
 *
 * Parts nobody edits stay the very bytes of the input: pivot tables, pictures, comments, charts of
 * the official's sheets travel untouched.
 */
import { escapeXml, parseDefinedNames, rewriteDefinedNames, unescapeXml, type DefinedNameXml } from "../names";
import { parseRels, relsPathOf, resolveTarget, type Rel } from "../package";
import type { RelatedPart, RenderedSheet } from "./sheet";
import { StyleSheet } from "./styles";
import { isPacked, packPart, unpackPart, writeZip, type PackedPart, type ZipEntries, type ZipParts } from "./zip";

export const WORKBOOK_PART = "xl/workbook.xml";
const CT_PATH = "[Content_Types].xml";
const ROOT_RELS = "_rels/.rels";

export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types";
export const REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
export const REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const REL_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
const REL_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
export const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
export const CT_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
export const CT_WORKBOOK_MACRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const CT_RELS = "application/vnd.openxmlformats-package.relationships+xml";
const CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml";
const CT_APP = "application/vnd.openxmlformats-officedocument.extended-properties+xml";

const XML_DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** The last segment of a relationship type ("worksheet", "table", "vbaProject"), strict or transitional. */
export function relKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}

function isExternal(r: Rel): boolean {
  return /TargetMode="External"/.test(r.rest);
}

export function renderRels(rels: Rel[]): string {
  return (
    XML_DECL +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    rels.map((r) => `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.target)}"${r.rest ? " " + r.rest : ""}/>`).join("") +
    `</Relationships>`
  );
}

export function nextRelId(rels: Rel[]): string {
  let n = 0;
  for (const r of rels) {
    const m = /^rId(\d+)$/.exec(r.id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return `rId${n + 1}`;
}

/** Target of a part relative to the part that points at it ("../tables/table1.xml"). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

/** The rels part of a part; the package's own relationships for "". */
function relsOf(part: string): string {
  return part === "" ? ROOT_RELS : relsPathOf(part);
}

/** A <sheet> of workbook.xml. */
export interface SheetEntry {
  name: string;
  sheetId: number;
  rid: string;
  /** The part it points to ("xl/worksheets/sheet1.xml"); "" when the relationship is missing. */
  part: string;
  /** Relationship kind: "worksheet", "chartsheet", "xlMacrosheet", "dialogsheet". */
  kind: string;
  /** The element as the input wrote it (other attributes such as state="hidden" kept); null for new sheets. */
  raw: string | null;
}

interface ContentTypes {
  /** The <Types ...> start tag. */
  head: string;
  defaults: { ext: string; type: string }[];
  /** PartName without leading "/" -> content type. */
  overrides: Map<string, string>;
}

function parseContentTypes(xml: string): ContentTypes {
  const head = /<Types\b[^>]*>/.exec(xml)?.[0] ?? `<Types xmlns="${NS_CT}">`;
  const defaults: { ext: string; type: string }[] = [];
  for (const m of xml.matchAll(/<Default\b([^>]*?)\/?>/g)) {
    const ext = /\sExtension="([^"]*)"/.exec(m[1])?.[1];
    const type = /\sContentType="([^"]*)"/.exec(m[1])?.[1];
    if (ext !== undefined && type !== undefined) defaults.push({ ext: unescapeXml(ext), type: unescapeXml(type) });
  }
  const overrides = new Map<string, string>();
  for (const m of xml.matchAll(/<Override\b([^>]*?)\/?>/g)) {
    const p = /\sPartName="([^"]*)"/.exec(m[1])?.[1];
    const type = /\sContentType="([^"]*)"/.exec(m[1])?.[1];
    if (p !== undefined && type !== undefined) overrides.set(unescapeXml(p).replace(/^\//, ""), unescapeXml(type));
  }
  return { head, defaults, overrides };
}

function renderContentTypes(ct: ContentTypes): string {
  return (
    XML_DECL +
    ct.head +
    ct.defaults.map((d) => `<Default Extension="${escapeXml(d.ext)}" ContentType="${escapeXml(d.type)}"/>`).join("") +
    [...ct.overrides].map(([p, t]) => `<Override PartName="/${escapeXml(p)}" ContentType="${escapeXml(t)}"/>`).join("") +
    `</Types>`
  );
}

export interface AddSheetOptions {
  /** 0-based position among the sheets; at the end by default. */
  index?: number;
}

/** An .xlsx package as parts, edited in memory and written with one zip pass. */
export class Package {
  /** Part name -> bytes (as read), text (as edited) or packed (large parts, see packLargeParts), in archive order. */
  private readonly parts = new Map<string, Buffer | string | PackedPart>();
  /** zlib level large parts are packed at as they are written; null: kept whole until the zip. */
  private packLevel: number | null = null;
  private wbXml: string;
  private wbRelsPath: string;
  private wbRels: Rel[];
  private ct: ContentTypes;
  private entries: SheetEntry[];
  private names: DefinedNameXml[];
  private styleSheet: StyleSheet | null = null;
  private stylesPart: string | null = null;
  private readonly workbookPart: string;

  private constructor(parts: Map<string, Buffer | string>) {
    for (const [k, v] of parts) this.parts.set(k, v);
    const rootRels = parseRels(this.text(ROOT_RELS));
    const office = rootRels.find((r) => relKind(r.type) === "officeDocument");
    this.workbookPart = office ? resolveTarget("", office.target) : WORKBOOK_PART;
    const wb = this.text(this.workbookPart);
    if (wb === null) throw new Error(`package without ${this.workbookPart}`);
    this.wbXml = wb;
    this.wbRelsPath = relsOf(this.workbookPart);
    this.wbRels = parseRels(this.text(this.wbRelsPath));
    this.ct = parseContentTypes(this.text(CT_PATH) ?? "");
    this.entries = parseSheetEntries(wb, this.wbRels, this.workbookPart);
    this.names = parseDefinedNames(wb);
  }

  /** An empty workbook (no sheets yet): content types, relationships, properties, workbook, styles. */
  static fresh(): Package {
    const parts = new Map<string, Buffer | string>();
    parts.set(
      CT_PATH,
      renderContentTypes({
        head: `<Types xmlns="${NS_CT}">`,
        defaults: [
          { ext: "rels", type: CT_RELS },
          { ext: "xml", type: "application/xml" },
        ],
        overrides: new Map([
          [WORKBOOK_PART, CT_WORKBOOK],
          ["xl/styles.xml", CT_STYLES],
          ["docProps/core.xml", CT_CORE],
          ["docProps/app.xml", CT_APP],
        ]),
      }),
    );
    parts.set(
      ROOT_RELS,
      renderRels([
        { id: "rId1", type: REL_OFFICE_DOC, target: WORKBOOK_PART, rest: "" },
        { id: "rId2", type: REL_CORE, target: "docProps/core.xml", rest: "" },
        { id: "rId3", type: REL_APP, target: "docProps/app.xml", rest: "" },
      ]),
    );
    parts.set(
      "docProps/app.xml",
      XML_DECL +
        `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
        `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application></Properties>`,
    );
    parts.set(
      "docProps/core.xml",
      XML_DECL +
        `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
        `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
        `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Seguimiento PIPC</dc:creator></cp:coreProperties>`,
    );
    parts.set(
      WORKBOOK_PART,
      XML_DECL +
        `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
        `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>` +
        `<sheets/><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`,
    );
    parts.set(relsOf(WORKBOOK_PART), renderRels([{ id: "rId1", type: REL_STYLES, target: "styles.xml", rest: "" }]));
    // An empty styles part: the `styles` getter makes it Excel's defaults, written at toBuffer.
    parts.set("xl/styles.xml", "");
    return new Package(parts);
  }

  /** The package of inflated parts (src/xlsx/fast/read.ts); the map is copied, the bytes are not. */
  static from(parts: ZipParts): Package {
    return new Package(parts);
  }

  // -------------------------------------------------------------------------------------------
  // Parts

  has(part: string): boolean {
    return this.parts.has(part);
  }

  /** Part names in archive order. */
  partNames(): string[] {
    return [...this.parts.keys()];
  }

  /** A part as text (UTF-8, BOM dropped); null when missing. */
  text(part: string): string | null {
    const v = this.parts.get(part);
    if (v === undefined) return null;
    if (typeof v === "string") return v;
    const s = (isPacked(v) ? unpackPart(v) : v).toString("utf8");
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }

  bytes(part: string): Buffer | null {
    const v = this.parts.get(part);
    if (v === undefined) return null;
    if (typeof v === "string") return Buffer.from(v, "utf8");
    return isPacked(v) ? unpackPart(v) : v;
  }

  /**
   * From now on, every large part written (a report sheet, an edited input sheet) is deflated at
   * `level` right away: the report of 20,000 activities holds some 120 MB of sheet XML, which then
   * never lives whole in memory. toBuffer should use the same level (the bytes stay deterministic
   * either way).
   */
  packLargeParts(level: number): void {
    this.packLevel = level;
  }

  /**
   * A large part's text encoded right away (the string, often a rope of many pieces, can be
   * collected while the rest of the report is written) and packed when packLargeParts asked for it.
   */
  private compact(data: string | Buffer): string | Buffer | PackedPart {
    if (data.length <= 1 << 18) return data;
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    return this.packLevel === null ? bytes : packPart(bytes, this.packLevel);
  }

  /** Writes a part (new ones go at the end of the archive); with a content type, its Override too. */
  setPart(part: string, data: string | Buffer, contentType?: string): void {
    if (part === this.workbookPart) {
      this.wbXml = typeof data === "string" ? data : data.toString("utf8");
      this.entries = parseSheetEntries(this.wbXml, this.wbRels, this.workbookPart);
      this.names = parseDefinedNames(this.wbXml);
    }
    this.parts.set(part, this.compact(data));
    if (contentType) this.ct.overrides.set(part, contentType);
  }

  contentTypeOf(part: string): string | undefined {
    const o = this.ct.overrides.get(part);
    if (o) return o;
    const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
    return this.ct.defaults.find((d) => d.ext.toLowerCase() === ext)?.type;
  }

  setContentType(part: string, contentType: string): void {
    this.ct.overrides.set(part, contentType);
  }

  /** The relationships of a part ("" for the package's own). */
  rels(part: string): Rel[] {
    if (part === this.workbookPart) return this.wbRels.map((r) => ({ ...r }));
    return parseRels(this.text(relsOf(part)));
  }

  setRels(part: string, rels: Rel[]): void {
    if (part === this.workbookPart) {
      // The sheets are the model's (this.entries): a sheet's relationship goes with the sheet.
      this.wbRels = rels.map((r) => ({ ...r }));
      return;
    }
    const p = relsOf(part);
    if (rels.length === 0) this.parts.delete(p);
    else this.parts.set(p, renderRels(rels));
  }

  /** The internal parts a part points to, resolved. */
  targets(part: string, kind?: string): string[] {
    return this.rels(part)
      .filter((r) => !isExternal(r) && (kind === undefined || relKind(r.type) === kind))
      .map((r) => resolveTarget(part, r.target));
  }

  /**
   * Removes parts and then every part only they led to (their relationships' targets that nothing
   * else in the package points to), with their rels and content-type overrides.
   */
  removeParts(removed: string[]): void {
    const candidates = new Set<string>();
    const stack = [...removed];
    while (stack.length) {
      const p = stack.pop() as string;
      if (candidates.has(p) || !this.parts.has(p)) continue;
      candidates.add(p);
      for (const t of this.targets(p)) stack.push(t);
    }
    const gone = new Set(removed);
    // Drop the relationships that point at the removed parts from everyone else.
    for (const name of [...this.parts.keys()]) {
      if (!name.endsWith(".rels") || candidates.has(name)) continue;
      const source = sourceOfRels(name);
      if (source === null || gone.has(source)) continue;
      const rels = this.rels(source);
      const kept = rels.filter((r) => isExternal(r) || !gone.has(resolveTarget(source, r.target)));
      if (kept.length !== rels.length) this.setRels(source, kept);
    }
    const reachable = this.reachable();
    for (const p of candidates) {
      if (reachable.has(p) && !gone.has(p)) continue;
      this.parts.delete(p);
      this.parts.delete(relsOf(p));
      this.ct.overrides.delete(p);
    }
  }

  /** Every part reachable from the package's relationships. */
  private reachable(): Set<string> {
    const seen = new Set<string>();
    const stack = this.targets("");
    while (stack.length) {
      const p = stack.pop() as string;
      if (seen.has(p)) continue;
      seen.add(p);
      for (const t of this.targets(p)) stack.push(t);
    }
    return seen;
  }

  /** A part name not taken: "xl/tables/table" -> "xl/tables/table3.xml". */
  freePart(base: string, ext = ".xml"): string {
    const lower = new Set([...this.parts.keys()].map((k) => k.toLowerCase()));
    for (let n = 1; ; n++) {
      const p = `${base}${n}${ext}`;
      if (!lower.has(p.toLowerCase())) return p;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Sheets

  /** The sheets in workbook order (worksheets, chart sheets, macro sheets). */
  sheets(): SheetEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  sheet(name: string): SheetEntry | undefined {
    const k = name.toLowerCase();
    return this.entries.find((e) => e.name.toLowerCase() === k);
  }

  sheetIndex(name: string): number {
    const k = name.toLowerCase();
    return this.entries.findIndex((e) => e.name.toLowerCase() === k);
  }

  /**
   * Removes a sheet (ignoring case): its entry, its part and every part only it used (tables,
   * drawings and their charts and pictures, comments, pivot tables...), their content types, the
   * names scoped to it (later sheets' localSheetId renumbered) and its place in bookViews.
   */
  removeSheet(name: string): void {
    const i = this.sheetIndex(name);
    if (i < 0) throw new Error(`no sheet ${name}`);
    const entry = this.entries[i];
    this.entries.splice(i, 1);
    this.wbRels = this.wbRels.filter((r) => r.id !== entry.rid);
    this.names = this.names
      .filter((n) => n.localSheetId !== i)
      .map((n) => (n.localSheetId !== undefined && n.localSheetId > i ? { ...n, localSheetId: n.localSheetId - 1 } : n));
    this.wbXml = shiftBookViews(this.wbXml, i, this.entries.length);
    // calcChain names cells by sheet: stale entries make Excel repair the file; it rebuilds it.
    this.dropCalcChain();
    if (entry.part) this.removeParts([entry.part]);
  }

  /** Drops xl/calcChain.xml (Excel rebuilds it; fullCalcOnLoad recalculates anyway). */
  dropCalcChain(): void {
    const chain = this.wbRels.filter((r) => relKind(r.type) === "calcChain");
    if (!chain.length) return;
    this.wbRels = this.wbRels.filter((r) => relKind(r.type) !== "calcChain");
    for (const r of chain) {
      const p = resolveTarget(this.workbookPart, r.target);
      this.parts.delete(p);
      this.ct.overrides.delete(p);
    }
  }

  /**
   * Adds a rendered worksheet: its part and its related parts numbered after those already there,
   * their relationships and content types, and its print names.
   */
  addSheet(name: string, rendered: RenderedSheet, opts: AddSheetOptions = {}): SheetEntry {
    if (this.sheet(name)) throw new Error(`sheet ${name} already exists`);
    const part = this.freePart("xl/worksheets/sheet");
    this.parts.set(part, this.compact(rendered.xml));
    this.ct.overrides.set(part, CT_WORKSHEET);
    this.addRelated(part, rendered.related);
    const rid = nextRelId(this.wbRels);
    this.wbRels.push({ id: rid, type: REL_WORKSHEET, target: relativeTarget(this.workbookPart, part), rest: "" });
    const sheetId = this.entries.reduce((m, e) => Math.max(m, e.sheetId), 0) + 1;
    const entry: SheetEntry = { name, sheetId, rid, part, kind: "worksheet", raw: null };
    const index = opts.index === undefined ? this.entries.length : Math.max(0, Math.min(opts.index, this.entries.length));
    if (index < this.entries.length) {
      this.names = this.names.map((n) => (n.localSheetId !== undefined && n.localSheetId >= index ? { ...n, localSheetId: n.localSheetId + 1 } : n));
    }
    this.entries.splice(index, 0, entry);
    this.setPrintNames(name, rendered.printNames);
    return { ...entry };
  }

  /** Writes related parts of `parent` (numbered freely) and their relationships, with the ids they chose. */
  private addRelated(parent: string, related: RelatedPart[]): void {
    if (!related.length) return;
    const rels = this.rels(parent);
    for (const r of related) {
      const p = this.freePart(r.partBase);
      this.parts.set(p, this.compact(r.xml));
      this.ct.overrides.set(p, r.contentType);
      const at = rels.findIndex((x) => x.id === r.relId);
      const rel: Rel = { id: r.relId, type: r.relType, target: relativeTarget(parent, p), rest: "" };
      if (at >= 0) rels[at] = rel;
      else rels.push(rel);
      if (r.children?.length) this.addRelated(p, r.children);
    }
    this.setRels(parent, rels);
  }

  // -------------------------------------------------------------------------------------------
  // Defined names

  definedNames(): DefinedNameXml[] {
    return this.names.map((n) => ({ ...n }));
  }

  /** Sets a workbook-level name (replacing one of the same name, ignoring case). `text` without "=". */
  setDefinedName(name: string, text: string, attrs = ""): void {
    const k = name.toLowerCase();
    this.names = this.names.filter((n) => !(n.localSheetId === undefined && n.name.toLowerCase() === k));
    this.names.push({ name, text, attrs });
  }

  removeDefinedNames(pred: (n: DefinedNameXml) => boolean): void {
    this.names = this.names.filter((n) => !pred(n));
  }

  /** Replaces a sheet's print area and titles with these (texts without "="). */
  setPrintNames(sheet: string, printNames: { name: "_xlnm.Print_Area" | "_xlnm.Print_Titles"; text: string }[]): void {
    const i = this.sheetIndex(sheet);
    if (i < 0) throw new Error(`no sheet ${sheet}`);
    const setting = new Set(printNames.map((p) => p.name.toLowerCase()));
    this.names = this.names.filter((n) => !(n.localSheetId === i && setting.has(n.name.toLowerCase())));
    for (const p of printNames) this.names.push({ name: p.name, localSheetId: i, text: p.text, attrs: "" });
  }

  // -------------------------------------------------------------------------------------------
  // Styles

  /** The style sheet (parsed once from the package's styles part), written back by toBuffer. */
  get styles(): StyleSheet {
    if (!this.styleSheet) {
      const rel = this.wbRels.find((r) => relKind(r.type) === "styles" && !isExternal(r));
      if (rel) {
        this.stylesPart = resolveTarget(this.workbookPart, rel.target);
        const xml = this.text(this.stylesPart);
        this.styleSheet = xml ? StyleSheet.parse(xml) : StyleSheet.fresh();
      } else {
        this.stylesPart = "xl/styles.xml";
        this.wbRels.push({ id: nextRelId(this.wbRels), type: REL_STYLES, target: relativeTarget(this.workbookPart, this.stylesPart), rest: "" });
        this.ct.overrides.set(this.stylesPart, CT_STYLES);
        this.styleSheet = StyleSheet.fresh();
      }
    }
    return this.styleSheet;
  }

  // -------------------------------------------------------------------------------------------
  // Workbook

  /** The workbook part's name ("xl/workbook.xml"). */
  get workbookPartName(): string {
    return this.workbookPart;
  }

  /** The workbook part's text as it will be written, without sheets and names (kept separately). */
  workbookXml(): string {
    return this.renderWorkbook();
  }

  /** The workbook's relationships (a copy). */
  workbookRels(): Rel[] {
    return this.wbRels.map((r) => ({ ...r }));
  }

  setWorkbookRels(rels: Rel[]): void {
    this.setRels(this.workbookPart, rels);
  }

  /** Edits workbook.xml outside <sheets> and <definedNames> (those are rendered from the model). */
  editWorkbookXml(edit: (xml: string) => string): void {
    this.wbXml = edit(this.wbXml);
  }

  private renderWorkbook(): string {
    const sheets = `<sheets>${this.entries.map(renderSheetEntry).join("")}</sheets>`;
    let xml = this.wbXml.replace(/<sheets\s*\/>|<sheets>[\s\S]*?<\/sheets>/, sheets);
    xml = rewriteDefinedNames(xml, () => true, this.names);
    return withFullCalcOnLoad(xml);
  }

  /**
   * docProps/app.xml names the workbook's sheets (TitlesOfParts, counted in HeadingPairs) as the
   * input had them; a reader that shows them (the file's properties in Windows, SharePoint) would
   * list the old ones. The usual list, worksheets only, is written anew; any other (named ranges,
   * chart sheets counted apart) is dropped: both elements are optional, and Excel writes them again
   * on save.
   */
  private syncAppProperties(): void {
    for (const part of this.targets("", "extended-properties")) {
      const xml = this.text(part);
      if (!xml) continue;
      const pairs = /<HeadingPairs>[\s\S]*?<\/HeadingPairs>/.exec(xml)?.[0];
      const titles = /<TitlesOfParts>[\s\S]*?<\/TitlesOfParts>/.exec(xml)?.[0];
      if (pairs === undefined && titles === undefined) continue;
      const labels = pairs ? [...pairs.matchAll(/<vt:lpstr>([^<]*)<\/vt:lpstr>/g)].map((m) => m[1]) : [];
      const names = this.entries.map((e) => e.name);
      const onlySheets = pairs !== undefined && titles !== undefined && labels.length === 1 && this.entries.every((e) => e.kind === "worksheet");
      const pairsNew = onlySheets
        ? `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>${labels[0]}</vt:lpstr></vt:variant>` +
          `<vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>`
        : "";
      const titlesNew = onlySheets
        ? `<TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${escapeXml(n)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts>`
        : "";
      let out = xml;
      if (pairs !== undefined) out = out.replace(pairs, () => pairsNew);
      if (titles !== undefined) out = out.replace(titles, () => titlesNew);
      this.parts.set(part, out);
    }
  }

  /** The parts as they will be zipped (workbook, rels, content types, styles and app properties rendered). */
  toParts(): ZipEntries {
    this.syncAppProperties();
    this.parts.set(this.workbookPart, this.renderWorkbook());
    this.parts.set(this.wbRelsPath, renderRels(this.wbRels));
    // A package without styles (or Package.fresh's empty part) gets Excel's defaults.
    const stylesRel = this.wbRels.find((r) => relKind(r.type) === "styles" && !isExternal(r));
    if (!stylesRel || this.text(resolveTarget(this.workbookPart, stylesRel.target)) === "") void this.styles;
    if (this.styleSheet && this.stylesPart) this.parts.set(this.stylesPart, this.styleSheet.toXml());
    this.parts.set(CT_PATH, renderContentTypes(this.ct));
    const out: ZipEntries = new Map();
    for (const [k, v] of this.parts) {
      if (typeof v !== "string") {
        out.set(k, v);
        continue;
      }
      // Encoded once; the text is let go (large sheets are tens of megabytes as strings).
      const b = Buffer.from(v, "utf8");
      this.parts.set(k, b);
      out.set(k, b);
    }
    return out;
  }

  /** The .xlsx bytes: one deterministic zip pass. */
  toBuffer(opts: { level?: number } = {}): Buffer {
    return writeZip(this.toParts(), opts);
  }
}

/** The part a .rels part describes ("xl/_rels/workbook.xml.rels" -> "xl/workbook.xml"; "_rels/.rels" -> ""). */
function sourceOfRels(relsPart: string): string | null {
  if (relsPart === ROOT_RELS) return "";
  const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(relsPart);
  return m ? `${m[1]}${m[2]}` : null;
}

function parseSheetEntries(workbookXml: string, rels: Rel[], workbookPart: string): SheetEntry[] {
  const block = /<sheets>([\s\S]*?)<\/sheets>/.exec(workbookXml)?.[1] ?? "";
  const out: SheetEntry[] = [];
  for (const m of block.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const a = m[1];
    const name = /\sname="([^"]*)"/.exec(a)?.[1];
    const rid = /\sr:id="([^"]*)"/.exec(a)?.[1];
    if (name === undefined || rid === undefined) continue;
    const rel = rels.find((r) => r.id === rid);
    out.push({
      name: unescapeXml(name),
      sheetId: Number(/\ssheetId="(\d+)"/.exec(a)?.[1] ?? 0),
      rid,
      part: rel && !isExternal(rel) ? resolveTarget(workbookPart, rel.target) : "",
      kind: rel ? relKind(rel.type) : "",
      raw: m[0],
    });
  }
  return out;
}

function renderSheetEntry(e: SheetEntry): string {
  if (e.raw !== null) return e.raw;
  return `<sheet name="${escapeXml(e.name)}" sheetId="${e.sheetId}" r:id="${escapeXml(e.rid)}"/>`;
}

/** activeTab/firstSheet of <workbookView> after removing the sheet at `removed` (`count` sheets left). */
function shiftBookViews(xml: string, removed: number, count: number): string {
  return xml.replace(/<workbookView\b[^>]*?\/?>/g, (tag) =>
    tag.replace(/\s(activeTab|firstSheet)="(\d+)"/g, (_m, attr: string, v: string) => {
      let n = Number(v);
      if (n > removed) n -= 1;
      n = Math.max(0, Math.min(n, count - 1));
      return ` ${attr}="${n}"`;
    }),
  );
}

/** calcPr with fullCalcOnLoad="1", inserted where CT_Workbook wants it when missing. */
export function withFullCalcOnLoad(xml: string): string {
  const calc = /<calcPr\b([^>]*?)(\/?)>/.exec(xml);
  if (calc) {
    const attrs = calc[1].replace(/\sfullCalcOnLoad="[^"]*"/, "");
    return xml.replace(calc[0], `<calcPr${attrs} fullCalcOnLoad="1"${calc[2]}>`);
  }
  const el = `<calcPr fullCalcOnLoad="1"/>`;
  for (const after of ["</definedNames>", "</externalReferences>", "</functionGroups>", "</sheets>", "<sheets/>"]) {
    const i = xml.indexOf(after);
    if (i >= 0) return xml.slice(0, i + after.length) + el + xml.slice(i + after.length);
  }
  return xml.replace(/<\/workbook>/, `${el}</workbook>`);
}
