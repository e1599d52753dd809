/**
 * DrawingML for the charts of a SheetSpec. ExcelJS writes no charts, so the writer adds these parts
 * to the package itself (see package.ts). Series refer to cells by formula, so a chart follows the
 * live figures; no cached values are written, which Excel and LibreOffice both rebuild on open.
 */
import type { ChartSpec } from "../report/spec";
import { escapeXml } from "./names";

export const NS_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart";
export const NS_DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main";
export const NS_SPREADSHEET_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
export const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
export const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
export const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";

/** Default series colours when a spec gives none (dark blue, orange, grey, gold). */
const PALETTE = ["1F4E78", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];

function ref(formula: string): string {
  return escapeXml(formula.startsWith("=") ? formula.slice(1) : formula);
}

function richText(text: string, size: number, bold: boolean): string {
  const b = bold ? ' b="1"' : ' b="0"';
  return (
    `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"${b}/></a:pPr>` +
    `<a:r><a:rPr lang="es-CO" sz="${size}"${b}/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich>`
  );
}

/** The chart part (xl/charts/chartN.xml) of a bar or column chart. */
export function chartXml(chart: ChartSpec): string {
  const horizontal = chart.type === "barClustered";
  const stacked = chart.type === "columnStacked";
  const catAxId = 500000001;
  const valAxId = 500000002;
  const series = chart.series
    .map((s, i) => {
      const color = s.color ?? PALETTE[i % PALETTE.length];
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr>` +
        `<c:invertIfNegative val="0"/>` +
        `<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
        `<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
        `<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>` +
        `<c:cat><c:strRef><c:f>${ref(chart.categories)}</c:f></c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${ref(s.values)}</c:f></c:numRef></c:val>` +
        `</c:ser>`
      );
    })
    .join("");
  // Horizontal bars list categories bottom-up unless the axis is reversed; reversing it moves the
  // value axis to the top unless it crosses at the maximum.
  const catScaling = horizontal ? "maxMin" : "minMax";
  const valCrosses = horizontal ? "max" : "autoZero";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_CHART}" xmlns:a="${NS_DRAWINGML}" xmlns:r="${NS_REL}">` +
    `<c:date1904 val="0"/><c:lang val="es-CO"/><c:roundedCorners val="0"/>` +
    `<c:chart>` +
    `<c:title><c:tx>${richText(chart.title, 1200, true)}</c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/>` +
    `<c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>` +
    series +
    `<c:gapWidth val="80"/>` +
    (stacked ? `<c:overlap val="100"/>` : "") +
    `<c:axId val="${catAxId}"/><c:axId val="${valAxId}"/></c:barChart>` +
    `<c:catAx><c:axId val="${catAxId}"/><c:scaling><c:orientation val="${catScaling}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${valAxId}"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${valAxId}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "b" : "l"}"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${catAxId}"/><c:crosses val="${valCrosses}"/>` +
    `<c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart>` +
    `</c:chartSpace>`
  );
}

/** One chart's anchor in a drawing part: 0-based from/to cells, covering the `to` cell. */
export interface ChartAnchor {
  fromCol: number;
  fromRow: number;
  /** Exclusive: the anchor ends at the top-left of this 0-based cell. */
  toCol: number;
  toRow: number;
  /** Relationship id of the chart within the drawing's rels. */
  rid: string;
  /** Unique shape id within the drawing. */
  shapeId: number;
  title: string;
}

export function anchorXml(a: ChartAnchor): string {
  return (
    `<xdr:twoCellAnchor editAs="oneCell">` +
    `<xdr:from><xdr:col>${a.fromCol}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.fromRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${a.toCol}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.toRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
    `<xdr:graphicFrame macro="">` +
    `<xdr:nvGraphicFramePr><xdr:cNvPr id="${a.shapeId}" name="Gráfico ${a.shapeId}" descr="${escapeXml(a.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_CHART}">` +
    `<c:chart xmlns:c="${NS_CHART}" xmlns:r="${NS_REL}" r:id="${a.rid}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** A new drawing part holding the given anchors. */
export function drawingXml(anchors: ChartAnchor[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS_SPREADSHEET_DRAWING}" xmlns:a="${NS_DRAWINGML}">` +
    anchors.map(anchorXml).join("") +
    `</xdr:wsDr>`
  );
}
