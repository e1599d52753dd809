/**
 * The four input sheets of a plan workbook (Actividades, Compromisos, Dependencias, Configuración)
 * as SheetSpecs, filled with InputData: what `pipc sample`, `pipc template` and the add-in's
 * "Cargar ejemplo" write. Each is an Excel table under a row of short instructions, with data
 * validation where the contract restricts a value.
 */
import {
  CLAVES_CONFIGURACION,
  COLUMNAS_ACTIVIDADES_ENTRADA,
  COLUMNAS_COMPROMISOS,
  COLUMNAS_DEPENDENCIAS,
  ESTADOS,
  HOJA_ACTIVIDADES,
  HOJA_COMPROMISOS,
  HOJA_CONFIGURACION,
  HOJA_DEPENDENCIAS,
  TABLA_CONFIGURACION,
  columnLetters,
  sheetRef,
  type ClaveConfiguracion,
  type ColumnaContrato,
  type InputData,
} from "../domain";
import { emptySheet, excelSerial, type CellInput, type DataValidationSpec, type SheetSpec, type Style } from "./spec";

export type Lang = "es" | "en";

export interface InputSpecOptions {
  /** Language of the instruction row and validation messages. Sheet names and headers stay Spanish (they are the contract). */
  lang?: Lang;
}

/** Rows below the header that carry data validation, beyond the data itself. */
export const VALIDATED_ROWS = 500;
/** Dependencias rows covered by the list of accepted names and siglas. */
export const DEPENDENCIA_SLOTS = 100;

const INSTRUCTION_ROW = 1;
const HEADER_ROW = 2;
const FIRST_DATA_ROW = 3;

const COLOR_HEADER = "1F4E78";
const COLOR_INSTRUCTION = "595959";
const COLOR_INSTRUCTION_FILL = "F2F2F2";
const COLOR_TAB_INPUT = "2E75B6";
const COLOR_HELPER = "7F7F7F";

const DATE_FORMAT = "dd/mm/yyyy";

/** English versions of the contract's `ayuda` texts (the contract holds the Spanish ones). */
const AYUDA_EN: Record<string, string> = {
  "Actividades.ID": "Optional: stable key (A-001...).",
  "Actividades.Dependencia": "Name or sigla of the office.",
  "Actividades.Actividad": "Text of the activity.",
  "Actividades.Programado I": "Products programmed Jan–Apr (whole number ≥ 0).",
  "Actividades.Ejecutado I": "Products executed Jan–Apr.",
  "Actividades.Programado II": "Programmed May–Aug.",
  "Actividades.Ejecutado II": "Executed May–Aug.",
  "Actividades.Programado III": "Programmed Sep–Dec.",
  "Actividades.Ejecutado III": "Executed Sep–Dec.",
  "Actividades.Responsable": "Free text.",
  "Actividades.Evidencias": "Free text.",
  "Actividades.Observaciones": "Free text.",
  "Compromisos.ID": "Optional: stable key (C-001...).",
  "Compromisos.Fecha": "Date of the session (dd/mm/yyyy).",
  "Compromisos.Mesa": "Session or participation table.",
  "Compromisos.Compromiso": "Text of the commitment.",
  "Compromisos.Responsable": "Office (name or sigla) or another entity.",
  "Compromisos.Estado": "Cumplido, En avance, Sin iniciar or Por reportar.",
  "Compromisos.Fecha de corte": "Date the status was last reported.",
  "Compromisos.Observaciones": "Free text.",
  "Dependencias.Dependencia": "Full name.",
  "Dependencias.Sigla": "Short name (also valid in Actividades).",
  "Dependencias.Título en el informe": "Heading in the report.",
};

const AYUDA_CONFIGURACION: Record<ClaveConfiguracion, { es: string; en: string }> = {
  Entidad: { es: "Nombre de la entidad, como aparece en el informe.", en: "Name of the entity, as in the report." },
  Plan: { es: "Nombre del plan. Vacío: Plan Institucional de Participación Ciudadana.", en: "Name of the plan. Blank: Plan Institucional de Participación Ciudadana." },
  Vigencia: { es: "Año del plan (por ejemplo 2021).", en: "Year of the plan (e.g. 2021)." },
  Cuatrimestre: {
    es: "Corte del informe: I (ene–abr), II (may–ago) o III (sep–dic). Vacío: el último con ejecución.",
    en: "Cut of the report: I (Jan–Apr), II (May–Aug) or III (Sep–Dec). Blank: the latest with executions.",
  },
  "Dependencia a cargo de compromisos": {
    es: "Dependencia (nombre o sigla) cuyos compromisos se siguen. Vacío: todos cuentan como a cargo.",
    en: "Office (name or sigla) whose commitments are tracked. Blank: all count as its own.",
  },
  "Umbral bajo": { es: "Por debajo: Bajo (rojo). Por defecto 60 %.", en: "Below it: Bajo (red). Default 60%." },
  "Umbral medio": {
    es: "Por debajo: Medio (amarillo); desde él: Satisfactorio (verde). Por defecto 80 %.",
    en: "Below it: Medio (yellow); from it: Satisfactorio (green). Default 80%.",
  },
  "Umbral sobreejecución": {
    es: "Por encima: Sobreejecutado (azul), revise la programación. Por defecto 120 %.",
    en: "Above it: Sobreejecutado (blue), review the programming. Default 120%.",
  },
};

const T = {
  instruccionConfiguracion: {
    es: "Configuración del informe: escriba el valor de cada clave en la columna Valor.",
    en: "Report settings: type each key's value in the Valor column.",
  },
  ayudaClave: { es: "Clave: no la cambie.", en: "Key: do not change it." },
  ayudaValor: { es: "Valor de la clave.", en: "The key's value." },
  ayuda: { es: "Ayuda", en: "Help" },
  listaTitulo: { es: "Nombres y siglas válidos", en: "Valid names and siglas" },
  listaAyuda: {
    es: "Se calcula sola a partir de la tabla (no la edite): es la lista desplegable de Dependencia en Actividades.",
    en: "Computed from the table (do not edit): it is the drop-down list of Dependencia in Actividades.",
  },
  numeroTitulo: { es: "Número no válido", en: "Invalid number" },
  numeroMensaje: {
    es: "Escriba un número entero de productos, mayor o igual a 0 (0 o vacío si no hay).",
    en: "Type a whole number of products, 0 or more (0 or blank when there are none).",
  },
  dependenciaTitulo: { es: "Dependencia desconocida", en: "Unknown office" },
  dependenciaMensaje: {
    es: "Elija una dependencia de la lista (nombre o sigla). Si es nueva, agréguela primero en la hoja Dependencias.",
    en: "Pick an office from the list (name or sigla). If it is new, add it to the Dependencias sheet first.",
  },
  estadoTitulo: { es: "Estado no válido", en: "Invalid status" },
  estadoMensaje: {
    es: "Elija Cumplido, En avance, Sin iniciar o Por reportar (vacío cuenta como Por reportar).",
    en: "Pick Cumplido, En avance, Sin iniciar or Por reportar (blank counts as Por reportar).",
  },
  fechaTitulo: { es: "Fecha no válida", en: "Invalid date" },
  fechaMensaje: {
    es: "Escriba una fecha como dd/mm/aaaa (por ejemplo 15/05/2021).",
    en: "Type a date as dd/mm/yyyy (for example 15/05/2021).",
  },
  fechaPromptTitulo: { es: "Fecha", en: "Date" },
  fechaPrompt: { es: "dd/mm/aaaa", en: "dd/mm/yyyy" },
  cuatrimestreTitulo: { es: "Cuatrimestre no válido", en: "Invalid cuatrimestre" },
  cuatrimestreMensaje: { es: "Elija I, II o III (o déjelo vacío).", en: "Pick I, II or III (or leave it blank)." },
  vigenciaTitulo: { es: "Año no válido", en: "Invalid year" },
  vigenciaMensaje: { es: "Escriba el año con cuatro cifras, entre 2000 y 2100.", en: "Type the year with four digits, between 2000 and 2100." },
  umbralTitulo: { es: "Umbral no válido", en: "Invalid threshold" },
  umbralMensaje: {
    es: "Escriba un porcentaje entre 0 % y 500 % (por ejemplo 60 %).",
    en: "Type a percentage between 0% and 500% (for example 60%).",
  },
} as const;

const HEADER_STYLE: Style = {
  font: { bold: true, color: "FFFFFF" },
  fill: COLOR_HEADER,
  alignment: { vertical: "middle", wrapText: true },
  border: { bottom: { style: "thin", color: "FFFFFF" } },
};
/** Light lines between data cells, so long rows stay readable on screen and on paper. */
const GRID: Style["border"] = {
  top: { style: "thin", color: "D9D9D9" },
  bottom: { style: "thin", color: "D9D9D9" },
  left: { style: "thin", color: "D9D9D9" },
  right: { style: "thin", color: "D9D9D9" },
  inside: { style: "thin", color: "D9D9D9" },
};
const INSTRUCTION_STYLE: Style = {
  font: { italic: true, size: 9, color: COLOR_INSTRUCTION },
  fill: COLOR_INSTRUCTION_FILL,
  alignment: { vertical: "top", wrapText: true },
};

/**
 * Row height (points) that shows wrapped texts whole. Excel does not fit rows to wrapped text on
 * open, so the spec sets heights from an estimate: a column of width w holds about w characters of
 * 11-point Calibri per line (a little more at smaller sizes), less what word breaks waste.
 */
export function rowHeightFor(cells: { text: string; width: number; size?: number; bold?: boolean }[]): number {
  let height = 15;
  for (const c of cells) {
    if (!c.text) continue;
    const size = c.size ?? 11;
    const perLine = Math.max(1, Math.floor(((c.width - 1) * 11 * (c.bold ? 0.95 : 1.1)) / size));
    const lines = c.text.split("\n").reduce((n, p) => n + Math.max(1, Math.ceil(p.length / perLine)), 0);
    const line = Math.ceil(size * 1.36);
    height = Math.max(height, lines === 1 ? line : lines * line + 3);
  }
  return Math.min(409, height);
}

function ayudaOf(sheet: string, c: ColumnaContrato<string>, lang: Lang): string {
  return lang === "en" ? AYUDA_EN[`${sheet}.${c.header}`] ?? c.ayuda : c.ayuda;
}

/** Last row that carries validation for a table with `n` data rows. */
function lastValidatedRow(n: number): number {
  return FIRST_DATA_ROW + Math.max(n, 1) - 1 + VALIDATED_ROWS;
}

function col(n: number): string {
  return columnLetters(n);
}

/**
 * A sheet with an instruction row, a header row and a table over the data. Columns whose headers are
 * in `wrap` wrap their text, and the rows grow to show it.
 */
function tableSheet(
  name: string,
  key: string,
  table: string,
  columns: ColumnaContrato<string>[],
  rows: CellInput[][],
  widths: number[],
  wrap: string[],
  lang: Lang,
): SheetSpec {
  const s = emptySheet(name, key, "input");
  s.tabColor = COLOR_TAB_INPUT;
  s.columnWidths = widths;
  const width = columns.length;
  const data = rows.length ? rows : [columns.map(() => null)];
  const lastRow = HEADER_ROW + data.length;
  const lastCol = col(width);
  const ayudas = columns.map((c) => ayudaOf(name, c, lang));
  s.blocks.push({ origin: `A${INSTRUCTION_ROW}`, cells: [ayudas] });
  s.blocks.push({ origin: `A${HEADER_ROW}`, cells: [columns.map((c) => c.header)] });
  s.blocks.push({ origin: `A${FIRST_DATA_ROW}`, cells: data });
  s.tables.push({ name: table, range: `A${HEADER_ROW}:${lastCol}${lastRow}`, columns: columns.map((c) => c.header), style: "TableStyleLight9", showRowStripes: true });
  s.formats.push({ range: `A${INSTRUCTION_ROW}:${lastCol}${INSTRUCTION_ROW}`, style: INSTRUCTION_STYLE });
  s.formats.push({ range: `A${HEADER_ROW}:${lastCol}${HEADER_ROW}`, style: HEADER_STYLE });
  s.formats.push({ range: `A${FIRST_DATA_ROW}:${lastCol}${lastRow}`, style: { alignment: { vertical: "top" }, border: GRID } });
  const wrapped = wrap.map((h) => columnIndex(columns, h) - 1);
  for (const j of wrapped) {
    s.formats.push({ range: `${col(j + 1)}${FIRST_DATA_ROW}:${col(j + 1)}${lastRow}`, style: { alignment: { wrapText: true } } });
  }
  s.rowHeights = {
    [INSTRUCTION_ROW]: rowHeightFor(ayudas.map((a, j) => ({ text: a, width: widths[j], size: 9 }))),
    [HEADER_ROW]: rowHeightFor(columns.map((c, j) => ({ text: c.header, width: widths[j], bold: true }))),
  };
  data.forEach((row, i) => {
    const h = rowHeightFor(wrapped.map((j) => ({ text: typeof row[j] === "string" ? (row[j] as string) : "", width: widths[j] })));
    if (h > 15) s.rowHeights![FIRST_DATA_ROW + i] = h;
  });
  s.freeze = { rows: HEADER_ROW, columns: 0 };
  s.print = {
    orientation: "landscape",
    fitToWidth: 1,
    printTitleRows: `${HEADER_ROW}:${HEADER_ROW}`,
    paperSize: "letter",
    footer: { left: "&A", right: "&P / &N" },
  };
  return s;
}

function text(v: string | null | undefined): CellInput {
  return v === undefined || v === null || v === "" ? null : v;
}

function date(iso: string): CellInput {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? excelSerial(iso) : text(iso);
}

function columnIndex(columns: ColumnaContrato<string>[], header: string): number {
  const i = columns.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`No column ${header}`);
  return i + 1;
}

function columnRange(columns: ColumnaContrato<string>[], header: string, lastRow: number): string {
  const c = col(columnIndex(columns, header));
  return `${c}${FIRST_DATA_ROW}:${c}${lastRow}`;
}

/** Where the list of accepted offices (names, then siglas) lives on the Dependencias sheet. */
export const LISTA_DEPENDENCIAS = {
  /** Column of the helper list, outside the table (one blank column between). */
  column: "E",
  firstRow: FIRST_DATA_ROW,
  lastRow: FIRST_DATA_ROW + 2 * DEPENDENCIA_SLOTS - 1,
};

/**
 * The validation list of offices: the helper column (names, then siglas), cut by OFFSET to its
 * filled length so the drop-down ends with no blanks. A list must be one column, hence the helper:
 * `=INDIRECT("Dependencias[Dependencia]")` (accepted by Excel and LibreOffice) would leave the siglas
 * out, and a bare structured reference is refused by Excel and misread by LibreOffice.
 */
function listaDependenciasFormula(): string {
  const dep = sheetRef(HOJA_DEPENDENCIAS);
  const { column, firstRow } = LISTA_DEPENDENCIAS;
  const names = `${dep}!$A$${FIRST_DATA_ROW}:$A$${FIRST_DATA_ROW + DEPENDENCIA_SLOTS - 1}`;
  return `=OFFSET(${dep}!$${column}$${firstRow},0,0,MAX(1,2*COUNTA(${names})),1)`;
}

function wholeValidation(range: string, lang: Lang): DataValidationSpec {
  return {
    range,
    type: "whole",
    operator: "greaterThanOrEqual",
    formula1: "0",
    allowBlank: true,
    error: { title: T.numeroTitulo[lang], message: T.numeroMensaje[lang] },
  };
}

function dateValidation(range: string, lang: Lang): DataValidationSpec {
  return {
    range,
    type: "date",
    operator: "between",
    formula1: "2000-01-01",
    formula2: "2100-12-31",
    allowBlank: true,
    prompt: { title: T.fechaPromptTitulo[lang], message: T.fechaPrompt[lang] },
    error: { title: T.fechaTitulo[lang], message: T.fechaMensaje[lang] },
  };
}

function dependenciaValidation(range: string, lang: Lang): DataValidationSpec {
  return {
    range,
    type: "list",
    list: { formula: listaDependenciasFormula() },
    allowBlank: true,
    error: { title: T.dependenciaTitulo[lang], message: T.dependenciaMensaje[lang] },
  };
}

function actividadesSheet(data: InputData, lang: Lang): SheetSpec {
  const columns = COLUMNAS_ACTIVIDADES_ENTRADA as ColumnaContrato<string>[];
  const rows: CellInput[][] = data.actividades.map((a) => [
    text(a.id),
    text(a.dependencia),
    text(a.actividad),
    a.programado[0],
    a.ejecutado[0],
    a.programado[1],
    a.ejecutado[1],
    a.programado[2],
    a.ejecutado[2],
    text(a.responsable),
    text(a.evidencias),
    text(a.observaciones),
  ]);
  const widths = [9, 16, 60, 14, 14, 14, 14, 14, 14, 22, 30, 30];
  const s = tableSheet(HOJA_ACTIVIDADES, "input:actividades", HOJA_ACTIVIDADES, columns, rows, widths, ["Actividad", "Responsable", "Evidencias", "Observaciones"], lang);
  const last = lastValidatedRow(rows.length);
  const dataLast = HEADER_ROW + Math.max(rows.length, 1);
  const p1 = col(columnIndex(columns, "Programado I"));
  const e3 = col(columnIndex(columns, "Ejecutado III"));
  s.formats.push({ range: `${p1}${FIRST_DATA_ROW}:${e3}${dataLast}`, style: { numberFormat: "0", alignment: { horizontal: "center" } } });
  s.dataValidations.push(dependenciaValidation(columnRange(columns, "Dependencia", last), lang));
  s.dataValidations.push(wholeValidation(`${p1}${FIRST_DATA_ROW}:${e3}${last}`, lang));
  return s;
}

function compromisosSheet(data: InputData, lang: Lang): SheetSpec {
  const columns = COLUMNAS_COMPROMISOS as ColumnaContrato<string>[];
  const rows: CellInput[][] = data.compromisos.map((c) => [
    text(c.id),
    date(c.fecha),
    text(c.mesa),
    text(c.compromiso),
    text(c.responsable),
    text(c.estado),
    date(c.fechaCorte),
    text(c.observaciones),
  ]);
  const widths = [9, 12, 30, 60, 26, 14, 14, 30];
  const s = tableSheet(HOJA_COMPROMISOS, "input:compromisos", HOJA_COMPROMISOS, columns, rows, widths, ["Mesa", "Compromiso", "Responsable", "Observaciones"], lang);
  const last = lastValidatedRow(rows.length);
  for (const h of ["Fecha", "Fecha de corte"]) {
    s.formats.push({ range: columnRange(columns, h, last), style: { numberFormat: DATE_FORMAT, alignment: { horizontal: "center" } } });
    s.dataValidations.push(dateValidation(columnRange(columns, h, last), lang));
  }
  s.dataValidations.push({
    range: columnRange(columns, "Estado", last),
    type: "list",
    list: { items: [...ESTADOS] },
    allowBlank: true,
    error: { title: T.estadoTitulo[lang], message: T.estadoMensaje[lang] },
  });
  return s;
}

function dependenciasSheet(data: InputData, lang: Lang): SheetSpec {
  const columns = COLUMNAS_DEPENDENCIAS as ColumnaContrato<string>[];
  const rows: CellInput[][] = data.dependencias.map((d) => [text(d.dependencia), text(d.sigla), text(d.titulo)]);
  const s = tableSheet(HOJA_DEPENDENCIAS, "input:dependencias", HOJA_DEPENDENCIAS, columns, rows, [58, 12, 50, 3, 40], ["Dependencia", "Título en el informe"], lang);
  const dataLast = HEADER_ROW + Math.max(rows.length, 1);

  // The helper list: the k-th entry is the k-th name, then the k-th sigla ("" for blank ones).
  const { column, firstRow, lastRow } = LISTA_DEPENDENCIAS;
  const namesRange = `$A$${FIRST_DATA_ROW}:$A$${FIRST_DATA_ROW + DEPENDENCIA_SLOTS - 1}`;
  const siglasRange = `$B$${FIRST_DATA_ROW}:$B$${FIRST_DATA_ROW + DEPENDENCIA_SLOTS - 1}`;
  const n = `COUNTA(${namesRange})`;
  const helper: CellInput[][] = [];
  for (let k = 1; k <= lastRow - firstRow + 1; k++) {
    helper.push([{ f: `=IF(${k}<=${n},INDEX(${namesRange},${k})&"",IF(${k}<=2*${n},INDEX(${siglasRange},${k}-${n})&"",""))` }]);
  }
  s.blocks.push({ origin: `${column}${INSTRUCTION_ROW}`, cells: [[T.listaAyuda[lang]], [T.listaTitulo[lang]]] });
  s.blocks.push({ origin: `${column}${firstRow}`, cells: helper });
  s.formats.push({ range: `${column}${INSTRUCTION_ROW}`, style: INSTRUCTION_STYLE });
  s.formats.push({ range: `${column}${HEADER_ROW}`, style: { font: { bold: true, color: COLOR_HELPER }, alignment: { vertical: "middle", wrapText: true } } });
  s.formats.push({ range: `${column}${firstRow}:${column}${lastRow}`, style: { font: { color: COLOR_HELPER, size: 9 } } });
  s.print!.area = `A1:C${dataLast}`;
  return s;
}

function configuracionSheet(data: InputData, lang: Lang): SheetSpec {
  const s = emptySheet(HOJA_CONFIGURACION, "input:configuracion", "input");
  s.tabColor = COLOR_TAB_INPUT;
  s.columnWidths = [36, 56, 3, 70];
  const valores = new Map<string, string | number>(data.configuracion.map((c) => [c.clave, c.valor]));
  const claves = [...CLAVES_CONFIGURACION];
  const lastRow = HEADER_ROW + claves.length;
  s.blocks.push({ origin: `A${INSTRUCTION_ROW}`, cells: [[T.ayudaClave[lang], T.ayudaValor[lang]]] });
  s.blocks.push({ origin: `A${HEADER_ROW}`, cells: [["Clave", "Valor"]] });
  s.blocks.push({
    origin: `A${FIRST_DATA_ROW}`,
    cells: claves.map((k) => {
      const v = valores.get(k);
      return [k, v === undefined || v === "" ? null : v];
    }),
  });
  s.blocks.push({ origin: `D${INSTRUCTION_ROW}`, cells: [[T.instruccionConfiguracion[lang]], [T.ayuda[lang]], ...claves.map((k) => [AYUDA_CONFIGURACION[k][lang]])] });
  s.tables.push({ name: TABLA_CONFIGURACION, range: `A${HEADER_ROW}:B${lastRow}`, columns: ["Clave", "Valor"], style: "TableStyleLight9", showRowStripes: true });
  s.formats.push({ range: `A${INSTRUCTION_ROW}:D${INSTRUCTION_ROW}`, style: INSTRUCTION_STYLE });
  s.formats.push({ range: `A${HEADER_ROW}:B${HEADER_ROW}`, style: HEADER_STYLE });
  s.formats.push({ range: `D${HEADER_ROW}`, style: { font: { bold: true, color: COLOR_HELPER } } });
  s.formats.push({ range: `A${FIRST_DATA_ROW}:B${lastRow}`, style: { alignment: { vertical: "top" }, border: GRID } });
  s.formats.push({ range: `A${FIRST_DATA_ROW}:A${lastRow}`, style: { font: { bold: true } } });
  s.formats.push({ range: `B${FIRST_DATA_ROW}:B${lastRow}`, style: { alignment: { horizontal: "left", wrapText: true } } });
  s.formats.push({ range: `D${FIRST_DATA_ROW}:D${lastRow}`, style: { font: { italic: true, size: 9, color: COLOR_INSTRUCTION }, alignment: { wrapText: true, vertical: "top" } } });
  s.rowHeights = {
    [INSTRUCTION_ROW]: rowHeightFor([
      { text: T.ayudaClave[lang], width: 36, size: 9 },
      { text: T.ayudaValor[lang], width: 56, size: 9 },
      { text: T.instruccionConfiguracion[lang], width: 70, size: 9 },
    ]),
    [HEADER_ROW]: 22,
  };
  claves.forEach((k, i) => {
    const v = valores.get(k);
    const h = rowHeightFor([
      { text: typeof v === "string" ? v : "", width: 56 },
      { text: AYUDA_CONFIGURACION[k][lang], width: 70, size: 9 },
    ]);
    if (h > 15) s.rowHeights![FIRST_DATA_ROW + i] = h;
  });
  const rowOf = (k: ClaveConfiguracion) => FIRST_DATA_ROW + claves.indexOf(k);
  s.formats.push({ range: `B${rowOf("Vigencia")}`, style: { numberFormat: "0" } });
  s.formats.push({ range: `B${rowOf("Umbral bajo")}:B${rowOf("Umbral sobreejecución")}`, style: { numberFormat: "0%" } });
  s.dataValidations.push({
    range: `B${rowOf("Cuatrimestre")}`,
    type: "list",
    list: { items: ["I", "II", "III"] },
    allowBlank: true,
    error: { title: T.cuatrimestreTitulo[lang], message: T.cuatrimestreMensaje[lang] },
  });
  s.dataValidations.push({
    range: `B${rowOf("Vigencia")}`,
    type: "whole",
    operator: "between",
    formula1: "2000",
    formula2: "2100",
    allowBlank: true,
    error: { title: T.vigenciaTitulo[lang], message: T.vigenciaMensaje[lang] },
  });
  s.dataValidations.push({
    range: `B${rowOf("Umbral bajo")}:B${rowOf("Umbral sobreejecución")}`,
    type: "decimal",
    operator: "between",
    formula1: "0",
    formula2: "5",
    allowBlank: true,
    error: { title: T.umbralTitulo[lang], message: T.umbralMensaje[lang] },
  });
  s.dataValidations.push(dependenciaValidation(`B${rowOf("Dependencia a cargo de compromisos")}`, lang));
  s.freeze = { rows: HEADER_ROW, columns: 0 };
  s.print = { orientation: "landscape", fitToWidth: 1, paperSize: "letter", footer: { left: "&A", right: "&P / &N" } };
  return s;
}

/**
 * The input sheets, in workbook order: Actividades, Compromisos, Dependencias, Configuración.
 *
 * @example inputWorkbookSpec(sample2021()).map((s) => s.name) // ["Actividades", "Compromisos", "Dependencias", "Configuración"]
 */
export function inputWorkbookSpec(data: InputData, opts: InputSpecOptions = {}): SheetSpec[] {
  const lang = opts.lang ?? "es";
  return [actividadesSheet(data, lang), compromisosSheet(data, lang), dependenciasSheet(data, lang), configuracionSheet(data, lang)];
}
