/** The 2021 sample through the real parser reproduces the seed report's figures. */
import { banda } from "../../src/domain/bands";
import { compromisosPorMes } from "../../src/domain/compromisos";
import fixture from "../../src/domain/data/plan-2021.json";
import { figurasCorte } from "../../src/domain/figures";
import type { Plan } from "../../src/domain/model";
import { parseWorkbook, rawWorkbookFromInput } from "../../src/domain/parse";
import { emptyInput, sample2021 } from "../../src/domain/sample";

function plan2021(): Plan {
  const r = parseWorkbook(rawWorkbookFromInput(sample2021()), { today: new Date(Date.UTC(2030, 0, 1)) });
  expect(r.problems).toEqual([]);
  return r.plan!;
}

describe("sample2021 through rawWorkbookFromInput and parseWorkbook", () => {
  const plan = plan2021();

  test("configuration and offices", () => {
    expect(plan.config).toEqual({
      entidad: "Secretaría General de la Alcaldía Mayor de Bogotá",
      plan: "Plan Institucional de Participación Ciudadana",
      vigencia: 2021,
      cuatrimestre: "III",
      dependenciaCompromisos: "ACPVR",
      umbrales: { bajo: 0.6, medio: 0.8, sobreejecucion: 1.2 },
    });
    expect(plan.dependencias.map((d) => [d.numero, d.sigla, d.titulo])).toEqual([
      [1, "OAP", "Gobierno Abierto"],
      [2, "ACPVR", "Alta Consejería de Paz, Víctimas y Reconciliación"],
      [3, "ACDTIC", "Alta Consejería Distrital de Tecnologías de Información y Comunicaciones - TIC"],
      [4, "SFI", "Subsecretaría de Fortalecimiento Institucional"],
      [5, "SSC", "Subsecretaría de Servicio a la ciudadanía"],
    ]);
    expect(plan.actividades.map((a) => a.id)).toEqual(Array.from({ length: 16 }, (_, i) => `A-${String(i + 1).padStart(3, "0")}`));
    // Activities name their office by sigla; the plan holds the full name.
    expect(plan.actividades[0]).toMatchObject({ dependenciaTexto: "OAP", dependencia: "Equipo Gobierno Abierto - Oficina Asesora de Planeación", fila: 3 });
  });

  test("cut III: vigencia 69/78, the cuatrimestre 28/35, the first activity 20/29", () => {
    const f = figurasCorte(plan, "III");
    expect(f.vigencia).toMatchObject({ programado: 69, ejecutado: 78, banda: "Satisfactorio" });
    expect(f.vigencia.cumplimiento).toBeCloseTo(78 / 69, 12);
    expect(Math.round(f.vigencia.cumplimiento! * 100)).toBe(113);
    expect(f.periodo).toEqual({ programado: 28, ejecutado: 35, cumplimiento: 1.25, banda: "Sobreejecutado" });
    expect(f.anual).toEqual({ programado: 69, avance: 78 / 69 });
    expect(f.actividades[0]).toMatchObject({ id: "A-001", programado: 20, ejecutado: 29, banda: "Sobreejecutado" });
    expect(f.actividades[0].cumplimiento).toBeCloseTo(1.45, 12);
  });

  test("cut III per office", () => {
    const f = figurasCorte(plan, "III");
    expect(f.dependencias.map((d) => [d.sigla, d.programado, d.ejecutado, d.actividades.length])).toEqual([
      ["OAP", 28, 37, 5],
      ["ACPVR", 12, 12, 1],
      ["ACDTIC", 15, 15, 4],
      ["SFI", 12, 12, 5],
      ["SSC", 2, 2, 1],
    ]);
  });

  test("cuts I and II follow the fixture's split", () => {
    const sum = (k: "programado" | "ejecutado", upTo: number) =>
      fixture.actividades.reduce((t, a) => t + a[k].slice(0, upTo + 1).reduce((x, y) => x + y, 0), 0);
    const only = (k: "programado" | "ejecutado", i: number) => fixture.actividades.reduce((t, a) => t + a[k][i], 0);
    const i = figurasCorte(plan, "I");
    const ii = figurasCorte(plan, "II");
    expect([i.vigencia.programado, i.vigencia.ejecutado]).toEqual([sum("programado", 0), sum("ejecutado", 0)]);
    expect([ii.vigencia.programado, ii.vigencia.ejecutado]).toEqual([sum("programado", 1), sum("ejecutado", 1)]);
    expect([ii.periodo.programado, ii.periodo.ejecutado]).toEqual([only("programado", 1), only("ejecutado", 1)]);
    // The numbers themselves, so that a change of the fixture is seen here.
    expect([i.vigencia.programado, i.vigencia.ejecutado, ii.vigencia.programado, ii.vigencia.ejecutado]).toEqual([19, 19, 41, 43]);
    expect(i.anual.programado).toBe(69);
  });

  test("commitments per month for cut III", () => {
    const meses = compromisosPorMes(plan, "III");
    const row = (mes: string) => meses.find((m) => m.mes === mes)!;
    expect(meses.map((m) => m.mes)).toEqual(["2021-05", "2021-06", "2021-07", "2021-08", "2021-09", "2021-10", "2021-11", "2021-12"]);
    expect(meses.map((m) => [m.recogidos, m.noACargo, m.aCargo])).toEqual([
      [70, 50, 20],
      [60, 40, 20],
      [53, 37, 16],
      [46, 33, 13],
      [8, 7, 1],
      [0, 0, 0],
      [25, 18, 7],
      [17, 12, 5],
    ]);
    expect(row("2021-05")).toMatchObject({ cumplido: 12, enAvance: 6, sinIniciar: 2, porReportar: 0, porcentajeCumplido: 0.6, corte: "2021-07-23", situacion: "normal" });
    expect(row("2021-09")).toMatchObject({ cumplido: 0, enAvance: 1, corte: "2021-11-10" });
    expect(row("2021-10")).toMatchObject({ recogidos: 0, situacion: "sin-compromisos", corte: null });
    expect(row("2021-11")).toMatchObject({ porReportar: 7, situacion: "pendiente", corte: null });
    expect(row("2021-12")).toMatchObject({ porReportar: 5, situacion: "pendiente" });
    for (const m of fixture.compromisos.por_mes) {
      const e = (m as { estado_a_cargo?: Record<string, number> }).estado_a_cargo ?? {};
      expect([row(m.mes).cumplido, row(m.mes).enAvance, row(m.mes).sinIniciar, row(m.mes).porReportar]).toEqual([
        e["Cumplido"] ?? 0,
        e["En avance"] ?? 0,
        e["Sin iniciar"] ?? 0,
        e["Por reportar"] ?? 0,
      ]);
    }
  });

  test("cut II leaves out the commitments after August", () => {
    const meses = compromisosPorMes(plan, "II");
    expect(meses.map((m) => [m.mes, m.recogidos])).toEqual([
      ["2021-05", 70],
      ["2021-06", 60],
      ["2021-07", 53],
      ["2021-08", 46],
    ]);
  });

  test("the commitments look like real ones: weekdays, 2-4 sessions a month, sequential ids", () => {
    expect(plan.compromisos).toHaveLength(279);
    expect(plan.compromisos.map((c) => c.id)).toEqual(Array.from({ length: 279 }, (_, i) => `C-${String(i + 1).padStart(3, "0")}`));
    const byMonth = new Map<string, Set<string>>();
    for (const c of plan.compromisos) {
      const wd = new Date(c.fecha + "T00:00:00Z").getUTCDay();
      expect(wd).not.toBe(0);
      expect(wd).not.toBe(6);
      expect(c.compromiso).toMatch(/\d/);
      expect(c.mesa).toMatch(/^Mesa (Local de Víctimas de |Distrital)/);
      const s = byMonth.get(c.fecha.slice(0, 7)) ?? new Set<string>();
      s.add(c.fecha);
      byMonth.set(c.fecha.slice(0, 7), s);
    }
    for (const days of byMonth.values()) {
      expect(days.size).toBeGreaterThanOrEqual(2);
      expect(days.size).toBeLessThanOrEqual(4);
    }
    const otros = new Set(plan.compromisos.filter((c) => c.responsable !== "ACPVR").map((c) => c.responsable));
    expect(otros.size).toBeGreaterThan(5);
    expect(otros.has("Secretaría Distrital de Salud")).toBe(true);
    // Deterministic.
    expect(sample2021()).toEqual(sample2021());
  });

  test("bands with custom thresholds", () => {
    const strict: Plan = { ...plan, config: { ...plan.config, umbrales: { bajo: 0.9, medio: 1, sobreejecucion: 1.5 } } };
    const f = figurasCorte(strict, "III");
    expect(f.actividades[0].banda).toBe("Satisfactorio"); // 145% <= 150%
    expect(f.periodo.banda).toBe("Satisfactorio"); // 125%
    expect(banda(10, 9.5, strict.config.umbrales)).toBe("Medio");
    expect(banda(10, 8, strict.config.umbrales)).toBe("Bajo");
    // The same thresholds typed in Configuración as percentages reach the plan.
    const input = sample2021();
    input.configuracion = input.configuracion.map((c) =>
      c.clave === "Umbral bajo" ? { ...c, valor: "90%" } : c.clave === "Umbral medio" ? { ...c, valor: 100 } : c.clave === "Umbral sobreejecución" ? { ...c, valor: "1,5" } : c,
    );
    const r = parseWorkbook(rawWorkbookFromInput(input));
    expect(r.problems).toEqual([]);
    expect(r.plan!.config.umbrales).toEqual({ bajo: 0.9, medio: 1, sobreejecucion: 1.5 });
    expect(figurasCorte(r.plan!, "III").vigencia.banda).toBe("Satisfactorio");
    expect(figurasCorte(r.plan!, "I").vigencia.banda).toBe("Satisfactorio");
  });

  test("the sources point at the template layout", () => {
    expect(plan.sources.actividades).toMatchObject({ sheet: "Actividades", tableName: "Actividades", headerRow: 2, lastRow: 18, firstCol: 1, lastCol: 12 });
    expect(plan.sources.actividades.columns.ejecutado3).toEqual({ header: "Ejecutado III", col: 9 });
    expect(plan.sources.compromisos).toMatchObject({ headerRow: 2, lastRow: 281, lastCol: 8 });
    expect(plan.sources.dependencias!.headers).toEqual(["Dependencia", "Sigla", "Título en el informe"]);
    expect(plan.sources.configuracion).toEqual({
      sheet: "Configuración",
      tableName: "Configuración",
      valores: {
        entidad: "B3",
        plan: "B4",
        vigencia: "B5",
        cuatrimestre: "B6",
        "dependencia a cargo de compromisos": "B7",
        "umbral bajo": "B8",
        "umbral medio": "B9",
        "umbral sobreejecucion": "B10",
      },
    });
  });
});

describe("emptyInput", () => {
  test("defaults written out, no rows; the parser asks for activities", () => {
    const input = emptyInput(2025);
    expect(input.actividades).toEqual([]);
    expect(input.configuracion.map((c) => c.clave)).toEqual([
      "Entidad",
      "Plan",
      "Vigencia",
      "Cuatrimestre",
      "Dependencia a cargo de compromisos",
      "Umbral bajo",
      "Umbral medio",
      "Umbral sobreejecución",
    ]);
    const r = parseWorkbook(rawWorkbookFromInput(input), { today: new Date(Date.UTC(2030, 0, 1)) });
    expect(r.problems.map((p) => [p.code, p.ref])).toEqual([["empty-plan", "Actividades!A2:L2"]]);
    expect(r.plan!.config).toEqual({
      entidad: "",
      plan: "Plan Institucional de Participación Ciudadana",
      vigencia: 2025,
      cuatrimestre: "I",
      dependenciaCompromisos: null,
      umbrales: { bajo: 0.6, medio: 0.8, sobreejecucion: 1.2 },
    });
  });
});
