/**
 * Comparing .xlsx files as an official would: cell by cell, value by value, and the generated
 * sheets' XML parts byte by byte.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cellAddress } from "../../src/domain";

export type Plain = null | string | number | boolean | { date: string } | { formula: string } | { error: string };

/** A cell as comparable data: its value, or its formula, or its error. */
export function plainCell(cell: ExcelJS.Cell): Plain {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return { date: v.toISOString() };
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) return { formula: cell.formula };
    if ("error" in v) return { error: String(v.error) };
    if ("richText" in v) return v.richText.map((p) => p.text).join("");
    if ("hyperlink" in v) return String((v as { text: unknown }).text);
    return JSON.stringify(v);
  }
  return v;
}

export function isBlankPlain(v: Plain): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** Every non-empty cell of a sheet: "B5" -> value. */
export function sheetCells(ws: ExcelJS.Worksheet): Map<string, Plain> {
  const out = new Map<string, Plain>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const p = plainCell(cell);
      if (p !== null) out.set(cellAddress(r, c), p);
    });
  });
  return out;
}

export async function loadPlain(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

function resolve(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relsOf(zip: JSZip, part: string): Promise<string | undefined> {
  const i = part.lastIndexOf("/");
  return zip.file(`${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`)?.async("string") ?? Promise.resolve(undefined);
}

function unescapeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * The XML parts of the named sheets: the sheet part, its relationships and every part they point at
 * (tables, drawings, charts), by sheet name. Part *names* are left out: only contents count.
 */
export async function sheetParts(buf: Buffer, names: string[]): Promise<Record<string, string[]>> {
  const zip = await JSZip.loadAsync(buf);
  const wbXml = (await zip.file("xl/workbook.xml")!.async("string")) ?? "";
  const wbRels = (await relsOf(zip, "xl/workbook.xml")) ?? "";
  const targets = new Map<string, string>();
  for (const m of wbRels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[1])?.[1];
    if (id && target) targets.set(id, resolve("xl/workbook.xml", target));
  }
  const out: Record<string, string[]> = {};
  for (const m of wbXml.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = unescapeXml(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? "");
    if (!names.includes(name)) continue;
    const rid = /\br:id="([^"]*)"/.exec(m[1])?.[1] ?? "";
    const part = targets.get(rid)!;
    const contents: string[] = [];
    const visit = async (p: string, depth: number) => {
      contents.push((await zip.file(p)?.async("string")) ?? `missing ${p}`);
      const rels = await relsOf(zip, p);
      if (!rels || depth > 2) return;
      contents.push(rels.replace(/Target="[^"]*"/g, ""));
      for (const r of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
        if (/TargetMode="External"/.test(r[1])) continue;
        const t = /\bTarget="([^"]*)"/.exec(r[1])?.[1];
        if (t) await visit(resolve(p, t), depth + 1);
      }
    };
    await visit(part, 0);
    out[name] = contents;
  }
  return out;
}
