/** Where the pane runs, in which language and theme: decisions on what Office reports. */
import { entornoDe, luminancia, preguntarAOffice, temaDe } from "../../src/taskpane/host";

describe("theme", () => {
  test("luminance of Office's colours", () => {
    expect(luminancia("#FFFFFF")).toBeCloseTo(1, 6);
    expect(luminancia("000000")).toBe(0);
    expect(luminancia("#262626")).toBeLessThan(0.05);
    expect(luminancia("white")).toBeNull();
    expect(luminancia(undefined)).toBeNull();
  });

  test("Office's own flag wins; otherwise the darkness of the pane's background", () => {
    expect(temaDe({ isDarkTheme: true, bodyBackgroundColor: "#FFFFFF" })).toBe("oscuro");
    expect(temaDe({ isDarkTheme: false, bodyBackgroundColor: "#000000" })).toBe("claro");
    // Office's themes: White and Colorful are light, Dark Gray (#666666 panes read as light enough) and Black.
    expect(temaDe({ bodyBackgroundColor: "#FFFFFF" })).toBe("claro");
    expect(temaDe({ bodyBackgroundColor: "#E6E6E6" })).toBe("claro");
    expect(temaDe({ bodyBackgroundColor: "#262626" })).toBe("oscuro");
    expect(temaDe({ bodyBackgroundColor: "#000000" })).toBe("oscuro");
    expect(temaDe(undefined)).toBe("claro");
    expect(temaDe(null, true)).toBe("oscuro");
  });
});

describe("environment", () => {
  test("Excel runs the real engine, in Office's language and theme", () => {
    expect(entornoDe({ host: "Excel", displayLanguage: "en-US", officeTheme: { bodyBackgroundColor: "#262626" } })).toEqual({
      modo: "office",
      idioma: "en",
      tema: "oscuro",
    });
    expect(entornoDe({ host: "Excel", displayLanguage: "es-CO" })).toEqual({ modo: "office", idioma: "es", tema: "claro" });
  });

  test("no host (a browser tab), another host, or no office.js at all: the demo, in Spanish", () => {
    expect(entornoDe({ host: null })).toEqual({ modo: "navegador", idioma: "es", tema: "claro" });
    expect(entornoDe({ host: "Word", displayLanguage: "en-US" })).toMatchObject({ modo: "navegador", idioma: "es" });
    expect(entornoDe(null, { prefiereOscuro: true })).toEqual({ modo: "navegador", idioma: "es", tema: "oscuro" });
  });

  describe("asking office.js", () => {
    const g = globalThis as { Office?: unknown };
    afterEach(() => {
      delete g.Office;
    });

    test("without office.js: null at once", async () => {
      delete g.Office;
      await expect(preguntarAOffice(50)).resolves.toBeNull();
    });

    test("office.js outside Office: no host", async () => {
      g.Office = { onReady: async () => ({ host: null, platform: null }) };
      await expect(preguntarAOffice(1000)).resolves.toEqual({ host: null });
    });

    test("inside Excel: the host with the display language and theme", async () => {
      g.Office = {
        onReady: async () => ({ host: "Excel", platform: "PC" }),
        context: { displayLanguage: "en-GB", officeTheme: { bodyBackgroundColor: "#FFFFFF" } },
      };
      await expect(preguntarAOffice(1000)).resolves.toEqual({ host: "Excel", displayLanguage: "en-GB", officeTheme: { bodyBackgroundColor: "#FFFFFF" } });
    });

    test("office.js that never answers, or fails: null, so the pane still starts", async () => {
      g.Office = { onReady: () => new Promise(() => undefined) };
      await expect(preguntarAOffice(30)).resolves.toBeNull();
      g.Office = { onReady: () => Promise.reject(new Error("boom")) };
      await expect(preguntarAOffice(1000)).resolves.toBeNull();
    });
  });
});
