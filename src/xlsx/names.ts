/**
 * Defined names in xl/workbook.xml. ExcelJS only models names that refer to plain ranges: it drops
 * constants ("=0.6") and formulas on load and cannot write them. So names are written by editing
 * the package after ExcelJS has written it, and the names of a loaded workbook are remembered here
 * so those ExcelJS dropped can be put back.
 */
import type ExcelJS from "exceljs";

/** A <definedName> as it appears in the package (text without the leading "="). */
export interface DefinedNameXml {
  name: string;
  /** 0-based index of the sheet in <sheets> for sheet-scoped names. */
  localSheetId?: number;
  text: string;
  /** Other attributes kept verbatim (hidden, comment...). */
  attrs: string;
}

interface LoadedNames {
  names: DefinedNameXml[];
  /** Sheet names in <sheets> order at load time, to re-map sheet-scoped names. */
  sheets: string[];
}

const loaded = new WeakMap<ExcelJS.Workbook, LoadedNames>();

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

/** The defined names of a workbook.xml. */
export function parseDefinedNames(workbookXml: string): DefinedNameXml[] {
  const out: DefinedNameXml[] = [];
  const re = /<definedName\b([^>]*?)(?:\/>|>([\s\S]*?)<\/definedName>)/g;
  for (let m = re.exec(workbookXml); m; m = re.exec(workbookXml)) {
    const attrText = m[1];
    const name = /\sname="([^"]*)"/.exec(attrText)?.[1];
    if (name === undefined) continue;
    const lsi = /\slocalSheetId="(\d+)"/.exec(attrText)?.[1];
    const attrs = attrText.replace(/\sname="[^"]*"/, "").replace(/\slocalSheetId="\d+"/, "").trim();
    out.push({
      name: unescapeXml(name),
      localSheetId: lsi === undefined ? undefined : Number(lsi),
      text: unescapeXml(m[2] ?? ""),
      attrs,
    });
  }
  return out;
}

/** Sheet names of a workbook.xml, in order, with their relationship ids. */
export function parseSheets(workbookXml: string): { name: string; rid: string }[] {
  const out: { name: string; rid: string }[] = [];
  const re = /<sheet\b([^>]*)\/?>/g;
  for (let m = re.exec(workbookXml); m; m = re.exec(workbookXml)) {
    const name = /\sname="([^"]*)"/.exec(m[1])?.[1];
    const rid = /\sr:id="([^"]*)"/.exec(m[1])?.[1];
    if (name !== undefined && rid !== undefined) out.push({ name: unescapeXml(name), rid });
  }
  return out;
}

/** Remembers a loaded workbook's names (called by the reader). */
export function rememberLoadedNames(workbook: ExcelJS.Workbook, workbookXml: string): void {
  loaded.set(workbook, { names: parseDefinedNames(workbookXml), sheets: parseSheets(workbookXml).map((s) => s.name) });
}

/**
 * The names a loaded workbook had that are missing from the written workbook.xml, re-mapped to the
 * sheets' current positions (names of sheets that no longer exist are dropped).
 */
export function namesToRestore(workbook: ExcelJS.Workbook, writtenXml: string): DefinedNameXml[] {
  const before = loaded.get(workbook);
  if (!before) return [];
  const present = parseDefinedNames(writtenXml);
  const sheetsNow = parseSheets(writtenXml).map((s) => s.name.toLowerCase());
  const key = (n: string, lsi: number | undefined) => `${n.toLowerCase()}|${lsi ?? ""}`;
  const have = new Set(present.map((n) => key(n.name, n.localSheetId)));
  const out: DefinedNameXml[] = [];
  for (const n of before.names) {
    let lsi = n.localSheetId;
    if (lsi !== undefined) {
      const sheetName = before.sheets[lsi];
      const now = sheetName === undefined ? -1 : sheetsNow.indexOf(sheetName.toLowerCase());
      if (now < 0) continue;
      lsi = now;
    }
    if (have.has(key(n.name, lsi))) continue;
    out.push({ ...n, localSheetId: lsi });
  }
  return out;
}

export function renderDefinedName(n: DefinedNameXml): string {
  const lsi = n.localSheetId === undefined ? "" : ` localSheetId="${n.localSheetId}"`;
  const attrs = n.attrs ? ` ${n.attrs}` : "";
  return `<definedName name="${escapeXml(n.name)}"${lsi}${attrs}>${escapeXml(n.text)}</definedName>`;
}

/**
 * Replaces the <definedNames> of a workbook.xml: `remove` says which existing names go, `add` are
 * appended. Keeps the element where the schema wants it (after <sheets>/<externalReferences>,
 * before <calcPr>).
 */
export function rewriteDefinedNames(
  workbookXml: string,
  remove: (n: DefinedNameXml) => boolean,
  add: DefinedNameXml[],
): string {
  const kept = parseDefinedNames(workbookXml).filter((n) => !remove(n));
  const all = [...kept, ...add];
  // Excel refuses a file with duplicate names, so callers remove before adding.
  const block = all.length ? `<definedNames>${all.map(renderDefinedName).join("")}</definedNames>` : "";
  const existing = /<definedNames>[\s\S]*?<\/definedNames>|<definedNames\s*\/>/;
  if (existing.test(workbookXml)) return workbookXml.replace(existing, block);
  if (!block) return workbookXml;
  for (const anchor of ["</externalReferences>", "</sheets>"]) {
    const i = workbookXml.indexOf(anchor);
    if (i >= 0) return workbookXml.slice(0, i + anchor.length) + block + workbookXml.slice(i + anchor.length);
  }
  throw new Error("workbook.xml without <sheets>");
}
