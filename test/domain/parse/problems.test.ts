/** One broken workbook per problem kind: the exact code, severity and cell, and messages that name it. */
import { parseWorkbook, type ParseResult } from "../../../src/domain/parse";
import type { Problem, ProblemCode, Severity } from "../../../src/domain/problems";
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

const TODAY = { today: new Date(Date.UTC(2021, 5, 1)) };

/** The single problem of that code; fails when there is none or more than one. */
function one(r: ParseResult, code: ProblemCode): Problem {
  const found = r.problems.filter((p) => p.code === code);
  if (found.length !== 1) throw new Error(`expected one ${code}, got ${JSON.stringify(r.problems, null, 1)}`);
  return found[0];
}

function expectProblem(r: ParseResult, code: ProblemCode, severity: Severity, ref: string): Problem {
  const p = one(r, code);
  expect(p).toMatchObject({ code, severity, ref });
  expect(p.message.es.startsWith(ref) || p.message.es.includes(ref)).toBe(true);
  expect(p.message.en.includes(ref)).toBe(true);
  expect(p.message.es).not.toEqual(p.message.en);
  return p;
}

/** Activities table with valid rows 3..(2+n-1) and the given last row. */
function actWith(last: C[], before = 0): ParseResult {
  const rows = Array.from({ length: before }, (_, i) => fila("OAP", `A-${i + 10}`));
  return parseWorkbook(workbook({ tables: [actividades([...rows, last])] }), TODAY);
}

describe("one problem per kind", () => {
  test("missing-sheet: no Actividades table nor sheet", () => {
    const r = parseWorkbook(workbook({ tables: [compromisos([])] }), TODAY);
    expect(r.plan).toBeNull();
    const p = expectProblem(r, "missing-sheet", "error", "Actividades");
    expect(p.cell).toBeNull();
    expect(p.message.es).toContain("Dependencia");
  });

  test("header-row-not-found: a sheet whose first 10 rows hold no header row", () => {
    const rows: C[][] = [["Plan 2021"], [], ["Dependencia", "Texto"], ...Array.from({ length: 8 }, () => ["x", 1])];
    const r = parseWorkbook(workbook({ sheets: [sheet("Actividades", [["Nada"], ["que ver"]])] }), TODAY);
    expect(r.plan).toBeNull();
    const p = expectProblem(r, "header-row-not-found", "error", "Actividades");
    expect(p.message.es).toContain("«Dependencia» y «Actividad»");
    expect(p.message.en).toContain('"Dependencia" and "Actividad"');
    // With a row that looks like headers, the message points at it and says what it lacks.
    const r2 = parseWorkbook(workbook({ sheets: [sheet("Actividades", rows)] }), TODAY);
    const p2 = expectProblem(r2, "header-row-not-found", "error", "Actividades!A3:B3");
    expect(p2.message.es).toContain("le falta «Actividad»");
  });

  test("missing-header: a table without a required column names the header row and the header to add", () => {
    const t = table("Actividades", ["ID", "Dependencia", "Programado I"], [["A-1", "OAP", 1]]);
    const r = parseWorkbook(workbook({ tables: [t] }), TODAY);
    expect(r.plan).toBeNull();
    const p = expectProblem(r, "missing-header", "error", "Actividades!A2:C2");
    expect(p.message.es).toContain("«Actividad»");
    expect(p.message.en).toContain('"Actividad"');
  });

  test("duplicate-header: warning on the second, the first column wins", () => {
    const t = actividades([[null, "OAP", "x", 4, 4, 0, 0, 0, 0, 9]], [...H_ACT, "programado i"]);
    const r = parseWorkbook(workbook({ tables: [t] }), TODAY);
    const p = expectProblem(r, "duplicate-header", "warning", "Actividades!J2");
    expect(p.message.es).toContain("Actividades!D2");
    expect(r.plan!.actividades[0].programado).toEqual([4, 0, 0]);
    expect(r.plan!.sources.actividades.columns.programado1).toEqual({ header: "Programado I", col: 4 });
  });

  test("missing-value: a blank Actividad", () => {
    const r = actWith(["A-1", "OAP", "  ", 1, 1], 0);
    const p = expectProblem(r, "missing-value", "error", "Actividades!C3");
    expect(p.message.es).toContain("falta «Actividad»");
  });

  test("missing-value: Compromisos without Fecha, Compromiso or Responsable", () => {
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP")]),
          compromisos([
            [null, null, "Mesa", "Hacer algo", "OAP"],
            [null, d(2021, 5, 3), "Mesa", "", "OAP"],
            [null, d(2021, 5, 3), "Mesa", "Hacer algo", null],
          ]),
          configuracion([["Dependencia a cargo de compromisos", "OAP"]]),
        ],
      }),
      TODAY,
    );
    const refs = r.problems.filter((p) => p.code === "missing-value").map((p) => p.ref);
    expect(refs).toEqual(["Compromisos!B3", "Compromisos!D4", "Compromisos!E5"]);
    // The row without a date cannot be placed in a month; the others are kept.
    expect(r.plan!.compromisos.map((c) => c.fila)).toEqual([4, 5]);
  });

  test("negative-number: -1 in Programado II at F7, with the message of the contract", () => {
    const r = actWith(["A-1", "OAP", "x", 1, 1, -1, 0, 0, 0], 4);
    const p = expectProblem(r, "negative-number", "error", "Actividades!F7");
    expect(p.message.es).toBe(
      "Actividades!F7: «-1» no es válido en «Programado II»: escriba un número entero mayor o igual a 0, o deje la celda vacía si es 0.",
    );
    expect(p.message.en).toBe(
      'Actividades!F7: "-1" is not valid in "Programado II": enter a whole number of 0 or more, or leave the cell empty if it is 0.',
    );
    expect(r.plan!.actividades[4].programado).toEqual([1, 0, 0]);
  });

  test("decimal-number: 2.5 as a number and \"2,5\" as text", () => {
    const r = actWith(["A-1", "OAP", "x", 2.5, "2,5"], 0);
    const found = r.problems.filter((p) => p.code === "decimal-number");
    expect(found.map((p) => [p.ref, p.severity])).toEqual([
      ["Actividades!D3", "error"],
      ["Actividades!E3", "error"],
    ]);
    expect(found[0].message.es).toContain("«2,5»");
    expect(found[0].message.es).toContain("Actividades!D3");
    expect(found[0].message.en).toContain('"2.5"');
  });

  test("not-a-number: text, a boolean, and a number too large", () => {
    const r = actWith(["A-1", "OAP", "x", "abc", true, 1e12, 0, Infinity, NaN], 0);
    const found = r.problems.filter((p) => p.code === "not-a-number");
    expect(found.map((p) => p.ref)).toEqual(["Actividades!D3", "Actividades!E3", "Actividades!F3", "Actividades!H3", "Actividades!I3"]);
    expect(found.every((p) => p.severity === "error" && p.message.es.includes(p.ref) && p.message.en.includes(p.ref))).toBe(true);
    expect(found[0].message.es).toContain("«abc» no es un número en «Programado I»");
    expect(found[1].message.es).toContain("«VERDADERO»");
    expect(found[2].message.es).toContain("demasiado grande");
    expect(r.plan!.actividades[0].programado).toEqual([0, 0, 0]);
  });

  test("a space Excel does not take for one (thin, em...) refuses the count and is named in the message; a non-breaking space is a space", () => {
    const r = actWith(["A-1", "OAP", "x", "5\u2009", "\u2003", "\u00a03\u00a0", 0, 0, 0], 0);
    const found = r.problems.filter((p) => p.code === "not-a-number");
    expect(found.map((p) => p.ref)).toEqual(["Actividades!D3", "Actividades!E3"]);
    expect(found[0].message.es).toContain("«5[espacio especial]» no es un número en «Programado I»");
    expect(found[0].message.en).toContain('"5[special space]" is not a number in "Programado I"');
    expect(found[1].message.es).toContain("«[espacio especial]»");
    // The formulas read "\u00a03\u00a0" as 3, and so does validation.
    expect(r.problems.some((p) => p.ref === "Actividades!F3")).toBe(false);
  });

  test("a row holding only an em space in a count is read, and the count refused: the column's sums would show #VALUE!", () => {
    const r = parseWorkbook(workbook({ tables: [actividades([fila("OAP", "A-1"), [null, null, null, "\u3000"], [null, null, null, " \t"]])] }), TODAY);
    expect(r.problems.filter((p) => p.code === "not-a-number").map((p) => p.ref)).toEqual(["Actividades!D4"]);
    // The row of spaces and a tab alone is blank, as the formulas see it too.
    expect(r.problems.some((p) => p.ref.endsWith("5"))).toBe(false);
  });

  test("date-in-number: a Date, a serial with a date format, a date typed as text", () => {
    const r = actWith(["A-1", "OAP", "x", d(2021, 3, 1), { v: 44256, fmt: "dd/mm/yyyy" }, "01/03/2021", { v: 3, fmt: "General" }], 0);
    const found = r.problems.filter((p) => p.code === "date-in-number");
    expect(found.map((p) => [p.ref, p.severity])).toEqual([
      ["Actividades!D3", "error"],
      ["Actividades!E3", "error"],
      ["Actividades!F3", "error"],
    ]);
    expect(found[0].message.es).toContain("«01/03/2021» es una fecha, no un número");
    expect(r.plan!.actividades[0].ejecutado[1]).toBe(3);
  });

  test("duplicate-id: the second occurrence, naming the first's cell", () => {
    const r = parseWorkbook(workbook({ tables: [actividades([fila("OAP", "A-1"), fila("OAP"), fila("OAP", " a-1 ")])] }), TODAY);
    const p = expectProblem(r, "duplicate-id", "error", "Actividades!A5");
    expect(p.message.es).toContain("Actividades!A3");
    expect(p.message.en).toContain("Actividades!A3");
  });

  test("unknown-dependency: listing the valid names and siglas", () => {
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP"), fila("Planeación")]),
          dependencias([
            ["Oficina Asesora de Planeación", "OAP", null],
            ["Subsecretaría de Servicio a la Ciudadanía", "SSC", "Servicio a la Ciudadanía"],
          ]),
        ],
      }),
      TODAY,
    );
    const p = expectProblem(r, "unknown-dependency", "error", "Actividades!B4");
    expect(p.message.es).toContain("Oficina Asesora de Planeación (OAP), Subsecretaría de Servicio a la Ciudadanía (SSC)");
  });

  test("unknown-estado: listing the four", () => {
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP")]),
          compromisos([[null, d(2021, 5, 3), "Mesa", "Hacer algo", "OAP", "Terminado"]]),
          configuracion([["Dependencia a cargo de compromisos", "OAP"]]),
        ],
      }),
      TODAY,
    );
    const p = expectProblem(r, "unknown-estado", "error", "Compromisos!F3");
    expect(p.message.es).toContain("Cumplido, En avance, Sin iniciar o Por reportar");
  });

  test("unknown-estado: an Estado read as the tracker's formulas read it (Spanish accents, spaces, tabs and non-breaking spaces aside; nothing else)", () => {
    const estados = ["CUMPLÍDO", "\u00a0En\u00a0 avance\t", " ", "\u00a0", "Cumplìdo", "Cumplido\u2003", "Sin\u00a0iniciar"];
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP")]),
          compromisos(estados.map((e) => [null, d(2021, 5, 3), "Mesa", "Hacer algo", "OAP", e])),
          configuracion([["Dependencia a cargo de compromisos", "OAP"]]),
        ],
      }),
      TODAY,
    );
    const bad = r.problems.filter((p) => p.code === "unknown-estado");
    // A grave accent is not one the formulas take off; an em space is no space to Excel's TRIM.
    expect(bad.map((p) => p.ref)).toEqual(["Compromisos!F7", "Compromisos!F8"]);
    expect(bad[1].message.es).toContain("«Cumplido[espacio especial]»");
  });

  test("bad-date: an impossible date, words, a serial out of range, a boolean", () => {
    const rows: C[][] = ["31/02/2021", "mañana", 5, false, "2021-13-01"].map((f) => [null, f, "Mesa", "Hacer algo", "OAP"]);
    const r = parseWorkbook(
      workbook({ tables: [actividades([fila("OAP")]), compromisos(rows), configuracion([["Dependencia a cargo de compromisos", "OAP"]])] }),
      TODAY,
    );
    const found = r.problems.filter((p) => p.code === "bad-date");
    expect(found.map((p) => [p.ref, p.severity])).toEqual([3, 4, 5, 6, 7].map((n) => [`Compromisos!B${n}`, "error"]));
    expect(found[0].message.es).toContain("«31/02/2021» no es una fecha válida en «Fecha»");
    expect(found[0].message.en).toContain("Compromisos!B3");
    expect(r.plan!.compromisos).toEqual([]);
  });

  test("executed-without-programming: warning at the Ejecutado cell", () => {
    const r = actWith(["A-1", "OAP", "x", 0, 2, 1, 1], 0);
    const p = expectProblem(r, "executed-without-programming", "warning", "Actividades!E3");
    expect(p.message.es).toContain("«Programado I» (Actividades!D3)");
    expect(p.message.es).toContain("No programado");
  });

  test("empty-plan: only blank rows, at the header row", () => {
    const r = parseWorkbook(workbook({ tables: [actividades([[null, "  ", null], []])] }), TODAY);
    expect(r.plan).not.toBeNull();
    expect(r.plan!.actividades).toEqual([]);
    expectProblem(r, "empty-plan", "error", "Actividades!A2:I2");
  });

  test("bad-config: each bad value at its Valor cell", () => {
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP")]),
          configuracion([
            ["Vigencia", "dos mil veintiuno"],
            ["Cuatrimestre", "IV"],
            ["Umbral bajo", "abc"],
            ["Umbral medio", -0.8],
          ]),
        ],
      }),
      TODAY,
    );
    const found = r.problems.filter((p) => p.code === "bad-config");
    expect(found.map((p) => [p.ref, p.severity])).toEqual([
      ["Configuración!B3", "error"],
      ["Configuración!B4", "error"],
      ["Configuración!B5", "error"],
      ["Configuración!B6", "error"],
    ]);
    for (const p of found) {
      expect(p.message.es).toContain(p.ref);
      expect(p.message.en).toContain(p.ref);
    }
    expect(found[0].message.es).toContain("escriba el año del plan con cuatro cifras");
    expect(found[1].message.es).toContain("escriba I (enero–abril), II (mayo–agosto) o III");
    expect(r.plan!.config).toMatchObject({ vigencia: 2021, cuatrimestre: "III", umbrales: { bajo: 0.6, medio: 0.8, sobreejecucion: 1.2 } });
  });

  test("bad-config: thresholds out of order, at the later one; defaults used", () => {
    const r = parseWorkbook(
      workbook({ tables: [actividades([fila("OAP")]), configuracion([["Umbral bajo", 0.9], ["Umbral medio", 0.7]])] }),
      TODAY,
    );
    const p = expectProblem(r, "bad-config", "error", "Configuración!B4");
    expect(p.message.es).toContain("«Umbral bajo» (90 %) debe ser menor o igual que «Umbral medio» (70 %)");
    expect(r.plan!.config.umbrales).toEqual({ bajo: 0.6, medio: 0.8, sobreejecucion: 1.2 });
  });

  test("no-office-in-charge: not configured while there are commitments", () => {
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP")]),
          compromisos([[null, d(2021, 5, 3), "Mesa", "Hacer algo", "OAP"]]),
          configuracion([["Vigencia", 2021], ["Dependencia a cargo de compromisos", null]]),
        ],
      }),
      TODAY,
    );
    const p = expectProblem(r, "no-office-in-charge", "warning", "Configuración!B4");
    expect(p.message.es).toContain("todos los compromisos se cuentan como «a cargo»");
    // Without Configuración at all, the warning points at Compromisos.
    const r2 = parseWorkbook(
      workbook({ tables: [actividades([fila("OAP")]), compromisos([[null, d(2021, 5, 3), "Mesa", "Hacer algo", "OAP"]])] }),
      TODAY,
    );
    expectProblem(r2, "no-office-in-charge", "warning", "Compromisos");
  });

  test("no-office-in-charge: configured but matching no dependency", () => {
    const r = parseWorkbook(
      workbook({ tables: [actividades([fila("OAP")]), configuracion([["Dependencia a cargo de compromisos", "Víctimas"]])] }),
      TODAY,
    );
    const p = expectProblem(r, "no-office-in-charge", "warning", "Configuración!B3");
    expect(p.message.es).toContain("«Víctimas» no es ninguna de las dependencias (OAP)");
  });

  test("date-outside-vigencia: a commitment of another year", () => {
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP")]),
          compromisos([
            [null, d(2021, 5, 3), "Mesa", "Hacer algo", "OAP"],
            [null, "2020-12-30", "Mesa", "Hacer algo", "OAP"],
          ]),
          configuracion([["Vigencia", "2021"], ["Dependencia a cargo de compromisos", "OAP"]]),
        ],
      }),
      TODAY,
    );
    const p = expectProblem(r, "date-outside-vigencia", "warning", "Compromisos!B4");
    expect(p.message.es).toContain("30/12/2020 está fuera de la vigencia 2021");
  });

  test("corte-before-fecha: warning at the Fecha de corte", () => {
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([fila("OAP")]),
          compromisos([[null, d(2021, 5, 3), "Mesa", "Hacer algo", "OAP", "Cumplido", d(2021, 4, 30)]]),
          configuracion([["Dependencia a cargo de compromisos", "OAP"]]),
        ],
      }),
      TODAY,
    );
    const p = expectProblem(r, "corte-before-fecha", "warning", "Compromisos!G3");
    expect(p.message.es).toContain("(30/04/2021) es anterior a la «Fecha» de la sesión (03/05/2021, Compromisos!B3)");
  });

  test("formula-error: an error value in an input cell", () => {
    const r = actWith(["A-1", "OAP", "x", 1, { v: "#DIV/0!", error: true }], 0);
    const p = expectProblem(r, "formula-error", "error", "Actividades!E3");
    expect(p.message.es).toContain("#DIV/0!");
    expect(r.plan!.actividades[0].ejecutado[0]).toBe(0);
  });
});

describe("problems as a whole", () => {
  test("sorted by sheet order, then row, then column", () => {
    const raw = workbook({
      tables: [
        compromisos([
          [null, "x", "Mesa", "Hacer algo", "OAP"],
          [null, d(2021, 5, 3), "Mesa", "Hacer algo", "OAP"],
        ]),
        actividades([["A-1", "OAP", "x", -1, "abc"], ["A-2", "OAP", null, 2.5]]),
      ],
      sheetNames: ["Actividades", "Compromisos"],
    });
    const r = parseWorkbook(raw, TODAY);
    expect(r.problems.map((p) => p.ref)).toEqual([
      "Actividades!D3",
      "Actividades!E3",
      "Actividades!C4",
      "Actividades!D4",
      "Compromisos",
      "Compromisos!B3",
    ]);
  });

  test("a clean plan has no problems and every field read", () => {
    const r = parseWorkbook(
      workbook({
        tables: [
          actividades([["A-1", "OAP", "Hacer", 1, 1, 2, 2, 3, 3]]),
          compromisos([["C-1", d(2021, 5, 3), "Mesa", "Hacer algo", "OAP", "cumplido", d(2021, 6, 1), "nota"]]),
          configuracion([["Dependencia a cargo de compromisos", "OAP"]]),
        ],
      }),
      TODAY,
    );
    expect(r.problems).toEqual([]);
    expect(r.plan!.compromisos[0]).toEqual({
      id: "C-1",
      idGenerado: false,
      fecha: "2021-05-03",
      mesa: "Mesa",
      compromiso: "Hacer algo",
      responsable: "OAP",
      estado: "Cumplido",
      fechaCorte: "2021-06-01",
      observaciones: "nota",
      fila: 3,
    });
  });
});
