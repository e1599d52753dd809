import { useId } from "@fluentui/react-components";
import type { Problem } from "../../../domain";
import type { Textos } from "../../i18n";
import type { GrupoProblemas, GrupoVista, ProblemsPanelProps, ProblemsPanelState } from "./ProblemsPanel.types";

/**
 * Problems grouped by sheet, errors before warnings inside each sheet and sheets with errors before
 * sheets with warnings only; otherwise the validation's own order (workbook order, then row, then
 * column) is kept, so the list reads like the workbook.
 *
 * @example agruparProblemas([w("Compromisos"), e("Actividades", "F7")]).map((g) => g.hoja) // ["Actividades", "Compromisos"]
 */
export function agruparProblemas(problemas: readonly Problem[]): GrupoProblemas[] {
  const grupos = new Map<string, Problem[]>();
  for (const p of problemas) {
    const g = grupos.get(p.sheet);
    if (g) g.push(p);
    else grupos.set(p.sheet, [p]);
  }
  const out: GrupoProblemas[] = [...grupos].map(([hoja, ps]) => {
    const errores = ps.filter((p) => p.severity === "error");
    const advertencias = ps.filter((p) => p.severity !== "error");
    return { hoja, errores: errores.length, advertencias: advertencias.length, problemas: [...errores, ...advertencias] };
  });
  // Array.prototype.sort is stable: sheets of equal rank keep their order.
  return out.sort((a, b) => Number(b.errores > 0) - Number(a.errores > 0));
}

/**
 * How many problems the list shows. A plan pasted from elsewhere can have thousands (a wrong column
 * repeats its problem on every row); the first ones, errors first, say what to fix.
 */
export const MAX_PROBLEMAS_VISTA = 100;

/** The problems the list shows: errors before warnings, at most `max`, in validation order otherwise. */
export function problemasVisibles(problemas: readonly Problem[], max = MAX_PROBLEMAS_VISTA): Problem[] {
  if (problemas.length <= max) return [...problemas];
  const errores = problemas.filter((p) => p.severity === "error");
  const avisos = problemas.filter((p) => p.severity !== "error");
  const keep = new Set([...errores, ...avisos].slice(0, max));
  return problemas.filter((p) => keep.has(p));
}

/** The groups with their texts in the pane's language. */
export function vistaProblemas(problemas: readonly Problem[], t: Textos): GrupoVista[] {
  return agruparProblemas(problemasVisibles(problemas)).map((g) => ({
    hoja: g.hoja,
    titulo: t.validacion.hoja(g.hoja, g.problemas.length),
    problemas: g.problemas.map((p, i) => ({
      key: `${p.ref}#${p.code}#${i}`,
      ref: p.ref,
      severidad: p.severity,
      etiqueta: p.severity === "error" ? t.validacion.error : t.validacion.advertencia,
      texto: p.message[t.idioma],
      irA: t.validacion.irA(p.ref),
    })),
  }));
}

/** The one-line summary: "2 errores y 1 advertencia." or "Sin problemas…". */
export function resumenProblemas(problemas: readonly Problem[], t: Textos): string {
  if (problemas.length === 0) return t.validacion.sinProblemas;
  const e = problemas.filter((p) => p.severity === "error").length;
  return t.validacion.resumen(e, problemas.length - e);
}

export function useProblemsPanel(props: ProblemsPanelProps): ProblemsPanelState {
  const headingId = useId("validacion-");
  const { problemas, t } = props;
  return {
    ...props,
    headingId,
    validado: problemas !== null,
    resumen: problemas ? resumenProblemas(problemas, t) : "",
    recortado: problemas && problemas.length > MAX_PROBLEMAS_VISTA ? t.validacion.recortado(MAX_PROBLEMAS_VISTA, problemas.length) : null,
    grupos: problemas ? vistaProblemas(problemas, t) : [],
  };
}
