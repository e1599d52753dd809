/**
 * The parts a rendered sheet points at: table parts, and the drawing with its charts.
 */
import { parseAddress } from "../../domain";
import type { ChartSpec, TableSpec } from "../../report/spec";
import { CT_CHART, CT_DRAWING, REL_CHART, REL_DRAWING, chartXml, drawingXml, type ChartAnchor } from "../chart-xml";
import { rangeOf, type Rect } from "../range";
import { xmlAttr } from "./render-text";
import type { RelatedPart } from "./sheet";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
export const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";
const XML_DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** A table column's name as the table part stores it: line breaks and tabs as _xHHHH_ escapes. */
function columnName(name: string): string {
  const escaped = name
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_")
    .replace(/[\t\n\r]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`);
  return xmlAttr(escaped);
}

/** A table part (xl/tables/tableN.xml). */
export function tableXml(t: TableSpec, r: Rect, id: number): string {
  const ref = rangeOf(r);
  const stripes = t.showRowStripes ?? true;
  return (
    XML_DECL +
    `<table xmlns="${NS_MAIN}" id="${id}" name="${xmlAttr(t.name)}" displayName="${xmlAttr(t.name)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${t.columns.length}">` +
    t.columns.map((c, j) => `<tableColumn id="${j + 1}" name="${columnName(c)}"/>`).join("") +
    `</tableColumns>` +
    `<tableStyleInfo name="${xmlAttr(t.style ?? "TableStyleMedium2")}" showFirstColumn="0" showLastColumn="0" showRowStripes="${stripes ? 1 : 0}" showColumnStripes="0"/>` +
    `</table>`
  );
}

export function tablePart(t: TableSpec, r: Rect, id: number, relId: string): RelatedPart {
  return { relId, relType: REL_TABLE, contentType: CT_TABLE, partBase: "xl/tables/table", xml: tableXml(t, r, id) };
}

/** The drawing part holding a sheet's charts, with the chart parts as its children. */
export function drawingPart(charts: ChartSpec[], relId: string): RelatedPart {
  const anchors: ChartAnchor[] = [];
  const children: RelatedPart[] = charts.map((chart, i) => {
    const rid = `rId${i + 1}`;
    const from = parseAddress(chart.from);
    const to = parseAddress(chart.to);
    // Shape ids from 2, as the ExcelJS path numbers them.
    anchors.push({ fromCol: from.col - 1, fromRow: from.row - 1, toCol: to.col, toRow: to.row, rid, shapeId: i + 2, title: chart.title });
    return { relId: rid, relType: REL_CHART, contentType: CT_CHART, partBase: "xl/charts/chart", xml: chartXml(chart) };
  });
  return { relId, relType: REL_DRAWING, contentType: CT_DRAWING, partBase: "xl/drawings/drawing", xml: drawingXml(anchors), children };
}
