/**
 * Properties of the file path (`pipc generate`): random workbooks written as real .xlsx with ExcelJS
 * directly, read back by src/xlsx, validated, generated into a report workbook, written, and read
 * back again: the official's cells are unchanged, texts stay texts, sheet names are valid, and the
 * same input gives byte-identical generated sheets.
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import { hasErrors } from "../../src/domain";
import { parseWorkbook } from "../../src/domain/parse";
import { isFormula } from "../../src/report/spec";
import { loadWorkbookBuffer, readWorkbookBuffer, toBuffer } from "../../src/xlsx";
import { generateReportWorkbook } from "../../src/xlsx/generate";
import { toFileFormula } from "../../src/xlsx/write";
import { CUTS, TODAY, allowedNewCell, checkPlan, checkProblems, checkSheetNames, isHeaderCell, specJson } from "./checks";
import { cleanWorkbookArb, workbookArb, type GenWorkbook } from "./model";
import { expectedOf, type Expected } from "./oracle";
import { toXlsx } from "./render";
import { RUNS, params, timeout } from "./runs";
import { isBlankPlain, loadPlain, plainCell, sheetCells, sheetParts, type Plain } from "./xlsx-compare";

const GENERATED_AT = new Date(Date.UTC(2021, 11, 31, 15, 0, 0));

/** The official's sheets are unchanged value for value; headers may only lose surrounding spaces. */
function checkInputsUnchanged(wb: GenWorkbook, exp: Expected, before: ExcelJS.Workbook, after: ExcelJS.Workbook): void {
  const changed: string[] = [];
  for (const s of wb.sheets) {
    const out = after.getWorksheet(s.name);
    if (!out) {
      changed.push(`${s.name}: sheet gone`);
      continue;
    }
    const a = sheetCells(before.getWorksheet(s.name)!);
    const b = sheetCells(out);
    const at = (address: string) => {
      const c = out.getCell(address);
      return { row: Number(c.row), col: Number(c.col) };
    };
    for (const [address, v] of a) {
      const w = b.get(address) ?? null;
      if (JSON.stringify(w) === JSON.stringify(v)) continue;
      const { row, col } = at(address);
      if (isHeaderCell(s, row, col) && typeof v === "string" && w === v.trim()) continue;
      if (isBlankPlain(v) && allowedNewCell(s, exp, row, col, w)) continue;
      changed.push(`${s.name}!${address}: ${JSON.stringify(v)} -> ${JSON.stringify(w)}`);
    }
    for (const [address, w] of b) {
      if (a.has(address)) continue;
      const { row, col } = at(address);
      if (allowedNewCell(s, exp, row, col, w)) continue;
      changed.push(`${s.name}!${address}: new ${JSON.stringify(w)}`);
    }
  }
  expect(changed).toEqual([]);
}

/** A value for a message: long formulas shortened around their middle. */
function short(v: Plain, other?: Plain): string {
  const s = JSON.stringify(v);
  if (s.length <= 300) return s;
  const o = JSON.stringify(other ?? null);
  let i = 0;
  while (i < s.length && s[i] === o[i]) i++;
  return i < s.length && other !== undefined ? `…(${s.length} chars, differs at ${i})…${s.slice(Math.max(0, i - 60), i + 60)}…` : `${s.slice(0, 140)}…(${s.length} chars)…${s.slice(-140)}`;
}

/** Every cell the spec writes is in the file with its type: a literal text stays text, even "=1+1". */
function checkWrittenAsSpecified(spec: Awaited<ReturnType<typeof generateReportWorkbook>>["spec"], out: ExcelJS.Workbook): void {
  const wrong: string[] = [];
  for (const s of spec.sheets) {
    const ws = out.getWorksheet(s.name);
    if (!ws) {
      wrong.push(`${s.name}: missing`);
      continue;
    }
    for (const b of s.blocks) {
      const o = ws.getCell(b.origin);
      b.cells.forEach((row, i) =>
        row.forEach((c, j) => {
          if (c === null) return;
          const cell = ws.getCell(Number(o.row) + i, Number(o.col) + j);
          let got = plainCell(cell);
          // A number with a date format comes back from ExcelJS as a Date.
          if (got !== null && typeof got === "object" && "date" in got) got = (Date.parse(got.date) - Date.UTC(1899, 11, 30)) / 86400000;
          const want: Plain = isFormula(c) ? { formula: toFileFormula(c.f) } : c;
          if (c === "" && got === null) return;
          if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${s.name}!${cell.address}: want ${short(want, got)} got ${short(got, want)}`);
          if (typeof c === "string" && cell.type === ExcelJS.ValueType.Formula) wrong.push(`${s.name}!${cell.address}: text became a formula`);
        }),
      );
    }
  }
  expect(wrong).toEqual([]);
}

async function runFile(wb: GenWorkbook, cut: (typeof CUTS)[number]): Promise<void> {
  const buf = await toXlsx(wb);
  const exp = expectedOf(wb, TODAY);
  const raw = await readWorkbookBuffer(buf);
  const { plan, problems } = parseWorkbook(raw, { today: TODAY });
  checkProblems(problems, exp);
  checkPlan(plan, exp);
  if (!plan || hasErrors(problems)) return;

  const first = await generateReportWorkbook(buf, plan, { cut, generatedAt: GENERATED_AT });
  const out1 = await toBuffer(first.workbook);
  const second = await generateReportWorkbook(buf, plan, { cut, generatedAt: GENERATED_AT });
  const out2 = await toBuffer(second.workbook);
  expect(specJson(second.spec)).toBe(specJson(first.spec));
  const generated = first.spec.sheets.map((s) => s.name);
  checkSheetNames(generated, wb.sheets.map((s) => s.name));
  expect(await sheetParts(out2, generated)).toEqual(await sheetParts(out1, generated));

  const [before, after] = await Promise.all([loadPlain(buf), loadPlain(out1)]);
  expect(after.worksheets.map((w) => w.name)).toEqual([...wb.sheets.map((s) => s.name), ...generated]);
  checkInputsUnchanged(wb, exp, before, after);
  checkWrittenAsSpecified(first.spec, after);
}

test(
  "files: read back as written, report generated without touching the official's cells, byte-identical twice",
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: cleanWorkbookArb(8) }, { weight: 1, arbitrary: workbookArb(8) }),
        fc.constantFrom(...CUTS),
        runFile,
      ),
      params(RUNS.file),
    );
  },
  timeout(RUNS.file, 700),
);

test("an emoji on a 16 KiB boundary of a part survives pipc's load and save (JSZip used to split it into two U+FFFD)", async () => {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("Actividades");
  // Mostly emoji, with prefixes of every parity: about half of JSZip's 16 KiB cuts fall inside one.
  const texts = Array.from({ length: 600 }, (_, i) => `${"a".repeat(i % 3)}${i} ${"🎉".repeat(100 + (i % 7))}`);
  texts.forEach((t, i) => (ws.getCell(i + 1, 1).value = t));
  const input = Buffer.from(await book.xlsx.writeBuffer());
  const out = await toBuffer(await loadWorkbookBuffer(input));
  const back = (await loadPlain(out)).getWorksheet("Actividades")!;
  expect(texts.filter((t, i) => back.getCell(i + 1, 1).value !== t)).toEqual([]);
});
