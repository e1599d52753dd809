/**
 * Properties of parse → validate → figures → report spec, over random workbooks handed over as raw
 * tables (the fast path: most of the suite's generated workbooks go through here).
 */
import fc from "fast-check";
import { sample2021 } from "../../src/domain";
import { parseWorkbook, rawWorkbookFromInput } from "../../src/domain/parse";
import { buildReport } from "../../src/report/build";
import { reportSheetNames } from "../../src/report/names";
import { CUTS, TODAY, checkNoInjection, checkSheetLimits, checkPlan, checkProblems, checkSheetNames, specJson, userTexts } from "./checks";
import { workbookArb, fitSheetName } from "./model";
import { expectedOf } from "./oracle";
import { toRawWorkbook } from "./render";
import { params, RUNS, timeout } from "./runs";

const GENERATED_AT = new Date(Date.UTC(2021, 11, 31, 15, 0, 0));

test(
  "parsing never throws, reports every invalid cell at its address, and the figures are the sums of the valid rows",
  () => {
    fc.assert(
      fc.property(workbookArb(), (wb) => {
        const raw = toRawWorkbook(wb);
        const exp = expectedOf(wb, TODAY);
        const { plan, problems } = parseWorkbook(raw, { today: TODAY });
        checkProblems(problems, exp);
        checkPlan(plan, exp);
        if (wb.clean) expect(problems.filter((p) => p.severity === "error")).toEqual([]);
        if (!plan) return;

        // The report: built for every cut, also from a plan with errors (it must not throw either).
        for (const cut of CUTS) {
          const spec = buildReport(plan, cut, { takenSheetNames: raw.sheetNames, generatedAt: GENERATED_AT });
          checkSheetNames(
            spec.sheets.map((s) => s.name),
            raw.sheetNames,
          );
          const tables = spec.sheets.flatMap((s) => s.tables.map((t) => t.name.toUpperCase()));
          expect(new Set(tables).size).toBe(tables.length);
          checkNoInjection(spec, plan, userTexts(wb));
          checkSheetLimits(spec);
          // The same input gives the same spec, byte for byte: parsed again from fresh raw tables.
          const again = parseWorkbook(toRawWorkbook(wb), { today: TODAY }).plan!;
          expect(specJson(buildReport(again, cut, { takenSheetNames: [...raw.sheetNames], generatedAt: GENERATED_AT }))).toBe(specJson(spec));
        }
      }),
      params(RUNS.raw),
    );
  },
  timeout(RUNS.raw, 60),
);

test(
  "sheet names for any offices and any sheets of the official's are valid and unique ignoring case",
  () => {
    const label = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.constantFrom("🎉".repeat(20), "Ñ".repeat(40), "a:b/c\\d?e*f[g]h", "'x'", "History", "Resumen", "résumen", "RESUMEN"),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ sigla: fc.option(label), titulo: label, nombre: label }), { minLength: 1, maxLength: 12 }),
        fc.array(label, { maxLength: 6 }),
        (deps, own) => {
          const taken = [...new Set(own.map((n) => fitSheetName(n.replace(/[:\\/?*[\]]/g, "-")).trim()).filter((n) => n && !n.startsWith("'") && !n.endsWith("'")))];
          const numbered = deps.map((d, i) => ({ ...d, numero: i + 1 }));
          const names = reportSheetNames(numbered, taken);
          checkSheetNames(names.all.map((n) => n.name), taken);
          expect(reportSheetNames(numbered, taken)).toEqual(names);
        },
      ),
      params(RUNS.names),
    );
  },
  timeout(RUNS.names, 20),
);

/**
 * A long office name or Entidad (parsing accepts any length) must not push the report past Excel's
 * limits: a text literal of a formula is at most 255 characters (longer texts are joined from
 * pieces), a formula at most 8,192, a page header or footer at most 255 (the printed header
 * shortens the name with "…"; the sheets keep it whole). Names of 240 characters (just under one
 * literal) and of several thousand (a pasted paragraph) are tried, also with a Plan as long.
 */
test.each([240, 3000, 9000])("a %i-character office in charge, Entidad and Plan stay within Excel's limits", (n) => {
  const data = sample2021();
  // Quotes, an ampersand, accents, an emoji and a tab: every escape Excel asks for, at any cut.
  const long = Array.from(`Oficina ${"de \"Participación\" Ciudadana & Víctimas 🎉\t".repeat(Math.ceil(n / 30))}`)
    .slice(0, n)
    .join("")
    .trim();
  const conf = (clave: string) => data.configuracion.find((c) => c.clave === clave)!;
  const sigla = String(conf("Dependencia a cargo de compromisos").valor);
  const dep = data.dependencias.find((d) => d.sigla === sigla)!;
  Object.assign(dep, { dependencia: long, titulo: long, sigla: "" });
  conf("Dependencia a cargo de compromisos").valor = long;
  conf("Entidad").valor = long;
  const plan = data.configuracion.find((c) => c.clave === "Plan");
  if (plan) plan.valor = long;
  else data.configuracion.push({ clave: "Plan", valor: long });
  for (const c of data.compromisos) if (c.responsable === sigla) c.responsable = long;
  for (const a of data.actividades) if (a.dependencia === sigla) a.dependencia = long;
  const parsed = parseWorkbook(rawWorkbookFromInput(data), { today: TODAY });
  expect(parsed.problems.filter((p) => p.severity === "error")).toEqual([]);
  for (const cut of CUTS) {
    const spec = buildReport(parsed.plan!, cut, { generatedAt: GENERATED_AT });
    checkNoInjection(spec, parsed.plan!, new Set());
    checkSheetLimits(spec);
  }
});
