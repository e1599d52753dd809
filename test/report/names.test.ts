import fc from "fast-check";
import { cleanSheetName, generatedSheetsName, parseGeneratedSheetsName, reportSheetNames, uniqueSheetName } from "../../src/report/names";
import { plan2021 } from "./fixture";

const FORBIDDEN = /[:\\/?*[\]]/;

function valid(name: string): boolean {
  return Array.from(name).length <= 31 && !FORBIDDEN.test(name) && name.trim() === name && name !== "" && !name.startsWith("'") && !name.endsWith("'");
}

describe("sheet names", () => {
  test("the 2021 plan: Resumen, one 3.n sheet per office by sigla, the tracker", () => {
    const n = reportSheetNames(plan2021().dependencias);
    expect(n.resumen).toBe("Resumen");
    expect(n.dependencias).toEqual(["3.1 OAP", "3.2 ACPVR", "3.3 ACDTIC", "3.4 SFI", "3.5 SSC"]);
    expect(n.compromisos).toBe("Seguimiento compromisos");
    expect(n.all.map((s) => s.key)).toEqual([
      "resumen",
      "dependencia:1",
      "dependencia:2",
      "dependencia:3",
      "dependencia:4",
      "dependencia:5",
      "compromisos",
    ]);
  });

  test("without a sigla the title is used, cleaned and cut to 31 characters", () => {
    const n = reportSheetNames([
      { numero: 1, sigla: null, titulo: "Alta Consejería Distrital de Tecnologías: TIC / [Bogotá]", nombre: "x" },
    ]);
    expect(n.dependencias[0]).toBe("3.1 Alta Consejería Distrital d");
    expect(valid(n.dependencias[0])).toBe(true);
    expect(cleanSheetName("3.2 Paz/Víctimas: [ACPVR]")).toBe("3.2 Paz-Víctimas- -ACPVR-");
  });

  test("collisions after truncation get (2), (3) within 31 characters", () => {
    const long = "Subsecretaría Distrital de Fortalecimiento Institucional";
    const n = reportSheetNames([
      { numero: 1, sigla: null, titulo: long, nombre: "a" },
      { numero: 1, sigla: null, titulo: long + " bis", nombre: "b" },
      { numero: 1, sigla: null, titulo: long + " ter", nombre: "c" },
    ]);
    expect(n.dependencias[0]).toBe("3.1 Subsecretaría Distrital de");
    expect(n.dependencias[1]).toBe("3.1 Subsecretaría Distrital (2)");
    expect(n.dependencias[2]).toBe("3.1 Subsecretaría Distrital (3)");
    for (const d of n.dependencias) expect(Array.from(d).length).toBeLessThanOrEqual(31);
  });

  test("taken names (inputs, the user's sheets) are avoided ignoring case", () => {
    const n = reportSheetNames(plan2021().dependencias, ["Actividades", "RESUMEN", "3.1 oap", "seguimiento COMPROMISOS"]);
    expect(n.resumen).toBe("Resumen (2)");
    expect(n.dependencias[0]).toBe("3.1 OAP (2)");
    expect(n.compromisos).toBe("Seguimiento compromisos (2)");
  });

  test("same input, same names", () => {
    const deps = plan2021().dependencias;
    expect(reportSheetNames(deps, ["Resumen"])).toEqual(reportSheetNames(deps, ["Resumen"]));
  });

  test("any wanted names become valid names, unique ignoring case", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 }), { maxLength: 30 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 10 }), (wanted, takenList) => {
        const taken = new Set(takenList.map((t) => t.toUpperCase()));
        const before = new Set(taken);
        const out = wanted.map((w) => uniqueSheetName(w, taken));
        const upper = out.map((o) => o.toUpperCase());
        expect(new Set(upper).size).toBe(out.length);
        for (const o of out) {
          expect(valid(o)).toBe(true);
          expect(before.has(o.toUpperCase())).toBe(false);
        }
      }),
    );
  });

  test("the marker of generated sheets round-trips any names, quotes included", () => {
    const names = ["Resumen", "3.1 OAP", 'Dirección "Ágil"', "Seguimiento compromisos"];
    const n = generatedSheetsName(names);
    expect(n.name).toBe("PIPC_Hojas_Generadas");
    expect(n.refersTo).toBe('={"Resumen","3.1 OAP","Dirección ""Ágil""","Seguimiento compromisos"}');
    expect(parseGeneratedSheetsName(n.refersTo)).toEqual(names);
    expect(parseGeneratedSheetsName(n.refersTo.slice(1))).toEqual(names);
    expect(parseGeneratedSheetsName("Resumen!$A$1")).toEqual([]);
  });
});
