import { COLUMNAS_ACTIVIDADES_ENTRADA, COLUMNAS_COMPROMISOS, CLAVES_CONFIGURACION } from "../../src/domain";
import { emptyInput, sample2021 } from "../../src/domain/sample";
import { inputWorkbookSpec, rowHeightFor, VALIDATED_ROWS } from "../../src/report/input";
import { isFormula, type SheetSpec } from "../../src/report/spec";

function cellAt(s: SheetSpec, address: string): unknown {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const row = Number(m[2]);
  for (const b of s.blocks) {
    const o = /^([A-Z]+)(\d+)$/.exec(b.origin)!;
    const oc = [...o[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const r = row - Number(o[2]);
    const c = col - oc;
    if (r >= 0 && r < b.cells.length && c >= 0 && c < b.cells[0].length) return b.cells[r][c];
  }
  return undefined;
}

describe("inputWorkbookSpec", () => {
  const sheets = inputWorkbookSpec(sample2021());
  const [act, comp, dep, conf] = sheets;

  test("four input sheets with the contract's names, keys and tables", () => {
    expect(sheets.map((s) => [s.name, s.key, s.role])).toEqual([
      ["Actividades", "input:actividades", "input"],
      ["Compromisos", "input:compromisos", "input"],
      ["Dependencias", "input:dependencias", "input"],
      ["Configuración", "input:configuracion", "input"],
    ]);
    expect(sheets.map((s) => s.tables.map((t) => t.name))).toEqual([["Actividades"], ["Compromisos"], ["Dependencias"], ["Configuración"]]);
  });

  test("instruction row 1, headers row 2, data from row 3 under the table", () => {
    expect(cellAt(act, "A1")).toBe(COLUMNAS_ACTIVIDADES_ENTRADA[0].ayuda);
    expect(cellAt(act, "D1")).toBe("Productos programados ene–abr (entero ≥ 0).");
    expect(COLUMNAS_ACTIVIDADES_ENTRADA.map((c, j) => cellAt(act, `${String.fromCharCode(65 + j)}2`))).toEqual(COLUMNAS_ACTIVIDADES_ENTRADA.map((c) => c.header));
    expect(act.tables[0]).toMatchObject({ range: "A2:L18", columns: COLUMNAS_ACTIVIDADES_ENTRADA.map((c) => c.header) });
    expect(cellAt(act, "A3")).toBe("A-001");
    expect(cellAt(act, "B3")).toBe("OAP");
    expect([4, 5, 6, 7, 8, 9].map((c) => cellAt(act, `${String.fromCharCode(64 + c)}3`))).toEqual([6, 6, 6, 8, 8, 15]);
    expect(comp.tables[0].range).toBe(`A2:H${2 + sample2021().compromisos.length}`);
    expect(comp.tables[0].columns).toEqual(COLUMNAS_COMPROMISOS.map((c) => c.header));
    // Dates are serial numbers shown as dd/mm/yyyy.
    expect(typeof cellAt(comp, "B3")).toBe("number");
    expect(comp.formats.some((f) => f.range.startsWith("B3:B") && f.style.numberFormat === "dd/mm/yyyy")).toBe(true);
    expect(act.freeze).toEqual({ rows: 2, columns: 0 });
  });

  test("validations: Dependencia from the helper list, whole numbers >= 0, Estado list, dates, Cuatrimestre", () => {
    const last = 3 + 16 - 1 + VALIDATED_ROWS;
    expect(act.dataValidations.find((v) => v.range === `B3:B${last}`)).toMatchObject({
      type: "list",
      list: { formula: "=OFFSET(Dependencias!$E$3,0,0,MAX(1,2*COUNTA(Dependencias!$A$3:$A$102)),1)" },
    });
    expect(act.dataValidations.find((v) => v.range === `D3:I${last}`)).toMatchObject({ type: "whole", operator: "greaterThanOrEqual", formula1: "0" });
    const lastC = 3 + sample2021().compromisos.length - 1 + VALIDATED_ROWS;
    expect(comp.dataValidations.find((v) => v.range === `F3:F${lastC}`)).toMatchObject({
      type: "list",
      list: { items: ["Cumplido", "En avance", "Sin iniciar", "Por reportar"] },
    });
    expect(comp.dataValidations.filter((v) => v.type === "date").map((v) => v.range)).toEqual([`B3:B${lastC}`, `G3:G${lastC}`]);
    const cuatrimestreRow = 3 + CLAVES_CONFIGURACION.indexOf("Cuatrimestre");
    expect(conf.dataValidations.find((v) => v.range === `B${cuatrimestreRow}`)).toMatchObject({ type: "list", list: { items: ["I", "II", "III"] } });
  });

  test("the helper list of Dependencias: one formula per slot, outside the table", () => {
    const helper = dep.blocks.find((b) => b.origin === "E3")!;
    expect(helper.cells).toHaveLength(200);
    expect(helper.cells.every((r) => isFormula(r[0]))).toBe(true);
    expect(dep.tables[0].range).toBe("A2:C7");
    expect(dep.print?.area).toBe("A1:C7");
  });

  test("Configuración: every clave in template order, values typed, thresholds as percentages", () => {
    expect(conf.tables[0]).toMatchObject({ name: "Configuración", range: `A2:B${2 + CLAVES_CONFIGURACION.length}`, columns: ["Clave", "Valor"] });
    expect(CLAVES_CONFIGURACION.map((k, i) => cellAt(conf, `A${3 + i}`))).toEqual([...CLAVES_CONFIGURACION]);
    expect(cellAt(conf, "B5")).toBe(2021);
    expect(cellAt(conf, "B6")).toBe("III");
    expect(cellAt(conf, "B8")).toBe(0.6);
    expect(conf.formats.some((f) => f.range === "B8:B10" && f.style.numberFormat === "0%")).toBe(true);
  });

  test("an empty input keeps one empty data row in each table (Excel tables need one)", () => {
    const empty = inputWorkbookSpec(emptyInput(2024));
    expect(empty[0].tables[0].range).toBe("A2:L3");
    expect(empty[0].blocks.find((b) => b.origin === "A3")!.cells).toEqual([Array(12).fill(null)]);
    expect(empty[1].tables[0].range).toBe("A2:H3");
    expect(empty[2].tables[0].range).toBe("A2:C3");
    expect(cellAt(empty[3], "B5")).toBe(2024);
    expect(cellAt(empty[3], "B6")).toBeNull();
  });

  test("English instructions and messages; headers stay the contract's", () => {
    const en = inputWorkbookSpec(sample2021(), { lang: "en" });
    expect(cellAt(en[0], "C1")).toBe("Text of the activity.");
    expect(cellAt(en[0], "C2")).toBe("Actividad");
    expect(en[0].dataValidations[0].error.title).toBe("Unknown office");
  });

  test("rows grow with wrapped text", () => {
    expect(rowHeightFor([{ text: "corto", width: 60 }])).toBe(15);
    expect(rowHeightFor([{ text: "x".repeat(200), width: 60 }])).toBeGreaterThan(45);
  });
});
