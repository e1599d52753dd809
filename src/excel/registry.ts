/**
 * What the add-in owns in a workbook: the sheets it generated and the snapshots it published,
 * recorded by worksheet id (stable across renames and moves). Regeneration deletes only sheets
 * listed here, so an official's own sheet that happens to be called "Resumen" is never touched.
 *
 * Where: the workbook's add-in settings (`Workbook.settings`, ExcelApi 1.4), under one key holding
 * a JSON object. Settings travel inside the file, are private to the add-in, and take structured
 * values of any size. Custom document properties (ExcelApi 1.7) were the other candidate, but a
 * property's value is limited to 255 characters (too short for the ids of a dozen sheets) and it
 * shows in File > Properties, where an official could edit it by hand.
 */
import type { Cuatrimestre } from "../domain";

/** The settings key. */
export const REGISTRY_KEY = "pipc.registro";

export interface HojaRegistrada {
  /** Worksheet id ("{...}"). */
  id: string;
  /** Spec key: "resumen", "dependencia:1", "compromisos". */
  key: string;
  /** Name when it was written (informative: the id is what counts). */
  name: string;
}

export interface CortePublicado {
  /** "III-2021" */
  corte: string;
  cuatrimestre: Cuatrimestre;
  vigencia: number;
  /** ISO timestamp of the publication. */
  publicado: string;
  hojas: HojaRegistrada[];
}

export interface Registro {
  version: 1;
  /** Sheets of the live report (replaced at every generation). */
  generadas: HojaRegistrada[];
  /**
   * Temporary sheets of a generation that had started writing: the names are random per generation,
   * so these can only be the add-in's. A generation that finishes clears them; one that failed
   * leaves them for the next one to delete.
   */
  pendientes: { token: string; names: string[] } | null;
  /** Published cuts, never touched by regeneration. */
  cortes: CortePublicado[];
  /** The last finished generation. */
  ultimaGeneracion: { fecha: string; cuatrimestre: Cuatrimestre; vigencia: number } | null;
}

export function registroVacio(): Registro {
  return { version: 1, generadas: [], pendientes: null, cortes: [], ultimaGeneracion: null };
}

function isHoja(x: unknown): x is HojaRegistrada {
  const h = x as HojaRegistrada;
  return !!h && typeof h.id === "string" && typeof h.key === "string" && typeof h.name === "string";
}

/**
 * The registry from a settings value, forgiving: a missing, damaged or foreign value gives an empty
 * registry (which only means the add-in will delete nothing it cannot prove it made).
 */
export function parseRegistro(value: unknown): Registro {
  let v = value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return registroVacio();
    }
  }
  const r = v as Partial<Registro> | null;
  if (!r || typeof r !== "object") return registroVacio();
  const generadas = Array.isArray(r.generadas) ? r.generadas.filter(isHoja) : [];
  const p = r.pendientes;
  const pendientes =
    p && typeof p === "object" && typeof p.token === "string" && Array.isArray(p.names)
      ? { token: p.token, names: p.names.filter((n): n is string => typeof n === "string") }
      : null;
  const cortes = Array.isArray(r.cortes)
    ? r.cortes
        .filter((c) => c && typeof c === "object" && typeof c.corte === "string" && Array.isArray(c.hojas))
        .map((c) => ({ ...c, hojas: c.hojas.filter(isHoja) }))
    : [];
  const u = r.ultimaGeneracion;
  const ultimaGeneracion = u && typeof u === "object" && typeof u.fecha === "string" ? u : null;
  return { version: 1, generadas, pendientes, cortes, ultimaGeneracion };
}

/** Queues the read of the registry; the returned function gives it after the caller's sync. */
export function queueRegistroLoad(context: Excel.RequestContext): () => Registro {
  const item = context.workbook.settings.getItemOrNullObject(REGISTRY_KEY);
  item.load("value");
  return () => (item.isNullObject ? registroVacio() : parseRegistro(item.value));
}

/** Queues the write of the registry (no sync). */
export function queueRegistroSave(context: Excel.RequestContext, registro: Registro): void {
  // A plain JSON-able object: settings store it as is.
  context.workbook.settings.add(REGISTRY_KEY, JSON.parse(JSON.stringify(registro)) as Registro);
}

/** Every sheet id the add-in owns (live report and snapshots). */
export function idsPropios(r: Registro): Set<string> {
  return new Set([...r.generadas.map((h) => h.id), ...r.cortes.flatMap((c) => c.hojas.map((h) => h.id))]);
}

/** "III-2021" */
export function etiquetaCorte(cuatrimestre: Cuatrimestre, vigencia: number): string {
  return `${cuatrimestre}-${vigencia}`;
}
