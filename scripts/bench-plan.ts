/**
 * Synthetic plans for `npm run bench`: any number of activities and commitments over a fixed set of
 * offices, built from a seeded generator so the same arguments always give the same plan (and so
 * the same workbook), whatever the machine. Every value is valid: the bench measures generation,
 * which refuses plans with errors.
 */
import { pad, type InputData } from "../src/domain";

export interface BenchPlanOptions {
  activities: number;
  commitments: number;
  /** Seed of the generator; the same seed gives the same plan. */
  seed?: number;
  /** How many offices (at most OFICINAS.length); the bench keeps it fixed across sizes. */
  offices?: number;
  vigencia?: number;
}

/** Offices as a real entity names them: long names with accents, short siglas. */
export const OFICINAS: { dependencia: string; sigla: string; titulo: string }[] = [
  { dependencia: "Oficina Asesora de Planeación", sigla: "OAP", titulo: "Equipo de Gobierno Abierto" },
  { dependencia: "Alta Consejería para los Derechos de las Víctimas, la Paz y la Reconciliación", sigla: "ACPVR", titulo: "Alta Consejería de Paz" },
  { dependencia: "Alta Consejería Distrital de Tecnologías de Información y Comunicaciones", sigla: "ACDTIC", titulo: "Alta Consejería TIC" },
  { dependencia: "Subsecretaría de Fortalecimiento Institucional", sigla: "SFI", titulo: "Fortalecimiento Institucional" },
  { dependencia: "Subsecretaría de Servicio a la Ciudadanía", sigla: "SSC", titulo: "Servicio a la Ciudadanía" },
  { dependencia: "Dirección Distrital de Desarrollo Institucional", sigla: "DDDI", titulo: "Desarrollo Institucional" },
  { dependencia: "Dirección Jurídica Distrital", sigla: "DJD", titulo: "Dirección Jurídica" },
  { dependencia: "Oficina de Control Interno", sigla: "OCI", titulo: "Control Interno" },
  { dependencia: "Dirección de Talento Humano", sigla: "DTH", titulo: "Talento Humano" },
  { dependencia: "Subdirección Financiera", sigla: "SF", titulo: "Gestión Financiera" },
  { dependencia: "Dirección de Relaciones Internacionales", sigla: "DRI", titulo: "Relaciones Internacionales" },
  { dependencia: "Oficina de Comunicaciones", sigla: "OC", titulo: "Comunicaciones" },
];

const VERBOS = ["Realizar", "Convocar", "Desarrollar", "Implementar", "Socializar", "Acompañar", "Fortalecer", "Publicar"];
const OBJETOS = [
  "mesas de participación con organizaciones sociales",
  "jornadas de rendición de cuentas en las localidades",
  "talleres de formación en control social",
  "espacios de diálogo con la ciudadanía sobre el presupuesto",
  "encuentros con veedurías ciudadanas",
  "consultas ciudadanas sobre los trámites de la entidad",
  "sesiones del consejo consultivo de participación",
];
const LOCALIDADES = ["Kennedy", "Ciudad Bolívar", "Bosa", "Suba", "Usme", "San Cristóbal", "Engativá", "Fontibón", "Tunjuelito", "Chapinero"];
const OTRAS_ENTIDADES = ["Secretaría Distrital de Salud", "Secretaría de Educación del Distrito", "Instituto Distrital de Recreación y Deporte", "Caja de la Vivienda Popular"];
const ESTADOS = ["Cumplido", "En avance", "Sin iniciar", "Por reportar", ""] as const;

/** mulberry32: tiny, fast, and the same sequence on every platform for a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A valid plan of the given size. Offices are the first `offices` of OFICINAS; activities are
 * spread over them; commitments fall in every month of the vigencia, a third of them in charge of
 * the first office (the one Configuración names).
 *
 * @example benchPlan({ activities: 2000, commitments: 5000, seed: 1 }).actividades.length === 2000
 */
export function benchPlan(opts: BenchPlanOptions): InputData {
  const rnd = seededRandom(opts.seed ?? 2021);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const vigencia = opts.vigencia ?? 2021;
  const oficinas = OFICINAS.slice(0, Math.max(1, Math.min(OFICINAS.length, opts.offices ?? OFICINAS.length)));
  const width = Math.max(3, String(opts.activities).length);

  const actividades: InputData["actividades"] = [];
  for (let i = 0; i < opts.activities; i++) {
    const of = oficinas[i % oficinas.length];
    const programado: [number, number, number] = [int(0, 6), int(0, 6), int(0, 6)];
    // Executed near what was programmed, never without programming (a warning the bench does not need).
    const ejecutado = programado.map((p) => (p === 0 ? 0 : Math.max(0, p + int(-2, 2)))) as [number, number, number];
    actividades.push({
      id: `A-${pad(i + 1, width)}`,
      dependencia: rnd() < 0.5 ? of.sigla : of.dependencia,
      actividad: `${pick(VERBOS)} ${int(1, 12)} ${pick(OBJETOS)} de ${pick(LOCALIDADES)}, con convocatoria, desarrollo y memoria de cada sesión`,
      programado,
      ejecutado,
      responsable: `Profesional ${int(1, 40)} de ${of.sigla}`,
      evidencias: rnd() < 0.7 ? `Actas, listados de asistencia y registro fotográfico (${int(1, 300)} folios)` : "",
      observaciones: rnd() < 0.15 ? "Se reprogramó una sesión por condiciones de orden público." : "",
    });
  }

  const compromisos: InputData["compromisos"] = [];
  const cwidth = Math.max(3, String(opts.commitments).length);
  for (let j = 0; j < opts.commitments; j++) {
    const month = int(1, 12);
    const day = int(1, 28);
    const fecha = `${vigencia}-${pad(month, 2)}-${pad(day, 2)}`;
    const r = rnd();
    const responsable = r < 0.34 ? oficinas[0].sigla : r < 0.67 ? pick(oficinas).dependencia : pick(OTRAS_ENTIDADES);
    const estado = pick(ESTADOS);
    const corteDay = Math.min(28, day + int(0, 20));
    compromisos.push({
      id: `C-${pad(j + 1, cwidth)}`,
      fecha,
      mesa: `Mesa local de ${pick(LOCALIDADES)}`,
      compromiso: `${pick(VERBOS)} ${pick(OBJETOS)} y responder a la comunidad en ${int(5, 30)} días hábiles`,
      responsable,
      estado,
      fechaCorte: estado && rnd() < 0.8 ? `${vigencia}-${pad(month, 2)}-${pad(corteDay, 2)}` : "",
      observaciones: rnd() < 0.1 ? "Pendiente de respuesta de la entidad." : "",
    });
  }

  return {
    dependencias: oficinas.map((o) => ({ ...o })),
    actividades,
    compromisos,
    configuracion: [
      { clave: "Entidad", valor: "Secretaría General de la Alcaldía Mayor de Bogotá D.C." },
      { clave: "Plan", valor: "Plan Institucional de Participación Ciudadana" },
      { clave: "Vigencia", valor: vigencia },
      { clave: "Cuatrimestre", valor: "III" },
      { clave: "Dependencia a cargo de compromisos", valor: oficinas[0].sigla },
      { clave: "Umbral bajo", valor: 0.6 },
      { clave: "Umbral medio", valor: 0.8 },
      { clave: "Umbral sobreejecución", valor: 1.2 },
    ],
  };
}
