/** The pure view-state functions behind each component: what an official sees, decided without React. */
import { problem, type Problem } from "../../src/domain";
import { textos } from "../../src/taskpane/i18n";
import { opcionesCorte, textoEtapa } from "../../src/taskpane/components/GeneratePanel/useGeneratePanel";
import { agruparProblemas, MAX_PROBLEMAS_VISTA, problemasVisibles, resumenProblemas, vistaProblemas } from "../../src/taskpane/components/ProblemsPanel/useProblemsPanel";
import { textosDialogo } from "../../src/taskpane/components/PublishDialog/usePublishDialog";
import { bandaVista, vistaResultado } from "../../src/taskpane/components/ResultCard/useResultCard";
import {
  aPorcentaje,
  formularioDe,
  leerFormulario,
  leerPorcentaje,
  oficinaDe,
  opcionesDependencia,
} from "../../src/taskpane/components/SettingsPanel/useSettingsPanel";
import { columnasDe, hojaAMostrar, nombreDescarga } from "../../src/taskpane/components/SheetPreview/useSheetPreview";
import { vistaLibro } from "../../src/taskpane/components/WorkbookCard/useWorkbookCard";
import type { EstadoLibroVista } from "../../src/taskpane/services/paneEngine";
import { generado2021III } from "./fixtures";

const es = textos("es");
const en = textos("en");

describe("workbook card", () => {
  const vacio: EstadoLibroVista = {
    hojas: [
      { nombre: "Actividades", presente: false, requerida: true },
      { nombre: "Dependencias", presente: false, requerida: false },
      { nombre: "Compromisos", presente: false, requerida: false },
      { nombre: "Configuración", presente: false, requerida: false },
    ],
    actividades: 0,
    dependencias: 0,
    compromisos: 0,
    vigencia: null,
    corte: null,
    oficinas: [],
    informe: [],
  };

  test("loading until the workbook is read", () => {
    expect(vistaLibro(null, es)).toMatchObject({ cargando: true, mostrarPreparar: false, mostrarEjemplo: false });
  });

  test("an empty workbook offers both starts and says why", () => {
    const v = vistaLibro(vacio, es);
    expect(v).toMatchObject({ cargando: false, mostrarPreparar: true, mostrarEjemplo: true, vacio: es.libro.vacio });
    expect(v.hojas.map((h) => h.texto)).toEqual(["falta", "falta (opcional)", "falta (opcional)", "falta (opcional)"]);
    expect(v.cifras.find((c) => c.etiqueta === "Vigencia")?.valor).toBe("—");
  });

  test("prepared but empty: only the example; with a plan: neither, and the figures", () => {
    const preparado = { ...vacio, hojas: vacio.hojas.map((h) => ({ ...h, presente: true })) };
    expect(vistaLibro(preparado, es)).toMatchObject({ mostrarPreparar: false, mostrarEjemplo: true, vacio: es.libro.sinActividades });
    const v = vistaLibro({ ...preparado, actividades: 1600, dependencias: 5, compromisos: 279, vigencia: 2021, corte: "III" }, es);
    expect(v).toMatchObject({ mostrarPreparar: false, mostrarEjemplo: false, vacio: null });
    expect(v.cifras.map((c) => c.valor)).toEqual(["1.600", "5", "279", "2021", "III · septiembre – diciembre"]);
    expect(vistaLibro({ ...preparado, actividades: 1600, vigencia: 2021 }, en).cifras.map((c) => c.valor)).toContain("1,600");
  });
});

describe("problems", () => {
  const p = (sheet: string, cell: string | null, severity: "error" | "warning", text = `${sheet}!${cell}`): Problem =>
    problem("not-a-number", severity, sheet, cell, `es: ${text}`, `en: ${text}`);

  test("grouped by sheet, errors first inside each sheet, sheets with errors first", () => {
    const list = [p("Dependencias", "B3", "warning"), p("Actividades", "D5", "warning"), p("Actividades", "F7", "error"), p("Compromisos", "B9", "error")];
    const g = agruparProblemas(list);
    expect(g.map((x) => [x.hoja, x.errores, x.advertencias])).toEqual([
      ["Actividades", 1, 1],
      ["Compromisos", 1, 0],
      ["Dependencias", 0, 1],
    ]);
    expect(g[0].problemas.map((x) => x.ref)).toEqual(["Actividades!F7", "Actividades!D5"]);
  });

  test("texts in the pane's language, with where to go", () => {
    const v = vistaProblemas([p("Actividades", "F7", "error"), p("Configuración", null, "warning")], en);
    expect(v[0]).toMatchObject({ hoja: "Actividades", titulo: "Actividades (1)" });
    expect(v[0].problemas[0]).toMatchObject({ ref: "Actividades!F7", etiqueta: "Error", texto: "en: Actividades!F7", irA: "Go to Actividades!F7" });
    expect(v[1].problemas[0]).toMatchObject({ ref: "Configuración", etiqueta: "Warning" });
    expect(resumenProblemas([], es)).toBe(es.validacion.sinProblemas);
    expect(resumenProblemas([p("A", "A1", "error"), p("A", "A2", "error")], es)).toBe("2 errores y 0 advertencias.");
  });
});

test("a huge list shows its first problems, errors before warnings, in validation order", () => {
  const mk = (i: number, severity: "error" | "warning") => problem("not-a-number", severity, "Actividades", `D${i}`, `${i}`, `${i}`);
  const list = [...Array.from({ length: 150 }, (_, i) => mk(i + 1, "warning")), ...Array.from({ length: 30 }, (_, i) => mk(i + 200, "error"))];
  const shown = problemasVisibles(list);
  expect(shown).toHaveLength(MAX_PROBLEMAS_VISTA);
  expect(shown.filter((p) => p.severity === "error")).toHaveLength(30);
  expect(shown[0].cell).toBe("D1");
  expect(problemasVisibles(list.slice(0, 5))).toEqual(list.slice(0, 5));
  expect(es.validacion.recortado(100, 180)).toBe("Se muestran 100 de 180 problemas: corrija estos y valide de nuevo para ver el resto.");
});

describe("generate panel", () => {
  test("the cuts with their months; the stage with its place", () => {
    expect(opcionesCorte(es).map((o) => o.label)).toEqual(["I · enero – abril", "II · mayo – agosto", "III · septiembre – diciembre"]);
    expect(textoEtapa("escribiendo", es)).toBe("Escribiendo hojas (4/5)");
    expect(textoEtapa("listo", en)).toBe("Done (5/5)");
    expect(textoEtapa(null, es)).toBe("");
  });
});

describe("result card, from a real generation", () => {
  test("69 / 78 / 113 % Satisfactorio and 28 / 35 / 125 % Sobreejecutado, with the report's colours", async () => {
    const { resultado } = await generado2021III();
    const v = vistaResultado(resultado, es);
    expect(v.titulo).toBe("Resultado del corte III · 2021");
    expect(v.bloques).toEqual([
      {
        id: "vigencia",
        titulo: "Vigencia (enero – diciembre)",
        programado: "69",
        ejecutado: "78",
        cumplimiento: "113 %",
        banda: { texto: "Satisfactorio", fondo: "#C6EFCE", letra: "#006100" },
      },
      {
        id: "cuatrimestre",
        titulo: "Cuatrimestre III (septiembre – diciembre)",
        programado: "28",
        ejecutado: "35",
        cumplimiento: "125 %",
        banda: { texto: "Sobreejecutado", fondo: "#BDD7EE", letra: "#1F4E78" },
      },
    ]);
    expect(v.hojas[0]).toEqual({ nombre: "Resumen", etiqueta: "Ir a la hoja Resumen" });
    expect(vistaResultado(resultado, en).bloques.map((b) => [b.cumplimiento, b.banda.texto])).toEqual([
      ["113%", "Satisfactory"],
      ["125%", "Over-executed"],
    ]);
  });

  test("nothing programmed: said in words, grey band", () => {
    expect(bandaVista("Sin programación", es)).toEqual({ texto: "Sin programación", fondo: "#E7E6E6", letra: "#3A3838" });
    expect(bandaVista("¿?", es).texto).toBe("Sin programación");
  });
});

describe("publish dialog", () => {
  test("first the question, then, for a cut published before, the replacement", () => {
    expect(textosDialogo({ paso: "publicar", corte: "III-2021" }, es)).toMatchObject({ titulo: "¿Publicar el corte III-2021?", confirmar: "Publicar" });
    const r = textosDialogo({ paso: "reemplazar", corte: "III-2021", fecha: "2022-01-10T09:30:00", hojas: ["Corte III-2021 Resumen"] }, es);
    expect(r.titulo).toBe("El corte III-2021 ya está publicado");
    expect(r.texto).toMatch(/^Se publicó el 10\/01\/(20)?22.*\(Corte III-2021 Resumen\)\. ¿Reemplazar/);
    expect(r.confirmar).toBe("Reemplazar");
    expect(textosDialogo(null, es).titulo).toBe("");
  });
});

describe("settings form", () => {
  const oficinas = [
    { nombre: "Equipo Gobierno Abierto - Oficina Asesora de Planeación", sigla: "OAP" },
    { nombre: "Alta Consejería de Paz, Víctimas y Reconciliación", sigla: "ACPVR" },
    { nombre: "Otra oficina", sigla: null },
  ];

  test("percentages as officials type them", () => {
    expect(leerPorcentaje("60")).toBe(0.6);
    expect(leerPorcentaje(" 67,5 % ")).toBe(0.675);
    expect(leerPorcentaje("120%")).toBe(1.2);
    expect(leerPorcentaje("-5")).toBeNull();
    expect(leerPorcentaje("abc")).toBeNull();
    expect(leerPorcentaje("1001")).toBeNull();
    expect(aPorcentaje(0.675)).toBe("67.5");
  });

  test("the office in charge by name or sigla, forgivingly; an unknown value stays selectable", () => {
    expect(oficinaDe("acpvr", oficinas)?.sigla).toBe("ACPVR");
    expect(oficinaDe("otra OFICINA", oficinas)?.nombre).toBe("Otra oficina");
    expect(oficinaDe("Secretaría X", oficinas)).toBeNull();
    const form = formularioDe(
      { entidad: "E", vigencia: 2021, dependenciaCompromisos: "Alta Consejería de Paz, Víctimas y Reconciliación", umbrales: { bajo: 0.6, medio: 0.8, sobreejecucion: 1.2 }, cuatrimestre: null },
      oficinas,
    );
    expect(form).toEqual({ entidad: "E", vigencia: "2021", dependencia: "ACPVR", bajo: "60", medio: "80", sobre: "120", cuatrimestre: "" });
    expect(opcionesDependencia(oficinas, "", es).map((o) => o.value)).toEqual(["", "OAP", "ACPVR", "Otra oficina"]);
    expect(opcionesDependencia(oficinas, "Secretaría X", es).at(-1)).toEqual({ value: "Secretaría X", label: "Secretaría X" });
  });

  test("validation: year, percentages, their order", () => {
    const ok = { entidad: " E ", vigencia: "2022", dependencia: "OAP", bajo: "50", medio: "75", sobre: "130", cuatrimestre: "II" as const };
    expect(leerFormulario(ok, es)).toEqual({
      valores: { entidad: "E", vigencia: 2022, dependenciaCompromisos: "OAP", umbrales: { bajo: 0.5, medio: 0.75, sobreejecucion: 1.3 }, cuatrimestre: "II" },
      errores: {},
    });
    expect(leerFormulario({ ...ok, vigencia: "", dependencia: "", cuatrimestre: "" }, es).valores).toMatchObject({ vigencia: null, dependenciaCompromisos: null, cuatrimestre: null });
    expect(leerFormulario({ ...ok, vigencia: "21" }, es).errores).toEqual({ vigencia: es.config.vigenciaInvalida });
    expect(leerFormulario({ ...ok, bajo: "x" }, es).errores).toEqual({ bajo: es.config.umbralInvalido });
    expect(leerFormulario({ ...ok, bajo: "90" }, es).errores).toEqual({ medio: es.config.umbralesDesordenados });
    expect(leerFormulario({ ...ok, sobre: "70" }, es)).toEqual({ valores: null, errores: { sobre: es.config.umbralesDesordenados } });
  });
});

describe("sheet preview", () => {
  test("the file name of the download", () => {
    expect(nombreDescarga("III", 2021)).toBe("informe-pipc-III-2021.xlsx");
  });

  test("Resumen as soon as it appears; the official's pick while it exists; else Resumen, Actividades, the first", () => {
    expect(hojaAMostrar([], ["Hoja1"], "", false)).toBe("Hoja1");
    expect(hojaAMostrar(["Hoja1"], ["Hoja1", "Actividades"], "Hoja1", false)).toBe("Actividades");
    expect(hojaAMostrar(["Hoja1"], ["Hoja1", "Actividades"], "Hoja1", true)).toBe("Hoja1");
    expect(hojaAMostrar(["Hoja1", "Actividades"], ["Hoja1", "Actividades", "Resumen"], "Hoja1", true)).toBe("Resumen");
    expect(hojaAMostrar(["Actividades", "Resumen"], ["Actividades", "Resumen"], "Actividades", true)).toBe("Actividades");
    expect(hojaAMostrar(["Actividades", "Resumen"], ["Actividades", "Resumen"], "Actividades", false)).toBe("Resumen");
    expect(hojaAMostrar(["X"], ["Y"], "X", true)).toBe("Y");
    expect(hojaAMostrar([], [], "", false)).toBe("");
  });

  test("column letters from the preview's first column", () => {
    expect(columnasDe({ nombre: "R", primeraFila: 2, primeraColumna: 26, celdas: [[{ texto: "", formula: false, numero: false }], [], [0, 1, 2].map(() => ({ texto: "", formula: false, numero: false }))], recortada: false })).toEqual(["Z", "AA", "AB"]);
    expect(columnasDe(null)).toEqual([]);
  });
});
