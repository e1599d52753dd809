/**
 * Where the pane runs: inside Excel (Office.onReady reports the Excel host) or in an ordinary
 * browser tab (office.js reports no host, or never loaded), and the language and theme Office asks
 * for. The decisions are pure functions of what Office reports, so they are tested without Office.
 */
import { idiomaDe, type Idioma } from "./i18n";

export type Tema = "claro" | "oscuro";

/** The part of `Office.context.officeTheme` the pane reads (isDarkTheme is newer than the colours). */
export interface OfficeThemeLike {
  bodyBackgroundColor?: string;
  isDarkTheme?: boolean;
}

/** Relative luminance (0 black .. 1 white) of "#RRGGBB", or null when it is not one. */
export function luminancia(color: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec((color ?? "").trim());
  if (!m) return null;
  const lin = (h: string) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(m[1]) + 0.7152 * lin(m[2]) + 0.0722 * lin(m[3]);
}

/**
 * Light or dark, following Office's theme: its own flag when it has one, else the darkness of the
 * task pane's background (Office's "Black" and "Dark Gray" themes); light when Office says nothing.
 *
 * @example temaDe({ bodyBackgroundColor: "#262626" }) === "oscuro"; temaDe(undefined) === "claro"
 */
export function temaDe(theme: OfficeThemeLike | null | undefined, prefiereOscuro = false): Tema {
  if (theme && typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme ? "oscuro" : "claro";
  const l = luminancia(theme?.bodyBackgroundColor);
  if (l !== null) return l < 0.2 ? "oscuro" : "claro";
  return prefiereOscuro ? "oscuro" : "claro";
}

export interface EntornoOffice {
  modo: "office";
  idioma: Idioma;
  tema: Tema;
}

export interface EntornoNavegador {
  modo: "navegador";
  idioma: Idioma;
  tema: Tema;
}

export type Entorno = EntornoOffice | EntornoNavegador;

/** What `Office.onReady` resolved with, or null when office.js is missing or never answered. */
export interface OfficeInfo {
  host: string | null;
  displayLanguage?: string;
  officeTheme?: OfficeThemeLike | null;
}

/**
 * The environment for what Office reported. Only Excel runs the real engine; anything else is the
 * demo, which starts in Spanish whatever the browser's language (the switch offers English): the
 * plan, its sheets and the report are Spanish, and Office's display language is not there to ask.
 */
export function entornoDe(info: OfficeInfo | null, navegador: { prefiereOscuro?: boolean } = {}): Entorno {
  if (info && typeof info.host === "string" && /^excel$/i.test(info.host)) {
    return { modo: "office", idioma: idiomaDe(info.displayLanguage), tema: temaDe(info.officeTheme) };
  }
  return { modo: "navegador", idioma: "es", tema: navegador.prefiereOscuro ? "oscuro" : "claro" };
}

/** How long to wait for office.js before running as a plain web page (a blocked CDN, say). */
export const ESPERA_OFFICE_MS = 10_000;

/**
 * Asks office.js where it runs. Resolves null when office.js is not there, fails, or stays silent
 * past the timeout, so the pane always starts.
 */
export async function preguntarAOffice(timeoutMs = ESPERA_OFFICE_MS): Promise<OfficeInfo | null> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office || typeof office.onReady !== "function") return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const ready = office.onReady().then((info) => {
      const host = info?.host ? String(info.host) : null;
      if (!host) return { host: null } as OfficeInfo;
      const ctx = office.context;
      return {
        host,
        displayLanguage: ctx?.displayLanguage,
        officeTheme: (ctx?.officeTheme as OfficeThemeLike | undefined) ?? null,
      } as OfficeInfo;
    });
    return await Promise.race([ready, timeout]);
  } catch {
    return null;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** The browser's own hints, used outside Office. */
export function pistasDelNavegador(): { prefiereOscuro?: boolean } {
  const dark = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)").matches : false;
  return { prefiereOscuro: dark };
}
