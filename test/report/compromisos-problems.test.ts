/**
 * A malformed commitments sheet yields clear problems instead of wrong counts: parsing names each bad
 * cell and says how to fix it, and `pipc generate` refuses to write a tracker over such data. (After
 * generation, values typed wrong are caught by the sheet's own live warnings: see
 * compromisos-libreoffice.test.ts.)
 */
import { promises as fs } from "fs";
import path from "path";
import { compromisosPorMes, hasErrors, type InputData } from "../../src/domain";
import { parseWorkbook, rawWorkbookFromInput } from "../../src/domain/parse";
import { sample2021 } from "../../src/domain/sample";
import { main } from "../../src/cli/main";
import { inputWorkbookSpec } from "../../src/report/input";
import { applySpecs, newWorkbook, readWorkbookFile, writeWorkbookFile } from "../../src/xlsx";
import { tempDir } from "../helpers/libreoffice";

/** Data rows of Compromisos start at row 3 (instructions in row 1, headers in row 2). */
const FILA = (i: number) => 3 + i;

/** The sample with four broken commitments; returns the data and the indexes broken. */
function broken(): { data: InputData; bad: Record<"fecha" | "fechaTexto" | "estado" | "responsable", number> } {
  const data = sample2021();
  const c = data.compromisos;
  const bad = { fecha: 4, fechaTexto: 40, estado: 10, responsable: 75 };
  c[bad.fecha].fecha = "31/02/2021";
  c[bad.fechaTexto].fecha = "mayo 2021";
  c[bad.estado].estado = "Cumplida" as InputData["compromisos"][number]["estado"];
  c[bad.responsable].responsable = "";
  return { data, bad };
}

describe("a malformed Compromisos sheet", () => {
  test("parsing reports each bad cell, with the sheet, the cell and how to fix it", () => {
    const { data, bad } = broken();
    const { problems } = parseWorkbook(rawWorkbookFromInput(data));
    expect(hasErrors(problems)).toBe(true);
    const found = problems.filter((p) => p.sheet === "Compromisos" && p.severity === "error").map((p) => [p.code, p.ref]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["bad-date", `Compromisos!B${FILA(bad.fecha)}`],
        ["bad-date", `Compromisos!B${FILA(bad.fechaTexto)}`],
        ["unknown-estado", `Compromisos!F${FILA(bad.estado)}`],
        ["missing-value", `Compromisos!E${FILA(bad.responsable)}`],
      ]),
    );
    expect(found).toHaveLength(4);
    const byRef = (ref: string) => problems.find((p) => p.ref === ref)!.message.es;
    expect(byRef(`Compromisos!B${FILA(bad.fecha)}`)).toMatch(/«31\/02\/2021» no es una fecha válida en «Fecha»: escriba una fecha de Excel o el texto dd\/mm\/aaaa/);
    expect(byRef(`Compromisos!F${FILA(bad.estado)}`)).toContain("escriba Cumplido, En avance, Sin iniciar o Por reportar");
    expect(byRef(`Compromisos!E${FILA(bad.responsable)}`)).toContain("Responsable");
  });

  test("the same rows, once fixed, give the report's figures again", () => {
    const { data, bad } = broken();
    data.compromisos[bad.fecha].fecha = sample2021().compromisos[bad.fecha].fecha;
    data.compromisos[bad.fechaTexto].fecha = sample2021().compromisos[bad.fechaTexto].fecha;
    data.compromisos[bad.estado].estado = sample2021().compromisos[bad.estado].estado;
    data.compromisos[bad.responsable].responsable = sample2021().compromisos[bad.responsable].responsable;
    const { plan, problems } = parseWorkbook(rawWorkbookFromInput(data));
    expect(hasErrors(problems)).toBe(false);
    expect(compromisosPorMes(plan!, "III").map((m) => [m.recogidos, m.noACargo, m.aCargo])).toEqual([
      [70, 50, 20],
      [60, 40, 20],
      [53, 37, 16],
      [46, 33, 13],
      [8, 7, 1],
      [0, 0, 0],
      [25, 18, 7],
      [17, 12, 5],
    ]);
  });

  test("pipc generate refuses to write the report and lists the problems with their cells", async () => {
    const dir = await tempDir("pipc-compromisos-problems-");
    const input = path.join(dir, "plan.xlsx");
    const wb = newWorkbook();
    const { data, bad } = broken();
    applySpecs(wb, { sheets: inputWorkbookSpec(data), names: [], computedColumns: [] });
    await writeWorkbookFile(wb, input);
    // The file, read back, carries the same problems as the raw tables.
    const { problems } = parseWorkbook(await readWorkbookFile(input));
    expect(problems.filter((p) => p.sheet === "Compromisos" && p.severity === "error")).toHaveLength(4);

    let out = "";
    let err = "";
    const out_ = path.join(dir, "informe.xlsx");
    const code = await main(["generate", input, "--out", out_, "--cuatrimestre", "III"], { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
    expect(code).toBe(1);
    await expect(fs.access(out_)).rejects.toThrow();
    for (const ref of [`B${FILA(bad.fecha)}`, `B${FILA(bad.fechaTexto)}`, `F${FILA(bad.estado)}`, `E${FILA(bad.responsable)}`]) {
      expect(err).toContain(`Compromisos!${ref}`);
    }
    expect(out).toBe("");
  });
});
