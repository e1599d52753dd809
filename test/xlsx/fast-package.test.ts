/**
 * The package model of the fast file path (src/xlsx/fast/package.ts): a fresh workbook with sheets
 * added opens in ExcelJS; removing a sheet of an input takes its parts, relationships, content
 * types and scoped names with it and leaves everything else as it was.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { Package, relativeTarget, withFullCalcOnLoad } from "../../src/xlsx/fast/package";
import { FastPathUnsupported, SheetXml, withColumnWidth } from "../../src/xlsx/fast/pkg-sheet";
import { unzipParts } from "../../src/xlsx/fast/pkg-unzip";
import type { RenderedSheet } from "../../src/xlsx/fast/sheet";
import { parseDefinedNames } from "../../src/xlsx/names";
import { loadWorkbookBuffer, tableModels } from "../../src/xlsx";
import { sampleInput } from "../report/engine";

const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;
const REL_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

/** A small worksheet with a two-column table, written by hand (no renderer involved). */
function handSheet(tableId: number, tableName: string): RenderedSheet {
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><dimension ref="A1:B3"/><sheetData>` +
    `<row r="1"><c r="A1" t="inlineStr"><is><t>Mes</t></is></c><c r="B1" t="inlineStr"><is><t>Total</t></is></c></row>` +
    `<row r="2"><c r="A2" t="inlineStr"><is><t>enero</t></is></c><c r="B2"><v>3</v></c></row>` +
    `<row r="3"><c r="A3" t="inlineStr"><is><t>febrero</t></is></c><c r="B3"><f>B2*2</f></c></row>` +
    `</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;
  const table =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
    `id="${tableId}" name="${tableName}" displayName="${tableName}" ref="A1:B3"><autoFilter ref="A1:B3"/><tableColumns count="2">` +
    `<tableColumn id="1" name="Mes"/><tableColumn id="2" name="Total"/></tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;
  return {
    xml,
    related: [{ relId: "rId1", relType: REL_TABLE, contentType: CT_TABLE, partBase: "xl/tables/table", xml: table }],
    printNames: [{ name: "_xlnm.Print_Area", text: "Hoja!$A$1:$B$3" }],
  };
}

async function texts(buf: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async("string"));
  return out;
}

describe("Package", () => {
  test("relative targets", () => {
    expect(relativeTarget("xl/workbook.xml", "xl/worksheets/sheet2.xml")).toBe("worksheets/sheet2.xml");
    expect(relativeTarget("xl/worksheets/sheet2.xml", "xl/tables/table3.xml")).toBe("../tables/table3.xml");
    expect(relativeTarget("xl/drawings/drawing1.xml", "xl/charts/chart1.xml")).toBe("../charts/chart1.xml");
    expect(relativeTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
  });

  test("calcPr gets fullCalcOnLoad, in place or where the schema wants it", () => {
    expect(withFullCalcOnLoad(`<workbook><sheets/><calcPr calcId="1"/></workbook>`)).toBe(`<workbook><sheets/><calcPr calcId="1" fullCalcOnLoad="1"/></workbook>`);
    expect(withFullCalcOnLoad(`<workbook><sheets></sheets><definedNames></definedNames><pivotCaches/></workbook>`)).toBe(
      `<workbook><sheets></sheets><definedNames></definedNames><calcPr fullCalcOnLoad="1"/><pivotCaches/></workbook>`,
    );
  });

  test("a fresh package with two sheets opens in ExcelJS with its tables, names and full recalculation", async () => {
    const pkg = Package.fresh();
    pkg.addSheet("Hoja", handSheet(1, "Uno"));
    pkg.addSheet("Otra hoja", { ...handSheet(2, "Dos"), printNames: [] });
    pkg.setDefinedName("PIPC_Total", "Hoja!$B$3");
    const buf = pkg.toBuffer();
    const parts = await texts(buf);
    expect([...parts.keys()][0]).toBe("[Content_Types].xml");
    expect(parts.get("xl/_rels/workbook.xml.rels")).toContain(`Target="worksheets/sheet2.xml"`);
    expect(parts.get("xl/worksheets/_rels/sheet2.xml.rels")).toContain(`Target="../tables/table2.xml"`);
    expect(parts.get("[Content_Types].xml")).toContain(`PartName="/xl/tables/table2.xml"`);
    const wbXml = parts.get("xl/workbook.xml")!;
    expect(wbXml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    expect(parseDefinedNames(wbXml)).toEqual([
      { name: "_xlnm.Print_Area", localSheetId: 0, text: "Hoja!$A$1:$B$3", attrs: "" },
      { name: "PIPC_Total", text: "Hoja!$B$3", attrs: "", localSheetId: undefined },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Hoja", "Otra hoja"]);
    expect(wb.getWorksheet("Otra hoja")!.getCell("A2").value).toBe("enero");
    expect(tableModels(wb.getWorksheet("Otra hoja")!).map((t) => t.name)).toEqual(["Dos"]);
    // Deterministic: the same edits give the same bytes.
    const again = Package.fresh();
    again.addSheet("Hoja", handSheet(1, "Uno"));
    again.addSheet("Otra hoja", { ...handSheet(2, "Dos"), printNames: [] });
    again.setDefinedName("PIPC_Total", "Hoja!$B$3");
    expect(again.toBuffer().equals(buf)).toBe(true);
  });

  test("large parts packed as they are written: read back whole, and the same archive as packed at the zip", () => {
    // Over the 256 KB past which a part is packed: 30,000 rows.
    const rows = Array.from({ length: 30000 }, (_, i) => `<row r="${i + 4}"><c r="A${i + 4}"><v>${i}</v></c></row>`).join("");
    const base = handSheet(1, "Uno");
    const large = { ...base, xml: base.xml.replace("</sheetData>", `${rows}</sheetData>`).replace('ref="A1:B3"', `ref="A1:B30003"`) };
    const build = (pack: boolean) => {
      const pkg = Package.fresh();
      if (pack) pkg.packLargeParts(3);
      pkg.addSheet("Hoja", large);
      return pkg;
    };
    const packed = build(true);
    expect(packed.text(packed.sheet("Hoja")!.part!)).toBe(large.xml);
    expect(packed.bytes(packed.sheet("Hoja")!.part!)!.toString("utf8")).toBe(large.xml);
    expect(packed.toBuffer({ level: 3 }).equals(build(false).toBuffer({ level: 3 }))).toBe(true);
  });

  test("removing an input's sheet takes its part, table, rels, content types and scoped names; later names are renumbered", async () => {
    const pkg = Package.from(unzipParts(await sampleInput()));
    const names = pkg.sheets().map((s) => s.name);
    expect(names).toEqual(["Actividades", "Compromisos", "Dependencias", "Configuración"]);
    const dep = pkg.sheet("Dependencias")!;
    const depTables = pkg.targets(dep.part, "table");
    expect(depTables.length).toBe(1);
    // Names scoped to the sheets around it.
    pkg.setPrintNames("Compromisos", [{ name: "_xlnm.Print_Area", text: "Compromisos!$A$1:$B$2" }]);
    pkg.setPrintNames("Dependencias", [{ name: "_xlnm.Print_Area", text: "Dependencias!$A$1:$B$2" }]);
    pkg.setPrintNames("Configuración", [{ name: "_xlnm.Print_Titles", text: "Configuración!$1:$1" }]);
    pkg.editWorkbookXml((x) => x.replace(/<bookViews>[\s\S]*?<\/bookViews>/, "").replace("<sheets>", `<bookViews><workbookView activeTab="3"/></bookViews><sheets>`));
    const before = pkg.definedNames().filter((n) => n.localSheetId !== undefined);
    expect(before.some((n) => n.localSheetId === 2)).toBe(true);
    const untouched = pkg.bytes(pkg.sheet("Actividades")!.part)!;
    pkg.removeSheet("dependencias");
    expect(pkg.sheets().map((s) => s.name)).toEqual(["Actividades", "Compromisos", "Configuración"]);
    const buf = pkg.toBuffer();
    const parts = await texts(buf);
    expect(parts.has(dep.part)).toBe(false);
    for (const t of depTables) expect(parts.has(t)).toBe(false);
    expect(parts.get("[Content_Types].xml")).not.toContain(dep.part);
    for (const t of depTables) expect(parts.get("[Content_Types].xml")).not.toContain(t);
    expect(parts.get("xl/_rels/workbook.xml.rels")).not.toContain(dep.part.replace(/^xl\//, ""));
    const wbXml = parts.get("xl/workbook.xml")!;
    const key = (n: { name: string; localSheetId?: number }) => `${n.name}@${n.localSheetId}`;
    const expected = before.filter((n) => n.localSheetId !== 2).map((n) => ({ ...n, localSheetId: n.localSheetId! > 2 ? n.localSheetId! - 1 : n.localSheetId }));
    expect(parseDefinedNames(wbXml).map(key).sort()).toEqual(expected.map(key).sort());
    expect(parseDefinedNames(wbXml).map(key)).toEqual(expect.arrayContaining(["_xlnm.Print_Area@1", "_xlnm.Print_Titles@2"]));
    expect(wbXml).toMatch(/activeTab="2"/);
    // The other sheets' parts are the input's bytes.
    const back = unzipParts(buf);
    expect(back.get(pkg.sheet("Actividades")!.part)!.equals(untouched)).toBe(true);
    const wb = await loadWorkbookBuffer(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Actividades", "Compromisos", "Configuración"]);
    expect(tableModels(wb.getWorksheet("Actividades")!).map((t) => t.name)).toEqual(["Actividades"]);
  });

  test("a part shared with a kept sheet stays when one of its users goes", () => {
    const p = Package.fresh();
    p.addSheet("A", { ...handSheet(1, "T1"), printNames: [] });
    p.addSheet("B", { xml: handSheet(2, "T2").xml, related: [], printNames: [] });
    // B points at A's table too (as two drawings may share a picture).
    const a = p.sheet("A")!;
    const b = p.sheet("B")!;
    const shared = p.targets(a.part, "table")[0];
    p.setRels(b.part, [{ id: "rId1", type: REL_TABLE, target: relativeTarget(b.part, shared), rest: "" }]);
    p.removeSheet("A");
    expect(p.has(shared)).toBe(true);
    expect(p.has(a.part)).toBe(false);
    p.removeSheet("B");
    expect(p.has(shared)).toBe(false);
  });
});

describe("SheetXml (editing a worksheet part)", () => {
  const head = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><sheetData>`;
  const sheet = (rows: string) => `${head}${rows}</sheetData><pageMargins left="0.7"/></worksheet>`;
  const strings = () => ["uno", "  "];

  test("cells go into existing rows in column order, rows without r and cells without r get theirs, new rows in order", () => {
    const doc = new SheetXml(
      "Hoja",
      sheet(
        `<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>3</v></c></row>` +
          `<row><c><v>1</v></c><c><v>2</v></c></row>` + // row 2, cells A2 and B2 without r
          `<row r="3"/>` + // self-closing
          `<row r="6"><c r="B6"><f t="shared" ref="B6:B7" si="0">A6*2</f><v>0</v></c></row>` +
          `<row r="7"><c r="B7"><f t="shared" si="0"/><v>0</v></c></row>`,
      ),
      strings,
    );
    expect(doc.cell(1, 1)).toMatchObject({ value: "uno", s: 0, hasFormula: false });
    expect(doc.cell(2, 2)).toMatchObject({ value: 2 });
    expect(doc.cell(6, 2)).toMatchObject({ hasFormula: true });
    doc.set(1, 2, `<c r="B1" t="inlineStr"><is><t>b</t></is></c>`);
    doc.set(1, 5, `<c r="E1"><v>5</v></c>`);
    doc.set(2, 3, `<c r="C2"><v>9</v></c>`);
    doc.set(3, 1, `<c r="A3"><v>1</v></c>`);
    doc.set(4, 2, `<c r="B4"><v>4</v></c>`);
    doc.set(9, 1, `<c r="A9"><v>8</v></c>`);
    const xml = doc.render();
    expect(xml).toBe(
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E9"/><sheetData>` +
        `<row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>b</t></is></c><c r="C1"><v>3</v></c><c r="E1"><v>5</v></c></row>` +
        `<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><c r="C2"><v>9</v></c></row>` +
        `<row r="3"><c r="A3"><v>1</v></c></row>` +
        `<row r="4"><c r="B4"><v>4</v></c></row>` +
        // The shared formula elsewhere is untouched.
        `<row r="6"><c r="B6"><f t="shared" ref="B6:B7" si="0">A6*2</f><v>0</v></c></row>` +
        `<row r="7"><c r="B7"><f t="shared" si="0"/><v>0</v></c></row>` +
        `<row r="9"><c r="A9"><v>8</v></c></row>` +
        `</sheetData><pageMargins left="0.7"/></worksheet>`,
    );
  });

  test("a shared formula's master is overwritten only with all its range", () => {
    const rows = `<row r="6"><c r="B6"><f t="shared" ref="B6:B7" si="0">A6*2</f></c></row><row r="7"><c r="B7"><f t="shared" si="0"/></c></row>`;
    const cut = new SheetXml("Hoja", sheet(rows), strings);
    cut.set(6, 2, `<c r="B6"><v>1</v></c>`);
    expect(() => cut.render()).toThrow(FastPathUnsupported);
    const whole = new SheetXml("Hoja", sheet(rows), strings);
    whole.set(6, 2, `<c r="B6"><v>1</v></c>`);
    whole.set(7, 2, `<c r="B7"><v>2</v></c>`);
    expect(whole.render()).toContain(`<row r="6"><c r="B6"><v>1</v></c></row><row r="7"><c r="B7"><v>2</v></c></row>`);
  });

  test("rows out of order are refused; styles are inherited from the row, then the column", () => {
    expect(() => new SheetXml("Hoja", sheet(`<row r="2"/><row r="1"/>`), strings)).toThrow(FastPathUnsupported);
    const doc = new SheetXml(
      "Hoja",
      `<worksheet xmlns="x"><cols><col min="1" max="3" width="9" style="7" customWidth="1"/></cols><sheetData><row r="1" s="4" customFormat="1"/><row r="2"><c r="A2" s="2"/></row></sheetData></worksheet>`,
      strings,
    );
    expect([doc.styleAt(1, 1), doc.styleAt(2, 1), doc.styleAt(2, 2), doc.styleAt(2, 5)]).toEqual([4, 2, 7, 0]);
  });

  test("column widths: a range holding the column is split around it", () => {
    const head2 = `<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="5" width="9" style="3" customWidth="1"/></cols>`;
    expect(withColumnWidth(head2, 3, 14)).toBe(
      `<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="2" width="9" style="3" customWidth="1"/><col min="3" max="3" width="14" customWidth="1" style="3"/><col min="4" max="5" width="9" style="3" customWidth="1"/></cols>`,
    );
    expect(withColumnWidth(`<sheetFormatPr/>`, 2, 10)).toBe(`<sheetFormatPr/><cols><col min="2" max="2" width="10" customWidth="1"/></cols>`);
  });
});
