import { useId } from "@fluentui/react-components";
import { BANDAS, COLORES_BANDA, type Banda } from "../../../domain";
import type { Textos } from "../../i18n";
import type { ResultadoVista } from "../../services/paneEngine";
import type { BandaVista, ResultCardProps, ResultCardState, VistaResultado } from "./ResultCard.types";

/** The badge of a band named as the report names it (unknown names get the neutral grey). */
export function bandaVista(nombre: string, t: Textos): BandaVista {
  const banda: Banda = (BANDAS as readonly string[]).includes(nombre) ? (nombre as Banda) : "Sin programación";
  const c = COLORES_BANDA[banda];
  return { texto: t.banda(banda), fondo: `#${c.fill}`, letra: `#${c.font}` };
}

/**
 * The result card's figures, formatted: the vigencia (January to the cut) and the cuatrimestre
 * alone, each with programado, ejecutado, compliance and band.
 *
 * @example vistaResultado(r2021III, textos("es")).bloques.map((b) => b.cumplimiento) // ["113 %", "125 %"]
 */
export function vistaResultado(r: ResultadoVista, t: Textos): VistaResultado {
  const { resumen, corte } = r;
  const bloque = (id: "vigencia" | "cuatrimestre", titulo: string, c: ResultadoVista["resumen"]["vigencia"]) => ({
    id,
    titulo,
    programado: t.numero(c.programado),
    ejecutado: t.numero(c.ejecutado),
    cumplimiento: c.cumplimiento === null ? t.resultado.sinProgramacion : t.porcentaje(c.cumplimiento),
    banda: bandaVista(c.banda, t),
  });
  return {
    titulo: t.resultado.titulo(corte, resumen.vigenciaAnio),
    bloques: [
      bloque("vigencia", t.resultado.vigencia(corte), resumen.vigencia),
      bloque("cuatrimestre", t.resultado.cuatrimestre(corte), resumen.cuatrimestre),
    ],
    hojas: r.hojas.map((nombre) => ({ nombre, etiqueta: t.resultado.irAHoja(nombre) })),
    avisos: r.avisos,
  };
}

export function useResultCard(props: ResultCardProps): ResultCardState {
  const headingId = useId("resultado-");
  return { ...props, headingId, vista: props.resultado ? vistaResultado(props.resultado, props.t) : null };
}
