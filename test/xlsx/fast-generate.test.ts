/**
 * The fast file path of `pipc generate` (src/xlsx/fast/generate.ts) against the ExcelJS path
 * (src/xlsx/generate.ts, the reference): the same sheets, cells, input-sheet styles, tables,
 * conditional formats and names, and the same values once LibreOffice recalculates both; the
 * official's cells unchanged; what ExcelJS dropped (pictures, notes) kept; a regeneration that
 * leaves nothing behind and is byte-identical; the fallback to ExcelJS where the fast path stops.
 */
import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { hasErrors, type Cuatrimestre } from "../../src/domain";
import { parseWorkbook } from "../../src/domain/parse";
import { generateReport } from "../../src/cli/commands/generate";
import { LayoutError } from "../../src/xlsx/errors";
import { FastPathUnsupported, generateReportPackage, type GeneratedPackage } from "../../src/xlsx/fast/generate";
import { Package } from "../../src/xlsx/fast/package";
import { unzipParts } from "../../src/xlsx/fast/pkg-unzip";
import { readPlanPackage } from "../../src/xlsx/fast/read";
import { generateReportWorkbook } from "../../src/xlsx/generate";
import { parseDefinedNames } from "../../src/xlsx/names";
import { parseRels, relsPathOf, resolveTarget } from "../../src/xlsx/package";
import { parseRange, rangeOf } from "../../src/xlsx/range";
import { toBuffer } from "../../src/xlsx/write";
import { tempDir } from "../helpers/libreoffice";
import { withFeatures, type Feature } from "./package-fixtures";
import type { PackageLoss } from "../../src/xlsx/inspect";
import { loadWorkbookBuffer, tableModels } from "../../src/xlsx/read";
import { allowedNewCell, CUTS, isHeaderCell, TODAY } from "../property/checks";
import { cleanWorkbookArb, workbookArb, type GenWorkbook } from "../property/model";
import { expectedOf } from "../property/oracle";
import { toXlsx } from "../property/render";
import { isBlankPlain, loadPlain, sheetCells } from "../property/xlsx-compare";
import { params } from "../property/runs";
import { GENERATED_AT, recalcAll, sampleInput } from "../report/engine";

jest.setTimeout(600_000);

// ---------------------------------------------------------------------------------------------
// Both paths on one input

interface Pair {
  label: string;
  input: Buffer;
  fast: GeneratedPackage;
  ref: Buffer;
  refReplaced: string[];
  refConverted: string[];
}

async function planOf(input: Buffer, today?: Date) {
  const { raw, parts } = await readPlanPackage(input);
  const { plan, problems } = parseWorkbook(raw, today ? { today } : {});
  return { plan, problems, parts };
}

async function both(label: string, input: Buffer, cut: Cuatrimestre, today?: Date): Promise<Pair> {
  const { plan, problems, parts } = await planOf(input, today);
  if (!plan || hasErrors(problems)) throw new Error(`${label}: input has errors: ${problems.map((p) => p.message.en).join("; ")}`);
  const fast = generateReportPackage(parts, plan, { cut, generatedAt: GENERATED_AT });
  const g = await generateReportWorkbook(input, plan, { cut, generatedAt: GENERATED_AT });
  return { label, input, fast, ref: await toBuffer(g.workbook), refReplaced: g.replacedSheets, refConverted: g.convertedTables };
}

function norm(v: unknown): unknown {
  if (!v || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(norm);
  return Object.fromEntries(
    Object.entries(v as object)
      // The font scheme is a theme hint that ExcelJS writes inconsistently; a border line's colour
      // black is what a line without colour shows (the fast path's style sheet spells it out).
      .filter(([k, x]) => k !== "scheme" && x !== undefined && !(k === "color" && JSON.stringify(x) === `{"argb":"FF000000"}` && "style" in (v as object)))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, x]) => [k, norm(x)]),
  );
}

function cellStyles(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (c) => {
      const s = JSON.stringify(norm(c.style ?? {}));
      if (s !== "{}") out.set(c.address, s);
    }),
  );
  return out;
}

/** A sheet's conditional formats, priorities as ranks (a regeneration renumbers them: only their order counts). */
function cfOf(ws: ExcelJS.Worksheet): unknown {
  const cfs = (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
  const all = cfs.flatMap((c) => c.rules.map((r) => r.priority ?? 0)).sort((a, b) => a - b);
  const rank = (p: number | undefined) => all.indexOf(p ?? 0);
  return cfs
    .map((c) => ({ ref: /^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(c.ref) ? rangeOf(parseRange(c.ref)) : c.ref, rules: c.rules.map((r) => ({ rank: rank(r.priority), formulae: (r as { formulae?: unknown }).formulae })) }))
    .sort((a, b) => String(a.ref).localeCompare(String(b.ref)));
}

async function namesOf(buf: Buffer): Promise<string[]> {
  const xml = unzipParts(buf).get("xl/workbook.xml")!.toString("utf8");
  // ExcelJS rewrites the input's print names in its own spelling ('Dependencias'!$A1:$C7); the
  // fast path keeps them as written: compared without quotes and "$".
  return parseDefinedNames(xml)
    .map((n) => `${n.name}|${n.localSheetId ?? ""}|${n.text.replace(/'([^'!]+)'!/g, "$1!").replace(/\$/g, "")}`)
    .sort();
}

/** The fast path's report equals the ExcelJS path's: sheets, cells, tables, names; input sheets' styles, widths and conditional formats. */
async function expectSameReport(p: Pair): Promise<void> {
  const [a, b, before] = await Promise.all([loadPlain(p.fast.buffer), loadPlain(p.ref), loadPlain(p.input)]);
  expect(a.worksheets.map((w) => w.name)).toEqual(b.worksheets.map((w) => w.name));
  expect(p.fast.replacedSheets).toEqual(p.refReplaced);
  expect(p.fast.convertedTables).toEqual(p.refConverted);
  const replaced = new Set(p.fast.replacedSheets);
  const inputSheets = new Set(before.worksheets.map((w) => w.name).filter((n) => !replaced.has(n)));
  const diffs: string[] = [];
  for (const ws of b.worksheets) {
    const fw = a.getWorksheet(ws.name)!;
    const ca = sheetCells(fw);
    const cb = sheetCells(ws);
    // An empty text the spec writes is no cell in the fast path (a blank cell either way).
    const cell = (m: Map<string, unknown>, k: string) => (m.get(k) === "" ? undefined : m.get(k));
    for (const k of new Set([...ca.keys(), ...cb.keys()])) {
      if (JSON.stringify(cell(ca, k)) !== JSON.stringify(cell(cb, k))) diffs.push(`${ws.name}!${k}: fast ${JSON.stringify(ca.get(k))} ref ${JSON.stringify(cb.get(k))}`);
    }
    // (Plain ExcelJS reads a table part without headerRowCount as header-less; src/xlsx/read.ts
    // corrects that, as OOXML's default is one header row: not compared.)
    const ta = tableModels(fw).map((t) => [t.name, t.tableRef, t.columns.map((c) => c.name)]);
    const tb = tableModels(ws).map((t) => [t.name, t.tableRef, t.columns.map((c) => c.name)]);
    if (JSON.stringify(ta) !== JSON.stringify(tb)) diffs.push(`${ws.name} tables: fast ${JSON.stringify(ta)} ref ${JSON.stringify(tb)}`);
    if (!inputSheets.has(ws.name)) continue;
    const sa = cellStyles(fw);
    const sb = cellStyles(ws);
    for (const k of new Set([...sa.keys(), ...sb.keys()])) if (sa.get(k) !== sb.get(k)) diffs.push(`${ws.name}!${k} style: fast ${sa.get(k)} ref ${sb.get(k)}`);
    const wa = JSON.stringify(fw.columns?.map((c) => c.width ?? null) ?? []);
    const wb = JSON.stringify(ws.columns?.map((c) => c.width ?? null) ?? []);
    if (wa !== wb) diffs.push(`${ws.name} widths: fast ${wa} ref ${wb}`);
    const fa = JSON.stringify(cfOf(fw));
    const fb = JSON.stringify(cfOf(ws));
    if (fa !== fb) diffs.push(`${ws.name} conditional formats: fast ${fa} ref ${fb}`);
  }
  expect(diffs.slice(0, 20)).toEqual([]);
  expect(await namesOf(p.fast.buffer)).toEqual(await namesOf(p.ref));
}

/** The official's cells are unchanged, value for value, but for header trims and the cells the report adds. */
async function expectInputCellsKept(input: Buffer, out: Buffer, allowed: (sheet: string, row: number, col: number, value: unknown) => boolean): Promise<void> {
  const [before, after] = await Promise.all([loadPlain(input), loadPlain(out)]);
  const changed: string[] = [];
  for (const ws of before.worksheets) {
    const o = after.getWorksheet(ws.name);
    if (!o) {
      changed.push(`${ws.name}: gone`);
      continue;
    }
    const a = sheetCells(ws);
    const b = sheetCells(o);
    for (const [address, v] of a) {
      const w = b.get(address) ?? null;
      if (JSON.stringify(w) === JSON.stringify(v)) continue;
      const c = o.getCell(address);
      if (typeof v === "string" && w === v.trim()) continue;
      if (isBlankPlain(v) && allowed(ws.name, Number(c.row), Number(c.col), w)) continue;
      changed.push(`${ws.name}!${address}: ${JSON.stringify(v)} -> ${JSON.stringify(w)}`);
    }
    for (const [address, w] of b) {
      if (a.has(address)) continue;
      const c = o.getCell(address);
      if (!allowed(ws.name, Number(c.row), Number(c.col), w)) changed.push(`${ws.name}!${address}: new ${JSON.stringify(w)}`);
    }
  }
  expect(changed).toEqual([]);
}

type LoValue = string | number | boolean | null | { error: string };

function loValue(cell: ExcelJS.Cell): LoValue {
  let v: unknown = cell.value;
  if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v || "result" in v)) v = (v as { result?: unknown }).result ?? null;
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "number") return Math.round(v * 1e9) / 1e9;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "object" && "error" in v) return { error: String((v as { error: unknown }).error) };
  if (typeof v === "object" && "richText" in v) return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
  return JSON.stringify(v);
}

/** Every value of every sheet after LibreOffice recalculated the file. */
async function recalculatedValues(file: string): Promise<Map<string, LoValue>> {
  const wb = await loadPlain(await fs.readFile(file));
  const out = new Map<string, LoValue>();
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        const v = loValue(c);
        if (v !== null) out.set(`${ws.name}!${c.address}`, v);
      }),
    );
  }
  return out;
}

/** Recalculates every pair's two reports in one LibreOffice run and expects the same values. */
async function expectSameRecalculated(pairs: Pair[]): Promise<void> {
  const dir = await tempDir("pipc-fast-lo-");
  const files: string[] = [];
  for (const [i, p] of pairs.entries()) {
    const f = path.join(dir, `fast-${i}.xlsx`);
    const r = path.join(dir, `ref-${i}.xlsx`);
    await fs.writeFile(f, p.fast.buffer);
    await fs.writeFile(r, p.ref);
    files.push(f, r);
  }
  const out = await recalcAll(files);
  const diffs: string[] = [];
  for (const [i, p] of pairs.entries()) {
    const [va, vb] = await Promise.all([recalculatedValues(out[2 * i]), recalculatedValues(out[2 * i + 1])]);
    expect(va.size).toBeGreaterThan(0);
    for (const k of new Set([...va.keys(), ...vb.keys()])) {
      if (JSON.stringify(va.get(k) ?? null) !== JSON.stringify(vb.get(k) ?? null)) diffs.push(`${p.label} ${k}: fast ${JSON.stringify(va.get(k))} ref ${JSON.stringify(vb.get(k))}`);
    }
  }
  await fs.rm(dir, { recursive: true, force: true });
  expect(diffs.slice(0, 20)).toEqual([]);
}

/** No part left behind: every part reachable from the relationships, every override naming a part, unique table names and ids. */
function expectNoLeftovers(buf: Buffer): void {
  const parts = unzipParts(buf);
  const text = (p: string) => parts.get(p)?.toString("utf8") ?? null;
  const seen = new Set<string>();
  const stack = [""];
  while (stack.length) {
    const p = stack.pop()!;
    const rels = parseRels(text(p === "" ? "_rels/.rels" : relsPathOf(p)));
    for (const r of rels) {
      if (/TargetMode="External"/.test(r.rest)) continue;
      const t = resolveTarget(p, r.target);
      expect([p, t, parts.has(t)]).toEqual([p, t, true]);
      if (!seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
    }
  }
  const orphans = [...parts.keys()].filter((p) => p !== "[Content_Types].xml" && !p.endsWith(".rels") && !seen.has(p));
  expect(orphans).toEqual([]);
  const ct = text("[Content_Types].xml")!;
  const overrides = [...ct.matchAll(/PartName="\/([^"]+)"/g)].map((m) => m[1]);
  expect(overrides.filter((o) => !parts.has(o))).toEqual([]);
  const tables = [...parts.keys()].filter((p) => /^xl\/tables\/.*\.xml$/.test(p)).map((p) => /<table\b[^>]*>/.exec(text(p)!)![0]);
  const names = tables.map((t) => /\sname="([^"]*)"/.exec(t)![1].toLowerCase());
  const ids = tables.map((t) => /\sid="(\d+)"/.exec(t)![1]);
  expect(new Set(names).size).toBe(names.length);
  expect(new Set(ids).size).toBe(ids.length);
}

// ---------------------------------------------------------------------------------------------
// Inputs

interface PlanOptions {
  /** Inputs as Excel tables (true) or plain ranges. */
  tables: boolean;
  /** Actividades has an ID column. */
  idColumn: boolean;
  /** Header spelling of Programado I (spaces around it). */
  programadoI?: string;
  /** A value right of the Actividades table (where the ID column would go). */
  rightOfTable?: string;
  /** A blank header in the middle of the plain range. */
  blankHeader?: boolean;
}

/** A small plan written with ExcelJS's own API: blank IDs, spaces, Dependencias by sigla. */
async function planWorkbook(o: PlanOptions): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const put = (name: string, headers: (string | null)[], rows: ExcelJS.CellValue[][], headerRow = 1) => {
    const ws = book.addWorksheet(name);
    if (headerRow > 1) ws.getCell(1, 1).value = `${name} 2021`;
    if (o.tables) {
      ws.addTable({
        name,
        displayName: name,
        ref: `A${headerRow}`,
        headerRow: true,
        totalsRow: false,
        style: { theme: "TableStyleMedium9", showRowStripes: true },
        columns: headers.map((h) => ({ name: h ?? "", filterButton: true })),
        rows,
      });
    } else {
      headers.forEach((h, j) => (ws.getCell(headerRow, j + 1).value = h));
      rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(headerRow + 1 + i, j + 1).value = v)));
    }
    // The official's grid: thin borders on the first column's cells.
    for (let i = 0; i <= rows.length; i++) ws.getCell(headerRow + i, 1).border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
    return ws;
  };
  put("Dependencias", ["Dependencia", "Sigla"], [
    ["Oficina Asesora de Planeación", "OAP"],
    ["Secretaría de Finanzas", "SFI"],
  ]);
  const pI = o.programadoI ?? "Programado I";
  const head = [...(o.idColumn ? ["ID"] : []), "Dependencia", "Actividad", pI, "Ejecutado I", "Programado II", "Ejecutado II", o.blankHeader ? null : "Notas", "Programado III", "Ejecutado III"];
  const acts: ExcelJS.CellValue[][] = [
    ["A-1", "OAP", "Rendición de cuentas", 2, 2, 1, 0, "x", 3, 1],
    [null, "SFI", "Mesa de presupuesto", 1, 0, 2, 3, null, 0, 0],
    ["  ", "OAP", "Foro ciudadano", "3", 1, 0, 0, null, 2, 2],
    [null, "Secretaría de Finanzas", "Encuesta", 0, 0, 0, 1, "y", 1, 0],
  ].map((r) => (o.idColumn ? r : r.slice(1)));
  const ws = put("Actividades", head, acts, 2);
  if (o.rightOfTable) ws.getCell(4, head.length + 1).value = o.rightOfTable;
  put("Compromisos", ["ID", "Fecha", "Mesa", "Compromiso", "Responsable", "Estado"], [
    ["C-1", new Date(Date.UTC(2021, 1, 10)), "Mesa 1", "Publicar el informe", "OAP", "Cumplido"],
    [null, new Date(Date.UTC(2021, 5, 3)), "Mesa 2", "Abrir datos", "SFI", "En avance"],
    [null, new Date(Date.UTC(2021, 9, 20)), "Mesa 2", "Responder PQRS", "Alcaldía", null],
  ]);
  const conf = book.addWorksheet("Configuración");
  conf.getCell("A1").value = "Clave";
  conf.getCell("B1").value = "Valor";
  [["Entidad", "Alcaldía de Prueba"], ["Vigencia", 2021], ["Dependencia a cargo de compromisos", "OAP"]].forEach(([k, v], i) => {
    conf.getCell(i + 2, 1).value = k;
    conf.getCell(i + 2, 2).value = v;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The sample with an official's sheet holding a picture and a note, and a note on Actividades. */
async function withPictureAndNotes(): Promise<Buffer> {
  const wb = await loadPlain(await sampleInput());
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
    "base64",
  );
  const ws = wb.addWorksheet("Notas del equipo");
  ws.getCell("A1").value = "no borrar";
  ws.getCell("A1").note = "Nota del equipo";
  const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" });
  ws.addImage(id, { tl: { col: 2, row: 2 }, ext: { width: 40, height: 40 } });
  wb.getWorksheet("Actividades")!.getCell("C3").note = "Revisar con la OAP";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The sample as an .xlsm: a VBA project and the macro-enabled workbook content type. */
async function asXlsm(): Promise<Buffer> {
  const pkg = Package.from(unzipParts(await sampleInput()));
  pkg.setPart("xl/vbaProject.bin", Buffer.from("not really VBA"), "application/vnd.ms-office.vbaProject");
  const rels = pkg.workbookRels();
  rels.push({ id: "rId99", type: "http://schemas.microsoft.com/office/2006/relationships/vbaProject", target: "vbaProject.bin", rest: "" });
  pkg.setWorkbookRels(rels);
  pkg.setContentType("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  return pkg.toBuffer();
}

// ---------------------------------------------------------------------------------------------

describe("fast generate against the ExcelJS path", () => {
  const pairs: Pair[] = [];

  test("the 2021 sample, all three cuts", async () => {
    const input = await sampleInput();
    for (const cut of CUTS) {
      const p = await both(`sample ${cut}`, input, cut);
      await expectSameReport(p);
      expect(p.fast.losses).toEqual([]);
      pairs.push(p);
    }
  });

  test("plain ranges become tables: blank header, spaces, blank IDs, a missing ID column", async () => {
    for (const o of [
      { tables: false, idColumn: true, programadoI: "  Programado I ", blankHeader: true },
      { tables: false, idColumn: false },
      { tables: true, idColumn: false, programadoI: " Programado I  " },
      { tables: true, idColumn: true },
    ] satisfies PlanOptions[]) {
      const input = await planWorkbook(o);
      const p = await both(`plan ${JSON.stringify(o)}`, input, "III");
      await expectSameReport(p);
      if (!o.tables) expect(p.fast.convertedTables.length).toBeGreaterThanOrEqual(3);
      const { plan } = await planOf(input);
      const acts = (await loadPlain(p.fast.buffer)).getWorksheet("Actividades")!;
      // Every generated id is in its row, under the ID header.
      const t = tableModels(acts).find((x) => x.name === "Actividades")!;
      const idCol = 1 + t.columns.findIndex((c) => c.name === "ID");
      for (const a of plan!.actividades) expect(acts.getCell(a.fila, idCol).value).toBe(a.id);
      await expectInputCellsKept(input, p.fast.buffer, (sheet, row, col) => sheet === "Actividades" || (sheet === "Compromisos" && col === 1 && row > 1));
      pairs.push(p);
    }
  });

  test("a table that cannot grow: the same LayoutError, naming the cell", async () => {
    const input = await planWorkbook({ tables: true, idColumn: false, rightOfTable: "mío" });
    const { plan, parts } = await planOf(input);
    let fastErr: unknown;
    let refErr: unknown;
    try {
      generateReportPackage(parts, plan!, { cut: "III" });
    } catch (e) {
      fastErr = e;
    }
    try {
      await generateReportWorkbook(input, plan!, { cut: "III" });
    } catch (e) {
      refErr = e;
    }
    expect(fastErr).toBeInstanceOf(LayoutError);
    expect((fastErr as LayoutError).messages).toEqual((refErr as LayoutError).messages);
    expect((fastErr as LayoutError).messages.es).toMatch(/^Actividades!J4: la tabla Actividades necesita la columna J/);
  });

  test("a previous generation is replaced: same as ExcelJS, nothing left behind, byte-identical when generated again", async () => {
    const input = await sampleInput();
    const { plan, parts } = await planOf(input);
    const first = generateReportPackage(parts, plan!, { cut: "III", generatedAt: GENERATED_AT });
    expect(generateReportPackage(parts, plan!, { cut: "III", generatedAt: GENERATED_AT }).buffer.equals(first.buffer)).toBe(true);
    expectNoLeftovers(first.buffer);
    // The file's properties list the report's sheets too, not only the input's.
    const titles = (buf: Buffer) => {
      const app = unzipParts(buf).get("docProps/app.xml")!.toString("utf8");
      const list = [...(/<TitlesOfParts>[\s\S]*<\/TitlesOfParts>/.exec(app)?.[0] ?? "").matchAll(/<vt:lpstr>([^<]*)<\/vt:lpstr>/g)].map((m) => m[1]);
      return { list, count: /<vt:i4>(\d+)<\/vt:i4>/.exec(app)?.[1] };
    };
    expect(titles(input).list).toEqual(["Actividades", "Compromisos", "Dependencias", "Configuración"]);
    const sheetsOfReport = ["Actividades", "Compromisos", "Dependencias", "Configuración", "Resumen", "3.1 OAP", "3.2 ACPVR", "3.3 ACDTIC", "3.4 SFI", "3.5 SSC", "Seguimiento compromisos"];
    expect(titles(first.buffer)).toEqual({ list: sheetsOfReport, count: "11" });
    // The report as input, another cut.
    const p = await both("regeneration I", first.buffer, "I");
    expect(p.fast.replacedSheets).toEqual(["Resumen", "3.1 OAP", "3.2 ACPVR", "3.3 ACDTIC", "3.4 SFI", "3.5 SSC", "Seguimiento compromisos"]);
    await expectSameReport(p);
    expectNoLeftovers(p.fast.buffer);
    pairs.push(p);
    // Generating from a report of the same cut gives that report again, byte for byte.
    const again = await planOf(first.buffer);
    const second = generateReportPackage(again.parts, again.plan!, { cut: "III", generatedAt: GENERATED_AT });
    const third = await planOf(second.buffer);
    // Taking the parts over (as pipc does, to let a previous report's parts go) empties the map and
    // changes nothing in the bytes.
    expect(generateReportPackage(third.parts, third.plan!, { cut: "III", generatedAt: GENERATED_AT, takeParts: true }).buffer.equals(second.buffer)).toBe(true);
    expect(third.parts.size).toBe(0);
    expect([...unzipParts(second.buffer).keys()].sort()).toEqual([...unzipParts(first.buffer).keys()].sort());
  });

  test("an official's sheet with a picture and notes is kept whole (ExcelJS kept them too); nothing reported lost", async () => {
    const input = await withPictureAndNotes();
    const p = await both("picture and notes", input, "III");
    await expectSameReport(p);
    expect(p.fast.losses).toEqual([]);
    const inParts = unzipParts(input);
    const outParts = unzipParts(p.fast.buffer);
    const media = [...inParts.keys()].filter((k) => k.startsWith("xl/media/"));
    expect(media.length).toBe(1);
    for (const m of media) expect(outParts.get(m)?.equals(inParts.get(m)!)).toBe(true);
    const out = await loadPlain(p.fast.buffer);
    expect(out.getWorksheet("Notas del equipo")!.getImages()).toHaveLength(1);
    expect(out.getWorksheet("Notas del equipo")!.getCell("A1").note).toBe("Nota del equipo");
    expect(out.getWorksheet("Actividades")!.getCell("C3").note).toBe("Revisar con la OAP");
    expectNoLeftovers(p.fast.buffer);
    pairs.push(p);
  });

  test("macros: the VBA project goes, the workbook becomes a plain .xlsx, and the loss is reported", async () => {
    const input = await asXlsm();
    const { plan, parts } = await planOf(input);
    const g = generateReportPackage(parts, plan!, { cut: "III", generatedAt: GENERATED_AT });
    expect(g.losses).toEqual([{ kind: "macros", sheet: null, count: 1 }]);
    const out = unzipParts(g.buffer);
    expect(out.has("xl/vbaProject.bin")).toBe(false);
    const ct = out.get("[Content_Types].xml")!.toString("utf8");
    expect(ct).toContain(`PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"`);
    expect(out.get("xl/_rels/workbook.xml.rels")!.toString("utf8")).not.toContain("vbaProject");
    expectNoLeftovers(g.buffer);
    expect((await loadPlain(g.buffer)).worksheets).toHaveLength(11);
  });

  test("a shared formula the computed columns would cut: the fast path stops and pipc takes the ExcelJS path", async () => {
    const input = await sampleInput();
    const { plan, parts } = await planOf(input);
    const report = generateReportPackage(parts, plan!, { cut: "III", generatedAt: GENERATED_AT }).buffer;
    // The Estado column's first cell becomes the master of a formula shared with a cell outside the table.
    const pkg = Package.from(unzipParts(report));
    const part = pkg.sheet("Actividades")!.part;
    const xml = pkg.text(part)!;
    const edited = xml
      .replace(/<c r="P3"([^>]*)><f>([^<]*)<\/f><\/c>/, `<c r="P3"$1><f t="shared" ref="P3:Q3" si="0">$2</f></c><c r="Q3"><f t="shared" si="0"/></c>`)
      .replace(/(<row r="3"[^>]*?) spans="[^"]*"/, "$1");
    expect(edited).not.toBe(xml);
    pkg.setPart(part, edited);
    const shared = pkg.toBuffer();
    const again = await planOf(shared);
    expect(() => generateReportPackage(again.parts, again.plan!, { cut: "III" })).toThrow(FastPathUnsupported);
    const { buffer, report: r } = await generateReport({ buf: shared, parts: again.parts, plan: again.plan!, problems: again.problems }, "III", GENERATED_AT);
    expect(r.path).toBe("exceljs");
    expect((await loadPlain(buffer)).worksheets.map((w) => w.name)).toContain("Seguimiento compromisos");
    // And an ordinary input goes the fast way.
    const fast = await generateReport({ buf: input, parts, plan: plan!, problems: [] }, "III", GENERATED_AT);
    expect(fast.report.path).toBe("fast");
  });

  test("LibreOffice opens every report and computes the same values on both paths", async () => {
    expect(pairs.length).toBeGreaterThanOrEqual(9);
    await expectSameRecalculated(pairs);
  });
});

describe("what an official's workbook holds is carried (test/xlsx/package-fixtures.ts)", () => {
  const FEATURES: Feature[] = [
    "pivotTable", "chart", "image", "shape", "notes", "threadedComments", "externalLink", "slicer", "sparklines", "formControl",
    "activeX", "oleObject", "chartsheet", "listValidationExt", "dateValidationExt", "connections", "dataModel", "timeline",
    "backgroundImage", "headerFooterImage", "dynamicArray", "customUI", "richValue", "macros", "macrosheet",
  ];
  /** What an .xlsx report cannot hold: said, and dropped. */
  const LOST: Partial<Record<Feature, PackageLoss["kind"]>> = { macros: "macros", macrosheet: "macrosheet" };

  test.each(["Actividades", "Tablero"])("every feature on %s: kept part for part (macros aside), the report opens in ExcelJS and LibreOffice", async (sheet) => {
    const base = await loadPlain(await sampleInput());
    const tablero = base.addWorksheet("Tablero");
    tablero.getCell("A1").value = "tablero del equipo";
    // Rows the fixtures put their cells in.
    for (const r of [3, 4, 5]) tablero.getCell(`A${r}`).value = `fila ${r}`;
    const sample = Buffer.from(await base.xlsx.writeBuffer());
    const dir = await tempDir("pipc-fast-features-");
    const files: string[] = [];
    for (const f of FEATURES) {
      const input = await withFeatures(sample, sheet, [f]);
      const { plan, problems, parts } = await planOf(input);
      expect([f, problems.filter((p) => p.severity === "error")]).toEqual([f, []]);
      const g = generateReportPackage(parts, plan!, { cut: "III", generatedAt: GENERATED_AT });
      const lost = LOST[f];
      expect([f, g.losses.map((l) => l.kind)]).toEqual([f, lost ? [lost] : []]);
      // Every part of the input is in the report (edited or not), but what was dropped.
      const out = unzipParts(g.buffer);
      const dropped = (n: string) => n === "xl/calcChain.xml" || (lost === "macros" && /vbaProject/.test(n)) || (lost === "macrosheet" && /macrosheet/i.test(n));
      expect([f, [...parts.keys()].filter((n) => !out.has(n) && !dropped(n))]).toEqual([f, []]);
      expectNoLeftovers(g.buffer);
      await loadWorkbookBuffer(g.buffer);
      const file = path.join(dir, `${f}.xlsx`);
      await fs.writeFile(file, g.buffer);
      files.push(file);
    }
    const recalculated = await recalcAll(files);
    for (const [i, f] of recalculated.entries()) {
      const wb = await loadPlain(await fs.readFile(f));
      // LibreOffice computed the report: Programado vigencia of the sample's first activity (6 + 6 + 8).
      expect([FEATURES[i], wb.getWorksheet("Tablero")?.getCell("A1").value]).toEqual([FEATURES[i], "tablero del equipo"]);
      expect([FEATURES[i], (await recalculatedValues(f)).get("Actividades!M3")]).toEqual([FEATURES[i], 20]);
    }
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe("fast generate on random plans (the property model)", () => {
  // 30 per CI run (each generates on both paths; about three seconds apiece on two busy cores);
  // PIPC_PROPERTY_SCALE multiplies it, as for the other properties (test/property/runs.ts).
  const RUNS = params(30).numRuns as number;

  test(`${RUNS} random files: same report as the ExcelJS path, inputs unchanged, same values in LibreOffice`, async () => {
    const samples = fc.sample(
      fc.tuple(fc.oneof({ weight: 3, arbitrary: cleanWorkbookArb(8) }, { weight: 1, arbitrary: workbookArb(8) }), fc.constantFrom(...CUTS)),
      { numRuns: RUNS * 3, seed: Number(process.env.PIPC_PROPERTY_SEED || 20261128) },
    );
    const pairs: Pair[] = [];
    for (const [wb, cut] of samples) {
      if (pairs.length >= RUNS) break;
      const input = await toXlsx(wb);
      const { plan, problems } = await planOf(input, TODAY);
      if (!plan || hasErrors(problems)) continue;
      const p = await both(`random #${pairs.length}`, input, cut, TODAY);
      await expectSameReport(p);
      const exp = expectedOf(wb, TODAY);
      const sheetOf = (name: string) => (wb as GenWorkbook).sheets.find((s) => s.name === name);
      await expectInputCellsKept(input, p.fast.buffer, (sheet, row, col, value) => {
        const s = sheetOf(sheet);
        return !!s && (allowedNewCell(s, exp, row, col, value) || isHeaderCell(s, row, col));
      });
      pairs.push(p);
    }
    expect(pairs.length).toBeGreaterThanOrEqual(RUNS / 2);
    await expectSameRecalculated(pairs);
  });
});
