import { BANDAS, COLORES_BANDA } from "../../src/domain";
import { actividadesComputedColumns, actividadesIdFill, actividadesLayout } from "../../src/report/actividades";
import { cantidad, columnRef, escapeColumn, thisRow } from "../../src/report/formulas";
import { plan2021 } from "./fixture";
import { structuredRefs } from "./formula-refs";

const T = "Actividades";
const r = (h: string) => thisRow(T, h);
/** A count cell of the row read as parsing reads it. */
const n = (h: string) => cantidad(r(h));

describe("computed columns of Actividades", () => {
  test("each cut sums January to the end of the cut with +, never SUM", () => {
    const plan = plan2021();
    const cols = (cut: "I" | "II" | "III") => actividadesComputedColumns(plan, cut).columns.map((c) => c.formula);
    expect(cols("I")[0]).toBe(`=${n("Programado I")}`);
    expect(cols("I")[1]).toBe(`=${n("Ejecutado I")}`);
    expect(cols("II")[0]).toBe(`=${n("Programado I")}+${n("Programado II")}`);
    expect(cols("III")[1]).toBe(`=${n("Ejecutado I")}+${n("Ejecutado II")}+${n("Ejecutado III")}`);
    for (const cut of ["I", "II", "III"] as const) for (const f of cols(cut)) expect(f).not.toMatch(/SUM\(|\[@/);
  });

  test("headers, number formats and the blank compliance when nothing is programmed", () => {
    const spec = actividadesComputedColumns(plan2021(), "III");
    expect(spec.table).toBe("Actividades");
    expect(spec.columns.map((c) => c.header)).toEqual(["Programado vigencia", "Ejecutado vigencia", "Cumplimiento vigencia", "Estado"]);
    expect(spec.columns.map((c) => c.numberFormat)).toEqual(["0", "0", "0%", undefined]);
    expect(spec.columns[2].formula).toBe(`=IF(${r("Programado vigencia")}>0,${r("Ejecutado vigencia")}/${r("Programado vigencia")},"")`);
  });

  test("Estado is the band of the domain, thresholds by defined name, all six labels", () => {
    const f = actividadesComputedColumns(plan2021(), "III").columns[3].formula;
    for (const b of BANDAS) expect(f).toContain(`"${b}"`);
    for (const n of ["PIPC_Umbral_Bajo", "PIPC_Umbral_Medio", "PIPC_Umbral_Sobreejecucion"]) expect(f).toContain(n);
    expect(f).not.toMatch(/0\.6|0\.8|1\.2/);
  });

  test("missing optional columns count 0; a missing ID column is appended, then the computed ones", () => {
    const plan = plan2021({ omit: ["id", "programado2", "ejecutado1", "ejecutado2", "ejecutado3", "responsable", "evidencias", "observaciones"] });
    const spec = actividadesComputedColumns(plan, "II");
    expect(spec.columns[0].formula).toBe(`=${n("Programado I")}`);
    expect(spec.columns[1].formula).toBe("=0");
    const layout = actividadesLayout(plan);
    // Dependencia, Actividad, Programado I, Programado III = A..D; ID at E; computed F..I.
    expect(layout.columns.id).toEqual({ header: "ID", col: 5 });
    expect(layout.columns.estado).toEqual({ header: "Estado", col: 9 });
    const fill = actividadesIdFill(plan)!;
    expect(fill.header).toBe("ID");
    expect(fill.fills).toHaveLength(16);
    expect(fill.fills[0]).toEqual({ row: 3, id: "A-001" });
  });

  test("blank IDs only are filled; none blank and an ID column means nothing to fill", () => {
    expect(actividadesIdFill(plan2021())).toBeNull();
    const fill = actividadesIdFill(plan2021({ blankIds: [2, 7] }))!;
    expect(fill).toEqual({ table: "Actividades", header: "ID", fills: [{ row: 5, id: "A-003" }, { row: 10, id: "A-008" }] });
  });

  test("existing computed columns are rewritten in place", () => {
    const plan = plan2021();
    const src = plan.sources.actividades;
    src.columns.estado = { header: "ESTADO ", col: 13 };
    src.lastCol = 13;
    src.headers.push("ESTADO ");
    const layout = actividadesLayout(plan);
    expect(layout.columns.estado).toEqual({ header: "Estado", col: 13 });
    expect(layout.columns.programadoVigencia!.col).toBe(14);
    expect(layout.columns.cumplimientoVigencia!.col).toBe(16);
  });

  test("band colouring on Cumplimiento vigencia and Estado reads each row's Estado", () => {
    const spec = actividadesComputedColumns(plan2021(), "III");
    // 12 input columns A..L; computed M..P: Estado is P, data from row 3.
    expect(spec.conditionalFormats.map((c) => c.column)).toEqual(["Cumplimiento vigencia", "Estado"]);
    for (const cf of spec.conditionalFormats) {
      expect(cf.rules).toHaveLength(6);
      for (const rule of cf.rules) expect(rule.formula).toMatch(/^=\$P3="/);
      const sobre = cf.rules.find((x) => x.formula.includes("Sobreejecutado"))!;
      expect(sobre.style.fill).toBe(COLORES_BANDA.Sobreejecutado.fill);
      expect(cf.rules.find((x) => x.formula.includes("No programado"))!.style.fill).toBe(COLORES_BANDA["No programado"].fill);
    }
  });

  test("headers as written are referenced, with structured-reference escapes", () => {
    const plan = plan2021();
    plan.sources.actividades.columns.programado1 = { header: "Programado I [ene-abr]", col: 4 };
    const f = actividadesComputedColumns(plan, "I").columns[0].formula;
    expect(f).toBe(`=${cantidad("Actividades[[#This Row],[Programado I '[ene-abr']]]")}`);
    expect(structuredRefs(f)[0].columns).toEqual(["Programado I [ene-abr]"]);
    expect(escapeColumn("a'b#c")).toBe("a''b'#c");
    expect(columnRef("T", "Cumplimiento vigencia")).toBe("T[Cumplimiento vigencia]");
    expect(columnRef("T", "Total $")).toBe("T[[Total $]]");
  });

  test("a plain-sheet input is addressed by the contract's table name", () => {
    expect(actividadesComputedColumns(plan2021({ tableName: null }), "I").table).toBe("Actividades");
    expect(actividadesComputedColumns(plan2021({ tableName: "TablaPlan" }), "I").columns[0].formula).toContain("TablaPlan[[#This Row]");
  });
});
