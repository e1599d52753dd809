/**
 * "Generar informe": reads the inputs, validates them, and writes the report of a cut into the open
 * workbook, safely and in three round trips while the inputs fit in one read and the writes in one
 * 4 MB request:
 *
 *   1. read: the sheet list, the registry and the inputs (one request for inputs of up to some 5,000
 *      rows; more for inputs that are not where the contract puts them, and one per ~3.5 MB of cells
 *      for longer ones, each response under Excel on the web's 5 MB: see read.ts);
 *   2. write: everything, queued in one request (more only past 4 MB, one per 4 MB chunk);
 *   3. the registry with the new sheets' ids, sent by the sync `Excel.run` makes when the batch ends.
 *
 * Safety: the add-in deletes only sheets its registry lists by id. The new report is built first,
 * under temporary sheet and table names that no one else uses; only then are the old report's sheets
 * deleted and the new ones renamed. If Excel fails halfway, the last report is still whole, and the
 * temporary sheets (recorded as pending before any of them is created) are removed by the next
 * generation. An official's own sheet that bears a report name keeps it; the report's sheet takes
 * another name and the result says so.
 */
import {
  HOJA_ACTIVIDADES,
  HOJA_COMPROMISOS,
  hasErrors,
  resumenJson,
  type Cuatrimestre,
  type Problem,
  type RawWorkbook,
  type ResumenJson,
  type SourceLayout,
} from "../domain";
import { parseWorkbook } from "../domain/parse";
import { buildReport } from "../report/build";
import { reportSheetNames } from "../report/names";
import type { WorkbookSpec } from "../report/spec";
import { applyOps, MAX_BLOCK_BYTES, MAX_REQUEST_BYTES, OP_OVERHEAD_BYTES, payloadBytes, type WriteOp } from "./batch";
import { computedColumnOps, idFillOps, makeTableOps, targetOf, trimHeaderOps, writtenHeaders, type InputTableTarget } from "./columns";
import { ExcelEngineError, toEngineError } from "./errors";
import { renameInFormula, splitReference } from "./formula-names";
import { readSnapshot, type ExcelRun } from "./read";
import { idsPropios, queueRegistroLoad, queueRegistroSave, type HojaRegistrada, type Registro } from "./registry";
import { capabilities, Notices, type Capabilities, type IsSetSupported } from "./requirements";
import { namesOps, sheetPhases, type RenderEnv } from "./write";

export interface GenerarOpciones {
  /** `Excel.run`, or the strict Excel's `run` in tests. */
  run: ExcelRun;
  /** The cut; default: the Cuatrimestre of Configuración (or the latest with executions). */
  cut?: Cuatrimestre;
  isSetSupported?: IsSetSupported;
  /** "Now", for the title block and the registry. */
  now?: () => Date;
  /** Told the stage in Spanish as the work advances ("Escribiendo el informe"). */
  onProgress?: (stage: string) => void;
  /** The random part of the temporary names (tests fix it). */
  token?: () => string;
  /** Chunk limit in bytes (tests lower it to exercise chunking). */
  limitBytes?: number;
}

export interface HojaGenerada {
  name: string;
  key: string;
  id: string;
}

export type ResultadoGeneracion =
  | {
      status: "generado";
      cut: Cuatrimestre;
      /** The headline figures with their bands, as `pipc summary --json`. */
      resumen: ResumenJson;
      sheets: HojaGenerada[];
      /** Spanish notices: renamed sheets, features this Excel lacks. */
      notices: string[];
      /** Warnings found by validation (errors refuse the generation). */
      problems: Problem[];
      /** Round trips this generation made (the last one included). */
      syncs: number;
    }
  | { status: "errores"; problems: Problem[] };

/** Progress stages, in order. */
export const ETAPAS = {
  leyendo: "Leyendo el libro",
  validando: "Validando los datos",
  escribiendo: "Escribiendo el informe",
  registrando: "Guardando el registro del informe",
} as const;

function randomToken(): string {
  return Math.floor(Math.random() * 0x1000000).toString(16).toUpperCase().padStart(6, "0");
}

/** Queues the suspension of calculation and screen updating (both last until the next sync). */
export function suspendOp(context: Excel.RequestContext, caps: Capabilities): () => void {
  return () => {
    if (caps.suspendCalculation) context.application.suspendApiCalculationUntilNextSync();
    if (caps.suspendScreenUpdating) context.application.suspendScreenUpdatingUntilNextSync();
  };
}

type ParsedPlan = NonNullable<ReturnType<typeof parseWorkbook>["plan"]>;

/**
 * The operations that write the report's own columns into the input tables: a plain-sheet
 * Actividades or Compromisos becomes a table with the contract's name (the report's structured
 * references name it), then the ID fills, then the computed columns.
 */
function inputColumnOps(context: Excel.RequestContext, plan: ParsedPlan, raw: RawWorkbook, spec: WorkbookSpec, env: RenderEnv): WriteOp[] {
  const ops: WriteOp[] = [];
  const targets: InputTableTarget[] = [];
  const sources: [SourceLayout | null, string][] = [
    [plan.sources.actividades, HOJA_ACTIVIDADES],
    [plan.sources.compromisos, HOJA_COMPROMISOS],
  ];
  for (const [layout, canonical] of sources) {
    if (!layout) continue;
    const target = targetOf(layout, layout.tableName ?? canonical);
    // Headers first: a table made from the sheet, and the formulas, then name them trimmed.
    ops.push(...trimHeaderOps(context, target, writtenHeaders(raw, layout)));
    if (layout.tableName === null) {
      // A table needs a data row under its headers, even when the sheet has none yet.
      target.lastRow = Math.max(target.lastRow, target.headerRow + 1);
      ops.push(...makeTableOps(context, target, layout.lastCol));
    }
    targets.push(target);
  }
  const find = (table: string) => targets.find((t) => t.table.toUpperCase() === table.toUpperCase());
  for (const fill of spec.idFills ?? []) {
    const t = find(fill.table);
    if (t) ops.push(...idFillOps(context, t, fill));
  }
  for (const cc of spec.computedColumns) {
    const t = find(cc.table);
    if (t) ops.push(...computedColumnOps(context, t, cc, env));
  }
  return ops;
}

/**
 * Generates the report of a cut into the open workbook. Refuses (status "errores", nothing written)
 * when validation finds errors.
 *
 * @example
 * const r = await generarInforme({ run: Excel.run, cut: "III", onProgress: console.log });
 * if (r.status === "generado") r.resumen.vigencia.cumplimiento; // 1.1304...
 */
export async function generarInforme(opts: GenerarOpciones): Promise<ResultadoGeneracion> {
  const now = opts.now ?? (() => new Date());
  const progress = opts.onProgress ?? (() => undefined);
  const caps = capabilities(opts.isSetSupported);
  const notices = new Notices();
  try {
    return await opts.run(async (context) => {
      let syncs = 0;
      progress(ETAPAS.leyendo);
      const read = await readSnapshot(context, () => queueRegistroLoad(context));
      syncs += read.syncs;
      const snap = read.snap;
      const registro = read.alongside();

      progress(ETAPAS.validando);
      const { plan, problems } = parseWorkbook(snap.raw, { today: now() });
      if (!plan || hasErrors(problems)) return { status: "errores" as const, problems };
      const cut = opts.cut ?? plan.config.cuatrimestre;

      // What the add-in owns and may replace, and what it must leave alone.
      const present = new Map(snap.sheets.map((s) => [s.id, s]));
      const oldReport = registro.generadas.filter((h) => present.has(h.id));
      const owned = idsPropios(registro);
      const pending = new Set((registro.pendientes?.names ?? []).map((n) => n.toUpperCase()));
      const leftovers = snap.sheets.filter((s) => pending.has(s.name.toUpperCase()) && !owned.has(s.id));
      const replaced = new Set([...oldReport.map((h) => h.id), ...leftovers.map((s) => s.id)]);
      const taken = snap.sheets.filter((s) => !replaced.has(s.id)).map((s) => s.name);
      const generatedAt = now();
      const spec = buildReport(plan, cut, { takenSheetNames: taken, generatedAt });

      // Table names are unique in the whole workbook (and shared with defined names): a table of
      // the official's with a name the report needs would make the renames fail after the old
      // report is gone, so it stops everything here, before any write.
      for (const t of spec.sheets.flatMap((s) => s.tables)) {
        const clash = snap.tables.find((x) => x.name.toUpperCase() === t.name.toUpperCase() && !replaced.has(x.sheetId));
        const nameClash = snap.names.find((n) => n.toUpperCase() === t.name.toUpperCase());
        if (clash || nameClash) {
          const where = clash ? `la tabla «${clash.name}» de la hoja «${clash.sheet}»` : `el nombre definido «${nameClash}»`;
          throw new ExcelEngineError("name-taken", {
            es: `El informe necesita el nombre «${t.name}» para una de sus tablas, y ${where} ya lo usa. Cámbiele el nombre (Diseño de tabla > Nombre de la tabla, o Fórmulas > Administrador de nombres) y vuelva a generar el informe.`,
            en: `The report needs the name "${t.name}" for one of its tables, and ${clash ? `the table "${clash.name}" on the sheet "${clash.sheet}"` : `the defined name "${nameClash}"`} already uses it. Rename it (Table Design > Table Name, or Formulas > Name Manager) and generate the report again.`,
          });
        }
      }

      const wanted = new Map(reportSheetNames(plan.dependencias, []).all.map((w) => [w.key, w.name]));
      for (const s of spec.sheets) {
        const w = wanted.get(s.key);
        if (w && w !== s.name) {
          notices.add(`La hoja «${w}» no la creó el complemento y se dejó como está; la hoja generada se llama «${s.name}». Cambie el nombre de su hoja si quiere que el informe use «${w}».`);
        }
      }

      // Temporary names: random per generation, checked against the workbook anyway.
      const existing = new Set([...snap.sheets.map((s) => s.name.toUpperCase()), ...snap.tableNames.map((t) => t.toUpperCase())]);
      let token = (opts.token ?? randomToken)();
      while (spec.sheets.some((_, i) => existing.has(`PIPC ${token} ${i + 1}`.toUpperCase()))) token = randomToken();
      const tempSheet = spec.sheets.map((_, i) => `PIPC ${token} ${i + 1}`);
      const sheetMap = new Map(spec.sheets.map((s, i) => [s.name.toUpperCase(), tempSheet[i]]));
      const tables = spec.sheets.flatMap((s) => s.tables.map((t) => t.name));
      const tableMap = new Map(tables.map((t, i) => [t.toUpperCase(), `PIPC_${token}_T${i + 1}`]));
      const newSheets: Excel.Worksheet[] = [];

      const mapFormula = (f: string) => renameInFormula(f, sheetMap, tableMap);
      const env: RenderEnv = {
        caps,
        notices,
        maxBlockBytes: Math.min(MAX_BLOCK_BYTES, Math.floor((opts.limitBytes ?? MAX_REQUEST_BYTES) / 4)),
        formula: mapFormula,
        tableName: (n) => tableMap.get(n.toUpperCase()) ?? n,
        rangeOf: (ref) => {
          const r = splitReference(ref);
          if (!r) throw new Error(`Referencia de gráfico no válida: ${ref}`);
          const i = spec.sheets.findIndex((s) => s.name.toUpperCase() === r.sheet.toUpperCase());
          return i >= 0 ? newSheets[i].getRange(r.address) : context.workbook.worksheets.getItem(r.sheet).getRange(r.address);
        },
      };
      const inputEnv: RenderEnv = { ...env, formula: undefined, tableName: undefined };

      progress(ETAPAS.escribiendo);
      const ops: WriteOp[] = [];
      const pendiente: Registro = { ...registro, generadas: oldReport, pendientes: { token, names: tempSheet } };
      ops.push({ bytes: payloadBytes(pendiente), label: "registro: hojas temporales", apply: () => queueRegistroSave(context, pendiente) });
      const existingNames = new Set(snap.names.map((n) => n.toUpperCase()));
      const late = spec.names.filter((n) => mapFormula(n.refersTo) !== n.refersTo);
      const early = spec.names.filter((n) => !late.includes(n));
      ops.push(...namesOps(context, early, existingNames, {}));
      for (const n of early) existingNames.add(n.name.toUpperCase());
      ops.push(...inputColumnOps(context, plan, snap.raw, spec, inputEnv));
      spec.sheets.forEach((s, i) => {
        ops.push({
          bytes: payloadBytes(tempSheet[i]),
          label: `hoja ${s.name} (${tempSheet[i]})`,
          apply: () => {
            newSheets[i] = context.workbook.worksheets.add(tempSheet[i]);
          },
        });
      });
      const phases = spec.sheets.map((s, i) => sheetPhases(s, () => newSheets[i], env));
      for (const p of phases) ops.push(...p.structure);
      for (const p of phases) ops.push(...p.formulas);
      for (const p of phases) ops.push(...p.finish);
      // Only now does the old report go.
      for (const id of replaced) {
        ops.push({ bytes: OP_OVERHEAD_BYTES, label: `borrar hoja ${present.get(id)?.name}`, apply: () => context.workbook.worksheets.getItem(id).delete() });
      }
      spec.sheets.forEach((s, i) => {
        ops.push({ bytes: payloadBytes(s.name), label: `renombrar ${tempSheet[i]} a ${s.name}`, apply: () => {
          newSheets[i].name = s.name;
        } });
      });
      for (const t of tables) {
        const temp = tableMap.get(t.toUpperCase())!;
        ops.push({ bytes: payloadBytes(t), label: `renombrar tabla ${temp} a ${t}`, apply: () => {
          context.workbook.tables.getItem(temp).name = t;
        } });
      }
      ops.push(...namesOps(context, late, existingNames, {}));
      ops.push({
        bytes: OP_OVERHEAD_BYTES * (1 + spec.sheets.length),
        label: "activar y leer ids",
        apply: () => {
          if (newSheets[0]) newSheets[0].activate();
          for (const ws of newSheets) ws.load("id,name");
        },
      });
      const applied = await applyOps(context, ops, { limit: opts.limitBytes, onChunkStart: suspendOp(context, caps) });
      syncs += applied.syncs;
      await context.sync();
      syncs++;

      progress(ETAPAS.registrando);
      const sheets: HojaGenerada[] = spec.sheets.map((s, i) => ({ name: newSheets[i].name, key: s.key, id: newSheets[i].id }));
      const final: Registro = {
        ...registro,
        generadas: sheets.map((s): HojaRegistrada => ({ id: s.id, key: s.key, name: s.name })),
        pendientes: null,
        ultimaGeneracion: { fecha: generatedAt.toISOString(), cuatrimestre: cut, vigencia: plan.config.vigencia },
      };
      // Sent by the sync Excel.run makes when this batch returns: the third round trip.
      queueRegistroSave(context, final);
      syncs++;
      return {
        status: "generado" as const,
        cut,
        resumen: resumenJson(plan, cut),
        sheets,
        notices: notices.all(),
        problems,
        syncs,
      };
    });
  } catch (e) {
    throw toEngineError(e);
  }
}
