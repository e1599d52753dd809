/** Components on their own, with data the real engine produced on the strict in-memory Excel. */
import "./domSetup";
import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ProblemsPanel } from "../../src/taskpane/components/ProblemsPanel/ProblemsPanel";
import { ResultCard } from "../../src/taskpane/components/ResultCard/ResultCard";
import { SheetPreview } from "../../src/taskpane/components/SheetPreview/SheetPreview";
import { textos } from "../../src/taskpane/i18n";
import { demo2021, escribir, generado2021III } from "./fixtures";

jest.setTimeout(60_000);

const es = textos("es");
const inProvider = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

test("ResultCard: the headline figures with their bands, a link per sheet, Publicar corte", async () => {
  const { resultado } = await generado2021III();
  const activar = jest.fn();
  const publicar = jest.fn();
  inProvider(
    <ResultCard
      t={es}
      resultado={resultado}
      ocupado={null}
      confirmacion={null}
      mensaje={null}
      onActivarHoja={activar}
      onPublicar={publicar}
      onConfirmarPublicacion={() => undefined}
      onCancelarPublicacion={() => undefined}
      onCerrarMensaje={() => undefined}
    />,
  );
  const vigencia = screen.getByRole("group", { name: "Vigencia (enero – diciembre)" });
  expect(within(vigencia).getByText("113 %")).toBeTruthy();
  expect(within(vigencia).getByText("69")).toBeTruthy();
  expect(within(vigencia).getByText("78")).toBeTruthy();
  expect(within(vigencia).getByText("Satisfactorio").style.color).toBe("rgb(0, 97, 0)");
  const cuatrimestre = screen.getByRole("group", { name: "Cuatrimestre III (septiembre – diciembre)" });
  expect(within(cuatrimestre).getByText("125 %")).toBeTruthy();
  expect(within(cuatrimestre).getByText("Sobreejecutado").style.backgroundColor).toBe("rgb(189, 215, 238)");
  const links = within(screen.getByRole("list")).getAllByRole("button");
  expect(links.map((l) => l.textContent)).toEqual(resultado.hojas);
  fireEvent.click(screen.getByRole("button", { name: "Seguimiento compromisos" }));
  expect(activar).toHaveBeenCalledWith("Seguimiento compromisos");
  fireEvent.click(screen.getByRole("button", { name: "Publicar corte" }));
  expect(publicar).toHaveBeenCalledTimes(1);
});

test("ProblemsPanel: grouped by sheet, errors first; a click asks for the problem's cell", async () => {
  const demo = await demo2021();
  await escribir(demo, "Actividades", "F7", "abc");
  await escribir(demo, "Actividades", "D3", -2);
  const problemas = await demo.engine.validar();
  const seleccionar = jest.fn();
  inProvider(
    <ProblemsPanel
      t={es}
      problemas={problemas}
      ocupado={null}
      puedeValidar
      mensaje={null}
      onValidar={() => undefined}
      onSeleccionar={seleccionar}
      onCerrarMensaje={() => undefined}
    />,
  );
  expect(screen.getByText(/^\d+ errores? y \d+ advertencias?\.$/)).toBeTruthy();
  const heading = screen.getByRole("heading", { name: /^Actividades \(\d+\)$/ });
  const list = heading.nextElementSibling as HTMLElement;
  const items = within(list).getAllByRole("button");
  expect(items[0].textContent).toMatch(/^Error Actividades!/);
  expect(items.map((b) => b.textContent?.match(/Actividades![A-Z]+\d+/)?.[0])).toEqual(expect.arrayContaining(["Actividades!F7", "Actividades!D3"]));
  fireEvent.click(within(list).getByRole("button", { name: /^Error Actividades!F7 / }));
  expect(seleccionar).toHaveBeenCalledWith("Actividades!F7");
});

test("SheetPreview: the generated Resumen, formulas as muted formula text, and the .xlsx download", async () => {
  const { demo } = await generado2021III();
  const created: Blob[] = [];
  const g = URL as unknown as { createObjectURL?: (b: Blob) => string; revokeObjectURL?: (u: string) => void };
  const saved = { create: g.createObjectURL, revoke: g.revokeObjectURL };
  g.createObjectURL = (b: Blob) => {
    created.push(b);
    return `blob:pipc/${created.length}`;
  };
  g.revokeObjectURL = () => undefined;
  try {
    const view = inProvider(<SheetPreview t={es} demo={demo.tools} version={1} informe={{ corte: "III", vigencia: 2021 }} />);
    const download = await screen.findByRole("link", { name: "Descargar informe (.xlsx)" }, { timeout: 20_000 });
    expect(download.getAttribute("download")).toBe("informe-pipc-III-2021.xlsx");
    expect(download.getAttribute("href")).toBe("blob:pipc/1");
    expect(created[0].type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    await waitFor(() => expect((screen.getByRole("combobox", { name: "Hoja" }) as HTMLSelectElement).value).toBe("Resumen"), { timeout: 20_000 });
    await screen.findByTestId("vista-previa", undefined, { timeout: 20_000 });
    await waitFor(() => expect(within(screen.getByTestId("vista-previa")).getAllByRole("cell").some((c) => c.textContent?.startsWith("=SUM("))).toBe(true), { timeout: 20_000 });
    const formula = within(screen.getByTestId("vista-previa")).getAllByRole("cell").find((c) => c.textContent?.startsWith("=SUM("));
    expect(formula).toBeDefined();
    expect(formula!.getAttribute("title")).toBe(formula!.textContent);
    expect(screen.getByText(/Las celdas con fórmula muestran la fórmula/)).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox", { name: "Hoja" }), { target: { value: "Actividades" } });
    await waitFor(() => expect(within(screen.getByTestId("vista-previa")).getByText("A-001")).toBeTruthy(), { timeout: 20_000 });
    view.unmount();
  } finally {
    g.createObjectURL = saved.create;
    g.revokeObjectURL = saved.revoke;
  }
});
