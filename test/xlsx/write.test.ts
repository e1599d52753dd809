import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { emptySheet, type SheetSpec, type WorkbookSpec } from "../../src/report/spec";
import { SpecError } from "../../src/xlsx/errors";
import { loadWorkbookBuffer, readWorkbookBuffer } from "../../src/xlsx/read";
import { applySpecs, newWorkbook, renderWorkbook, toBuffer, toFileFormula, writeWorkbookFile } from "../../src/xlsx/write";
import { recalc, tempDir } from "../helpers/libreoffice";

/** A sheet using every feature of SheetSpec. */
function resumenSpec(): SheetSpec {
  const s = emptySheet("Resumen informe", "resumen", "generated");
  s.tabColor = "1F4E78";
  s.columnWidths = [30, 12, 12, 14];
  s.rowHeights = { 1: 28 };
  s.blocks.push({ origin: "A1", cells: [["Informe de cumplimiento", null, null, null]] });
  s.blocks.push({
    origin: "A3",
    cells: [
      ["Dependencia", "Programado", "Ejecutado", "Cumplimiento"],
      ["OAP", 28, 37, { f: "=IF(Cifras[[#This Row],[Programado]]>0,Cifras[[#This Row],[Ejecutado]]/Cifras[[#This Row],[Programado]],\"\")" }],
      ["ACPVR", 12, 12, { f: "=IF(Cifras[[#This Row],[Programado]]>0,Cifras[[#This Row],[Ejecutado]]/Cifras[[#This Row],[Programado]],\"\")" }],
      ["=no es fórmula", "5", 0, { f: "=IFNA(Cifras[[#This Row],[Ejecutado]]/Cifras[[#This Row],[Programado]],0)" }],
    ],
  });
  s.blocks.push({ origin: "A8", cells: [["Total", { f: "=SUM(Cifras[Programado])" }, { f: "=SUM(Cifras[Ejecutado])" }, { f: "=C8/B8" }]] });
  s.blocks.push({ origin: "F1", cells: [[{ f: "=PIPC_Umbral*100" }, { f: "=PIPC_Total_Ejecutado+1" }, { f: "=PIPC_Celda" }]] });
  s.merges.push("A1:D1");
  s.tables.push({ name: "Cifras", range: "A3:D6", columns: ["Dependencia", "Programado", "Ejecutado", "Cumplimiento"], style: "TableStyleMedium2" });
  s.formats.push({ range: "A1:D1", style: { font: { bold: true, size: 16, color: "1F4E78" }, alignment: { horizontal: "center" } } });
  s.formats.push({ range: "D4:D8", style: { numberFormat: "0%" } });
  s.formats.push({
    range: "A3:D8",
    style: { border: { top: { style: "medium" }, bottom: { style: "medium" }, left: { style: "thin" }, right: { style: "thin" }, inside: { style: "thin", color: "BFBFBF" } } },
  });
  s.formats.push({ range: "A8:D8", style: { font: { bold: true }, fill: "D9E1F2" } });
  s.conditionalFormats.push({
    range: "D4:D6",
    rules: [
      { formula: "=AND(ISNUMBER($D4),$D4<0.6)", style: { fill: "FFC7CE", fontColor: "9C0006" }, stopIfTrue: true },
      { formula: "=AND(ISNUMBER($D4),$D4>1.2)", style: { fill: "BDD7EE", fontColor: "1F4E78", bold: true } },
    ],
  });
  s.dataValidations.push({ range: "B4:C6", type: "whole", operator: "greaterThanOrEqual", formula1: "0", error: { title: "Número", message: "Entero mayor o igual a 0." } });
  s.dataValidations.push({ range: "A10:A20", type: "list", list: { items: ["Cumplido", "En avance"] }, error: { title: "Estado", message: "Elija de la lista." } });
  s.dataValidations.push({
    range: "B10:B20",
    type: "date",
    operator: "between",
    formula1: "2021-01-01",
    formula2: "2021-12-31",
    prompt: { title: "Fecha", message: "dd/mm/aaaa" },
    error: { title: "Fecha", message: "Una fecha de 2021." },
  });
  s.dataValidations.push({ range: "C10", type: "list", list: { formula: "=$A$4:$A$6" }, error: { title: "x", message: "y" } });
  s.charts.push({
    id: "programado-ejecutado",
    type: "barClustered",
    title: "Programado y ejecutado",
    categories: "='Resumen informe'!$A$4:$A$5",
    series: [
      { name: "Programado", values: "='Resumen informe'!$B$4:$B$5", color: "1F4E78" },
      { name: "Ejecutado", values: "='Resumen informe'!$C$4:$C$5" },
    ],
    from: "F3",
    to: "L18",
  });
  s.charts.push({
    id: "cumplimiento",
    type: "columnClustered",
    title: "Cumplimiento",
    categories: "='Resumen informe'!$A$4:$A$5",
    series: [{ name: "Cumplimiento", values: "='Resumen informe'!$D$4:$D$5" }],
    from: "F20",
    to: "L34",
  });
  s.print = {
    orientation: "landscape",
    fitToWidth: 1,
    printTitleRows: "3:3",
    header: { center: "Informe PIPC" },
    footer: { left: "&A", right: "Página &P de &N" },
    area: "A1:L34",
    paperSize: "letter",
    centerHorizontally: true,
    rowBreaks: [6],
  };
  s.freeze = { rows: 3, columns: 1 };
  s.showGridLines = false;
  return s;
}

function workbookSpec(): WorkbookSpec {
  const notas = emptySheet("Notas", "notas", "generated");
  notas.blocks.push({ origin: "A1", cells: [["Sin gráficos"]] });
  return {
    sheets: [resumenSpec(), notas],
    names: [
      { name: "PIPC_Umbral", refersTo: "=0.6", comment: "Umbral bajo" },
      { name: "PIPC_Total_Ejecutado", refersTo: "=SUM('Resumen informe'!$C$4:$C$6)" },
      { name: "PIPC_Celda", refersTo: "='Resumen informe'!$B$8" },
    ],
    computedColumns: [],
  };
}

async function unzip(buf: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(buf);
}

async function part(zip: JSZip, name: string): Promise<string> {
  const f = zip.file(name);
  if (!f) throw new Error(`missing part ${name}`);
  return f.async("string");
}

describe("writer: the package", () => {
  let zip: JSZip;
  let sheetXml: string;
  beforeAll(async () => {
    zip = await unzip(await toBuffer(renderWorkbook(workbookSpec())));
    sheetXml = await part(zip, "xl/worksheets/sheet1.xml");
  });

  test("charts: chart parts with formula references, a drawing anchoring them, rels and content types", async () => {
    const c1 = await part(zip, "xl/charts/chart1.xml");
    expect(c1).toContain('<c:barDir val="bar"/>');
    expect(c1).toContain('<c:grouping val="clustered"/>');
    expect(c1).toContain("<c:f>'Resumen informe'!$A$4:$A$5</c:f>");
    expect(c1).toContain("<c:f>'Resumen informe'!$B$4:$B$5</c:f>");
    expect(c1).toContain("<c:f>'Resumen informe'!$C$4:$C$5</c:f>");
    expect(c1).toContain("<c:v>Programado</c:v>");
    expect(c1).toContain('<a:srgbClr val="1F4E78"/>');
    expect(c1).toContain("<a:t>Programado y ejecutado</a:t>");
    const c2 = await part(zip, "xl/charts/chart2.xml");
    expect(c2).toContain('<c:barDir val="col"/>');

    const drawing = await part(zip, "xl/drawings/drawing1.xml");
    expect(drawing.match(/<xdr:twoCellAnchor/g)).toHaveLength(2);
    // F3 -> 0-based col 5, row 2; L18 covered whole -> ends at col 12, row 18.
    expect(drawing).toContain("<xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row>");
    expect(drawing).toContain("<xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>18</xdr:row>");
    const drawingRels = await part(zip, "xl/drawings/_rels/drawing1.xml.rels");
    expect(drawingRels).toContain('Target="../charts/chart1.xml"');
    expect(drawingRels).toContain('Target="../charts/chart2.xml"');

    const sheetRels = await part(zip, "xl/worksheets/_rels/sheet1.xml.rels");
    const rid = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)?.[1];
    expect(rid).toBeDefined();
    expect(sheetRels).toMatch(new RegExp(`Id="${rid}" Type="[^"]+/drawing" Target="../drawings/drawing1.xml"`));
    // <drawing> must precede <tableParts> in a worksheet.
    expect(sheetXml.indexOf("<drawing ")).toBeLessThan(sheetXml.indexOf("<tableParts"));

    const types = await part(zip, "[Content_Types].xml");
    expect(types).toContain('PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"');
    expect(types).toContain('PartName="/xl/charts/chart2.xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"');
    // The sheet without charts gets no drawing.
    expect(await part(zip, "xl/worksheets/sheet2.xml")).not.toContain("<drawing");
  });

  test("defined names: constants, formulas and ranges at workbook level; print area and titles per sheet", async () => {
    const wb = await part(zip, "xl/workbook.xml");
    expect(wb).toContain('<definedName name="PIPC_Umbral" comment="Umbral bajo">0.6</definedName>');
    expect(wb).toContain(`<definedName name="PIPC_Total_Ejecutado">SUM('Resumen informe'!$C$4:$C$6)</definedName>`);
    expect(wb).toContain(`<definedName name="PIPC_Celda">'Resumen informe'!$B$8</definedName>`);
    expect(wb).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">'Resumen informe'!$A$1:$L$34</definedName>`);
    expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'Resumen informe'!$3:$3</definedName>`);
    expect(wb.indexOf("<definedNames>")).toBeGreaterThan(wb.indexOf("</sheets>"));
    expect(wb.indexOf("<definedNames>")).toBeLessThan(wb.indexOf("<calcPr"));
    expect(wb).toContain('fullCalcOnLoad="1"');
  });

  test("cells: strings stay text even with a leading '=', formulas are stored without '=', newer functions get _xlfn.", () => {
    expect(sheetXml).toMatch(/<c r="A6" s="\d+" t="s"><v>\d+<\/v><\/c>/);
    expect(sheetXml).toMatch(/<c r="B6" s="\d+" t="s">/);
    expect(sheetXml).toContain("<f>SUM(Cifras[Programado])</f>");
    expect(sheetXml).toContain("<f>_xlfn.IFNA(Cifras[[#This Row],[Ejecutado]]/Cifras[[#This Row],[Programado]],0)</f>");
    expect(sheetXml).not.toMatch(/<f>=/);
  });

  test("data validations: list items, list formula, whole, date with prompt", () => {
    const dv = sheetXml.slice(sheetXml.indexOf("<dataValidations"), sheetXml.indexOf("</dataValidations>"));
    expect(dv).toMatch(/type="whole"[^>]*operator="greaterThanOrEqual"[^>]*sqref="B4:C6"><formula1>0<\/formula1>/);
    expect(dv).toMatch(/type="list"[^>]*sqref="A10:A20"><formula1>&quot;Cumplido,En avance&quot;<\/formula1>/);
    expect(dv).toMatch(/type="list"[^>]*sqref="C10"><formula1>\$A\$4:\$A\$6<\/formula1>/);
    // 2021-01-01 and 2021-12-31 as serial numbers.
    expect(dv).toMatch(/type="date"[^>]*showInputMessage="1"[^>]*promptTitle="Fecha"[^>]*sqref="B10:B20"><formula1>44197<\/formula1><formula2>44561<\/formula2>/);
    expect(dv).toContain('errorTitle="Número"');
  });

  test("conditional formats: expression rules in priority order, stopIfTrue where asked, dxf colours", async () => {
    const cf = sheetXml.slice(sheetXml.indexOf("<conditionalFormatting"), sheetXml.indexOf("</conditionalFormatting>"));
    expect(cf).toContain('sqref="D4:D6"');
    const rules = [...cf.matchAll(/<cfRule ([^>]*)>/g)].map((m) => m[1]);
    expect(rules).toHaveLength(2);
    expect(rules[0]).toMatch(/type="expression"/);
    expect(rules[0]).toMatch(/priority="1"/);
    expect(rules[0]).toMatch(/stopIfTrue="1"/);
    expect(rules[1]).toMatch(/priority="2"/);
    expect(rules[1]).not.toMatch(/stopIfTrue/);
    expect(cf).toContain("<formula>AND(ISNUMBER($D4),$D4&lt;0.6)</formula>");
    const styles = await part(zip, "xl/styles.xml");
    const dxfs = styles.slice(styles.indexOf("<dxfs"), styles.indexOf("</dxfs>"));
    expect(dxfs).toContain("FFFFC7CE");
    expect(dxfs).toContain("FF9C0006");
    expect(dxfs).toContain("FFBDD7EE");
  });

  test("print setup, views, merges, widths, heights, tab colour", () => {
    expect(sheetXml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    expect(sheetXml).toMatch(/<pageSetup [^>]*paperSize="1"[^>]*orientation="landscape"[^>]*fitToWidth="1" fitToHeight="0"/);
    expect(sheetXml).toContain('<printOptions horizontalCentered="1"/>');
    expect(sheetXml).toMatch(/<rowBreaks count="1" manualBreakCount="1"><brk id="6" [^>]*man="1"\/><\/rowBreaks>/);
    expect(sheetXml).toContain("<oddHeader>&amp;CInforme PIPC</oddHeader>");
    expect(sheetXml).toContain("<oddFooter>&amp;L&amp;A&amp;RPágina &amp;P de &amp;N</oddFooter>");
    expect(sheetXml).toMatch(/<sheetView [^>]*showGridLines="0"/);
    expect(sheetXml).toMatch(/<pane xSplit="1" ySplit="3" topLeftCell="B4" activePane="bottomRight" state="frozen"\/>/);
    expect(sheetXml).toContain('<mergeCell ref="A1:D1"/>');
    expect(sheetXml).toMatch(/<col min="1" max="1" width="30"/);
    expect(sheetXml).toMatch(/<row r="1" [^>]*ht="28" customHeight="1"/);
    expect(sheetXml).toContain('<tabColor rgb="FF1F4E78"/>');
  });

  test("tables: header cells equal columns, formulas kept in the data cells", async () => {
    const table = await part(zip, "xl/tables/table1.xml");
    expect(table).toMatch(/name="Cifras" displayName="Cifras" ref="A3:D6"/);
    expect(table).toContain('<tableColumn id="4" name="Cumplimiento"');
    expect(table).toContain('<tableStyleInfo name="TableStyleMedium2"');
    expect(sheetXml).toContain("<f>IF(Cifras[[#This Row],[Programado]]&gt;0,");
  });
});

describe("writer: LibreOffice reads it as a spreadsheet", () => {
  test("table formulas, structured references and defined names (constant, formula, range) evaluate", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "resumen.xlsx");
    await writeWorkbookFile(renderWorkbook(workbookSpec()), file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await recalc(file));
    const ws = wb.getWorksheet("Resumen informe")!;
    const result = (a: string) => (ws.getCell(a).value as ExcelJS.CellFormulaValue).result;
    expect(result("D4")).toBeCloseTo(37 / 28, 10);
    expect(result("D5")).toBe(1);
    // "5" is text: Excel's SUM skips it; the division coerces it.
    expect(result("B8")).toBe(40);
    expect(result("C8")).toBe(49);
    expect(result("F1")).toBeCloseTo(60, 10);
    expect(result("G1")).toBe(50);
    expect(result("H1")).toBe(40);
    // The literal "=no es fórmula" is still text after a real spreadsheet opened it.
    expect(ws.getCell("A6").value).toBe("=no es fórmula");
    expect(ws.getCell("B6").value).toBe("5");
    // LibreOffice kept the charts and the names it was given.
    const zip = await JSZip.loadAsync(await fs.readFile(await recalc(file)));
    expect(Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(2);
    const names = await zip.file("xl/workbook.xml")!.async("string");
    expect(names).toContain('name="PIPC_Umbral"');
  });
});

describe("writer: into an existing workbook", () => {
  function inputSheet(): SheetSpec {
    const s = emptySheet("Actividades", "input:actividades", "input");
    s.blocks.push({ origin: "A1", cells: [["ID", "Programado I", "Ejecutado I"], ["A-001", 4, 3], ["A-002", 2, 4]] });
    s.blocks.push({ origin: "A6", cells: [["nota al pie de la tabla"]] });
    s.tables.push({ name: "Actividades", range: "A1:C3", columns: ["ID", "Programado I", "Ejecutado I"] });
    return s;
  }

  const generation: WorkbookSpec = {
    sheets: [
      (() => {
        const s = emptySheet("Resumen", "resumen", "generated");
        s.blocks.push({ origin: "A1", cells: [["Total", { f: "=SUM(Actividades[Cumplimiento])" }]] });
        s.charts.push({ id: "c", type: "columnStacked", title: "T", categories: "=Resumen!$A$1", series: [{ name: "s", values: "=Resumen!$B$1" }], from: "D2", to: "H10" });
        return s;
      })(),
    ],
    names: [{ name: "PIPC_Total", refersTo: "=Resumen!$B$1" }],
    computedColumns: [
      {
        table: "Actividades",
        columns: [{ header: "Cumplimiento", formula: "=Actividades[[#This Row],[Ejecutado I]]/Actividades[[#This Row],[Programado I]]", numberFormat: "0%" }],
        conditionalFormats: [{ column: "Cumplimiento", rules: [{ formula: "=$D2<0.6", style: { fill: "FFC7CE" } }] }],
      },
    ],
  };

  test("keeps the input sheets, adds the generated ones, extends the table; a second generation replaces", async () => {
    const first = await toBuffer(renderWorkbook({ sheets: [inputSheet()], names: [{ name: "MiConstante", refersTo: "=42" }], computedColumns: [] }));

    const wb = await loadWorkbookBuffer(first);
    applySpecs(wb, generation);
    const once = await toBuffer(wb);
    const wb2 = await loadWorkbookBuffer(once);
    applySpecs(wb2, generation);
    const twice = await toBuffer(wb2);

    for (const buf of [once, twice]) {
      const raw = await readWorkbookBuffer(buf);
      expect(raw.sheetNames).toEqual(["Actividades", "Resumen"]);
      const t = raw.tables.find((x) => x.name === "Actividades")!;
      expect(t.headers.map((h) => h.value)).toEqual(["ID", "Programado I", "Ejecutado I", "Cumplimiento"]);
      expect(t.rows.map((r) => r[0].value)).toEqual(["A-001", "A-002"]);
      expect(t.rows[0][3].formula).toBe("=Actividades[[#This Row],[Ejecutado I]]/Actividades[[#This Row],[Programado I]]");
      const zip = await JSZip.loadAsync(buf);
      const wbXml = await zip.file("xl/workbook.xml")!.async("string");
      // ExcelJS drops constant names on load: they are put back, once.
      expect(wbXml.match(/name="MiConstante"/g)).toHaveLength(1);
      expect(wbXml).toContain('<definedName name="MiConstante">42</definedName>');
      expect(wbXml.match(/name="PIPC_Total"/g)).toHaveLength(1);
      expect(Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(1);
      const sheet1 = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
      expect(sheet1.match(/<cfRule /g)).toHaveLength(1);
      expect(sheet1).toContain('<conditionalFormatting sqref="D2:D3">');
    }

    const dir = await tempDir();
    const file = path.join(dir, "gen.xlsx");
    await fs.writeFile(file, twice);
    const calc = new ExcelJS.Workbook();
    await calc.xlsx.readFile(await recalc(file));
    const act = calc.getWorksheet("Actividades")!;
    expect((act.getCell("D2").value as ExcelJS.CellFormulaValue).result).toBeCloseTo(0.75, 10);
    expect((act.getCell("D3").value as ExcelJS.CellFormulaValue).result).toBe(2);
    expect(act.getCell("A6").value).toBe("nota al pie de la tabla");
    expect((calc.getWorksheet("Resumen")!.getCell("B1").value as ExcelJS.CellFormulaValue).result).toBeCloseTo(2.75, 10);
  });

  test("ids fill only blank ID cells; a missing ID column is appended before the computed columns", async () => {
    const s = emptySheet("Actividades", "input:actividades", "input");
    s.blocks.push({ origin: "A1", cells: [["ID", "Programado I", "Ejecutado I"], ["A-001", 4, 3], [null, 2, 4], ["  ", 1, 1]] });
    s.tables.push({ name: "Actividades", range: "A1:C4", columns: ["ID", "Programado I", "Ejecutado I"] });
    const d = emptySheet("Dependencias", "input:dependencias", "input");
    d.blocks.push({ origin: "B2", cells: [["Dependencia"], ["OAP"], ["SFI"]] });
    d.tables.push({ name: "Dependencias", range: "B2:B4", columns: ["Dependencia"] });
    const wb = await loadWorkbookBuffer(await toBuffer(renderWorkbook({ sheets: [s, d], names: [], computedColumns: [] })));
    applySpecs(wb, {
      sheets: [],
      names: [],
      idFills: [
        { table: "Actividades", header: "ID", fills: [{ row: 2, id: "A-999" }, { row: 3, id: "A-002" }, { row: 4, id: "A-003" }] },
        { table: "Dependencias", header: "ID", fills: [{ row: 3, id: "D-001" }, { row: 4, id: "D-002" }] },
      ],
      computedColumns: [{ table: "Dependencias", columns: [{ header: "Nombre largo", formula: '=Dependencias[[#This Row],[Dependencia]]&"!"' }], conditionalFormats: [] }],
    });
    const raw = await readWorkbookBuffer(await toBuffer(wb));
    const act = raw.tables.find((t) => t.name === "Actividades")!;
    expect(act.rows.map((r) => r[0].value)).toEqual(["A-001", "A-002", "A-003"]);
    const dep = raw.tables.find((t) => t.name === "Dependencias")!;
    expect(dep.headers.map((h) => `${h.address}=${h.value}`)).toEqual(["B2=Dependencia", "C2=ID", "D2=Nombre largo"]);
    expect(dep.rows.map((r) => r[1].value)).toEqual(["D-001", "D-002"]);
  });

  test("three generations in a row: one copy of every name, print areas and titles included", async () => {
    const input = inputSheet();
    input.print = { orientation: "portrait", fitToWidth: 1, printTitleRows: "1:1" };
    const gen = (): SheetSpec => {
      const g = emptySheet("Resumen", "resumen", "generated");
      g.blocks.push({ origin: "A1", cells: [[1, 2]] });
      g.print = { orientation: "landscape", fitToWidth: 1, area: "A1:B2", printTitleRows: "1:1" };
      return g;
    };
    let buf = await toBuffer(renderWorkbook({ sheets: [input], names: [{ name: "Const", refersTo: "=0.5" }], computedColumns: [] }));
    for (let i = 0; i < 3; i++) {
      const wb = await loadWorkbookBuffer(buf);
      applySpecs(wb, { sheets: [gen()], names: [{ name: "PIPC_X", refersTo: "=Resumen!$A$1" }], computedColumns: [] });
      buf = await toBuffer(wb);
    }
    const xml = await (await JSZip.loadAsync(buf)).file("xl/workbook.xml")!.async("string");
    const names = [...xml.matchAll(/<definedName name="([^"]+)"(?: localSheetId="(\d+)")?/g)].map((m) => `${m[1]}@${m[2] ?? "wb"}`).sort();
    expect(names).toEqual(["Const@wb", "PIPC_X@wb", "_xlnm.Print_Area@1", "_xlnm.Print_Titles@0", "_xlnm.Print_Titles@1"]);
  });

  test("a table cannot grow over the user's data", async () => {
    const s = inputSheet();
    s.blocks.push({ origin: "D2", cells: [["mío"]] });
    const wb = await loadWorkbookBuffer(await toBuffer(renderWorkbook({ sheets: [s], names: [], computedColumns: [] })));
    expect(() => applySpecs(wb, { sheets: [], names: [], computedColumns: generation.computedColumns })).toThrow(/Actividades!D2/);
  });
});

describe("writer: refuses inconsistent specs", () => {
  test("header cells that are not the table's columns", () => {
    const s = emptySheet("X", "x", "generated");
    s.blocks.push({ origin: "A1", cells: [["Uno", "Dos"], [1, 2]] });
    s.tables.push({ name: "T", range: "A1:B2", columns: ["Uno", "Tres"] });
    expect(() => renderWorkbook({ sheets: [s], names: [], computedColumns: [] })).toThrow(SpecError);
  });
  test("sheet names Excel refuses, duplicate tables, bad colours", () => {
    expect(() => renderWorkbook({ sheets: [emptySheet("a/b", "k", "generated")], names: [], computedColumns: [] })).toThrow(/sheet name/);
    expect(() => renderWorkbook({ sheets: [emptySheet("x".repeat(32), "k", "generated")], names: [], computedColumns: [] })).toThrow(/sheet name/);
    const a = emptySheet("A", "a", "generated");
    a.blocks.push({ origin: "A1", cells: [["H"], [1]] });
    a.tables.push({ name: "T", range: "A1:A2", columns: ["H"] });
    const b = { ...a, name: "B", key: "b" };
    expect(() => renderWorkbook({ sheets: [a, b], names: [], computedColumns: [] })).toThrow(/already exists/);
    const c = emptySheet("C", "c", "generated");
    c.tabColor = "#fff";
    expect(() => renderWorkbook({ sheets: [c], names: [], computedColumns: [] })).toThrow(/RGB/);
  });
});

describe("writer: files", () => {
  test("writes through a temporary file and leaves none behind", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "libro.xlsx");
    await fs.writeFile(file, "versión anterior");
    await writeWorkbookFile(renderWorkbook(workbookSpec()), file);
    expect(await fs.readdir(dir)).toEqual(["libro.xlsx"]);
    expect((await fs.readFile(file)).subarray(0, 2).toString()).toBe("PK");
  });

  test("a write that fails leaves no temporary file behind", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "no-existe", "libro.xlsx");
    await expect(writeWorkbookFile(newWorkbook(), file)).rejects.toThrow();
    expect(await fs.readdir(dir)).toEqual([]);
  });
});

describe("toFileFormula", () => {
  test("strips '=' and prefixes newer functions outside string literals only", () => {
    expect(toFileFormula("=SUM(A1:A2)")).toBe("SUM(A1:A2)");
    expect(toFileFormula('=IFS(A1>1,"IFS(",TRUE,textjoin(",",TRUE,B1:B2))')).toBe('_xlfn.IFS(A1>1,"IFS(",TRUE,_xlfn.TEXTJOIN(",",TRUE,B1:B2))');
    expect(toFileFormula("=_xlfn.IFNA(A1,0)")).toBe("_xlfn.IFNA(A1,0)");
  });
});
