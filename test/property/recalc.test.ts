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
import { cleanWorkbookArb, type GenCell, type GenWorkbook } from "./model";
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

async function runRecalc(wb: GenWorkbook, cut: (typeof CUTS)[number]): Promise<void> {
  const buf = await toXlsx(wb);
  const exp = expectedOf(wb, TODAY);
  const { plan, problems } = parseWorkbook(await readWorkbookBuffer(buf), { today: TODAY });
  if (!plan || hasErrors(problems) || !exp.plan) return;
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
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * KNOWN BUG (src/report, reported): a cell holding only spaces or a tab is blank for the contract
 * (a count of 0, an Estado "Por reportar", no problem reported), but the live formulas do not treat
 * it so: the computed columns add counts with "+" and Resumen with SUMPRODUCT(--...), and "   "+0 is
 * #VALUE! in Excel as in LibreOffice, so the report shows #VALUE! instead of its figures; and the
 * tracker does not count an Estado of spaces as "Por reportar". The property leaves such cells
 * empty; the test below records the failure.
 */
function withoutSpaceOnlyCells(wb: GenWorkbook): GenWorkbook {
  const spaceOnly = (c: GenCell) => typeof c.value === "string" && c.value !== "" && c.value.trim() === "";
  return { ...wb, sheets: wb.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => r.map((c) => (spaceOnly(c) ? { ...c, value: null } : c))) })) };
}

/**
 * KNOWN BUG (src/report, reported): an office's sheet looks each activity up by its ID as parsing
 * read it, trimmed ("A-1") and, when it is a whole number, as a number (7); but the ID cell holds
 * what was typed: " A-1 ", or the text "7". MATCH then finds nothing and the office's sheet shows
 * #N/A for that activity and for its totals. The property types IDs without surrounding spaces and
 * whole numbers as numbers; the test below records the failure.
 */
function withPlainIds(wb: GenWorkbook): GenWorkbook {
  const plainId = (v: GenCell["value"]) => (typeof v !== "string" ? v : /^\s*[1-9]\d*\s*$/.test(v) ? Number(v) : v.trim());
  return {
    ...wb,
    sheets: wb.sheets.map((s) => {
      const j = s.input === "Actividades" ? s.fields.indexOf("id") : -1;
      return j < 0 ? s : { ...s, rows: s.rows.map((r) => r.map((c, k) => (k === j ? { ...c, value: plainId(c.value) } : c))) };
    }),
  };
}

/**
 * KNOWN BUG (src/report, reported): parsing reads an Estado forgivingly ("CUMPLÍDO" is Cumplido),
 * but the tracker compares TRIM(Estado) with "Cumplido", which ignores case and not accents: such a
 * commitment is counted in no Estado. The property writes Estados without accents; the test below
 * records the failure.
 */
function withUnaccentedEstados(wb: GenWorkbook): GenWorkbook {
  const plain = (v: GenCell["value"]) => (typeof v === "string" ? v.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : v);
  return {
    ...wb,
    sheets: wb.sheets.map((s) => {
      const j = s.input === "Compromisos" ? s.fields.indexOf("estado") : -1;
      return j < 0 ? s : { ...s, rows: s.rows.map((r) => r.map((c, k) => (k === j ? { ...c, value: plain(c.value) } : c))) };
    }),
  };
}

test(
  "LibreOffice recalculates the generated workbook to the plain sums of the valid rows",
  async () => {
    await fc.assert(fc.asyncProperty(cleanWorkbookArb(6).map(withoutSpaceOnlyCells).map(withPlainIds).map(withUnaccentedEstados), fc.constantFrom(...CUTS), runRecalc), params(RUNS.libreOffice));
  },
  timeout(RUNS.libreOffice, 15_000),
);

test.failing("a count cell holding only spaces reads as 0 in the recalculated report, as validation says (known bug)", async () => {
  const row = (ejecutado: string | number): GenCell[] => [{ value: "OAP" }, { value: "Taller" }, { value: 4, count: 4 }, { value: ejecutado, count: typeof ejecutado === "number" ? ejecutado : 0 }];
  const wb: GenWorkbook = {
    clean: true,
    sheets: [
      {
        name: "Actividades",
        input: "Actividades",
        table: null,
        headerRow: 1,
        firstCol: 1,
        preamble: [],
        headers: ["Dependencia", "Actividad", "Programado I", "Ejecutado I"],
        fields: ["dependencia", "actividad", "programado1", "ejecutado1"],
        rows: [row(3), row("   ")],
        cells: [],
      },
    ],
  };
  await runRecalc(wb, "I");
}, 60_000);

test.failing('an ID typed " A-1 " or as the text "7" is found by its office\'s sheet (known bug)', async () => {
  const row = (id: string): GenCell[] => [{ value: id }, { value: "OAP" }, { value: "Taller" }, { value: 4, count: 4 }, { value: 3, count: 3 }];
  const wb: GenWorkbook = {
    clean: true,
    sheets: [
      {
        name: "Actividades",
        input: "Actividades",
        table: "Actividades",
        headerRow: 1,
        firstCol: 1,
        preamble: [],
        headers: ["ID", "Dependencia", "Actividad", "Programado I", "Ejecutado I"],
        fields: ["id", "dependencia", "actividad", "programado1", "ejecutado1"],
        rows: [row(" A-1 "), row("7")],
        cells: [],
      },
    ],
  };
  await runRecalc(wb, "I");
}, 60_000);

test.failing('an Estado written "CUMPLÍDO" counts as Cumplido in the tracker, as parsing reads it (known bug)', async () => {
  const wb: GenWorkbook = {
    clean: true,
    sheets: [
      {
        name: "Actividades",
        input: "Actividades",
        table: null,
        headerRow: 1,
        firstCol: 1,
        preamble: [],
        headers: ["Dependencia", "Actividad", "Programado I", "Ejecutado I"],
        fields: ["dependencia", "actividad", "programado1", "ejecutado1"],
        rows: [[{ value: "OAP" }, { value: "Taller" }, { value: 4, count: 4 }, { value: 3, count: 3 }]],
        cells: [],
      },
      {
        name: "Compromisos",
        input: "Compromisos",
        table: null,
        headerRow: 1,
        firstCol: 1,
        preamble: [],
        headers: ["Fecha", "Compromiso", "Responsable", "Estado"],
        fields: ["fecha", "compromiso", "responsable", "estado"],
        rows: [[{ value: new Date(Date.UTC(2021, 1, 3)), numFmt: "dd/mm/yyyy", iso: "2021-02-03" }, { value: "Responder" }, { value: "OAP" }, { value: "CUMPLÍDO" }]],
        cells: [],
      },
    ],
  };
  await runRecalc(wb, "I");
}, 60_000);
