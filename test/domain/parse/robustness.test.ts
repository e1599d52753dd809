/** Validation never throws on bad data, whatever a reader hands over. */
import fc from "fast-check";
import { parseWorkbook, type ParseResult } from "../../../src/domain/parse";
import type { RawWorkbook } from "../../../src/domain/raw";
import { H_ACT, H_COMP, H_DEP, sheet, table, workbook, type C } from "./rawBuilder";

const CODES = new Set([
  "missing-sheet", "header-row-not-found", "missing-header", "duplicate-header", "missing-value", "negative-number",
  "decimal-number", "not-a-number", "date-in-number", "duplicate-id", "unknown-dependency", "unknown-estado", "bad-date",
  "executed-without-programming", "empty-plan", "bad-config", "no-office-in-charge", "date-outside-vigencia",
  "corte-before-fecha", "formula-error",
]);

/** Every result is well formed: known codes, messages, finite whole counts, ISO dates. */
function expectWellFormed(r: ParseResult) {
  for (const p of r.problems) {
    expect(CODES.has(p.code)).toBe(true);
    expect(["error", "warning"]).toContain(p.severity);
    expect(p.ref).toBe(p.cell ? `${p.sheet}!${p.cell}` : p.sheet);
    expect(p.message.es.length).toBeGreaterThan(10);
    expect(p.message.en.length).toBeGreaterThan(10);
    if (p.cell) expect(p.message.es).toContain(p.ref);
  }
  if (!r.plan) return;
  for (const a of r.plan.actividades) {
    for (const n of [...a.programado, ...a.ejecutado]) expect(Number.isInteger(n) && n >= 0).toBe(true);
    expect(typeof a.id).toBe("string");
    expect(a.id.length).toBeGreaterThan(0);
  }
  for (const c of r.plan.compromisos) {
    expect(c.fecha).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    if (c.fechaCorte !== null) expect(c.fechaCorte).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  expect(Number.isInteger(r.plan.config.vigencia)).toBe(true);
  expect(["I", "II", "III"]).toContain(r.plan.config.cuatrimestre);
}

const GARBAGE: C[] = [
  null,
  "",
  "   ",
  "abc",
  "-1",
  "2,5",
  "1e5",
  "#N/A",
  "31/02/2021",
  "2021-02-30",
  "٣",
  "🙂",
  "x".repeat(5000),
  0,
  -0,
  -1,
  2.5,
  1e12,
  Number.MAX_VALUE,
  -Infinity,
  Infinity,
  NaN,
  true,
  false,
  new Date(NaN),
  new Date(Date.UTC(1800, 0, 1)),
  new Date(Date.UTC(2021, 4, 3)),
  new Date(8.64e15),
  { v: 44319, fmt: "dd/mm/yyyy" },
  { v: "#REF!", error: true },
  { v: null, error: true },
  { v: 3, fmt: "[Red]0" },
];

test("a workbook full of garbage values of every RawValue type: problems, no throw", () => {
  const rows = (width: number) => GARBAGE.map((_, i) => Array.from({ length: width }, (_, j) => GARBAGE[(i + j) % GARBAGE.length]));
  const raw = workbook({
    tables: [
      table("Actividades", [...H_ACT, "Responsable", "Evidencias", "Observaciones"], rows(12)),
      table("Compromisos", H_COMP, rows(8)),
      table("Dependencias", H_DEP, rows(3)),
      table("Configuración", ["Clave", "Valor"], [
        ...["Entidad", "Plan", "Vigencia", "Cuatrimestre", "Dependencia a cargo de compromisos", "Umbral bajo", "Umbral medio", "Umbral sobreejecución"].flatMap(
          (k) => GARBAGE.map((g) => [k, g] as C[]),
        ),
        ...GARBAGE.map((g) => [g, g]),
      ]),
    ],
  });
  let r!: ParseResult;
  expect(() => (r = parseWorkbook(raw))).not.toThrow();
  expectWellFormed(r);
  expect(r.plan).not.toBeNull();
  expect(r.problems.filter((p) => p.severity === "error").length).toBeGreaterThan(50);
});

test("readers that break the declared shapes: undefined, objects, bad addresses, no arrays", () => {
  const weird = [
    {},
    { sheetNames: null, tables: null, sheets: null },
    { sheetNames: [1, null], tables: [null, 5, { name: "Actividades" }], sheets: [{ name: "Actividades", rows: "nope" }] },
    { sheetNames: [], tables: [{ name: "Actividades", sheet: "A", headerRow: -3, firstCol: 0.5, headers: [{ value: "Dependencia" }, { value: "Actividad", address: "zz" }], rows: [null, [{ value: { toString: () => "obj" } }, undefined], "row"] }], sheets: [] },
    { sheetNames: ["Actividades"], tables: [], sheets: [{ name: "Actividades", firstRow: 1, firstCol: 1, rows: [[{ value: "Dependencia" }, { value: "Actividad" }, { value: "Programado I" }], [{ value: "X" }, { value: [] }, { value: Symbol.iterator }], [{ value: "Y" }, { value: "Z" }, { value: BigInt(5) }]] }] },
    null,
  ];
  for (const w of weird) {
    let r!: ParseResult;
    expect(() => (r = parseWorkbook(w as unknown as RawWorkbook))).not.toThrow();
    expectWellFormed(r);
  }
});

test("property: any table of any values parses without throwing", () => {
  const value = fc.oneof(
    fc.constant(null),
    fc.string(),
    fc.constantFrom("", " ", "Dependencia", "Actividad", "Programado I", "Ejecutado I", "Fecha", "Compromiso", "Responsable", "Clave", "Valor", "OAP", "cumplido", "III", "60%", "2021", "15/05/2021", "2021-05-15"),
    fc.double(),
    fc.integer({ min: -5, max: 60000 }),
    fc.boolean(),
    fc.date({ noInvalidDate: false }),
  );
  const cell = fc.record({ value, numberFormat: fc.option(fc.constantFrom("General", "dd/mm/yyyy", "0%", "@"), { nil: undefined }), error: fc.option(fc.boolean(), { nil: undefined }) });
  const grid = fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 14 });
  const name = fc.constantFrom("Actividades", "Compromisos", "Dependencias", "Configuración", "configuracion", "Otra");
  fc.assert(
    fc.property(
      fc.array(fc.record({ name, kind: fc.boolean(), grid }), { maxLength: 5 }),
      (inputs) => {
        const tables = inputs.filter((i) => i.kind).map((i) => {
          const [h = [], ...rows] = i.grid;
          return { name: i.name, sheet: i.name, headerRow: 2, firstCol: 1, headers: h.map((c, j) => ({ ...c, address: `${String.fromCharCode(65 + j)}2` })), rows: rows.map((r, k) => r.map((c, j) => ({ ...c, address: `${String.fromCharCode(65 + j)}${k + 3}` }))) };
        });
        const sheets = inputs.filter((i) => !i.kind).map((i) => sheet(i.name, i.grid.map((r) => r.map((c) => ({ v: c.value, fmt: c.numberFormat, error: c.error })))));
        const raw = { sheetNames: inputs.map((i) => i.name), tables, sheets } as RawWorkbook;
        const r = parseWorkbook(raw, { today: new Date(Date.UTC(2021, 0, 1)) });
        expectWellFormed(r);
      },
    ),
    { numRuns: 400 },
  );
});
