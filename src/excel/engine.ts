/**
 * The add-in engine: what the task pane and the ribbon commands call. Every action runs in its own
 * `Excel.run` (injectable: the strict Excel's `run` in tests), speaks Spanish to the official, and
 * fails only with an ExcelEngineError whose message says what to do.
 *
 * @example
 * const engine = createEngine({ run: Excel.run });
 * const estado = await engine.estadoLibro();
 * if (!estado.entradas.Actividades) await engine.prepararLibro();
 * const r = await engine.generarResumen("III", (etapa) => setStage(etapa));
 */
import {
  HOJA_ACTIVIDADES,
  HOJA_COMPROMISOS,
  HOJA_CONFIGURACION,
  HOJA_DEPENDENCIAS,
  hasErrors,
  type ClaveConfiguracion,
  type Cuatrimestre,
  type Problem,
} from "../domain";
import { parseWorkbook } from "../domain/parse";
import { guardarConfiguracion, leerConfiguracion, type ConfiguracionLeida, type ValorConfiguracion } from "./configuracion";
import { ExcelEngineError, toEngineError } from "./errors";
import { splitReference } from "./formula-names";
import { generarInforme, type ResultadoGeneracion } from "./generate";
import { cargarEjemplo, prepararLibro, type ResultadoEjemplo, type ResultadoPreparacion } from "./prepare";
import { publicarCorte, type ResultadoPublicacion } from "./publish";
import { readSnapshot, type ExcelRun } from "./read";
import { queueRegistroLoad } from "./registry";
import { capabilities, type Capabilities, type IsSetSupported } from "./requirements";

export type { ExcelRun } from "./read";
export type { ResultadoGeneracion, HojaGenerada } from "./generate";
export type { ResultadoPublicacion } from "./publish";
export type { ResultadoPreparacion, ResultadoEjemplo } from "./prepare";
export type { ConfiguracionLeida, ValorConfiguracion } from "./configuracion";
export { ExcelEngineError } from "./errors";

export interface EngineOptions {
  /** `Excel.run` in the add-in; the strict Excel's `run` in tests. */
  run: ExcelRun;
  /** `Office.context.requirements.isSetSupported`; default: Office's own. */
  isSetSupported?: IsSetSupported;
  now?: () => Date;
}

export interface EstadoLibro {
  /** Which inputs exist (as a table or a sheet), by canonical name. */
  entradas: Record<"Actividades" | "Compromisos" | "Dependencias" | "Configuración", boolean>;
  actividades: number;
  dependencias: number;
  compromisos: number;
  vigencia: number | null;
  /** The cut in force (Configuración, or the latest with executions). */
  cuatrimestre: Cuatrimestre | null;
  errores: number;
  avisos: number;
  /** The live report's sheets (present in the workbook). */
  informe: { name: string; key: string; id: string }[];
  ultimaGeneracion: { fecha: string; cuatrimestre: Cuatrimestre; vigencia: number } | null;
  cortes: { corte: string; publicado: string; hojas: string[] }[];
  capacidades: Capabilities;
}

/** The facade. */
export interface PipcEngine {
  /** What the workbook holds, for the task pane's first screen. One round trip (more for inputs of over some 5,000 rows, read in blocks). */
  estadoLibro(): Promise<EstadoLibro>;
  /** Creates what is missing of the input sheets; never overwrites typed values. */
  prepararLibro(): Promise<ResultadoPreparacion>;
  /** Loads the 2021 example into a workbook without data (refuses otherwise). */
  cargarEjemplo(): Promise<ResultadoEjemplo>;
  /** Every problem of the inputs (errors and warnings), in sheet order. */
  validar(): Promise<Problem[]>;
  /** Generates the report of a cut; status "errores" (nothing written) when the data has errors. */
  generarResumen(cut?: Cuatrimestre, onProgress?: (stage: string) => void): Promise<ResultadoGeneracion>;
  /** Publishes the cut of the last generation; "ya-publicado" asks before replacing. */
  publicarCorte(confirmar?: boolean): Promise<ResultadoPublicacion>;
  /** Activates the sheet and selects the cell (or range) of a Problem.ref ("Actividades!F7"). */
  seleccionarCelda(ref: string): Promise<void>;
  /** Activates a sheet by name. */
  activarHoja(name: string): Promise<void>;
  leerConfiguracion(): Promise<ConfiguracionLeida>;
  /** Writes Configuración values (null or "" empties a value: the default applies). */
  guardarConfiguracion(values: Partial<Record<ClaveConfiguracion, ValorConfiguracion>>): Promise<{ notices: string[] }>;
}

/** Builds the engine over an `Excel.run`. */
export function createEngine(options: EngineOptions): PipcEngine {
  const { run } = options;
  const now = options.now ?? (() => new Date());
  const common = { run, isSetSupported: options.isSetSupported, now };

  async function seleccionar(ref: string, wholeSheet: boolean): Promise<void> {
    const parsed = wholeSheet ? null : splitReference(ref);
    const sheetName = parsed ? parsed.sheet : ref.replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    const address = parsed?.address ?? null;
    try {
      await run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name");
        const ws = sheets.getItemOrNullObject(sheetName);
        ws.activate();
        if (address) ws.getRange(address).select();
        await context.sync();
        if (!ws.isNullObject) return;
        // A sheet renamed in case or accents since validation: the forgiving match of the contract.
        const key = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase();
        const found = sheets.items.find((s) => key(s.name) === key(sheetName));
        if (!found) {
          throw new ExcelEngineError("bad-reference", {
            es: `No existe la hoja «${sheetName}» en el libro: puede que se haya renombrado o eliminado. Valide de nuevo para actualizar la lista.`,
            en: `The sheet "${sheetName}" does not exist in the workbook: it may have been renamed or deleted. Validate again to refresh the list.`,
          });
        }
        const other = sheets.getItem(found.name);
        other.activate();
        if (address) other.getRange(address).select();
        await context.sync();
      });
    } catch (e) {
      throw toEngineError(e);
    }
  }

  return {
    async estadoLibro() {
      try {
        return await run(async (context) => {
          const { snap, alongside: getRegistro } = await readSnapshot(context, () => queueRegistroLoad(context));
          const registro = getRegistro();
          const { plan, problems } = parseWorkbook(snap.raw, { today: now() });
          const exists = (canonical: string) => snap.inputTables[canonical] !== undefined || snap.inputSheets[canonical] !== undefined;
          const present = new Map(snap.sheets.map((s) => [s.id, s.name]));
          return {
            entradas: {
              Actividades: exists(HOJA_ACTIVIDADES),
              Compromisos: exists(HOJA_COMPROMISOS),
              Dependencias: exists(HOJA_DEPENDENCIAS),
              Configuración: exists(HOJA_CONFIGURACION),
            },
            actividades: plan?.actividades.length ?? 0,
            dependencias: plan?.dependencias.length ?? 0,
            compromisos: plan?.compromisos.length ?? 0,
            vigencia: plan?.config.vigencia ?? null,
            cuatrimestre: plan?.config.cuatrimestre ?? null,
            errores: problems.filter((p) => p.severity === "error").length,
            avisos: problems.filter((p) => p.severity === "warning").length,
            informe: registro.generadas.filter((h) => present.has(h.id)).map((h) => ({ name: present.get(h.id)!, key: h.key, id: h.id })),
            ultimaGeneracion: registro.ultimaGeneracion,
            cortes: registro.cortes.map((c) => ({ corte: c.corte, publicado: c.publicado, hojas: c.hojas.filter((h) => present.has(h.id)).map((h) => present.get(h.id)!) })),
            capacidades: capabilities(options.isSetSupported),
          };
        });
      } catch (e) {
        throw toEngineError(e);
      }
    },
    prepararLibro: () => prepararLibro(common),
    cargarEjemplo: () => cargarEjemplo(common),
    async validar() {
      try {
        return await run(async (context) => {
          const { snap } = await readSnapshot(context);
          return parseWorkbook(snap.raw, { today: now() }).problems;
        });
      } catch (e) {
        throw toEngineError(e);
      }
    },
    generarResumen: (cut, onProgress) => generarInforme({ ...common, cut, onProgress }),
    publicarCorte: (confirmar) => publicarCorte({ ...common, confirmar }),
    seleccionarCelda: (ref) => seleccionar(ref, false),
    activarHoja: (name) => seleccionar(name, true),
    leerConfiguracion: () => leerConfiguracion(common),
    guardarConfiguracion: (values) => guardarConfiguracion({ ...common, valores: values }),
  };
}

/** Whether a list of problems blocks generation (errors, not warnings). */
export function bloquea(problems: readonly Problem[]): boolean {
  return hasErrors(problems);
}
