/**
 * The tracker's spec without a spreadsheet: the table, what every formula points at, the sentences'
 * wording, the follow-up list, and the degraded cases (no office, no Estado column, no Compromisos).
 * compromisos-libreoffice.test.ts proves the same formulas compute the report's figures.
 */
import {
  cellAddress,
  compromisosPorMes,
  normalizeKey,
  parseAddress,
  pendientesACargo,
  type Plan,
} from "../../src/domain";
import { parseWorkbook, rawWorkbookFromInput } from "../../src/domain/parse";
import { sample2021 } from "../../src/domain/sample";
import {
  clavesFormula,
  COLUMNAS_PENDIENTES,
  COLUMNAS_SEGUIMIENTO,
  columnasCompromisos,
  compromisosIdFill,
  condicionMes,
  normalizarComoFormula,
  seguimientoCompromisosSheet,
  TABLA_PENDIENTES,
  TABLA_SEGUIMIENTO,
} from "../../src/report/compromisos";
import { isFormula, isoFromSerial, type CellInput, type SheetSpec } from "../../src/report/spec";
import { balanced, structuredRefs } from "./formula-refs";

const HOJA = "Seguimiento compromisos";

function samplePlan(): Plan {
  const { plan } = parseWorkbook(rawWorkbookFromInput(sample2021()));
  return plan!;
}

/** Every cell of the spec by address. */
function cells(spec: SheetSpec): Map<string, CellInput> {
  const out = new Map<string, CellInput>();
  for (const b of spec.blocks) {
    const o = parseAddress(b.origin);
    b.cells.forEach((row, i) => row.forEach((v, j) => out.set(cellAddress(o.row + i, o.col + j), v)));
  }
  return out;
}

function tableRows(spec: SheetSpec, name: string): Record<string, CellInput>[] {
  const t = spec.tables.find((x) => x.name === name)!;
  const [a, z] = t.range.split(":").map(parseAddress);
  const all = cells(spec);
  const out: Record<string, CellInput>[] = [];
  for (let r = a.row + 1; r <= z.row; r++) {
    const o: Record<string, CellInput> = {};
    t.columns.forEach((h, j) => (o[h] = all.get(cellAddress(r, a.col + j)) ?? null));
    out.push(o);
  }
  return out;
}

const f = (c: CellInput): string => (isFormula(c) ? c.f : "");

function formulas(spec: SheetSpec): string[] {
  return [...cells(spec).values()].filter(isFormula).map((c) => c.f);
}

describe("the tracker of the sample, cut III", () => {
  const plan = samplePlan();
  const spec = seguimientoCompromisosSheet(plan, "III", HOJA);
  const rows = tableRows(spec, TABLA_SEGUIMIENTO);

  test("is the generated sheet 'compromisos' with the contract's table, one row per month", () => {
    expect([spec.name, spec.key, spec.role]).toEqual([HOJA, "compromisos", "generated"]);
    const t = spec.tables.find((x) => x.name === TABLA_SEGUIMIENTO)!;
    expect(t.columns).toEqual([...COLUMNAS_SEGUIMIENTO]);
    const header = parseAddress(t.range.split(":")[0]);
    const all = cells(spec);
    expect(COLUMNAS_SEGUIMIENTO.map((_, j) => all.get(cellAddress(header.row, header.col + j)))).toEqual([...COLUMNAS_SEGUIMIENTO]);
    expect(rows.map((r) => r.Mes)).toEqual(compromisosPorMes(plan, "III").map((m) => `${["mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"][m.numeroMes - 5]} de 2021`));
    for (const r of rows) for (const c of COLUMNAS_SEGUIMIENTO.slice(1)) expect(isFormula(r[c])).toBe(true);
  });

  test("every structured reference names a real column of Compromisos or of the sheet's own tables", () => {
    const src = plan.sources.compromisos!;
    const known: Record<string, string[]> = {
      [src.tableName!]: src.headers,
      [TABLA_SEGUIMIENTO]: [...COLUMNAS_SEGUIMIENTO],
      [TABLA_PENDIENTES]: [...COLUMNAS_PENDIENTES],
    };
    const all = formulas(spec);
    expect(all.length).toBeGreaterThan(100);
    for (const formula of all) {
      expect(formula.startsWith("=")).toBe(true);
      expect(balanced(formula)).toBe(true);
      expect(formula).not.toContain("[@");
      // TEXT() format codes depend on the locale; DATEVALUE reads dates in the locale's order.
      expect(formula).not.toMatch(/\b(TEXT|DATEVALUE|VALUE)\(/);
      expect(formula.length).toBeLessThan(8192);
      for (const ref of structuredRefs(formula)) {
        expect(Object.keys(known)).toContain(ref.table);
        for (const col of ref.columns) expect(known[ref.table]).toContain(col);
      }
    }
  });

  test("each month's counts look at that month only, by real date and by the text dates parsing accepts", () => {
    rows.forEach((r, i) => {
      const m = 5 + i;
      const mm = String(m).padStart(2, "0");
      const rec = f(r.Recogidos);
      expect(rec).toBe(`=SUMPRODUCT(${condicionMes("Compromisos[Fecha]", 2021, m)})`);
      expect(rec).toContain(`>=DATE(2021,${m},1)`);
      expect(rec).toContain(m === 12 ? "<DATE(2022,1,1)" : `<DATE(2021,${m + 1},1)`);
      // Text dates with their leading zeros taken off ("/0" -> "/"): one spelling in each order,
      // tested once ("2021/05/03" and "03/05/2021" read as "2021/5/3" and "03/5/2021").
      expect(rec).toContain(`,"/0","/")`);
      expect(rec.match(new RegExp(`="2021/${m}/"`, "g"))).toHaveLength(1);
      expect(rec.match(new RegExp(`="/${m}/2021"`, "g"))).toHaveLength(1);
      if (m < 10) expect(rec).not.toContain(`"2021/${mm}/"`);
      for (const c of ["A cargo", "Cumplido", "En avance", "Sin iniciar", "Por reportar", "Corte"]) {
        expect(f(r[c])).toContain(condicionMes("Compromisos[Fecha]", 2021, m));
      }
    });
  });

  test("A cargo compares the normalised Responsable with every spelling of the office", () => {
    const claves = clavesFormula(plan)!;
    expect(claves).toEqual(
      expect.arrayContaining(["acpvr", "oficina alta consejeria de paz, victimas y reconciliacion", "alta consejeria de paz, victimas y reconciliacion"]),
    );
    // Written out (not built with src's helpers): tabs and line breaks as spaces, TRIM, LOWER, accents.
    const norm = (col: string) => {
      let t = `LOWER(TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${col},CHAR(9)," "),CHAR(10)," "),CHAR(13)," "),"\u00a0"," ")))`;
      for (const [a, b] of [["á", "a"], ["é", "e"], ["í", "i"], ["ó", "o"], ["ú", "u"], ["ü", "u"], ["ñ", "n"]]) t = `SUBSTITUTE(${t},"${a}","${b}")`;
      return t;
    };
    const aCargo = f(rows[0]["A cargo"]);
    expect(aCargo).toContain(`(${norm("Compromisos[Responsable]")}={${claves.map((k) => `"${k}"`).join(",")}})`);
    // Estado is read as parsing reads it: "CUMPLÍDO" is Cumplido, a cell of spaces or a tab is blank.
    const estado = norm("Compromisos[Estado]");
    expect(f(rows[0].Cumplido)).toContain(`*(${estado}="cumplido"))`);
    expect(f(rows[0]["En avance"])).toContain(`*(${estado}="en avance"))`);
    expect(f(rows[0]["Sin iniciar"])).toContain(`*(${estado}="sin iniciar"))`);
    expect(f(rows[0]["Por reportar"])).toContain(`*((${estado}="por reportar")+(${estado}="")))`);
    expect(f(rows[0]["No a cargo"])).toBe(`=${TABLA_SEGUIMIENTO}[[#This Row],[Recogidos]]-${TABLA_SEGUIMIENTO}[[#This Row],[A cargo]]`);
    expect(f(rows[0]["% Cumplido"])).toContain(`${TABLA_SEGUIMIENTO}[[#This Row],[Cumplido]]/${TABLA_SEGUIMIENTO}[[#This Row],[A cargo]]`);
    expect(f(rows[0].Corte)).toContain("AGGREGATE(14,6,");
    expect(f(rows[0].Corte)).toContain("Compromisos[Fecha de corte]");
  });

  test("normalizarComoFormula agrees with the domain's forgiving match on Spanish spellings", () => {
    const spellings = [
      "  ACPVR ",
      "Oficina  Alta Consejería de Paz, Víctimas y Reconciliación",
      "PEÑALOSA Güell",
      "Dirección Distrital",
      "Oficina\tTabulada",
      "Oficina de\nDos Líneas\r\n",
      " \t CUMPLÍDO\t",
    ];
    for (const s of spellings) expect(normalizarComoFormula(s)).toBe(normalizeKey(s));
  });

  test("the Nota formula carries the three sentences of the report, with the month and the sigla", () => {
    const nota = f(rows[0].Nota);
    expect(nota).toContain('"Durante el mes de mayo de 2021, de las sesiones de las Mesas de Participación no se recogieron compromisos."');
    expect(nota).toContain('"Durante el mes de mayo de 2021, de las sesiones de las Mesas de Participación "');
    expect(nota).toContain('"se recogieron "&');
    expect(nota).toContain('" no están a cargo de la ACPVR"');
    expect(nota).toContain('" están a cargo de la ACPVR."');
    expect(nota).toContain('". El estado de avance de los compromisos se tendrá en el próximo informe."');
    // The situation is decided live from the row's counts, not frozen at generation.
    expect(nota).toContain(`IF(AND(${TABLA_SEGUIMIENTO}[[#This Row],[A cargo]]>0,${TABLA_SEGUIMIENTO}[[#This Row],[Por reportar]]=${TABLA_SEGUIMIENTO}[[#This Row],[A cargo]])`);
    expect(f(rows[5].Nota)).toContain("octubre de 2021");
  });

  test("the follow-up list: the office's commitments not Cumplido, oldest first, Estado looked up by ID", () => {
    const lista = tableRows(spec, TABLA_PENDIENTES);
    const pendientes = pendientesACargo(plan, "III");
    expect(lista.map((r) => r.ID)).toEqual(pendientes.map((c) => c.id));
    expect(lista.map((r) => isoFromSerial(r.Fecha as number))).toEqual(pendientes.map((c) => c.fecha));
    const fechas = pendientes.map((c) => c.fecha);
    expect([...fechas].sort()).toEqual(fechas);
    expect(lista.map((r) => r.Compromiso)).toEqual(pendientes.map((c) => c.compromiso));
    expect(f(lista[0]["Días al corte"])).toBe(`=DATE(2021,12,31)-${TABLA_PENDIENTES}[[#This Row],[Fecha]]`);
    // By ID compared as trimmed text: " C-1 " and 7 typed as a number are found too.
    const trimmed = (x: string) => `TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${x},CHAR(9)," "),CHAR(10)," "),CHAR(13)," "),"\u00a0"," "))`;
    const key = `${TABLA_PENDIENTES}[[#This Row],[ID]]`;
    const pos =
      `IFERROR(MATCH(${key},Compromisos[ID],0),` +
      `AGGREGATE(15,6,ROW(Compromisos[ID])/(${trimmed('Compromisos[ID]&""')}=${trimmed(`${key}&""`)}),1)-ROW(INDEX(Compromisos[ID],1))+1)`;
    const estado = f(lista[0].Estado);
    expect(estado).toContain(`INDEX(Compromisos[Estado],${pos})`);
    // Shown in the contract's spelling when parsing would read one; as typed otherwise.
    expect(estado).toContain('INDEX({"Por reportar","Cumplido","En avance","Sin iniciar","Por reportar"},MATCH(');
    expect(estado).toContain('&"|",{"|","cumplido|","en avance|","sin iniciar|","por reportar|"},0))');
    expect(estado).toMatch(/^=IFERROR\(IFERROR\(.*,TRIM\(INDEX\(Compromisos\[Estado\],.*\)&""\)\),"ID no encontrado"\)$/);
  });

  test("band colours on % Cumplido from the threshold names, a stacked chart over the table, print setup", () => {
    const t = spec.tables.find((x) => x.name === TABLA_SEGUIMIENTO)!;
    const [a, z] = t.range.split(":").map(parseAddress);
    const cf = spec.conditionalFormats.find((c) => c.range === `I${a.row + 1}:I${z.row}`)!;
    expect(cf.rules.map((r) => r.formula).join(" ")).toMatch(/PIPC_Umbral_Bajo.*PIPC_Umbral_Medio/);
    const [chart] = spec.charts;
    expect(chart.type).toBe("columnStacked");
    expect(chart.categories).toBe(`='${HOJA}'!$A$${a.row + 1}:$A$${z.row}`);
    expect(chart.series.map((s) => [s.name, s.values])).toEqual([
      ["Cumplido", `='${HOJA}'!$E$${a.row + 1}:$E$${z.row}`],
      ["En avance", `='${HOJA}'!$F$${a.row + 1}:$F$${z.row}`],
      ["Sin iniciar", `='${HOJA}'!$G$${a.row + 1}:$G$${z.row}`],
      ["Por reportar", `='${HOJA}'!$H$${a.row + 1}:$H$${z.row}`],
    ]);
    expect(spec.print).toMatchObject({ orientation: "landscape", fitToWidth: 1, printTitleRows: "1:2" });
    expect(spec.print!.header!.left).toBe("Secretaría General de la Alcaldía Mayor de Bogotá");
    expect(spec.print!.rowBreaks).toHaveLength(1);
    expect(parseAddress(chart.from).row).toBe(spec.print!.rowBreaks![0] + 2);
  });

  test("is deterministic", () => {
    expect(seguimientoCompromisosSheet(samplePlan(), "III", HOJA)).toEqual(spec);
  });
});

describe("degraded inputs", () => {
  test("without an office in charge: A cargo = Recogidos, and a visible note says so", () => {
    const plan = samplePlan();
    plan.config.dependenciaCompromisos = null;
    const spec = seguimientoCompromisosSheet(plan, "III", HOJA);
    const rows = tableRows(spec, TABLA_SEGUIMIENTO);
    expect(f(rows[0]["A cargo"])).toBe(`=${TABLA_SEGUIMIENTO}[[#This Row],[Recogidos]]`);
    expect(f(rows[0].Cumplido)).not.toContain("Responsable");
    const texts = [...cells(spec).values()].filter((v): v is string => typeof v === "string");
    expect(texts.some((t) => t.includes("no indica la «Dependencia a cargo de compromisos», así que todos los compromisos se cuentan como a cargo"))).toBe(true);
  });

  test("without an Estado column: no status counted, every commitment Por reportar", () => {
    const plan = samplePlan();
    delete plan.sources.compromisos!.columns.estado;
    const rows = tableRows(seguimientoCompromisosSheet(plan, "III", HOJA), TABLA_SEGUIMIENTO);
    expect(f(rows[0].Cumplido)).toBe("=0");
    expect(f(rows[0]["Por reportar"])).toBe(`=${TABLA_SEGUIMIENTO}[[#This Row],[A cargo]]`);
  });

  test("a Compromisos table whose ID column is missing gets one through the ID fill", () => {
    const plan = samplePlan();
    delete plan.sources.compromisos!.columns.id;
    plan.compromisos.forEach((c) => (c.idGenerado = true));
    const fill = compromisosIdFill(plan)!;
    expect(fill.header).toBe("ID");
    expect(fill.fills).toHaveLength(plan.compromisos.length);
    expect(columnasCompromisos(plan)!.id).toBe("Compromisos[ID]");
  });

  test("without a Compromisos sheet: the table holds the cut's months as constants and a note explains", () => {
    const plan = samplePlan();
    plan.sources.compromisos = null;
    plan.compromisos = [];
    const spec = seguimientoCompromisosSheet(plan, "II", HOJA);
    const rows = tableRows(spec, TABLA_SEGUIMIENTO);
    expect(rows.map((r) => r.Mes)).toEqual(["mayo de 2021", "junio de 2021", "julio de 2021", "agosto de 2021"]);
    expect(rows.every((r) => r.Recogidos === 0 && !isFormula(r.Nota))).toBe(true);
    expect(spec.charts).toEqual([]);
    expect(spec.tables.map((t) => t.name)).toEqual([TABLA_SEGUIMIENTO]);
  });

  test("no commitment up to the cut (cut I): the cut's months, live, and no follow-up table", () => {
    const spec = seguimientoCompromisosSheet(samplePlan(), "I", HOJA);
    const rows = tableRows(spec, TABLA_SEGUIMIENTO);
    expect(rows.map((r) => r.Mes)).toEqual(["enero de 2021", "febrero de 2021", "marzo de 2021", "abril de 2021"]);
    expect(isFormula(rows[0].Recogidos)).toBe(true);
    expect(spec.tables.map((t) => t.name)).toEqual([TABLA_SEGUIMIENTO]);
    expect(spec.charts).toEqual([]);
    expect(spec.print!.rowBreaks).toBeUndefined();
  });
});
