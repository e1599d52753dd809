/**
 * The fast path's style sheet: an input's styles.xml keeps every entry where it was, new styles are
 * appended once each, and layering over an existing cell style keeps what the new style leaves alone.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XMLValidator } from "fast-xml-parser";
import { sample2021 } from "../../src/domain/sample";
import { inputWorkbookSpec } from "../../src/report/input";
import { StyleSheet } from "../../src/xlsx/fast/styles";
import { renderWorkbook, toBuffer } from "../../src/xlsx/write";

/** An Excel-like styles.xml with everything a real input carries. */
const INPUT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;$&quot;\\ #,##0"/><numFmt numFmtId="170" formatCode="dd/mm/yyyy"/></numFmts><fonts count="2" x14ac:knownFonts="1"><font><sz val="10"/><color theme="1"/><name val="Arial"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="12"/><color rgb="FF1F3864"/><name val="Arial"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor theme="4" tint="0.79998168889431442"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color indexed="64"/></left><right style="thin"><color rgb="FFBFBFBF"/></right><top style="medium"><color rgb="FF1F3864"/></top><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="170" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1"><alignment horizontal="center" wrapText="1"/><protection locked="0"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font></dxf></dxfs><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/><colors><mruColors><color rgb="FF1F3864"/></mruColors></colors><extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst></styleSheet>`;

function section(xml: string, name: string): string {
  return new RegExp(`<${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${name}>)`).exec(xml)?.[1] ?? "";
}

function entries(xml: string, name: string, entry: string): string[] {
  return [...section(xml, name).matchAll(new RegExp(`<${entry}\\b[^>]*?(?:/>|>[\\s\\S]*?</${entry}>)`, "g"))].map((m) => m[0]);
}

describe("StyleSheet.parse", () => {
  test("unchanged, an input's style sheet comes back with the same entries and sections", () => {
    const out = StyleSheet.parse(INPUT).toXml();
    expect(XMLValidator.validate(out)).toBe(true);
    for (const [name, entry] of [["numFmts", "numFmt"], ["fonts", "font"], ["fills", "fill"], ["borders", "border"], ["cellXfs", "xf"], ["dxfs", "dxf"]]) {
      expect(entries(out, name, entry)).toEqual(entries(INPUT, name, entry));
    }
    for (const kept of ["<cellStyleXfs", "<cellStyles", "<tableStyles", "<colors>", "<extLst>", 'x14ac:knownFonts="1"', 'mc:Ignorable="x14ac x16r2"']) {
      expect(out).toContain(INPUT.slice(INPUT.indexOf(kept), INPUT.indexOf(">", INPUT.indexOf(kept)) + 1));
    }
    expect(out.indexOf("<dxfs")).toBeLessThan(out.indexOf("<tableStyles"));
    expect(out.indexOf("<colors>")).toBeLessThan(out.indexOf("<extLst>"));
  });

  test("new styles are appended after the existing ones, once each, with counts", () => {
    const ss = StyleSheet.parse(INPUT);
    const a = ss.xf({ font: { bold: true, color: "C00000" }, fill: "FFF2CC", numberFormat: "0.0%" });
    expect(a).toBe(3);
    expect(ss.xf({ font: { bold: true, color: "C00000" }, fill: "FFF2CC", numberFormat: "0.0%" })).toBe(3);
    expect(ss.xf({ numberFormat: "0%" })).toBe(4);
    const out = ss.toXml();
    expect(XMLValidator.validate(out)).toBe(true);
    // Existing entries untouched, in place.
    const before = entries(INPUT, "cellXfs", "xf");
    expect(entries(out, "cellXfs", "xf").slice(0, before.length)).toEqual(before);
    expect(out).toContain(`<cellXfs count="5">`);
    // A custom format after the highest existing id; "0%" stays the built-in 9; an existing code is reused.
    expect(out).toContain(`<numFmt numFmtId="171" formatCode="0.0%"/>`);
    expect(out).toContain(`<numFmts count="3">`);
    expect(entries(out, "cellXfs", "xf")[4]).toMatch(/numFmtId="9"/);
    expect(ss.xf({ numberFormat: "dd/mm/yyyy" })).toBe(5);
    expect(entries(ss.toXml(), "cellXfs", "xf")[5]).toMatch(/numFmtId="170"/);
    // The new font over the default font 0 (Arial 10) keeps its face and size.
    expect(entries(out, "fonts", "font")[2]).toBe(`<font><b/><sz val="10"/><color rgb="FFC00000"/><name val="Arial"/><family val="2"/><scheme val="minor"/></font>`);
    expect(entries(out, "fills", "fill")[3]).toBe(`<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/></patternFill></fill>`);
  });

  test("layering over an existing cell style keeps what the new style does not set", () => {
    const ss = StyleSheet.parse(INPUT);
    const i = ss.xf({ font: { italic: true }, border: { bottom: { style: "thin", color: "00B050" } }, alignment: { vertical: "middle" } }, 1);
    const xf = entries(ss.toXml(), "cellXfs", "xf")[i];
    // Number format, fill, protection, quote prefix... of the base stay; alignment merges.
    expect(xf).toMatch(/numFmtId="170"/);
    expect(xf).toMatch(/fillId="2"/);
    expect(xf).toContain(`<alignment horizontal="center" vertical="center" wrapText="1"/>`);
    expect(xf).toContain(`<protection locked="0"/>`);
    expect(xf).toContain(`applyProtection="1"`);
    const fontId = Number(/fontId="(\d+)"/.exec(xf)![1]);
    expect(entries(ss.toXml(), "fonts", "font")[fontId]).toBe(`<font><b/><i/><sz val="12"/><color rgb="FF1F3864"/><name val="Arial"/><family val="2"/></font>`);
    const borderId = Number(/borderId="(\d+)"/.exec(xf)![1]);
    expect(entries(ss.toXml(), "borders", "border")[borderId]).toBe(
      `<border><left style="thin"><color indexed="64"/></left><right style="thin"><color rgb="FFBFBFBF"/></right><top style="medium"><color rgb="FF1F3864"/></top><bottom style="thin"><color rgb="FF00B050"/></bottom><diagonal/></border>`,
    );
    // Unwrapping and un-bolding remove the flags.
    const j = ss.xf({ font: { bold: false }, alignment: { wrapText: false } }, 1);
    const xj = entries(ss.toXml(), "cellXfs", "xf")[j];
    expect(xj).toContain(`<alignment horizontal="center"/>`);
    expect(entries(ss.toXml(), "fonts", "font")[Number(/fontId="(\d+)"/.exec(xj)![1])]).not.toContain("<b/>");
    // The quote prefix of a text-formatted cell is kept.
    const k = ss.xf({ fill: "FFFFFF" }, 2);
    expect(entries(ss.toXml(), "cellXfs", "xf")[k]).toContain(`quotePrefix="1"`);
  });

  test("borderOf gives a cell style's border to continue a grid", () => {
    const ss = StyleSheet.parse(INPUT);
    expect(ss.borderOf(0)).toBeUndefined();
    expect(ss.borderOf(1)).toEqual({ left: { style: "thin" }, right: { style: "thin", color: "BFBFBF" }, top: { style: "medium", color: "1F3864" } });
    const i = ss.xf({ border: ss.borderOf(1) });
    // A line in an indexed or theme colour comes back black, the spec's default.
    expect(ss.borderOf(i)).toEqual({ ...ss.borderOf(1), left: { style: "thin", color: "000000" } });
  });

  test("conditional-format styles are differential, appended after the input's", () => {
    const ss = StyleSheet.parse(INPUT);
    expect(ss.dxf({ fill: "FFC7CE", fontColor: "9C0006", bold: true })).toBe(1);
    expect(ss.dxf({ fill: "FFC7CE", fontColor: "9C0006", bold: true })).toBe(1);
    expect(ss.dxf({ fontColor: "9C0006" })).toBe(0);
    const dx = entries(ss.toXml(), "dxfs", "dxf");
    expect(dx[1]).toBe(
      `<dxf><font><b/><color rgb="FF9C0006"/></font><fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf>`,
    );
  });

  test("a '>' inside an attribute value (number format conditions) is no tag end", () => {
    const withGt = INPUT.replace(`formatCode="dd/mm/yyyy"`, `formatCode="[>=100]0;[Red]-0"`);
    const ss = StyleSheet.parse(withGt);
    expect(entries(ss.toXml(), "numFmts", "numFmt")).toEqual(entries(withGt, "numFmts", "numFmt"));
    expect(ss.xf({ numberFormat: "[>=100]0;[Red]-0" })).toBe(3);
    expect(entries(ss.toXml(), "cellXfs", "xf")[3]).toMatch(/numFmtId="170"/);
    expect(XMLValidator.validate(ss.toXml())).toBe(true);
  });

  test("a prefixed style sheet gets prefixed entries", () => {
    const prefixed = INPUT.replace(/<(\/?)(?!\?)(?!x14:|x14ac|mc:)([A-Za-z])/g, "<$1x:$2").replace('xmlns="', 'xmlns:x="');
    const ss = StyleSheet.parse(prefixed);
    const i = ss.xf({ font: { bold: true }, fill: "FF0000" });
    expect(i).toBe(3);
    const out = ss.toXml();
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toContain(`<x:cellXfs count="4">`);
    expect(out).toMatch(/<x:fill><x:patternFill patternType="solid"><x:fgColor rgb="FFFF0000"\/><\/x:patternFill><\/x:fill><\/x:fills>/);
    expect(out).not.toMatch(/<(font|fill|xf|b)\b/);
  });

  test("fresh: Excel's blank workbook styles, Calibri 11", () => {
    const ss = StyleSheet.fresh();
    const out = ss.toXml();
    expect(XMLValidator.validate(out)).toBe(true);
    expect(entries(out, "fonts", "font")[0]).toContain(`<sz val="11"/>`);
    expect(entries(out, "fonts", "font")[0]).toContain(`<name val="Calibri"/>`);
    expect(ss.xf({})).toBe(0);
    expect(ss.xf({ alignment: { vertical: "top" } })).toBe(1);
    expect(out).not.toContain("<numFmts");
    expect(ss.xf({ numberFormat: "dd/mm/yyyy" })).toBe(2);
    expect(ss.toXml()).toContain(`<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts`);
  });
});

test("a written workbook's styles, parsed and extended, still give every cell its look", async () => {
  const buf = await toBuffer(renderWorkbook({ sheets: inputWorkbookSpec(sample2021()), names: [], computedColumns: [] }));
  const zip = await JSZip.loadAsync(buf);
  const ss = StyleSheet.parse(await zip.file("xl/styles.xml")!.async("string"));
  // A header cell's style with a new fill on top: the rest of its look stays.
  const before = new ExcelJS.Workbook();
  await before.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const header = before.getWorksheet("Actividades")!.getCell("B2");
  const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const base = Number(/<c r="B2" s="(\d+)"/.exec(sheetXml)![1]);
  const added = ss.xf({ fill: "00B050", font: { italic: true } }, base);
  zip.file("xl/styles.xml", ss.toXml());
  zip.file("xl/worksheets/sheet1.xml", sheetXml.replace(`<c r="B2" s="${base}"`, `<c r="B2" s="${added}"`));
  const after = new ExcelJS.Workbook();
  await after.xlsx.load((await zip.generateAsync({ type: "nodebuffer" })) as unknown as ExcelJS.Buffer);
  for (const ws of before.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (ws.name === "Actividades" && r === 2 && c === 2) return;
        expect({ sheet: ws.name, r, c, style: after.getWorksheet(ws.name)!.getCell(r, c).style }).toEqual({ sheet: ws.name, r, c, style: cell.style });
      }),
    );
  }
  const b2 = after.getWorksheet("Actividades")!.getCell("B2").style;
  expect(b2.fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } });
  expect(b2.font).toEqual({ ...header.style.font, italic: true });
  expect(b2.alignment).toEqual(header.style.alignment);
  expect(b2.border).toEqual(header.style.border);
});
