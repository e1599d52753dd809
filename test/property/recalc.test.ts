/**
 * The figures an official sees are formulas, not the numbers the domain computed: a few random clean
 * workbooks go through `pipc generate`'s path and LibreOffice Calc recalculates the result. Every
 * headline name, every activity's row of its office's sheet and every month of the tracker must
 * show the plain sums of the valid rows. (Few runs: each recalculation takes seconds.)
 */
import { promises as fs } from "fs";
import path from "path";
import fc from "fast-check";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { hasErrors } from "../../src/domain";
import { parseWorkbook } from "../../src/domain/parse";
import { readWorkbookBuffer, toBuffer } from "../../src/xlsx";
import { generateReportWorkbook } from "../../src/xlsx/generate";
import { recalc, tempDir } from "../helpers/libreoffice";
import { CUTS, TODAY } from "./checks";
import { cleanWorkbookArb, handSheet, type GenCell, type GenWorkbook } from "./model";
import { expectedFigures, expectedMonths, expectedOf } from "./oracle";
import { toXlsx } from "./render";
import { RUNS, params, timeout } from "./runs";

type Cell = string | number | boolean | null | { error: string };

function plainValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "object" && !(v instanceof Date)) {
    if ("error" in v) return { error: String(v.error) };
    if ("richText" in v) return v.richText.map((p) => p.text).join("");
  }
  // "-0" typed as text sums to a negative zero, which shows as 0.
  if (typeof v === "number" && Object.is(v, -0)) return 0;
  return v instanceof Date ? v.toISOString() : (v as Cell);
}

/** A cell's value, or its formula's cached result (`cell.result`: ExcelJS's value object leaves out a result of 0). */
function plain(cell: ExcelJS.Cell): Cell {
  return cell.type === ExcelJS.ValueType.Formula ? plainValue(cell.result as ExcelJS.CellValue) : plainValue(cell.value);
}

/** The cell a workbook-level name points at ("Resumen!$C$19"). */
function namedCell(xml: string, name: string): { sheet: string; address: string } {
  const m = new RegExp(`<definedName[^>]*name="${name}"[^>]*>([^<]*)</definedName>`).exec(xml);
  if (!m) throw new Error(`no defined name ${name}`);
  const text = m[1].replace(/&apos;/g, "'").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  const r = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)$/.exec(text);
  if (!r) throw new Error(`${name} is not one cell: ${text}`);
  return { sheet: r[1] !== undefined ? r[1].replace(/''/g, "'") : r[2], address: `${r[3]}${r[4]}` };
}

/** A table's data rows as header -> value records. */
function tableRows(ws: ExcelJS.Worksheet, range: string, columns: string[]): Record<string, Cell>[] {
  const [a, b] = range.split(":");
  const top = ws.getCell(a);
  const bottom = ws.getCell(b);
  const out: Record<string, Cell>[] = [];
  for (let r = Number(top.row) + 1; r <= Number(bottom.row); r++) {
    const rec: Record<string, Cell> = {};
    columns.forEach((c, j) => (rec[c] = plain(ws.getCell(r, Number(top.col) + j))));
    out.push(rec);
  }
  return out;
}

/** `mustGenerate`: the workbook is meant to be clean (a hand-written case), so errors fail the test. */
async function runRecalc(wb: GenWorkbook, cut: (typeof CUTS)[number], mustGenerate = false): Promise<ExcelJS.Workbook | null> {
  const buf = await toXlsx(wb);
  const exp = expectedOf(wb, TODAY);
  const { plan, problems } = parseWorkbook(await readWorkbookBuffer(buf), { today: TODAY });
  if (mustGenerate) expect(problems.filter((p) => p.severity === "error").map((p) => p.message.en)).toEqual([]);
  if (!plan || hasErrors(problems) || !exp.plan) return null;
  const generated = await generateReportWorkbook(buf, plan, { cut, generatedAt: TODAY });
  const dir = await tempDir("pipc-prop-recalc-");
  try {
    const file = path.join(dir, "informe.xlsx");
    await fs.writeFile(file, await toBuffer(generated.workbook));
    const out = await fs.readFile(await recalc(file));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(out as unknown as ExcelJS.Buffer);
    const xml = (await (await JSZip.loadAsync(out)).file("xl/workbook.xml")!.async("string")) ?? "";
    const name = (n: string) => {
      const at = namedCell(xml, n);
      return plain(book.getWorksheet(at.sheet)!.getCell(at.address));
    };
    const f = expectedFigures(exp.plan, cut);
    expect({
      programadoVigencia: name("PIPC_Programado_Vigencia"),
      ejecutadoVigencia: name("PIPC_Ejecutado_Vigencia"),
      programadoCuatrimestre: name("PIPC_Programado_Cuatrimestre"),
      ejecutadoCuatrimestre: name("PIPC_Ejecutado_Cuatrimestre"),
      programadoAnual: name("PIPC_Programado_Anual"),
    }).toEqual({
      programadoVigencia: f.vigencia.programado,
      ejecutadoVigencia: f.vigencia.ejecutado,
      programadoCuatrimestre: f.periodo.programado,
      ejecutadoCuatrimestre: f.periodo.ejecutado,
      programadoAnual: f.anualProgramado,
    });

    // Each office's sheet: one row per activity, looked up by its ID, with its own sums.
    const upTo = (xs: number[]) => xs.slice(0, CUTS.indexOf(cut) + 1).reduce((a, b) => a + b, 0);
    for (const s of generated.spec.sheets.filter((x) => x.key.startsWith("dependencia:"))) {
      const t = s.tables[0];
      const office = exp.plan.offices[Number(s.key.split(":")[1]) - 1];
      const mine = exp.plan.actividades.filter((a) => a.dependencia === office.nombre);
      const rows = tableRows(book.getWorksheet(s.name)!, t.range, t.columns);
      const want = mine.length
        ? mine.map((a) => ({ ID: a.id, Programado: upTo(a.programado), Ejecutado: upTo(a.ejecutado) }))
        : [{ ID: null, Programado: 0, Ejecutado: 0 }];
      expect(rows.map((r) => ({ ID: r.ID === null ? null : String(r.ID), Programado: r.Programado, Ejecutado: r.Ejecutado }))).toEqual(want);
    }

    // The tracker: the months with commitments show their counts (its live rows may also cover
    // months with none yet, which must read 0).
    const tracker = generated.spec.sheets.find((x) => x.key === "compromisos")!;
    const table = tracker.tables.find((x) => x.name === "SeguimientoCompromisos")!;
    const months = expectedMonths(exp.plan, cut).filter((m) => m.recogidos > 0);
    const rows = tableRows(book.getWorksheet(tracker.name)!, table.range, table.columns);
    const counts = (r: Record<string, Cell>) => [r["Recogidos"], r["A cargo"], r["Cumplido"], r["En avance"], r["Sin iniciar"], r["Por reportar"]];
    const withCommitments = rows.filter((r) => typeof r["Recogidos"] !== "number" || r["Recogidos"] !== 0);
    expect(withCommitments.map(counts)).toEqual(months.map((m) => [m.recogidos, m.aCargo, m.cumplido, m.enAvance, m.sinIniciar, m.porReportar]));
    return book;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

test(
  "LibreOffice recalculates the generated workbook to the plain sums of the valid rows",
  async () => {
    await fc.assert(fc.asyncProperty(cleanWorkbookArb(6), fc.constantFrom(...CUTS), async (wb, cut) => void (await runRecalc(wb, cut))), params(RUNS.libreOffice));
  },
  timeout(RUNS.libreOffice, 15_000),
);

test("a count cell holding only spaces, a tab or a line break reads as 0 in the recalculated report, as validation says", async () => {
  const row = (ejecutado: string | number, count: number): GenCell[] => [{ value: "OAP" }, { value: "Taller" }, { value: 4, count: 4 }, { value: ejecutado, count }];
  const wb: GenWorkbook = {
    clean: true,
    sheets: [
      handSheet("Actividades", ["Dependencia", "Actividad", "Programado I", "Ejecutado I"], ["dependencia", "actividad", "programado1", "ejecutado1"], [row(3, 3), row("   ", 0), row("\t", 0), row(" 5\n", 5), row("+2", 2), row("-0", 0), row("007", 7)]),
    ],
  };
  await runRecalc(wb, "I", true);
}, 60_000);

test('an ID typed " A-1 " or as the text "7" is found by its office\'s sheet', async () => {
  const row = (id: string): GenCell[] => [{ value: id }, { value: "OAP" }, { value: "Taller" }, { value: 4, count: 4 }, { value: 3, count: 3 }];
  const wb: GenWorkbook = {
    clean: true,
    sheets: [
      handSheet("Actividades", ["ID", "Dependencia", "Actividad", "Programado I", "Ejecutado I"], ["id", "dependencia", "actividad", "programado1", "ejecutado1"], [row(" A-1 "), row("7"), row("\tB-2")], "Actividades"),
    ],
  };
  await runRecalc(wb, "I", true);
}, 60_000);

test('an Estado written "CUMPLÍDO", "EN  AVANCE", or only spaces or a tab is counted in the tracker as parsing reads it', async () => {
  const compromiso = (estado: string | null): GenCell[] => [
    { value: new Date(Date.UTC(2021, 1, 3)), numFmt: "dd/mm/yyyy", iso: "2021-02-03" },
    { value: "Responder" },
    { value: "OAP" },
    { value: estado },
  ];
  const wb: GenWorkbook = {
    clean: true,
    sheets: [
      handSheet("Actividades", ["Dependencia", "Actividad", "Programado I", "Ejecutado I"], ["dependencia", "actividad", "programado1", "ejecutado1"], [[{ value: "OAP" }, { value: "Taller" }, { value: 4, count: 4 }, { value: 3, count: 3 }]]),
      handSheet("Compromisos", ["Fecha", "Compromiso", "Responsable", "Estado"], ["fecha", "compromiso", "responsable", "estado"], ["CUMPLÍDO", "EN  AVANCE", " sin Iniciar ", "   ", "\t", null, "Por Reportar"].map(compromiso)),
    ],
  };
  await runRecalc(wb, "I", true);
}, 60_000);

test("an office in charge named with more than a formula's text may hold is counted and named in full through a cell", async () => {
  // 300 characters, with an accent, a quote and an ampersand; no sigla, so the Nota quotes the name.
  const nombre = `Oficina "Participación" & ${"Gestión Ciudadana de la Secretaría ".repeat(9)}`.slice(0, 300).trim();
  const fecha = (d: number): GenCell => ({ value: new Date(Date.UTC(2021, 2, d)), numFmt: "dd/mm/yyyy", iso: `2021-03-${String(d).padStart(2, "0")}` });
  const wb: GenWorkbook = {
    clean: true,
    sheets: [
      handSheet("Dependencias", ["Dependencia", "Sigla", "Título en el informe"], ["dependencia", "sigla", "titulo"], [
        [{ value: nombre }, { value: null }, { value: null }],
        [{ value: "Dirección Jurídica" }, { value: "DJ" }, { value: null }],
      ]),
      handSheet("Actividades", ["Dependencia", "Actividad", "Programado I", "Ejecutado I"], ["dependencia", "actividad", "programado1", "ejecutado1"], [
        [{ value: nombre }, { value: "Taller" }, { value: 4, count: 4 }, { value: 3, count: 3 }],
        [{ value: "DJ" }, { value: "Foro" }, { value: 2, count: 2 }, { value: 2, count: 2 }],
      ]),
      handSheet("Compromisos", ["Fecha", "Compromiso", "Responsable", "Estado"], ["fecha", "compromiso", "responsable", "estado"], [
        [fecha(3), { value: "Responder" }, { value: nombre }, { value: "Cumplido" }],
        [fecha(4), { value: "Publicar" }, { value: `  ${nombre.toUpperCase()} ` }, { value: "En avance" }],
        [fecha(5), { value: "Convocar" }, { value: "DJ" }, { value: "Sin iniciar" }],
      ]),
      handSheet("Configuración", ["Clave", "Valor"], ["clave", "valor"], [
        [{ value: "Entidad" }, { value: nombre }],
        [{ value: "Dependencia a cargo de compromisos" }, { value: nombre }],
      ]),
    ],
  };
  const book = (await runRecalc(wb, "I", true))!;
  const ws = book.getWorksheet("Seguimiento compromisos")!;
  const texts: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => {
    const v = plain(c);
    if (typeof v === "string") texts.push(v);
  }));
  expect(texts).toContain(
    `Durante el mes de marzo de 2021, de las sesiones de las Mesas de Participación se recogieron 3 compromisos de los cuales 1 no está a cargo de la ${nombre} y 2 están a cargo de la ${nombre}.`,
  );
}, 60_000);

test("a non-breaking space (text copied from a web page or a PDF) around a count, an ID, a date, a Responsable or an Estado, or a tab after a date, reads as a space, in validation and in the formulas", async () => {
  const NB = "\u00a0";
  const actividad = (id: string, ejecutado: string | number, count: number): GenCell[] => [
    { value: id },
    { value: "OAP" },
    { value: "Taller" },
    { value: 4, count: 4 },
    { value: ejecutado, count },
  ];
  const compromiso = (fecha: GenCell, responsable: string, estado: string | null): GenCell[] => [fecha, { value: "Responder" }, { value: responsable }, { value: estado }];
  const febrero: GenCell = { value: new Date(Date.UTC(2021, 1, 3)), numFmt: "dd/mm/yyyy", iso: "2021-02-03" };
  const wb: GenWorkbook = {
    clean: true,
    sheets: [
      handSheet("Actividades", ["ID", "Dependencia", "Actividad", "Programado I", "Ejecutado I"], ["id", "dependencia", "actividad", "programado1", "ejecutado1"], [
        actividad(`A-1${NB}`, `5${NB}`, 5),
        actividad(`${NB}A-2`, `${NB}3`, 3),
        actividad("A-3", NB, 0),
        actividad("A-4", `${NB} 2 ${NB}`, 2),
      ], "Actividades"),
      handSheet("Compromisos", ["Fecha", "Compromiso", "Responsable", "Estado"], ["fecha", "compromiso", "responsable", "estado"], [
        compromiso(febrero, `OAP${NB}`, `Cumplido${NB}`),
        compromiso(febrero, "OAP", `${NB}En${NB}avance`),
        compromiso({ value: `03/02/2021${NB}`, iso: "2021-02-03" }, "OAP", NB),
        compromiso({ value: `${NB}2021-03-15`, iso: "2021-03-15" }, `${NB}OAP`, "Sin iniciar"),
        // A tab after a date typed as text: trimmed by validation, and by the tracker's month test.
        compromiso({ value: "2021-02-03\t", iso: "2021-02-03" }, "OAP", "Cumplido"),
        // A thin space before the office: no space to the formulas, so the spelling they look for keeps it.
        compromiso(febrero, "\u2009OAP", "Cumplido"),
        // Another entity: not in charge.
        compromiso(febrero, "Secretaría de Salud", "Cumplido"),
      ]),
      handSheet("Configuración", ["Clave", "Valor"], ["clave", "valor"], [[{ value: "Dependencia a cargo de compromisos" }, { value: "OAP" }]]),
    ],
  };
  await runRecalc(wb, "I", true);
}, 60_000);

test("dates typed as text in every spelling validation accepts fall in their month of the tracker, and Corte shows the latest of them (with and without leading zeros, months 1 and 11 apart)", async () => {
  const compromiso = (fecha: string, iso: string): GenCell[] => [
    { value: fecha, iso },
    { value: "Responder" },
    { value: "OAP" },
    { value: "Cumplido" },
    // The same text as Fecha de corte: each month's Corte is its latest date.
    { value: fecha, iso },
  ];
  const fechas: [string, string][] = [
    ["3/2/2021", "2021-02-03"],
    ["2021-2-1", "2021-02-01"],
    ["01.02.2021", "2021-02-01"],
    ["15/1/2021", "2021-01-15"],
    ["15/11/2021", "2021-11-15"],
    ["2021-1-16", "2021-01-16"],
    ["2021-11-05", "2021-11-05"],
    ["01/10/2021", "2021-10-01"],
    ["10/01/2021", "2021-01-10"],
    ["31-12-2021", "2021-12-31"],
    // Day first with four characters before the second "/": read as such, not as a year.
    ["10/3/2021", "2021-03-10"],
    ["3/05/2021", "2021-05-03"],
    ["2021-06-3T10:00", "2021-06-03"],
    ["2021-7-4 08:30", "2021-07-04"],
  ];
  const wb: GenWorkbook = {
    clean: true,
    sheets: [
      handSheet("Actividades", ["Dependencia", "Actividad", "Programado I", "Ejecutado I"], ["dependencia", "actividad", "programado1", "ejecutado1"], [[{ value: "OAP" }, { value: "Taller" }, { value: 4, count: 4 }, { value: 3, count: 3 }]]),
      handSheet("Compromisos", ["Fecha", "Compromiso", "Responsable", "Estado", "Fecha de corte"], ["fecha", "compromiso", "responsable", "estado", "fechaCorte"], fechas.map(([f, iso]) => compromiso(f, iso))),
    ],
  };
  const book = (await runRecalc(wb, "III", true))!;
  const ws = book.getWorksheet("Seguimiento compromisos")!;
  let header = 0;
  let corteCol = 0;
  ws.eachRow((row, r) => {
    row.eachCell((c, col) => {
      if (!header && c.value === "Corte") {
        header = r;
        corteCol = col;
      }
    });
  });
  const iso = (v: Cell): string | null => {
    if (typeof v === "number") return new Date(Date.UTC(1899, 11, 30) + v * 86400000).toISOString().slice(0, 10);
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
    return null;
  };
  const shown: (string | null)[] = [];
  for (let r = header + 1; r <= header + 12; r++) shown.push(iso(plain(ws.getCell(r, corteCol))));
  const latest = (m: number) => fechas.map(([, i]) => i).filter((i) => Number(i.slice(5, 7)) === m).sort().pop() ?? null;
  expect(shown).toEqual(Array.from({ length: 12 }, (_, i) => latest(i + 1)));
}, 60_000);
