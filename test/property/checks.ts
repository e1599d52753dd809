/**
 * The invariants every path (raw tables, .xlsx files, the strict Excel) must keep, as plain
 * functions that throw (jest's expect) on the first one broken.
 */
import {
  compromisosPorMes,
  figurasCorte,
  type Cuatrimestre,
  type Plan,
  type Problem,
} from "../../src/domain";
import { isFormula, type WorkbookSpec } from "../../src/report/spec";
import type { GenSheet, GenWorkbook } from "./model";
import { expectedFigures, expectedMonths, INPUT_CODES, type Expected } from "./oracle";

export const CUTS: Cuatrimestre[] = ["I", "II", "III"];

/** "now" of every run: the default Vigencia and the title block depend on it. */
export const TODAY = new Date(Date.UTC(2022, 0, 14, 12, 0, 0));

const describeProblem = (p: Problem) => `${p.severity} ${p.code} ${p.ref}: ${p.message.es}`;

/** Every cell the generator made invalid is reported at its address, and no valid cell is. */
export function checkProblems(problems: Problem[], exp: Expected): void {
  for (const p of problems) {
    expect(p.ref).toBe(p.cell ? `${p.sheet}!${p.cell}` : p.sheet);
    expect(p.message.es.length).toBeGreaterThan(0);
    expect(p.message.en.length).toBeGreaterThan(0);
    // Messages name the cell to fix first.
    if (p.cell && !INPUT_CODES.has(p.code)) expect(p.message.es.startsWith(`${p.ref}: `)).toBe(true);
  }
  const errors = problems.filter((p) => p.severity === "error");
  const cellErrors = errors.filter((p) => !INPUT_CODES.has(p.code));
  const missing = [...exp.cellErrors.values()]
    .filter((e) => !cellErrors.some((p) => p.sheet === e.sheet && p.cell === e.cell && e.codes.has(p.code)))
    .map((e) => `${e.sheet}!${e.cell} (${[...e.codes].join("|")})`);
  const unexpected = cellErrors.filter((p) => !exp.cellErrors.has(`${p.sheet}!${p.cell}`)).map(describeProblem);
  expect({ missing, unexpected }).toEqual({ missing: [], unexpected: [] });
  const inputLevel = (xs: { sheet: string; code: string }[]) => xs.map((x) => `${x.sheet}:${x.code}`).sort();
  expect(inputLevel(errors.filter((p) => INPUT_CODES.has(p.code)))).toEqual(inputLevel(exp.inputErrors));
}

/** The plan parsed is the one the oracle worked out, and its figures are the plain sums of its rows. */
export function checkPlan(plan: Plan | null, exp: Expected): void {
  if (exp.plan === null) {
    expect(plan).toBeNull();
    return;
  }
  expect(plan).not.toBeNull();
  const p = plan!;
  const e = exp.plan;
  expect({ vigencia: p.config.vigencia, cut: p.config.cuatrimestre, aCargo: p.config.dependenciaCompromisos }).toEqual({
    vigencia: e.vigencia,
    cut: e.cut,
    aCargo: e.dependenciaCompromisos,
  });
  expect(p.dependencias.map((d) => ({ nombre: d.nombre, sigla: d.sigla, titulo: d.titulo }))).toEqual(e.offices);
  expect(p.dependencias.map((d) => d.numero)).toEqual(e.offices.map((_, i) => i + 1));
  expect(
    p.actividades.map((a) => ({ id: a.id, idGenerado: a.idGenerado, fila: a.fila, dependencia: a.dependencia, programado: a.programado, ejecutado: a.ejecutado })),
  ).toEqual(e.actividades);
  expect(
    p.compromisos.map((c) => ({ id: c.id, idGenerado: c.idGenerado, fila: c.fila, fecha: c.fecha, responsable: c.responsable, estado: c.estado, fechaCorte: c.fechaCorte })),
  ).toEqual(e.compromisos);
  for (const cut of CUTS) {
    const f = figurasCorte(p, cut);
    const x = expectedFigures(e, cut);
    expect({
      vigencia: { programado: f.vigencia.programado, ejecutado: f.vigencia.ejecutado },
      periodo: { programado: f.periodo.programado, ejecutado: f.periodo.ejecutado },
      anualProgramado: f.anual.programado,
      dependencias: f.dependencias.map((d) => ({ nombre: d.nombre, programado: d.programado, ejecutado: d.ejecutado, actividades: d.actividades.length })),
    }).toEqual(x);
    expect(f.vigencia.cumplimiento).toBe(x.vigencia.programado > 0 ? x.vigencia.ejecutado / x.vigencia.programado : null);
    const months = compromisosPorMes(p, cut).map((m) => ({
      mes: m.mes,
      recogidos: m.recogidos,
      noACargo: m.noACargo,
      aCargo: m.aCargo,
      cumplido: m.cumplido,
      enAvance: m.enAvance,
      sinIniciar: m.sinIniciar,
      porReportar: m.porReportar,
      corte: m.corte,
    }));
    expect(months).toEqual(expectedMonths(e, cut));
  }
}

const FORBIDDEN = /[:\\/?*[\]]/;

/** Why Excel would refuse a sheet name, or null when it accepts it. */
export function sheetNameFault(name: string): string | null {
  if (name.trim() === "") return "blank";
  // Excel counts UTF-16 units: an emoji takes two of the 31.
  if (name.length > 31) return `${name.length} characters`;
  if (FORBIDDEN.test(name)) return "forbidden character";
  if (name.startsWith("'") || name.endsWith("'")) return "apostrophe at an end";
  if (name.toUpperCase() === "HISTORY") return "reserved";
  return null;
}

/** Generated sheet names are valid, unique ignoring case, and clear of the workbook's other sheets. */
export function checkSheetNames(generated: string[], taken: string[]): void {
  const faults = generated.map((n) => ({ n, fault: sheetNameFault(n) })).filter((x) => x.fault !== null);
  expect(faults).toEqual([]);
  const upper = generated.map((n) => n.toUpperCase());
  expect(new Set(upper).size).toBe(generated.length);
  const takenUpper = new Set(taken.map((n) => n.toUpperCase()));
  expect(upper.filter((n) => takenUpper.has(n))).toEqual([]);
}

/** The texts of a workbook an official typed (trimmed), to find them again in the outputs. */
export function userTexts(wb: GenWorkbook): Set<string> {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === "string" && v.trim()) out.add(v.trim());
  };
  for (const s of wb.sheets) {
    s.preamble.forEach((p) => add(p.value));
    s.rows.forEach((r) => r.forEach((c) => add(c.value)));
    s.cells.forEach((c) => add(c.value));
  }
  return out;
}

/** Every formula of a spec: cells, conditional formats, names, computed columns. */
export function specFormulas(spec: WorkbookSpec): string[] {
  const out: string[] = [];
  for (const s of spec.sheets) {
    for (const b of s.blocks) for (const row of b.cells) for (const c of row) if (isFormula(c)) out.push(c.f);
    for (const cf of s.conditionalFormats) for (const r of cf.rules) out.push(r.formula);
  }
  for (const n of spec.names) out.push(n.refersTo);
  for (const cc of spec.computedColumns) for (const c of cc.columns) out.push(c.formula);
  return out;
}

/** Every literal string of a spec's cells. */
export function specStrings(spec: WorkbookSpec): Set<string> {
  const out = new Set<string>();
  for (const s of spec.sheets) for (const b of s.blocks) for (const row of b.cells) for (const c of row) if (typeof c === "string") out.add(c);
  return out;
}

/**
 * No text of the official's became a formula of the report, every formula keeps its string
 * literals closed (a quote inside a name is doubled), and the offices' names are shown as the
 * literal text they are.
 */
export function checkNoInjection(spec: WorkbookSpec, plan: Plan, texts: Set<string>): void {
  const formulas = specFormulas(spec);
  expect(formulas.filter((f) => texts.has(f.trim()))).toEqual([]);
  expect(formulas.filter((f) => !f.startsWith("="))).toEqual([]);
  expect(formulas.filter((f) => (f.match(/"/g)?.length ?? 0) % 2 !== 0)).toEqual([]);
  // Excel's limits: 8,192 characters per formula, 255 per text literal inside one.
  expect(formulas.filter((f) => f.length > 8192).map((f) => `${f.length} characters: ${f.slice(0, 80)}…`)).toEqual([]);
  const literals = formulas.flatMap((f) => [...f.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"')));
  expect(literals.filter((l) => l.length > 255).map((l) => `${l.length} characters: ${l.slice(0, 80)}…`)).toEqual([]);
  const strings = specStrings(spec);
  const notShown = plan.dependencias.filter((d) => !strings.has(d.nombre) || !strings.has(d.titulo)).map((d) => d.nombre);
  expect(notShown).toEqual([]);
}

/** The spec as JSON with its sheets, for byte comparisons. */
export function specJson(spec: WorkbookSpec): string {
  return JSON.stringify(spec);
}

/**
 * Where a generation may write into an input sheet: the blank ID cells it fills with the ids parsing
 * generated, and the columns it appends right of the table (an ID column, the computed columns).
 */
export function allowedNewCell(s: GenSheet, exp: Expected, row: number, col: number, value: unknown): boolean {
  if (!s.input || !exp.plan) return false;
  const lastCol = s.firstCol + s.headers.length - 1;
  const lastRow = s.headerRow + Math.max(1, s.rows.length);
  if (col > lastCol && row >= s.headerRow && row <= lastRow) return true;
  const idCol = s.fields.indexOf("id");
  if (idCol < 0 || col !== s.firstCol + idCol) return false;
  const rows = s.input === "Actividades" ? exp.plan.actividades : s.input === "Compromisos" ? exp.plan.compromisos : [];
  const r = rows.find((x) => x.fila === row) as { id: string; idGenerado?: boolean } | undefined;
  return r !== undefined && r.idGenerado !== false && value === r.id;
}

/** Is this address a header cell of the sheet's input (which a generation may trim)? */
export function isHeaderCell(s: GenSheet, row: number, col: number): boolean {
  return s.headers.length > 0 && row === s.headerRow && col >= s.firstCol && col < s.firstCol + s.headers.length;
}

/**
 * Excel's limits on a sheet: 255 characters in a page header or footer (all three sections and codes
 * included), rows of at most 409 points, columns of at most 255 characters, 32,767 characters a cell.
 */
export function checkSheetLimits(spec: WorkbookSpec): void {
  const long: string[] = [];
  for (const s of spec.sheets) {
    for (const [row, h] of Object.entries(s.rowHeights ?? {})) if (!(h > 0 && h <= 409)) long.push(`${s.name} row ${row}: height ${h}`);
    s.columnWidths.forEach((w, i) => {
      if (w > 255) long.push(`${s.name} column ${i + 1}: width ${w}`);
    });
    for (const b of s.blocks) for (const r of b.cells) for (const c of r) if (typeof c === "string" && c.length > 32767) long.push(`${s.name}: a text of ${c.length} characters`);
  }
  for (const s of spec.sheets) {
    for (const [what, hf] of [["header", s.print?.header], ["footer", s.print?.footer]] as const) {
      if (!hf) continue;
      const text = `${hf.left ? `&L${hf.left}` : ""}${hf.center ? `&C${hf.center}` : ""}${hf.right ? `&R${hf.right}` : ""}`;
      if (text.length > 255) long.push(`${s.name} ${what}: ${text.length} characters`);
    }
  }
  expect(long).toEqual([]);
}
