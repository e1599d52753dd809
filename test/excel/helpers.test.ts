/**
 * The engine tests read LibreOffice's results through Recalculado; a result of 0 must read 0 (ExcelJS
 * leaves falsy results out of `cell.value`), or an assertion on a zero figure could never pass and
 * one on "no figure" could pass wrongly.
 */
import { createStrictExcel } from "../strict-excel";
import { Recalculado } from "./helpers";

test("Recalculado lee el resultado 0 de una fórmula como 0, no como vacío", async () => {
  const excel = createStrictExcel({
    sheets: [{ name: "Datos", rows: { origin: "A1", values: [[5, "=A1-5", "=A1*2", '=IF(A1>0,"","x")']] } }],
    names: [{ name: "Cero", formula: "=Datos!$B$1" }],
  });
  const rc = await Recalculado.of(excel);
  expect(rc.value("Datos", "A1")).toBe(5);
  expect(rc.value("Datos", "B1")).toBe(0);
  expect(rc.name("Cero")).toBe(0);
  expect(rc.value("Datos", "C1")).toBe(10);
  // An empty text result and a blank cell read as null.
  expect(rc.value("Datos", "D1")).toBeNull();
  expect(rc.value("Datos", "E1")).toBeNull();
}, 120_000);
