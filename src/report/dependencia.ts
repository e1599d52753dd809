/**
 * One sheet per dependency (section 3.<n> of the report): its heading, the table `Dependencia_<n>`
 * of the contract with every figure looked up by activity ID, the office's totals and the footnote
 * of the cut.
 */
import type { Cuatrimestre, Dependencia, Plan } from "../domain";
import { COL, actividadesLayout, idLiteral } from "./actividades";
import { bandFormula, bandRules, columnRef, encabezado, posicionPorId, ratio, thisRow } from "./formulas";
import { COLOR, SheetBuilder, STYLE, heightFor } from "./layout";
import type { SheetSpec } from "./spec";
import { textos, type Lang } from "./textos";

/** The contract's table name of the dependency numbered n. */
export function dependenciaTable(numero: number): string {
  return `Dependencia_${numero}`;
}

/** Headers of `Dependencia_<n>`, as the contract names them. */
export const COLUMNAS_DEPENDENCIA = ["ID", "Actividad", "Programado", "Ejecutado", "Cumplimiento vigencia", "Estado"] as const;

/** Column widths (characters) A–F: wide enough that no figure or header is cut off. */
const WIDTHS = [11, 72, 13, 13, 15, 17];

/** Rows of the layout; the table starts at HEADER_ROW. */
export const DEPENDENCIA_HEADER_ROW = 5;

/** Where the totals of a dependency sheet are, for readers and tests. */
export interface DependenciaCells {
  table: string;
  /** Totals row: C programado, D ejecutado, E cumplimiento, F band. */
  totalRow: number;
}

/** Rows of the totals and the footnote for a sheet with `n` activities. */
export function dependenciaCells(numero: number, activities: number): DependenciaCells {
  const rows = Math.max(1, activities);
  return { table: dependenciaTable(numero), totalRow: DEPENDENCIA_HEADER_ROW + rows + 1 };
}

/**
 * The sheet of a dependency for a cut.
 *
 * @example dependenciaSheet(plan, "III", plan.dependencias[0], "3.1 OAP").tables[0].name === "Dependencia_1"
 */
export function dependenciaSheet(plan: Plan, cut: Cuatrimestre, dep: Dependencia, name: string, lang: Lang = "es"): SheetSpec {
  const t = textos(cut, plan.config.plan, plan.config.vigencia, plan.config.entidad, lang);
  const layout = actividadesLayout(plan);
  const act = layout.table;
  const table = dependenciaTable(dep.numero);
  const mine = plan.actividades.filter((a) => a.dependencia === dep.nombre);
  const s = new SheetBuilder(name, `dependencia:${dep.numero}`);
  s.spec.columnWidths = [...WIDTHS];
  s.spec.tabColor = COLOR.azul;
  s.spec.showGridLines = false;

  // Heading: the section number and the office's name, then the report's title for it.
  s.set("A1", `3.${dep.numero}`).set("B1", dep.nombre).merge("B1:F1");
  s.format("A1:F1", { ...STYLE.title, font: { bold: true, size: 14, color: COLOR.blanco }, alignment: { vertical: "middle", horizontal: "left", wrapText: true, indent: 1 } });
  s.height(1, Math.max(26, heightFor(dep.nombre, WIDTHS.slice(1).reduce((a, b) => a + b, 0), 14)));
  s.set("A2", dep.titulo).merge("A2:F2").format("A2:F2", STYLE.subtitle).height(2, 24);
  const contexto = dep.sigla ? `${t.contextoDependencia} · ${dep.sigla}` : t.contextoDependencia;
  s.set("A3", contexto).merge("A3:F3").format("A3:F3", STYLE.note);

  const h = DEPENDENCIA_HEADER_ROW;
  s.row(h, 1, [...COLUMNAS_DEPENDENCIA]);
  s.format(`A${h}:F${h}`, STYLE.tableHeader).height(h, 32);

  // By ID as parsing identifies the row: " A-1 " and the text "7" in Actividades are found too.
  const lookup = (header: string, id: string) =>
    `=INDEX(${columnRef(act, header)},${posicionPorId(thisRow(table, "ID"), columnRef(act, layout.columns.id!.header), id)})`;
  const first = h + 1;
  if (mine.length === 0) {
    // A table needs a data row: an explicit "none" row rather than a lookup of nothing.
    s.row(first, 1, [null, t.sinActividades, 0, 0, "", "Sin programación"]);
  } else {
    mine.forEach((a, i) => {
      const r = first + i;
      s.row(r, 1, [
        idLiteral(a.id),
        { f: lookup(layout.columns.actividad!.header, a.id) },
        { f: lookup(COL.programadoVigencia, a.id) },
        { f: lookup(COL.ejecutadoVigencia, a.id) },
        { f: lookup(COL.cumplimientoVigencia, a.id) },
        { f: lookup(COL.estado, a.id) },
      ]);
      s.height(r, Math.max(18, heightFor(a.actividad, WIDTHS[1])));
    });
  }
  const last = first + Math.max(1, mine.length) - 1;
  s.spec.tables.push({
    name: table,
    range: `A${h}:F${last}`,
    columns: [...COLUMNAS_DEPENDENCIA],
    style: "TableStyleLight1",
    showRowStripes: false,
  });
  s.format(`A${first}:F${last}`, STYLE.grid);
  s.format(`A${first}:A${last}`, STYLE.centered);
  s.format(`B${first}:B${last}`, STYLE.cellText);
  s.format(`C${first}:D${last}`, STYLE.integer);
  s.format(`E${first}:E${last}`, STYLE.percent);
  s.format(`F${first}:F${last}`, STYLE.centered);
  s.spec.conditionalFormats.push({ range: `E${first}:F${last}`, rules: bandRules(`$F${first}`) });

  // The office's totals: a ratio of sums, never an average of the activities' ratios.
  const tr = last + 1;
  s.row(tr, 1, [
    null,
    t.totalDependencia,
    { f: `=SUM(${columnRef(table, "Programado")})` },
    { f: `=SUM(${columnRef(table, "Ejecutado")})` },
    { f: `=${ratio(`C${tr}`, `D${tr}`)}` },
    { f: `=${bandFormula(`C${tr}`, `D${tr}`)}` },
  ]);
  s.format(`A${tr}:F${tr}`, STYLE.total);
  s.format(`B${tr}`, { alignment: { horizontal: "right" } });
  s.format(`C${tr}:D${tr}`, { numberFormat: "0", alignment: { horizontal: "center" } });
  s.format(`E${tr}`, { numberFormat: "0%", alignment: { horizontal: "center" } });
  s.format(`F${tr}`, { alignment: { horizontal: "center" } });
  s.spec.conditionalFormats.push({ range: `E${tr}:F${tr}`, rules: bandRules(`$F${tr}`) });
  s.height(tr, 20);

  s.set(`A${tr + 1}`, t.notaCorte).merge(`A${tr + 1}:F${tr + 1}`).format(`A${tr + 1}:F${tr + 1}`, STYLE.note);

  s.spec.freeze = { rows: h, columns: 0 };
  s.spec.print = {
    orientation: "landscape",
    fitToWidth: 1,
    printTitleRows: `${h}:${h}`,
    area: `A1:F${tr + 1}`,
    paperSize: "letter",
    centerHorizontally: true,
    header: encabezado({ center: plan.config.entidad, right: `3.${dep.numero}` }),
    footer: encabezado({ left: t.piePagina }, { right: t.pagina }),
  };
  return s.finish();
}
