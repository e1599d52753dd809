/** The messages of `pipc`, in Spanish (default) and English (`--lang en`). */

export type Lang = "es" | "en";
export const LANGS: readonly Lang[] = ["es", "en"];

/** A text in both languages. */
export interface Msg {
  es: string;
  en: string;
}

export function isLang(v: string): v is Lang {
  return v === "es" || v === "en";
}

const M = {
  usageTitle: { es: "Uso", en: "Usage" },
  commandsTitle: { es: "Comandos", en: "Commands" },
  optionsTitle: { es: "Opciones", en: "Options" },
  globalOptionsTitle: { es: "Opciones generales", en: "Global options" },
  intro: {
    es: "pipc: seguimiento del Plan Institucional de Participación Ciudadana (PIPC) en Excel.",
    en: "pipc: tracking of the Plan Institucional de Participación Ciudadana (PIPC) in Excel.",
  },
  helpOption: { es: "muestra esta ayuda", en: "show this help" },
  langOption: { es: "idioma de los mensajes: es (por defecto) o en", en: "language of the messages: es (default) or en" },
  versionOption: { es: "muestra la versión", en: "show the version" },
  moreHelp: { es: "Ayuda de un comando: pipc <comando> --help", en: "Help on a command: pipc <command> --help" },
  seeHelp: { es: "Vea «pipc {0} --help».", en: "See “pipc {0} --help”." },
  seeGlobalHelp: { es: "Vea «pipc --help».", en: "See “pipc --help”." },
  noCommand: { es: "falta el comando", en: "missing command" },
  unknownCommand: { es: "comando desconocido: {0}", en: "unknown command: {0}" },
  unknownOption: { es: "opción desconocida: {0}", en: "unknown option: {0}" },
  missingValue: { es: "falta el valor de {0}", en: "missing value for {0}" },
  noValueExpected: { es: "{0} no lleva valor", en: "{0} takes no value" },
  missingArgument: { es: "falta {0}", en: "missing {0}" },
  tooManyArguments: { es: "sobra el argumento «{0}»", en: "unexpected argument “{0}”" },
  badLang: { es: "idioma no válido: «{0}» (use es o en)", en: "invalid language: “{0}” (use es or en)" },
  mustBeXlsx: { es: "{0}: el archivo debe terminar en .xlsx", en: "{0}: the file name must end in .xlsx" },
  exists: {
    es: "{0}: ya existe; use --force para reemplazarlo",
    en: "{0}: already exists; use --force to replace it",
  },
  macroOutput: {
    es: "{0}: pipc no escribe libros con macros; use un nombre que termine en .xlsx",
    en: "{0}: pipc does not write workbooks with macros; use a name ending in .xlsx",
  },
  folderMissing: { es: "{0}: no existe la carpeta", en: "{0}: the folder does not exist" },
  outputIsFolder: { es: "{0}: es una carpeta; indique un archivo .xlsx", en: "{0}: it is a folder; give an .xlsx file" },
  cannotWrite: {
    es: "{0}: no se pudo escribir ({1}); no quedó ningún archivo a medias",
    en: "{0}: could not write ({1}); no half-written file was left",
  },
  writeNoPermission: { es: "sin permiso para escribir en la carpeta", en: "no permission to write in the folder" },
  writeReadOnly: { es: "la carpeta es de solo lectura", en: "the folder is read-only" },
  writeDiskFull: { es: "no queda espacio en el disco", en: "the disk is full" },
  writeTooBig: { es: "el archivo supera el tamaño que el sistema permite", en: "the file exceeds the size the system allows" },
  writeBusy: {
    es: "el archivo está abierto en otro programa (¿Excel?); ciérrelo",
    en: "the file is open in another program (Excel?); close it",
  },
  writeIsFolder: { es: "es una carpeta", en: "it is a folder" },
  writeFolderGone: { es: "la carpeta ya no existe", en: "the folder no longer exists" },
  badVigencia: { es: "vigencia no válida: «{0}» (un año entre 2000 y 2100)", en: "invalid vigencia: “{0}” (a year between 2000 and 2100)" },
  badCuatrimestre: { es: "cuatrimestre no válido: «{0}» (use I, II o III)", en: "invalid cuatrimestre: “{0}” (use I, II or III)" },
  unexpected: { es: "error inesperado: {0}", en: "unexpected error: {0}" },
  written: { es: "Escrito: {0}", en: "Written: {0}" },
  noPlan: { es: "{0}: no se pudo leer el plan", en: "{0}: the plan could not be read" },

  // validate
  severityError: { es: "error", en: "error" },
  severityWarning: { es: "aviso", en: "warning" },
  noProblems: { es: "{0}: sin problemas.", en: "{0}: no problems." },
  problemsSummary: { es: "{0}: {1}, {2}.", en: "{0}: {1}, {2}." },
  errorsCount: { es: "{0} error(es)", en: "{0} error(s)" },
  warningsCount: { es: "{0} aviso(s)", en: "{0} warning(s)" },
  fixErrorsFirst: {
    es: "{0}: el plan tiene errores; corríjalos y vuelva a intentarlo.",
    en: "{0}: the plan has errors; fix them and try again.",
  },

  // summary
  cutTitle: { es: "Corte: cuatrimestre {0} ({1})", en: "Cut: cuatrimestre {0} ({1})" },
  colPeriod: { es: "Periodo", en: "Period" },
  colProgramado: { es: "Programado", en: "Programmed" },
  colEjecutado: { es: "Ejecutado", en: "Executed" },
  colCumplimiento: { es: "Cumplimiento", en: "Compliance" },
  colEstado: { es: "Estado", en: "Band" },
  colDependencia: { es: "Dependencia", en: "Office" },
  rowVigencia: { es: "Vigencia ({0})", en: "Vigencia ({0})" },
  rowCuatrimestre: { es: "Cuatrimestre {0} ({1})", en: "Cuatrimestre {0} ({1})" },
  anual: { es: "Programado en el año: {0}; avance: {1}", en: "Programmed for the year: {0}; progress: {1}" },
  compromisosTitle: { es: "Compromisos por mes", en: "Commitments per month" },
  colMes: { es: "Mes", en: "Month" },
  colRecogidos: { es: "Recogidos", en: "Collected" },
  colACargo: { es: "A cargo", en: "In charge" },
  colCumplido: { es: "Cumplido", en: "Done" },
  colPctCumplido: { es: "% Cumplido", en: "% Done" },
  noData: { es: "—", en: "—" },

  // demo
  demoWritten: { es: "Libro de ejemplo: {0}", en: "Sample workbook: {0}" },
} satisfies Record<string, Msg>;

export type MsgKey = keyof typeof M;

/** A message in a language, with {0}, {1}... replaced by the arguments. */
export function t(lang: Lang, key: MsgKey, ...args: (string | number)[]): string {
  return format(M[key][lang], args);
}

export function format(text: string, args: (string | number)[]): string {
  return text.replace(/\{(\d+)\}/g, (m, i) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** Percentages as officials write them: "113 %" in Spanish, "113%" in English; "—" for none. */
export function percent(lang: Lang, ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return "—";
  const n = Math.round(ratio * 100);
  return lang === "es" ? `${n} %` : `${n}%`;
}
