/** The warning lines of `pipc generate` for what a report cannot carry: Spanish agreements, English, one line each. */
import { promises as fs } from "fs";
import path from "path";
import { lossLine } from "../../src/cli/losses";
import { main } from "../../src/cli/main";
import { loadWorkbookBuffer, toBuffer } from "../../src/xlsx";
import { tempDir } from "../helpers/libreoffice";
import { sampleInput } from "../report/engine";
import { withFeatures } from "../xlsx/package-fixtures";
import type { LossKind, PackageLoss } from "../../src/xlsx/inspect";

const ALL_KINDS: LossKind[] = [
  "macros", "externalLinks", "connections", "dataModel", "customUI", "chartsheet", "macrosheet", "dialogsheet",
  "pivotTables", "charts", "shapes", "images", "headerFooterImages", "threadedComments", "slicers", "timelines",
  "sparklines", "controls", "oleObjects", "crossSheetValidations", "dynamicArrays", "richValues",
];
const WORKBOOK_LEVEL = new Set<LossKind>(["macros", "externalLinks", "connections", "dataModel", "customUI"]);

test("singular and plural, with the pronoun of the noun's gender", () => {
  const at = (kind: LossKind, count: number): PackageLoss => ({ kind, sheet: "Actividades", count });
  expect(lossLine(at("pivotTables", 1), "es")).toBe(
    "Aviso: la hoja «Actividades» tiene 1 tabla dinámica; el informe generado no la conserva (el archivo original no se modifica).",
  );
  expect(lossLine(at("pivotTables", 3), "es")).toBe(
    "Aviso: la hoja «Actividades» tiene 3 tablas dinámicas; el informe generado no las conserva (el archivo original no se modifica).",
  );
  expect(lossLine(at("charts", 1), "es")).toBe("Aviso: la hoja «Actividades» tiene 1 gráfico; el informe generado no lo conserva (el archivo original no se modifica).");
  expect(lossLine(at("controls", 2), "es")).toBe(
    "Aviso: la hoja «Actividades» tiene 2 controles de formulario; el informe generado no los conserva (el archivo original no se modifica).",
  );
  expect(lossLine(at("charts", 2), "en")).toBe("Warning: the sheet “Actividades” has 2 charts; the generated report does not keep them (the original file is not modified).");
  expect(lossLine(at("images", 1), "en")).toBe("Warning: the sheet “Actividades” has 1 picture; the generated report does not keep it (the original file is not modified).");
  expect(lossLine(at("threadedComments", 2), "es")).toBe(
    "Aviso: la hoja «Actividades» tiene 2 comentarios encadenados; el informe generado los conserva solo como notas, sin el hilo de respuestas (el archivo original no se modifica).",
  );
  expect(lossLine(at("dynamicArrays", 1), "es")).toBe(
    "Aviso: la hoja «Actividades» tiene 1 fórmula de matriz dinámica; el informe generado la conserva como matriz fija, que ya no se desborda sola (el archivo original no se modifica).",
  );
});

test("the workbook as a whole, and sheets that are not worksheets", () => {
  expect(lossLine({ kind: "macros", sheet: null, count: 1 }, "es")).toBe(
    "Aviso: el libro tiene macros (VBA); el informe generado no las conserva (el archivo original no se modifica).",
  );
  expect(lossLine({ kind: "dataModel", sheet: null, count: 1 }, "es")).toBe(
    "Aviso: el libro tiene un modelo de datos (Power Pivot); el informe generado no lo conserva (el archivo original no se modifica).",
  );
  expect(lossLine({ kind: "externalLinks", sheet: null, count: 2 }, "en")).toBe(
    "Warning: the workbook has 2 links to other workbooks; the generated report does not keep them (the original file is not modified).",
  );
  expect(lossLine({ kind: "chartsheet", sheet: "Gráfico avance", count: 1 }, "es")).toBe(
    "Aviso: el libro tiene la hoja de gráfico «Gráfico avance»; el informe generado no la conserva (el archivo original no se modifica).",
  );
});

test.each(ALL_KINDS)("%s: one line naming its place, in both languages", (kind) => {
  const sheet = WORKBOOK_LEVEL.has(kind) ? null : "Hoja\nrara";
  for (const count of [1, 2]) {
    const es = lossLine({ kind, sheet, count }, "es");
    const en = lossLine({ kind, sheet, count }, "en");
    expect(es).toMatch(/^Aviso: .*\(el archivo original no se modifica\)\.$/);
    expect(en).toMatch(/^Warning: .*\(the original file is not modified\)\.$/);
    for (const line of [es, en]) {
      expect(line).not.toMatch(/[\n\r]/);
      expect(line).not.toMatch(/undefined|\{\d\}/);
      if (sheet) expect(line).toContain("Hoja rara");
    }
  }
});

describe("what pipc generate reports, end to end", () => {
  test("a workbook holding every kind of thing: the report keeps all but what an .xlsx cannot hold, and says only that", async () => {
    const wb = await loadWorkbookBuffer(await sampleInput());
    const tablero = wb.addWorksheet("Tablero");
    for (const r of [1, 3, 4, 5]) tablero.getCell(`A${r}`).value = `fila ${r}`;
    const plain: Buffer = await toBuffer(wb);
    const onActividades: Buffer = await withFeatures(plain, "Actividades", ["pivotTable", "image", "notes", "threadedComments", "dynamicArray", "listValidationExt"]);
    const input: Buffer = await withFeatures(onActividades, "Tablero", ["chart", "shape", "sparklines", "slicer", "formControl", "oleObject", "chartsheet", "macros", "macrosheet"]);
    const dir = await tempDir("pipc-losses-e2e-");
    await fs.writeFile(path.join(dir, "plan.xlsm"), input);
    let err = "";
    const code = await main(["generate", "plan.xlsm", "-o", "informe.xlsx"], { cwd: dir, out: () => undefined, err: (s) => void (err += s) });
    expect(code).toBe(0);
    expect(err.trim().split("\n")).toEqual([
      lossLine({ kind: "macros", sheet: null, count: 1 }, "es"),
      lossLine({ kind: "macrosheet", sheet: "Macro1", count: 1 }, "es"),
    ]);
    const out = await loadWorkbookBuffer(await fs.readFile(path.join(dir, "informe.xlsx")));
    expect(out.getWorksheet("Tablero")!.getCell("A1").value).toBe("fila 1");
    await fs.rm(dir, { recursive: true, force: true });
  }, 120_000);
});
