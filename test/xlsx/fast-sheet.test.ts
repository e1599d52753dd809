/**
 * The fast renderer (src/xlsx/fast/sheet.ts + styles.ts) against the ExcelJS path: every generated
 * sheet of the 2021 report, for each cut, and hostile specs, rendered both ways and loaded back with
 * ExcelJS; what an official sees must be the same (values, formulas, styles, merges, widths,
 * heights, conditional formats, validations, tables, print setup, views, tab colour).
 */
import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XMLValidator } from "fast-xml-parser";
import { cellAddress, type Cuatrimestre } from "../../src/domain";
import { parseWorkbook, rawWorkbookFromInput } from "../../src/domain/parse";
import { sample2021 } from "../../src/domain/sample";
import { benchPlan } from "../../scripts/bench-plan";
import { buildReport } from "../../src/report/build";
import { inputWorkbookSpec } from "../../src/report/input";
import { emptySheet, type SheetSpec } from "../../src/report/spec";
import { renderWorkbook, toBuffer, toFileFormula } from "../../src/xlsx/write";
import { toFileFormula as fastFileFormula } from "../../src/xlsx/fast/render-formula";
import { unescapeXml } from "../../src/xlsx/names";
import { tableModels } from "../../src/xlsx/read";
import { Package } from "../../src/xlsx/fast/package";
import { cellXml, renderSheet, type RenderedSheet } from "../../src/xlsx/fast/sheet";
import { StyleSheet } from "../../src/xlsx/fast/styles";
import { sheetParts } from "../property/xlsx-compare";
import { pdfToPngs, recalc, renderPdf, tempDir } from "../helpers/libreoffice";

const AT = new Date(2022, 0, 14, 12, 0, 0);

function reportSheets(cut: Cuatrimestre): SheetSpec[] {
  const { plan } = parseWorkbook(rawWorkbookFromInput(sample2021()));
  return buildReport(plan!, cut, { generatedAt: AT }).sheets;
}

/** The fast path's workbook of these sheets (B2's package around B1's sheets). */
function fastBuffer(sheets: SheetSpec[]): { buf: Buffer; rendered: RenderedSheet[]; styles: string; xml: Map<string, string> } {
  const pkg = Package.fresh();
  let tableId = 0;
  const rendered = sheets.map((s) => {
    const r = renderSheet(s, { styles: pkg.styles, nextTableId: () => ++tableId });
    pkg.addSheet(s.name, r);
    return r;
  });
  return { buf: pkg.toBuffer(), rendered, styles: pkg.styles.toXml(), xml: new Map(sheets.map((s, i) => [s.name, rendered[i].xml])) };
}

async function excelJsBuffer(sheets: SheetSpec[]): Promise<Buffer> {
  return toBuffer(renderWorkbook({ sheets, names: [], computedColumns: [] }));
}

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

// ---------------------------------------------------------------------------------------------
// Comparable views of a loaded sheet

function argbOf(c: Partial<ExcelJS.Color> | undefined): string | undefined {
  if (!c) return undefined;
  // The default font's theme colour (text 1) is the automatic black of a plain font.
  if ((c as { theme?: number }).theme === 1 && !c.argb) return undefined;
  return c.argb ?? JSON.stringify(c);
}

/** A cell's effective look, defaults filled in, as an official sees it. */
function look(cell: ExcelJS.Cell): unknown {
  const s = cell.style ?? {};
  const f = s.font ?? {};
  const fill = s.fill as ExcelJS.FillPattern | undefined;
  const b = s.border ?? {};
  const side = (x: Partial<ExcelJS.Border> | undefined) => (x && x.style ? `${x.style} ${argbOf(x.color)}` : "none");
  const a = s.alignment ?? {};
  return {
    font: {
      name: f.name ?? "Calibri",
      size: f.size ?? 11,
      bold: !!f.bold,
      italic: !!f.italic,
      underline: !!f.underline,
      color: argbOf(f.color),
    },
    fill: fill && fill.type === "pattern" && fill.pattern !== "none" ? `${fill.pattern} ${argbOf(fill.fgColor)}` : "none",
    numFmt: s.numFmt ?? "General",
    alignment: { h: a.horizontal, v: a.vertical, wrap: !!a.wrapText, indent: a.indent ?? 0 },
    border: { top: side(b.top), bottom: side(b.bottom), left: side(b.left), right: side(b.right) },
  };
}

function value(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) return { formula: cell.formula };
    if ("richText" in v) return v.richText.map((p) => p.text).join("");
    if ("error" in v) return { error: String(v.error) };
  }
  return v;
}

/** Every cell either file has (values and looks), by address. */
function cells(ws: ExcelJS.Worksheet, other: ExcelJS.Worksheet): Map<string, { v: unknown; look: unknown }> {
  const addrs = new Set<string>();
  for (const w of [ws, other]) {
    w.eachRow({ includeEmpty: true }, (row, r) => row.eachCell({ includeEmpty: true }, (_c, c) => addrs.add(cellAddress(r, c))));
  }
  const out = new Map<string, { v: unknown; look: unknown }>();
  for (const a of [...addrs].sort()) {
    const cell = ws.getCell(a);
    out.set(a, { v: value(cell), look: look(cell) });
  }
  return out;
}

/** The raw XML of a sheet's conditional formats with their dxf styles resolved, in priority order. */
async function conditionalRules(buf: Buffer, sheetXml: string): Promise<unknown[]> {
  const zip = await JSZip.loadAsync(buf);
  const styles = (await zip.file("xl/styles.xml")!.async("string")) ?? "";
  const dxfs = [...(/<dxfs[^>]*>([\s\S]*?)<\/dxfs>/.exec(styles)?.[1] ?? "").matchAll(/<dxf>([\s\S]*?)<\/dxf>/g)].map((m) => m[1]);
  const out: { sqref: string; priority: number; stop: boolean; formula: string; dxf: string }[] = [];
  for (const cf of sheetXml.matchAll(/<conditionalFormatting sqref="([^"]*)">([\s\S]*?)<\/conditionalFormatting>/g)) {
    for (const r of cf[2].matchAll(/<cfRule([^>]*)>([\s\S]*?)<\/cfRule>/g)) {
      const attrs = r[1];
      out.push({
        sqref: cf[1],
        priority: Number(/priority="(\d+)"/.exec(attrs)![1]),
        stop: /stopIfTrue="1"/.test(attrs),
        formula: unescapeXml(/<formula>([\s\S]*?)<\/formula>/.exec(r[2])![1]),
        dxf: dxfs[Number(/dxfId="(\d+)"/.exec(attrs)![1])],
      });
    }
  }
  return out.sort((a, b) => a.priority - b.priority);
}

function rowBreaks(sheetXml: string): number[] {
  return [...sheetXml.matchAll(/<brk\b[^>]*\bid="(\d+)"[^>]*\bman="1"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
}

function pageSetupOf(ws: ExcelJS.Worksheet): unknown {
  const p = ws.pageSetup;
  return {
    // The schema's defaults, which ExcelJS writes out and the fast path leaves implicit.
    orientation: p.orientation ?? "portrait",
    fitToPage: !!p.fitToPage,
    fitToWidth: p.fitToWidth ?? 1,
    fitToHeight: p.fitToHeight ?? 1,
    paperSize: p.paperSize,
    horizontalCentered: !!p.horizontalCentered,
    margins: p.margins,
    printArea: p.printArea,
    printTitlesRow: p.printTitlesRow,
  };
}

function tablesOf(ws: ExcelJS.Worksheet): unknown {
  return tableModels(ws)
    .map((t) => {
      const m = t as unknown as { name: string; tableRef: string; columns: { name: string }[]; style?: { theme?: string; showRowStripes?: boolean } };
      return { name: m.name, ref: m.tableRef, columns: m.columns.map((c) => c.name), style: m.style?.theme, stripes: !!m.style?.showRowStripes };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function viewsOf(ws: ExcelJS.Worksheet): unknown {
  return ws.views.map((v) => {
    const x = v as Partial<ExcelJS.WorksheetViewFrozen>;
    return { state: x.state ?? "normal", xSplit: x.xSplit ?? 0, ySplit: x.ySplit ?? 0, topLeftCell: x.state === "frozen" ? x.topLeftCell : undefined, grid: v.showGridLines !== false };
  });
}

function validationsOf(ws: ExcelJS.Worksheet): unknown {
  const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  return Object.keys(model)
    .sort()
    .map((k) => [k, model[k]]);
}

function columnWidths(ws: ExcelJS.Worksheet): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  // ExcelJS leaves out a width of 9, its own default; the fast path writes what the spec asks.
  for (let c = 1; c <= Math.max(ws.columnCount, 12); c++) {
    const w = ws.getColumn(c).width;
    out.push(w === 9 ? undefined : w);
  }
  return out;
}

function rowHeights(ws: ExcelJS.Worksheet): Record<number, number> {
  const out: Record<number, number> = {};
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.height !== undefined && row.height !== null) out[r] = row.height;
  });
  return out;
}

/** Compares both renderings of these sheets; returns the fast file for further checks. */
async function expectSameAsExcelJs(sheets: SheetSpec[]): Promise<Buffer> {
  const fast = fastBuffer(sheets);
  const slow = await excelJsBuffer(sheets);
  const [a, b] = await Promise.all([load(fast.buf), load(slow)]);
  const names = sheets.map((s) => s.name);
  expect(a.worksheets.map((w) => w.name)).toEqual(names);
  const [partsA, partsB] = await Promise.all([sheetParts(fast.buf, names), sheetParts(slow, names)]);
  for (const s of sheets) {
    const wa = a.getWorksheet(s.name)!;
    const wb = b.getWorksheet(s.name)!;
    const where = `sheet ${s.name}`;
    const ca = cells(wa, wb);
    const cb = cells(wb, wa);
    for (const [addr, x] of cb) {
      const mine = ca.get(addr);
      // ExcelJS reads an empty inline string (<is><t></t></is>) as no value; Excel reads "" there.
      if (mine && mine.v === null && x.v === "" && fast.xml.get(s.name)!.includes(`<c r="${addr}"`)) mine.v = "";
      expect({ where, addr, ...mine }).toEqual({ where, addr, ...x });
    }
    expect({ where, merges: [...wa.model.merges].sort() }).toEqual({ where, merges: [...wb.model.merges].sort() });
    expect({ where, widths: columnWidths(wa) }).toEqual({ where, widths: columnWidths(wb) });
    expect({ where, heights: rowHeights(wa) }).toEqual({ where, heights: rowHeights(wb) });
    expect({ where, cf: await conditionalRules(fast.buf, partsA[s.name][0]) }).toEqual({ where, cf: await conditionalRules(slow, partsB[s.name][0]) });
    expect({ where, dv: validationsOf(wa) }).toEqual({ where, dv: validationsOf(wb) });
    expect({ where, tables: tablesOf(wa) }).toEqual({ where, tables: tablesOf(wb) });
    expect({ where, page: pageSetupOf(wa), hf: wa.headerFooter }).toEqual({ where, page: pageSetupOf(wb), hf: wb.headerFooter });
    expect({ where, breaks: rowBreaks(partsA[s.name][0]) }).toEqual({ where, breaks: rowBreaks(partsB[s.name][0]) });
    expect({ where, views: viewsOf(wa) }).toEqual({ where, views: viewsOf(wb) });
    expect({ where, tab: wa.properties.tabColor }).toEqual({ where, tab: wb.properties.tabColor });
    // Charts: the same chart parts (the drawing and chart XML come from the same functions).
    const charts = (parts: string[]) => parts.filter((p) => p.includes("<c:chartSpace") || p.includes("<xdr:wsDr"));
    expect({ where, charts: charts(partsA[s.name]) }).toEqual({ where, charts: charts(partsB[s.name]) });
  }
  return fast.buf;
}

/** Every part of a package is well-formed XML. */
async function expectWellFormed(buf: Buffer): Promise<void> {
  const zip = await JSZip.loadAsync(buf);
  for (const name of Object.keys(zip.files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const text = await zip.file(name)!.async("string");
    const r = XMLValidator.validate(text);
    expect({ name, valid: r === true ? true : r.err }).toEqual({ name, valid: true });
  }
}

// ---------------------------------------------------------------------------------------------

describe("the 2021 report rendered by the fast path, as the ExcelJS path renders it", () => {
  for (const cut of ["I", "II", "III"] as Cuatrimestre[]) {
    test(`cut ${cut}: every generated sheet`, async () => {
      const buf = await expectSameAsExcelJs(reportSheets(cut));
      await expectWellFormed(buf);
    });
  }

  test("the input sheets (validations of every type, tables, widths)", async () => {
    const buf = await expectSameAsExcelJs(inputWorkbookSpec(sample2021()));
    await expectWellFormed(buf);
  });

  test("a larger generated plan (300 activities, 400 commitments, 12 offices)", async () => {
    const { plan } = parseWorkbook(rawWorkbookFromInput(benchPlan({ activities: 300, commitments: 400, seed: 11 })));
    await expectSameAsExcelJs(buildReport(plan!, "II", { generatedAt: AT }).sheets);
  });

  test("same spec, same bytes", () => {
    const sheets = reportSheets("II");
    expect(fastBuffer(sheets).buf.equals(fastBuffer(sheets).buf)).toBe(true);
  });
});

function hostile(): SheetSpec {
  const s = emptySheet("Hostil", "hostil", "generated");
  const long = "Ñ".repeat(254) + "é";
  s.columnWidths = [20, 0, 12, 12, 12];
  s.rowHeights = { 1: 30, 9: 12 };
  s.blocks.push({
    origin: "A1",
    cells: [
      ["=SUM(1,2)", "+57 300", "@usuario", "-1", null],
      ["a\u0001b\u0008c\u001Fd\u007F", "tab\there\nnew line", " espacios ", "emoji 🎉👩‍👩‍👧", long],
      [true, false, 0, -12.5, 1e21],
      ["<b>&amp;</b> \"comillas\" 'apóstrofo'", { f: "=IFS(A3,1,TRUE,2)" }, { f: '="texto con ""comillas"" y <>&"' }, null, ""],
    ],
  });
  s.formats.push(
    { range: "A1:E4", style: { border: { top: { style: "medium", color: "1F3864" }, bottom: { style: "thick" }, left: { style: "thin" }, right: { style: "thin" }, inside: { style: "thin", color: "BFBFBF" } } } },
    { range: "B2:D3", style: { font: { bold: true, color: "C00000" }, fill: "FFF2CC", alignment: { horizontal: "center", vertical: "middle", wrapText: true } } },
    { range: "C3:C6", style: { font: { italic: true, size: 9, name: "Arial" }, numberFormat: "#,##0.00", alignment: { indent: 2 } } },
    { range: "D3", style: { numberFormat: "dd/mm/yyyy", font: { underline: true } } },
    { range: "A8:C8", style: { fill: "DEEAF6" } },
    { range: "B2", style: { border: { top: { style: "thin", color: "00B050" } }, numberFormat: "0%" } },
  );
  s.merges.push("A8:C8", "D5:E6");
  s.conditionalFormats.push(
    { range: "A3:E4", rules: [{ formula: '=$A3="x"', style: { fill: "FFC7CE", fontColor: "9C0006" }, stopIfTrue: true }, { formula: "=$D3<0", style: { bold: true } }] },
    { range: "B1", rules: [{ formula: "=LEN(B1)>3", style: { fontColor: "006100", bold: false } }] },
  );
  s.dataValidations.push(
    { range: "C10:C20", type: "whole", operator: "greaterThanOrEqual", formula1: "0", error: { title: "Número", message: "Un entero & positivo" } },
    { range: "D10:D20", type: "date", operator: "between", formula1: "2000-01-01", formula2: "2100-12-31", allowBlank: true, prompt: { title: "Fecha", message: "dd/mm/aaaa <por favor>" }, error: { title: "Fecha", message: "No es una fecha" } },
    { range: "E10:E20", type: "list", list: { items: ["Sí", "No", "Tal vez"] }, allowBlank: false, error: { title: "Lista", message: "Elija uno" } },
    { range: "B10:B20", type: "decimal", operator: "between", formula1: "0", formula2: "1.5", error: { title: "Decimal", message: "Entre 0 y 1,5" } },
    { range: "A10:A20", type: "list", list: { formula: "=$C$1:$C$3" }, error: { title: "Rango", message: "De la lista" } },
  );
  s.print = {
    orientation: "portrait",
    fitToWidth: 2,
    paperSize: "a4",
    header: { left: "Izq & <der>", center: "&P de &N" },
    footer: { right: "Pie \"final\"" },
    area: "A1:E20",
    printTitleRows: "1:2",
    centerHorizontally: false,
    rowBreaks: [4, 2],
  };
  s.freeze = { rows: 2, columns: 1 };
  s.showGridLines = false;
  s.tabColor = "70AD47";
  return s;
}

function tableSheet(): SheetSpec {
  const s = emptySheet("Tabla d'Ana", "tabla", "generated");
  s.blocks.push({ origin: "B2", cells: [["Nombre", "Valor & más", "=no es fórmula"], ["uno", 1, { f: "=Tabla_1[[#This Row],[Valor & más]]*2" }], ["dos", 2, null]] });
  s.tables.push({ name: "Tabla_1", range: "B2:D4", columns: ["Nombre", "Valor & más", "=no es fórmula"], style: "TableStyleLight9", showRowStripes: false });
  s.formats.push({ range: "B2:D4", style: { border: { inside: { style: "thin" } } } });
  s.freeze = { rows: 0, columns: 2 };
  return s;
}

describe("hostile specs", () => {
  test("formula-like texts stay text, control characters go, long texts, emoji, every feature", async () => {
    const sheets = [hostile(), tableSheet(), emptySheet("Vacía", "vacia", "generated"), { ...emptySheet("Solo alto", "alto", "generated"), rowHeights: { 3: 40 } }];
    const buf = await expectSameAsExcelJs(sheets);
    await expectWellFormed(buf);
    const wb = await load(buf);
    const ws = wb.getWorksheet("Hostil")!;
    expect(ws.getCell("A1").value).toBe("=SUM(1,2)");
    expect(ws.getCell("A1").formula).toBeUndefined();
    expect(ws.getCell("A2").value).toBe("abcd");
    expect(ws.getCell("E2").value).toBe("Ñ".repeat(254) + "é");
    expect(ws.getCell("C2").value).toBe(" espacios ");
    expect(ws.getCell("B4").formula).toBe("_xlfn.IFS(A3,1,TRUE,2)");
    const zip = await JSZip.loadAsync(buf);
    const wbXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(wbXml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">Hostil!$A$1:$E$20</definedName>`);
    expect(wbXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">Hostil!$1:$2</definedName>`);
  });

  test("a literal _xHHHH_ sequence survives Excel's string unescaping", () => {
    expect(cellXml("A1", "a_x0041_b", 0)).toBe(`<c r="A1" t="inlineStr"><is><t>a_x005F_x0041_b</t></is></c>`);
    expect(cellXml("A1", null, 0)).toBe("");
    expect(cellXml("A1", null, 3)).toBe(`<c r="A1" s="3"/>`);
    expect(cellXml("B2", { f: "=MAXIFS(A:A,B:B,1)" }, 0)).toBe(`<c r="B2"><f>_xlfn.MAXIFS(A:A,B:B,1)</f></c>`);
    expect(cellXml("B2", Number.NaN, 0)).toBe(`<c r="B2" t="e"><v>#NUM!</v></c>`);
    // Non-characters go, a lone surrogate becomes U+FFFD; beyond Latin-1, character references.
    expect(cellXml("C3", "a\uFFFEb\uFFFF\uD800c – 🎉", 2)).toBe(`<c r="C3" s="2" t="inlineStr"><is><t>ab&#65533;c &#8211; &#127881;</t></is></c>`);
  });

  test("formulas stored as Excel stores them: no '=', newer functions prefixed outside string literals", () => {
    const cases: [string, string][] = [
      ["=IFS(A1,1,TRUE,2)", "_xlfn.IFS(A1,1,TRUE,2)"],
      ['=CONCAT("IFS(",A1)&textjoin(",",TRUE,B1:B3)', '_xlfn.CONCAT("IFS(",A1)&_xlfn.TEXTJOIN(",",TRUE,B1:B3)'],
      ["=MYIFS(1)+x.IFS(2)+_xlfn.IFS(3)", "MYIFS(1)+x.IFS(2)+_xlfn.IFS(3)"],
      ["=STDEV.S(A1:A9)+STDEV(A1:A9)+FLOOR.MATH(2.5)+AGGREGATE(15,6,A1:A9,1)", "_xlfn.STDEV.S(A1:A9)+STDEV(A1:A9)+_xlfn.FLOOR.MATH(2.5)+_xlfn.AGGREGATE(15,6,A1:A9,1)"],
      ["SUM(A1)", "SUM(A1)"],
    ];
    for (const [f, stored] of cases) expect(fastFileFormula(f)).toBe(stored);
    // The ExcelJS path stores through the same function (one copy).
    expect(toFileFormula).toBe(fastFileFormula);
  });

  test("the checks of the ExcelJS path: block widths, table headers, validations, colours", () => {
    const ctx = () => ({ styles: StyleSheet.fresh(), nextTableId: () => 1 });
    const bad = (f: (s: SheetSpec) => void) => {
      const s = emptySheet("X", "x", "generated");
      f(s);
      return () => renderSheet(s, ctx());
    };
    expect(bad((s) => s.blocks.push({ origin: "A1", cells: [[1, 2], [3]] }))).toThrow(/differ in width/);
    expect(bad((s) => s.tables.push({ name: "T", range: "A1:B2", columns: ["a", "b"] }))).toThrow(/header cell/);
    expect(bad((s) => s.tables.push({ name: "A1", range: "A1:B2", columns: ["a", "b"] }))).toThrow(/table name/);
    expect(bad((s) => s.formats.push({ range: "A1", style: { fill: "#FFF" } }))).toThrow(/RGB/);
    expect(bad((s) => s.merges.push("A1:B2", "B2:C3"))).toThrow(/overlap/);
    expect(
      bad((s) => s.dataValidations.push({ range: "A1", type: "list", list: { items: ["a,b"] }, error: { title: "t", message: "m" } })),
    ).toThrow(/commas/);
    expect(
      bad((s) => s.dataValidations.push({ range: "A1", type: "date", formula1: "ayer", error: { title: "t", message: "m" } })),
    ).toThrow(/yyyy-mm-dd/);
  });
});

test("LibreOffice opens a fast-path report and computes its formulas", async () => {
  const dir = await tempDir("fast-sheet-");
  const file = path.join(dir, "fast.xlsx");
  await fs.writeFile(file, fastBuffer([hostile(), tableSheet(), ...reportSheets("III").slice(0, 2)]).buf);
  const out = await recalc(file);
  const wb = await load(await fs.readFile(out));
  const ws = wb.getWorksheet("Hostil")!;
  expect(ws.getCell("A1").value).toBe("=SUM(1,2)");
  expect((ws.getCell("C4").value as ExcelJS.CellFormulaValue).result).toBe('texto con "comillas" y <>&');
  const t = wb.getWorksheet("Tabla d'Ana")!;
  expect((t.getCell("D3").value as ExcelJS.CellFormulaValue).result).toBe(2);
  expect(wb.worksheets.length).toBe(4);
  await fs.rm(dir, { recursive: true, force: true });
});

test("LibreOffice prints the fast path's report exactly as the ExcelJS path's, pixel for pixel", async () => {
  const dir = await tempDir("fast-sheet-pdf-");
  const sheets = reportSheets("III");
  const slowBuf = await excelJsBuffer(sheets);
  const pkg = Package.fresh();
  let tableId = 0;
  for (const s of sheets) pkg.addSheet(s.name, renderSheet(s, { styles: pkg.styles, nextTableId: () => ++tableId }));
  // Charts draw their gridlines and fonts from the theme; an input always has one, a fresh package
  // may not (then this adds the one the ExcelJS path writes).
  if (!pkg.workbookRels().some((r) => r.type.endsWith("/theme"))) {
    const theme = await (await JSZip.loadAsync(slowBuf)).file("xl/theme/theme1.xml")!.async("string");
    pkg.setPart("xl/theme/theme1.xml", theme, "application/vnd.openxmlformats-officedocument.theme+xml");
    const rels = pkg.workbookRels();
    const id = `rId${rels.length + 100}`;
    pkg.setWorkbookRels([...rels, { id, type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme", target: "theme/theme1.xml", rest: "" }]);
  }
  const fast = path.join(dir, "fast.xlsx");
  const slow = path.join(dir, "slow.xlsx");
  await fs.writeFile(fast, pkg.toBuffer());
  await fs.writeFile(slow, slowBuf);
  const [a, b] = await Promise.all([renderPdf(fast).then((p) => pdfToPngs(p, 50)), renderPdf(slow).then((p) => pdfToPngs(p, 50))]);
  expect(a.length).toBeGreaterThan(sheets.length);
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const [pa, pb] = await Promise.all([fs.readFile(a[i]), fs.readFile(b[i])]);
    expect({ page: i + 1, same: pa.equals(pb) }).toEqual({ page: i + 1, same: true });
  }
  await fs.rm(dir, { recursive: true, force: true });
});
