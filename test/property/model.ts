/**
 * Random plan workbooks for the property tests, as a neutral model that the tests turn into raw
 * tables and into real .xlsx files written with ExcelJS directly (render.ts; not with the project's
 * writer, so reading is tested independently), which the strict Excel opens too.
 *
 * The generator knows what it made: every cell it made invalid whatever its row (a bad count, an
 * impossible date, an Excel error) carries the codes it must be reported with (`bad`); valid counts
 * and dates carry their value. Row-level expectations (duplicate ids, unknown offices, required
 * cells left blank) are the oracle's job (oracle.ts), from the same model.
 */
import fc from "fast-check";
import type { ProblemCode } from "../../src/domain";
import { key } from "./render";

export type Value = string | number | boolean | Date | null;

/** A generated cell. */
export interface GenCell {
  value: Value;
  /** An Excel error value ("#DIV/0!"): written as an error; `value` holds its text. */
  error?: string;
  numFmt?: string;
  /** The cell is invalid in any row: it must be reported at its address with one of these codes. */
  bad?: ProblemCode[];
  /** A valid Programado/Ejecutado: its value. */
  count?: number;
  /** A valid date: its ISO form. */
  iso?: string;
}

export type InputName = "Actividades" | "Compromisos" | "Dependencias" | "Configuración";

/** A sheet of the workbook: an input (as an Excel table or a plain range) or one of the official's own. */
export interface GenSheet {
  name: string;
  input: InputName | null;
  /** The Excel table's name, or null for a plain range. */
  table: string | null;
  headerRow: number;
  firstCol: number;
  /** Cells above the header row (titles, instructions), plain values. */
  preamble: { row: number; col: number; value: string }[];
  /** Header texts as written (may differ from the contract in case, accents and spaces). */
  headers: string[];
  /** The contract field each column names; "extra" is a column of the official's own. */
  fields: string[];
  rows: GenCell[][];
  /** The official's own sheets: free cells (`formula` without "="). */
  cells: { row: number; col: number; value: Value; formula?: string }[];
}

/**
 * An input sheet written by hand in a test (a known case rather than a generated one): headers in
 * row 1 from column A, no preamble, no free cells; a plain range unless `table` names an Excel table.
 */
export function handSheet(input: InputName, headers: string[], fields: string[], rows: GenCell[][], table: string | null = null): GenSheet {
  return { name: input, input, table, headerRow: 1, firstCol: 1, preamble: [], headers, fields, rows, cells: [] };
}

export interface GenWorkbook {
  sheets: GenSheet[];
  /** True when the generator meant it to have no error (the oracle decides; this only steers). */
  clean: boolean;
}

// ------------------------------------------------------------------------------------------------
// Texts

/** Texts officials (and their attackers) type: formulas as text, signs, tabs, line breaks, emoji. */
export const HOSTILE_TEXTS = [
  "=1+1",
  "=SUMA(A1:A3)",
  '=HYPERLINK("http://example.com/x","clic")',
  "=cmd|' /C calc'!A0",
  "=Actividades!A1",
  "+57 300 000 0000",
  "+A1",
  "-A1",
  "-",
  "@SUM(1)",
  "@",
  "\tcon tabulador",
  "línea 1\nlínea 2",
  "Participación ciudadana 🎉",
  "👩‍👩‍👧‍👦 familias",
  "Ñandú pingüino",
  "'entre apóstrofos'",
  '"comillas" y más',
  "<b>&amp;</b>",
  "0001",
  "1e5",
  "VERDADERO",
  "2021-05-15",
  "  espacios alrededor  ",
];

/**
 * Text without the control characters no .xlsx can hold as such: tab and line feed stay. A carriage
 * return goes too: ExcelJS writes it raw and XML folds it into the line feed (Excel would write
 * `_x000D_`), so the generator could not write the text it means.
 */
function stripControl(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/g, "");
}

const shortTexts: fc.WeightedArbitrary<string>[] = [
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 24 }).map(stripControl) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom("=", "+", "-", "@", "\t", "'", ""), fc.string({ unit: "grapheme", minLength: 1, maxLength: 16 }))
      .map(([p, s]) => stripControl(p + s)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }).map((n) => "Participación ciudadana 🎉 ".repeat(n)) },
];

/** Free text: curated hostile texts, any Unicode, prefixed signs, very long texts (up to 10,800 characters). */
export const freeText: fc.Arbitrary<string> = fc.oneof(...shortTexts, {
  weight: 1,
  arbitrary: fc.integer({ min: 40, max: 400 }).map((n) => "Participación ciudadana 🎉 ".repeat(n)),
});

/**
 * Names (offices, siglas, titles, Entidad, Plan): as hostile, but at most about a hundred characters.
 * Long names (hundreds and thousands of characters) are covered by raw.test.ts and recalc.test.ts.
 */
export const nameText: fc.Arbitrary<string> = fc
  .oneof(...shortTexts)
  // No XML entity lookalike ("&amp;"): ExcelJS decodes sheet names twice, so a sheet named after
  // such an office would read back renamed (an ExcelJS reader fault, reported).
  .map((t) => t.replace(/&(#?\w+);/g, "& $1;"));

/** A text that is not blank once trimmed (for required cells of a clean workbook). */
export const nonBlankText: fc.Arbitrary<string> = freeText.map((s) => (s.trim() === "" ? `x${s}` : s));
const nonBlankName: fc.Arbitrary<string> = nameText.map((s) => (s.trim() === "" ? `x${s}` : s));

// ------------------------------------------------------------------------------------------------
// Cells

const cell = (value: Value, extra: Partial<GenCell> = {}): GenCell => ({ value, ...extra });

/** An Excel error in a cell: reported as formula-error wherever the cell is read. */
export const errorCell: fc.Arbitrary<GenCell> = fc
  .constantFrom("#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?")
  .map((e) => cell(e, { error: e, bad: ["formula-error"] }));

const blankValue = fc.constantFrom<Value>(null, "", "   ", "\t");

/** A valid Programado/Ejecutado: a whole number ≥ 0, as a number or as text, or blank (0). */
export const validCount: fc.Arbitrary<GenCell> = fc.oneof(
  { weight: 3, arbitrary: blankValue.map((v) => cell(v, { count: 0 })) },
  { weight: 6, arbitrary: fc.nat(40).map((n) => cell(n, { count: n })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(40), fc.constantFrom((n: number) => String(n), (n: number) => ` ${n} `, (n: number) => `+${n}`, (n: number) => `00${n}`))
      .map(([n, f]) => cell(f(n), { count: n })),
  },
  { weight: 1, arbitrary: fc.constantFrom(cell(1_000_000_000, { count: 1_000_000_000 }), cell("-0", { count: 0 })) },
);

const DATE_FORMATS = ["dd/mm/yyyy", "d/m/yy", "yyyy-mm-dd", "mmm-yy"];

/** An invalid Programado/Ejecutado and the codes it may be reported with. */
export const invalidCount: fc.Arbitrary<GenCell> = fc.oneof(
  fc.integer({ min: 1, max: 50 }).chain((n) =>
    fc.constantFrom(cell(-n, { bad: ["negative-number"] }), cell(`-${n}`, { bad: ["negative-number"] }), cell(`-${n},5`, { bad: ["negative-number"] })),
  ),
  fc.nat(50).chain((n) =>
    fc.constantFrom(cell(n + 0.5, { bad: ["decimal-number"] }), cell(`${n},5`, { bad: ["decimal-number"] }), cell(`${n}.25`, { bad: ["decimal-number"] })),
  ),
  fc.constantFrom(
    cell(1e12, { bad: ["not-a-number"] }),
    cell(2 ** 53, { bad: ["not-a-number"] }),
    cell(1e300, { bad: ["not-a-number"] }),
    cell("99999999999", { bad: ["not-a-number"] }),
  ),
  // Texts with a letter: never a number nor a date, whatever their sign.
  fc
    .tuple(fc.constantFrom("=", "+", "-", "@", "", "\t"), fc.constantFrom("cinco", "5 productos", "1e3", "N/A", "SUMA(1)", "dos\ntres", "🎉"))
    .map(([p, s]) => cell(p + s, { bad: ["not-a-number"] })),
  fc.boolean().map((b) => cell(b, { bad: ["not-a-number"] })),
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom(...DATE_FORMATS))
    .chain(([m, d, fmt]) =>
      fc.constantFrom(
        cell(new Date(Date.UTC(2021, m - 1, d)), { numFmt: fmt, bad: ["date-in-number"] }),
        cell(44300 + d, { numFmt: fmt, bad: ["date-in-number"] }),
        cell(`${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/2021`, { bad: ["date-in-number"] }),
      ),
    ),
  errorCell,
);

const pad2 = (n: number) => String(n).padStart(2, "0");
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A valid date of a commitment, mostly in 2021, written every way the contract accepts. */
export const validDate: fc.Arbitrary<GenCell> = fc
  .tuple(
    fc.constantFrom(2021, 2021, 2021, 2021, 2020, 2022),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
    fc.nat(6),
  )
  .map(([y, m, d0, how]) => {
    const d = Math.min(d0, daysIn(y, m));
    const iso = `${y}-${pad2(m)}-${pad2(d)}`;
    const serial = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
    switch (how) {
      case 0:
      case 1:
        return cell(new Date(Date.UTC(y, m - 1, d)), { numFmt: "dd/mm/yyyy", iso });
      case 2:
        return cell(`${pad2(d)}/${pad2(m)}/${y}`, { iso });
      case 3:
        return cell(`${d}/${m}/${y}`, { iso });
      case 4:
        return cell(iso, { iso });
      case 5:
        return cell(`${iso} 10:30`, { iso });
      default:
        return cell(serial, { iso });
    }
  });

/** Dates that cannot be: 31 February, month 13, day 0, outside 1950–2100, words, booleans, errors. */
export const invalidDate: fc.Arbitrary<GenCell> = fc.oneof(
  fc
    .constantFrom("31/02/2021", "30/02/2021", "29/02/2021", "2021-02-29", "2021-13-01", "00/05/2021", "32/01/2021", "1800-01-01", "2200-12-31", "ayer", "=HOY()", "15 de mayo")
    .map((s) => cell(s, { bad: ["bad-date"] })),
  fc.constantFrom(cell(5, { bad: ["bad-date"] }), cell(-3, { bad: ["bad-date"] }), cell(true, { bad: ["bad-date"] })),
  errorCell,
);

/** Estado: the contract's four in any case and accents, blank (Por reportar), or nonsense. */
export const ESTADO_VARIANTS = ["Cumplido", "cumplido ", "CUMPLÍDO", "En avance", "EN  AVANCE", "Sin iniciar", "sin Iniciar", "Por reportar"];
export const validEstado: fc.Arbitrary<GenCell> = fc.oneof(
  fc.constantFrom(...ESTADO_VARIANTS).map((v) => cell(v)),
  blankValue.map((v) => cell(v)),
);
export const invalidEstado: fc.Arbitrary<GenCell> = fc.oneof(
  fc.constantFrom("Hecho", "=Cumplido", "Cumplido!", "100%").map((s) => cell(s, { bad: ["unknown-estado"] })),
  fc.constantFrom(cell(1, { bad: ["unknown-estado"] }), cell(true, { bad: ["unknown-estado"] })),
  errorCell,
);

// ------------------------------------------------------------------------------------------------
// Offices

/** An office as the generator imagines it; rows refer to it by name, sigla or a variant. */
export interface GenOffice {
  nombre: string;
  sigla: string | null;
  titulo: string | null;
}

const NOMBRES = [
  "Oficina Asesora de Planeación",
  "Alta Consejería para los Derechos de las Víctimas, la Paz y la Reconciliación",
  "Alta Consejería para los Derechos de las Víctimas y la Memoria",
  "Subsecretaría de Fortalecimiento Institucional",
  "Dirección Jurídica",
  "DIRECCIÓN JURIDICA",
  "Secretaría General: Talento / Humano [TH]",
  "=Oficina de Fórmulas",
  "+Participación",
  "@Equipo",
  "-Grupo de Apoyo",
  "Equipo 🎉 de Participación 👩‍👩‍👧",
  "Oficina\tTabulada",
  "Oficina de\nDos Líneas",
  "History",
  "'Oficina entre apóstrofos'",
];
const SIGLAS = ["OAP", "oap", "ACPVR", "O/A", "[X]", "a:b", "*", "?", "'Q'", "=S", "😀", "SIGLA MUY LARGA DE MÁS DE TREINTA Y UN CARACTERES", "HISTORY", "Resumen"];
const TITULOS = [
  "Alta Consejería Distrital de Tecnologías: TIC / [Bogotá]",
  "Subsecretaría Distrital de Fortalecimiento Institucional",
  "Subsecretaría Distrital de Fortalecimiento Institucional bis",
  "🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉",
  "Título con ? y * y \\",
  "=Título",
];

export const office: fc.Arbitrary<GenOffice> = fc.record({
  nombre: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NOMBRES) }, { weight: 1, arbitrary: nonBlankName }),
  sigla: fc.option(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SIGLAS) }, { weight: 1, arbitrary: nonBlankName }), { freq: 2 }),
  titulo: fc.option(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TITULOS) }, { weight: 1, arbitrary: nonBlankName }), { freq: 2 }),
});

/** How a row names an office: by name, by sigla, a case/accent/space variant, an unknown one, or blank. */
export type OfficeRef =
  | { kind: "nombre" | "sigla" | "variante"; i: number; how: number }
  | { kind: "desconocida"; text: string }
  | { kind: "blanco"; v: Value };

export const validOfficeRef: fc.Arbitrary<OfficeRef> = fc.record({
  kind: fc.constantFrom("nombre", "sigla", "variante") as fc.Arbitrary<"nombre" | "sigla" | "variante">,
  i: fc.nat(),
  how: fc.nat(3),
});
export const anyOfficeRef: fc.Arbitrary<OfficeRef> = fc.oneof(
  { weight: 6, arbitrary: validOfficeRef },
  { weight: 1, arbitrary: fc.constantFrom("Dependencia inexistente", "=Otra", "Secretaría de Salud").map((text) => ({ kind: "desconocida" as const, text })) },
  { weight: 1, arbitrary: blankValue.map((v) => ({ kind: "blanco" as const, v })) },
);

/**
 * A spelling the contract treats as the same text: case, accents, surrounding spaces. (A few
 * letters do not survive upper then lower case, "ᲀ" -> "В" -> "в": those keep their spelling.)
 */
export function variant(text: string, how: number): string {
  let v: string;
  switch (how % 4) {
    case 0:
      v = text.toUpperCase();
      break;
    case 1:
      v = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      break;
    case 2:
      v = `  ${text}  `;
      break;
    default:
      v = text.toLowerCase().replace(/ /g, "  ");
  }
  return key(v) === key(text) ? v : text;
}

// ------------------------------------------------------------------------------------------------
// Rows

export type IdChoice = { kind: "blank"; v: Value } | { kind: "typed"; v: string | number };

/** IDs: blank (generated), or typed from a small pool so that duplicates (also by case) happen. */
export const anyId: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 3, arbitrary: blankValue.map((v) => ({ kind: "blank" as const, v })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<string | number>("A-1", "a-1", " A-1 ", "X-9", "=1", "+7", "A-001", "C-001", 7, "7", "007", "Ñ-1").map((v) => ({ kind: "typed" as const, v })),
  },
);

export interface GenActividad {
  id: IdChoice;
  dep: OfficeRef;
  actividad: GenCell;
  counts: GenCell[];
  responsable: GenCell;
  evidencias: GenCell;
  observaciones: GenCell;
  extra: GenCell;
}

export interface GenCompromiso {
  id: IdChoice;
  fecha: GenCell;
  mesa: GenCell;
  compromiso: GenCell;
  responsable: OfficeRef | { kind: "otra"; text: string };
  estado: GenCell;
  fechaCorte: GenCell;
  observaciones: GenCell;
}

const text = (t: fc.Arbitrary<string>) => t.map((s) => cell(s));
const textOrBlank = fc.oneof({ weight: 3, arbitrary: text(freeText) }, { weight: 1, arbitrary: blankValue.map((v) => cell(v)) });

function actividadArb(clean: boolean): fc.Arbitrary<GenActividad> {
  const count = clean ? validCount : fc.oneof({ weight: 5, arbitrary: validCount }, { weight: 1, arbitrary: invalidCount });
  return fc.record({
    // A clean workbook keeps the first of repeated ids and blanks the others (materialize).
    id: anyId,
    dep: clean ? validOfficeRef : anyOfficeRef,
    actividad: clean ? text(nonBlankText) : fc.oneof({ weight: 6, arbitrary: text(freeText) }, { weight: 1, arbitrary: errorCell }),
    counts: fc.array(count, { minLength: 6, maxLength: 6 }),
    responsable: textOrBlank,
    evidencias: textOrBlank,
    observaciones: clean ? textOrBlank : fc.oneof({ weight: 8, arbitrary: textOrBlank }, { weight: 1, arbitrary: errorCell }),
    extra: textOrBlank,
  });
}

function compromisoArb(clean: boolean): fc.Arbitrary<GenCompromiso> {
  return fc.record({
    // A clean workbook keeps the first of repeated ids and blanks the others (materialize).
    id: anyId,
    fecha: clean ? validDate : fc.oneof({ weight: 5, arbitrary: validDate }, { weight: 1, arbitrary: invalidDate }, { weight: 1, arbitrary: blankValue.map((v) => cell(v)) }),
    mesa: textOrBlank,
    compromiso: clean ? text(nonBlankText) : text(freeText),
    responsable: fc.oneof(
      { weight: 3, arbitrary: clean ? validOfficeRef : anyOfficeRef },
      { weight: 1, arbitrary: fc.constantFrom("Secretaría Distrital de Salud", "=Otra entidad", "Caja de la Vivienda Popular").map((t) => ({ kind: "otra" as const, text: t })) },
    ),
    estado: clean ? validEstado : fc.oneof({ weight: 5, arbitrary: validEstado }, { weight: 1, arbitrary: invalidEstado }),
    fechaCorte: clean
      ? fc.oneof(validDate, blankValue.map((v) => cell(v)))
      : fc.oneof({ weight: 3, arbitrary: validDate }, { weight: 2, arbitrary: blankValue.map((v) => cell(v)) }, { weight: 1, arbitrary: invalidDate }),
    observaciones: textOrBlank,
  });
}

// ------------------------------------------------------------------------------------------------
// Layouts

export interface GenLayout {
  table: boolean;
  headerRow: number;
  firstCol: number;
  preamble: boolean;
  /** Variant of each header's spelling. */
  headerHow: number;
  /** Sort keys that shuffle the optional columns. */
  order: number[];
  /** Which optional columns exist. */
  optional: boolean[];
  sheetHow: number;
}

const layoutArb: fc.Arbitrary<GenLayout> = fc.record({
  table: fc.boolean(),
  headerRow: fc.integer({ min: 1, max: 4 }),
  firstCol: fc.integer({ min: 1, max: 3 }),
  preamble: fc.boolean(),
  headerHow: fc.nat(),
  order: fc.array(fc.nat(1000), { minLength: 16, maxLength: 16 }),
  optional: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), { minLength: 16, maxLength: 16 }),
  sheetHow: fc.nat(),
});

export interface GenConfig {
  vigencia: { kind: "absent" } | { kind: "ok"; v: number | string } | { kind: "blank" } | { kind: "bad"; v: string | number };
  cuatrimestre: { kind: "absent" } | { kind: "ok"; v: string | number; cut: "I" | "II" | "III" } | { kind: "blank" } | { kind: "bad"; v: string };
  aCargo: { kind: "absent" } | { kind: "office"; ref: OfficeRef } | { kind: "otra"; text: string } | { kind: "blank" };
  entidad: string | null;
  plan: string | null;
  umbralBajo: { kind: "absent" } | { kind: "ok"; v: number | string } | { kind: "bad"; v: string };
  unknownKey: boolean;
  claveHow: number;
}

function configArb(clean: boolean): fc.Arbitrary<GenConfig> {
  const bad = <T>(a: fc.Arbitrary<T>) => (clean ? [] : [{ weight: 1, arbitrary: a }]);
  return fc.record({
    vigencia: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom<number | string>(2021, "2021", " 2021 ").map((v) => ({ kind: "ok" as const, v })) },
      { weight: 1, arbitrary: fc.constant({ kind: "absent" as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: "blank" as const }) },
      ...bad(fc.constantFrom<string | number>("dos mil veintiuno", "21", 1800, "=2021").map((v) => ({ kind: "bad" as const, v }))),
    ),
    cuatrimestre: fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .constantFrom<[string | number, "I" | "II" | "III"]>(["I", "I"], ["II", "II"], ["III", "III"], [2, "II"], ["3", "III"], ["tercer", "III"], ["Cuatrimestre I", "I"], ["ii", "II"])
          .map(([v, cut]) => ({ kind: "ok" as const, v, cut })),
      },
      { weight: 1, arbitrary: fc.constant({ kind: "absent" as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: "blank" as const }) },
      ...bad(fc.constantFrom("IV", "cuarto", "=III").map((v) => ({ kind: "bad" as const, v }))),
    ),
    aCargo: fc.oneof(
      { weight: 3, arbitrary: validOfficeRef.map((ref) => ({ kind: "office" as const, ref })) },
      { weight: 1, arbitrary: fc.constantFrom("Otra entidad", "=ACPVR").map((t) => ({ kind: "otra" as const, text: t })) },
      { weight: 1, arbitrary: fc.constant({ kind: "blank" as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: "absent" as const }) },
    ),
    entidad: fc.option(nameText),
    plan: fc.option(nameText),
    umbralBajo: fc.oneof(
      { weight: 3, arbitrary: fc.constant({ kind: "absent" as const }) },
      { weight: 1, arbitrary: fc.constantFrom<number | string>(0.5, "50%", 50, "0,5").map((v) => ({ kind: "ok" as const, v })) },
      ...bad(fc.constantFrom("alto", "=0.6").map((v) => ({ kind: "bad" as const, v }))),
    ),
    unknownKey: fc.boolean(),
    claveHow: fc.nat(),
  });
}

/** The raw random choices of one workbook, turned into sheets by `materialize`. */
export interface GenChoices {
  clean: boolean;
  offices: GenOffice[];
  depSheet: { layout: GenLayout; extraRows: { kind: "dup"; i: number; how: number }[]; blankNameRow: boolean } | null;
  actividades: { layout: GenLayout; rows: (GenActividad | null)[]; dropRequired: boolean } | null;
  compromisos: { layout: GenLayout; rows: (GenCompromiso | null)[]; dropRequired: boolean } | null;
  config: { layout: GenLayout; values: GenConfig } | null;
  userSheets: { base: number; how: number; officeIndex: number }[];
  sheetOrder: number[];
}

/** The choices of a workbook; `clean` ones aim at no error at all (hostile texts still everywhere). */
export function choicesArb(clean: boolean, maxRows = 10): fc.Arbitrary<GenChoices> {
  return fc.record({
    clean: fc.constant(clean),
    offices: fc.array(office, { minLength: 1, maxLength: 5 }),
    depSheet: fc.option(
      fc.record({
        layout: layoutArb,
        extraRows: clean ? fc.constant([]) : fc.array(fc.record({ kind: fc.constant("dup" as const), i: fc.nat(), how: fc.nat() }), { maxLength: 2 }),
        blankNameRow: clean ? fc.constant(false) : fc.boolean(),
      }),
      { freq: 3 },
    ),
    actividades: ((a: fc.Arbitrary<NonNullable<GenChoices["actividades"]>>) => (clean ? a : fc.option(a, { freq: 30 })))(
      fc.record({
        layout: layoutArb,
        // null: a blank row left in the middle of the data. A clean plan has at least one activity.
        rows: clean
          ? fc.tuple(actividadArb(true), fc.array(fc.option(actividadArb(true), { freq: 8 }), { maxLength: maxRows - 1 })).map(([a, rest]) => [a, ...rest])
          : fc.array(fc.option(actividadArb(false), { freq: 8 }), { maxLength: maxRows }),
        dropRequired: clean ? fc.constant(false) : fc.oneof({ weight: 15, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      }),
    ),
    compromisos: fc.option(
      fc.record({
        layout: layoutArb,
        rows: fc.array(fc.option(compromisoArb(clean), { freq: 8 }), { maxLength: maxRows }),
        dropRequired: clean ? fc.constant(false) : fc.oneof({ weight: 15, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      }),
      { freq: 4 },
    ),
    config: fc.option(fc.record({ layout: layoutArb, values: configArb(clean) }), { freq: 5 }),
    userSheets: fc.array(fc.record({ base: fc.nat(), how: fc.nat(), officeIndex: fc.nat() }), { maxLength: 3 }),
    sheetOrder: fc.array(fc.nat(100), { minLength: 8, maxLength: 8 }),
  });
}

/** Workbooks, a third of them aiming at no error (so the report gets generated). */
export function workbookArb(maxRows = 10): fc.Arbitrary<GenWorkbook> {
  return fc
    .oneof({ weight: 2, arbitrary: choicesArb(false, maxRows) }, { weight: 1, arbitrary: choicesArb(true, maxRows) })
    .map(materialize);
}

/** Workbooks that aim at no error (the generation paths need them). */
export function cleanWorkbookArb(maxRows = 10): fc.Arbitrary<GenWorkbook> {
  return choicesArb(true, maxRows).map(materialize);
}

// ------------------------------------------------------------------------------------------------
// From choices to sheets

const HEADER_VARIANTS: Record<string, string[]> = {
  id: ["ID", "id", " Id "],
  dependencia: ["Dependencia", "DEPENDENCIA", "dependencia "],
  actividad: ["Actividad", "ACTIVIDAD", "Actividád"],
  programado1: ["Programado I", "PROGRAMADO I", "Programádo I", "Programado 1"],
  ejecutado1: ["Ejecutado I", "ejecutado i", "Ejecutado 1"],
  programado2: ["Programado II", "PROGRAMADO II", "Programado 2"],
  ejecutado2: ["Ejecutado II", "Ejecutado 2", " ejecutado ii "],
  programado3: ["Programado III", "Programado 3", "programado  iii"],
  ejecutado3: ["Ejecutado III", "EJECUTADO III", "Ejecutado 3"],
  responsable: ["Responsable", "RESPONSABLE"],
  evidencias: ["Evidencias", "evidencias"],
  observaciones: ["Observaciones", "OBSERVACIONES"],
  extra: ["Notas del equipo", "Comentarios internos"],
  fecha: ["Fecha", "FECHA", "fecha "],
  mesa: ["Mesa", "MESA"],
  compromiso: ["Compromiso", "COMPROMISO"],
  estado: ["Estado", "ESTADO"],
  fechaCorte: ["Fecha de corte", "FECHA DE CORTE", "fecha de  corte"],
  sigla: ["Sigla", "SIGLA"],
  titulo: ["Título en el informe", "Titulo en el informe", "Título"],
  clave: ["Clave", "CLAVE"],
  valor: ["Valor", "valor "],
};

const SHEET_VARIANTS: Record<InputName, string[]> = {
  Actividades: ["Actividades", "ACTIVIDADES", "actividades"],
  Compromisos: ["Compromisos", "compromisos"],
  Dependencias: ["Dependencias", "DEPENDENCIAS"],
  Configuración: ["Configuración", "Configuracion", "CONFIGURACIÓN"],
};

const PREAMBLES = ["Plan de acción 2021", "=Título con fórmula", "Entidad: Alcaldía 🎉", "Instrucciones:\nllene la tabla"];

const ACT_REQUIRED = ["dependencia", "actividad"];
const ACT_OPTIONAL = ["id", "programado1", "ejecutado1", "programado2", "ejecutado2", "programado3", "ejecutado3", "responsable", "evidencias", "observaciones", "extra"];
const COMP_REQUIRED = ["fecha", "compromiso", "responsable"];
const COMP_OPTIONAL = ["id", "mesa", "estado", "fechaCorte", "observaciones"];

function columnsOf(layout: GenLayout, required: string[], optional: string[], dropRequired: boolean): string[] {
  const chosen = [...required.slice(dropRequired ? 1 : 0), ...optional.filter((_, i) => layout.optional[i])];
  const all = [...required, ...optional];
  const key = (f: string) => layout.order[all.indexOf(f) % layout.order.length] * 100 + all.indexOf(f);
  return chosen.sort((a, b) => key(a) - key(b));
}

function headersOf(fields: string[], how: number): string[] {
  return fields.map((f, i) => {
    const v = HEADER_VARIANTS[f];
    return v[(how + i) % v.length];
  });
}

function blankSheet(name: string, input: InputName | null, layout: GenLayout | null): GenSheet {
  const headerRow = layout ? layout.headerRow + (layout.preamble ? 1 : 0) : 1;
  const firstCol = layout?.firstCol ?? 1;
  return {
    name,
    input,
    table: null,
    headerRow,
    firstCol,
    preamble: layout?.preamble ? [{ row: headerRow - 1, col: firstCol, value: PREAMBLES[layout.headerHow % PREAMBLES.length] }] : [],
    headers: [],
    fields: [],
    rows: [],
    cells: [],
  };
}

function inputSheet(input: InputName, layout: GenLayout, tableName: string): GenSheet {
  const variants = SHEET_VARIANTS[input];
  const s = blankSheet(variants[layout.sheetHow % variants.length], input, layout);
  s.table = layout.table ? tableName : null;
  return s;
}

/** The text a row writes for an office reference. */
function officeText(offices: GenOffice[], ref: OfficeRef): Value {
  if (ref.kind === "blanco") return ref.v;
  if (ref.kind === "desconocida") return ref.text;
  const o = offices[ref.i % offices.length];
  if (ref.kind === "sigla" && o.sigla) return ref.how % 2 ? variant(o.sigla, ref.how) : o.sigla;
  if (ref.kind === "variante") return variant(o.nombre, ref.how);
  return o.nombre;
}

function idValue(id: IdChoice): Value {
  return id.v;
}

/** Unicode-aware truncation to Excel's 31 UTF-16 units, never splitting a character. */
export function fitSheetName(name: string): string {
  let out = "";
  for (const ch of Array.from(name)) {
    if ((out + ch).length > 31) break;
    out += ch;
  }
  return out;
}


/**
 * Sheets from choices. In a clean workbook offices whose names or siglas repeat (ignoring case and
 * accents) are merged away first, so that nothing is ambiguous.
 */
export function materialize(c: GenChoices): GenWorkbook {
  let offices = c.offices.map((o) => ({ ...o, nombre: o.nombre.trim() ? o.nombre : `x${o.nombre}` }));
  if (c.clean) {
    const seen = new Set<string>();
    offices = offices.filter((o) => {
      const keys = [key(o.nombre), ...(o.sigla && o.sigla.trim() ? [key(o.sigla)] : [])];
      if (keys.some((k) => seen.has(k))) return false;
      keys.forEach((k) => seen.add(k));
      return true;
    });
  }
  const sheets: GenSheet[] = [];

  if (c.depSheet) {
    const s = inputSheet("Dependencias", c.depSheet.layout, "Dependencias");
    const fields = ["dependencia", "sigla", "titulo"];
    s.fields = fields;
    s.headers = headersOf(fields, c.depSheet.layout.headerHow);
    for (const o of offices) s.rows.push([cell(o.nombre), cell(o.sigla), cell(o.titulo)]);
    for (const x of c.depSheet.extraRows) {
      const o = offices[x.i % offices.length];
      s.rows.push([cell(variant(o.nombre, x.how)), cell(null), cell("Fila repetida")]);
    }
    if (c.depSheet.blankNameRow) s.rows.push([cell(null), cell("SIN-NOMBRE"), cell(null)]);
    sheets.push(s);
  }

  /** In a clean workbook an id typed twice (ignoring case, accents, spaces) is left blank the second time. */
  const idCell = (seen: Set<string>, id: IdChoice): GenCell => {
    if (!c.clean || id.kind === "blank") return cell(idValue(id));
    const k = key(String(id.v));
    if (seen.has(k)) return cell(null);
    seen.add(k);
    return cell(idValue(id));
  };

  if (c.actividades) {
    const a = c.actividades;
    const ids = new Set<string>();
    const s = inputSheet("Actividades", a.layout, "Actividades");
    s.fields = columnsOf(a.layout, ACT_REQUIRED, ACT_OPTIONAL, a.dropRequired);
    s.headers = headersOf(s.fields, a.layout.headerHow);
    // Without a Dependencias sheet, an office is known by its name as Actividades writes it.
    const refText = (ref: OfficeRef) => (c.depSheet || ref.kind !== "sigla" ? officeText(offices, ref) : officeText(offices, { ...ref, kind: "nombre" }));
    for (const r of a.rows) {
      if (!r) {
        s.rows.push(s.fields.map(() => cell(null)));
        continue;
      }
      const byField: Record<string, GenCell> = {
        id: idCell(ids, r.id),
        dependencia: cell(refText(r.dep)),
        actividad: r.actividad,
        programado1: r.counts[0],
        ejecutado1: r.counts[1],
        programado2: r.counts[2],
        ejecutado2: r.counts[3],
        programado3: r.counts[4],
        ejecutado3: r.counts[5],
        responsable: r.responsable,
        evidencias: r.evidencias,
        observaciones: r.observaciones,
        extra: r.extra,
      };
      s.rows.push(s.fields.map((f) => byField[f]));
    }
    if (s.table && s.rows.length === 0) s.rows.push(s.fields.map(() => cell(null)));
    sheets.push(s);
  }

  if (c.compromisos) {
    const k = c.compromisos;
    const ids = new Set<string>();
    const s = inputSheet("Compromisos", k.layout, "Compromisos");
    s.fields = columnsOf(k.layout, COMP_REQUIRED, COMP_OPTIONAL, k.dropRequired);
    s.headers = headersOf(s.fields, k.layout.headerHow);
    for (const r of k.rows) {
      if (!r) {
        s.rows.push(s.fields.map(() => cell(null)));
        continue;
      }
      const byField: Record<string, GenCell> = {
        id: idCell(ids, r.id),
        fecha: r.fecha,
        mesa: r.mesa,
        compromiso: r.compromiso,
        responsable: cell(r.responsable.kind === "otra" ? r.responsable.text : officeText(offices, r.responsable)),
        estado: r.estado,
        fechaCorte: r.fechaCorte,
        observaciones: r.observaciones,
      };
      s.rows.push(s.fields.map((f) => byField[f]));
    }
    if (s.table && s.rows.length === 0) s.rows.push(s.fields.map(() => cell(null)));
    sheets.push(s);
  }

  if (c.config) {
    const v = c.config.values;
    const s = inputSheet("Configuración", c.config.layout, "Configuración");
    s.fields = ["clave", "valor"];
    s.headers = headersOf(s.fields, c.config.layout.headerHow);
    const clave = (k: string) => (v.claveHow % 3 === 0 ? k : v.claveHow % 3 === 1 ? k.toUpperCase() : ` ${k.toLowerCase()} `);
    const row = (k: string, valor: GenCell) => s.rows.push([cell(clave(k)), valor]);
    if (v.entidad !== null) row("Entidad", cell(v.entidad));
    if (v.plan !== null) row("Plan", cell(v.plan));
    if (v.vigencia.kind === "ok") row("Vigencia", cell(v.vigencia.v));
    else if (v.vigencia.kind === "blank") row("Vigencia", cell(null));
    else if (v.vigencia.kind === "bad") row("Vigencia", cell(v.vigencia.v, { bad: ["bad-config"] }));
    if (v.cuatrimestre.kind === "ok") row("Cuatrimestre", cell(v.cuatrimestre.v));
    else if (v.cuatrimestre.kind === "blank") row("Cuatrimestre", cell(null));
    else if (v.cuatrimestre.kind === "bad") row("Cuatrimestre", cell(v.cuatrimestre.v, { bad: ["bad-config"] }));
    const aCargo = "Dependencia a cargo de compromisos";
    if (v.aCargo.kind === "office") {
      const ref = v.aCargo.ref;
      row(aCargo, cell(c.depSheet || ref.kind !== "sigla" ? officeText(offices, ref) : officeText(offices, { ...ref, kind: "nombre" })));
    } else if (v.aCargo.kind === "otra") row(aCargo, cell(v.aCargo.text));
    else if (v.aCargo.kind === "blank") row(aCargo, cell(null));
    if (v.umbralBajo.kind === "ok") row("Umbral bajo", cell(v.umbralBajo.v));
    else if (v.umbralBajo.kind === "bad") row("Umbral bajo", cell(v.umbralBajo.v, { bad: ["bad-config"] }));
    if (v.unknownKey) row("Clave inventada", cell("lo que sea"));
    if (s.rows.length === 0) s.rows.push([cell(null), cell(null)]);
    sheets.push(s);
  }

  // The official's own sheets: names the report wants, in another case, or cut like the report cuts.
  const taken = new Set(sheets.map((s) => s.name.toUpperCase()));
  const inputKeys = new Set(["actividades", "compromisos", "dependencias", "configuracion"]);
  for (const u of c.userSheets) {
    const o = offices[u.officeIndex % offices.length];
    const label = (o.sigla && o.sigla.trim()) || (o.titulo && o.titulo.trim()) || o.nombre.trim();
    const bases = ["Resumen", "Seguimiento compromisos", `3.${(u.officeIndex % offices.length) + 1} ${label}`, "Notas 🎉", "Hoja del funcionario con un nombre largo"];
    let name = bases[u.base % bases.length];
    name = u.how % 3 === 0 ? name.toUpperCase() : u.how % 3 === 1 ? name.toLowerCase() : name;
    // "&" stays out: ExcelJS reads "&amp;" in a sheet name as "&" (it decodes the XML twice), a
    // reader fault of its own that would rename the official's sheet "a &amp; b" (reported).
    // The same goes for the offices' names (nameText).
    name = fitSheetName(name.replace(/[:\\/?*[\]]/g, "-").replace(/[\t\r\n]/g, " ").replace(/&/g, "y").trim()).trim().replace(/^'+|'+$/g, "");
    if (!name || taken.has(name.toUpperCase()) || inputKeys.has(key(name)) || name.toUpperCase() === "HISTORY") continue;
    taken.add(name.toUpperCase());
    const s = blankSheet(name, null, null);
    s.cells = [
      { row: 1, col: 1, value: "=1+1" },
      { row: 2, col: 1, value: 42 },
      { row: 3, col: 1, value: null, formula: "1+2" },
      { row: 4, col: 2, value: "Notas del funcionario 🎉\ncon salto" },
    ];
    sheets.push(s);
  }

  const order = sheets.map((s, i) => ({ s, k: c.sheetOrder[i % c.sheetOrder.length] * 10 + i }));
  order.sort((a, b) => a.k - b.k);
  return { sheets: order.map((x) => x.s), clean: c.clean };
}
