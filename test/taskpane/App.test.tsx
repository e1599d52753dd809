/**
 * The whole pane in jsdom, driven as an official would (roles and names, keyboard where it
 * matters), over the real engine on the strict in-memory Excel.
 */
import "./domSetup";
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/components/App/App";
import { crearDemo, type Demo } from "../../src/taskpane/browser/demo";
import { ExcelEngineError } from "../../src/excel/errors";
import type { PaneEngine } from "../../src/taskpane/services/paneEngine";
import { escribir, seleccion } from "./fixtures";

jest.setTimeout(60_000);

function renderPane(demo: Demo, idioma: "es" | "en" = "es") {
  return render(<App engine={demo.engine} demo={null} idiomaInicial={idioma} tema="claro" />);
}

const click = async (name: string | RegExp) => {
  const b = await screen.findByRole("button", { name });
  await act(async () => {
    fireEvent.click(b);
  });
  return b;
};

/** A message bar's body holding the text (the live region repeats it: that one is not wanted here). */
const bar = (text: string | RegExp) => screen.findByText(text, { selector: ".fui-MessageBarBody" }, { timeout: 15_000 });

/** Waits for the pane to be idle (the workbook read, no action running). */
async function idle(): Promise<void> {
  await waitFor(() => expect(screen.queryByText("Cargando el libro…")).toBeNull(), { timeout: 30_000 });
  await waitFor(() => expect(screen.getByRole("button", { name: "Actualizar" }).getAttribute("aria-disabled")).not.toBe("true"), { timeout: 30_000 });
}

async function hasta2021Generado(demo: Demo): Promise<void> {
  renderPane(demo);
  await idle();
  await click("Preparar libro");
  await idle();
  await click("Cargar ejemplo 2021");
  await idle();
  await bar("Ejemplo 2021 cargado.");
  await click("Validar datos");
  await idle();
  fireEvent.click(screen.getByRole("radio", { name: "III · septiembre – diciembre" }));
  await click("Generar resumen del cuatrimestre");
  await screen.findByTestId("resultado", undefined, { timeout: 30_000 });
  await idle();
}

test("prepare → example → validate → generate III: the card shows 69 / 78 / 113 % and 125 % with their bands", async () => {
  const demo = crearDemo();
  renderPane(demo);
  // The empty workbook: the four inputs missing, both starts offered.
  expect(await screen.findByText("Actividades: falta")).toBeTruthy();
  await idle();
  await click("Preparar libro");
  await idle();
  expect(await bar("Libro preparado: escriba el plan en las hojas de entrada.")).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Preparar libro" })).toBeNull();
  await click("Cargar ejemplo 2021");
  await idle();
  expect(screen.getByText("279")).toBeTruthy();
  await click("Validar datos");
  await idle();
  expect(screen.getAllByText("Sin problemas: los datos están listos para el informe.").length).toBeGreaterThan(0);
  fireEvent.click(screen.getByRole("radio", { name: "III · septiembre – diciembre" }));
  await click("Generar resumen del cuatrimestre");
  const card = await screen.findByTestId("resultado", undefined, { timeout: 30_000 });
  await idle();

  expect(within(card).getByRole("heading", { name: "Resultado del corte III · 2021" })).toBeTruthy();
  expect(within(card).getByTestId("programado-vigencia").textContent).toBe("69");
  expect(within(card).getByTestId("ejecutado-vigencia").textContent).toBe("78");
  expect(within(card).getByTestId("cumplimiento-vigencia").textContent).toBe("113 %");
  expect(within(card).getByTestId("cumplimiento-cuatrimestre").textContent).toBe("125 %");
  const bandaV = within(card).getByTestId("banda-vigencia");
  expect(bandaV.textContent).toBe("Satisfactorio");
  expect(bandaV.style.backgroundColor).toBe("rgb(198, 239, 206)");
  expect(within(card).getByTestId("banda-cuatrimestre").textContent).toBe("Sobreejecutado");
  // The progress bar names the last stage; the live region announces the figures.
  expect(screen.getByText("Listo (5/5)")).toBeTruthy();
  expect(screen.getByTestId("anuncio").textContent).toBe("Informe generado. Cumplimiento de la vigencia 113 %; del cuatrimestre 125 %.");

  // A generated sheet's link activates it in the workbook.
  fireEvent.click(within(card).getByRole("button", { name: "3.1 OAP" }));
  await waitFor(async () => expect(await seleccion(demo)).toMatch(/^'?3\.1 OAP'?!/));
});

test("the problems list groups by sheet and a click selects the cell in Excel", async () => {
  const demo = crearDemo();
  await demo.engine.prepararLibro();
  await demo.engine.cargarEjemplo();
  await escribir(demo, "Actividades", "F7", "abc");
  await escribir(demo, "Compromisos", "B5", "ayer");
  renderPane(demo);
  await idle();
  await click("Validar datos");
  await idle();
  const groups = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
  expect(groups).toEqual(expect.arrayContaining([expect.stringMatching(/^Actividades \(\d+\)$/), expect.stringMatching(/^Compromisos \(\d+\)$/)]));
  const item = screen.getByRole("button", { name: /Actividades!F7/ });
  expect(item.textContent).toMatch(/^Error/);
  fireEvent.click(item);
  await waitFor(async () => expect(await seleccion(demo)).toBe("Actividades!F7"));
  // Generating now is refused, next to the button, with what to do.
  await click("Generar resumen del cuatrimestre");
  await idle();
  expect(await bar(/No se generó el informe: los datos tienen errores\. Corríjalos/)).toBeTruthy();
  expect(screen.queryByTestId("resultado")).toBeNull();
});

test("the language switch turns the pane to English and back, figures included", async () => {
  const demo = crearDemo();
  await hasta2021Generado(demo);
  fireEvent.change(screen.getByRole("combobox", { name: "Idioma" }), { target: { value: "en" } });
  expect(await screen.findByRole("button", { name: "Generate cuatrimestre summary" })).toBeTruthy();
  expect(screen.getByTestId("cumplimiento-vigencia").textContent).toBe("113%");
  expect(screen.getByTestId("banda-cuatrimestre").textContent).toBe("Over-executed");
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("PIPC Tracking");
  expect(document.documentElement.lang).toBe("en");
  fireEvent.change(screen.getByRole("combobox", { name: "Language" }), { target: { value: "es" } });
  expect(await screen.findByRole("button", { name: "Generar resumen del cuatrimestre" })).toBeTruthy();
  expect(document.documentElement.lang).toBe("es");
});

test("English from the start when Office runs in English", async () => {
  render(<App engine={crearDemo().engine} demo={null} idiomaInicial="en" tema="oscuro" />);
  expect(await screen.findByRole("button", { name: "Prepare workbook" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "Load 2021 example" })).toBeTruthy();
});

test("Publicar corte asks first; cancel does nothing; confirm publishes; a second time asks to replace", async () => {
  const demo = crearDemo();
  await hasta2021Generado(demo);
  await click("Publicar corte");
  let dialog = await screen.findByRole("alertdialog", { hidden: true });
  expect(within(dialog).getByText("¿Publicar el corte III-2021?")).toBeTruthy();
  // Under jsdom, Fluent's focus manager (tabster) sometimes leaves aria-hidden on a reopened dialog,
  // which no real browser shows (the e2e test checks the dialog's accessibility in Chromium): the
  // dialog's buttons are looked up including hidden ones.
  fireEvent.click(within(dialog).getByRole("button", { name: "Cancelar", hidden: true }));
  await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull());
  expect(await demo.tools.hojas()).not.toEqual(expect.arrayContaining([expect.stringMatching(/^Corte /)]));

  await click("Publicar corte");
  dialog = await screen.findByRole("alertdialog", { hidden: true });
  const publicar1 = within(dialog).getByRole("button", { name: "Publicar", hidden: true });
  await act(async () => {
    fireEvent.click(publicar1);
  });
  await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull(), { timeout: 30_000 });
  expect(await bar("Corte publicado en 7 hojas protegidas, empezando por «Corte III-2021 Resumen».")).toBeTruthy();
  expect(await demo.tools.hojas()).toEqual(expect.arrayContaining(["Corte III-2021 Resumen"]));

  await click("Publicar corte");
  dialog = await screen.findByRole("alertdialog", { hidden: true });
  const publicar2 = within(dialog).getByRole("button", { name: "Publicar", hidden: true });
  await act(async () => {
    fireEvent.click(publicar2);
  });
  const replace = await screen.findByText("El corte III-2021 ya está publicado", undefined, { timeout: 30_000 });
  dialog = replace.closest("[role=alertdialog]") as HTMLElement;
  const reemplazar = await within(dialog).findByRole("button", { name: "Reemplazar", hidden: true });
  await act(async () => {
    fireEvent.click(reemplazar);
  });
  await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull(), { timeout: 30_000 });
  expect(await bar(/^Corte publicado en 7 hojas protegidas/)).toBeTruthy();
});

test("settings are saved into Configuración and change the next generation's bands", async () => {
  const demo = crearDemo();
  await hasta2021Generado(demo);
  fireEvent.click(screen.getByRole("button", { name: "Configuración" }));
  const sobre = await screen.findByRole("textbox", { name: "Umbral de sobreejecución (%)" });
  expect((sobre as HTMLInputElement).value).toBe("120");
  expect((screen.getByRole("combobox", { name: /Dependencia a cargo de compromisos/ }) as HTMLSelectElement).value).toBe("ACPVR");
  fireEvent.change(sobre, { target: { value: "130" } });
  await click("Guardar configuración");
  await idle();
  expect(await bar(/Configuración guardada en la hoja Configuración/)).toBeTruthy();
  expect((await demo.engine.leerConfiguracion()).umbrales.sobreejecucion).toBe(1.3);
  await click("Generar resumen del cuatrimestre");
  await idle();
  await waitFor(() => expect(screen.getByTestId("banda-cuatrimestre").textContent).toBe("Satisfactorio"));

  // A bad value is refused at its field, with what to write; nothing is saved.
  fireEvent.change(screen.getByRole("textbox", { name: "Umbral bajo (%)" }), { target: { value: "95" } });
  await click("Guardar configuración");
  expect(screen.getByText("Los umbrales deben ir en orden: bajo ≤ medio ≤ sobreejecución.")).toBeTruthy();
  expect((await demo.engine.leerConfiguracion()).umbrales.bajo).toBe(0.6);
});

test("an engine failure shows a message bar in plain Spanish with what to do, never a stack trace", async () => {
  const demo = crearDemo();
  const failing: PaneEngine = {
    ...demo.engine,
    prepararLibro: async () => {
      throw new ExcelEngineError("protected", null, "AccessDenied: at Range.set (excel-web.js:1:2)");
    },
    cargarEjemplo: async () => {
      const e = new TypeError("Cannot read properties of undefined (reading 'values')");
      e.stack = "TypeError: Cannot read properties of undefined\n    at demo.ts:10:5";
      throw e;
    },
  };
  render(<App engine={failing} demo={null} idiomaInicial="es" tema="claro" />);
  await idle();
  await click("Preparar libro");
  await idle();
  const bar1 = (await bar(/Una hoja o la estructura del libro está protegida: quite la protección/)).closest(".fui-MessageBar") as HTMLElement;
  expect(within(bar1).getByText("No se pudo completar")).toBeTruthy();
  expect(bar1.textContent).not.toMatch(/AccessDenied|excel-web\.js/);
  await click("Cargar ejemplo 2021");
  await idle();
  const bar2 = (await bar(/Ocurrió un error inesperado\. Vuelva a intentarlo/)).closest(".fui-MessageBar") as HTMLElement;
  expect(bar2.textContent).not.toMatch(/TypeError|undefined|demo\.ts/);
  fireEvent.click(within(bar2).getByRole("button", { name: "Cerrar mensaje" }));
  expect(screen.queryByText(/Ocurrió un error inesperado/, { selector: ".fui-MessageBarBody" })).toBeNull();
});
