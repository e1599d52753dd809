/**
 * Every text the report writes, Spanish first, English second. Band labels, sheet names and the
 * contract's table headers are not here: they are data, the same in both languages.
 */
import { cuatrimestreInfo, monthsLabel, normalizeKey, spanLabel, MESES_EN, MESES_ES, type Cuatrimestre } from "../domain";

export type Lang = "es" | "en";

/** The texts of one cut in one language. */
export interface Textos {
  titulo: string;
  etiquetaEntidad: string;
  etiquetaVigencia: string;
  etiquetaCorte: string;
  etiquetaGenerado: string;
  corte: string;
  seccionObjetivo: string;
  objetivo: string;
  seccionAvance: string;
  /** Pieces of the headline: before P, between P and E, after E. */
  titular: [string, string, string];
  lineaVigencia: string;
  lineaCuatrimestre: [string, string, string];
  lineaAnual: [string, string, string];
  sinProgramado: string;
  indicador: string;
  programado: string;
  ejecutado: string;
  cumplimiento: string;
  banda: string;
  filaVigencia: string;
  filaCuatrimestre: string;
  filaAnual: string;
  seccionDependencias: string;
  notaDependencias: string;
  seccion: string;
  dependencia: string;
  total: string;
  tituloGrafico: string;
  seccionHallazgos: string;
  notaHallazgos: string;
  sobreejecutadas: [string, string];
  bajoMedio: [string, string];
  sinProgramacion: string;
  ningunaSobreejecutada: string;
  ningunaBajoMedio: string;
  ningunaSinProgramacion: string;
  actividad: string;
  piePagina: string;
  pagina: string;
  contextoDependencia: string;
  totalDependencia: string;
  notaCorte: string;
  sinActividades: string;
}

/** "la Secretaría General", "el Ministerio de...": the entity with the article Spanish asks for. */
export function conArticulo(entidad: string): string {
  const e = entidad.trim();
  if (e === "") return "la Entidad";
  if (/^(la|el|los|las)\s/i.test(e)) return e[0].toLowerCase() + e.slice(1);
  const first = e.split(/\s+/)[0];
  if (first.length <= 8 && first === first.toUpperCase() && /[A-Z]/.test(first)) return `la entidad ${e}`;
  const k = normalizeKey(first);
  const masculine = ["sistema", "programa", "dia", "mapa", "clima"];
  const feminine = /(a|ion|dad|tad|tud|umbre|ez|sis)$/.test(k) && !masculine.includes(k);
  return feminine ? `la ${e}` : `el ${e}`;
}

/** "de la X" / "del X". */
function deArticulo(entidad: string): string {
  const a = conArticulo(entidad);
  return a.startsWith("el ") ? `del ${a.slice(3)}` : `de ${a}`;
}

/** The report's texts for a cut. */
export function textos(cut: Cuatrimestre, plan: string, vigencia: number, entidad: string, lang: Lang = "es"): Textos {
  const info = cuatrimestreInfo(cut);
  const meses = monthsLabel(cut, lang);
  const span = spanLabel(cut, lang);
  if (lang === "en") {
    const last = MESES_EN[info.lastMonth - 1];
    return {
      titulo: `Compliance report, ${info.ordinalEn} four-month period`,
      etiquetaEntidad: "Entity",
      etiquetaVigencia: "Year",
      etiquetaCorte: "Cut",
      etiquetaGenerado: "Generated",
      corte: `Four-month period ${cut} (${meses}) · cumulative ${span}`,
      seccionObjetivo: "01  OBJECTIVE",
      objetivo:
        `To inform citizens and stakeholders of ${entidad.trim() || "the Entity"} of the progress and compliance of the ` +
        `activities defined in the ${plan} ${vigencia}, and of the status of the commitments made, in the period ` +
        `between January and ${last}.`,
      seccionAvance: `02  PROGRESS OF THE ${plan.toUpperCase()}`,
      titular: ["", " products were scheduled for the year and ", " were executed."],
      lineaVigencia: `Compliance of the year (${span}): `,
      lineaCuatrimestre: [`Compliance, four-month period ${cut} (${meses}): `, " scheduled, ", " executed"],
      lineaAnual: ["Progress against the whole year's schedule: ", " of ", " products"],
      sinProgramado: "nothing scheduled",
      indicador: "Indicator",
      programado: "Scheduled",
      ejecutado: "Executed",
      cumplimiento: "Compliance",
      banda: "Band",
      filaVigencia: `Year to date (${span})`,
      filaCuatrimestre: `Four-month period ${cut} (${meses})`,
      filaAnual: `Whole year's schedule and progress (executed ${span})`,
      seccionDependencias: `03  COMPLIANCE BY OFFICE, ${info.ordinalEn.toUpperCase()} FOUR-MONTH PERIOD`,
      notaDependencias: `Products scheduled and executed from ${span} (cumulative for the year up to the cut).`,
      seccion: "Section",
      dependencia: "Office",
      total: "Total",
      tituloGrafico: `Scheduled and executed per office (${span})`,
      seccionHallazgos: "FINDINGS OF THE CUT",
      notaHallazgos:
        "The activities listed were chosen when the report was generated; their figures update by themselves. " +
        "If the data change, generate the report again to refresh the lists.",
      sobreejecutadas: ["Over-executed activities (compliance above ", ")"],
      bajoMedio: ["Activities below the medium threshold (compliance under ", ")"],
      sinProgramacion: "Activities executed without anything scheduled",
      ningunaSobreejecutada: "No activity over-executed in this cut.",
      ningunaBajoMedio: "No activity below the medium threshold in this cut.",
      ningunaSinProgramacion: "No activity executed without schedule in this cut.",
      actividad: "Activity",
      piePagina: `Compliance report, four-month period ${cut} ${vigencia} · cut ${span}`,
      pagina: "Page &P of &N",
      contextoDependencia: `Cumulative compliance ${span} · four-month period ${cut} ${vigencia}`,
      totalDependencia: "Office total",
      notaCorte: `*Cut ${span}`,
      sinActividades: "No activities in the plan",
    };
  }
  const last = MESES_ES[info.lastMonth - 1];
  const ordinalMayus = info.ordinalEs.toUpperCase();
  return {
    titulo: `Informe de cumplimiento ${info.ordinalEs} cuatrimestre`,
    etiquetaEntidad: "Entidad",
    etiquetaVigencia: "Vigencia",
    etiquetaCorte: "Corte",
    etiquetaGenerado: "Generado",
    corte: `${cut} cuatrimestre (${meses}) · acumulado ${span}`,
    seccionObjetivo: "01  OBJETIVO",
    objetivo:
      `Informar a la ciudadanía y a los grupos de interés ${deArticulo(entidad)} el avance y cumplimiento de las ` +
      `actividades definidas en el ${plan} ${vigencia} de la Entidad, así como el estado de los compromisos ` +
      `adquiridos, en el período comprendido entre enero y ${last}.`,
    seccionAvance: `02  AVANCE ${plan.toUpperCase()}`,
    titular: ["Se programaron ", " productos para la vigencia y se ejecutaron ", "."],
    lineaVigencia: `Cumplimiento de la vigencia (${span}): `,
    lineaCuatrimestre: [`Cumplimiento ${cut} cuatrimestre (${meses}): `, " programadas, ", " ejecutadas"],
    lineaAnual: ["Avance frente a lo programado para todo el año: ", " de ", " productos"],
    sinProgramado: "sin productos programados",
    indicador: "Indicador",
    programado: "Programado",
    ejecutado: "Ejecutado",
    cumplimiento: "Cumplimiento",
    banda: "Banda",
    filaVigencia: `Vigencia (${span})`,
    filaCuatrimestre: `${cut} cuatrimestre (${meses})`,
    filaAnual: `Meta del año y avance (ejecutado ${span})`,
    seccionDependencias: `03  CUMPLIMIENTO Y AVANCE ${ordinalMayus} CUATRIMESTRE POR DEPENDENCIA`,
    notaDependencias: `Productos programados y ejecutados de ${span.replace(" – ", " a ")} (acumulado de la vigencia hasta el corte).`,
    seccion: "Sección",
    dependencia: "Dependencia",
    total: "Total",
    tituloGrafico: `Programado y ejecutado por dependencia (${span})`,
    seccionHallazgos: "HALLAZGOS DEL CORTE",
    notaHallazgos:
      "Las actividades de cada lista se eligieron al generar el informe; sus cifras se actualizan solas. " +
      "Si cambian los datos, genere de nuevo el informe para actualizar las listas.",
    sobreejecutadas: ["Actividades sobreejecutadas (cumplimiento mayor a ", ")"],
    bajoMedio: ["Actividades por debajo del umbral medio (cumplimiento menor a ", ")"],
    sinProgramacion: "Actividades ejecutadas sin programación",
    ningunaSobreejecutada: "Ninguna actividad sobreejecutada en el corte.",
    ningunaBajoMedio: "Ninguna actividad por debajo del umbral medio en el corte.",
    ningunaSinProgramacion: "Ninguna actividad ejecutada sin programación en el corte.",
    actividad: "Actividad",
    piePagina: `Informe de cumplimiento ${cut} cuatrimestre ${vigencia} · corte ${span}`,
    pagina: "Página &P de &N",
    contextoDependencia: `Cumplimiento acumulado ${span} · ${cut} cuatrimestre ${vigencia}`,
    totalDependencia: "Total de la dependencia",
    notaCorte: `*Corte ${span}`,
    sinActividades: "Sin actividades en el plan",
  };
}
