/**
 * What the "Resumen cuatrimestre" button tells the official once it is done, in Spanish or English:
 * the headline figures, or why nothing was generated and what to do. Pure, so it is tested without
 * Office; the dialog page (resultado.ts) only displays it.
 */
import { BANDA_EN, monthsLabel, type Banda, type Cuatrimestre, type Problem } from "../domain";

export type Idioma = "es" | "en";

/** The outcome of the command, as the dialog needs it. */
export type SalidaComando =
  | {
      tipo: "generado";
      corte: Cuatrimestre;
      vigenciaAnio: number;
      vigencia: { programado: number; ejecutado: number; cumplimiento: number | null; banda: string };
      cuatrimestre: { programado: number; ejecutado: number; cumplimiento: number | null; banda: string };
      hojas: string[];
      avisos: string[];
    }
  | { tipo: "errores"; problemas: Problem[] }
  | { tipo: "fallo"; mensaje: { es: string; en: string } };

/** The dialog's content. */
export interface TextoDialogo {
  lang: Idioma;
  titulo: string;
  lineas: string[];
  cerrar: string;
}

/** English when Office's display language is English ("en-US", "en-GB"); Spanish otherwise. */
export function idiomaDe(displayLanguage: string | null | undefined): Idioma {
  return typeof displayLanguage === "string" && /^en(\b|[-_])/i.test(displayLanguage.trim()) ? "en" : "es";
}

/** "113 %" (es, with the space the report's texts use) / "113%" (en). */
function porcentaje(x: number | null, lang: Idioma): string {
  if (x === null || !Number.isFinite(x)) return "—";
  const n = new Intl.NumberFormat(lang === "es" ? "es-CO" : "en-US", { maximumFractionDigits: 0 }).format(x * 100);
  return lang === "es" ? `${n} %` : `${n}%`;
}

function banda(b: string, lang: Idioma): string {
  return lang === "en" && b in BANDA_EN ? BANDA_EN[b as Banda] : b;
}

/** How many problems the dialog lists before saying "and N more". */
export const MAX_PROBLEMAS = 5;

/**
 * The dialog's title and lines.
 *
 * @example textoResultado(generado2021III, "es").lineas[0]
 *   // "Vigencia (enero – diciembre): 78 de 69 productos, 113 % (Satisfactorio)."
 */
export function textoResultado(s: SalidaComando, lang: Idioma): TextoDialogo {
  const es = lang === "es";
  const cerrar = es ? "Cerrar" : "Close";
  if (s.tipo === "generado") {
    const linea = (nombre: string, c: typeof s.vigencia) =>
      es
        ? `${nombre}: ${c.ejecutado} de ${c.programado} productos, ${porcentaje(c.cumplimiento, lang)} (${banda(c.banda, lang)}).`
        : `${nombre}: ${c.ejecutado} of ${c.programado} products, ${porcentaje(c.cumplimiento, lang)} (${banda(c.banda, lang)}).`;
    const span = `${es ? "enero" : "January"} – ${monthsLabel(s.corte, lang).split(" – ")[1]}`;
    return {
      lang,
      titulo: es ? `Informe del corte ${s.corte} · ${s.vigenciaAnio} generado` : `Report of cut ${s.corte} · ${s.vigenciaAnio} generated`,
      lineas: [
        linea(`Vigencia (${span})`, s.vigencia),
        linea(`${es ? "Cuatrimestre" : "Cuatrimestre"} ${s.corte} (${monthsLabel(s.corte, lang)})`, s.cuatrimestre),
        `${es ? "Hojas" : "Sheets"}: ${s.hojas.join(", ")}.`,
        ...s.avisos,
      ],
      cerrar,
    };
  }
  if (s.tipo === "errores") {
    const errores = s.problemas.filter((p) => p.severity === "error");
    const lista = errores.slice(0, MAX_PROBLEMAS).map((p) => `${p.ref}: ${p.message[lang]}`);
    const resto = errores.length - lista.length;
    return {
      lang,
      titulo: es ? "No se generó el informe: los datos tienen errores" : "The report was not generated: the data has errors",
      lineas: [
        ...lista,
        ...(resto > 0 ? [es ? `… y ${resto} más.` : `… and ${resto} more.`] : []),
        es
          ? "Corríjalos y vuelva a pulsar «Resumen cuatrimestre», o abra el panel (Abrir panel) y use «Validar datos» para ir a cada celda."
          : "Fix them and choose “Cuatrimestre summary” again, or open the pane (Open pane) and use “Validate data” to go to each cell.",
      ],
      cerrar,
    };
  }
  return { lang, titulo: es ? "No se pudo generar el informe" : "The report could not be generated", lineas: [s.mensaje[lang]], cerrar };
}

/** The dialog page's address for a text: the text travels in the fragment, never to a server. */
export function urlDialogo(base: string, texto: TextoDialogo): string {
  const url = new URL("resultado.html", base);
  url.hash = encodeURIComponent(JSON.stringify(texto));
  return url.toString();
}

/** The text back from a dialog page's fragment; null when it is missing or damaged. */
export function textoDeUrl(hash: string): TextoDialogo | null {
  try {
    const t = JSON.parse(decodeURIComponent(hash.replace(/^#/, ""))) as TextoDialogo;
    return t && typeof t.titulo === "string" && Array.isArray(t.lineas) && typeof t.cerrar === "string" ? t : null;
  } catch {
    return null;
  }
}
