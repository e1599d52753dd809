/** The text tables: both languages complete, the language Office asks for, numbers as officials read them. */
import { idiomaDe, TEXTOS, textos } from "../../src/taskpane/i18n";

/** Every key path of an object (functions count as leaves). */
function keyPaths(o: unknown, prefix = ""): string[] {
  if (o === null || typeof o !== "object") return [prefix];
  return Object.keys(o as object)
    .sort()
    .flatMap((k) => keyPaths((o as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
}

describe("idiomaDe: Office's display language", () => {
  test.each([
    ["en-US", "en"],
    ["en-GB", "en"],
    ["EN", "en"],
    ["en", "en"],
    ["es-CO", "es"],
    ["es-ES", "es"],
    ["pt-BR", "es"],
    ["", "es"],
    [undefined, "es"],
    [null, "es"],
    ["eng", "es"],
  ])("%p -> %p", (lang, expected) => {
    expect(idiomaDe(lang as string | undefined)).toBe(expected);
  });
});

describe("text tables", () => {
  test("English has every text Spanish has, and no empty one", () => {
    expect(keyPaths(TEXTOS.en)).toEqual(keyPaths(TEXTOS.es));
    for (const lang of ["es", "en"] as const) {
      const walk = (o: unknown, path: string) => {
        if (typeof o === "string") expect(`${path}=${o.trim()}`).not.toBe(`${path}=`);
        else if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
      };
      walk(TEXTOS[lang], lang);
    }
  });

  test("the primary button and the cut options, as the issue words them", () => {
    expect(textos("es").generar.boton).toBe("Generar resumen del cuatrimestre");
    expect(textos("en").generar.boton).toBe("Generate cuatrimestre summary");
    expect(textos("es").generar.corteOpcion("III")).toBe("III · septiembre – diciembre");
    expect(textos("es").generar.corteOpcion("I")).toBe("I · enero – abril");
    expect(textos("en").generar.corteOpcion("II")).toBe("II · May – August");
  });

  test("the stages named in order", () => {
    expect(Object.values(textos("es").generar.etapa)).toEqual(["Leyendo datos", "Validando", "Calculando", "Escribiendo hojas", "Listo"]);
  });

  test("percentages: a space before % in Spanish, none in English, a dash for nothing programmed", () => {
    const es = textos("es");
    const en = textos("en");
    expect(es.porcentaje(78 / 69)).toBe("113 %");
    expect(es.porcentaje(1.25)).toBe("125 %");
    expect(en.porcentaje(78 / 69)).toBe("113%");
    expect(es.porcentaje(0)).toBe("0 %");
    expect(es.porcentaje(12.345)).toBe("1.235 %");
    expect(es.porcentaje(null)).toBe("—");
    expect(es.porcentaje(Number.NaN)).toBe("—");
  });

  test("bands: Spanish as in the report, English translated", () => {
    expect(textos("es").banda("Sobreejecutado")).toBe("Sobreejecutado");
    expect(textos("en").banda("Sobreejecutado")).toBe("Over-executed");
  });

  test("dates of a publication in each language; a damaged one shown as it came", () => {
    expect(textos("es").publicar.fecha("2022-01-10T14:30:00")).toMatch(/^10\/01\/2022,? 0?2:30 p\. ?m\.$/);
    expect(textos("en").publicar.fecha("2022-01-10T14:30:00")).toMatch(/^01\/10\/2022,? 0?2:30 PM$/);
    expect(textos("es").publicar.fecha("ayer")).toBe("ayer");
  });
});
