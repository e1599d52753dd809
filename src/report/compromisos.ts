/**
 * `Seguimiento compromisos` (section 04 of the report): the table `SeguimientoCompromisos` of the
 * contract, one row per month, every figure a live formula over the `Compromisos` table, the month's
 * sentence written by a formula, a chart of the office's commitments by Estado, and the list of the
 * office's commitments not yet `Cumplido` that officials follow up.
 *
 * Why the formulas look the way they do:
 * - Fecha may hold real dates or text dates (`yyyy-mm-dd`, `dd/mm/yyyy`, also with `-` or `.`, as
 *   parsing accepts). Turning text into a date with DATEVALUE or arithmetic depends on the locale
 *   ("04/05/2021" is April in one, May in another), so a text date is recognised by its characters
 *   instead: after TRIM and turning `-` and `.` into `/`, the month May 2021 is a text starting with
 *   "2021/05/" or "2021/5/", or ending with "/05/2021" or "/5/2021". Real dates are compared with
 *   DATE() bounds. The tests are disjoint, so their sum is 1 for a commitment of the month, else 0.
 * - Responsable is matched as the domain does (trim, case, accents): tabs and line breaks as spaces,
 *   LOWER(TRIM()) and SUBSTITUTE of the Spanish accents (`normalizada`), compared with every spelling
 *   of the office (name, sigla, title, and the spellings found in the data) normalised the same way.
 *   A spelling typed after generation that differs only in case, spaces or accents still counts.
 *   Estado is read the same way ("CUMPLÍDO" is Cumplido; a cell of spaces or a tab is blank, so
 *   Por reportar), and the follow-up list finds a commitment by its ID compared as trimmed text.
 * - The official's texts stay within Excel's limits in any length: a spelling or an office's name
 *   longer than a formula's literal may be is kept in a cell right of the printed area and the
 *   formulas refer to it (`TextosFormula`); page headers shorten long texts with "…" (`encabezado`).
 * - Only functions that take arrays natively inside SUMPRODUCT/AGGREGATE (no IF, no IFERROR over
 *   arrays), so the formulas work in Excel with or without dynamic arrays, and in LibreOffice.
 * - Anything the formulas cannot place (a Fecha that is no date of the vigencia, an unknown Estado)
 *   is counted and shown in a warning line and in the month's Nota: never a silently wrong count.
 */
import {
  ACENTOS_FORMULA,
  claveComoFormula,
  clavesACargo,
  compromisosPorMes,
  cuatrimestreInfo,
  etiquetaMes,
  fechaCierreCorte,
  HOJA_COMPROMISOS,
  MESES_ES,
  monthsLabel,
  notaMes,
  oficinaACargo,
  grafiasACargo,
  pendientesACargo,
  resumenMes,
  sheetRef,
  COLORES_BANDA,
  type CampoCompromiso,
  type Compromiso,
  type Cuatrimestre,
  type MesCompromisos,
  type OficinaACargo,
  type Plan,
} from "../domain";
import { columnRef, encabezado, MAX_LITERAL, NOMBRES, posicionPorId, recortado, str, thisRow } from "./formulas";
import { COLOR, heightFor, SheetBuilder, STYLE } from "./layout";
import { excelSerial, type ChartSpec, type ConditionalRuleSpec, type IdFillSpec, type SheetSpec, type Style } from "./spec";

export const TABLA_SEGUIMIENTO = "SeguimientoCompromisos";
export const TABLA_PENDIENTES = "PendientesCompromisos";

/** The contract's columns of `SeguimientoCompromisos`, in order. */
export const COLUMNAS_SEGUIMIENTO = [
  "Mes",
  "Recogidos",
  "No a cargo",
  "A cargo",
  "Cumplido",
  "En avance",
  "Sin iniciar",
  "Por reportar",
  "% Cumplido",
  "Corte",
  "Nota",
] as const;
export type ColumnaSeguimiento = (typeof COLUMNAS_SEGUIMIENTO)[number];

/** The follow-up list's columns, placed so the long texts land on the sheet's wide columns. */
export const COLUMNAS_PENDIENTES = ["ID", "Fecha", "Días al corte", "Estado", "Mesa", "Compromiso"] as const;

/** Column widths A..K, shared by the tracker (A..K) and the follow-up list (F..K). */
const ANCHOS = [19, 11, 11, 10, 11, 11, 11, 12, 13, 24, 70];
const COL_NOTA = 11;
/** The follow-up list starts at column F, beside the chart (A..E). */
const COL_PENDIENTES = 6;
const ULTIMA_COL = COLUMNAS_SEGUIMIENTO.length;

/** Cells of the two tables read from the top, like their wrapped texts. */
const ARRIBA = { horizontal: "center", vertical: "top" } as const;
const ENTERO: Style = { numberFormat: "0", alignment: ARRIBA };
const PORCENTAJE: Style = { numberFormat: "0%", alignment: ARRIBA };
const CENTRO: Style = { alignment: ARRIBA };
const FECHA: Style = { numberFormat: "dd/mm/yyyy", alignment: ARRIBA };

/** Footnotes run across the empty cells to their right: no wrapping. */
const NOTA_AL_PIE: Style = { ...STYLE.note, alignment: { horizontal: "left", vertical: "top" } };

const COLORES_ESTADO = { Cumplido: "548235", "En avance": "FFC000", "Sin iniciar": "C00000", "Por reportar": "A5A5A5" };

/** Where the formulas find the columns of the Compromisos input. */
export interface ColumnasCompromisos {
  tabla: string;
  fecha: string;
  responsable: string;
  /** Null when the input has no Estado column (every commitment is then Por reportar). */
  estado: string | null;
  /** Null when the input has no Fecha de corte column. */
  fechaCorte: string | null;
  /** The ID column: the input's, or the one the writers append to hold generated ids. */
  id: string;
}

/**
 * Structured references to the Compromisos columns, or null when the workbook has no usable
 * Compromisos input. A plain-sheet input is turned into a table with the contract's name before the
 * report is written (as for Actividades), so that is the name the formulas use.
 */
export function columnasCompromisos(plan: Plan): ColumnasCompromisos | null {
  const src = plan.sources.compromisos;
  if (!src) return null;
  const tabla = src.tableName ?? HOJA_COMPROMISOS;
  const ref = (f: CampoCompromiso) => {
    const c = src.columns[f];
    return c ? columnRef(tabla, c.header) : null;
  };
  const fecha = ref("fecha");
  const responsable = ref("responsable");
  if (!fecha || !responsable) return null;
  return {
    tabla,
    fecha,
    responsable,
    estado: ref("estado"),
    fechaCorte: ref("fechaCorte"),
    id: columnRef(tabla, src.columns.id?.header ?? "ID"),
  };
}

/**
 * The blank IDs of Compromisos to fill with the ids parsing generated (C-001...), so the follow-up
 * list's lookups by ID find every row; null when none is blank and the ID column exists.
 */
export function compromisosIdFill(plan: Plan): IdFillSpec | null {
  const src = plan.sources.compromisos;
  if (!src) return null;
  const fills = plan.compromisos.filter((c) => c.idGenerado).map((c) => ({ row: c.fila, id: c.id }));
  if (fills.length === 0 && src.columns.id) return null;
  return { table: src.tableName ?? HOJA_COMPROMISOS, header: src.columns.id?.header ?? "ID", fills };
}

// ---------------------------------------------------------------------------------------------
// Formula pieces (no leading "=")

/** Column M, right of the printed area (A..K): where texts too long for a formula are kept. */
const COL_TEXTOS = 13;

/**
 * The official's texts the tracker's formulas quote (the office in charge, its spellings). A text up
 * to a literal's 255 characters is written in the formula; a longer one (an office named with a
 * paragraph) is written once in a cell of column M, right of the printed area, and formulas refer to
 * that cell: they stay within Excel's limits (255 per literal, 8,192 per formula) whatever the name.
 */
export class TextosFormula {
  /** The cells to write, from row 2 (row 1 holds their label). */
  readonly celdas: { address: string; text: string }[] = [];

  /** A formula operand whose value is `text`. */
  operando(text: string): string {
    if (text.length <= MAX_LITERAL) return str(text);
    let c = this.celdas.find((x) => x.text === text);
    if (!c) {
      c = { address: `${colLetter(COL_TEXTOS)}${this.celdas.length + 2}`, text };
      this.celdas.push(c);
    }
    return c.address.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  }

  /** The text `antes + oficina.deCorto + despues` as a formula operand. */
  frase(antes: string, oficina: OficinaACargo, despues: string): string {
    if (oficina.corto.length <= MAX_LITERAL) return str(`${antes}${oficina.deCorto}${despues}`);
    // deCorto is "de la " / "del " / "de " and the short name.
    const articulo = oficina.deCorto.slice(0, oficina.deCorto.length - oficina.corto.length);
    return `${str(`${antes}${articulo}`)}&${this.operando(oficina.corto)}${despues ? `&${str(despues)}` : ""}`;
  }

  /** Writes the cells (nothing when every text fitted in its formulas). */
  escribir(b: SheetBuilder): void {
    if (this.celdas.length === 0) return;
    b.set(`${colLetter(COL_TEXTOS)}1`, "Textos largos que usan las fórmulas de esta hoja (no los borre ni los cambie):");
    b.format(`${colLetter(COL_TEXTOS)}1`, NOTA_AL_PIE);
    for (const c of this.celdas) b.set(c.address, c.text).format(c.address, { alignment: { vertical: "top" } });
  }
}

const ACENTOS = ACENTOS_FORMULA;

/** What `normalizada()` computes in the sheet, computed here (see claveComoFormula in the domain). */
export const normalizarComoFormula = claveComoFormula;

/**
 * An expression (a column) as parsing compares texts, as far as a formula can: tabs and line breaks
 * as spaces, trimmed, lower-cased and without Spanish accents.
 */
export function normalizada(expr: string): string {
  let t = `LOWER(${recortado(expr)})`;
  for (const [a, b] of ACENTOS) t = `SUBSTITUTE(${t},"${a}","${b}")`;
  return t;
}

/** A date column as text with "/" as the only separator (numbers become their digits). */
function textoFecha(col: string): string {
  return `SUBSTITUTE(SUBSTITUTE(${recortado(col)},"-","/"),".","/")`;
}

/**
 * 1 for the rows of a date column that fall in the month (a real date, or a text date in a format
 * parsing accepts), else 0; an array over the column.
 *
 * @example condicionMes("Compromisos[Fecha]", 2021, 5) // (ISNUMBER(...)*(...>=DATE(2021,5,1))*(...<DATE(2021,6,1))+(LEFT(...,7)="2021/5/")+(RIGHT("/"&...,7)="/5/2021"))
 */
export function condicionMes(fecha: string, anio: number, mes: number): string {
  // Without the leading zeros of day and month ("/0" -> "/"), a month has one spelling in each
  // order: "2021/5/3" and "3/5/2021" (also "03/5/2021"). Two text tests instead of four for months
  // 1-9: this expression runs on every row of Compromisos in every count of the tracker, which is
  // most of the workbook's recalculation.
  const u = `SUBSTITUTE(${textoFecha(fecha)},"/0","/")`;
  const next = mes === 12 ? `DATE(${anio + 1},1,1)` : `DATE(${anio},${mes + 1},1)`;
  const iso = `${anio}/${mes}/`;
  const dmy = `/${mes}/${anio}`;
  const parts = [
    `ISNUMBER(${fecha})*(${fecha}>=DATE(${anio},${mes},1))*(${fecha}<${next})`,
    `(LEFT(${u},${iso.length})="${iso}")`,
    `(RIGHT("/"&${u},${dmy.length})="${dmy}")`,
  ];
  return `(${parts.join("+")})`;
}

/** 1 for the rows of a date column dated in the year (real or text date), else 0. */
export function condicionAnio(fecha: string, anio: number): string {
  const u = textoFecha(fecha);
  return (
    `(ISNUMBER(${fecha})*(${fecha}>=DATE(${anio},1,1))*(${fecha}<DATE(${anio + 1},1,1))` +
    `+(LEFT(${u},5)="${anio}/")+(RIGHT(${u},5)="/${anio}"))`
  );
}

/**
 * The spellings that mean the office in charge, normalised as the formulas normalise Responsable;
 * null when no office is configured (every commitment counts).
 */
export function clavesFormula(plan: Plan): string[] | null {
  const oficina = oficinaACargo(plan);
  if (!oficina) return null;
  const texts = [plan.config.dependenciaCompromisos ?? "", oficina.nombre, oficina.sigla ?? "", oficina.titulo, ...grafiasACargo(plan)];
  const out: string[] = [];
  for (const t of texts) {
    const k = normalizarComoFormula(t);
    if (k && !out.includes(k)) out.push(k);
  }
  return out;
}

/**
 * 1 for the rows whose Responsable is the office in charge. With several spellings the comparison
 * with a row of constants gives a rows × spellings matrix with at most one 1 per row (the spellings
 * are distinct), which SUMPRODUCT adds up. An array constant cannot hold a spelling longer than a
 * literal may be (255 characters): then each spelling is compared on its own (a long one through
 * its cell, see `TextosFormula`) and the results added.
 */
export function condicionACargo(responsable: string, claves: string[], textos: TextosFormula = new TextosFormula()): string {
  const n = normalizada(responsable);
  if (claves.length === 1) return `(${n}=${textos.operando(claves[0])})`;
  if (claves.every((k) => k.length <= MAX_LITERAL)) return `(${n}={${claves.map(str).join(",")}})`;
  return `(${claves.map((k) => `(${n}=${textos.operando(k)})`).join("+")})`;
}

/**
 * 1 for the rows whose Estado is the given one, read as parsing reads it: case, accents, spaces,
 * tabs aside ("CUMPLÍDO" is Cumplido); blank, also of spaces only, counts as Por reportar.
 */
export function condicionEstado(estado: string, e: string): string {
  const n = normalizada(estado);
  const k = str(normalizarComoFormula(e));
  return e === "Por reportar" ? `((${n}=${k})+(${n}=""))` : `(${n}=${k})`;
}

/**
 * The latest date of a date column among the rows where `cond` > 0, real or text dates, 0 when none.
 * AGGREGATE(14,6,...) takes the largest value ignoring errors, so rows outside the month (divided by
 * 0) and values of another shape (a failed DATE) drop out without IF over arrays.
 */
export function ultimaFecha(col: string, cond: string): string {
  const v = textoFecha(col);
  const en = `(${cond}>0)`;
  const sep2 = `FIND("/",${v},6)`;
  const s1 = `FIND("/",${v})`;
  const s2 = `FIND("/",${v},${s1}+1)`;
  // ISNUMBER guards the real dates: INT() of a text would convert it with the locale's date order.
  const real = `AGGREGATE(14,6,INT(${col})/(${en}*ISNUMBER(${col})),1)`;
  // ISO when the first "/" follows the year ("2021/5/3"), day first otherwise ("10/1/2021", whose
  // fifth character is a "/" too); the ISO day may be followed by a time ("3T10:00", "3 10:00").
  const iso = `AGGREGATE(14,6,DATE(LEFT(${v},4),MID(${v},6,${sep2}-6),TRIM(SUBSTITUTE(MID(${v},${sep2}+1,2),"T"," ")))/(${en}*(${s1}=5)),1)`;
  const dmy = `AGGREGATE(14,6,DATE(RIGHT(${v},4),MID(${v},${s1}+1,${s2}-${s1}-1),LEFT(${v},${s1}-1))/(${en}*(${s1}<5)),1)`;
  return `MAX(IFERROR(${real},0),IFERROR(${iso},0),IFERROR(${dmy},0))`;
}

/** "23 de julio de 2021" of a date cell, without TEXT() (its format codes depend on the locale). */
export function fechaLargaFormula(cell: string): string {
  const meses = MESES_ES.map((m) => `"${m}"`).join(",");
  return `DAY(${cell})&" de "&CHOOSE(MONTH(${cell}),${meses})&" de "&YEAR(${cell})`;
}

/** References to the cells of a tracker row, by column. */
type Fila = Record<ColumnaSeguimiento, string>;

function filaRefs(): Fila {
  const out = {} as Fila;
  for (const c of COLUMNAS_SEGUIMIENTO) out[c] = thisRow(TABLA_SEGUIMIENTO, c);
  return out;
}

/**
 * The Nota formula of a month: the sentence of `notaMes()` (domain), chosen live from the row's
 * counts, plus a warning when some of the office's commitments have an Estado the counts skip.
 */
export function notaFormula(anio: number, mes: number, oficina: OficinaACargo | null, textos: TextosFormula = new TextosFormula()): string {
  const f = filaRefs();
  const r = f.Recogidos;
  const a = f["A cargo"];
  const n = f["No a cargo"];
  const p = f["Por reportar"];
  const inicio = `Durante el mes de ${etiquetaMes(anio, mes)}, de las sesiones de las Mesas de Participación`;
  const recogidos = `${str(`${inicio} `)}&IF(${r}=1,"se recogió 1 compromiso","se recogieron "&${r}&" compromisos")`;
  const pendiente = str(". El estado de avance de los compromisos se tendrá en el próximo informe.");
  let reparto: string;
  if (!oficina) reparto = `"."`;
  else {
    const dc = (antes: string, despues: string) => textos.frase(antes, oficina, despues);
    reparto =
      `IF(${a}=0,IF(${r}=1,${dc(", que no está a cargo ", ".")},${dc(", ninguno está a cargo ", ".")}),` +
      `IF(${n}=0,IF(${r}=1,${dc(", que está a cargo ", ".")},${dc(", todos a cargo ", ".")}),` +
      `" de los cuales "&${n}&IF(${n}=1,${dc(" no está a cargo ", "")},${dc(" no están a cargo ", "")})` +
      `&" y "&${a}&IF(${a}=1,${dc(" está a cargo ", ".")},${dc(" están a cargo ", ".")})))`;
  }
  const u = `(${a}-${f.Cumplido}-${f["En avance"]}-${f["Sin iniciar"]}-${p})`;
  const aviso =
    `IF(${u}>0," Atención: "&${u}&IF(${u}=1," compromiso a cargo tiene un Estado no reconocido en ${HOJA_COMPROMISOS}",` +
    `" compromisos a cargo tienen un Estado no reconocido en ${HOJA_COMPROMISOS}")&": no se cuenta en ningún estado.","")`;
  return (
    `=IF(${r}=0,${str(`${inicio} no se recogieron compromisos.`)},` +
    `${recogidos}&IF(AND(${a}>0,${p}=${a}),${pendiente},${reparto})&${aviso})`
  );
}

/** The formulas of one tracker row, by column (Mes is text). */
export function filaFormulas(
  cols: ColumnasCompromisos,
  claves: string[] | null,
  anio: number,
  mes: number,
  oficina: OficinaACargo | null,
  textos: TextosFormula = new TextosFormula(),
): Record<Exclude<ColumnaSeguimiento, "Mes">, string> {
  const f = filaRefs();
  const m = condicionMes(cols.fecha, anio, mes);
  const k = claves ? `*${condicionACargo(cols.responsable, claves, textos)}` : "";
  const estado = (e: string) => (cols.estado ? `=SUMPRODUCT(${m}${k}*${condicionEstado(cols.estado, e)})` : "=0");
  return {
    Recogidos: `=SUMPRODUCT(${m})`,
    "No a cargo": `=${f.Recogidos}-${f["A cargo"]}`,
    "A cargo": claves ? `=SUMPRODUCT(${m}${k})` : `=${f.Recogidos}`,
    Cumplido: estado("Cumplido"),
    "En avance": estado("En avance"),
    "Sin iniciar": estado("Sin iniciar"),
    // Without an Estado column every commitment is Por reportar, as parsing reads it.
    "Por reportar": cols.estado ? estado("Por reportar") : `=${f["A cargo"]}`,
    // Blank, not 0 %, while the progress of the month is not yet known (all Por reportar).
    "% Cumplido": `=IF(OR(${f["A cargo"]}=0,${f["Por reportar"]}=${f["A cargo"]}),"",${f.Cumplido}/${f["A cargo"]})`,
    // Blank when no commitment of the month has one (ultimaFecha gives 0). The long expression is
    // written once, not in IF(x>0,x,""), to stay well under Excel's 8,192 characters a formula:
    // 1/(1/0) fails, and ROUND undoes 1/(1/x)'s rounding error for a date (a whole number).
    Corte: cols.fechaCorte ? `=IFERROR(ROUND(1/(1/${ultimaFecha(cols.fechaCorte, m)}),0),"")` : `=""`,
    Nota: notaFormula(anio, mes, oficina, textos),
  };
}

// ---------------------------------------------------------------------------------------------
// The sheet

/** The months the tracker shows: the domain's, or (when no commitment falls in the span) the cut's own. */
export function mesesSeguimiento(plan: Plan, cut: Cuatrimestre): { meses: MesCompromisos[]; vacio: boolean } {
  const meses = compromisosPorMes(plan, cut);
  if (meses.length > 0) return { meses, vacio: false };
  // An Excel table needs a data row, and live rows let a commitment typed later show up without
  // generating again: the months of the cut itself, all at zero, say "nothing in this period".
  const info = cuatrimestreInfo(cut);
  const claves = clavesACargo(plan);
  const out: MesCompromisos[] = [];
  for (let m = info.firstMonth; m <= info.lastMonth; m++) out.push(resumenMes(plan.config.vigencia, m, [], claves));
  return { meses: out, vacio: true };
}

const ORDINAL: Record<Cuatrimestre, string> = { I: "primer", II: "segundo", III: "tercer" };

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The commitments tracker of a cut: section 04 of the report as a live sheet.
 *
 * @param name the sheet's final name (see reportSheetNames)
 * @example seguimientoCompromisosSheet(plan2021, "III", "Seguimiento compromisos").tables[0].name === "SeguimientoCompromisos"
 */
export function seguimientoCompromisosSheet(plan: Plan, cut: Cuatrimestre, name: string): SheetSpec {
  const b = new SheetBuilder(name, "compromisos", "generated");
  const spec = b.spec;
  spec.tabColor = COLOR.azul;
  spec.columnWidths = [...ANCHOS];
  spec.showGridLines = false;

  const anio = plan.config.vigencia;
  const oficina = oficinaACargo(plan);
  const cols = columnasCompromisos(plan);
  const claves = clavesFormula(plan);
  const { meses, vacio } = mesesSeguimiento(plan, cut);
  const info = cuatrimestreInfo(cut);
  const primero = meses[0];
  const ultimo = meses[meses.length - 1];
  const hasta = etiquetaMes(anio, ultimo.numeroMes);
  const desdeCorto = MESES_ES[primero.numeroMes - 1];
  const sheet = sheetRef(name);
  const full = (r: number) => SheetBuilder.range(r, 1, r, ULTIMA_COL);
  const corto = oficina ? oficina.deCorto : "";
  const textos = new TextosFormula();

  // Title block.
  let row = 1;
  b.set("A1", "Seguimiento a compromisos").merge(full(1)).format(full(1), STYLE.title).height(1, 30);
  b.set("A2", `${plan.config.plan} ${anio}`).merge(full(2)).format(full(2), STYLE.subtitle).height(2, 22);
  row = 3;
  if (plan.config.entidad.trim()) {
    b.set(`A${row}`, plan.config.entidad.trim()).merge(full(row)).format(full(row), STYLE.label);
    row++;
  }
  b.set(
    `A${row}`,
    `Corte: ${ORDINAL[cut]} cuatrimestre de ${anio} (${monthsLabel(cut)}). Compromisos de ${desdeCorto} a ${hasta}.`,
  )
    .merge(full(row))
    .format(full(row), STYLE.text);
  row += 2;

  b.set(`A${row}`, "Compromisos Plan Institucional de Participación Ciudadana").merge(full(row)).format(full(row), STYLE.section).height(row, 20);
  row++;
  const intro = introduccion(plan, cut, oficina);
  b.set(`A${row}`, intro).merge(full(row)).format(full(row), STYLE.text).height(row, heightFor(intro, sumWidths(1, ULTIMA_COL)));
  row++;
  const avisos: string[] = [];
  if (!oficina) {
    avisos.push(
      "Atención: la hoja Configuración no indica la «Dependencia a cargo de compromisos», así que todos los compromisos se cuentan como a cargo. Escriba allí el nombre o la sigla de la dependencia que responde por ellos y genere el informe de nuevo.",
    );
  }
  if (!cols) {
    avisos.push(
      `El libro no tiene una hoja «${HOJA_COMPROMISOS}» con las columnas Fecha, Compromiso y Responsable: no hay compromisos que seguir. Agréguela (una fila por compromiso) y genere el informe de nuevo.`,
    );
  } else if (vacio) {
    avisos.push(
      `Entre ${MESES_ES[info.firstMonth - 1]} y ${etiquetaMes(anio, info.lastMonth)} no se registraron compromisos. La tabla muestra los meses del cuatrimestre: un compromiso que se registre en ${HOJA_COMPROMISOS} con fecha de esos meses aparece sin generar el informe de nuevo.`,
    );
  }
  for (const aviso of avisos) {
    b.set(`A${row}`, aviso).merge(full(row)).height(row, heightFor(aviso, sumWidths(1, ULTIMA_COL)));
    b.format(full(row), { ...STYLE.text, fill: COLORES_BANDA.Medio.fill, font: { color: COLORES_BANDA.Medio.font } });
    row++;
  }

  // Live checks: what the table counts against what Compromisos holds.
  const header = row + (cols ? 3 : 1);
  const first = header + 1;
  const last = header + meses.length;
  const colRange = (c: ColumnaSeguimiento) => {
    const i = COLUMNAS_SEGUIMIENTO.indexOf(c) + 1;
    return `$${colLetter(i)}$${first}:$${colLetter(i)}$${last}`;
  };
  if (cols) {
    const enAnio = `SUMPRODUCT(${condicionAnio(cols.fecha, anio)})`;
    const conFecha = `SUMPRODUCT((${recortado(cols.fecha)}<>"")*1)`;
    const contados = `SUM(${colRange("Recogidos")})`;
    const fuera = `(${enAnio}-${contados})`;
    const antes = primero.numeroMes > 1 ? ` o anterior a ${desdeCorto}` : "";
    b.set(`A${row}`, {
      f:
        `=${str(`Compromisos con fecha de ${anio} en la tabla ${HOJA_COMPROMISOS}: `)}&${enAnio}&` +
        `${str(`. Contados en esta tabla (${desdeCorto} a ${hasta}): `)}&${contados}&"."` +
        `&IF(${fuera}>0,IF(${fuera}=1," El restante tiene"," Los "&${fuera}&" restantes tienen")&${str(` fecha posterior al corte${antes}.`)},"")`,
    });
    b.merge(full(row)).format(full(row), STYLE.note);
    row++;
    const malas = `(${conFecha}-${enAnio})`;
    const sinEstado =
      `(SUM(${colRange("A cargo")})-SUM(${colRange("Cumplido")})-SUM(${colRange("En avance")})` +
      `-SUM(${colRange("Sin iniciar")})-SUM(${colRange("Por reportar")}))`;
    const quien = (antes: string, despues: string) => (oficina ? textos.frase(`${antes} a cargo `, oficina, despues) : str(`${antes}${despues}`));
    b.set(`A${row}`, {
      f:
        `=IF(${malas}=0,"","Atención: "&${malas}&IF(${malas}=1," fila de ${HOJA_COMPROMISOS} tiene"," filas de ${HOJA_COMPROMISOS} tienen")` +
        `&${str(` en «Fecha» un valor que no es una fecha de ${anio} (escriba dd/mm/aaaa, aaaa-mm-dd o una fecha de Excel): `)}` +
        `&IF(${malas}=1,"no se cuenta. ","no se cuentan. "))` +
        `&IF(${sinEstado}=0,"","Atención: "&${sinEstado}&IF(${sinEstado}=1,${quien(" compromiso", " tiene")},${quien(" compromisos", " tienen")})` +
        `&" un «Estado» distinto de Cumplido, En avance, Sin iniciar o Por reportar: "&IF(${sinEstado}=1,"no se cuenta","no se cuentan")&" en ningún estado.")`,
    });
    b.merge(full(row)).format(full(row), { ...STYLE.text, font: { bold: true, color: COLORES_BANDA.Bajo.font } });
    spec.conditionalFormats.push({
      range: full(row),
      rules: [{ formula: `=LEN($A$${row})>0`, style: { fill: COLORES_BANDA.Bajo.fill, fontColor: COLORES_BANDA.Bajo.font } }],
    });
    row += 2;
  } else {
    row++;
  }

  // The table.
  b.row(header, 1, [...COLUMNAS_SEGUIMIENTO]);
  b.format(SheetBuilder.range(header, 1, header, ULTIMA_COL), STYLE.tableHeader).height(header, 30);
  meses.forEach((m, i) => {
    const r = first + i;
    const label = etiquetaMes(anio, m.numeroMes);
    if (cols) {
      const f = filaFormulas(cols, claves, anio, m.numeroMes, oficina, textos);
      b.row(r, 1, [label, ...COLUMNAS_SEGUIMIENTO.slice(1).map((c) => ({ f: f[c as Exclude<ColumnaSeguimiento, "Mes">] }))]);
    } else {
      const nota = notaMes(m, oficina);
      b.row(r, 1, [label, 0, 0, 0, 0, 0, 0, 0, "", "", nota]);
    }
    b.height(r, Math.max(18, heightFor(notaMes(m, oficina), ANCHOS[COL_NOTA - 1])));
  });
  spec.tables.push({
    name: TABLA_SEGUIMIENTO,
    range: SheetBuilder.range(header, 1, last, ULTIMA_COL),
    columns: [...COLUMNAS_SEGUIMIENTO],
    style: "TableStyleLight1",
    showRowStripes: false,
  });
  const body = (c1: number, c2: number) => SheetBuilder.range(first, c1, last, c2);
  b.format(body(1, ULTIMA_COL), { ...STYLE.grid, alignment: { vertical: "top" } });
  b.format(body(1, 1), { font: { bold: true, color: COLOR.azulOscuro }, alignment: { vertical: "top", horizontal: "left" } });
  b.format(body(2, 8), ENTERO);
  b.format(body(9, 9), PORCENTAJE);
  b.format(body(10, 10), FECHA);
  b.format(body(COL_NOTA, COL_NOTA), STYLE.text);
  b.format(body(4, 4), { font: { bold: true } });
  spec.conditionalFormats.push({ range: body(9, 9), rules: reglasBanda(`I${first}`) });

  // Footnotes: the sigla, then each month's cut, live from the Corte column.
  row = last + 2;
  if (oficina && oficina.sigla) {
    b.set(`A${row}`, `*${oficina.sigla}: ${oficina.titulo}.`).format(`A${row}`, NOTA_AL_PIE);
    row++;
  }
  meses.forEach((m, i) => {
    const r = first + i;
    const corte = `$J$${r}`;
    const label = etiquetaMes(anio, m.numeroMes);
    b.set(`A${row}`, {
      f: `=IF(${corte}="",IF(N($B$${r})=0,"",${str(`* ${capital(label)}: sin fecha de corte.`)}),${str(`* Corte de ${label}: `)}&${fechaLargaFormula(corte)}&".")`,
    });
    b.format(`A${row}`, NOTA_AL_PIE);
    row++;
  });
  const explica =
    "Corte: la «Fecha de corte» más reciente de los compromisos del mes. % Cumplido = Cumplido / A cargo. " +
    `Los estados cuentan solo los compromisos a cargo${oficina ? ` ${corto}` : ""}; una celda de Estado vacía cuenta como Por reportar.`;
  b.set(`A${row}`, explica).merge(full(row)).format(full(row), STYLE.note).height(row, heightFor(explica, sumWidths(1, ULTIMA_COL), 9));
  row += 2;

  // Chart (A..E) beside the follow-up list (F..K), on a page of their own so the chart is never cut.
  // Not while nothing has been registered: a chart of zeros and an empty list say nothing more.
  const quienTitulo = oficina ? ` a cargo ${corto}` : "";
  const saltos: number[] = [];
  if (cols && !vacio) {
    saltos.push(row - 1);
    b.set(`A${row}`, `Avance de los compromisos${quienTitulo}`).merge(SheetBuilder.range(row, 1, row, COL_PENDIENTES - 1));
    b.format(SheetBuilder.range(row, 1, row, COL_PENDIENTES - 1), STYLE.subsection);
    b.set(`${colLetter(COL_PENDIENTES)}${row}`, `Compromisos${quienTitulo} por cumplir`).merge(SheetBuilder.range(row, COL_PENDIENTES, row, ULTIMA_COL));
    b.format(SheetBuilder.range(row, COL_PENDIENTES, row, ULTIMA_COL), STYLE.subsection);
    b.height(row, 20);
    row++;
    const top = row;
    const pendientes = pendientesACargo(plan, cut);
    const cierre = fechaCierreCorte(anio, cut);
    const [cy, cm, cd] = cierre.split("-").map(Number);
    const nota =
      pendientes.length > 0
        ? `Del más antiguo al más reciente. Días al corte: días desde la sesión hasta el ${cd} de ${MESES_ES[cm - 1]} de ${cy}, cierre del cuatrimestre. ` +
          `El Estado se lee de ${HOJA_COMPROMISOS} por ID: cuando se actualice a Cumplido, la fila se marca en verde.`
        : `No hay compromisos${quienTitulo} por cumplir hasta el ${cd} de ${MESES_ES[cm - 1]} de ${cy}: todos están cumplidos.`;
    const notaRange = SheetBuilder.range(row, COL_PENDIENTES, row, ULTIMA_COL);
    b.set(`${colLetter(COL_PENDIENTES)}${row}`, nota).merge(notaRange).format(notaRange, STYLE.note);
    b.height(row, heightFor(nota, sumWidths(COL_PENDIENTES, ULTIMA_COL), 9));
    row++;
    let bottom = row;
    if (pendientes.length > 0) bottom = listaPendientes(b, row, pendientes, cols, cierre);
    spec.charts.push(grafica(sheet, first, last, top, spec.rowHeights ?? {}, quienTitulo));
    row = Math.max(bottom, filaFinGrafica(top, spec.rowHeights ?? {})) + 1;
  }

  textos.escribir(b);
  const printLast = row;
  spec.print = {
    orientation: "landscape",
    fitToWidth: 1,
    printTitleRows: "1:2",
    area: `A1:${colLetter(ULTIMA_COL)}${printLast}`,
    paperSize: "letter",
    centerHorizontally: true,
    ...(saltos.length > 0 ? { rowBreaks: saltos } : {}),
    header: encabezado({ left: plan.config.entidad, right: `Seguimiento a compromisos · corte ${cut} ${anio}` }),
    footer: encabezado({ left: `${plan.config.plan} ${anio}` }, { right: "Página &P de &N" }),
  };
  return b.finish();
}

/** The intro sentence, after the seed's "Los compromisos que se han adquirido...". */
function introduccion(plan: Plan, cut: Cuatrimestre, oficina: OficinaACargo | null): string {
  const entidad = plan.config.entidad.trim();
  const base =
    `Los compromisos que se han adquirido con la ciudadanía en la ejecución del ${plan.config.plan} ${plan.config.vigencia}` +
    `${entidad ? ` de ${conArticulo(entidad)}` : ""}, hasta el ${ORDINAL[cut]} cuatrimestre, se han presentado en las sesiones de las Mesas de Participación.`;
  // Without an office, the note below the intro says that every commitment counts as a cargo.
  if (!oficina) return base;
  const quien = oficina.sigla ? `${oficina.nombreConArticulo} (${oficina.sigla})` : oficina.nombreConArticulo;
  return (
    `${base} Se cuentan como a cargo los compromisos cuyo Responsable es ${quien}, por su nombre o por su sigla; ` +
    "el avance por estado se informa para ellos."
  );
}

/** "la Secretaría General..." for an entity whose first word tells its article; else the name alone. */
function conArticulo(nombre: string): string {
  const first = nombre.split(/\s+/)[0]?.toLowerCase() ?? "";
  if (/^(secretar[ií]a|alcald[ií]a|oficina|gobernaci[oó]n|superintendencia|agencia|unidad|empresa|contralor[ií]a|personer[ií]a|veedur[ií]a|corporaci[oó]n|universidad|caja)$/.test(first)) return `la ${nombre}`;
  if (/^(instituto|departamento|ministerio|fondo|concejo|consejo|centro)$/.test(first)) return `el ${nombre}`;
  return nombre;
}

/** Band colours on % Cumplido, thresholds from the workbook's names (blank cells stay plain). */
function reglasBanda(cell: string): ConditionalRuleSpec[] {
  const rule = (cond: string, band: keyof typeof COLORES_BANDA): ConditionalRuleSpec => ({
    formula: `=AND(ISNUMBER(${cell}),${cond})`,
    style: { fill: COLORES_BANDA[band].fill, fontColor: COLORES_BANDA[band].font },
    stopIfTrue: true,
  });
  return [
    rule(`${cell}<${NOMBRES.umbralBajo}`, "Bajo"),
    rule(`${cell}<${NOMBRES.umbralMedio}`, "Medio"),
    rule(`${cell}>${NOMBRES.umbralSobreejecucion}`, "Sobreejecutado"),
    rule("TRUE", "Satisfactorio"),
  ];
}

/** Writes the follow-up table from `row`; returns its last row. */
function listaPendientes(b: SheetBuilder, row: number, pendientes: Compromiso[], cols: ColumnasCompromisos, cierre: string): number {
  const c0 = COL_PENDIENTES;
  const cEnd = c0 + COLUMNAS_PENDIENTES.length - 1;
  b.row(row, c0, [...COLUMNAS_PENDIENTES]);
  b.format(SheetBuilder.range(row, c0, row, cEnd), STYLE.tableHeader).height(row, 30);
  const first = row + 1;
  const ref = (c: (typeof COLUMNAS_PENDIENTES)[number]) => thisRow(TABLA_PENDIENTES, c);
  const [y, m, d] = cierre.split("-").map(Number);
  // The Estado in its contract spelling, read as the counts read it ("CUMPLÍDO" shows Cumplido and
  // marks the row; blank shows Por reportar); anything else as typed, so the official sees the slip.
  const estados = ["Cumplido", "En avance", "Sin iniciar", "Por reportar"];
  const estadoPorId = (id: string) => {
    if (!cols.estado) return `="Por reportar"`;
    const leido = `INDEX(${cols.estado},${posicionPorId(ref("ID"), cols.id, id)})&""`;
    const canonico =
      `INDEX({${["Por reportar", ...estados].map(str).join(",")}},` +
      `MATCH(${normalizada(leido)}&"|",{${["", ...estados].map((e) => str(`${normalizarComoFormula(e)}|`)).join(",")}},0))`;
    return `=IFERROR(IFERROR(${canonico},TRIM(${leido})),"ID no encontrado")`;
  };
  pendientes.forEach((c, i) => {
    const r = first + i;
    const estado = estadoPorId(c.id);
    b.row(r, c0, [c.id, excelSerial(c.fecha), { f: `=DATE(${y},${m},${d})-${ref("Fecha")}` }, { f: estado }, c.mesa, c.compromiso]);
    b.height(r, Math.max(heightFor(c.compromiso, ANCHOS[cEnd - 1]), heightFor(c.mesa, ANCHOS[cEnd - 2]), 18));
  });
  const last = first + pendientes.length - 1;
  const body = (a: number, z: number) => SheetBuilder.range(first, a, last, z);
  b.format(body(c0, cEnd), { ...STYLE.grid, alignment: { vertical: "top", wrapText: true } });
  b.format(body(c0, c0), CENTRO);
  b.format(body(c0 + 1, c0 + 1), FECHA);
  b.format(body(c0 + 2, c0 + 2), ENTERO);
  b.format(body(c0 + 3, c0 + 3), CENTRO);
  b.spec.tables.push({
    name: TABLA_PENDIENTES,
    range: SheetBuilder.range(row, c0, last, cEnd),
    columns: [...COLUMNAS_PENDIENTES],
    style: "TableStyleLight1",
    showRowStripes: false,
  });
  const estadoCol = colLetter(c0 + 3);
  b.spec.conditionalFormats.push({
    range: body(c0, cEnd),
    rules: [
      {
        formula: `=TRIM($${estadoCol}${first})="Cumplido"`,
        style: { fill: COLORES_BANDA.Satisfactorio.fill, fontColor: COLORES_BANDA.Satisfactorio.font },
        stopIfTrue: true,
      },
    ],
  });
  return last;
}

/** About 300 points of rows from `top`: the chart's height whatever the rows' heights. */
function filaFinGrafica(top: number, heights: Record<number, number>): number {
  let total = 0;
  let r = top;
  while (total < 300) total += heights[r++] ?? 15;
  return r - 1;
}

function grafica(
  sheet: string,
  first: number,
  last: number,
  top: number,
  heights: Record<number, number>,
  quien: string,
): ChartSpec {
  const col = (c: number) => `${sheet}!$${colLetter(c)}$${first}:$${colLetter(c)}$${last}`;
  const estados = ["Cumplido", "En avance", "Sin iniciar", "Por reportar"] as const;
  return {
    id: "compromisos-por-estado",
    type: "columnStacked",
    title: `Compromisos${quien} por estado y mes`,
    categories: `=${col(1)}`,
    series: estados.map((e) => ({
      name: e,
      values: `=${col(COLUMNAS_SEGUIMIENTO.indexOf(e) + 1)}`,
      color: COLORES_ESTADO[e],
    })),
    from: `A${top}`,
    to: `${colLetter(COL_PENDIENTES - 1)}${filaFinGrafica(top, heights)}`,
  };
}

function colLetter(c: number): string {
  return String.fromCharCode(64 + c);
}

function sumWidths(c1: number, c2: number): number {
  return ANCHOS.slice(c1 - 1, c2).reduce((t, w) => t + w, 0);
}
