/**
 * Names of the generated sheets, per the contract: at most 31 characters, none of `: \ / ? * [ ]`,
 * unique ignoring case (also against names already taken by the inputs and the user's own sheets),
 * and the same for the same input.
 */
import type { Dependencia } from "../domain";
import type { DefinedNameSpec } from "./spec";

export const MAX_SHEET_NAME = 31;
export const HOJA_RESUMEN = "Resumen";
export const HOJA_SEGUIMIENTO_COMPROMISOS = "Seguimiento compromisos";

/** A generated sheet's stable key and its name. */
export interface GeneratedSheetName {
  /** "resumen", "dependencia:<n>", "compromisos". */
  key: string;
  name: string;
}

export interface ReportSheetNames {
  resumen: string;
  /** In report order: dependencias[i] is the sheet of the dependency numbered i + 1. */
  dependencias: string[];
  compromisos: string;
  /** All of them, in workbook order. */
  all: GeneratedSheetName[];
}

/**
 * A sheet name Excel accepts: forbidden characters become "-", spaces collapse, no leading or
 * trailing apostrophe, at most 31 characters.
 *
 * @example cleanSheetName("3.2 Paz/Víctimas: [ACPVR]") === "3.2 Paz-Víctimas- -ACPVR-"
 */
export function cleanSheetName(raw: string): string {
  let s = raw.replace(/[:\\/?*[\]]/g, "-").replace(/[\u0000-\u001f]/g, " ").replace(/\s+/g, " ").trim();
  s = s.replace(/^'+/, "").trim();
  s = truncate(s, MAX_SHEET_NAME);
  s = s.replace(/'+$/, "").trim();
  // "History" is reserved by Excel.
  if (s === "" || s.toUpperCase() === "HISTORY") s = s === "" ? "Hoja" : `${s} (1)`;
  return s;
}

function truncate(s: string, max: number): string {
  // Excel counts UTF-16 units (an emoji takes two of the 31); cut between code points, so an
  // emoji is never split in half.
  if (s.length <= max) return s;
  let out = "";
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.trimEnd();
}

/**
 * Makes `wanted` unique against `taken` (compared ignoring case), adding " (2)", " (3)"... and
 * shortening the base so the result stays within 31 characters. Adds the result to `taken`.
 */
export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const base = cleanSheetName(wanted);
  let name = base;
  for (let i = 2; taken.has(name.toUpperCase()); i++) {
    const suffix = ` (${i})`;
    name = `${truncate(base, MAX_SHEET_NAME - suffix.length).replace(/'+$/, "")}${suffix}`;
  }
  taken.add(name.toUpperCase());
  return name;
}

/** The wanted (not yet de-duplicated) name of a dependency's sheet: "3.1 OAP", or its title when it has no sigla. */
export function dependencySheetBaseName(d: Pick<Dependencia, "numero" | "sigla" | "titulo" | "nombre">): string {
  const label = (d.sigla && d.sigla.trim()) || d.titulo.trim() || d.nombre.trim();
  return `3.${d.numero} ${label}`;
}

/**
 * The names of every generated sheet, deterministic for the same dependencies and taken names.
 *
 * @param takenSheetNames names to avoid: the input sheets and the user's own sheets (not the sheets
 *   of a previous generation, which are replaced).
 */
export function reportSheetNames(
  dependencias: readonly Pick<Dependencia, "numero" | "sigla" | "titulo" | "nombre">[],
  takenSheetNames: readonly string[] = [],
): ReportSheetNames {
  const taken = new Set(takenSheetNames.map((n) => n.toUpperCase()));
  const resumen = uniqueSheetName(HOJA_RESUMEN, taken);
  const dependenciasNames = dependencias.map((d) => uniqueSheetName(dependencySheetBaseName(d), taken));
  const compromisos = uniqueSheetName(HOJA_SEGUIMIENTO_COMPROMISOS, taken);
  return {
    resumen,
    dependencias: dependenciasNames,
    compromisos,
    all: [
      { key: "resumen", name: resumen },
      ...dependencias.map((d, i) => ({ key: `dependencia:${d.numero}`, name: dependenciasNames[i] })),
      { key: "compromisos", name: compromisos },
    ],
  };
}

/**
 * The workbook-level name that records which sheets the last generation wrote, so the next one
 * replaces exactly those and never a sheet of the official's. An array constant of the names
 * (`={"Resumen","3.1 OAP"}`): each item stays under Excel's 255-character string limit however many
 * sheets there are, and both writers (file and Office.js) can store it.
 */
export const NOMBRE_HOJAS_GENERADAS = "PIPC_Hojas_Generadas";

/** The marker name for the generated sheets. */
export function generatedSheetsName(sheetNames: readonly string[]): DefinedNameSpec {
  const items = sheetNames.map((n) => `"${n.replace(/"/g, '""')}"`).join(",");
  return {
    name: NOMBRE_HOJAS_GENERADAS,
    refersTo: `={${items}}`,
    comment: "Hojas generadas por Seguimiento PIPC: se reemplazan al generar de nuevo",
  };
}

/**
 * The sheet names recorded by a marker's formula (with or without "="); [] when it is not one.
 *
 * @example parseGeneratedSheetsName('={"Resumen","3.1 OAP"}') // ["Resumen", "3.1 OAP"]
 */
export function parseGeneratedSheetsName(refersTo: string): string[] {
  const m = /^=?\s*\{([\s\S]*)\}\s*$/.exec(refersTo);
  if (!m) return [];
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"/g;
  for (let x = re.exec(m[1]); x; x = re.exec(m[1])) out.push(x[1].replace(/""/g, '"'));
  return out;
}
