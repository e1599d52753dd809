/**
 * Edits of the .xlsx package after ExcelJS has written it, for what ExcelJS cannot write: charts
 * (chart + drawing parts, their relationships and content types), defined names that are constants
 * or formulas, `stopIfTrue` on conditional-format rules, and print areas/titles with properly
 * quoted sheet names.
 */
import path from "path";
import JSZip from "jszip";
import { parseAddress, sheetRef } from "../domain";
import type { ChartSpec, DefinedNameSpec } from "../report/spec";
import {
  CT_CHART,
  CT_DRAWING,
  NS_REL,
  REL_CHART,
  REL_DRAWING,
  anchorXml,
  chartXml,
  drawingXml,
  type ChartAnchor,
} from "./chart-xml";
import { escapeXml, parseSheets, rewriteDefinedNames, unescapeXml, type DefinedNameXml } from "./names";

/** An external link part of a loaded workbook (xl/externalLinks/...), carried into the written one. */
export interface ExternalLinkPart {
  /** The relationship type as the input spelled it (transitional or strict). */
  type: string;
  xml: Buffer;
  /** Its own relationships (the path of the other workbook). */
  rels: Buffer | null;
}

const CT_EXTERNAL_LINK = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml";

/** What one sheet needs beyond ExcelJS's output. */
export interface SheetExtras {
  charts: ChartSpec[];
  /** Priorities of the conditional-format rules that stop lower ones. */
  stopIfTrue: number[];
  /** "A1:F40" */
  printArea?: string;
  /** "5:5" */
  printTitleRows?: string;
}

export interface PackageExtras {
  /** Keyed by sheet name. */
  sheets: Map<string, SheetExtras>;
  /** Sheets rendered from a SheetSpec (new, or replacing a same-named one). */
  rendered: Set<string>;
  names: DefinedNameSpec[];
  /** Names to put back (ExcelJS dropped them on load), computed from the written workbook.xml. */
  restore: (writtenWorkbookXml: string) => DefinedNameXml[];
  /**
   * The loaded workbook's links to other workbooks, in their order: formulas and names say "[1]" for
   * the first, so they go back in the same order or those formulas point nowhere.
   */
  externalLinks: () => ExternalLinkPart[];
}

export interface Rel {
  id: string;
  type: string;
  target: string;
  /** Other attributes (TargetMode). */
  rest: string;
}

export function parseRels(xml: string | null): Rel[] {
  if (!xml) return [];
  const out: Rel[] = [];
  const re = /<Relationship\b([^>]*?)\/?>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const a = m[1];
    const id = /\sId="([^"]*)"/.exec(a)?.[1] ?? "";
    const type = /\sType="([^"]*)"/.exec(a)?.[1] ?? "";
    const target = unescapeXml(/\sTarget="([^"]*)"/.exec(a)?.[1] ?? "");
    const rest = a.replace(/\s(Id|Type|Target)="[^"]*"/g, "").trim();
    out.push({ id, type, target, rest });
  }
  return out;
}

function renderRels(rels: Rel[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels
      .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"${r.rest ? " " + r.rest : ""}/>`)
      .join("") +
    `</Relationships>`
  );
}

function nextRelId(rels: Rel[]): string {
  let n = 0;
  for (const r of rels) {
    const m = /^rId(\d+)$/.exec(r.id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return `rId${n + 1}`;
}

export function relsPathOf(part: string): string {
  return `${path.posix.dirname(part)}/_rels/${path.posix.basename(part)}.rels`;
}

export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromPart), target));
}

function relativeTarget(fromPart: string, toPart: string): string {
  return path.posix.relative(path.posix.dirname(fromPart), toPart);
}

async function text(zip: JSZip, name: string): Promise<string | null> {
  const f = zip.file(name);
  return f ? f.async("string") : null;
}

function maxPartNumber(zip: JSZip, re: RegExp): number {
  let n = 0;
  for (const name of Object.keys(zip.files)) {
    const m = re.exec(name);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return n;
}

function addOverride(contentTypes: string, partName: string, contentType: string): string {
  if (contentTypes.includes(`PartName="${partName}"`)) return contentTypes;
  return contentTypes.replace("</Types>", `<Override PartName="${partName}" ContentType="${contentType}"/></Types>`);
}

/** Elements that must come after <drawing> in a worksheet (CT_Worksheet's sequence). */
const AFTER_DRAWING = ["<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst"];

function insertDrawingElement(sheetXml: string, rid: string): string {
  const el = `<drawing r:id="${rid}"/>`;
  let at = sheetXml.lastIndexOf("</worksheet>");
  for (const tag of AFTER_DRAWING) {
    const i = sheetXml.indexOf(tag);
    if (i >= 0 && i < at) at = i;
  }
  let out = sheetXml.slice(0, at) + el + sheetXml.slice(at);
  if (!/<worksheet\b[^>]*\sxmlns:r=/.test(out)) out = out.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_REL}"`);
  return out;
}

function anchorOf(chart: ChartSpec, rid: string, shapeId: number): ChartAnchor {
  const from = parseAddress(chart.from);
  const to = parseAddress(chart.to);
  return { fromCol: from.col - 1, fromRow: from.row - 1, toCol: to.col, toRow: to.row, rid, shapeId, title: chart.title };
}

async function addCharts(zip: JSZip, sheetPart: string, charts: ChartSpec[], contentTypes: string): Promise<string> {
  let ct = contentTypes;
  const sheetRelsPath = relsPathOf(sheetPart);
  const sheetRels = parseRels(await text(zip, sheetRelsPath));
  let sheetXml = (await text(zip, sheetPart)) ?? "";
  const existing = /<drawing\s+r:id="([^"]+)"\s*\/>/.exec(sheetXml);

  let drawingPart: string;
  let drawingXmlText: string | null = null;
  if (existing) {
    const rel = sheetRels.find((r) => r.id === existing[1]);
    if (!rel) throw new Error(`${sheetPart}: <drawing> without relationship`);
    drawingPart = resolveTarget(sheetPart, rel.target);
    drawingXmlText = await text(zip, drawingPart);
  } else {
    drawingPart = `xl/drawings/drawing${maxPartNumber(zip, /^xl\/drawings\/drawing(\d+)\.xml$/) + 1}.xml`;
    const rid = nextRelId(sheetRels);
    sheetRels.push({ id: rid, type: REL_DRAWING, target: relativeTarget(sheetPart, drawingPart), rest: "" });
    sheetXml = insertDrawingElement(sheetXml, rid);
    zip.file(sheetRelsPath, renderRels(sheetRels));
    zip.file(sheetPart, sheetXml);
    ct = addOverride(ct, `/${drawingPart}`, CT_DRAWING);
  }

  const drawingRelsPath = relsPathOf(drawingPart);
  const drawingRels = parseRels(await text(zip, drawingRelsPath));
  let shapeId = 1;
  for (const m of (drawingXmlText ?? "").matchAll(/<xdr:cNvPr\b[^>]*\sid="(\d+)"/g)) shapeId = Math.max(shapeId, Number(m[1]));
  const anchors: ChartAnchor[] = [];
  let chartNo = maxPartNumber(zip, /^xl\/charts\/chart(\d+)\.xml$/);
  for (const chart of charts) {
    chartNo += 1;
    const chartPart = `xl/charts/chart${chartNo}.xml`;
    zip.file(chartPart, chartXml(chart));
    ct = addOverride(ct, `/${chartPart}`, CT_CHART);
    const rid = nextRelId(drawingRels);
    drawingRels.push({ id: rid, type: REL_CHART, target: relativeTarget(drawingPart, chartPart), rest: "" });
    shapeId += 1;
    anchors.push(anchorOf(chart, rid, shapeId));
  }
  zip.file(drawingRelsPath, renderRels(drawingRels));
  if (drawingXmlText) {
    zip.file(drawingPart, drawingXmlText.replace(/<\/xdr:wsDr>\s*$/, anchors.map(anchorXml).join("") + "</xdr:wsDr>"));
  } else {
    zip.file(drawingPart, drawingXml(anchors));
  }
  return ct;
}

/** Adds stopIfTrue="1" to the rules of the given priorities (priorities are unique per sheet). */
export function markStopIfTrue(sheetXml: string, priorities: number[]): string {
  if (!priorities.length) return sheetXml;
  const set = new Set(priorities);
  return sheetXml.replace(/<cfRule\b([^>]*)>/g, (whole, attrs: string) => {
    const p = /\spriority="(\d+)"/.exec(attrs)?.[1];
    if (p === undefined || !set.has(Number(p)) || /\sstopIfTrue=/.test(attrs)) return whole;
    return `<cfRule${attrs.replace(/\/$/, "")} stopIfTrue="1"${attrs.endsWith("/") ? "/" : ""}>`;
  });
}

function absoluteArea(area: string): string {
  return area
    .split(":")
    .map((a) => {
      const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(a.trim());
      if (!m) throw new Error(`Not a cell: ${a}`);
      return `$${m[1].toUpperCase()}$${m[2]}`;
    })
    .join(":");
}

function absoluteRows(rows: string): string {
  const m = /^\$?(\d+):\$?(\d+)$/.exec(rows.trim());
  if (!m) throw new Error(`Not a row range: ${rows}`);
  return `$${m[1]}:$${m[2]}`;
}

/** Applies the extras to a package written by ExcelJS. */
export async function postProcess(buf: Buffer, extras: PackageExtras): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  let workbookXml = (await text(zip, "xl/workbook.xml")) ?? "";
  const wbRels = parseRels(await text(zip, "xl/_rels/workbook.xml.rels"));
  const sheets = parseSheets(workbookXml);
  let contentTypes = (await text(zip, "[Content_Types].xml")) ?? "";

  const printNames: DefinedNameXml[] = [];
  const printSheets = new Set<number>();
  for (const [sheetName, ex] of extras.sheets) {
    const index = sheets.findIndex((s) => s.name === sheetName);
    if (index < 0) continue;
    const rel = wbRels.find((r) => r.id === sheets[index].rid);
    if (!rel) continue;
    const part = resolveTarget("xl/workbook.xml", rel.target);
    if (ex.stopIfTrue.length) {
      zip.file(part, markStopIfTrue((await text(zip, part)) ?? "", ex.stopIfTrue));
    }
    if (ex.charts.length) contentTypes = await addCharts(zip, part, ex.charts, contentTypes);
    const q = sheetRef(sheetName);
    if (ex.printArea) {
      printSheets.add(index);
      printNames.push({ name: "_xlnm.Print_Area", localSheetId: index, text: `${q}!${absoluteArea(ex.printArea)}`, attrs: "" });
    }
    if (ex.printTitleRows) {
      printSheets.add(index);
      printNames.push({ name: "_xlnm.Print_Titles", localSheetId: index, text: `${q}!${absoluteRows(ex.printTitleRows)}`, attrs: "" });
    }
  }

  const links = extras.externalLinks();
  if (links.length && !workbookXml.includes("<externalReferences")) {
    const ids: string[] = [];
    links.forEach((l, i) => {
      const part = `xl/externalLinks/externalLink${i + 1}.xml`;
      zip.file(part, l.xml);
      if (l.rels) zip.file(relsPathOf(part), l.rels);
      contentTypes = addOverride(contentTypes, `/${part}`, CT_EXTERNAL_LINK);
      const id = nextRelId(wbRels);
      wbRels.push({ id, type: l.type, target: `externalLinks/externalLink${i + 1}.xml`, rest: "" });
      ids.push(id);
    });
    zip.file("xl/_rels/workbook.xml.rels", renderRels(wbRels));
    // CT_Workbook: right after <sheets> (and <functionGroups>, which ExcelJS never writes), before <definedNames>.
    workbookXml = workbookXml.replace("</sheets>", `</sheets><externalReferences>${ids.map((id) => `<externalReference r:id="${id}"/>`).join("")}</externalReferences>`);
  }

  const specNames = new Map<string, DefinedNameSpec>();
  for (const n of extras.names) specNames.set(n.name.toLowerCase(), n);
  const rendered = new Set(sheets.map((s, i) => (extras.rendered.has(s.name) ? i : -1)).filter((i) => i >= 0));
  const printKeys = new Set(printNames.map((n) => `${n.name}|${n.localSheetId}`));
  // Names of the loaded workbook that ExcelJS dropped come back, except those this generation
  // replaces: its own names, and anything scoped to a sheet it rendered anew.
  const restore = extras.restore(workbookXml).filter((n) =>
    n.localSheetId === undefined ? !specNames.has(n.name.toLowerCase()) : !rendered.has(n.localSheetId) && !printKeys.has(`${n.name}|${n.localSheetId}`),
  );
  const add: DefinedNameXml[] = [
    ...restore,
    ...[...specNames.values()].map((n) => ({
      name: n.name,
      text: n.refersTo.startsWith("=") ? n.refersTo.slice(1) : n.refersTo,
      attrs: n.comment ? `comment="${escapeXml(n.comment)}"` : "",
    })),
    ...printNames,
  ];
  const isPrintName = (n: DefinedNameXml) => n.name === "_xlnm.Print_Area" || n.name === "_xlnm.Print_Titles";
  workbookXml = rewriteDefinedNames(
    workbookXml,
    (n) =>
      (n.localSheetId === undefined && specNames.has(n.name.toLowerCase())) ||
      (n.localSheetId !== undefined && printSheets.has(n.localSheetId) && isPrintName(n)),
    add,
  );
  zip.file("xl/workbook.xml", workbookXml);
  zip.file("[Content_Types].xml", contentTypes);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
