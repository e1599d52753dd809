/**
 * The 2021 plan of the seed report as input rows ("Cargar ejemplo", `pipc sample`), and an empty
 * input for a new vigencia. Figures and monthly counts are the fixture's; the single commitments
 * (dates, tables, texts, other entities) are invented deterministically to add up to them.
 */
import { CLAVES_CONFIGURACION, type ClaveConfiguracion, type InputData } from "./contract";
import fixture from "./data/plan-2021.json";
import { PLAN_POR_DEFECTO, UMBRALES_POR_DEFECTO, type EstadoCompromiso } from "./model";
import { pad } from "./text";

interface MesFixture {
  mes: string;
  recogidos: number;
  no_a_cargo: number;
  a_cargo: number;
  corte?: string;
  estado_a_cargo?: Partial<Record<EstadoCompromiso, number>>;
  nota?: string;
}

const LOCALIDADES = [
  "Kennedy",
  "Ciudad Bolívar",
  "Bosa",
  "Suba",
  "Usme",
  "San Cristóbal",
  "Engativá",
  "Rafael Uribe Uribe",
  "Fontibón",
  "Tunjuelito",
];

/** Other Bogotá entities that take commitments at the victims' tables, with their article. */
const OTRAS_ENTIDADES: { nombre: string; art: "la" | "el" }[] = [
  { nombre: "Secretaría Distrital de Salud", art: "la" },
  { nombre: "Secretaría Distrital de Integración Social", art: "la" },
  { nombre: "Secretaría de Educación del Distrito", art: "la" },
  { nombre: "Secretaría Distrital de Gobierno", art: "la" },
  { nombre: "Secretaría Distrital de la Mujer", art: "la" },
  { nombre: "Secretaría Distrital del Hábitat", art: "la" },
  { nombre: "Secretaría Distrital de Desarrollo Económico", art: "la" },
  { nombre: "Instituto para la Economía Social - IPES", art: "el" },
  { nombre: "Instituto Distrital de Recreación y Deporte - IDRD", art: "el" },
  { nombre: "Caja de la Vivienda Popular", art: "la" },
];

/** Where a session happened, as the texts say it: "en la localidad de Bosa", "la mesa local de Bosa". */
interface Lugar {
  mesa: string;
  en: string;
  deMesa: string;
}

const TEXTOS_A_CARGO: ((n: number, l: Lugar) => string)[] = [
  (n, l) => `Convocar ${n} jornadas de orientación sobre la ruta de atención a víctimas ${l.en}.`,
  (n, l) => `Presentar a ${l.deMesa}, en ${n} semanas, el informe de avance del Plan de Acción Distrital para las víctimas.`,
  (n, l) => `Realizar ${n} mesas de trabajo con las organizaciones de víctimas ${l.en} para revisar el protocolo de participación efectiva.`,
  (n, l) => `Gestionar ${n} talleres de formación en incidencia política para los integrantes de ${l.deMesa}.`,
  (n, l) => `Remitir en ${n} días hábiles el acta de la sesión y la matriz de compromisos a los delegados de ${l.deMesa}.`,
];

const de = (e: { nombre: string; art: "la" | "el" }) => (e.art === "el" ? `del ${e.nombre}` : `de la ${e.nombre}`);
const TEXTOS_OTRAS: ((n: number, l: Lugar, e: { nombre: string; art: "la" | "el" }) => string)[] = [
  (n, l, e) => `Programar ${n} jornadas de atención ${de(e)} para la población víctima ${l.en}.`,
  (n, l, e) => `Presentar ante ${l.deMesa}, en ${n} semanas, la oferta institucional ${de(e)}.`,
  (n, l, e) => `Responder por escrito las ${n} solicitudes que ${l.deMesa} radicó ante ${e.art} ${e.nombre}.`,
  (n, l, e) => `Enviar un delegado ${de(e)} a las próximas ${n} sesiones de ${l.deMesa}.`,
];

const ESTADOS_EN_ORDEN: EstadoCompromiso[] = ["Cumplido", "En avance", "Sin iniciar", "Por reportar"];

/** Session days of a month: k weekdays spread evenly over it, ascending. */
function diasDeSesion(year: number, month: number, k: number): string[] {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weekday = (d: number) => {
    const w = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
    return w !== 0 && w !== 6;
  };
  const out: number[] = [];
  for (let j = 0; j < k; j++) {
    let d = Math.max(1 + Math.floor(((j + 0.5) * days) / k), (out[out.length - 1] ?? 0) + 1);
    while (d <= days && !weekday(d)) d++;
    if (d > days) {
      d = days;
      while (!weekday(d)) d--;
    }
    out.push(d);
  }
  return out.map((d) => `${year}-${pad(month, 2)}-${pad(d, 2)}`);
}

function lugarDe(sesion: number): Lugar {
  // Every fifth session is the district table; the others rotate through the local ones.
  if (sesion % 5 === 4) {
    return { mesa: "Mesa Distrital de Participación Efectiva de Víctimas", en: "en Bogotá", deMesa: "la mesa distrital" };
  }
  const loc = LOCALIDADES[(sesion - Math.floor(sesion / 5)) % LOCALIDADES.length];
  return { mesa: `Mesa Local de Víctimas de ${loc}`, en: `en la localidad de ${loc}`, deMesa: `la mesa local de ${loc}` };
}

/**
 * The 2021 plan of the seed report: 5 offices, 16 activities (69 programmed, 78 executed), and
 * 279 commitments whose monthly counts are the report's.
 */
export function sample2021(): InputData {
  const aCargo = fixture.compromisos.a_cargo_de;
  const dependencias = fixture.dependencias.map((d) => ({ dependencia: d.nombre, sigla: d.sigla, titulo: d.titulo_informe }));
  const actividades = fixture.actividades.map((a, i) => ({
    id: `A-${pad(i + 1, 3)}`,
    dependencia: a.dependencia,
    actividad: a.actividad,
    programado: [a.programado[0], a.programado[1], a.programado[2]] as [number, number, number],
    ejecutado: [a.ejecutado[0], a.ejecutado[1], a.ejecutado[2]] as [number, number, number],
    responsable: "",
    evidencias: "",
    observaciones: "",
  }));

  const compromisos: InputData["compromisos"] = [];
  let sesion = 0;
  let otra = 0;
  (fixture.compromisos.por_mes as MesFixture[]).forEach((m, mi) => {
    const n = m.recogidos;
    if (n === 0) return;
    const year = Number(m.mes.slice(0, 4));
    const month = Number(m.mes.slice(5, 7));
    const k = Math.min(n, 2 + (mi % 3));
    const dias = diasDeSesion(year, month, k);
    const lugares = dias.map(() => lugarDe(sesion++));
    const estados: EstadoCompromiso[] = [];
    for (const e of ESTADOS_EN_ORDEN) for (let j = 0; j < (m.estado_a_cargo?.[e] ?? 0); j++) estados.push(e);
    // Commitments of the office in charge spread evenly among the others (Bresenham), as sessions mix them.
    let tomados = 0;
    for (let i = 0; i < n; i++) {
      const s = Math.floor((i * k) / n);
      const lugar = lugares[s];
      const esACargo = Math.floor(((i + 1) * m.a_cargo) / n) > Math.floor((i * m.a_cargo) / n);
      const num = 2 + (compromisos.length % 4);
      if (esACargo) {
        const estado = estados[tomados++] ?? "Por reportar";
        compromisos.push({
          id: "",
          fecha: dias[s],
          mesa: lugar.mesa,
          compromiso: TEXTOS_A_CARGO[compromisos.length % TEXTOS_A_CARGO.length](num, lugar),
          responsable: aCargo,
          estado: estado === "Por reportar" ? "" : estado,
          fechaCorte: m.corte ?? "",
          observaciones: m.nota ?? "",
        });
      } else {
        const entidad = OTRAS_ENTIDADES[otra++ % OTRAS_ENTIDADES.length];
        compromisos.push({
          id: "",
          fecha: dias[s],
          mesa: lugar.mesa,
          compromiso: TEXTOS_OTRAS[compromisos.length % TEXTOS_OTRAS.length](num, lugar, entidad),
          responsable: entidad.nombre,
          estado: "",
          fechaCorte: "",
          observaciones: "",
        });
      }
    }
  });
  compromisos.forEach((c, i) => (c.id = `C-${pad(i + 1, 3)}`));

  const u = UMBRALES_POR_DEFECTO;
  const configuracion: InputData["configuracion"] = [
    { clave: "Entidad", valor: fixture.entidad },
    { clave: "Plan", valor: fixture.plan },
    { clave: "Vigencia", valor: fixture.vigencia },
    { clave: "Cuatrimestre", valor: "III" },
    { clave: "Dependencia a cargo de compromisos", valor: aCargo },
    { clave: "Umbral bajo", valor: u.bajo },
    { clave: "Umbral medio", valor: u.medio },
    { clave: "Umbral sobreejecución", valor: u.sobreejecucion },
  ];
  return { dependencias, actividades, compromisos, configuracion };
}

/**
 * An input with no rows: the configuration's defaults written out (Cuatrimestre and the office in
 * charge left blank, so their defaults follow the data as it is typed).
 */
export function emptyInput(vigencia: number): InputData {
  const u = UMBRALES_POR_DEFECTO;
  const valores: Record<ClaveConfiguracion, string | number> = {
    Entidad: "",
    Plan: PLAN_POR_DEFECTO,
    Vigencia: vigencia,
    Cuatrimestre: "",
    "Dependencia a cargo de compromisos": "",
    "Umbral bajo": u.bajo,
    "Umbral medio": u.medio,
    "Umbral sobreejecución": u.sobreejecucion,
  };
  return {
    dependencias: [],
    actividades: [],
    compromisos: [],
    configuracion: CLAVES_CONFIGURACION.map((clave) => ({ clave, valor: valores[clave] })),
  };
}
