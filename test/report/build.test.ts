import { COLUMNAS_ACTIVIDADES_CALCULADAS, cellAddress, parseAddress, type Cuatrimestre, type Plan } from "../../src/domain";
import { actividadesLayout, idLiteral } from "../../src/report/actividades";
import { buildReport } from "../../src/report/build";
import { conArticulo } from "../../src/report/textos";
import { isFormula, type CellInput, type SheetSpec, type WorkbookSpec } from "../../src/report/spec";
import { plan2021 } from "./fixture";
import { balanced, structuredRefs } from "./formula-refs";

const AT = new Date(2022, 0, 14, 12, 0, 0);

/** Tabs and line breaks as spaces, then TRIM: blank as parsing sees it (written out, not from src). */
const trimmed = (x: string) => `TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${x},CHAR(9)," "),CHAR(10)," "),CHAR(13)," "),"\u00a0"," "))`;
/** A count column read as parsing reads it: blank text as 0, numbers stored as text as numbers. */
const cleaned = (x: string) => `TRIM(CLEAN(SUBSTITUTE(${x},"\u00a0"," ")))`;
const counts = (col: string) => `SUMPRODUCT(--(${cleaned(col)}&REPT("0",--(${cleaned(col)}=""))))`;
/** The row of Actividades whose ID is `key`: exactly, else compared as trimmed text. */
const byId = (key: string) =>
  `IFERROR(MATCH(${key},Actividades[ID],0),` +
  `AGGREGATE(15,6,ROW(Actividades[ID])/(${trimmed('Actividades[ID]&""')}=${trimmed(`${key}&""`)}),1)-ROW(INDEX(Actividades[ID],1))+1)`;

/** Every cell of a sheet by address. */
function cellsOf(sheet: SheetSpec): Map<string, CellInput> {
  const out = new Map<string, CellInput>();
  for (const b of sheet.blocks) {
    const o = parseAddress(b.origin);
    b.cells.forEach((row, i) => row.forEach((v, j) => out.set(cellAddress(o.row + i, o.col + j), v)));
  }
  return out;
}

function formulas(spec: WorkbookSpec): string[] {
  const fs: string[] = [];
  for (const s of spec.sheets) for (const v of cellsOf(s).values()) if (v !== null && isFormula(v)) fs.push(v.f);
  for (const t of spec.computedColumns) fs.push(...t.columns.map((c) => c.formula));
  return fs;
}

/** Every text a reader sees: literal strings and the string literals inside formulas. */
function texts(spec: WorkbookSpec): string {
  const out: string[] = [];
  // The tracker (section 04) has its own tests; its month-name formulas legitimately list every month.
  for (const s of spec.sheets.filter((x) => x.key !== "compromisos")) {
    out.push(s.name);
    for (const v of cellsOf(s).values()) {
      if (typeof v === "string") out.push(v);
      else if (v !== null && isFormula(v)) out.push(...(v.f.match(/"[^"]*"/g) ?? []));
    }
    for (const c of s.charts) out.push(c.title);
    const p = s.print;
    if (p) out.push(...Object.values(p.header ?? {}), ...Object.values(p.footer ?? {}));
  }
  return out.join("\n");
}

function tableColumns(plan: Plan, spec: WorkbookSpec): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  const layout = actividadesLayout(plan);
  m.set(layout.table.toUpperCase(), new Set(Object.values(layout.columns).map((c) => c!.header)));
  for (const s of spec.sheets) for (const t of s.tables) m.set(t.name.toUpperCase(), new Set(t.columns));
  return m;
}

describe("buildReport", () => {
  const plan = plan2021();
  const spec = buildReport(plan, "III", { generatedAt: AT });
  const resumen = spec.sheets[0];
  const rc = cellsOf(resumen);

  test("sheets in report order with their keys", () => {
    expect(spec.sheets.map((s) => [s.name, s.key, s.role])).toEqual([
      ["Resumen", "resumen", "generated"],
      ["3.1 OAP", "dependencia:1", "generated"],
      ["3.2 ACPVR", "dependencia:2", "generated"],
      ["3.3 ACDTIC", "dependencia:3", "generated"],
      ["3.4 SFI", "dependencia:4", "generated"],
      ["3.5 SSC", "dependencia:5", "generated"],
      ["Seguimiento compromisos", "compromisos", "generated"],
    ]);
  });

  test("the contract's defined names point at Resumen cells holding the live formulas", () => {
    const byName = new Map(spec.names.map((n) => [n.name, n.refersTo]));
    const cell = (name: string) => {
      const m = /^=Resumen!\$([A-Z]+)\$(\d+)$/.exec(byName.get(name)!)!;
      expect(m).not.toBeNull();
      return rc.get(`${m[1]}${m[2]}`) as { f: string };
    };
    expect(cell("PIPC_Programado_Vigencia").f).toBe("=SUM(Actividades[Programado vigencia])");
    expect(cell("PIPC_Ejecutado_Vigencia").f).toBe("=SUM(Actividades[Ejecutado vigencia])");
    expect(cell("PIPC_Cumplimiento_Vigencia").f).toMatch(/^=IF\(C\d+>0,D\d+\/C\d+,""\)$/);
    expect(cell("PIPC_Programado_Cuatrimestre").f).toBe(`=${counts("Actividades[Programado III]")}`);
    expect(cell("PIPC_Ejecutado_Cuatrimestre").f).toBe(`=${counts("Actividades[Ejecutado III]")}`);
    expect(cell("PIPC_Programado_Anual").f).toBe(
      `=${counts("Actividades[Programado I]")}+${counts("Actividades[Programado II]")}+${counts("Actividades[Programado III]")}`,
    );
    expect(cell("PIPC_Avance_Anual").f).toMatch(/^=IF\(C\d+>0,D\d+\/C\d+,""\)$/);
    expect(byName.get("PIPC_Umbral_Bajo")).toBe("=0.6");
    expect(byName.get("PIPC_Umbral_Medio")).toBe("=0.8");
    expect(byName.get("PIPC_Umbral_Sobreejecucion")).toBe("=1.2");
  });

  test("thresholds refer to Configuración's Valor cells when the sheet has them", () => {
    const s = buildReport(plan2021({ configuracion: true }), "III");
    const byName = new Map(s.names.map((n) => [n.name, n.refersTo]));
    expect(byName.get("PIPC_Umbral_Bajo")).toBe("='Configuración'!$B$8");
    expect(byName.get("PIPC_Umbral_Medio")).toBe("='Configuración'!$B$9");
    expect(byName.get("PIPC_Umbral_Sobreejecucion")).toBe("='Configuración'!$B$10");
  });

  test("every formula is invariant, balanced, and its structured references name real table columns", () => {
    const known = tableColumns(plan, spec);
    const all = formulas(spec);
    expect(all.length).toBeGreaterThan(100);
    for (const f of all) {
      expect(f.startsWith("=")).toBe(true);
      expect(f).not.toContain("[@");
      expect(f).not.toMatch(/;|TEXT\(/);
      expect(balanced(f)).toBe(true);
      for (const ref of structuredRefs(f)) {
        const cols = known.get(ref.table.toUpperCase());
        if (!cols) throw new Error(`Unknown table ${ref.table} in ${f}`);
        for (const c of ref.columns) if (!cols.has(c)) throw new Error(`Unknown column ${ref.table}[${c}] in ${f}`);
      }
    }
  });

  test("dependency sheets: the contract table, lookups by ID, totals, footnote, print one page wide", () => {
    const dep = spec.sheets[1];
    const c = cellsOf(dep);
    expect(dep.tables).toEqual([
      expect.objectContaining({ name: "Dependencia_1", range: "A5:F10", columns: ["ID", "Actividad", "Programado", "Ejecutado", "Cumplimiento vigencia", "Estado"] }),
    ]);
    expect(c.get("A1")).toBe("3.1");
    expect(c.get("B1")).toBe("Equipo Gobierno Abierto - Oficina Asesora de Planeación");
    expect(c.get("A2")).toBe("Gobierno Abierto");
    expect([6, 7, 8, 9, 10].map((r) => c.get(`A${r}`))).toEqual(["A-001", "A-002", "A-003", "A-004", "A-005"]);
    const key = "Dependencia_1[[#This Row],[ID]]";
    expect(c.get("B6")).toEqual({ f: `=INDEX(Actividades[Actividad],${byId(key)})` });
    expect(c.get("C6")).toEqual({ f: `=INDEX(Actividades[Programado vigencia],${byId(key)})` });
    expect(c.get("F6")).toEqual({ f: `=INDEX(Actividades[Estado],${byId(key)})` });
    expect(c.get("C11")).toEqual({ f: "=SUM(Dependencia_1[Programado])" });
    expect(c.get("D11")).toEqual({ f: "=SUM(Dependencia_1[Ejecutado])" });
    expect(c.get("A12")).toBe("*Corte enero – diciembre");
    expect(dep.print).toEqual(expect.objectContaining({ orientation: "landscape", fitToWidth: 1, printTitleRows: "5:5" }));
    expect(dep.print!.footer!.right).toBe("Página &P de &N");
    expect(dep.conditionalFormats.map((x) => x.range)).toEqual(["E6:F10", "E11:F11"]);
    expect(spec.sheets[2].tables[0].range).toBe("A5:F6");
  });

  test("Resumen: the offices' table over the dependency tables, its chart, totals", () => {
    const t = resumen.tables.find((x) => x.name === "ResumenDependencias")!;
    expect(t.columns).toEqual(["Sección", "Dependencia", "Programado", "Ejecutado", "Cumplimiento", "Banda"]);
    const { row } = parseAddress(t.range.split(":")[0]);
    expect([1, 2, 3, 4, 5].map((i) => rc.get(`A${row + i}`))).toEqual(["3.1", "3.2", "3.3", "3.4", "3.5"]);
    expect(rc.get(`C${row + 3}`)).toEqual({ f: "=SUM(Dependencia_3[Programado])" });
    expect(rc.get(`B${row + 6}`)).toBe("Total");
    expect(rc.get(`C${row + 6}`)).toEqual({ f: "=SUM(ResumenDependencias[Programado])" });
    const chart = resumen.charts[0];
    expect(chart.type).toBe("barClustered");
    expect(chart.categories).toBe(`=Resumen!$B$${row + 1}:$B$${row + 5}`);
    expect(chart.series.map((s) => [s.name, s.values])).toEqual([
      ["Programado", `=Resumen!$C$${row + 1}:$C$${row + 5}`],
      ["Ejecutado", `=Resumen!$D$${row + 1}:$D$${row + 5}`],
    ]);
    expect(resumen.print).toEqual(expect.objectContaining({ orientation: "landscape", fitToWidth: 1, printTitleRows: "1:1" }));
    expect(resumen.print!.header!.center).toBe("Secretaría General de la Alcaldía Mayor de Bogotá");
  });

  test("the headline is a live sentence built from the defined names, without TEXT()", () => {
    const f = [...rc.values()].filter((v): v is { f: string } => v !== null && isFormula(v)).map((v) => v.f);
    expect(f).toContain('="Se programaron "&PIPC_Programado_Vigencia&" productos para la vigencia y se ejecutaron "&PIPC_Ejecutado_Vigencia&"."');
    expect(f.some((x) => x.startsWith('="Cumplimiento III cuatrimestre (septiembre – diciembre): "&PIPC_Programado_Cuatrimestre&" programadas, "'))).toBe(true);
  });

  const cuts: [Cuatrimestre, string, string, string, RegExp][] = [
    ["I", "primer", "enero – abril", "Informe de cumplimiento primer cuatrimestre", /segundo|tercer|cuarto|septiembre|\bII\b|\bIII\b|mayo – agosto/],
    ["II", "segundo", "enero – agosto", "Informe de cumplimiento segundo cuatrimestre", /primer|tercer|cuarto|septiembre|\bIII\b|\bI\b/],
    ["III", "tercer", "enero – diciembre", "Informe de cumplimiento tercer cuatrimestre", /primer|segundo|cuarto|\bII\b|\bI\b|enero – agosto/],
  ];
  test.each(cuts)("labels agree with cut %s", (cut, ordinal, span, title, wrong) => {
    const s = buildReport(plan, cut, { generatedAt: AT });
    const all = texts(s);
    expect(all).toContain(title);
    expect(all).toContain(`*Corte ${span}`);
    expect(all).toContain(`CUMPLIMIENTO Y AVANCE ${ordinal.toUpperCase()} CUATRIMESTRE POR DEPENDENCIA`);
    expect(all).toContain(`entre enero y ${span.split(" – ")[1]}.`);
    // Any other cut's numeral, ordinal or months is wrong (the seed report's "II"/"cuarto" slip).
    expect(all).not.toMatch(wrong);
  });

  test("findings: membership by the plan's figures, each with its office; empty ones say so", () => {
    const all = texts(spec);
    expect(all).toContain("Ninguna actividad por debajo del umbral medio en el corte.");
    expect(all).toContain("Ninguna actividad ejecutada sin programación en el corte.");
    expect(all).not.toContain("Ninguna actividad sobreejecutada");
    const rows = [...rc.entries()].filter(([, v]) => v === "A-001");
    expect(rows).toHaveLength(1);
    const r = parseAddress(rows[0][0]).row;
    expect(rc.get(`F${r}`)).toBe("3.1 OAP");
    expect(rc.get(`E${r}`)).toEqual({ f: `=INDEX(Actividades[Cumplimiento vigencia],${byId(`$A${r}`)})` });

    const p = plan2021();
    p.actividades[1].ejecutado = [0, 0, 1]; // 1 of 3: Bajo
    p.actividades[6].programado = [0, 0, 0]; // executed without programming
    const s2 = texts(buildReport(p, "III"));
    expect(s2).toContain("3.3 ACDTIC");
    expect(s2).not.toContain("Ninguna actividad por debajo");
    expect(s2).not.toContain("Ninguna actividad ejecutada sin programación");
    const c2 = cellsOf(buildReport(p, "III").sheets[0]);
    expect([...c2.values()].filter((v) => v === "A-002" || v === "A-007")).toHaveLength(2);
  });

  test("deterministic; the generation date is an Excel date", () => {
    expect(buildReport(plan, "II", { generatedAt: AT })).toEqual(buildReport(plan, "II", { generatedAt: AT }));
    const gen = [...rc.entries()].find(([, v]) => v === "Generado")!;
    const { row } = parseAddress(gen[0]);
    expect(rc.get(`B${row}`)).toBe(44575); // 2022-01-14
    expect(texts(buildReport(plan, "III"))).not.toContain("Generado");
  });

  test("the computed columns and the blank IDs to fill travel in the spec", () => {
    expect(spec.computedColumns[0].columns.map((c) => c.header)).toEqual(COLUMNAS_ACTIVIDADES_CALCULADAS.map((c) => c.header));
    expect(spec.idFills).toEqual([]);
    const s = buildReport(plan2021({ blankIds: [0] }), "III");
    expect(s.idFills).toEqual([{ table: "Actividades", header: "ID", fills: [{ row: 3, id: "A-001" }] }]);
  });

  test("English texts when asked; data (sheet names, bands, contract headers) stay Spanish", () => {
    const s = buildReport(plan, "III", { lang: "en" });
    const all = texts(s);
    expect(all).toContain("Compliance report, third four-month period");
    expect(all).toContain("*Cut January – December");
    expect(s.sheets[0].name).toBe("Resumen");
    expect(s.sheets[1].tables[0].columns).toEqual(["ID", "Actividad", "Programado", "Ejecutado", "Cumplimiento vigencia", "Estado"]);
  });

  test("Resumen prints its chart and findings on a page of their own", () => {
    const chart = resumen.charts[0];
    expect(resumen.print!.rowBreaks).toEqual([parseAddress(chart.from).row - 1]);
  });

  test("an office without activities still gets a valid table, saying so", () => {
    const p = plan2021();
    p.dependencias.push({ nombre: "Oficina nueva", sigla: null, titulo: "Oficina nueva", numero: 6 });
    const s = buildReport(p, "III");
    const dep = s.sheets.find((x) => x.key === "dependencia:6")!;
    expect(dep.name).toBe("3.6 Oficina nueva");
    expect(dep.tables[0]).toEqual(expect.objectContaining({ name: "Dependencia_6", range: "A5:F6" }));
    const c = cellsOf(dep);
    expect(["A6", "B6", "C6", "D6", "E6", "F6"].map((a) => c.get(a))).toEqual([null, "Sin actividades en el plan", 0, 0, "", "Sin programación"]);
    expect(c.get("C7")).toEqual({ f: "=SUM(Dependencia_6[Programado])" });
  });

  test("IDs typed as whole numbers are looked up as numbers", () => {
    expect(idLiteral("12")).toBe(12);
    expect(idLiteral("007")).toBe("007");
    expect(idLiteral("A-001")).toBe("A-001");
    expect(idLiteral("1.5")).toBe("1.5");
    const p = plan2021();
    p.actividades[0].id = "101";
    expect(cellsOf(buildReport(p, "III").sheets[1]).get("A6")).toBe(101);
  });

  test("the objective names the entity with the article Spanish asks for", () => {
    expect(conArticulo("Secretaría General de la Alcaldía Mayor de Bogotá")).toBe("la Secretaría General de la Alcaldía Mayor de Bogotá");
    expect(conArticulo("Ministerio de Cultura")).toBe("el Ministerio de Cultura");
    expect(conArticulo("Unidad para las Víctimas")).toBe("la Unidad para las Víctimas");
    expect(conArticulo("")).toBe("la Entidad");
    const p = plan2021();
    p.config.entidad = "Instituto Distrital de la Participación y Acción Comunal";
    expect(texts(buildReport(p, "III"))).toContain("grupos de interés del Instituto Distrital de la Participación y Acción Comunal el avance");
  });
});
