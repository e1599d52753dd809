/**
 * The `Resumen` sheet, laid out like sections 01–03 of the report: title block, objective, headline
 * figures, the table and chart of offices, and the findings an official would otherwise write by hand.
 * Every figure is a live formula; only which activities appear in each finding is decided here.
 */
import {
  cuatrimestreInfo,
  figurasCorte,
  sheetRef,
  type CifraActividad,
  type Cuatrimestre,
  type Plan,
} from "../domain";
import { COL, actividadesLayout, idLiteral } from "./actividades";
import { dependenciaTable } from "./dependencia";
import { NOMBRES, bandFormula, bandRules, cantidad, columnRef, encabezado, percentText, posicionPorId, ratio, str, thisRow } from "./formulas";
import { COLOR, SheetBuilder, STYLE, heightFor } from "./layout";
import type { ReportSheetNames } from "./names";
import { excelSerial, type CellInput, type SheetSpec } from "./spec";
import { textos, type Lang } from "./textos";

/** Excel table of the offices in Resumen. */
export const TABLA_RESUMEN_DEPENDENCIAS = "ResumenDependencias";

const WIDTHS = [10, 62, 14, 14, 15, 18];
const TEXT_WIDTH = WIDTHS.reduce((a, b) => a + b, 0);

/** The Resumen cells that hold the contract's headline figures (targets of the defined names). */
export interface ResumenCells {
  programadoVigencia: string;
  ejecutadoVigencia: string;
  cumplimientoVigencia: string;
  programadoCuatrimestre: string;
  ejecutadoCuatrimestre: string;
  cumplimientoCuatrimestre: string;
  programadoAnual: string;
  avanceAnual: string;
}

export interface ResumenResult {
  sheet: SheetSpec;
  cells: ResumenCells;
}

export interface ResumenOptions {
  generatedAt?: Date;
  lang?: Lang;
}

/** The local calendar date of a moment, as ISO "yyyy-mm-dd" (what the official's clock says). */
function localIso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The Resumen sheet of a cut. */
export function resumenSheet(plan: Plan, cut: Cuatrimestre, names: ReportSheetNames, opts: ResumenOptions = {}): ResumenResult {
  const lang = opts.lang ?? "es";
  const cfg = plan.config;
  const t = textos(cut, cfg.plan, cfg.vigencia, cfg.entidad, lang);
  const layout = actividadesLayout(plan);
  const act = layout.table;
  const figuras = figurasCorte(plan, cut);
  const s = new SheetBuilder(names.resumen, "resumen");
  s.spec.columnWidths = [...WIDTHS];
  s.spec.tabColor = COLOR.azulOscuro;
  s.spec.showGridLines = false;
  const full = (r: number) => `A${r}:F${r}`;
  const band = (r: number) => s.merge(full(r));

  // Title block.
  s.set("A1", t.titulo);
  band(1).format(full(1), STYLE.title).height(1, 34);
  s.set("A2", `${cfg.plan} ${cfg.vigencia}`);
  band(2).format(full(2), STYLE.subtitle).height(2, 22);
  s.set("A3", cfg.entidad);
  band(3).format(full(3), { font: { bold: true, size: 12, color: COLOR.azul }, alignment: { vertical: "middle" } }).height(3, 20);
  s.height(4, 6);
  let r = 5;
  const meta = (label: string, value: CellInput, numberFormat?: string) => {
    s.set(`A${r}`, label).set(`B${r}`, value).merge(`B${r}:F${r}`);
    s.format(`A${r}`, STYLE.label);
    s.format(`B${r}`, { alignment: { horizontal: "left", vertical: "top" }, ...(numberFormat ? { numberFormat } : {}) });
    r++;
  };
  meta(t.etiquetaVigencia, cfg.vigencia, "0");
  meta(t.etiquetaCorte, t.corte);
  if (opts.generatedAt) meta(t.etiquetaGenerado, excelSerial(localIso(opts.generatedAt)), "dd/mm/yyyy");
  r++;

  const section = (text: string) => {
    s.set(`A${r}`, text);
    band(r).format(full(r), STYLE.section).height(r, 22);
    r++;
  };

  // 01 Objective.
  section(t.seccionObjetivo);
  s.set(`A${r}`, t.objetivo);
  band(r).format(full(r), STYLE.text).height(r, heightFor(t.objetivo, TEXT_WIDTH));
  r += 2;

  // 02 Headline figures: sentences first (what the report prints), then the figures they quote.
  section(t.seccionAvance);
  const N = NOMBRES;
  const pct = (name: string, before: string, after: string, none: string) =>
    `IF(ISNUMBER(${name}),${str(before)}&${percentText(name)}&${str(after)},${str(none)})`;
  const headline: string[] = [
    `=${str(t.titular[0])}&${N.programadoVigencia}&${str(t.titular[1])}&${N.ejecutadoVigencia}&${str(t.titular[2])}`,
    `=${str(t.lineaVigencia)}&${pct(N.cumplimientoVigencia, "", "", t.sinProgramado)}`,
    `=${str(t.lineaCuatrimestre[0])}&${N.programadoCuatrimestre}&${str(t.lineaCuatrimestre[1])}&${N.ejecutadoCuatrimestre}` +
      `&${str(t.lineaCuatrimestre[2])}&${pct(N.cumplimientoCuatrimestre, " (", ")", "")}`,
    `=${str(t.lineaAnual[0])}&${N.ejecutadoVigencia}&${str(t.lineaAnual[1])}&${N.programadoAnual}&${str(t.lineaAnual[2])}` +
      `&${pct(N.avanceAnual, " (", ")", "")}`,
  ];
  headline.forEach((f, i) => {
    s.set(`A${r}`, { f });
    band(r);
    if (i === 0) s.format(full(r), { font: { bold: true, size: 15, color: COLOR.azulOscuro }, alignment: { vertical: "middle", wrapText: true } }).height(r, 26);
    else s.format(full(r), { font: { size: 12, color: COLOR.azulOscuro }, alignment: { vertical: "middle", wrapText: true } }).height(r, 19);
    r++;
  });
  r++;

  const idx = cuatrimestreInfo(cut).index;
  const sumOf = (fields: ("programado1" | "programado2" | "programado3")[]) => {
    const parts = fields
      .map((f) => plan.sources.actividades.columns[f])
      .filter((c): c is { header: string; col: number } => c !== undefined)
      // Counts read as parsing reads them: numbers stored as text (which SUM would skip), blanks of
      // spaces as 0 (which "--" would turn into #VALUE!).
      .map((c) => `SUMPRODUCT(${cantidad(columnRef(act, c.header))})`);
    return parts.length === 0 ? "=0" : `=${parts.join("+")}`;
  };
  const sumOfE = (field: "ejecutado1" | "ejecutado2" | "ejecutado3") => {
    const c = plan.sources.actividades.columns[field];
    return c ? `=SUMPRODUCT(${cantidad(columnRef(act, c.header))})` : "=0";
  };
  const progFields = ["programado1", "programado2", "programado3"] as const;
  const ejeFields = ["ejecutado1", "ejecutado2", "ejecutado3"] as const;

  const fh = r;
  s.row(fh, 1, [t.indicador, null, t.programado, t.ejecutado, t.cumplimiento, t.banda]).merge(`A${fh}:B${fh}`);
  s.format(full(fh), STYLE.tableHeader).height(fh, 20);
  const vr = fh + 1;
  const cr = fh + 2;
  const ar = fh + 3;
  s.row(vr, 1, [
    t.filaVigencia,
    null,
    { f: `=SUM(${columnRef(act, COL.programadoVigencia)})` },
    { f: `=SUM(${columnRef(act, COL.ejecutadoVigencia)})` },
    { f: `=${ratio(`C${vr}`, `D${vr}`)}` },
    { f: `=${bandFormula(`C${vr}`, `D${vr}`)}` },
  ]);
  s.row(cr, 1, [
    t.filaCuatrimestre,
    null,
    { f: sumOf([progFields[idx]]) },
    { f: sumOfE(ejeFields[idx]) },
    { f: `=${ratio(`C${cr}`, `D${cr}`)}` },
    { f: `=${bandFormula(`C${cr}`, `D${cr}`)}` },
  ]);
  s.row(ar, 1, [t.filaAnual, null, { f: sumOf([...progFields]) }, { f: `=D${vr}` }, { f: `=${ratio(`C${ar}`, `D${ar}`)}` }, null]);
  for (const row of [vr, cr, ar]) s.merge(`A${row}:B${row}`).height(row, 18);
  s.format(`A${vr}:F${ar}`, STYLE.grid);
  s.format(`A${vr}:B${ar}`, { font: { bold: true, color: COLOR.azulOscuro }, alignment: { vertical: "middle", wrapText: true } });
  s.format(`C${vr}:D${ar}`, STYLE.integer);
  s.format(`E${vr}:E${ar}`, STYLE.percent);
  s.format(`F${vr}:F${ar}`, STYLE.centered);
  s.spec.conditionalFormats.push({ range: `E${vr}:F${cr}`, rules: bandRules(`$F${vr}`) });
  r = ar + 2;

  // 03 Offices: table, totals and chart.
  section(t.seccionDependencias);
  s.set(`A${r}`, t.notaDependencias);
  band(r).format(full(r), STYLE.note);
  r++;
  const th = r;
  const headers = [t.seccion, t.dependencia, t.programado, t.ejecutado, t.cumplimiento, t.banda];
  s.row(th, 1, headers).format(full(th), STYLE.tableHeader).height(th, 20);
  const RD = TABLA_RESUMEN_DEPENDENCIAS;
  const deps = plan.dependencias;
  deps.forEach((d, i) => {
    const row = th + 1 + i;
    const dt = dependenciaTable(d.numero);
    s.row(row, 1, [
      `3.${d.numero}`,
      d.titulo,
      { f: `=SUM(${columnRef(dt, "Programado")})` },
      { f: `=SUM(${columnRef(dt, "Ejecutado")})` },
      { f: `=${ratio(thisRow(RD, t.programado), thisRow(RD, t.ejecutado))}` },
      { f: `=${bandFormula(thisRow(RD, t.programado), thisRow(RD, t.ejecutado))}` },
    ]);
    s.height(row, Math.max(18, heightFor(d.titulo, WIDTHS[1])));
  });
  if (deps.length === 0) s.row(th + 1, 1, [null, t.sinProgramado, 0, 0, "", "Sin programación"]);
  const first = th + 1;
  const last = th + Math.max(1, deps.length);
  s.spec.tables.push({ name: RD, range: `A${th}:F${last}`, columns: headers, style: "TableStyleLight1", showRowStripes: false });
  s.format(`A${first}:F${last}`, STYLE.grid);
  s.format(`A${first}:A${last}`, STYLE.centered);
  s.format(`B${first}:B${last}`, STYLE.cellText);
  s.format(`C${first}:D${last}`, STYLE.integer);
  s.format(`E${first}:E${last}`, STYLE.percent);
  s.format(`F${first}:F${last}`, STYLE.centered);
  s.spec.conditionalFormats.push({ range: `E${first}:F${last}`, rules: bandRules(`$F${first}`) });
  const tot = last + 1;
  s.row(tot, 1, [
    null,
    t.total,
    { f: `=SUM(${columnRef(RD, t.programado)})` },
    { f: `=SUM(${columnRef(RD, t.ejecutado)})` },
    { f: `=${ratio(`C${tot}`, `D${tot}`)}` },
    { f: `=${bandFormula(`C${tot}`, `D${tot}`)}` },
  ]);
  s.format(full(tot), STYLE.total).format(`B${tot}`, { alignment: { horizontal: "right" } });
  s.format(`C${tot}:D${tot}`, { numberFormat: "0", alignment: { horizontal: "center" } });
  s.format(`E${tot}`, { numberFormat: "0%", alignment: { horizontal: "center" } });
  s.format(`F${tot}`, { alignment: { horizontal: "center" } });
  s.spec.conditionalFormats.push({ range: `E${tot}:F${tot}`, rules: bandRules(`$F${tot}`) });
  s.height(tot, 20);

  const chartTop = tot + 2;
  const chartRows = Math.max(16, 6 + deps.length * 3);
  const ref = sheetRef(names.resumen);
  if (deps.length > 0) {
    s.spec.charts.push({
      id: "programado-ejecutado",
      type: "barClustered",
      title: t.tituloGrafico,
      categories: `=${ref}!$B$${first}:$B$${last}`,
      series: [
        { name: t.programado, values: `=${ref}!$C$${first}:$C$${last}`, color: "9DC3E6" },
        { name: t.ejecutado, values: `=${ref}!$D$${first}:$D$${last}`, color: COLOR.azul },
      ],
      from: `A${chartTop}`,
      to: `F${chartTop + chartRows - 1}`,
    });
    r = chartTop + chartRows + 1;
  } else {
    r = tot + 2;
  }

  // Findings: membership decided now, figures live by ID.
  section(t.seccionHallazgos);
  s.set(`A${r}`, t.notaHallazgos);
  band(r).format(full(r), STYLE.note).height(r, heightFor(t.notaHallazgos, TEXT_WIDTH, 9));
  r += 2;
  const u = cfg.umbrales;
  const over = figuras.actividades.filter((a) => a.banda === "Sobreejecutado");
  const below = figuras.actividades.filter((a) => a.cumplimiento !== null && a.cumplimiento < u.medio);
  const unplanned = figuras.actividades.filter((a) => a.banda === "No programado");
  const depLabel = new Map(deps.map((d) => [d.nombre, `3.${d.numero} ${d.sigla ?? d.titulo}`]));
  const idHeader = layout.columns.id!.header;
  const byId = (header: string, row: number, id: string) =>
    `=INDEX(${columnRef(act, header)},${posicionPorId(`$A${row}`, columnRef(act, idHeader), id)})`;
  const finding = (title: CellInput, list: CifraActividad[], none: string) => {
    s.set(`A${r}`, title);
    band(r).format(full(r), STYLE.subsection).height(r, 20);
    r++;
    if (list.length === 0) {
      s.set(`A${r}`, none);
      band(r).format(full(r), { font: { italic: true, color: COLOR.gris }, alignment: { vertical: "top", indent: 1 } });
      r += 2;
      return;
    }
    s.row(r, 1, ["ID", t.actividad, t.programado, t.ejecutado, t.cumplimiento, t.dependencia]).format(full(r), STYLE.tableHeader);
    r++;
    const top = r;
    for (const a of list) {
      s.row(r, 1, [
        idLiteral(a.id),
        { f: byId(layout.columns.actividad!.header, r, a.id) },
        { f: byId(COL.programadoVigencia, r, a.id) },
        { f: byId(COL.ejecutadoVigencia, r, a.id) },
        { f: byId(COL.cumplimientoVigencia, r, a.id) },
        depLabel.get(a.dependencia) ?? a.dependencia,
      ]);
      s.height(r, Math.max(18, heightFor(a.actividad, WIDTHS[1])));
      r++;
    }
    s.format(`A${top}:F${r - 1}`, STYLE.grid);
    s.format(`A${top}:A${r - 1}`, STYLE.centered);
    s.format(`B${top}:B${r - 1}`, STYLE.cellText);
    s.format(`C${top}:D${r - 1}`, STYLE.integer);
    s.format(`E${top}:E${r - 1}`, STYLE.percent);
    s.format(`F${top}:F${r - 1}`, { alignment: { horizontal: "center", vertical: "middle", wrapText: true } });
    r++;
  };
  const threshold = (name: string, [before, after]: [string, string]) => ({ f: `=${str(before)}&${percentText(name)}&${str(after)}` });
  finding(threshold(N.umbralSobreejecucion, t.sobreejecutadas), over, t.ningunaSobreejecutada);
  finding(threshold(N.umbralMedio, t.bajoMedio), below, t.ningunaBajoMedio);
  finding(t.sinProgramacion, unplanned, t.ningunaSinProgramacion);
  const end = r - 2;

  s.spec.print = {
    orientation: "landscape",
    fitToWidth: 1,
    printTitleRows: "1:1",
    area: `A1:F${end}`,
    // The chart and the findings start a page of their own rather than being cut by the page end.
    ...(deps.length > 0 ? { rowBreaks: [chartTop - 1] } : {}),
    paperSize: "letter",
    centerHorizontally: true,
    header: encabezado({ center: cfg.entidad }),
    footer: encabezado({ left: t.piePagina }, { right: t.pagina }),
  };
  return {
    sheet: s.finish(),
    cells: {
      programadoVigencia: `C${vr}`,
      ejecutadoVigencia: `D${vr}`,
      cumplimientoVigencia: `E${vr}`,
      programadoCuatrimestre: `C${cr}`,
      ejecutadoCuatrimestre: `D${cr}`,
      cumplimientoCuatrimestre: `E${cr}`,
      programadoAnual: `C${ar}`,
      avanceAnual: `E${ar}`,
    },
  };
}
