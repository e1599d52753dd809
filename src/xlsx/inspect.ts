/**
 * A look at an .xlsx package before ExcelJS loads it: its size within limits, every part inflating
 * to exactly the size its directory declares (so a zip bomb or a lying directory never reaches
 * ExcelJS, which would inflate it whole), parts stored where ExcelJS can find them, and the list of
 * what the workbook holds that ExcelJS drops on load and so `pipc generate` cannot carry into the
 * report (pivot tables, charts, macros...).
 *
 * Two things ExcelJS drops are carried back instead of reported: links to other workbooks (the
 * writer puts the parts back, see package.ts) and the x14 data validations Excel uses for formulas
 * over other sheets (listed here, put back by the reader, see read.ts).
 *
 * What ExcelJS keeps and drops is proven part by part in test/xlsx/inspect.test.ts by round trips of
 * hand-built packages; this file only reads the package.
 */
import v8 from "v8";
import zlib from "zlib";
import type JSZip from "jszip";
import { WorkbookFileError } from "./errors";
import type { ZipParts } from "./fast/zip";
import { parseSheets, unescapeXml } from "./names";
import { parseRels, relsPathOf, resolveTarget, type Rel } from "./package";

const MB = 1024 * 1024;

/**
 * What pipc agrees to open. A real PIPC plan takes well under 1 MB; a synthetic one of 20,000
 * activities and 10,000 commitments takes 1.6 MB on disk, 15 MB unpacked, ~400,000 cells.
 */
export interface Limits {
  /** Size of the file on disk. */
  maxFileBytes: number;
  /** Sum of the unpacked sizes of the parts. */
  maxUnpackedBytes: number;
  /** Cells (<c> elements) in all the worksheets. */
  maxCells: number;
}

/**
 * Memory `pipc generate` needs, measured on synthetic plans: with 50,000 activities and 25,000
 * commitments (35 MB unpacked, 1,000,000 cells) it dies out of memory with a 1.5 GB heap and lives
 * with 2 GB: ~50 bytes of heap per unpacked byte, ~1.75 KB per cell. The limits keep a margin.
 */
const HEAP_PER_UNPACKED_BYTE = 64;
const HEAP_PER_CELL = 2560;

/**
 * The limits for a heap of this size: past them Node would die out of memory halfway (a fatal error
 * with a native stack trace), so the file is refused up front with one clear line instead.
 */
export function limitsForHeap(heapBytes: number): Limits {
  return limitsOf(heapBytes, HEAP_PER_UNPACKED_BYTE, HEAP_PER_CELL, 150 * MB);
}

/** Limits from what a reader needs per unpacked byte and per cell, rounded down, unpacked size capped. */
function limitsOf(heapBytes: number, perUnpackedByte: number, perCell: number, maxUnpacked: number): Limits {
  return {
    maxFileBytes: 100 * MB,
    maxUnpackedBytes: Math.min(maxUnpacked, Math.floor(heapBytes / perUnpackedByte / MB) * MB),
    maxCells: Math.floor(heapBytes / perCell / 1000) * 1000,
  };
}

/** The limits of this process (its heap follows the machine's memory and --max-old-space-size). */
export const LIMITS: Limits = limitsForHeap(v8.getHeapStatistics().heap_size_limit);

/**
 * What the fast file path (src/xlsx/fast: validate, summary, generate) needs, measured: it keeps
 * every part inflated once and builds cells only for the input tables. Generating again from the
 * report of 20,000 activities and 20,000 commitments (118 MB unpacked, 690,000 cells) peaks at
 * 630-770 MB, some 6 bytes per unpacked byte and 1 KB per cell; the limits keep a margin of four.
 * Under the ExcelJS limits above, that report (the workbook officials feed back every cuatrimestre)
 * was refused.
 */
const FAST_HEAP_PER_UNPACKED_BYTE = 24;
const FAST_HEAP_PER_CELL = 4096;

/** The fast path's limits for a heap of this size (see limitsForHeap). */
export function fastLimitsForHeap(heapBytes: number): Limits {
  return limitsOf(heapBytes, FAST_HEAP_PER_UNPACKED_BYTE, FAST_HEAP_PER_CELL, 250 * MB);
}

/** The fast path's limits in this process. */
export const FAST_LIMITS: Limits = fastLimitsForHeap(v8.getHeapStatistics().heap_size_limit);

/** Excel's grid. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

/** Counts grouped by thousands with spaces (1 250 000): read the same in Spanish and English. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, " ");
}

/** Sizes as users read them in a file browser: whole megabytes, rounded up. */
export function megabytes(bytes: number): string {
  return String(Math.ceil(bytes / MB));
}

/** Things a workbook may hold that ExcelJS drops on load (so a generated report loses them). */
export type LossKind =
  // The workbook as a whole.
  | "macros"
  | "externalLinks"
  | "connections"
  | "dataModel"
  | "customUI"
  // A whole sheet that is not a worksheet.
  | "chartsheet"
  | "macrosheet"
  | "dialogsheet"
  // On a worksheet.
  | "pivotTables"
  | "charts"
  | "shapes"
  | "images"
  | "headerFooterImages"
  | "threadedComments"
  | "slicers"
  | "timelines"
  | "sparklines"
  | "controls"
  | "oleObjects"
  | "crossSheetValidations"
  | "dynamicArrays"
  | "richValues";

export interface PackageLoss {
  kind: LossKind;
  /** The sheet that holds it; null for the workbook as a whole. */
  sheet: string | null;
  /** How many (1 for things that are not counted, like macros). */
  count: number;
}

export interface PackageInspection {
  /** In sheet order, workbook-level first. */
  losses: PackageLoss[];
  /** Sum of the parts' unpacked sizes. */
  unpackedBytes: number;
  /**
   * Data validations Excel stored in the x14 extension (those whose formula uses another sheet),
   * which ExcelJS drops, by sheet name: the reader puts them back as ordinary validations.
   */
  extensionValidations: Map<string, ExtensionValidation[]>;
  /** The names of the workbook's worksheets (not chart or macro sheets), in order: what ExcelJS must load. */
  worksheets: string[];
  /** The part of each of `worksheets`, same order: "xl/worksheets/sheet1.xml". */
  worksheetParts: string[];
  /**
   * Every part of the package inflated (pictures and binaries too), names without a leading "/", in
   * archive order: what the fast path (src/xlsx/fast) reads and writes back.
   */
  parts: ZipParts;
}

/** An x14 data validation, as an ExcelJS validation model and the ranges it applies to. */
export interface ExtensionValidation {
  /** "B3:B18", "D3"... (the sqref, split). */
  ranges: string[];
  validation: {
    type: string;
    formulae: string[];
    operator?: string;
    allowBlank?: boolean;
    showInputMessage?: boolean;
    showErrorMessage?: boolean;
    errorStyle?: string;
    errorTitle?: string;
    error?: string;
    promptTitle?: string;
    prompt?: string;
  };
}

/** Types whose formulas ExcelJS writes verbatim (it turns a date validation's formula into a date). */
const CARRIED_VALIDATION_TYPES = new Set(["list", "whole", "decimal", "textLength", "custom", "time"]);

/** The x14 data validations of a sheet's extension list, split into those that can be carried and the rest. */
export function extensionValidations(extLst: string): { carried: ExtensionValidation[]; dropped: number } {
  const carried: ExtensionValidation[] = [];
  let dropped = 0;
  const re = /<(\w+):dataValidation\b([^>]*)>([\s\S]*?)<\/\1:dataValidation>/g;
  for (let m = re.exec(extLst); m; m = re.exec(extLst)) {
    const attr = (name: string) => {
      const v = new RegExp(`\\s${name}="([^"]*)"`).exec(m![2])?.[1];
      return v === undefined ? undefined : unescapeXml(v);
    };
    const flag = (name: string) => (attr(name) === undefined ? undefined : attr(name) === "1" || attr(name) === "true");
    const type = attr("type") ?? "any";
    const formula = (n: number) => {
      const f = new RegExp(`<\\w+:formula${n}>\\s*<\\w+:f>([\\s\\S]*?)<\\/\\w+:f>`).exec(m![3])?.[1];
      return f === undefined ? undefined : unescapeXml(f);
    };
    const sqref = /<\w+:sqref>([\s\S]*?)<\/\w+:sqref>/.exec(m[3])?.[1]?.trim();
    const formulae = [formula(1), formula(2)].filter((f): f is string => f !== undefined);
    if (!CARRIED_VALIDATION_TYPES.has(type) || !sqref || formulae.length === 0) {
      dropped++;
      continue;
    }
    const validation: ExtensionValidation["validation"] = { type, formulae };
    if (type !== "list" && type !== "custom") validation.operator = attr("operator") ?? "between";
    for (const k of ["allowBlank", "showInputMessage", "showErrorMessage"] as const) {
      const v = flag(k);
      if (v !== undefined) validation[k] = v;
    }
    for (const k of ["errorStyle", "errorTitle", "error", "promptTitle", "prompt"] as const) {
      const v = attr(k);
      if (v !== undefined) validation[k] = v;
    }
    carried.push({ ranges: sqref.split(/\s+/), validation });
  }
  return { carried, dropped };
}

/** What JSZip keeps for an entry it loaded (not in its typings; stable across jszip 3). */
interface CompressedObject {
  compressedSize: number;
  uncompressedSize: number;
  compression: { magic: string } | null;
  compressedContent: Uint8Array;
}

const STORE = "\x00\x00";
const DEFLATE = "\x08\x00";

function compressedOf(file: JSZip.JSZipObject): CompressedObject {
  const d = (file as unknown as { _data?: Partial<CompressedObject> })._data;
  if (!d || typeof d.uncompressedSize !== "number" || !(d.compressedContent instanceof Uint8Array)) {
    // Only if a jszip upgrade changed its internals: a programming error, caught by the tests.
    throw new Error(`jszip internals changed: no compressed data for ${file.name}`);
  }
  return d as CompressedObject;
}

/**
 * The bytes of an entry, inflated by zlib with a cap at its declared size: a part that would
 * inflate past what the directory says (a zip bomb with a lying directory) stops at the cap.
 *
 * @throws WorkbookFileError("corrupt") when the data does not inflate to exactly the declared size.
 */
function inflateEntry(file: JSZip.JSZipObject): Buffer {
  const d = compressedOf(file);
  const declared = d.uncompressedSize;
  const data = Buffer.from(d.compressedContent.buffer, d.compressedContent.byteOffset, d.compressedContent.byteLength);
  let out: Buffer;
  const magic = d.compression?.magic;
  if (magic === STORE) out = data;
  else if (magic === DEFLATE) {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, declared) });
    } catch (err) {
      throw new WorkbookFileError("corrupt", null, `${file.name}: ${String(err)}`);
    }
  } else throw new WorkbookFileError("corrupt", null, `${file.name}: unknown compression`);
  if (out.length !== declared) throw new WorkbookFileError("corrupt", null, `${file.name}: ${out.length} bytes, the directory says ${declared}`);
  return out;
}

/** The last segment of a relationship type: ".../relationships/worksheet" -> "worksheet" (transitional and strict alike). */
function relKind(r: Rel): string {
  return r.type.slice(r.type.lastIndexOf("/") + 1);
}

function count(text: string, re: RegExp): number {
  return (text.match(re) ?? []).length;
}

function countBytes(buf: Buffer, needle: string): number {
  const n = Buffer.from(needle);
  let c = 0;
  for (let i = buf.indexOf(n); i >= 0; i = buf.indexOf(n, i + n.length)) c++;
  return c;
}

/** The "<c " and "<c>" in a worksheet part: its cells. A plain loop (twice as fast as Buffer.indexOf per match). */
function countCells(buf: Buffer): number {
  let c = 0;
  const end = buf.length - 2;
  for (let i = 0; i < end; i++) {
    if (buf[i] === 0x3c && buf[i + 1] === 0x63) {
      const d = buf[i + 2];
      if (d === 0x20 || d === 0x3e) c++;
    }
  }
  return c;
}

/** Distinct shapeId values of the elements (Excel writes a control twice: the x14 choice and its fallback). */
function distinctShapes(text: string, element: string): number {
  const ids = new Set<string>();
  const re = new RegExp(`<(?:\\w+:)?${element}\\b([^>]*)>`, "g");
  for (let m = re.exec(text); m; m = re.exec(text)) ids.add(/\sshapeId="([^"]*)"/.exec(m[1])?.[1] ?? `#${ids.size}`);
  return ids.size;
}

/** The root element's name is unprefixed: ExcelJS matches tags by their literal names. */
function rootIsUnprefixed(head: string, local: string): boolean {
  const m = new RegExp(`<((?:[\\w.-]+:)?)${local}\\b`).exec(head);
  return !m || m[1] === "";
}

/** ExcelJS finds a drawing's pictures only in parts named like this, anchored like this. */
const EXCELJS_DRAWING = /^xl\/drawings\/[a-zA-Z0-9]+\.xml$/;
const EXCELJS_MEDIA = /^xl\/media\/[a-zA-Z0-9]+\.[a-zA-Z]{3,4}$/;
const EXCELJS_SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

interface DrawingCounts {
  charts: number;
  shapes: number;
  images: number;
}

/** Classifies a drawing's anchors: charts, shapes (text boxes, SmartArt, groups...) and the pictures ExcelJS cannot carry. */
function drawingLosses(part: string, xml: string, rels: Rel[]): DrawingCounts {
  const out: DrawingCounts = { charts: 0, shapes: 0, images: 0 };
  const re = /<((?:[\w.-]+:)?)(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/\1\2>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const anchor = m[0];
    if (/<(?:[\w.-]+:)?chart\b[^>]*\br:id=/.test(anchor)) {
      out.charts++;
      continue;
    }
    const body = anchor.replace(/^<[^>]*>/, "");
    const hasPic = /<(?:[\w.-]+:)?pic\b/.test(body);
    const nested = /<(?:[\w.-]+:)?(?:grpSp|sp|cxnSp|graphicFrame|contentPart)\b|<mc:AlternateContent\b/.test(body);
    if (hasPic && !nested) {
      // ExcelJS reads `xdr:`-prefixed two/one-cell anchors whose picture is in xl/media under a plain name.
      const embed = /\br:embed="([^"]*)"/.exec(body)?.[1];
      const rel = rels.find((r) => r.id === embed);
      const media = rel && !/External/.test(rel.rest) ? resolveTarget(part, rel.target) : "";
      const carried = m[1] === "xdr:" && m[2] !== "absoluteAnchor" && EXCELJS_DRAWING.test(part) && EXCELJS_MEDIA.test(media);
      if (!carried) out.images++;
      continue;
    }
    out.shapes++;
  }
  return out;
}

/**
 * Checks a package against the limits and ExcelJS's expectations, and lists what it would lose.
 *
 * @throws WorkbookFileError too-large-unpacked, corrupt (a part that does not inflate to its
 * declared size), unreadable-sheet, unreadable-part
 */
export function inspectPackage(zip: JSZip, limits: Limits = LIMITS): PackageInspection {
  const files = Object.values(zip.files).filter((f) => !f.dir);
  let unpackedBytes = 0;
  for (const f of files) unpackedBytes += compressedOf(f).uncompressedSize;
  if (unpackedBytes > limits.maxUnpackedBytes) {
    throw new WorkbookFileError("too-large-unpacked", null, null, [megabytes(unpackedBytes), megabytes(limits.maxUnpackedBytes)]);
  }
  // ExcelJS inflates every part, so every part is checked, not only those read below. Every part is
  // kept (within the unpacked limit), in archive order: the fast path reads and writes them back.
  const parts: ZipParts = new Map();
  let cells = 0;
  for (const f of files) {
    const name = f.name.replace(/^\//, "");
    const data = inflateEntry(f);
    parts.set(name, data);
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) cells += countCells(data);
  }
  if (cells > limits.maxCells) throw new WorkbookFileError("too-many-cells", null, null, [thousands(cells), thousands(limits.maxCells)]);
  const bytes = (name: string): Buffer | null => parts.get(name) ?? null;
  const text = (name: string): string | null => {
    const b = bytes(name);
    return b === null ? null : b.toString("utf8").replace(/^\uFEFF/, "");
  };

  const losses: PackageLoss[] = [];
  const lose = (kind: LossKind, sheet: string | null, n: number) => {
    if (n > 0) losses.push({ kind, sheet, count: n });
  };

  const workbookPart = "xl/workbook.xml";
  const workbookXml = text(workbookPart) ?? "";
  if (!rootIsUnprefixed(workbookXml.slice(0, 4096), "workbook")) throw new WorkbookFileError("unreadable-part", null, null, [workbookPart]);
  const wbRels = parseRels(text(relsPathOf(workbookPart)));
  const internal = (r: Rel) => !/TargetMode="External"/.test(r.rest);

  // Shared strings and styles: ExcelJS reads them only under these names and unprefixed.
  for (const [kind, expected, root] of [
    ["sharedStrings", "xl/sharedStrings.xml", "sst"],
    ["styles", "xl/styles.xml", "styleSheet"],
  ] as const) {
    for (const r of wbRels.filter((x) => relKind(x) === kind && internal(x))) {
      const part = resolveTarget(workbookPart, r.target);
      if (part !== expected || !rootIsUnprefixed((text(part) ?? "").slice(0, 4096), root)) {
        throw new WorkbookFileError("unreadable-part", null, null, [part]);
      }
    }
  }

  // The workbook as a whole.
  const pkgRels = parseRels(text("_rels/.rels"));
  const hasVba = wbRels.some((r) => relKind(r) === "vbaProject") || [...parts.keys()].some((n) => /(^|\/)vbaProject\.bin$/i.test(n));
  lose("macros", null, hasVba ? 1 : 0);
  lose("externalLinks", null, wbRels.filter((r) => relKind(r) === "externalLink").length);
  let connections = 0;
  for (const r of wbRels.filter((x) => relKind(x) === "connections" && internal(x))) {
    connections += count(text(resolveTarget(workbookPart, r.target)) ?? "", /<(?:\w+:)?connection\b/g);
  }
  lose("connections", null, connections);
  const dataModel = wbRels.some((r) => relKind(r) === "powerPivotData") || [...parts.keys()].some((n) => n.startsWith("xl/model/"));
  lose("dataModel", null, dataModel ? 1 : 0);
  lose("customUI", null, pkgRels.some((r) => /ui\/extensibility$|\/customUI$/.test(r.type)) ? 1 : 0);
  const dynamicArraysPossible = wbRels.some((r) => relKind(r) === "sheetMetadata");
  const validations = new Map<string, ExtensionValidation[]>();
  const worksheets: string[] = [];
  const worksheetParts: string[] = [];
  const richValuesPossible = [...parts.keys()].some((n) => n.startsWith("xl/richData/"));

  for (const s of parseSheets(workbookXml)) {
    const rel = wbRels.find((r) => r.id === s.rid);
    // A sheet listed without its part: ExcelJS would skip it without a word.
    if (!rel) throw new WorkbookFileError("unreadable-sheet", null, `no relationship ${s.rid}`, [s.name]);
    const kind = relKind(rel);
    const part = resolveTarget(workbookPart, rel.target);
    if (kind === "chartsheet") {
      lose("chartsheet", s.name, 1);
      continue;
    }
    if (kind === "xlMacrosheet" || kind === "xlIntlMacrosheet") {
      lose("macrosheet", s.name, 1);
      continue;
    }
    if (kind === "dialogsheet") {
      lose("dialogsheet", s.name, 1);
      continue;
    }
    if (kind !== "worksheet") continue;
    const sheetBytes = bytes(part);
    // ExcelJS finds a sheet's part by this key alone (see its workbook reconcile).
    const excelJsKey = `xl/${rel.target.replace(/^(\s|\/xl\/)+/, "")}`;
    // A sheet ExcelJS would not find, or could not read: refuse rather than lose it silently.
    if (!EXCELJS_SHEET.test(part) || excelJsKey !== part || sheetBytes === null || !rootIsUnprefixed(sheetBytes.subarray(0, 4096).toString("utf8"), "worksheet")) {
      throw new WorkbookFileError("unreadable-sheet", null, part, [s.name]);
    }
    worksheets.push(s.name);
    worksheetParts.push(part);
    const carried = inspectWorksheet(s.name, part, sheetBytes, { text, lose, dynamicArraysPossible, richValuesPossible });
    if (carried.length) validations.set(s.name, carried);
  }
  return { losses, unpackedBytes, extensionValidations: validations, worksheets, worksheetParts, parts };
}

interface SheetContext {
  text(name: string): string | null;
  lose(kind: LossKind, sheet: string | null, n: number): void;
  dynamicArraysPossible: boolean;
  richValuesPossible: boolean;
}

/** Reports a worksheet's losses; returns its x14 validations that can be carried. */
function inspectWorksheet(sheet: string, part: string, xml: Buffer, ctx: SheetContext): ExtensionValidation[] {
  const { lose } = ctx;
  const rels = parseRels(ctx.text(relsPathOf(part)));
  const targets = (kind: string) => rels.filter((r) => relKind(r) === kind && !/TargetMode="External"/.test(r.rest)).map((r) => resolveTarget(part, r.target));

  lose("pivotTables", sheet, targets("pivotTable").length);

  const drawing: DrawingCounts = { charts: 0, shapes: 0, images: 0 };
  for (const d of targets("drawing")) {
    const c = drawingLosses(d, ctx.text(d) ?? "", parseRels(ctx.text(relsPathOf(d))));
    drawing.charts += c.charts;
    drawing.shapes += c.shapes;
    drawing.images += c.images;
  }
  lose("charts", sheet, drawing.charts);
  lose("shapes", sheet, drawing.shapes);
  lose("images", sheet, drawing.images);

  let threads = 0;
  for (const t of targets("threadedComment")) threads += count(ctx.text(t) ?? "", /<(?:\w+:)?threadedComment\b(?![^>]*\sparentId=)[^>]*>/g);
  lose("threadedComments", sheet, threads);

  let slicers = 0;
  for (const t of targets("slicer")) slicers += count(ctx.text(t) ?? "", /<(?:\w+:)?slicer\s/g);
  lose("slicers", sheet, slicers);
  let timelines = 0;
  for (const t of targets("timeline")) timelines += count(ctx.text(t) ?? "", /<(?:\w+:)?timeline\s/g);
  lose("timelines", sheet, timelines);

  // Everything after the cells: controls, OLE objects, header/footer pictures, the x14 extensions.
  const end = xml.lastIndexOf("</sheetData>");
  const tail = (end >= 0 ? xml.subarray(end) : xml).toString("utf8");
  const extLst = tail.includes("<extLst") ? tail.slice(tail.indexOf("<extLst")) : "";
  lose("sparklines", sheet, count(extLst, /<(?:\w+:)?sparkline>/g));
  const validations = extensionValidations(extLst);
  lose("crossSheetValidations", sheet, validations.dropped);
  lose("controls", sheet, distinctShapes(tail, "control"));
  lose("oleObjects", sheet, distinctShapes(tail, "oleObject"));
  lose("headerFooterImages", sheet, /<(?:\w+:)?(?:legacyDrawingHF|drawingHF)\b/.test(tail) ? 1 : 0);
  // Cell metadata: dynamic-array formulas (cm) and pictures or data types in cells (vm).
  if (ctx.dynamicArraysPossible) lose("dynamicArrays", sheet, countBytes(xml, ' cm="'));
  if (ctx.richValuesPossible) lose("richValues", sheet, countBytes(xml, ' vm="'));
  return validations.carried;
}
