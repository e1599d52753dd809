/**
 * The warning lines of `pipc generate` for what the input holds that the report cannot carry: one
 * line per sheet and kind, naming the sheet, in Spanish with its agreements (1 tabla dinámica … no
 * la conserva) or in English.
 *
 * Which kinds come up depends on the path that wrote the report. The package path
 * (src/xlsx/fast/generate.ts) carries every part of the input untouched, so only what an .xlsx
 * cannot hold is lost: macros, Excel 4.0 macro sheets and dialog sheets. The ExcelJS path (taken
 * for the inputs the package path does not handle) loses every kind src/xlsx/inspect.ts finds.
 */
import type { LossKind, PackageLoss } from "../xlsx/inspect";
import type { Lang } from "./i18n";

interface Noun {
  es: [singular: string, plural: string, gender: "m" | "f"];
  en: [singular: string, plural: string];
  /** Said with an article instead of a number ("un modelo de datos"): there is one or none. */
  uncounted?: true;
}

const NOUNS: Record<Exclude<LossKind, "chartsheet" | "macrosheet" | "dialogsheet" | "threadedComments" | "dynamicArrays">, Noun> = {
  macros: { es: ["macros (VBA)", "macros (VBA)", "f"], en: ["macros (VBA)", "macros (VBA)"], uncounted: true },
  externalLinks: { es: ["vínculo a otro libro", "vínculos a otros libros", "m"], en: ["link to another workbook", "links to other workbooks"] },
  connections: { es: ["conexión de datos (consulta)", "conexiones de datos (consultas)", "f"], en: ["data connection (query)", "data connections (queries)"] },
  dataModel: { es: ["un modelo de datos (Power Pivot)", "", "m"], en: ["a data model (Power Pivot)", ""], uncounted: true },
  customUI: { es: ["una personalización de la cinta de opciones", "", "f"], en: ["a ribbon customization", ""], uncounted: true },
  pivotTables: { es: ["tabla dinámica", "tablas dinámicas", "f"], en: ["pivot table", "pivot tables"] },
  charts: { es: ["gráfico", "gráficos", "m"], en: ["chart", "charts"] },
  shapes: { es: ["dibujo (forma, cuadro de texto)", "dibujos (formas, cuadros de texto)", "m"], en: ["drawing (shape, text box)", "drawings (shapes, text boxes)"] },
  images: { es: ["imagen", "imágenes", "f"], en: ["picture", "pictures"] },
  headerFooterImages: {
    es: ["imagen en el encabezado o pie de página", "imágenes en el encabezado o pie de página", "f"],
    en: ["picture in the header or footer", "pictures in the header or footer"],
  },
  slicers: { es: ["segmentación de datos", "segmentaciones de datos", "f"], en: ["slicer", "slicers"] },
  timelines: { es: ["escala de tiempo", "escalas de tiempo", "f"], en: ["timeline", "timelines"] },
  sparklines: { es: ["minigráfico", "minigráficos", "m"], en: ["sparkline", "sparklines"] },
  controls: { es: ["control de formulario", "controles de formulario", "m"], en: ["form control", "form controls"] },
  oleObjects: { es: ["objeto incrustado (OLE)", "objetos incrustados (OLE)", "m"], en: ["embedded object (OLE)", "embedded objects (OLE)"] },
  crossSheetValidations: {
    es: ["validación de datos que usa otra hoja", "validaciones de datos que usan otra hoja", "f"],
    en: ["data validation that uses another sheet", "data validations that use another sheet"],
  },
  richValues: {
    es: ["imagen o tipo de datos dentro de una celda", "imágenes o tipos de datos dentro de celdas", "f"],
    en: ["picture or data type inside a cell", "pictures or data types inside cells"],
  },
};

const UNCHANGED = { es: "(el archivo original no se modifica)", en: "(the original file is not modified)" };

function where(lang: Lang, sheet: string | null): string {
  if (sheet === null) return lang === "es" ? "el libro" : "the workbook";
  return lang === "es" ? `la hoja «${sheet}»` : `the sheet “${sheet}”`;
}

function pronoun(gender: "m" | "f", plural: boolean): string {
  return gender === "m" ? (plural ? "los" : "lo") : plural ? "las" : "la";
}

/** The warning line (without newline) for one loss. */
export function lossLine(loss: PackageLoss, lang: Lang): string {
  const n = loss.count;
  const pl = n !== 1;
  const es = lang === "es";
  // A sheet name is user data: keep the warning on one line whatever it holds.
  const l = { ...loss, sheet: loss.sheet === null ? null : loss.sheet.replace(/[\r\n\t]+/g, " ") };
  const head = es ? "Aviso:" : "Warning:";
  switch (l.kind) {
    case "chartsheet":
    case "macrosheet":
    case "dialogsheet": {
      const what = {
        chartsheet: { es: "la hoja de gráfico", en: "the chart sheet" },
        macrosheet: { es: "la hoja de macros de Excel 4.0", en: "the Excel 4.0 macro sheet" },
        dialogsheet: { es: "la hoja de diálogo", en: "the dialog sheet" },
      }[l.kind];
      return es
        ? `${head} el libro tiene ${what.es} «${l.sheet}»; el informe generado no la conserva ${UNCHANGED.es}.`
        : `${head} the workbook has ${what.en} “${l.sheet}”; the generated report does not keep it ${UNCHANGED.en}.`;
    }
    case "threadedComments":
      return es
        ? `${head} ${where(lang, l.sheet)} tiene ${n} ${pl ? "comentarios encadenados" : "comentario encadenado"}; el informe generado ${pl ? "los" : "lo"} conserva solo como ${pl ? "notas" : "nota"}, sin el hilo de respuestas ${UNCHANGED.es}.`
        : `${head} ${where(lang, l.sheet)} has ${n} threaded ${pl ? "comments" : "comment"}; the generated report keeps ${pl ? "them" : "it"} only as ${pl ? "notes" : "a note"}, without the reply thread ${UNCHANGED.en}.`;
    case "dynamicArrays":
      return es
        ? `${head} ${where(lang, l.sheet)} tiene ${n} ${pl ? "fórmulas" : "fórmula"} de matriz dinámica; el informe generado ${pl ? "las" : "la"} conserva como ${pl ? "matrices fijas" : "matriz fija"}, que ya no se ${pl ? "desbordan" : "desborda"} sola${pl ? "s" : ""} ${UNCHANGED.es}.`
        : `${head} ${where(lang, l.sheet)} has ${n} dynamic array ${pl ? "formulas" : "formula"}; the generated report keeps ${pl ? "them as fixed arrays that no longer spill" : "it as a fixed array that no longer spills"} ${UNCHANGED.en}.`;
    default: {
      const noun = NOUNS[l.kind];
      const [sg, plural, gender] = noun.es;
      const [sgEn, pluralEn] = noun.en;
      if (noun.uncounted) {
        return es
          ? `${head} ${where(lang, l.sheet)} tiene ${sg}; el informe generado no ${pronoun(gender, l.kind === "macros")} conserva ${UNCHANGED.es}.`
          : `${head} ${where(lang, l.sheet)} has ${sgEn}; the generated report does not keep ${l.kind === "macros" ? "them" : "it"} ${UNCHANGED.en}.`;
      }
      return es
        ? `${head} ${where(lang, l.sheet)} tiene ${n} ${pl ? plural : sg}; el informe generado no ${pronoun(gender, pl)} conserva ${UNCHANGED.es}.`
        : `${head} ${where(lang, l.sheet)} has ${n} ${pl ? pluralEn : sgEn}; the generated report does not keep ${pl ? "them" : "it"} ${UNCHANGED.en}.`;
    }
  }
}
