/** Plain-text renderings for the terminal: problem lists and summary tables. */
import { BANDA_EN, monthsLabel, spanLabel, MESES_EN, MESES_ES, type Banda, type Problem, type ResumenJson } from "../domain";
import { percent, t, type Lang } from "./i18n";

/** The message of a problem without the "Sheet!A1: " prefix the ref column already shows. */
function problemText(p: Problem, lang: Lang): string {
  const m = p.message[lang];
  for (const prefix of [`${p.ref}: `, `${p.sheet}: `]) if (m.startsWith(prefix)) return m.slice(prefix.length);
  return m;
}

/**
 * Problems grouped by sheet, one per line ("error  Actividades!F7  message"), then a summary line.
 *
 * @example
 * Actividades
 *   error  Actividades!F7  -1 no es válido en «Programado II»: ...
 *
 * plan.xlsx: 1 error(es), 0 aviso(s).
 */
export function formatProblems(problems: Problem[], lang: Lang, file: string): string {
  if (problems.length === 0) return t(lang, "noProblems", file) + "\n";
  const sev = (p: Problem) => (p.severity === "error" ? t(lang, "severityError") : t(lang, "severityWarning"));
  const sevWidth = Math.max(...problems.map((p) => sev(p).length));
  const refWidth = Math.min(24, Math.max(...problems.map((p) => p.ref.length)));
  const lines: string[] = [];
  let sheet: string | null = null;
  for (const p of problems) {
    if (p.sheet !== sheet) {
      if (sheet !== null) lines.push("");
      lines.push(p.sheet);
      sheet = p.sheet;
    }
    lines.push(`  ${sev(p).padEnd(sevWidth)}  ${p.ref.padEnd(refWidth)}  ${problemText(p, lang)}`);
  }
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  lines.push("", t(lang, "problemsSummary", file, t(lang, "errorsCount", errors), t(lang, "warningsCount", warnings)));
  return lines.join("\n") + "\n";
}

function table(headers: string[], rows: string[][], rightAligned: boolean[]): string[] {
  const widths = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, j) => (rightAligned[j] ? c.padStart(widths[j]) : c.padEnd(widths[j])))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

function banda(lang: Lang, b: string): string {
  return lang === "en" ? BANDA_EN[b as Banda] ?? b : b;
}

function mesLabel(lang: Lang, mes: string): string {
  const [y, m] = mes.split("-").map(Number);
  const names = lang === "es" ? MESES_ES : MESES_EN;
  return `${names[m - 1]} ${y}`;
}

export interface SummaryTextOptions {
  /** Include the commitments per month (the demo leaves them out to stay short). */
  compromisos?: boolean;
}

/** The figures of a cut as a few aligned tables. */
export function formatSummary(r: ResumenJson, lang: Lang, opts: SummaryTextOptions = {}): string {
  const out: string[] = [];
  const title = [r.plan, String(r.vigenciaAnio)].filter(Boolean).join(" ");
  out.push(r.entidad ? `${title} — ${r.entidad}` : title);
  out.push(t(lang, "cutTitle", r.corte, monthsLabel(r.corte, lang)), "");

  const num = (n: number) => String(n);
  out.push(
    ...table(
      [t(lang, "colPeriod"), t(lang, "colProgramado"), t(lang, "colEjecutado"), t(lang, "colCumplimiento"), t(lang, "colEstado")],
      [
        [t(lang, "rowVigencia", spanLabel(r.corte, lang)), num(r.vigencia.programado), num(r.vigencia.ejecutado), percent(lang, r.vigencia.cumplimiento), banda(lang, r.vigencia.banda)],
        [
          t(lang, "rowCuatrimestre", r.corte, monthsLabel(r.corte, lang)),
          num(r.cuatrimestre.programado),
          num(r.cuatrimestre.ejecutado),
          percent(lang, r.cuatrimestre.cumplimiento),
          banda(lang, r.cuatrimestre.banda),
        ],
      ],
      [false, true, true, true, false],
    ),
  );
  out.push(t(lang, "anual", r.anual.programado, percent(lang, r.anual.avance)), "");

  out.push(
    ...table(
      [t(lang, "colDependencia"), t(lang, "colProgramado"), t(lang, "colEjecutado"), t(lang, "colCumplimiento"), t(lang, "colEstado")],
      r.dependencias.map((d) => [
        `3.${d.numero} ${d.sigla ?? d.nombre}`,
        num(d.programado),
        num(d.ejecutado),
        percent(lang, d.cumplimiento),
        banda(lang, d.banda),
      ]),
      [false, true, true, true, false],
    ),
  );

  if (opts.compromisos && r.compromisos.length) {
    out.push("", t(lang, "compromisosTitle"));
    out.push(
      ...table(
        [t(lang, "colMes"), t(lang, "colRecogidos"), t(lang, "colACargo"), t(lang, "colCumplido"), t(lang, "colPctCumplido")],
        r.compromisos.map((m) => [mesLabel(lang, m.mes), num(m.recogidos), num(m.aCargo), num(m.cumplido), percent(lang, m.porcentajeCumplido)]),
        [false, true, true, true, true],
      ),
    );
  }
  return out.join("\n") + "\n";
}
