/**
 * Every text the pane shows, in Spanish (the officials' language, the default) and English (when
 * Office runs in English). Components never hold literal text: they take a `Textos` and read it
 * here, so a missing translation is a type error, not an empty label.
 */
import { BANDA_EN, monthsLabel, spanLabel, type Banda, type Cuatrimestre } from "../domain";

export type Idioma = "es" | "en";

export const IDIOMAS: readonly Idioma[] = ["es", "en"];

/**
 * The pane's language from Office's display language: English for "en-US", "en-GB"...; Spanish for
 * everything else, since the plan, the report and the sheet names are Spanish anyway.
 *
 * @example idiomaDe("en-US") === "en"; idiomaDe("es-CO") === "es"; idiomaDe(undefined) === "es"
 */
export function idiomaDe(displayLanguage: string | null | undefined): Idioma {
  return typeof displayLanguage === "string" && /^en(\b|[-_])/i.test(displayLanguage.trim()) ? "en" : "es";
}

/** The progress stages the pane names while generating, in order. */
export type Etapa = "leyendo" | "validando" | "calculando" | "escribiendo" | "listo";
export const ETAPAS_PANEL: readonly Etapa[] = ["leyendo", "validando", "calculando", "escribiendo", "listo"];

export interface Textos {
  idioma: Idioma;
  /** BCP 47 tag for numbers and the <html lang>. */
  locale: string;
  titulo: string;
  subtitulo: string;
  idiomaEtiqueta: string;
  idiomaNombre: Record<Idioma, string>;
  cargando: string;
  demo: { texto: string };
  libro: {
    titulo: string;
    hojasEntrada: string;
    presente: string;
    falta: string;
    opcional: string;
    actividades: string;
    dependencias: string;
    compromisos: string;
    vigencia: string;
    corte: string;
    sinDato: string;
    vacio: string;
    sinActividades: string;
    preparar: string;
    ejemplo: string;
    actualizar: string;
    preparado: string;
    ejemploCargado: string;
  };
  validacion: {
    titulo: string;
    boton: string;
    sinProblemas: string;
    resumen: (errores: number, advertencias: number) => string;
    error: string;
    advertencia: string;
    ayuda: string;
    irA: (ref: string) => string;
    hoja: (sheet: string, n: number) => string;
    recortado: (mostrados: number, total: number) => string;
  };
  generar: {
    titulo: string;
    corteEtiqueta: string;
    corteOpcion: (c: Cuatrimestre) => string;
    boton: string;
    progreso: string;
    etapa: Record<Etapa, string>;
    conErrores: string;
  };
  resultado: {
    titulo: (c: Cuatrimestre, vigencia: number) => string;
    vigencia: (c: Cuatrimestre) => string;
    cuatrimestre: (c: Cuatrimestre) => string;
    programado: string;
    ejecutado: string;
    cumplimiento: string;
    sinProgramacion: string;
    hojas: string;
    irAHoja: (sheet: string) => string;
    avisos: string;
    anunciado: (vigencia: string, cuatrimestre: string) => string;
  };
  publicar: {
    boton: string;
    dialogoTitulo: (etiqueta: string) => string;
    dialogoTexto: (etiqueta: string) => string;
    confirmar: string;
    cancelar: string;
    hecho: (hojas: string[]) => string;
    reemplazarTitulo: (etiqueta: string) => string;
    reemplazarTexto: (etiqueta: string, fecha: string, hojas: string[]) => string;
    reemplazar: string;
    /** An ISO date-time as the official reads it. */
    fecha: (iso: string) => string;
  };
  config: {
    titulo: string;
    entidad: string;
    vigencia: string;
    dependencia: string;
    dependenciaNinguna: string;
    dependenciaAyuda: string;
    umbrales: string;
    umbralBajo: string;
    umbralMedio: string;
    umbralSobre: string;
    umbralAyuda: string;
    corte: string;
    guardar: string;
    guardado: string;
    vigenciaInvalida: string;
    umbralInvalido: string;
    umbralesDesordenados: string;
  };
  vista: {
    titulo: string;
    hoja: string;
    nota: string;
    descargar: string;
    vacia: string;
    formula: string;
    tabla: (sheet: string) => string;
  };
  errores: {
    titulo: string;
    inesperado: string;
    cerrar: string;
  };
  banda: (b: Banda) => string;
  /** 1.1304 -> "113 %" (es) / "113%" (en); null -> "—". */
  porcentaje: (x: number | null) => string;
  numero: (x: number) => string;
}

/** "10/01/2022, 09:30" in the locale (four-digit year: a publication date is a record); the text itself when it is no date. */
function fechaHora(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const f = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });
  return f.format(d).replace(/\u00a0|\u202f/g, " ");
}

function formatos(locale: string): Pick<Textos, "porcentaje" | "numero"> {
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const entero = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  // Spanish writes a space before "%" (RAE; the report's own texts do: "113 %"); English does not.
  // Intl's es-CO data disagree between ICU versions, so the sign is placed here, not by Intl.
  const signo = locale.startsWith("es") ? " %" : "%";
  return {
    porcentaje: (x) => (x === null || !Number.isFinite(x) ? "—" : `${entero.format(x * 100)}${signo}`),
    numero: (x) => num.format(x),
  };
}

const ES: Textos = {
  idioma: "es",
  locale: "es-CO",
  titulo: "Seguimiento PIPC",
  subtitulo: "Informe de cumplimiento del Plan Institucional de Participación Ciudadana",
  idiomaEtiqueta: "Idioma",
  idiomaNombre: { es: "Español", en: "English" },
  cargando: "Cargando el libro…",
  demo: {
    texto: "Modo de demostración: sin Excel, los datos viven en esta pestaña. Al cerrarla se pierden: descargue el informe como .xlsx.",
  },
  libro: {
    titulo: "Estado del libro",
    hojasEntrada: "Hojas de entrada",
    presente: "presente",
    falta: "falta",
    opcional: "opcional",
    actividades: "Actividades",
    dependencias: "Dependencias",
    compromisos: "Compromisos",
    vigencia: "Vigencia",
    corte: "Corte",
    sinDato: "—",
    vacio: "Este libro todavía no tiene el plan. Prepare las hojas de entrada para escribir su plan, o cargue el ejemplo 2021 para probar el complemento.",
    sinActividades: "La hoja Actividades está vacía: escriba una fila por actividad (Dependencia, Actividad, Programado y Ejecutado por cuatrimestre).",
    preparar: "Preparar libro",
    ejemplo: "Cargar ejemplo 2021",
    actualizar: "Actualizar",
    preparado: "Libro preparado: escriba el plan en las hojas de entrada.",
    ejemploCargado: "Ejemplo 2021 cargado.",
  },
  validacion: {
    titulo: "Validar datos",
    boton: "Validar datos",
    sinProblemas: "Sin problemas: los datos están listos para el informe.",
    resumen: (e, a) => `${e} ${e === 1 ? "error" : "errores"} y ${a} ${a === 1 ? "advertencia" : "advertencias"}.`,
    error: "Error",
    advertencia: "Advertencia",
    ayuda: "Los errores impiden generar el informe. Seleccione un problema para ir a su celda.",
    irA: (ref) => `Ir a ${ref}`,
    hoja: (s, n) => `${s} (${n})`,
    recortado: (m, n) => `Se muestran ${m} de ${n} problemas: corrija estos y valide de nuevo para ver el resto.`,
  },
  generar: {
    titulo: "Informe del cuatrimestre",
    corteEtiqueta: "Cuatrimestre (corte)",
    corteOpcion: (c) => `${c} · ${monthsLabel(c, "es")}`,
    boton: "Generar resumen del cuatrimestre",
    progreso: "Progreso de la generación",
    etapa: {
      leyendo: "Leyendo datos",
      validando: "Validando",
      calculando: "Calculando",
      escribiendo: "Escribiendo hojas",
      listo: "Listo",
    },
    conErrores: "No se generó el informe: los datos tienen errores. Corríjalos (la lista indica hoja y celda) y vuelva a generar.",
  },
  resultado: {
    titulo: (c, v) => `Resultado del corte ${c} · ${v}`,
    vigencia: (c) => `Vigencia (${spanLabel(c, "es")})`,
    cuatrimestre: (c) => `Cuatrimestre ${c} (${monthsLabel(c, "es")})`,
    programado: "Programado",
    ejecutado: "Ejecutado",
    cumplimiento: "Cumplimiento",
    sinProgramacion: "sin productos programados",
    hojas: "Hojas generadas",
    irAHoja: (s) => `Ir a la hoja ${s}`,
    avisos: "Avisos",
    anunciado: (v, c) => `Informe generado. Cumplimiento de la vigencia ${v}; del cuatrimestre ${c}.`,
  },
  publicar: {
    boton: "Publicar corte",
    dialogoTitulo: (e) => `¿Publicar el corte ${e}?`,
    dialogoTexto: (e) =>
      `Se copiarán las hojas del informe, como valores, en hojas protegidas «Corte ${e} …». El informe seguirá cambiando con los datos; las copias publicadas quedan como se enviaron.`,
    confirmar: "Publicar",
    cancelar: "Cancelar",
    hecho: (h) =>
      h.length === 1 ? `Corte publicado en la hoja protegida «${h[0]}».` : `Corte publicado en ${h.length} hojas protegidas, empezando por «${h[0]}».`,
    reemplazarTitulo: (e) => `El corte ${e} ya está publicado`,
    reemplazarTexto: (e, f, h) =>
      `Se publicó el ${f}${h.length ? ` (${h.join(", ")})` : ""}. ¿Reemplazar las hojas del corte ${e} por los valores de ahora? Las hojas de otros cortes no cambian.`,
    reemplazar: "Reemplazar",
    fecha: (iso) => fechaHora(iso, "es-CO"),
  },
  config: {
    titulo: "Configuración",
    entidad: "Entidad",
    vigencia: "Vigencia (año)",
    dependencia: "Dependencia a cargo de compromisos",
    dependenciaNinguna: "(ninguna: todos los compromisos cuentan)",
    dependenciaAyuda: "Los compromisos de esta dependencia son los «a cargo» del informe.",
    umbrales: "Umbrales del semáforo",
    umbralBajo: "Umbral bajo (%)",
    umbralMedio: "Umbral medio (%)",
    umbralSobre: "Umbral de sobreejecución (%)",
    umbralAyuda: "Por debajo del umbral bajo: Bajo (rojo); por debajo del medio: Medio (amarillo); por encima del de sobreejecución: Sobreejecutado (azul).",
    corte: "Cuatrimestre por defecto",
    guardar: "Guardar configuración",
    guardado: "Configuración guardada en la hoja Configuración: viaja con el libro.",
    vigenciaInvalida: "Escriba el año con cuatro cifras, por ejemplo 2021.",
    umbralInvalido: "Escriba un porcentaje entre 0 y 1000, por ejemplo 60.",
    umbralesDesordenados: "Los umbrales deben ir en orden: bajo ≤ medio ≤ sobreejecución.",
  },
  vista: {
    titulo: "Vista previa de las hojas",
    hoja: "Hoja",
    nota: "Las celdas con fórmula muestran la fórmula (en gris): Excel o LibreOffice calculan su valor al abrir el archivo. Las cifras calculadas están en el resultado de arriba.",
    descargar: "Descargar informe (.xlsx)",
    vacia: "La hoja está vacía.",
    formula: "fórmula",
    tabla: (s) => `Celdas de la hoja ${s}`,
  },
  errores: {
    titulo: "No se pudo completar",
    inesperado: "Ocurrió un error inesperado. Vuelva a intentarlo; si se repite, cierre el panel y ábralo de nuevo.",
    cerrar: "Cerrar mensaje",
  },
  banda: (b) => b,
  ...formatos("es-CO"),
};

const EN: Textos = {
  idioma: "en",
  locale: "en-US",
  titulo: "PIPC Tracking",
  subtitulo: "Compliance report of the Citizen Participation Plan (PIPC)",
  idiomaEtiqueta: "Language",
  idiomaNombre: { es: "Español", en: "English" },
  cargando: "Loading the workbook…",
  demo: {
    texto: "Demo mode: no Excel, the data lives in this tab. It is lost when the tab closes: download the report as .xlsx.",
  },
  libro: {
    titulo: "Workbook status",
    hojasEntrada: "Input sheets",
    presente: "present",
    falta: "missing",
    opcional: "optional",
    actividades: "Activities",
    dependencias: "Offices",
    compromisos: "Commitments",
    vigencia: "Vigencia (year)",
    corte: "Cut",
    sinDato: "—",
    vacio: "This workbook has no plan yet. Prepare the input sheets to type your plan, or load the 2021 example to try the add-in.",
    sinActividades: "The Actividades sheet is empty: add one row per activity (Dependencia, Actividad, Programado and Ejecutado per cuatrimestre).",
    preparar: "Prepare workbook",
    ejemplo: "Load 2021 example",
    actualizar: "Refresh",
    preparado: "Workbook prepared: type the plan into the input sheets.",
    ejemploCargado: "2021 example loaded.",
  },
  validacion: {
    titulo: "Validate data",
    boton: "Validate data",
    sinProblemas: "No problems: the data is ready for the report.",
    resumen: (e, a) => `${e} ${e === 1 ? "error" : "errors"} and ${a} ${a === 1 ? "warning" : "warnings"}.`,
    error: "Error",
    advertencia: "Warning",
    ayuda: "Errors prevent generating the report. Select a problem to go to its cell.",
    irA: (ref) => `Go to ${ref}`,
    hoja: (s, n) => `${s} (${n})`,
    recortado: (m, n) => `Showing ${m} of ${n} problems: fix these and validate again to see the rest.`,
  },
  generar: {
    titulo: "Cuatrimestre report",
    corteEtiqueta: "Cuatrimestre (cut)",
    corteOpcion: (c) => `${c} · ${monthsLabel(c, "en")}`,
    boton: "Generate cuatrimestre summary",
    progreso: "Generation progress",
    etapa: {
      leyendo: "Reading data",
      validando: "Validating",
      calculando: "Calculating",
      escribiendo: "Writing sheets",
      listo: "Done",
    },
    conErrores: "The report was not generated: the data has errors. Fix them (the list shows sheet and cell) and generate again.",
  },
  resultado: {
    titulo: (c, v) => `Result of cut ${c} · ${v}`,
    vigencia: (c) => `Vigencia (${spanLabel(c, "en")})`,
    cuatrimestre: (c) => `Cuatrimestre ${c} (${monthsLabel(c, "en")})`,
    programado: "Programmed",
    ejecutado: "Executed",
    cumplimiento: "Compliance",
    sinProgramacion: "nothing programmed",
    hojas: "Generated sheets",
    irAHoja: (s) => `Go to sheet ${s}`,
    avisos: "Notices",
    anunciado: (v, c) => `Report generated. Vigencia compliance ${v}; cuatrimestre ${c}.`,
  },
  publicar: {
    boton: "Publish cut",
    dialogoTitulo: (e) => `Publish cut ${e}?`,
    dialogoTexto: (e) =>
      `The report's sheets will be copied, as values, into protected sheets "Corte ${e} …". The report keeps following the data; the published copies stay as they were sent.`,
    confirmar: "Publish",
    cancelar: "Cancel",
    hecho: (h) => (h.length === 1 ? `Cut published in the protected sheet “${h[0]}”.` : `Cut published in ${h.length} protected sheets, starting with “${h[0]}”.`),
    reemplazarTitulo: (e) => `Cut ${e} is already published`,
    reemplazarTexto: (e, f, h) =>
      `It was published on ${f}${h.length ? ` (${h.join(", ")})` : ""}. Replace the sheets of cut ${e} with the current values? Other cuts' sheets do not change.`,
    reemplazar: "Replace",
    fecha: (iso) => fechaHora(iso, "en-US"),
  },
  config: {
    titulo: "Settings",
    entidad: "Entity",
    vigencia: "Vigencia (year)",
    dependencia: "Office in charge of commitments",
    dependenciaNinguna: "(none: every commitment counts)",
    dependenciaAyuda: "This office's commitments are the report's “a cargo” ones.",
    umbrales: "Traffic-light thresholds",
    umbralBajo: "Low threshold (%)",
    umbralMedio: "Medium threshold (%)",
    umbralSobre: "Over-execution threshold (%)",
    umbralAyuda: "Below the low threshold: Bajo (red); below the medium one: Medio (yellow); above the over-execution one: Sobreejecutado (blue).",
    corte: "Default cuatrimestre",
    guardar: "Save settings",
    guardado: "Settings saved in the Configuración sheet: they travel with the workbook.",
    vigenciaInvalida: "Enter the year with four digits, e.g. 2021.",
    umbralInvalido: "Enter a percentage between 0 and 1000, e.g. 60.",
    umbralesDesordenados: "Thresholds must be in order: low ≤ medium ≤ over-execution.",
  },
  vista: {
    titulo: "Sheet preview",
    hoja: "Sheet",
    nota: "Formula cells show their formula (in grey): Excel or LibreOffice computes them when the file is opened. The computed figures are in the result above.",
    descargar: "Download report (.xlsx)",
    vacia: "The sheet is empty.",
    formula: "formula",
    tabla: (s) => `Cells of sheet ${s}`,
  },
  errores: {
    titulo: "Could not complete",
    inesperado: "An unexpected error occurred. Try again; if it happens again, close the pane and open it again.",
    cerrar: "Dismiss message",
  },
  banda: (b) => BANDA_EN[b],
  ...formatos("en-US"),
};

export const TEXTOS: Record<Idioma, Textos> = { es: ES, en: EN };

/** The texts of a language. */
export function textos(idioma: Idioma): Textos {
  return TEXTOS[idioma];
}
