/** The rows of `Compromisos`. */
import { ESTADOS } from "../contract";
import { CAMPOS_COMPROMISOS, type CampoCompromiso, type Compromiso, type EstadoCompromiso } from "../model";
import type { RawCell } from "../raw";
import { claveComoFormula } from "../text";
import { assignIds } from "./ids";
import type { Located } from "./locate";
import { RowReader } from "./rows";
import { isBlankValue, isErrorCell, isoToDmy, reportFormulaError, show, type ProblemList } from "./values";

/** A commitment with the cells later checks point at. */
export interface CompromisoLeido {
  compromiso: Compromiso;
  fechaCell: RawCell;
  fechaCorteCell: RawCell | null;
}

/** "cumplido", "EN AVANCE", " Sin Iniciar " -> the contract's spelling; blank -> "Por reportar". */
export function parseEstado(v: unknown): EstadoCompromiso | null {
  if (v === null || v === undefined) return "Por reportar";
  if (typeof v !== "string") return null;
  // As the tracker's formulas compare it (claveComoFormula): what validation accepts is counted.
  const k = claveComoFormula(v);
  if (k === "") return "Por reportar";
  return ESTADOS.find((e) => claveComoFormula(e) === k) ?? null;
}

/**
 * Every non-blank row of Compromisos. A row without a usable Fecha is reported and left out: it
 * cannot be placed in any month.
 */
export function parseCompromisos(input: Located<CampoCompromiso>, problems: ProblemList): CompromisoLeido[] {
  const r = new RowReader(input, problems);
  const filas = input.rows.filter((row) => !r.isBlank(row, CAMPOS_COMPROMISOS));
  const ids = assignIds(
    filas.map((row) => ({ typed: r.keyText(row, "id"), cell: r.cell(row, "id") })),
    "C",
    input.sheet,
    r.header("id", "ID"),
    problems,
  );
  const out: CompromisoLeido[] = [];
  filas.forEach((row, i) => {
    const fechaCell = r.cell(row, "fecha")!;
    let fecha: string | null = null;
    if (isBlankValue(fechaCell.value) && !isErrorCell(fechaCell)) {
      r.missing(fechaCell, "fecha", "escriba la fecha de la sesión (dd/mm/aaaa)", "enter the session's date (dd/mm/yyyy)");
    } else fecha = r.date(row, "fecha");
    const compromiso = r.requiredText(row, "compromiso", "escriba el texto del compromiso", "enter the commitment's text");
    const responsable = r.requiredText(
      row,
      "responsable",
      "escriba quién debe cumplirlo: una dependencia (nombre o sigla) u otra entidad",
      "enter who must fulfil it: an office (name or sigla) or another entity",
      // Compared again by the tracker's formulas: trimmed as they trim (a thin space stays, and the
      // spelling with it is the one the formulas look for).
      true,
    );
    let estado: EstadoCompromiso = "Por reportar";
    const estadoCell = r.cell(row, "estado");
    if (estadoCell && !reportFormulaError(estadoCell, r.ctx("estado"))) {
      const e = parseEstado(estadoCell.value);
      if (e) estado = e;
      else {
        const h = r.header("estado", "Estado");
        problems.add(
          "unknown-estado",
          "error",
          input.sheet,
          estadoCell.address,
          `${show(estadoCell.value, "es")} no es un estado válido en «${h}»: escriba Cumplido, En avance, Sin iniciar o Por reportar (o deje la celda vacía, que cuenta como Por reportar).`,
          `${show(estadoCell.value, "en")} is not a valid status in "${h}": enter Cumplido, En avance, Sin iniciar or Por reportar (or leave the cell empty, which counts as Por reportar).`,
        );
      }
    }
    const fechaCorte = r.date(row, "fechaCorte");
    const fechaCorteCell = r.cell(row, "fechaCorte");
    if (fecha && fechaCorte && fechaCorteCell && fechaCorte < fecha) {
      const hc = r.header("fechaCorte", "Fecha de corte");
      const hf = r.header("fecha", "Fecha");
      problems.add(
        "corte-before-fecha",
        "warning",
        input.sheet,
        fechaCorteCell.address,
        `la «${hc}» (${isoToDmy(fechaCorte)}) es anterior a la «${hf}» de la sesión (${isoToDmy(fecha)}, ${input.sheet}!${fechaCell.address}): un estado no puede reportarse antes de adquirir el compromiso; revise las dos fechas.`,
        `the "${hc}" (${fechaCorte}) is earlier than the session's "${hf}" (${fecha}, ${input.sheet}!${fechaCell.address}): a status cannot be reported before the commitment was made; check both dates.`,
      );
    }
    if (!fecha) return;
    out.push({
      compromiso: {
        id: ids[i].id,
        idGenerado: ids[i].idGenerado,
        fecha,
        mesa: r.text(row, "mesa"),
        compromiso,
        responsable,
        estado,
        fechaCorte,
        observaciones: r.text(row, "observaciones"),
        fila: row.fila,
      },
      fechaCell,
      fechaCorteCell,
    });
  });
  return out;
}
