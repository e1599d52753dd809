/**
 * Hand-built package parts for the tests of what `pipc generate` cannot carry: each feature is
 * added to a real input workbook (the sample as `pipc sample` writes it) the way Excel stores it —
 * the part, its relationship, its content type and the element in the sheet or workbook that
 * points at it — so the inspection sees what Excel would save and ExcelJS meets what it would load.
 */
import path from "path";
import zlib from "zlib";
import JSZip from "jszip";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const NS_XM = "http://schemas.microsoft.com/office/excel/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MSREL = "http://schemas.microsoft.com/office/2007/relationships";
const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** The features a fixture can hold. */
export type Feature =
  | "macros"
  | "pivotTable"
  | "chart"
  | "image"
  | "shape"
  | "notes"
  | "threadedComments"
  | "externalLink"
  | "slicer"
  | "sparklines"
  | "formControl"
  | "activeX"
  | "oleObject"
  | "chartsheet"
  | "listValidationExt"
  | "dateValidationExt"
  | "connections"
  | "dataModel"
  | "timeline"
  | "backgroundImage"
  | "headerFooterImage"
  | "dynamicArray"
  | "macrosheet"
  | "customUI"
  | "richValue";

/** A 1×1 transparent PNG. */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

/** An open package with helpers to add parts the way Excel lays them out. */
export class PackageEditor {
  private constructor(readonly zip: JSZip) {}

  static async open(buf: Buffer): Promise<PackageEditor> {
    return new PackageEditor(await JSZip.loadAsync(buf));
  }

  async text(name: string): Promise<string> {
    const f = this.zip.file(name);
    if (!f) throw new Error(`no part ${name}`);
    return f.async("string");
  }

  async textOrNull(name: string): Promise<string | null> {
    const f = this.zip.file(name);
    return f ? f.async("string") : null;
  }

  put(name: string, content: string | Buffer): void {
    this.zip.file(name, content);
  }

  /** The part of a sheet, found by its name through workbook.xml and its relationships. */
  async sheetPart(sheet: string): Promise<string> {
    const wb = await this.text("xl/workbook.xml");
    const m = new RegExp(`<sheet\\b[^>]*\\sname="${escapeRe(sheet)}"[^>]*\\sr:id="([^"]+)"`).exec(wb);
    if (!m) throw new Error(`no sheet ${sheet}`);
    const rels = await this.text("xl/_rels/workbook.xml.rels");
    const t = new RegExp(`<Relationship\\b[^>]*\\sId="${m[1]}"[^>]*\\sTarget="([^"]+)"`).exec(rels) ?? new RegExp(`<Relationship\\b[^>]*\\sTarget="([^"]+)"[^>]*\\sId="${m[1]}"`).exec(rels);
    if (!t) throw new Error(`no relationship ${m[1]}`);
    return t[1].startsWith("/") ? t[1].slice(1) : path.posix.join("xl", t[1]);
  }

  /** Adds a relationship from `part` and returns its id. */
  async addRel(part: string, type: string, target: string, external = false): Promise<string> {
    const relsName = `${path.posix.dirname(part)}/_rels/${path.posix.basename(part)}.rels`;
    const xml =
      (await this.textOrNull(relsName)) ?? `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    let n = 1;
    for (const m of xml.matchAll(/Id="rId(\d+)"/g)) n = Math.max(n, Number(m[1]) + 1);
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${type}" Target="${target}"${external ? ` TargetMode="External"` : ""}/>`;
    this.put(relsName, xml.replace("</Relationships>", `${rel}</Relationships>`));
    return id;
  }

  async addOverride(partName: string, contentType: string): Promise<void> {
    const ct = await this.text("[Content_Types].xml");
    this.put("[Content_Types].xml", ct.replace("</Types>", `<Override PartName="/${partName}" ContentType="${contentType}"/></Types>`));
  }

  async addDefault(ext: string, contentType: string): Promise<void> {
    const ct = await this.text("[Content_Types].xml");
    if (ct.includes(`Extension="${ext}"`)) return;
    this.put("[Content_Types].xml", ct.replace("</Types>", `<Default Extension="${ext}" ContentType="${contentType}"/></Types>`));
  }

  /** Inserts an element into a sheet's XML where CT_Worksheet's sequence wants it. */
  async insertInSheet(part: string, element: string, before: string[]): Promise<void> {
    let xml = await this.text(part);
    let at = xml.lastIndexOf("</worksheet>");
    for (const tag of before) {
      const i = xml.indexOf(tag);
      if (i >= 0 && i < at) at = i;
    }
    xml = xml.slice(0, at) + element + xml.slice(at);
    if (!/<worksheet\b[^>]*\sxmlns:r=/.test(xml)) xml = xml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_R}"`);
    this.put(part, xml);
  }

  /** Appends an <ext> to the sheet's <extLst> (created if needed). */
  async addSheetExt(part: string, ext: string): Promise<void> {
    const xml = await this.text(part);
    if (xml.includes("</extLst>")) this.put(part, xml.replace("</extLst>", `${ext}</extLst>`));
    else await this.insertInSheet(part, `<extLst>${ext}</extLst>`, []);
  }

  /** Inserts an element into workbook.xml before the first of `before` that is present. */
  async insertInWorkbook(element: string, before: string[]): Promise<void> {
    const xml = await this.text("xl/workbook.xml");
    let at = xml.lastIndexOf("</workbook>");
    for (const tag of before) {
      const i = xml.indexOf(tag);
      if (i >= 0 && i < at) at = i;
    }
    this.put("xl/workbook.xml", xml.slice(0, at) + element + xml.slice(at));
  }

  /** The sheet's drawing part, created (with its <drawing> element) if the sheet has none. */
  async drawingOf(sheetPart: string): Promise<string> {
    const xml = await this.text(sheetPart);
    const m = /<drawing\s+r:id="([^"]+)"/.exec(xml);
    const relsName = `${path.posix.dirname(sheetPart)}/_rels/${path.posix.basename(sheetPart)}.rels`;
    if (m) {
      const rels = await this.text(relsName);
      const t = new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels)!;
      return path.posix.normalize(path.posix.join(path.posix.dirname(sheetPart), t[1]));
    }
    let n = 1;
    while (this.zip.file(`xl/drawings/drawing${n}.xml`)) n++;
    const part = `xl/drawings/drawing${n}.xml`;
    this.put(part, `${XML_HEAD}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}"></xdr:wsDr>`);
    await this.addOverride(part, "application/vnd.openxmlformats-officedocument.drawing+xml");
    const rid = await this.addRel(sheetPart, `${REL}/drawing`, `../drawings/drawing${n}.xml`);
    await this.insertInSheet(sheetPart, `<drawing r:id="${rid}"/>`, AFTER_DRAWING);
    return part;
  }

  async addAnchor(drawingPart: string, anchor: string): Promise<void> {
    const xml = await this.text(drawingPart);
    this.put(drawingPart, xml.replace("</xdr:wsDr>", `${anchor}</xdr:wsDr>`));
  }

  async toBuffer(): Promise<Buffer> {
    return this.zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const AFTER_DRAWING = ["<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst"];
const AFTER_LEGACY = ["<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst"];
const AFTER_OLE = ["<controls", "<webPublishItems", "<tableParts", "<extLst"];
const AFTER_CONTROLS = ["<webPublishItems", "<tableParts", "<extLst"];

function twoCell(from: [number, number], to: [number, number], body: string): string {
  const pos = (tag: string, [c, r]: [number, number]) =>
    `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return `<xdr:twoCellAnchor>${pos("from", from)}${pos("to", to)}${body}<xdr:clientData/></xdr:twoCellAnchor>`;
}

async function vmlOf(ed: PackageEditor, sheetPart: string): Promise<{ part: string; created: boolean }> {
  let n = 1;
  while (ed.zip.file(`xl/drawings/vmlDrawing${n}.vml`)) n++;
  const part = `xl/drawings/vmlDrawing${n}.vml`;
  await ed.addDefault("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing");
  const rid = await ed.addRel(sheetPart, `${REL}/vmlDrawing`, `../drawings/vmlDrawing${n}.vml`);
  await ed.insertInSheet(sheetPart, `<legacyDrawing r:id="${rid}"/>`, AFTER_LEGACY);
  return { part, created: true };
}

function vmlShape(id: number, objectType: string, row: number, col: number, extra = ""): string {
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;visibility:hidden" fillcolor="#ffffe1">` +
    `<x:ClientData ObjectType="${objectType}"><x:Anchor>${col + 1}, 15, ${row}, 10, ${col + 3}, 15, ${row + 4}, 4</x:Anchor>` +
    `<x:Row>${row}</x:Row><x:Column>${col}</x:Column>${extra}</x:ClientData></v:shape>`
  );
}

function vmlDoc(shapes: string): string {
  return (
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
    `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    shapes +
    `</xml>`
  );
}

/** Adds one feature to `sheet` of the package (workbook-level features ignore the sheet). */
export async function addFeature(ed: PackageEditor, sheet: string, feature: Feature): Promise<void> {
  const sheetPart = await ed.sheetPart(sheet);
  switch (feature) {
    case "macros": {
      // The bytes of a real vbaProject.bin do not matter to a package reader: its presence does.
      ed.put("xl/vbaProject.bin", Buffer.from("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 VBA project", "latin1"));
      await ed.addDefault("bin", "application/vnd.ms-office.vbaProject");
      await ed.addRel("xl/workbook.xml", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin");
      const ct = await ed.text("[Content_Types].xml");
      ed.put(
        "[Content_Types].xml",
        ct.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
      );
      return;
    }
    case "pivotTable": {
      ed.put(
        "xl/pivotCache/pivotCacheDefinition1.xml",
        `${XML_HEAD}<pivotCacheDefinition xmlns="${NS_MAIN}" xmlns:r="${NS_R}" refreshOnLoad="1" recordCount="0">` +
          `<cacheSource type="worksheet"><worksheetSource ref="A2:C18" sheet="${sheet}"/></cacheSource>` +
          `<cacheFields count="1"><cacheField name="Dependencia" numFmtId="0"><sharedItems/></cacheField></cacheFields></pivotCacheDefinition>`,
      );
      await ed.addOverride("xl/pivotCache/pivotCacheDefinition1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml");
      const cacheRid = await ed.addRel("xl/workbook.xml", `${REL}/pivotCacheDefinition`, "pivotCache/pivotCacheDefinition1.xml");
      await ed.insertInWorkbook(`<pivotCaches><pivotCache cacheId="1" r:id="${cacheRid}"/></pivotCaches>`, ["<smartTagPr", "<smartTagTypes", "<webPublishing", "<fileRecoveryPr", "<webPublishObjects", "<extLst"]);
      ed.put(
        "xl/pivotTables/pivotTable1.xml",
        `${XML_HEAD}<pivotTableDefinition xmlns="${NS_MAIN}" name="TablaDinámica1" cacheId="1" dataCaption="Valores">` +
          `<location ref="R3:S8" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>` +
          `<pivotFields count="1"><pivotField axis="axisRow" showAll="0"><items count="1"><item t="default"/></items></pivotField></pivotFields>` +
          `<rowFields count="1"><field x="0"/></rowFields></pivotTableDefinition>`,
      );
      await ed.addOverride("xl/pivotTables/pivotTable1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml");
      await ed.addRel("xl/pivotTables/pivotTable1.xml", `${REL}/pivotCacheDefinition`, "../pivotCache/pivotCacheDefinition1.xml");
      await ed.addRel(sheetPart, `${REL}/pivotTable`, "../pivotTables/pivotTable1.xml");
      return;
    }
    case "chart": {
      let n = 1;
      while (ed.zip.file(`xl/charts/chart${n}.xml`)) n++;
      const chart = `xl/charts/chart${n}.xml`;
      ed.put(
        chart,
        `${XML_HEAD}<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:chart><c:plotArea><c:layout/>` +
          `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/>` +
          `<c:val><c:numRef><c:f>'${sheet}'!$D$3:$D$5</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart>` +
          `<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>` +
          `<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>` +
          `</c:plotArea></c:chart></c:chartSpace>`,
      );
      await ed.addOverride(chart, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
      const drawing = await ed.drawingOf(sheetPart);
      const rid = await ed.addRel(drawing, `${REL}/chart`, `../charts/chart${n}.xml`);
      await ed.addAnchor(
        drawing,
        twoCell(
          [17, 10],
          [24, 25],
          `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${100 + n}" name="Gráfico ${n}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
            `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}">` +
            `<c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame>`,
        ),
      );
      return;
    }
    case "image": {
      let n = 1;
      while (ed.zip.file(`xl/media/image${n}.png`)) n++;
      ed.put(`xl/media/image${n}.png`, PNG_1X1);
      await ed.addDefault("png", "image/png");
      const drawing = await ed.drawingOf(sheetPart);
      const rid = await ed.addRel(drawing, `${REL}/image`, `../media/image${n}.png`);
      await ed.addAnchor(
        drawing,
        twoCell(
          [17, 1],
          [19, 4],
          `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${200 + n}" name="Imagen ${n}" descr="Logo"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
            `<xdr:blipFill><a:blip xmlns:r="${NS_R}" r:embed="${rid}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
            `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="571500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`,
        ),
      );
      return;
    }
    case "shape": {
      const drawing = await ed.drawingOf(sheetPart);
      await ed.addAnchor(
        drawing,
        twoCell(
          [17, 5],
          [21, 8],
          `<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="301" name="CuadroTexto 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>` +
            `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1905000" cy="571500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>` +
            `<xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="es-CO"/><a:t>Nota: revisar con OAP</a:t></a:r></a:p></xdr:txBody></xdr:sp>`,
        ),
      );
      return;
    }
    case "notes": {
      ed.put(
        "xl/comments1.xml",
        `${XML_HEAD}<comments xmlns="${NS_MAIN}"><authors><author>Ana</author></authors><commentList>` +
          `<comment ref="C3" authorId="0"><text><r><t>Verificar la fecha con la dependencia</t></r></text></comment></commentList></comments>`,
      );
      await ed.addOverride("xl/comments1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml");
      await ed.addRel(sheetPart, `${REL}/comments`, "../comments1.xml");
      const vml = await vmlOf(ed, sheetPart);
      ed.put(vml.part, vmlDoc(vmlShape(1025, "Note", 2, 2, "<x:MoveWithCells/><x:SizeWithCells/>")));
      return;
    }
    case "threadedComments": {
      await addFeature(ed, sheet, "notes");
      ed.put(
        "xl/threadedComments/threadedComment1.xml",
        `${XML_HEAD}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${NS_MAIN}">` +
          `<threadedComment ref="C3" dT="2021-05-04T10:00:00.00" personId="{11111111-1111-1111-1111-111111111111}" id="{22222222-2222-2222-2222-222222222222}"><text>Verificar la fecha con la dependencia</text></threadedComment>` +
          `<threadedComment ref="C3" dT="2021-05-05T10:00:00.00" personId="{11111111-1111-1111-1111-111111111111}" id="{33333333-3333-3333-3333-333333333333}" parentId="{22222222-2222-2222-2222-222222222222}"><text>Hecho</text></threadedComment>` +
          `</ThreadedComments>`,
      );
      await ed.addOverride("xl/threadedComments/threadedComment1.xml", "application/vnd.ms-excel.threadedcomments+xml");
      await ed.addRel(sheetPart, "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment", "../threadedComments/threadedComment1.xml");
      ed.put(
        "xl/persons/person.xml",
        `${XML_HEAD}<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${NS_MAIN}">` +
          `<person displayName="Ana" id="{11111111-1111-1111-1111-111111111111}" userId="ana@entidad.gov.co" providerId="None"/></personList>`,
      );
      await ed.addOverride("xl/persons/person.xml", "application/vnd.ms-excel.person+xml");
      await ed.addRel("xl/workbook.xml", "http://schemas.microsoft.com/office/2017/10/relationships/person", "persons/person.xml");
      return;
    }
    case "externalLink": {
      ed.put(
        "xl/externalLinks/externalLink1.xml",
        `${XML_HEAD}<externalLink xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><externalBook r:id="rId1"><sheetNames><sheetName val="Metas"/></sheetNames>` +
          `<sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1" t="n"><v>12</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
      );
      await ed.addRel("xl/externalLinks/externalLink1.xml", `${REL}/externalLinkPath`, "file:///C:/PIPC/metas-2021.xlsx", true);
      await ed.addOverride("xl/externalLinks/externalLink1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml");
      const rid = await ed.addRel("xl/workbook.xml", `${REL}/externalLink`, "externalLinks/externalLink1.xml");
      await ed.insertInWorkbook(`<externalReferences><externalReference r:id="${rid}"/></externalReferences>`, ["<definedNames", "<calcPr", "<oleSize", "<customWorkbookViews", "<pivotCaches", "<extLst"]);
      // What uses it: a formula in R5 (its last value, 12, cached) and a defined name.
      const xml = await ed.text(sheetPart);
      const row5 = /<row\b[^>]*\sr="5"[^>]*>([\s\S]*?)<\/row>/.exec(xml)!;
      ed.put(sheetPart, xml.replace(row5[0], row5[0].replace("</row>", `<c r="R5"><f>[1]Metas!A1</f><v>12</v></c></row>`)));
      const wb = await ed.text("xl/workbook.xml");
      const name = `<definedName name="MetaExterna">[1]Metas!$A$1</definedName>`;
      ed.put("xl/workbook.xml", wb.includes("</definedNames>") ? wb.replace("</definedNames>", `${name}</definedNames>`) : wb.replace("</externalReferences>", `</externalReferences><definedNames>${name}</definedNames>`));
      return;
    }
    case "slicer": {
      ed.put(
        "xl/slicerCaches/slicerCache1.xml",
        `${XML_HEAD}<slicerCacheDefinition xmlns="${NS_X14}" xmlns:x="${NS_MAIN}" name="SegmentaciónDeDatos_Dependencia" sourceName="Dependencia">` +
          `<extLst><x:ext uri="{2F2917AC-EB37-4324-AD4E-5DD8C200BD13}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:tableSlicerCache tableId="1" column="2"/></x:ext></extLst></slicerCacheDefinition>`,
      );
      await ed.addOverride("xl/slicerCaches/slicerCache1.xml", "application/vnd.ms-excel.slicerCache+xml");
      const cacheRid = await ed.addRel("xl/workbook.xml", `${MSREL}/slicerCache`, "slicerCaches/slicerCache1.xml");
      await ed.insertInWorkbook(
        `<extLst><ext uri="{46BE6895-7355-4a93-B00E-2C351335B9C9}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">` +
          `<x15:slicerCaches xmlns:x14="${NS_X14}"><x14:slicerCache r:id="${cacheRid}"/></x15:slicerCaches></ext></extLst>`,
        [],
      );
      ed.put(
        "xl/slicers/slicer1.xml",
        `${XML_HEAD}<slicers xmlns="${NS_X14}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x="${NS_MAIN}">` +
          `<slicer name="Dependencia" cache="SegmentaciónDeDatos_Dependencia" caption="Dependencia" rowHeight="241300"/></slicers>`,
      );
      await ed.addOverride("xl/slicers/slicer1.xml", "application/vnd.ms-excel.slicer+xml");
      const rid = await ed.addRel(sheetPart, `${MSREL}/slicer`, "../slicers/slicer1.xml");
      await ed.addSheetExt(
        sheetPart,
        `<ext uri="{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}" xmlns:x14="${NS_X14}"><x14:slicerList><x14:slicer r:id="${rid}"/></x14:slicerList></ext>`,
      );
      return;
    }
    case "sparklines": {
      await ed.addSheetExt(
        sheetPart,
        `<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="${NS_X14}"><x14:sparklineGroups xmlns:xm="${NS_XM}">` +
          `<x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:sparklines>` +
          `<x14:sparkline><xm:f>'${sheet}'!D3:I3</xm:f><xm:sqref>R3</xm:sqref></x14:sparkline>` +
          `<x14:sparkline><xm:f>'${sheet}'!D4:I4</xm:f><xm:sqref>R4</xm:sqref></x14:sparkline>` +
          `</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext>`,
      );
      return;
    }
    case "formControl": {
      ed.put("xl/ctrlProps/ctrlProp1.xml", `${XML_HEAD}<formControlPr xmlns="${NS_X14}" objectType="CheckBox" checked="Checked" lockText="1"/>`);
      await ed.addOverride("xl/ctrlProps/ctrlProp1.xml", "application/vnd.ms-excel.controlproperties+xml");
      const vml = await vmlOf(ed, sheetPart);
      ed.put(vml.part, vmlDoc(vmlShape(1025, "Checkbox", 3, 17, "<x:Checked>1</x:Checked><x:NoThreeD/>")));
      const rid = await ed.addRel(sheetPart, `${REL}/ctrlProp`, "../ctrlProps/ctrlProp1.xml");
      await ed.insertInSheet(
        sheetPart,
        `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x14">` +
          `<controls><mc:AlternateContent><mc:Choice Requires="x14"><control shapeId="1025" r:id="${rid}" name="Casilla 1">` +
          `<controlPr defaultSize="0" autoFill="0" autoLine="0" autoPict="0"><anchor moveWithCells="1"><from><xdr:col xmlns:xdr="${NS_XDR}">17</xdr:col><xdr:colOff xmlns:xdr="${NS_XDR}">0</xdr:colOff><xdr:row xmlns:xdr="${NS_XDR}">3</xdr:row><xdr:rowOff xmlns:xdr="${NS_XDR}">0</xdr:rowOff></from>` +
          `<to><xdr:col xmlns:xdr="${NS_XDR}">19</xdr:col><xdr:colOff xmlns:xdr="${NS_XDR}">0</xdr:colOff><xdr:row xmlns:xdr="${NS_XDR}">4</xdr:row><xdr:rowOff xmlns:xdr="${NS_XDR}">0</xdr:rowOff></to></anchor></controlPr>` +
          `</control></mc:Choice></mc:AlternateContent></controls></mc:Choice></mc:AlternateContent>`,
        AFTER_CONTROLS,
      );
      return;
    }
    case "activeX": {
      ed.put(
        "xl/activeX/activeX1.xml",
        `${XML_HEAD}<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" xmlns:r="${NS_R}" ax:classid="{8BD21D10-EC42-11CE-9E0D-00AA006002F3}" ax:persistence="persistPropertyBag"/>`,
      );
      await ed.addOverride("xl/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml");
      const rid = await ed.addRel(sheetPart, `${REL}/control`, "../activeX/activeX1.xml");
      await ed.insertInSheet(sheetPart, `<controls><control shapeId="1026" r:id="${rid}" name="ComboBox1"/></controls>`, AFTER_CONTROLS);
      return;
    }
    case "oleObject": {
      ed.put("xl/embeddings/oleObject1.bin", Buffer.from("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 OLE", "latin1"));
      await ed.addOverride("xl/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject");
      const rid = await ed.addRel(sheetPart, `${REL}/oleObject`, "../embeddings/oleObject1.bin");
      await ed.insertInSheet(sheetPart, `<oleObjects><oleObject progId="Word.Document.12" shapeId="1027" r:id="${rid}"/></oleObjects>`, AFTER_OLE);
      return;
    }
    case "chartsheet": {
      let n = 1;
      while (ed.zip.file(`xl/chartsheets/sheet${n}.xml`)) n++;
      const part = `xl/chartsheets/sheet${n}.xml`;
      ed.put(part, `${XML_HEAD}<chartsheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></chartsheet>`);
      await ed.addOverride(part, "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml");
      const rid = await ed.addRel("xl/workbook.xml", `${REL}/chartsheet`, `chartsheets/sheet${n}.xml`);
      const wb = await ed.text("xl/workbook.xml");
      let id = 1;
      for (const m of wb.matchAll(/sheetId="(\d+)"/g)) id = Math.max(id, Number(m[1]) + 1);
      ed.put("xl/workbook.xml", wb.replace("</sheets>", `<sheet name="Gráfico avance" sheetId="${id}" r:id="${rid}"/></sheets>`));
      return;
    }
    case "listValidationExt": {
      // Excel 2010+ stores a validation whose formula uses another sheet in the x14 extension: here a
      // drop-down of the siglas in R3:R18, with a value outside the list in R3 and one inside in R4.
      await ed.addSheetExt(
        sheetPart,
        `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${NS_X14}"><x14:dataValidations count="1" xmlns:xm="${NS_XM}">` +
          `<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="Sigla" error="Elija una sigla de Dependencias"><x14:formula1><xm:f>Dependencias!$B$3:$B$7</xm:f></x14:formula1>` +
          `<xm:sqref>R3:R18</xm:sqref></x14:dataValidation></x14:dataValidations></ext>`,
      );
      const xml = await ed.text(sheetPart);
      const cell = (r: number, v: string) => {
        const row = new RegExp(`<row\\b[^>]*\\sr="${r}"[^>]*>([\\s\\S]*?)<\\/row>`).exec(xml)!;
        return [row[0], row[0].replace("</row>", `<c r="R${r}" t="inlineStr"><is><t>${v}</t></is></c></row>`)] as const;
      };
      let out = xml;
      for (const [from, to] of [cell(3, "XYZ"), cell(4, "OAP")]) out = out.replace(from, to);
      ed.put(sheetPart, out);
      return;
    }
    case "dateValidationExt": {
      // A date validation against a cell of another sheet: ExcelJS would write its formula as a date.
      await ed.addSheetExt(
        sheetPart,
        `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${NS_X14}"><x14:dataValidations count="1" xmlns:xm="${NS_XM}">` +
          `<x14:dataValidation type="date" operator="greaterThanOrEqual" allowBlank="1" showErrorMessage="1"><x14:formula1><xm:f>'Configuración'!$B$3</xm:f></x14:formula1>` +
          `<xm:sqref>S3:S18</xm:sqref></x14:dataValidation></x14:dataValidations></ext>`,
      );
      return;
    }
    case "dataModel": {
      ed.put("xl/model/item.data", Buffer.from("PK-like data model bytes"));
      await ed.addOverride("xl/model/item.data", "application/vnd.openxmlformats-officedocument.model+data");
      await ed.addRel("xl/workbook.xml", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/powerPivotData", "model/item.data");
      return;
    }
    case "timeline": {
      ed.put(
        "xl/timelineCaches/timelineCache1.xml",
        `${XML_HEAD}<timelineCacheDefinition xmlns="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" name="EscalaDeTiempo_Fecha" sourceName="Fecha"><pivotTables/><state minimalRefreshVersion="6" lastRefreshVersion="6" pivotCacheId="1" filterType="unknown"/></timelineCacheDefinition>`,
      );
      await ed.addOverride("xl/timelineCaches/timelineCache1.xml", "application/vnd.ms-excel.timelineCache+xml");
      await ed.addRel("xl/workbook.xml", "http://schemas.microsoft.com/office/2011/relationships/timelineCache", "timelineCaches/timelineCache1.xml");
      ed.put(
        "xl/timelines/timeline1.xml",
        `${XML_HEAD}<timelines xmlns="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><timeline name="Fecha" cache="EscalaDeTiempo_Fecha" caption="Fecha" level="2" selectionLevel="2"/></timelines>`,
      );
      await ed.addOverride("xl/timelines/timeline1.xml", "application/vnd.ms-excel.timeline+xml");
      const rid = await ed.addRel(sheetPart, "http://schemas.microsoft.com/office/2011/relationships/timeline", "../timelines/timeline1.xml");
      await ed.addSheetExt(
        sheetPart,
        `<ext uri="{7E03D99C-DC04-49d9-9315-930204A7B6E9}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineRefs><x15:timelineRef r:id="${rid}"/></x15:timelineRefs></ext>`,
      );
      return;
    }
    case "backgroundImage": {
      let n = 1;
      while (ed.zip.file(`xl/media/image${n}.png`)) n++;
      ed.put(`xl/media/image${n}.png`, PNG_1X1);
      await ed.addDefault("png", "image/png");
      const rid = await ed.addRel(sheetPart, `${REL}/image`, `../media/image${n}.png`);
      await ed.insertInSheet(sheetPart, `<picture r:id="${rid}"/>`, ["<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst"]);
      return;
    }
    case "headerFooterImage": {
      let n = 1;
      while (ed.zip.file(`xl/media/image${n}.png`)) n++;
      ed.put(`xl/media/image${n}.png`, PNG_1X1);
      await ed.addDefault("png", "image/png");
      await ed.addDefault("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing");
      let v = 1;
      while (ed.zip.file(`xl/drawings/vmlDrawing${v}.vml`)) v++;
      const vml = `xl/drawings/vmlDrawing${v}.vml`;
      ed.put(
        vml,
        `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><v:shape id="LH" o:spid="_x0000_s1025" type="#_x0000_t75" style="position:absolute;width:60pt;height:30pt"><v:imagedata o:relid="rId1" o:title="logo"/></v:shape></xml>`,
      );
      await ed.addRel(vml, `${REL}/image`, `../media/image${n}.png`);
      const rid = await ed.addRel(sheetPart, `${REL}/vmlDrawing`, `../drawings/vmlDrawing${v}.vml`);
      const xml = await ed.text(sheetPart);
      const hf = `<headerFooter><oddHeader>&amp;L&amp;G</oddHeader></headerFooter>`;
      ed.put(sheetPart, /<headerFooter[\s\S]*?<\/headerFooter>|<headerFooter\/>/.test(xml) ? xml.replace(/<headerFooter[\s\S]*?<\/headerFooter>|<headerFooter\/>/, hf) : xml);
      if (!/<headerFooter/.test(xml)) await ed.insertInSheet(sheetPart, hf, ["<rowBreaks", "<colBreaks", "<customProperties", "<cellWatches", "<ignoredErrors", "<smartTags", "<drawing", "<legacyDrawing", "<picture", "<oleObjects", "<controls", "<tableParts", "<extLst"]);
      await ed.insertInSheet(sheetPart, `<legacyDrawingHF r:id="${rid}"/>`, ["<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst"]);
      return;
    }
    case "dynamicArray": {
      ed.put(
        "xl/metadata.xml",
        `${XML_HEAD}<metadata xmlns="${NS_MAIN}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>` +
          `<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`,
      );
      await ed.addOverride("xl/metadata.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml");
      await ed.addRel("xl/workbook.xml", `${REL}/sheetMetadata`, "metadata.xml");
      const xml = await ed.text(sheetPart);
      // A spilling formula in a cell to the right of the data: R3 = UNIQUE(B3:B18).
      const row3 = /<row\b[^>]*\sr="3"[^>]*>([\s\S]*?)<\/row>/.exec(xml)!;
      const cell = `<c r="R3" cm="1"><f t="array" ref="R3:R7">_xlfn.UNIQUE(B3:B18)</f><v>OAP</v></c>`;
      ed.put(sheetPart, xml.replace(row3[0], row3[0].replace("</row>", `${cell}</row>`)));
      return;
    }
    case "macrosheet": {
      ed.put(
        "xl/macrosheets/sheet1.xml",
        `${XML_HEAD}<xm:macrosheet xmlns="${NS_MAIN}" xmlns:xm="${NS_XM}"><sheetData><row r="1"><c r="A1"><f>RETURN()</f></c></row></sheetData></xm:macrosheet>`,
      );
      await ed.addOverride("xl/macrosheets/sheet1.xml", "application/vnd.ms-excel.macrosheet+xml");
      const rid = await ed.addRel("xl/workbook.xml", "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet", "macrosheets/sheet1.xml");
      const wb = await ed.text("xl/workbook.xml");
      let id = 1;
      for (const m of wb.matchAll(/sheetId="(\d+)"/g)) id = Math.max(id, Number(m[1]) + 1);
      ed.put("xl/workbook.xml", wb.replace("</sheets>", `<sheet name="Macro1" sheetId="${id}" r:id="${rid}"/></sheets>`));
      return;
    }
    case "customUI": {
      ed.put(
        "customUI/customUI14.xml",
        `<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs><tab id="pipc" label="PIPC"><group id="g" label="Informe"><button id="b" label="Generar" onAction="Generar"/></group></tab></tabs></ribbon></customUI>`,
      );
      // The package's own relationships (of "", not of a part).
      const rels = await ed.text("_rels/.rels");
      ed.put(
        "_rels/.rels",
        rels.replace("</Relationships>", `<Relationship Id="rIdUI" Type="http://schemas.microsoft.com/office/2007/relationships/ui/extensibility" Target="customUI/customUI14.xml"/></Relationships>`),
      );
      return;
    }
    case "richValue": {
      ed.put(
        "xl/richData/rdrichvalue.xml",
        `${XML_HEAD}<rvData xmlns="http://schemas.microsoft.com/office/spreadsheetml/2017/richdata" count="1"><rv s="0"><v>0</v><v>5</v></rv></rvData>`,
      );
      await ed.addOverride("xl/richData/rdrichvalue.xml", "application/vnd.ms-excel.rdrichvalue+xml");
      await ed.addRel("xl/workbook.xml", "http://schemas.microsoft.com/office/2017/06/relationships/rdRichValue", "richData/rdrichvalue.xml");
      const xml = await ed.text(sheetPart);
      // A picture placed in a cell: Excel stores #VALUE! for older readers and the picture as rich value 0.
      const row4 = /<row\b[^>]*\sr="4"[^>]*>([\s\S]*?)<\/row>/.exec(xml)!;
      ed.put(sheetPart, xml.replace(row4[0], row4[0].replace("</row>", `<c r="R4" t="e" vm="1"><v>#VALUE!</v></c></row>`)));
      return;
    }
    case "connections": {
      ed.put(
        "xl/connections.xml",
        `${XML_HEAD}<connections xmlns="${NS_MAIN}"><connection id="1" keepAlive="1" name="Consulta - Metas" type="5" refreshedVersion="6" background="1" saveData="1">` +
          `<dbPr connection="Provider=Microsoft.Mashup.OleDb.1;Data Source=$Workbook$;Location=Metas" command="SELECT * FROM [Metas]"/></connection></connections>`,
      );
      await ed.addOverride("xl/connections.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml");
      await ed.addRel("xl/workbook.xml", `${REL}/connections`, "connections.xml");
      return;
    }
  }
}

/** The package with the features added to `sheet`. */
export async function withFeatures(input: Buffer, sheet: string, features: Feature[]): Promise<Buffer> {
  const ed = await PackageEditor.open(input);
  for (const f of features) await addFeature(ed, sheet, f);
  return ed.toBuffer();
}

/** Part names of a package. */
export async function partNames(buf: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(buf);
  return Object.keys(zip.files).filter((n) => !zip.files[n].dir);
}

// ---------------------------------------------------------------------------------------------
// Zips built byte by byte, for directories that lie

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface RawEntry {
  name: string;
  /** The uncompressed content. */
  data: Buffer;
  /** What the directory says the content inflates to (defaults to the truth). */
  declaredSize?: number;
}

/** A zip of DEFLATE entries written by hand, so a test can make its directory lie. */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const packed = zlib.deflateRawSync(e.data);
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The entries of a package, to rebuild it with rawZip. */
export async function entriesOf(buf: Buffer): Promise<RawEntry[]> {
  const zip = await JSZip.loadAsync(buf);
  const out: RawEntry[] = [];
  for (const f of Object.values(zip.files)) if (!f.dir) out.push({ name: f.name, data: await f.async("nodebuffer") });
  return out;
}
