/** The rows of `Actividades`. */
import { COLUMNAS_ACTIVIDADES_ENTRADA } from "../contract";
import { CUATRIMESTRES } from "../cuatrimestre";
import type { Actividad, CampoActividad, PorCuatrimestre } from "../model";
import type { DependencyIndex } from "./dependencias";
import { assignIds } from "./ids";
import type { Fila, Located } from "./locate";
import { RowReader } from "./rows";
import type { ProblemList } from "./values";

/** The fields typed by the officials; the computed ones are the add-in's output and never read. */
const ENTRADA: CampoActividad[] = COLUMNAS_ACTIVIDADES_ENTRADA.map((c) => c.field);

const PROGRAMADO = ["programado1", "programado2", "programado3"] as const;
const EJECUTADO = ["ejecutado1", "ejecutado2", "ejecutado3"] as const;

export interface DependencyResolution {
  index: DependencyIndex;
  /** True when the offices come from the Dependencias sheet (an unknown one is then an error). */
  fromSheet: boolean;
  /** Where they come from, for messages. */
  sheet: string;
}

/**
 * Every non-blank row of Actividades as an Actividad. Bad cells are reported and count as 0 (or
 * ""), so one slip never hides the rest of the plan.
 */
export function parseActividades(input: Located<CampoActividad>, deps: DependencyResolution, problems: ProblemList): Actividad[] {
  const r = new RowReader(input, problems);
  const filas: Fila[] = input.rows.filter((row) => !r.isBlank(row, ENTRADA));
  const ids = assignIds(
    filas.map((row) => ({ typed: r.keyText(row, "id"), cell: r.cell(row, "id") })),
    "A",
    input.sheet,
    r.header("id", "ID"),
    problems,
  );
  return filas.map((row, i) => {
    const dependenciaTexto = r.requiredText(
      row,
      "dependencia",
      "escriba el nombre o la sigla de la dependencia responsable",
      "enter the name or sigla of the responsible office",
    );
    const actividad = r.requiredText(row, "actividad", "escriba el texto de la actividad", "enter the activity's text");
    let dependencia = dependenciaTexto;
    if (dependenciaTexto) {
      const found = deps.fromSheet ? deps.index.find(dependenciaTexto) : deps.index.addFromActividades(dependenciaTexto);
      if (found) dependencia = found.nombre;
      else {
        const cell = r.cell(row, "dependencia")!;
        problems.add(
          "unknown-dependency",
          "error",
          input.sheet,
          cell.address,
          `«${dependenciaTexto}» no es una dependencia de la hoja «${deps.sheet}»: escriba el nombre o la sigla de una de ellas: ${deps.index.describe()}; o agregue la dependencia a la hoja «${deps.sheet}».`,
          `"${dependenciaTexto}" is not an office of the "${deps.sheet}" sheet: enter the name or sigla of one of them: ${deps.index.describe()}; or add the office to the "${deps.sheet}" sheet.`,
        );
      }
    }
    const programado: PorCuatrimestre = [0, 0, 0];
    const ejecutado: PorCuatrimestre = [0, 0, 0];
    for (let k = 0; k < 3; k++) {
      const p = r.count(row, PROGRAMADO[k]);
      const e = r.count(row, EJECUTADO[k]);
      programado[k] = p.value;
      ejecutado[k] = e.value;
      // When Programado itself is bad, it is already reported; a second message would only confuse.
      if (p.ok && p.value === 0 && e.value > 0) {
        const cell = r.cell(row, EJECUTADO[k])!;
        const hp = r.header(PROGRAMADO[k], `Programado ${CUATRIMESTRES[k]}`);
        const he = r.header(EJECUTADO[k], `Ejecutado ${CUATRIMESTRES[k]}`);
        const pc = r.cell(row, PROGRAMADO[k]);
        const at = pc ? ` (${input.sheet}!${pc.address})` : "";
        problems.add(
          "executed-without-programming",
          "warning",
          input.sheet,
          cell.address,
          `se ejecutaron ${e.value} productos en «${he}» sin nada programado en «${hp}»: la actividad queda en la banda «No programado». Escriba lo programado en «${hp}»${at} o revise lo ejecutado.`,
          `${e.value} products were executed in "${he}" with nothing programmed in "${hp}": the activity falls in the band "No programado" (executed without schedule). Enter what was programmed in "${hp}"${at} or check the executed value.`,
        );
      }
    }
    return {
      id: ids[i].id,
      idGenerado: ids[i].idGenerado,
      dependencia,
      dependenciaTexto,
      actividad,
      programado,
      ejecutado,
      responsable: r.text(row, "responsable"),
      evidencias: r.text(row, "evidencias"),
      observaciones: r.text(row, "observaciones"),
      fila: row.fila,
    };
  });
}
