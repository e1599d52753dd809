/**
 * What `pipc generate` cannot carry, proven both ways for each kind: the inspection of the input
 * package reports it (sheet and count), and a real generation through ExcelJS indeed loses it —
 * while what ExcelJS does carry (pictures, notes, a background) is kept and not reported. If an
 * ExcelJS upgrade starts keeping (or dropping) something, these tests say so.
 */
import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { loadWorkbookBuffer, packageLosses, toBuffer, WorkbookFileError } from "../../src/xlsx";
import type { LossKind } from "../../src/xlsx/inspect";
import { invalidCells, recalc, tempDir } from "../helpers/libreoffice";
import { generate, sampleInput } from "../report/engine";
import { PackageEditor, withFeatures, type Feature } from "./package-fixtures";

let sample: Buffer;
beforeAll(async () => {
  sample = await sampleInput();
});

async function sheetXml(buf: Buffer, sheet: string): Promise<string> {
  const ed = await PackageEditor.open(buf);
  return ed.text(await ed.sheetPart(sheet));
}

/** The drawing XML of a sheet ("" without one). */
async function drawingXml(buf: Buffer, sheet: string): Promise<string> {
  const ed = await PackageEditor.open(buf);
  const part = await ed.sheetPart(sheet);
  if (!/<drawing\s/.test(await ed.text(part))) return "";
  return ed.text(await ed.drawingOf(part));
}

async function hasPart(buf: Buffer, re: RegExp): Promise<boolean> {
  const zip = await JSZip.loadAsync(buf);
  return Object.keys(zip.files).some((n) => re.test(n));
}

/** Whether a package holds the feature on the sheet Actividades (or the workbook). */
const EVIDENCE: Record<Feature, (buf: Buffer) => Promise<boolean>> = {
  macros: (b) => hasPart(b, /vbaProject\.bin$/),
  pivotTable: (b) => hasPart(b, /^xl\/pivotTables\//),
  chart: async (b) => /<c:chart\b/.test(await drawingXml(b, "Actividades")),
  image: async (b) => /<xdr:pic>/.test(await drawingXml(b, "Actividades")) && (await hasPart(b, /^xl\/media\/image\d+\.png$/)),
  shape: async (b) => /<xdr:sp\b/.test(await drawingXml(b, "Actividades")),
  notes: async (b) => {
    const zip = await JSZip.loadAsync(b);
    const c = Object.keys(zip.files).find((n) => /^xl\/comments\d+\.xml$/.test(n));
    return !!c && (await zip.file(c)!.async("string")).includes("Verificar la fecha con la dependencia");
  },
  threadedComments: (b) => hasPart(b, /^xl\/threadedComments\//),
  externalLink: async (b) => {
    // The link, its place in <externalReferences>, and what uses it.
    const zip = await JSZip.loadAsync(b);
    const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    const rid = /<externalReferences><externalReference r:id="([^"]+)"\/><\/externalReferences>/.exec(wb)?.[1];
    const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
    const link = (await zip.file("xl/externalLinks/_rels/externalLink1.xml.rels")?.async("string")) ?? "";
    return (
      !!rid &&
      new RegExp(`Id="${rid}" Type="[^"]*/externalLink" Target="externalLinks/externalLink1.xml"`).test(rels) &&
      link.includes("metas-2021.xlsx") &&
      /<definedName name="MetaExterna">'?\[1\]Metas'?!\$A\$1<\/definedName>/.test(wb) &&
      /<f>\[1\]Metas!A1<\/f>/.test(await sheetXml(b, "Actividades"))
    );
  },
  slicer: (b) => hasPart(b, /^xl\/slicers\//),
  sparklines: async (b) => (await sheetXml(b, "Actividades")).includes("sparklineGroup"),
  formControl: async (b) => /<control\b/.test(await sheetXml(b, "Actividades")) || (await hasPart(b, /^xl\/ctrlProps\//)),
  activeX: (b) => hasPart(b, /^xl\/activeX\//),
  oleObject: async (b) => /<oleObject\b/.test(await sheetXml(b, "Actividades")) || (await hasPart(b, /^xl\/embeddings\//)),
  chartsheet: async (b) => (await hasPart(b, /^xl\/chartsheets\//)) || (await JSZip.loadAsync(b).then((z) => z.file("xl/workbook.xml")!.async("string"))).includes("Gráfico avance"),
  listValidationExt: async (b) => {
    // In the extension (the input) or as an ordinary validation (the report).
    const xml = await sheetXml(b, "Actividades");
    return /<x14:formula1><xm:f>Dependencias!\$B\$3:\$B\$7<\/xm:f><\/x14:formula1><xm:sqref>R3:R18</.test(xml) || /<dataValidation type="list"[^>]*sqref="R3:R18"><formula1>Dependencias!\$B\$3:\$B\$7<\/formula1>/.test(xml);
  },
  dateValidationExt: async (b) => /sqref>S3:S18</.test(await sheetXml(b, "Actividades")),
  connections: (b) => hasPart(b, /^xl\/connections\.xml$/),
  dataModel: (b) => hasPart(b, /^xl\/model\//),
  timeline: (b) => hasPart(b, /^xl\/timelines\//),
  backgroundImage: async (b) => /<picture r:id=/.test(await sheetXml(b, "Actividades")),
  headerFooterImage: async (b) => (await sheetXml(b, "Actividades")).includes("<legacyDrawingHF"),
  dynamicArray: async (b) => / cm="1"/.test(await sheetXml(b, "Actividades")),
  macrosheet: (b) => hasPart(b, /^xl\/macrosheets\//),
  customUI: (b) => hasPart(b, /^customUI\//),
  richValue: async (b) => / vm="1"/.test(await sheetXml(b, "Actividades")),
};

/** What the inspection must report for each feature added to Actividades (null: ExcelJS carries it). */
const EXPECTED: Record<Feature, { kind: LossKind; sheet: string | null; count: number } | null> = {
  macros: { kind: "macros", sheet: null, count: 1 },
  pivotTable: { kind: "pivotTables", sheet: "Actividades", count: 1 },
  chart: { kind: "charts", sheet: "Actividades", count: 1 },
  image: null,
  shape: { kind: "shapes", sheet: "Actividades", count: 1 },
  notes: null,
  threadedComments: { kind: "threadedComments", sheet: "Actividades", count: 1 },
  // Carried: ExcelJS drops the link and keeps the formulas using it; postProcess puts the link back.
  externalLink: null,
  slicer: { kind: "slicers", sheet: "Actividades", count: 1 },
  sparklines: { kind: "sparklines", sheet: "Actividades", count: 2 },
  formControl: { kind: "controls", sheet: "Actividades", count: 1 },
  activeX: { kind: "controls", sheet: "Actividades", count: 1 },
  oleObject: { kind: "oleObjects", sheet: "Actividades", count: 1 },
  chartsheet: { kind: "chartsheet", sheet: "Gráfico avance", count: 1 },
  // Carried: the reader puts the x14 validation back as an ordinary one.
  listValidationExt: null,
  dateValidationExt: { kind: "crossSheetValidations", sheet: "Actividades", count: 1 },
  connections: { kind: "connections", sheet: null, count: 1 },
  dataModel: { kind: "dataModel", sheet: null, count: 1 },
  timeline: { kind: "timelines", sheet: "Actividades", count: 1 },
  backgroundImage: null,
  headerFooterImage: { kind: "headerFooterImages", sheet: "Actividades", count: 1 },
  dynamicArray: { kind: "dynamicArrays", sheet: "Actividades", count: 1 },
  macrosheet: { kind: "macrosheet", sheet: "Macro1", count: 1 },
  customUI: { kind: "customUI", sheet: null, count: 1 },
  richValue: { kind: "richValues", sheet: "Actividades", count: 1 },
};

const FEATURES = Object.keys(EXPECTED) as Feature[];

describe("each kind, by a round trip through the generation", () => {
  test.each(FEATURES)("%s", async (feature) => {
    const input = await withFeatures(sample, "Actividades", [feature]);
    expect(await EVIDENCE[feature](input)).toBe(true);
    const out = await generate(input, "III");
    const expected = EXPECTED[feature];
    expect(out.generated.losses).toEqual(expected ? [expected] : []);
    // The report holds it exactly when the inspection says it is carried.
    expect(await EVIDENCE[feature](out.buffer)).toBe(expected === null);
  });
});

test("a link to another workbook is carried: LibreOffice reads the report's formula through it", async () => {
  const out = await generate(await withFeatures(sample, "Actividades", ["externalLink"]), "III");
  const dir = await tempDir("pipc-links-");
  await fs.writeFile(path.join(dir, "informe.xlsx"), out.buffer);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await recalc(path.join(dir, "informe.xlsx")));
  // Without the link, LibreOffice cannot parse the reference and keeps it as lower-case text.
  expect(wb.getWorksheet("Actividades")!.getCell("R5").value).toEqual({ formula: "[1]Metas!A1", result: 12 });
});

test("a drop-down Excel kept in its extension is carried: LibreOffice checks the report's cells against it", async () => {
  const out = await generate(await withFeatures(sample, "Actividades", ["listValidationExt"]), "III");
  const dir = await tempDir("pipc-validations-");
  await fs.writeFile(path.join(dir, "informe.xlsx"), out.buffer);
  const invalid = await invalidCells(path.join(dir, "informe.xlsx"));
  // "XYZ" is no sigla, "OAP" is.
  expect(invalid["Actividades"]).toContain("R3");
  expect(invalid["Actividades"]).not.toContain("R4");
});

test("an extension validation over cells that already have one is not doubled: it is reported", async () => {
  const ed = await PackageEditor.open(await withFeatures(sample, "Actividades", ["listValidationExt"]));
  const part = await ed.sheetPart("Actividades");
  // Move it onto column B, where the sample already has the Dependencia drop-down.
  ed.put(part, (await ed.text(part)).replace("<xm:sqref>R3:R18</xm:sqref>", "<xm:sqref>B3:B18</xm:sqref>"));
  const out = await generate(await ed.toBuffer(), "III");
  expect(out.generated.losses).toEqual([{ kind: "crossSheetValidations", sheet: "Actividades", count: 1 }]);
});

describe("counts, places and no false alarms", () => {
  test("a sample or a report regenerated: nothing reported (the report's own charts are its own)", async () => {
    const first = await generate(sample, "III");
    expect(first.generated.losses).toEqual([]);
    expect(await hasPart(first.buffer, /^xl\/charts\//)).toBe(true);
    const again = await generate(first.buffer, "II");
    expect(again.generated.replacedSheets.length).toBeGreaterThan(0);
    expect(again.generated.losses).toEqual([]);
  });

  test("one drawing with a picture, two charts and a text box: the picture stays, the rest is counted", async () => {
    const input = await withFeatures(sample, "Actividades", ["image", "chart", "chart", "shape"]);
    const out = await generate(input, "III");
    expect(out.generated.losses).toEqual([
      { kind: "charts", sheet: "Actividades", count: 2 },
      { kind: "shapes", sheet: "Actividades", count: 1 },
    ]);
    expect(await EVIDENCE.image(out.buffer)).toBe(true);
    expect(await EVIDENCE.chart(out.buffer)).toBe(false);
  });

  test("a sheet of the official's own, kept by the report, is named; workbook-level things come first", async () => {
    const wb = await loadWorkbookBuffer(sample);
    wb.addWorksheet("Análisis «propio»").getCell("A1").value = "mío";
    const withSheet = await toBuffer(wb);
    const input = await withFeatures(await withFeatures(withSheet, "Análisis «propio»", ["pivotTable", "chart"]), "Actividades", ["macros"]);
    const out = await generate(input, "III");
    expect(out.generated.losses).toEqual([
      { kind: "macros", sheet: null, count: 1 },
      { kind: "pivotTables", sheet: "Análisis «propio»", count: 1 },
      { kind: "charts", sheet: "Análisis «propio»", count: 1 },
    ]);
  });

  test("a copy of a report sheet is the official's: its chart is reported; the replaced original's is not", async () => {
    const report = await generate(sample, "III");
    const wb = await loadWorkbookBuffer(report.buffer);
    wb.addWorksheet("Mi copia").getCell("A1").value = "copia";
    const withCopy = await withFeatures(await toBuffer(wb), "Mi copia", ["chart"]);
    const out = await generate(withCopy, "III");
    expect(out.generated.losses).toEqual([{ kind: "charts", sheet: "Mi copia", count: 1 }]);
  });

  test("loadWorkbookBuffer keeps the list for any caller", async () => {
    const wb = await loadWorkbookBuffer(await withFeatures(sample, "Compromisos", ["sparklines", "pivotTable"]));
    expect(packageLosses(wb)).toEqual([
      { kind: "pivotTables", sheet: "Compromisos", count: 1 },
      { kind: "sparklines", sheet: "Compromisos", count: 2 },
    ]);
  });
});

describe("sheets ExcelJS would not find are refused, not lost", () => {
  async function codeOf(p: Promise<unknown>): Promise<WorkbookFileError> {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(WorkbookFileError);
      return err as WorkbookFileError;
    }
    throw new Error("no error");
  }

  async function renamePart(buf: Buffer, from: string, to: string): Promise<Buffer> {
    const zip = await JSZip.loadAsync(buf);
    const content = await zip.file(from)!.async("nodebuffer");
    zip.remove(from);
    zip.file(to, content);
    const rels = `${from.slice(0, from.lastIndexOf("/"))}/_rels/${from.slice(from.lastIndexOf("/") + 1)}.rels`;
    const relsFile = zip.file(rels);
    if (relsFile) {
      const r = await relsFile.async("nodebuffer");
      zip.remove(rels);
      zip.file(`${to.slice(0, to.lastIndexOf("/"))}/_rels/${to.slice(to.lastIndexOf("/") + 1)}.rels`, r);
    }
    const fromRel = from.replace(/^xl\//, "");
    const toRel = to.replace(/^xl\//, "");
    const wbRels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file("xl/_rels/workbook.xml.rels", wbRels.split(`"${fromRel}"`).join(`"${toRel}"`).split(`"/${from}"`).join(`"/${to}"`));
    const ct = await zip.file("[Content_Types].xml")!.async("string");
    zip.file("[Content_Types].xml", ct.split(`"/${from}"`).join(`"/${to}"`));
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }

  test("a worksheet part under another name (ExcelJS reads only xl/worksheets/sheetN.xml)", async () => {
    const wb = await loadWorkbookBuffer(sample);
    wb.addWorksheet("Notas").getCell("A1").value = "mis notas";
    const buf = await renamePart(await toBuffer(wb), "xl/worksheets/sheet5.xml", "xl/worksheets/hojaNotas.xml");
    const e = await codeOf(loadWorkbookBuffer(buf));
    expect(e.code).toBe("unreadable-sheet");
    expect(e.messages.es).toBe(
      "la hoja «Notas» está guardada de una forma que pipc no sabe leer; ábralo en Excel, guárdelo de nuevo como «Libro de Excel (.xlsx)» y vuelva a intentarlo",
    );
    expect(e.messages.en).toMatch(/^the sheet “Notas” is stored in a way pipc cannot read/);
  });

  test("a worksheet named by a relationship ExcelJS does not resolve (./worksheets/...): ExcelJS alone drops it silently", async () => {
    const zip = await JSZip.loadAsync(sample);
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file("xl/_rels/workbook.xml.rels", rels.replace('Target="worksheets/sheet3.xml"', 'Target="./worksheets/sheet3.xml"'));
    const buf = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const bare = new ExcelJS.Workbook();
    await bare.xlsx.load(buf as unknown as ExcelJS.Buffer);
    expect(bare.worksheets.map((w) => w.name)).toEqual(["Actividades", "Compromisos", "Configuración"]);
    const e = await codeOf(loadWorkbookBuffer(buf));
    expect(e.code).toBe("unreadable-sheet");
    expect(e.args).toEqual(["Dependencias"]);
    // A sheet listed with no relationship at all: the same.
    zip.file("xl/_rels/workbook.xml.rels", rels.replace(/<Relationship [^>]*Target="worksheets\/sheet3\.xml"\/>/, ""));
    const orphan = await codeOf(loadWorkbookBuffer(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" })));
    expect([orphan.code, orphan.args]).toEqual(["unreadable-sheet", ["Dependencias"]]);
  });

  test("a worksheet whose elements carry a namespace prefix (ExcelJS matches tags by their literal names)", async () => {
    const ed = await PackageEditor.open(sample);
    const part = await ed.sheetPart("Compromisos");
    const xml = await ed.text(part);
    ed.put(part, xml.replace(/<(\/?)(?!\?)([a-zA-Z])/g, "<$1x:$2").replace(/<x:worksheet /, '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '));
    const buf = await ed.toBuffer();
    // ExcelJS alone fails on it with an error about its own internals; pipc names the sheet and the fix.
    await expect(new ExcelJS.Workbook().xlsx.load(buf as unknown as ExcelJS.Buffer)).rejects.toThrow(TypeError);
    const e = await codeOf(loadWorkbookBuffer(buf));
    expect(e.code).toBe("unreadable-sheet");
    expect(e.args).toEqual(["Compromisos"]);
  });

  test("shared strings under another name: refused, since every text cell would be lost", async () => {
    const buf = await renamePart(sample, "xl/sharedStrings.xml", "xl/strings.xml");
    const bare = new ExcelJS.Workbook();
    await bare.xlsx.load(buf as unknown as ExcelJS.Buffer);
    expect(typeof bare.getWorksheet("Actividades")!.getCell("A2").value).not.toBe("string");
    expect(typeof (await loadWorkbookBuffer(sample)).getWorksheet("Actividades")!.getCell("A2").value).toBe("string");
    const e = await codeOf(loadWorkbookBuffer(buf));
    expect(e.code).toBe("unreadable-part");
    expect(e.messages.es).toMatch(/^el libro guarda xl\/strings\.xml de una forma que pipc no sabe leer/);
  });
});
