/**
 * The "Resumen cuatrimestre" ribbon button: it generates the configured cut with the real engine
 * (here on the strict in-memory Excel) and composes what the result dialog says.
 */
import { problem } from "../../src/domain";
import { createEngine } from "../../src/excel/engine";
import { ejecutarResumen } from "../../src/commands/commands";
import { idiomaDe, MAX_PROBLEMAS, textoDeUrl, textoResultado, urlDialogo, type SalidaComando } from "../../src/commands/textoResultado";
import { crearLibroEnMemoria } from "../../src/taskpane/browser/memoryWorkbook";

async function libro2021() {
  const libro = crearLibroEnMemoria();
  const engine = createEngine({ run: libro.run, isSetSupported: libro.isSetSupported });
  await engine.prepararLibro();
  await engine.cargarEjemplo();
  return { libro, engine };
}

describe("ejecutarResumen", () => {
  test("generates the cut of Configuración (III for the 2021 example) without being told which", async () => {
    const { engine } = await libro2021();
    const s = await ejecutarResumen(engine);
    expect(s).toMatchObject({
      tipo: "generado",
      corte: "III",
      vigenciaAnio: 2021,
      vigencia: { programado: 69, ejecutado: 78, banda: "Satisfactorio" },
      cuatrimestre: { programado: 28, ejecutado: 35, cumplimiento: 1.25, banda: "Sobreejecutado" },
    });
    const t = textoResultado(s, "es");
    expect(t.titulo).toBe("Informe del corte III · 2021 generado");
    expect(t.lineas[0]).toBe("Vigencia (enero – diciembre): 78 de 69 productos, 113 % (Satisfactorio).");
    expect(t.lineas[1]).toBe("Cuatrimestre III (septiembre – diciembre): 35 de 28 productos, 125 % (Sobreejecutado).");
    expect(t.lineas[2]).toMatch(/^Hojas: Resumen, 3\.1 OAP, .*Seguimiento compromisos\.$/);
    expect(textoResultado(s, "en").lineas[0]).toBe("Vigencia (January – December): 78 of 69 products, 113% (Satisfactory).");
  });

  test("data with errors: nothing generated, the cells to fix", async () => {
    const { libro, engine } = await libro2021();
    await libro.run(async (context) => {
      context.workbook.worksheets.getItem("Actividades").getRange("F7").values = [["abc"]];
      await context.sync();
    });
    const s = await ejecutarResumen(engine);
    expect(s.tipo).toBe("errores");
    const t = textoResultado(s, "es");
    expect(t.titulo).toBe("No se generó el informe: los datos tienen errores");
    expect(t.lineas[0]).toMatch(/^Actividades!F7: /);
    expect(t.lineas.at(-1)).toMatch(/Validar datos/);
  });

  test("an engine failure: its plain message, never the exception's text", async () => {
    const broken = createEngine({
      run: async () => {
        throw Object.assign(new Error("RichApi.Error: The operation failed because Excel is in cell-editing mode"), { code: "InvalidOperationInCellEditMode" });
      },
    });
    const s = await ejecutarResumen(broken);
    expect(s.tipo).toBe("fallo");
    const t = textoResultado(s, "es");
    expect(t.lineas).toEqual(["Excel está editando una celda: presione Enter o Esc para salir de la celda y vuelva a intentarlo."]);
    expect(JSON.stringify(t)).not.toMatch(/RichApi/);
  });
});

describe("the dialog's text", () => {
  test("many errors: the first few and how many more", () => {
    const problemas = Array.from({ length: 8 }, (_, i) => problem("not-a-number", "error", "Actividades", `D${i + 3}`, `malo ${i}`, `bad ${i}`));
    problemas.push(problem("no-office-in-charge", "warning", "Configuración", null, "aviso", "warning"));
    const t = textoResultado({ tipo: "errores", problemas }, "en");
    expect(t.lineas.slice(0, MAX_PROBLEMAS)).toEqual(problemas.slice(0, MAX_PROBLEMAS).map((p) => `${p.ref}: ${p.message.en}`));
    expect(t.lineas[MAX_PROBLEMAS]).toBe("… and 3 more.");
    expect(t.cerrar).toBe("Close");
  });

  test("travels in the URL fragment and comes back whole; damage gives null", () => {
    const s: SalidaComando = { tipo: "fallo", mensaje: { es: "Falta «Actividades» & más #1", en: "x" } };
    const t = textoResultado(s, "es");
    const url = urlDialogo("https://localhost:3000/commands.html", t);
    expect(url.startsWith("https://localhost:3000/resultado.html#")).toBe(true);
    expect(textoDeUrl(new URL(url).hash)).toEqual(t);
    expect(textoDeUrl("#%7Bnope")).toBeNull();
    expect(textoDeUrl("")).toBeNull();
  });

  test("language from Office", () => {
    expect(idiomaDe("en-US")).toBe("en");
    expect(idiomaDe("es-CO")).toBe("es");
  });
});
