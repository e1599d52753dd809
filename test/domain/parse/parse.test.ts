/** The contract's forgiving rules: where an input is, how headers and values are recognised. */
import { parseWorkbook } from "../../../src/domain/parse";
import { anioMasFrecuente, parseUmbral } from "../../../src/domain/parse/configuracion";
import { isDateFormat, textToIso } from "../../../src/domain/parse/values";
import {
  actividades,
  compromisos,
  configuracion,
  d,
  dependencias,
  fila,
  H_ACT,
  sheet,
  table,
  workbook,
  type C,
} from "./rawBuilder";

const TODAY = { today: new Date(Date.UTC(2024, 6, 1)) };

describe("the table-or-sheet rule", () => {
  test("a table is preferred over a sheet of the same name", () => {
    const t = actividades([fila("OAP", "DE-TABLA")]);
    const s = sheet("Actividades", [H_ACT, fila("OAP", "DE-HOJA")]);
    const r = parseWorkbook(workbook({ tables: [t], sheets: [s] }), TODAY);
    expect(r.plan!.actividades.map((a) => a.id)).toEqual(["DE-TABLA"]);
    expect(r.plan!.sources.actividades).toMatchObject({ tableName: "Actividades", headerRow: 2 });
  });

  test("the table may sit on a sheet of another name", () => {
    const t = table("Actividades", H_ACT, [fila("OAP")], { sheet: "Plan 2021", headerRow: 5, firstCol: 3 });
    const r = parseWorkbook(workbook({ tables: [t] }), TODAY);
    expect(r.plan!.sources.actividades).toMatchObject({ sheet: "Plan 2021", headerRow: 5, firstCol: 3, lastCol: 11, lastRow: 6 });
    expect(r.plan!.sources.actividades.columns.dependencia).toEqual({ header: "Dependencia", col: 4 });
  });

  test("without a table, the sheet: header row found on row 4 under a title", () => {
    const rows: C[][] = [
      ["Plan Institucional de Participación Ciudadana 2021"],
      ["Secretaría General"],
      [],
      [null, ...H_ACT, "Notas"],
      [null, ...fila("OAP", "A-9", [2, 1, 0, 0, 0, 0])],
      [null, ...fila("SFI", null, [1, 1, 1, 1, 1, 1])],
      [],
      [],
    ];
    const r = parseWorkbook(workbook({ sheets: [sheet("actividades ", rows)] }), TODAY);
    expect(r.problems).toEqual([]);
    const src = r.plan!.sources.actividades;
    expect(src).toMatchObject({ sheet: "actividades ", tableName: null, headerRow: 4, firstCol: 2, lastCol: 11, lastRow: 6 });
    expect(src.headers).toEqual([...H_ACT, "Notas"]);
    expect(r.plan!.actividades.map((a) => [a.id, a.fila, a.programado[0]])).toEqual([
      ["A-9", 5, 2],
      ["A-001", 6, 1],
    ]);
  });

  test("a sheet used range that starts lower down and to the right", () => {
    const r = parseWorkbook(workbook({ sheets: [sheet("Actividades", [H_ACT, fila("OAP")], { row: 7, col: 4 })] }), TODAY);
    expect(r.plan!.sources.actividades).toMatchObject({ headerRow: 7, firstCol: 4 });
    expect(r.plan!.actividades[0].fila).toBe(8);
  });

  test("headers below the first 10 rows are not found", () => {
    const rows: C[][] = [...Array.from({ length: 10 }, (_, i) => [`nota ${i}`]), H_ACT, fila("OAP")];
    const r = parseWorkbook(workbook({ sheets: [sheet("Actividades", rows)] }), TODAY);
    expect(r.plan).toBeNull();
    expect(r.problems.map((p) => [p.code, p.ref])).toEqual([["header-row-not-found", "Actividades"]]);
    // On row 10 it still is.
    const r10 = parseWorkbook(workbook({ sheets: [sheet("Actividades", rows.slice(1))] }), TODAY);
    expect(r10.plan!.sources.actividades.headerRow).toBe(10);
  });

  test("table names are matched forgivingly: Configuracion or Configuración", () => {
    for (const name of ["Configuracion", "Configuración", "CONFIGURACIÓN"]) {
      const r = parseWorkbook(workbook({ tables: [actividades([fila("OAP")]), configuracion([["Vigencia", 2019]], name)] }), TODAY);
      expect(r.plan!.config.vigencia).toBe(2019);
      expect(r.plan!.sources.configuracion).toEqual({ sheet: name, tableName: name, valores: { vigencia: "B3" } });
    }
  });

  test("Configuración as a plain sheet", () => {
    const s = sheet("Configuración", [["Ajustes del informe"], ["clave", "VALOR"], ["Cuatrimestre", 2], ["Entidad", " Secretaría "]]);
    const r = parseWorkbook(workbook({ tables: [actividades([fila("OAP")])], sheets: [s] }), TODAY);
    expect(r.problems).toEqual([]);
    expect(r.plan!.config).toMatchObject({ cuatrimestre: "II", entidad: "Secretaría" });
    expect(r.plan!.sources.configuracion).toEqual({ sheet: "Configuración", tableName: null, valores: { cuatrimestre: "B3", entidad: "B4" } });
  });

  test("ragged rows and rows wider than the header are read safely", () => {
    const raw = workbook({ tables: [actividades([fila("OAP")])] });
    raw.tables[0].rows = [[raw.tables[0].rows[0][0], { value: "OAP", address: "B3" }], []];
    (raw.tables[0].rows[1] as unknown[]).push(undefined, null, 42);
    const r = parseWorkbook(raw, TODAY);
    expect(r.problems.map((p) => [p.code, p.ref])).toEqual([["missing-value", "Actividades!C3"]]);
    expect(r.plan!.actividades).toHaveLength(1);
  });
});

describe("forgiving headers", () => {
  test("case, accents, spaces and aliases", () => {
    const headers = ["  id", "DEPENDENCIA ", "actividád", "  PROGRAMÁDO i ", "Ejecutado  1", "programado 2", "EJECUTADO II", "Programado III", "ejecutado iii", "Cumplimiento vigencia"];
    const t = table("Actividades", headers, [["X", "OAP", "Hacer", 1, 2, 3, 4, 5, 6, { v: "#DIV/0!", error: true }]]);
    const r = parseWorkbook(workbook({ tables: [t] }), TODAY);
    expect(r.problems).toEqual([]);
    const a = r.plan!.actividades[0];
    expect([a.programado, a.ejecutado]).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
    const cols = r.plan!.sources.actividades.columns;
    expect(cols.programado1).toEqual({ header: "PROGRAMÁDO i", col: 4 });
    // Computed columns are located (so writers replace them) but never read.
    expect(cols.cumplimientoVigencia).toEqual({ header: "Cumplimiento vigencia", col: 10 });
  });

  test("optional count columns may be absent: they count as 0", () => {
    const t = table("Actividades", ["Dependencia", "Actividad", "Programado III", "Ejecutado III"], [["OAP", "Hacer", 3, 2]]);
    const r = parseWorkbook(workbook({ tables: [t] }), TODAY);
    expect(r.problems).toEqual([]);
    expect(r.plan!.actividades[0]).toMatchObject({ programado: [0, 0, 3], ejecutado: [0, 0, 2], id: "A-001" });
  });
});

describe("values", () => {
  test("numbers stored as text, blanks as 0, a whole float as whole", () => {
    const r = parseWorkbook(workbook({ tables: [actividades([fila("OAP", null, ["5", " 5 ", "", null, 0.1 * 3 * 10, "+2"])])] }), TODAY);
    expect(r.problems).toEqual([]);
    expect(r.plan!.actividades[0]).toMatchObject({ programado: [5, 0, 3], ejecutado: [5, 0, 2] });
  });

  test("a trailing blank row is skipped; one with only computed values too", () => {
    const t = table("Actividades", [...H_ACT, "Estado"], [fila("OAP"), [null, "", null, null, null, null, null, null, null, "Sin programación"], []]);
    const r = parseWorkbook(workbook({ tables: [t] }), TODAY);
    expect(r.problems).toEqual([]);
    expect(r.plan!.actividades).toHaveLength(1);
    expect(r.plan!.sources.actividades.lastRow).toBe(5);
  });

  test("generated ids in row order, skipping the ones typed anywhere", () => {
    const rows = [fila("OAP"), fila("OAP", "A-002"), fila("OAP"), fila("OAP", "a-003"), fila("OAP"), fila("OAP", 7)];
    const r = parseWorkbook(workbook({ tables: [actividades(rows)] }), TODAY);
    expect(r.problems).toEqual([]);
    expect(r.plan!.actividades.map((a) => [a.id, a.idGenerado])).toEqual([
      ["A-001", true],
      ["A-002", false],
      ["A-004", true],
      ["a-003", false],
      ["A-005", true],
      ["7", false],
    ]);
    const c = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP")]),
          compromisos([
            [null, d(2024, 2, 1), "m", "c", "OAP"],
            ["C-001", d(2024, 2, 1), "m", "c", "OAP"],
          ]),
          configuracion([["Dependencia a cargo de compromisos", "OAP"]]),
        ],
      }),
      TODAY,
    );
    expect(c.plan!.compromisos.map((x) => x.id)).toEqual(["C-002", "C-001"]);
  });

  test("dependencies by name or sigla, forgivingly, in the Dependencias order", () => {
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("oap"), fila(" Subsecretaría de Servicio a la ciudadania "), fila("SSC"), fila("Oficina asesora de planeacion")]),
          dependencias([
            ["Subsecretaría de Servicio a la Ciudadanía", "SSC", "Servicio a la Ciudadanía"],
            ["Oficina Asesora de Planeación", "OAP", null],
            ["Oficina sin actividades", null, null],
          ]),
        ],
      }),
      TODAY,
    );
    expect(r.problems).toEqual([]);
    expect(r.plan!.actividades.map((a) => a.dependencia)).toEqual([
      "Oficina Asesora de Planeación",
      "Subsecretaría de Servicio a la Ciudadanía",
      "Subsecretaría de Servicio a la Ciudadanía",
      "Oficina Asesora de Planeación",
    ]);
    expect(r.plan!.dependencias).toEqual([
      { nombre: "Subsecretaría de Servicio a la Ciudadanía", sigla: "SSC", titulo: "Servicio a la Ciudadanía", numero: 1 },
      { nombre: "Oficina Asesora de Planeación", sigla: "OAP", titulo: "Oficina Asesora de Planeación", numero: 2 },
      { nombre: "Oficina sin actividades", sigla: null, titulo: "Oficina sin actividades", numero: 3 },
    ]);
  });

  test("without Dependencias (or with an empty one) the offices are those of Actividades, first spelling wins", () => {
    for (const extra of [[], [dependencias([[null, null, null]])]]) {
      const r = parseWorkbook(
        workbook({ tables: [actividades([fila("Planeación"), fila("SFI"), fila(" PLANEACION "), fila("Gobierno")]), ...extra] }),
        TODAY,
      );
      expect(r.problems).toEqual([]);
      expect(r.plan!.dependencias).toEqual([
        { nombre: "Planeación", sigla: null, titulo: "Planeación", numero: 1 },
        { nombre: "SFI", sigla: null, titulo: "SFI", numero: 2 },
        { nombre: "Gobierno", sigla: null, titulo: "Gobierno", numero: 3 },
      ]);
      expect(r.plan!.actividades[2]).toMatchObject({ dependencia: "Planeación", dependenciaTexto: "PLANEACION" });
    }
  });

  test("dates: an Excel date, a serial number with or without format, yyyy-mm-dd and dd/mm/yyyy text", () => {
    const fechas: C[] = [d(2021, 5, 3), 44319, { v: 44319.75, fmt: "d/m/yyyy h:mm" }, "2021-05-03", " 03/05/2021 ", "3/5/2021", new Date(Date.UTC(2021, 4, 3, 23, 59))];
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP")]),
          compromisos(fechas.map((f) => [null, f, "m", "c", "OAP", "en avance", "2021-06-30"])),
          configuracion([["Dependencia a cargo de compromisos", "OAP"]]),
        ],
      }),
      TODAY,
    );
    expect(r.problems).toEqual([]);
    expect(r.plan!.compromisos.map((c) => c.fecha)).toEqual(Array(fechas.length).fill("2021-05-03"));
    expect(r.plan!.compromisos[0]).toMatchObject({ estado: "En avance", fechaCorte: "2021-06-30" });
    expect(textToIso("29/02/2024")).toBe("2024-02-29");
    expect(textToIso("29/02/2023")).toBeNull();
    expect(textToIso("2021-05-03T00:00:00.000Z")).toBe("2021-05-03");
  });

  test("Estado: forgiving; blank is Por reportar", () => {
    const estados: C[] = ["cumplido", "EN AVANCE", " Sin Iniciar ", "por  reportar", null, "  "];
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP")]),
          compromisos(estados.map((e) => [null, d(2024, 3, 1), "m", "c", "OAP", e])),
          configuracion([["Dependencia a cargo de compromisos", "OAP"]]),
        ],
      }),
      TODAY,
    );
    expect(r.problems).toEqual([]);
    expect(r.plan!.compromisos.map((c) => c.estado)).toEqual(["Cumplido", "En avance", "Sin iniciar", "Por reportar", "Por reportar", "Por reportar"]);
  });

  test("date formats are told from number formats", () => {
    for (const f of ["dd/mm/yyyy", "m/d/yy", "[$-409]d-mmm-yy;@", "yyyy-mm-dd h:mm", "mmmm"]) expect(isDateFormat(f)).toBe(true);
    for (const f of [undefined, "General", "0", "#,##0", "0.00%", '[Red]0;"días"0', "Estándar", "@", "0.00E+00"]) expect(isDateFormat(f)).toBe(false);
  });
});

describe("Configuración: defaults and decisions", () => {
  const conCompromisos = (fechas: C[], config: [string, C][] = []) =>
    parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP", null, [1, 1, 1, 0, 1, 1])]),
          compromisos(fechas.map((f) => [null, f, "m", "c", "OAP"])),
          configuracion([["Dependencia a cargo de compromisos", "OAP"], ...config]),
        ],
      }),
      TODAY,
    );

  test("Vigencia defaults to the commitments' most frequent year, else today's year", () => {
    const r = conCompromisos([d(2022, 1, 5), d(2023, 1, 5), d(2023, 3, 5), "2022-12-01", d(2023, 7, 7)]);
    expect(r.plan!.config.vigencia).toBe(2023);
    expect(r.problems.filter((p) => p.code === "date-outside-vigencia").map((p) => p.ref)).toEqual(["Compromisos!B3", "Compromisos!B6"]);
    expect(anioMasFrecuente(["2020-01-01", "2021-01-01"])).toBe(2021);
    const none = parseWorkbook(workbook({ tables: [actividades([fila("OAP")])] }), TODAY);
    expect(none.plan!.config.vigencia).toBe(2024);
  });

  test("Cuatrimestre defaults to the latest with anything executed, else I", () => {
    expect(conCompromisos([]).plan!.config.cuatrimestre).toBe("III");
    const nada = parseWorkbook(workbook({ tables: [actividades([fila("OAP", null, [1, 0, 1, 0, 1, 0])])] }), TODAY);
    expect(nada.plan!.config.cuatrimestre).toBe("I");
    const ii = parseWorkbook(workbook({ tables: [actividades([fila("OAP", null, [1, 1, 1, 1, 1, 0])])] }), TODAY);
    expect(ii.plan!.config.cuatrimestre).toBe("II");
    for (const [v, c] of [["iii", "III"], [2, "II"], ["1", "I"], [" II ", "II"]] as const) {
      expect(conCompromisos([], [["Cuatrimestre", v]]).plan!.config.cuatrimestre).toBe(c);
    }
  });

  test("thresholds: 0.6, a percentage cell, \"60%\", \"0,6\" and 60 all mean 60 %", () => {
    expect(parseUmbral(0.6)).toBe(0.6);
    expect(parseUmbral(0.6, "0%")).toBe(0.6);
    expect(parseUmbral("60%")).toBe(0.6);
    expect(parseUmbral(" 60 % ")).toBe(0.6);
    expect(parseUmbral("0,6")).toBe(0.6);
    expect(parseUmbral(60)).toBe(0.6);
    expect(parseUmbral(120)).toBe(1.2);
    expect(parseUmbral(1.2)).toBe(1.2);
    expect(parseUmbral(10)).toBe(10);
    expect(parseUmbral(0)).toBe(0);
    for (const bad of [-0.1, "-60%", "abc", 1001, Infinity, NaN, true, null, 15, "2000%"]) {
      expect(parseUmbral(bad as never, bad === 15 ? "0%" : undefined)).toBeNull();
    }
    const r = conCompromisos([], [["Umbral bajo", "50%"], ["Umbral medio", 75], ["Umbral sobreejecución", { v: 1.5, fmt: "0%" }]]);
    expect(r.problems).toEqual([]);
    expect(r.plan!.config.umbrales).toEqual({ bajo: 0.5, medio: 0.75, sobreejecucion: 1.5 });
  });

  test("unknown and repeated claves are warnings; the first one wins", () => {
    const r = conCompromisos([], [["Vigencia", 2020], ["vigencia", 2019], ["Color", "azul"]]);
    expect(r.plan!.config.vigencia).toBe(2020);
    expect(r.problems.map((p) => [p.code, p.severity, p.ref])).toEqual([
      ["bad-config", "warning", "Configuración!A5"],
      ["bad-config", "warning", "Configuración!A6"],
    ]);
    expect(r.plan!.sources.configuracion!.valores).toEqual({ "dependencia a cargo de compromisos": "B3", vigencia: "B4", color: "B6" });
  });

  test("the office in charge matches by name or sigla, so no warning", () => {
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP")]),
          dependencias([["Oficina Asesora de Planeación", "OAP", null]]),
          compromisos([[null, d(2024, 1, 9), "m", "c", "OAP"]]),
          configuracion([["Dependencia a cargo de compromisos", "oficina asesora de planeacion"]]),
        ],
      }),
      TODAY,
    );
    expect(r.problems).toEqual([]);
  });
});
