/** `Configuración`: two columns, Clave and Valor, each Clave with a default. */
import { CLAVES_CONFIGURACION, HOJA_CONFIGURACION, type ClaveConfiguracion, type ColumnaContrato } from "../contract";
import { CUATRIMESTRES, parseCuatrimestre, type Cuatrimestre } from "../cuatrimestre";
import { umbralesInvalidos } from "../bands";
import { PLAN_POR_DEFECTO, UMBRALES_POR_DEFECTO, type Configuracion, type Umbrales } from "../model";
import type { RawCell, RawValue } from "../raw";
import { normalizeKey } from "../text";
import type { Located } from "./locate";
import { RowReader } from "./rows";
import { isBlankValue, isErrorCell, MAX_YEAR, MIN_YEAR, reportFormulaError, show, textOf, type ProblemList } from "./values";

export type CampoConfiguracion = "clave" | "valor";

/** The columns of Configuración (the template writes them too). */
export const COLUMNAS_CONFIGURACION: ColumnaContrato<CampoConfiguracion>[] = [
  { field: "clave", header: "Clave", required: true, ayuda: "Nombre del ajuste: no lo cambie." },
  { field: "valor", header: "Valor", required: true, ayuda: "Valor del ajuste (vacío: el valor por defecto)." },
];

/** What Configuración says, cell by cell. */
export interface EntradasConfiguracion {
  sheet: string;
  tableName: string | null;
  /** normalizeKey(Clave) -> address of its Valor cell. */
  valores: Record<string, string>;
  /** The Valor cell of each known Clave (its first row). */
  celdas: Partial<Record<ClaveConfiguracion, RawCell>>;
}

const CLAVE_POR_KEY = new Map<string, ClaveConfiguracion>(CLAVES_CONFIGURACION.map((c) => [normalizeKey(c), c]));

/** Reads the Clave/Valor rows; unknown or repeated Claves are warnings (bad-config). */
export function readConfiguracion(input: Located<CampoConfiguracion>, problems: ProblemList): EntradasConfiguracion {
  const r = new RowReader(input, problems);
  const out: EntradasConfiguracion = { sheet: input.sheet, tableName: input.tableName, valores: {}, celdas: {} };
  const firstAt = new Map<string, string>();
  for (const row of input.rows) {
    const claveCell = r.cell(row, "clave")!;
    const valorCell = r.cell(row, "valor")!;
    const texto = r.text(row, "clave");
    if (!texto) continue;
    const key = normalizeKey(texto);
    const first = firstAt.get(key);
    if (first !== undefined) {
      problems.add(
        "bad-config",
        "warning",
        input.sheet,
        claveCell.address,
        `la clave «${texto}» se repite (ya está en ${input.sheet}!${first}): se usa la primera; borre esta fila.`,
        `the key "${texto}" is repeated (already in ${input.sheet}!${first}): the first one is used; delete this row.`,
      );
      continue;
    }
    firstAt.set(key, claveCell.address);
    out.valores[key] = valorCell.address;
    const clave = CLAVE_POR_KEY.get(key);
    if (clave) out.celdas[clave] = valorCell;
    else {
      const valid = CLAVES_CONFIGURACION.map((c) => `«${c}»`).join(", ");
      problems.add(
        "bad-config",
        "warning",
        input.sheet,
        claveCell.address,
        `«${texto}» no es una clave conocida y se ignora: las claves son ${valid}; corrija la clave o borre la fila.`,
        `"${texto}" is not a known key and is ignored: the keys are ${CLAVES_CONFIGURACION.map((c) => `"${c}"`).join(", ")}; fix the key or delete the row.`,
      );
    }
  }
  return out;
}

/** What the defaults depend on. */
export interface ConfigContext {
  /** ISO dates of the commitments. */
  fechas: string[];
  /** Per cuatrimestre: is anything executed in it? */
  ejecutado: [boolean, boolean, boolean];
  today: Date;
}

/** "60 %" (es) / "60%" (en) */
export function pct(x: number, lang: "es" | "en"): string {
  const n = Math.round(x * 1000) / 10;
  return lang === "es" ? `${String(n).replace(".", ",")} %` : `${n}%`;
}

/** A year of a plan: 2021, "2021". */
export function parseVigencia(v: RawValue): number | null {
  let n: number | null = null;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^\d{4}$/.test(v.trim())) n = Number(v.trim());
  return n !== null && Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR ? n : null;
}

/**
 * A threshold as a proportion. Officials write it as Excel shows it: 0.6 or a cell formatted as
 * percentage (0.6 stored), "60%" or "0,6" as text, or plain 60. A proportion above 10 (1000 %)
 * makes no sense as a threshold, so a number above 10 is read as a percentage: 60 means 60 %.
 * Null when it is none of these or falls outside [0, 10] once read.
 *
 * @example parseUmbral(0.6) === 0.6; parseUmbral("60%") === 0.6; parseUmbral(60) === 0.6; parseUmbral("1,2") === 1.2
 */
export function parseUmbral(v: RawValue, numberFormat?: string): number | null {
  let n: number;
  let percent = false;
  if (typeof v === "number") {
    n = v;
    // A percentage-formatted cell already stores the proportion.
    if (numberFormat && numberFormat.includes("%")) return Number.isFinite(n) && n >= 0 && n <= 10 ? n : null;
  } else if (typeof v === "string") {
    let s = v.trim().replace(/\s+/g, "");
    if (s.endsWith("%")) {
      percent = true;
      s = s.slice(0, -1);
    }
    if (!/^\+?(\d+([.,]\d+)?|[.,]\d+)$/.test(s)) return null;
    n = Number(s.replace(",", "."));
  } else return null;
  if (!Number.isFinite(n) || n < 0) return null;
  if (percent || n > 10) n = n / 100;
  return n <= 10 ? n : null;
}

const UMBRAL_CLAVES: { clave: ClaveConfiguracion; field: keyof Umbrales }[] = [
  { clave: "Umbral bajo", field: "bajo" },
  { clave: "Umbral medio", field: "medio" },
  { clave: "Umbral sobreejecución", field: "sobreejecucion" },
];

/** The most frequent year of the dates (the later one on a tie), or null when there are none. */
export function anioMasFrecuente(fechas: readonly string[]): number | null {
  const counts = new Map<number, number>();
  for (const f of fechas) {
    const y = Number(f.slice(0, 4));
    if (Number.isInteger(y)) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [y, c] of counts) {
    if (best === null || c > counts.get(best)! || (c === counts.get(best)! && y > best)) best = y;
  }
  return best;
}

/**
 * The configuration: each Valor read, blanks and bad values replaced by the contract's defaults.
 * A bad value is a bad-config error at its Valor cell, saying what to write.
 */
export function resolveConfiguracion(
  entradas: EntradasConfiguracion | null,
  ctx: ConfigContext,
  problems: ProblemList,
): Configuracion {
  const sheet = entradas?.sheet ?? HOJA_CONFIGURACION;
  const cellOf = (c: ClaveConfiguracion): RawCell | null => entradas?.celdas[c] ?? null;
  /** The Valor when there is one to read; formula errors reported and treated as blank. */
  const valueOf = (c: ClaveConfiguracion): { cell: RawCell; value: RawValue } | null => {
    const cell = cellOf(c);
    if (!cell) return null;
    if (isErrorCell(cell)) {
      reportFormulaError(cell, { sheet, header: c, problems });
      return null;
    }
    return isBlankValue(cell.value) ? null : { cell, value: cell.value };
  };
  const bad = (cell: RawCell, clave: string, es: string, en: string) =>
    problems.add(
      "bad-config",
      "error",
      sheet,
      cell.address,
      `${show(cell.value, "es")} no es válido para «${clave}»: ${es}`,
      `${show(cell.value, "en")} is not valid for "${clave}": ${en}`,
    );

  const entidad = textOf(valueOf("Entidad")?.value ?? null);
  const plan = textOf(valueOf("Plan")?.value ?? null) || PLAN_POR_DEFECTO;

  const vigenciaPorDefecto = anioMasFrecuente(ctx.fechas) ?? ctx.today.getFullYear();
  let vigencia = vigenciaPorDefecto;
  const v = valueOf("Vigencia");
  if (v) {
    const y = parseVigencia(v.value);
    if (y !== null) vigencia = y;
    else {
      bad(
        v.cell,
        "Vigencia",
        `escriba el año del plan con cuatro cifras, por ejemplo ${vigenciaPorDefecto}. Mientras tanto se usa ${vigenciaPorDefecto}.`,
        `enter the plan's year with four digits, e.g. ${vigenciaPorDefecto}. Meanwhile ${vigenciaPorDefecto} is used.`,
      );
    }
  }

  let last = -1;
  ctx.ejecutado.forEach((e, i) => {
    if (e) last = i;
  });
  const cuatrimestrePorDefecto: Cuatrimestre = last >= 0 ? CUATRIMESTRES[last] : "I";
  let cuatrimestre = cuatrimestrePorDefecto;
  const c = valueOf("Cuatrimestre");
  if (c) {
    const parsed = parseCuatrimestre(typeof c.value === "string" ? c.value : c.value instanceof Date ? null : c.value);
    if (parsed) cuatrimestre = parsed;
    else {
      bad(
        c.cell,
        "Cuatrimestre",
        `escriba I (enero–abril), II (mayo–agosto) o III (septiembre–diciembre); también vale 1, 2 o 3. Mientras tanto se usa ${cuatrimestrePorDefecto}.`,
        `enter I (January–April), II (May–August) or III (September–December); 1, 2 or 3 also work. Meanwhile ${cuatrimestrePorDefecto} is used.`,
      );
    }
  }

  const dependenciaCompromisos = textOf(valueOf("Dependencia a cargo de compromisos")?.value ?? null) || null;

  const umbrales: Umbrales = { ...UMBRALES_POR_DEFECTO };
  const given: Partial<Record<keyof Umbrales, RawCell>> = {};
  for (const { clave, field } of UMBRAL_CLAVES) {
    const u = valueOf(clave);
    if (!u) continue;
    const n = parseUmbral(u.value, u.cell.numberFormat);
    if (n !== null) {
      umbrales[field] = n;
      given[field] = u.cell;
    } else {
      const d = UMBRALES_POR_DEFECTO[field];
      bad(
        u.cell,
        clave,
        `escriba el umbral como porcentaje (${pct(d, "es")}) o como proporción (${String(d).replace(".", ",")}), entre 0 y 1000 %. Mientras tanto se usa ${pct(d, "es")}.`,
        `enter the threshold as a percentage (${pct(d, "en")}) or as a proportion (${d}), between 0 and 1000%. Meanwhile ${pct(d, "en")} is used.`,
      );
    }
  }
  const why = umbralesInvalidos(umbrales);
  if (why === "bajo>medio" || why === "medio>sobre") {
    const [a, b] = why === "bajo>medio" ? (["bajo", "medio"] as const) : (["medio", "sobreejecucion"] as const);
    const cell = given[b] ?? given[a];
    if (cell) {
      const d = UMBRALES_POR_DEFECTO;
      const u = umbrales;
      problems.add(
        "bad-config",
        "error",
        sheet,
        cell.address,
        `los umbrales no están en orden: «Umbral bajo» (${pct(u.bajo, "es")}) debe ser menor o igual que «Umbral medio» (${pct(u.medio, "es")}), y este menor o igual que «Umbral sobreejecución» (${pct(u.sobreejecucion, "es")}); corrija los valores. Mientras tanto se usan los umbrales por defecto (${pct(d.bajo, "es")}, ${pct(d.medio, "es")}, ${pct(d.sobreejecucion, "es")}).`,
        `the thresholds are out of order: "Umbral bajo" (${pct(u.bajo, "en")}) must be at most "Umbral medio" (${pct(u.medio, "en")}), and that at most "Umbral sobreejecución" (${pct(u.sobreejecucion, "en")}); fix the values. Meanwhile the defaults are used (${pct(d.bajo, "en")}, ${pct(d.medio, "en")}, ${pct(d.sobreejecucion, "en")}).`,
      );
    }
    Object.assign(umbrales, UMBRALES_POR_DEFECTO);
  }

  return { entidad, plan, vigencia, cuatrimestre, dependenciaCompromisos, umbrales };
}
