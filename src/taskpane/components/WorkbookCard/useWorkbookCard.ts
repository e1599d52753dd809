import * as React from "react";
import { useId } from "@fluentui/react-components";
import type { Textos } from "../../i18n";
import type { EstadoLibroVista } from "../../services/paneEngine";
import type { VistaLibro, WorkbookCardProps, WorkbookCardState } from "./WorkbookCard.types";

/**
 * The state card's content. "Preparar libro" shows while an input sheet is missing; "Cargar
 * ejemplo 2021" while there is no activity (the engine loads the example into an empty workbook only).
 *
 * @example vistaLibro(null, t).cargando === true
 */
export function vistaLibro(estado: EstadoLibroVista | null, t: Textos): VistaLibro {
  if (!estado) return { cargando: true, hojas: [], cifras: [], vacio: null, mostrarPreparar: false, mostrarEjemplo: false };
  const hojas = estado.hojas.map((h) => ({
    nombre: h.nombre,
    presente: h.presente,
    texto: h.presente ? t.libro.presente : h.requerida ? t.libro.falta : `${t.libro.falta} (${t.libro.opcional})`,
  }));
  const actividadesPresente = estado.hojas.some((h) => h.requerida && h.presente);
  const cifras = [
    { etiqueta: t.libro.actividades, valor: t.numero(estado.actividades) },
    { etiqueta: t.libro.dependencias, valor: t.numero(estado.dependencias) },
    { etiqueta: t.libro.compromisos, valor: t.numero(estado.compromisos) },
    // A year is not a quantity: no thousands separator ("2021", never "2.021").
    { etiqueta: t.libro.vigencia, valor: estado.vigencia === null ? t.libro.sinDato : String(estado.vigencia) },
    { etiqueta: t.libro.corte, valor: estado.corte === null ? t.libro.sinDato : t.generar.corteOpcion(estado.corte) },
  ];
  const sinPlan = estado.actividades === 0;
  return {
    cargando: false,
    hojas,
    cifras,
    vacio: sinPlan ? (actividadesPresente ? t.libro.sinActividades : t.libro.vacio) : null,
    mostrarPreparar: estado.hojas.some((h) => !h.presente),
    mostrarEjemplo: sinPlan,
  };
}

/** Whether keyboard focus was dropped (its element left the page). */
export function focoPerdido(doc: Document | undefined = typeof document === "undefined" ? undefined : document): boolean {
  return !!doc && (doc.activeElement === null || doc.activeElement === doc.body);
}

export function useWorkbookCard(props: WorkbookCardProps): WorkbookCardState {
  const headingId = useId("libro-");
  const actualizarRef = React.useRef<HTMLButtonElement>(null);
  const vista = vistaLibro(props.estado, props.t);
  // "Preparar libro" and "Cargar ejemplo" disappear once done; a keyboard user must not be sent back to the top.
  const { mostrarPreparar, mostrarEjemplo } = vista;
  // Only on a change, never at mount: focusing the pane on load would take focus from Excel's grid.
  const previo = React.useRef({ mostrarPreparar, mostrarEjemplo });
  React.useEffect(() => {
    const p = previo.current;
    previo.current = { mostrarPreparar, mostrarEjemplo };
    const desaparecio = (p.mostrarPreparar && !mostrarPreparar) || (p.mostrarEjemplo && !mostrarEjemplo);
    if (desaparecio && focoPerdido()) actualizarRef.current?.focus();
  }, [mostrarPreparar, mostrarEjemplo]);
  return { ...props, ...vista, headingId, actualizarRef };
}
