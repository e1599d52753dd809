import fixture from "../../src/domain/data/plan-2021.json";
import {
  articulo,
  clavesACargo,
  compromisosHastaCorte,
  compromisosPorMes,
  dependenciaACargo,
  diasEntre,
  esACargo,
  etiquetaMes,
  fechaCierreCorte,
  fechaLarga,
  grafiasACargo,
  hasErrors,
  notaMes,
  oficinaACargo,
  pendientesACargo,
  UMBRALES_POR_DEFECTO,
  type Compromiso,
  type EstadoCompromiso,
  type MesCompromisos,
  type Plan,
} from "../../src/domain";
import { parseWorkbook, rawWorkbookFromInput } from "../../src/domain/parse";
import { sample2021 } from "../../src/domain/sample";

let fila = 3;
function c(fecha: string, responsable: string, estado: EstadoCompromiso = "Por reportar", fechaCorte: string | null = null): Compromiso {
  const n = fila++;
  return {
    id: `C-${String(n).padStart(3, "0")}`,
    idGenerado: false,
    fecha,
    mesa: "Mesa Local de Víctimas de Bosa",
    compromiso: `Compromiso ${n}`,
    responsable,
    estado,
    fechaCorte,
    observaciones: "",
    fila: n,
  };
}

/** A small plan: the ACPVR in charge, commitments in March, May, June (none in April), one in 2020, one in October. */
function plan(compromisos: Compromiso[], dependenciaCompromisos: string | null = "ACPVR"): Plan {
  return {
    config: {
      entidad: "Secretaría General",
      plan: "Plan Institucional de Participación Ciudadana",
      vigencia: 2021,
      cuatrimestre: "II",
      dependenciaCompromisos,
      umbrales: UMBRALES_POR_DEFECTO,
    },
    dependencias: [
      { nombre: "Equipo Gobierno Abierto - Oficina Asesora de Planeación", sigla: "OAP", titulo: "Gobierno Abierto", numero: 1 },
      {
        nombre: "Oficina Alta Consejería de Paz, Víctimas y Reconciliación",
        sigla: "ACPVR",
        titulo: "Alta Consejería de Paz, Víctimas y Reconciliación",
        numero: 2,
      },
    ],
    actividades: [],
    compromisos,
    sources: {
      actividades: { sheet: "Actividades", tableName: "Actividades", headerRow: 2, lastRow: 2, firstCol: 1, lastCol: 3, headers: [], columns: {} },
      compromisos: null,
      dependencias: null,
      configuracion: null,
    },
  };
}

function base(): Compromiso[] {
  fila = 3;
  return [
    c("2020-12-15", "ACPVR", "Cumplido"),
    c("2021-03-10", "ACPVR", "Cumplido", "2021-04-20"),
    c("2021-03-10", "Secretaría Distrital de Salud", "Cumplido", "2021-04-28"),
    c("2021-05-03", " acpvr ", "En avance", "2021-07-01"),
    c("2021-05-03", "Oficina Alta Consejeria de Paz, Victimas y Reconciliacion", "Sin iniciar"),
    c("2021-05-20", "OFICINA ALTA CONSEJERÍA DE PAZ, VÍCTIMAS Y RECONCILIACIÓN", "Cumplido", "2021-06-30"),
    c("2021-05-20", "IDRD", "En avance", "2021-07-23"),
    c("2021-06-01", "Alta Consejería de Paz, Víctimas y Reconciliación", "Por reportar"),
    c("2021-06-01", "IPES", "Cumplido"),
    c("2021-10-05", "ACPVR", "Sin iniciar"),
  ];
}

describe("compromisosPorMes", () => {
  test("months from the first with a commitment to the end of the cut, empty months included, later and other years left out", () => {
    const meses = compromisosPorMes(plan(base()), "II");
    expect(meses.map((m) => m.mes)).toEqual(["2021-03", "2021-04", "2021-05", "2021-06", "2021-07", "2021-08"]);
    expect(meses.map((m) => m.recogidos)).toEqual([2, 0, 4, 2, 0, 0]);
    expect(compromisosHastaCorte(plan(base()), "II")).toHaveLength(8);
    expect(compromisosPorMes(plan(base()), "III").map((m) => m.mes).slice(-4)).toEqual(["2021-09", "2021-10", "2021-11", "2021-12"]);
    expect(compromisosPorMes(plan(base()), "III")[7].recogidos).toBe(1);
  });

  test("the office's commitments are matched by name, sigla or title, ignoring case, spaces and accents", () => {
    const mayo = compromisosPorMes(plan(base()), "II")[2];
    expect([mayo.recogidos, mayo.noACargo, mayo.aCargo]).toEqual([4, 1, 3]);
    const claves = clavesACargo(plan(base()))!;
    expect(esACargo(c("2021-05-01", "  Acpvr"), claves)).toBe(true);
    expect(esACargo(c("2021-05-01", "ACPVR S.A."), claves)).toBe(false);
  });

  test("the Estado counts are the office's only; blank or Por reportar counts as Por reportar", () => {
    const [marzo, , mayo, junio] = compromisosPorMes(plan(base()), "II");
    expect([marzo.cumplido, marzo.enAvance, marzo.sinIniciar, marzo.porReportar]).toEqual([1, 0, 0, 0]);
    expect([mayo.cumplido, mayo.enAvance, mayo.sinIniciar, mayo.porReportar]).toEqual([1, 1, 1, 0]);
    expect([junio.aCargo, junio.cumplido, junio.porReportar]).toEqual([1, 0, 1]);
  });

  test("the month's cut is the latest Fecha de corte of all its commitments, null when none", () => {
    const meses = compromisosPorMes(plan(base()), "II");
    expect(meses.map((m) => m.corte)).toEqual(["2021-04-28", null, "2021-07-23", null, null, null]);
  });

  test("the three situations of the report and % Cumplido", () => {
    const meses = compromisosPorMes(plan(base()), "II");
    expect(meses.map((m) => m.situacion)).toEqual(["normal", "sin-compromisos", "normal", "pendiente", "sin-compromisos", "sin-compromisos"]);
    expect(meses[0].porcentajeCumplido).toBe(1);
    expect(meses[2].porcentajeCumplido).toBeCloseTo(1 / 3, 12);
    // Unknown (not 0 %) while the office's commitments are all Por reportar, and without any a cargo.
    expect(meses[3].porcentajeCumplido).toBeNull();
    expect(meses[1].porcentajeCumplido).toBeNull();
  });

  test("a month whose commitments are all of other entities is a normal month with nothing a cargo", () => {
    fila = 3;
    const [m] = compromisosPorMes(plan([c("2021-05-04", "IDRD"), c("2021-05-05", "IPES")]), "II");
    expect([m.recogidos, m.noACargo, m.aCargo, m.situacion, m.porcentajeCumplido]).toEqual([2, 2, 0, "normal", null]);
  });

  test("without an office in charge every commitment counts as a cargo", () => {
    const p = plan(base(), null);
    expect(clavesACargo(p)).toBeNull();
    expect(oficinaACargo(p)).toBeNull();
    const mayo = compromisosPorMes(p, "II")[2];
    expect([mayo.recogidos, mayo.noACargo, mayo.aCargo, mayo.cumplido, mayo.enAvance]).toEqual([4, 0, 4, 1, 2]);
  });

  test("an office that is no dependency is matched by the text of Configuración", () => {
    fila = 3;
    const p = plan([c("2021-05-04", "secretaría de salud"), c("2021-05-05", "ACPVR")], "Secretaria de Salud");
    expect(dependenciaACargo(p)).toBeNull();
    expect(compromisosPorMes(p, "II")[0].aCargo).toBe(1);
    expect(oficinaACargo(p)).toMatchObject({ nombre: "Secretaria de Salud", sigla: null, corto: "Secretaria de Salud", deCorto: "de la Secretaria de Salud" });
  });

  test("no commitment up to the cut gives no month", () => {
    expect(compromisosPorMes(plan(base()), "I").map((m) => m.mes)).toEqual(["2021-03", "2021-04"]);
    fila = 3;
    expect(compromisosPorMes(plan([c("2021-06-01", "ACPVR")]), "I")).toEqual([]);
    expect(compromisosPorMes(plan([]), "III")).toEqual([]);
  });
});

describe("the office in charge", () => {
  test("resolved by sigla or name, named with its article", () => {
    const o = oficinaACargo(plan(base()))!;
    expect(o).toMatchObject({
      nombre: "Oficina Alta Consejería de Paz, Víctimas y Reconciliación",
      sigla: "ACPVR",
      corto: "ACPVR",
      deCorto: "de la ACPVR",
      nombreConArticulo: "la Oficina Alta Consejería de Paz, Víctimas y Reconciliación",
    });
    expect(oficinaACargo(plan(base(), "equipo gobierno abierto - oficina asesora de planeacion"))).toMatchObject({ sigla: "OAP", deCorto: "del OAP" });
  });

  test("articulo by the first word of the name", () => {
    expect(articulo("Secretaría Distrital de Salud")).toBe("la");
    expect(articulo("Alta Consejería Distrital TIC")).toBe("la");
    expect(articulo("Instituto Distrital de Recreación y Deporte")).toBe("el");
    expect(articulo("IDRD")).toBe("");
  });

  test("grafiasACargo lists every spelling of the office found in the data, once", () => {
    expect(grafiasACargo(plan(base()))).toEqual([
      "ACPVR",
      " acpvr ",
      "Oficina Alta Consejeria de Paz, Victimas y Reconciliacion",
      "OFICINA ALTA CONSEJERÍA DE PAZ, VÍCTIMAS Y RECONCILIACIÓN",
      "Alta Consejería de Paz, Víctimas y Reconciliación",
    ]);
    expect(grafiasACargo(plan(base(), null))).toEqual([]);
  });
});

describe("pendientesACargo", () => {
  test("the office's commitments up to the cut not Cumplido, oldest first then in sheet order", () => {
    fila = 3;
    const list = [
      c("2021-06-01", "ACPVR", "En avance"),
      c("2021-05-03", "ACPVR", "Sin iniciar"),
      c("2021-05-03", "acpvr", "Por reportar"),
      c("2021-05-02", "IDRD", "Sin iniciar"),
      c("2021-04-30", "ACPVR", "Cumplido"),
      c("2021-09-01", "ACPVR", "Sin iniciar"),
      c("2020-11-01", "ACPVR", "Sin iniciar"),
    ];
    expect(pendientesACargo(plan(list), "II").map((x) => x.id)).toEqual(["C-004", "C-005", "C-003"]);
  });
});

describe("notaMes", () => {
  const o = oficinaACargo(plan(base()));
  const mes = (m: Partial<MesCompromisos>): MesCompromisos => ({
    mes: "2021-05",
    anio: 2021,
    numeroMes: 5,
    recogidos: 70,
    noACargo: 50,
    aCargo: 20,
    cumplido: 12,
    enAvance: 6,
    sinIniciar: 2,
    porReportar: 0,
    porcentajeCumplido: 0.6,
    corte: "2021-07-23",
    situacion: "normal",
    ...m,
  });

  test("a normal month, worded as the report words it", () => {
    expect(notaMes(mes({}), o)).toBe(
      "Durante el mes de mayo de 2021, de las sesiones de las Mesas de Participación se recogieron 70 compromisos de los cuales 50 no están a cargo de la ACPVR y 20 están a cargo de la ACPVR.",
    );
    expect(notaMes(mes({ numeroMes: 9, recogidos: 8, noACargo: 7, aCargo: 1 }), o)).toBe(
      "Durante el mes de septiembre de 2021, de las sesiones de las Mesas de Participación se recogieron 8 compromisos de los cuales 7 no están a cargo de la ACPVR y 1 está a cargo de la ACPVR.",
    );
    expect(notaMes(mes({ recogidos: 2, noACargo: 1, aCargo: 1 }), o)).toContain("de los cuales 1 no está a cargo de la ACPVR y 1 está a cargo de la ACPVR.");
  });

  test("an empty month and a pending month", () => {
    expect(notaMes(mes({ numeroMes: 10, recogidos: 0, noACargo: 0, aCargo: 0 }), o)).toBe(
      "Durante el mes de octubre de 2021, de las sesiones de las Mesas de Participación no se recogieron compromisos.",
    );
    expect(notaMes(mes({ numeroMes: 11, recogidos: 25, noACargo: 18, aCargo: 7, cumplido: 0, enAvance: 0, sinIniciar: 0, porReportar: 7 }), o)).toBe(
      "Durante el mes de noviembre de 2021, de las sesiones de las Mesas de Participación se recogieron 25 compromisos. El estado de avance de los compromisos se tendrá en el próximo informe.",
    );
  });

  test("one commitment, none or all a cargo, and no office", () => {
    expect(notaMes(mes({ recogidos: 1, noACargo: 0, aCargo: 1, cumplido: 1 }), o)).toBe(
      "Durante el mes de mayo de 2021, de las sesiones de las Mesas de Participación se recogió 1 compromiso, que está a cargo de la ACPVR.",
    );
    expect(notaMes(mes({ recogidos: 1, noACargo: 1, aCargo: 0 }), o)).toMatch(/se recogió 1 compromiso, que no está a cargo de la ACPVR\.$/);
    expect(notaMes(mes({ recogidos: 3, noACargo: 3, aCargo: 0 }), o)).toMatch(/se recogieron 3 compromisos, ninguno está a cargo de la ACPVR\.$/);
    expect(notaMes(mes({ recogidos: 3, noACargo: 0, aCargo: 3, cumplido: 3 }), o)).toMatch(/se recogieron 3 compromisos, todos a cargo de la ACPVR\.$/);
    expect(notaMes(mes({ noACargo: 0, aCargo: 70 }), null)).toBe(
      "Durante el mes de mayo de 2021, de las sesiones de las Mesas de Participación se recogieron 70 compromisos.",
    );
  });
});

describe("dates in words", () => {
  test("etiquetaMes, fechaLarga, fechaCierreCorte, diasEntre", () => {
    expect(etiquetaMes(2021, 5)).toBe("mayo de 2021");
    expect(fechaLarga("2021-07-23")).toBe("23 de julio de 2021");
    expect(fechaCierreCorte(2021, "I")).toBe("2021-04-30");
    expect(fechaCierreCorte(2024, "II")).toBe("2024-08-31");
    expect(fechaCierreCorte(2021, "III")).toBe("2021-12-31");
    expect(diasEntre("2021-05-24", "2021-12-31")).toBe(221);
  });
});

describe("the sample of 2021 through the parser", () => {
  test("reproduces every monthly figure of section 04 and the fixture's status split", () => {
    const { plan: p, problems } = parseWorkbook(rawWorkbookFromInput(sample2021()));
    expect(hasErrors(problems)).toBe(false);
    const meses = compromisosPorMes(p!, "III");
    const esperado = fixture.compromisos.por_mes as {
      mes: string;
      recogidos: number;
      no_a_cargo: number;
      a_cargo: number;
      corte?: string;
      estado_a_cargo?: Partial<Record<EstadoCompromiso, number>>;
    }[];
    expect(meses.map((m) => m.mes)).toEqual(esperado.map((e) => e.mes));
    meses.forEach((m, i) => {
      const e = esperado[i];
      const s = e.estado_a_cargo ?? {};
      expect([m.recogidos, m.noACargo, m.aCargo, m.corte]).toEqual([e.recogidos, e.no_a_cargo, e.a_cargo, e.corte ?? null]);
      expect([m.cumplido, m.enAvance, m.sinIniciar, m.porReportar]).toEqual([
        s.Cumplido ?? 0,
        s["En avance"] ?? 0,
        s["Sin iniciar"] ?? 0,
        s["Por reportar"] ?? 0,
      ]);
    });
    expect(meses.map((m) => m.situacion)).toEqual(["normal", "normal", "normal", "normal", "normal", "sin-compromisos", "pendiente", "pendiente"]);
    expect(compromisosPorMes(p!, "II").map((m) => m.mes)).toEqual(["2021-05", "2021-06", "2021-07", "2021-08"]);
    expect(compromisosPorMes(p!, "I")).toEqual([]);
  });
});
