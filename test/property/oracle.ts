/**
 * What a generated workbook must give, worked out from the model alone with the contract's rules
 * (docs/workbook-contract.md), written again here rather than borrowed from src/domain: every cell
 * that must be reported (and with which codes), the offices, the activities with their ids, and the
 * figures as plain sums of the valid rows.
 */
import { cellAddress, type Cuatrimestre, type EstadoCompromiso, type ProblemCode } from "../../src/domain";
import type { GenCell, GenSheet, GenWorkbook, InputName, Value } from "./model";
import { key } from "./render";

export interface ExpectedCellError {
  sheet: string;
  cell: string;
  codes: Set<ProblemCode>;
}

export interface ExpectedOffice {
  nombre: string;
  sigla: string | null;
  titulo: string;
}

export interface ExpectedActividad {
  id: string;
  idGenerado: boolean;
  fila: number;
  /** The office's nombre when resolved, else the text as typed (trimmed). */
  dependencia: string;
  programado: [number, number, number];
  ejecutado: [number, number, number];
}

export interface ExpectedCompromiso {
  id: string;
  idGenerado: boolean;
  fila: number;
  fecha: string;
  responsable: string;
  estado: EstadoCompromiso;
  fechaCorte: string | null;
}

export interface ExpectedMonth {
  mes: string;
  recogidos: number;
  noACargo: number;
  aCargo: number;
  cumplido: number;
  enAvance: number;
  sinIniciar: number;
  porReportar: number;
  corte: string | null;
}

export interface Expected {
  /** "sheet!A1" -> the error that must be reported there. */
  cellErrors: Map<string, ExpectedCellError>;
  /** Errors about a whole input: a missing sheet, an unusable header row, an empty plan. */
  inputErrors: { sheet: string; code: ProblemCode }[];
  plan: null | {
    vigencia: number;
    cut: Cuatrimestre;
    dependenciaCompromisos: string | null;
    offices: ExpectedOffice[];
    actividades: ExpectedActividad[];
    compromisos: ExpectedCompromiso[];
  };
}

/** Codes about a whole input rather than one cell. */
export const INPUT_CODES = new Set<ProblemCode>(["missing-sheet", "header-row-not-found", "missing-header", "empty-plan"]);

const REQUIRED: Record<InputName, string[]> = {
  Actividades: ["dependencia", "actividad"],
  Compromisos: ["fecha", "compromiso", "responsable"],
  Dependencias: ["dependencia"],
  Configuración: ["clave", "valor"],
};

export function isBlank(c: GenCell | undefined): boolean {
  if (!c) return true;
  if (c.error) return false;
  return c.value === null || (typeof c.value === "string" && c.value.trim() === "");
}

export function textOf(v: Value): string {
  if (v === null) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "VERDADERO" : "FALSO";
  return v.toISOString().slice(0, 10);
}

interface Row {
  fila: number;
  cells: Map<string, { c: GenCell; address: string }>;
}

function rowsOf(s: GenSheet): Row[] {
  return s.rows.map((r, i) => {
    const fila = s.headerRow + 1 + i;
    const cells = new Map<string, { c: GenCell; address: string }>();
    s.fields.forEach((f, j) => {
      if (f !== "extra") cells.set(f, { c: r[j], address: cellAddress(fila, s.firstCol + j) });
    });
    return { fila, cells };
  });
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Works out what parsing must find in a generated workbook. */
export function expectedOf(wb: GenWorkbook, today: Date): Expected {
  const cellErrors = new Map<string, ExpectedCellError>();
  const inputErrors: Expected["inputErrors"] = [];
  const fail = (sheet: string, address: string, ...codes: ProblemCode[]) => {
    const k = `${sheet}!${address}`;
    const e = cellErrors.get(k) ?? { sheet, cell: address, codes: new Set<ProblemCode>() };
    codes.forEach((c) => e.codes.add(c));
    cellErrors.set(k, e);
  };
  const find = (input: InputName) => wb.sheets.find((s) => s.input === input) ?? null;
  /** The sheet if its header row is usable; reports it otherwise. */
  const usable = (input: InputName): GenSheet | null => {
    const s = find(input);
    if (!s) return null;
    if (REQUIRED[input].every((f) => s.fields.includes(f))) return s;
    inputErrors.push({ sheet: s.name, code: s.table ? "missing-header" : "header-row-not-found" });
    return null;
  };
  /** Every cell the generator made invalid in a row that is read. */
  const reportBad = (sheet: string, r: Row) => {
    for (const { c, address } of r.cells.values()) if (c.bad) fail(sheet, address, ...c.bad);
  };
  const requiredText = (sheet: string, r: Row, field: string): string => {
    const x = r.cells.get(field)!;
    if (x.c.error) return "";
    const t = textOf(x.c.value);
    if (!t) fail(sheet, x.address, "missing-value");
    return t;
  };
  const assignIds = (sheet: string, rows: Row[], prefix: string): { id: string; idGenerado: boolean }[] => {
    const typed = rows.map((r) => {
      const x = r.cells.get("id");
      return x && !x.c.error ? textOf(x.c.value) : "";
    });
    const used = new Set(typed.filter((t) => t).map(key));
    const first = new Set<string>();
    let next = 1;
    return rows.map((r, i) => {
      const t = typed[i];
      if (t) {
        if (first.has(key(t))) fail(sheet, r.cells.get("id")!.address, "duplicate-id");
        first.add(key(t));
        return { id: t, idGenerado: false };
      }
      while (used.has(key(`${prefix}-${pad(next, 3)}`))) next++;
      const id = `${prefix}-${pad(next++, 3)}`;
      used.add(key(id));
      return { id, idGenerado: true };
    });
  };

  // Dependencias
  const accepted: ExpectedOffice[] = [];
  const depSheet = usable("Dependencias");
  if (depSheet) {
    const seen = new Set<string>();
    for (const r of rowsOf(depSheet)) {
      if ([...r.cells.values()].every((x) => isBlank(x.c))) continue;
      reportBad(depSheet.name, r);
      const nombre = requiredText(depSheet.name, r, "dependencia");
      const sigla = r.cells.has("sigla") ? textOf(r.cells.get("sigla")!.c.value) : "";
      const titulo = r.cells.has("titulo") ? textOf(r.cells.get("titulo")!.c.value) : "";
      if (!nombre) continue;
      const keys = [{ k: key(nombre), address: r.cells.get("dependencia")!.address }];
      if (sigla && key(sigla) !== key(nombre)) keys.push({ k: key(sigla), address: r.cells.get("sigla")!.address });
      const clash = keys.find((k) => seen.has(k.k));
      if (clash) {
        fail(depSheet.name, clash.address, "duplicate-id");
        continue;
      }
      keys.forEach((k) => seen.add(k.k));
      accepted.push({ nombre, sigla: sigla || null, titulo: titulo || nombre });
    }
  }
  const fromSheet = accepted.length > 0;
  const offices: ExpectedOffice[] = fromSheet ? accepted : [];
  const officeByKey = new Map<string, ExpectedOffice>();
  for (const o of offices) {
    for (const k of [key(o.nombre), ...(o.sigla ? [key(o.sigla)] : [])]) if (!officeByKey.has(k)) officeByKey.set(k, o);
  }

  // Actividades
  const actividades: ExpectedActividad[] = [];
  const actSheet = find("Actividades");
  if (!actSheet) inputErrors.push({ sheet: "Actividades", code: "missing-sheet" });
  const act = usable("Actividades");
  if (act) {
    const rows = rowsOf(act).filter((r) => [...r.cells.values()].some((x) => !isBlank(x.c)));
    if (rows.length === 0) inputErrors.push({ sheet: act.name, code: "empty-plan" });
    const ids = assignIds(act.name, rows, "A");
    rows.forEach((r, i) => {
      reportBad(act.name, r);
      const depText = requiredText(act.name, r, "dependencia");
      requiredText(act.name, r, "actividad");
      let dependencia = depText;
      if (depText) {
        let o = officeByKey.get(key(depText));
        if (!o && !fromSheet) {
          o = { nombre: depText, sigla: null, titulo: depText };
          offices.push(o);
          officeByKey.set(key(depText), o);
        }
        if (o) dependencia = o.nombre;
        else fail(act.name, r.cells.get("dependencia")!.address, "unknown-dependency");
      }
      const count = (f: string) => r.cells.get(f)?.c.count ?? 0;
      actividades.push({
        ...ids[i],
        fila: r.fila,
        dependencia,
        programado: [count("programado1"), count("programado2"), count("programado3")],
        ejecutado: [count("ejecutado1"), count("ejecutado2"), count("ejecutado3")],
      });
    });
  }

  // Compromisos
  const compromisos: ExpectedCompromiso[] = [];
  const comp = usable("Compromisos");
  if (comp) {
    const rows = rowsOf(comp).filter((r) => [...r.cells.values()].some((x) => !isBlank(x.c)));
    const ids = assignIds(comp.name, rows, "C");
    rows.forEach((r, i) => {
      reportBad(comp.name, r);
      const fecha = r.cells.get("fecha")!;
      if (isBlank(fecha.c)) fail(comp.name, fecha.address, "missing-value");
      requiredText(comp.name, r, "compromiso");
      const responsable = requiredText(comp.name, r, "responsable");
      const e = r.cells.get("estado")?.c;
      let estado: EstadoCompromiso = "Por reportar";
      if (e && !e.bad && !isBlank(e)) estado = (["Cumplido", "En avance", "Sin iniciar", "Por reportar"] as const).find((x) => key(x) === key(String(e.value)))!;
      if (!fecha.c.iso) return;
      compromisos.push({ ...ids[i], fila: r.fila, fecha: fecha.c.iso, responsable, estado, fechaCorte: r.cells.get("fechaCorte")?.c.iso ?? null });
    });
  }

  // Configuración
  const conf = usable("Configuración");
  const valores = new Map<string, GenCell>();
  if (conf) {
    for (const r of rowsOf(conf)) {
      const clave = textOf(r.cells.get("clave")!.c.value);
      if (!clave || valores.has(key(clave))) continue;
      valores.set(key(clave), r.cells.get("valor")!.c);
      if (r.cells.get("valor")!.c.bad) reportBad(conf.name, r);
    }
  }
  const valor = (k: string) => {
    const c = valores.get(key(k));
    return c && !c.bad && !isBlank(c) ? c.value : null;
  };
  const years = new Map<number, number>();
  for (const c of compromisos) {
    const y = Number(c.fecha.slice(0, 4));
    years.set(y, (years.get(y) ?? 0) + 1);
  }
  let frequent: number | null = null;
  for (const [y, n] of years) if (frequent === null || n > years.get(frequent)! || (n === years.get(frequent)! && y > frequent)) frequent = y;
  const v = valor("Vigencia");
  const vigencia = v !== null ? Number(String(v).trim()) : (frequent ?? today.getFullYear());
  const c = valor("Cuatrimestre");
  let cut: Cuatrimestre;
  if (c !== null) {
    const t = String(c).trim().toUpperCase().replace(/^CUATRIMESTRE\s+/, "");
    cut = ["I", "1", "PRIMER"].includes(t) ? "I" : ["II", "2", "SEGUNDO"].includes(t) ? "II" : "III";
  } else {
    const last = [2, 1, 0].find((k) => actividades.some((a) => a.ejecutado[k] > 0));
    cut = last === undefined ? "I" : (["I", "II", "III"] as const)[last];
  }
  const aCargo = valor("Dependencia a cargo de compromisos");

  const planOk = act !== null;
  return {
    cellErrors,
    inputErrors,
    plan: planOk
      ? { vigencia, cut, dependenciaCompromisos: aCargo === null ? null : textOf(aCargo) || null, offices, actividades, compromisos }
      : null,
  };
}

// ------------------------------------------------------------------------------------------------
// Figures as plain sums

const LAST_MONTH: Record<Cuatrimestre, number> = { I: 4, II: 8, III: 12 };
const INDEX: Record<Cuatrimestre, number> = { I: 0, II: 1, III: 2 };

export interface ExpectedFigures {
  vigencia: { programado: number; ejecutado: number };
  periodo: { programado: number; ejecutado: number };
  anualProgramado: number;
  dependencias: { nombre: string; programado: number; ejecutado: number; actividades: number }[];
}

/** The figures of a cut, summed row by row. */
export function expectedFigures(p: NonNullable<Expected["plan"]>, cut: Cuatrimestre): ExpectedFigures {
  const k = INDEX[cut];
  const upTo = (xs: number[]) => xs.slice(0, k + 1).reduce((a, b) => a + b, 0);
  let vp = 0, ve = 0, pp = 0, pe = 0, ap = 0;
  for (const a of p.actividades) {
    vp += upTo(a.programado);
    ve += upTo(a.ejecutado);
    pp += a.programado[k];
    pe += a.ejecutado[k];
    ap += a.programado[0] + a.programado[1] + a.programado[2];
  }
  return {
    vigencia: { programado: vp, ejecutado: ve },
    periodo: { programado: pp, ejecutado: pe },
    anualProgramado: ap,
    dependencias: p.offices.map((o) => {
      const mine = p.actividades.filter((a) => a.dependencia === o.nombre);
      return {
        nombre: o.nombre,
        programado: mine.reduce((t, a) => t + upTo(a.programado), 0),
        ejecutado: mine.reduce((t, a) => t + upTo(a.ejecutado), 0),
        actividades: mine.length,
      };
    }),
  };
}

/** The tracker's months, counted commitment by commitment. */
export function expectedMonths(p: NonNullable<Expected["plan"]>, cut: Cuatrimestre): ExpectedMonth[] {
  const last = LAST_MONTH[cut];
  const counted = p.compromisos.filter((c) => Number(c.fecha.slice(0, 4)) === p.vigencia && Number(c.fecha.slice(5, 7)) <= last);
  if (counted.length === 0) return [];
  let claves: Set<string> | null = null;
  if (p.dependenciaCompromisos) {
    const want = key(p.dependenciaCompromisos);
    claves = new Set([want]);
    const o = p.offices.find((x) => key(x.nombre) === want || (x.sigla !== null && key(x.sigla) === want));
    if (o) [o.nombre, o.sigla, o.titulo].forEach((t) => t && claves!.add(key(t)));
  }
  const first = Math.min(...counted.map((c) => Number(c.fecha.slice(5, 7))));
  const out: ExpectedMonth[] = [];
  for (let m = first; m <= last; m++) {
    const list = counted.filter((c) => Number(c.fecha.slice(5, 7)) === m);
    const mine = list.filter((c) => claves === null || claves.has(key(c.responsable)));
    const cortes = list.map((c) => c.fechaCorte).filter((x): x is string => x !== null).sort();
    out.push({
      mes: `${p.vigencia}-${pad(m, 2)}`,
      recogidos: list.length,
      noACargo: list.length - mine.length,
      aCargo: mine.length,
      cumplido: mine.filter((c) => c.estado === "Cumplido").length,
      enAvance: mine.filter((c) => c.estado === "En avance").length,
      sinIniciar: mine.filter((c) => c.estado === "Sin iniciar").length,
      porReportar: mine.filter((c) => c.estado === "Por reportar").length,
      corte: cortes.length ? cortes[cortes.length - 1] : null,
    });
  }
  return out;
}
