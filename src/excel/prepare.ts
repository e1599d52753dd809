/**
 * "Preparar libro" and "Cargar ejemplo 2021": the input sheets of the contract, written into the
 * open workbook from the same sheet descriptions `pipc template` and `pipc sample` use.
 *
 * Preparar libro only adds: a missing input sheet (with its table, headers, instruction row and data
 * validation), missing claves of Configuración, and the computed columns the Actividades table lacks
 * (with the band colours on `Cumplimiento vigencia`). It never writes over a cell an official typed.
 * Cargar ejemplo refuses a workbook whose inputs already hold data.
 */
import {
  CLAVES_CONFIGURACION,
  HOJA_ACTIVIDADES,
  HOJA_CONFIGURACION,
  normalizeKey,
  type InputData,
  type Plan,
  type RawSheet,
  type RawTable,
  type RawWorkbook,
} from "../domain";
import { parseWorkbook, rawWorkbookFromInput } from "../domain/parse";
import { emptyInput, sample2021 } from "../domain/sample";
import { actividadesComputedColumns, actividadesIdFill } from "../report/actividades";
import { inputWorkbookSpec } from "../report/input";
import type { SheetSpec } from "../report/spec";
import { applyOps, OP_OVERHEAD_BYTES, payloadBytes, type WriteOp } from "./batch";
import { computedColumnOps, idFillOps, trimHeaderOps, writtenHeaders, type InputTableTarget } from "./columns";
import { ExcelEngineError, toEngineError } from "./errors";
import { splitReference } from "./formula-names";
import { readSnapshot, type ExcelRun, type WorkbookSnapshot } from "./read";
import { capabilities, Notices, type IsSetSupported } from "./requirements";
import { suspendOp } from "./generate";
import { formulaCell, sheetPhases, type RenderEnv } from "./write";

export interface PrepararOpciones {
  run: ExcelRun;
  isSetSupported?: IsSetSupported;
  now?: () => Date;
}

export interface ResultadoPreparacion {
  /** Input sheets created. */
  creadas: string[];
  /** Computed columns added to Actividades. */
  columnasAgregadas: string[];
  /** Claves added to Configuración. */
  clavesAgregadas: string[];
  notices: string[];
}

export interface ResultadoEjemplo {
  hojas: string[];
  notices: string[];
}

/** The canonical input a spec sheet describes ("input:actividades" -> "Actividades"). */
function canonicalOf(spec: SheetSpec): string {
  return spec.name;
}

/** Whether a raw table or sheet holds any non-blank data cell (below its header). */
function tieneDatos(t: RawTable): boolean {
  return t.rows.some((r) => r.some((c) => c.value !== null && !(typeof c.value === "string" && c.value.trim() === "")));
}

function hojaConDatos(s: RawSheet): boolean {
  // The template's own rows (instruction and headers) are not data: look past row 2.
  return s.rows.some((r, i) => s.firstRow + i > 2 && r.some((c) => c.value !== null && !(typeof c.value === "string" && c.value.trim() === "")));
}

/** Vigencia for a new template: Configuración's, else this year. */
function vigenciaDe(snap: WorkbookSnapshot, now: Date): number {
  const { plan } = parseWorkbook(snap.raw, { today: now });
  return plan?.config.vigencia ?? now.getFullYear();
}

/** Ops that add a new sheet and render a spec on it; `ws` gets the proxy. */
function newSheetOps(context: Excel.RequestContext, spec: SheetSpec, env: RenderEnv, holder: Excel.Worksheet[], index: number): { create: WriteOp; phases: ReturnType<typeof sheetPhases> } {
  const create: WriteOp = {
    bytes: payloadBytes(spec.name),
    label: `hoja ${spec.name}`,
    apply: () => {
      holder[index] = context.workbook.worksheets.add(spec.name);
    },
  };
  return { create, phases: sheetPhases(spec, () => holder[index], env) };
}

/** Orders the phases of several sheets so every table exists before any formula names it. */
function orderPhases(creates: WriteOp[], phases: ReturnType<typeof sheetPhases>[]): WriteOp[] {
  return [...creates, ...phases.flatMap((p) => p.structure), ...phases.flatMap((p) => p.formulas), ...phases.flatMap((p) => p.finish)];
}

/** The Actividades table as a target for its computed columns, from a parsed plan. */
function actividadesTarget(plan: Plan): InputTableTarget | null {
  const src = plan.sources.actividades;
  if (!src.tableName) return null;
  return { table: src.tableName, sheet: src.sheet, headerRow: src.headerRow, lastRow: src.lastRow, firstCol: src.firstCol, headers: [...src.headers], isTable: true };
}

/**
 * Creates the missing input sheets and tables, the missing claves of Configuración and the
 * computed columns Actividades lacks. Never overwrites a typed value.
 */
export async function prepararLibro(opts: PrepararOpciones): Promise<ResultadoPreparacion> {
  const now = (opts.now ?? (() => new Date()))();
  const caps = capabilities(opts.isSetSupported);
  const notices = new Notices();
  try {
    return await opts.run(async (context) => {
      const { snap } = await readSnapshot(context);
      const vigencia = vigenciaDe(snap, now);
      const template = inputWorkbookSpec(emptyInput(vigencia));
      const templateRaw = rawWorkbookFromInput(emptyInput(vigencia));
      const env: RenderEnv = {
        caps,
        notices,
        rangeOf: (ref) => {
          const r = splitReference(ref)!;
          return context.workbook.worksheets.getItem(r.sheet).getRange(r.address);
        },
      };

      const ops: WriteOp[] = [];
      const creadas: string[] = [];
      const holder: Excel.Worksheet[] = [];
      const creates: WriteOp[] = [];
      const phases: ReturnType<typeof sheetPhases>[] = [];
      // The workbook as it will be, for parsing: what is there plus the templates about to be made.
      const raw: RawWorkbook = { sheetNames: [...snap.raw.sheetNames], tables: [...snap.raw.tables], sheets: [...snap.raw.sheets] };
      template.forEach((spec, i) => {
        const canonical = canonicalOf(spec);
        const hasTable = snap.inputTables[canonical] !== undefined;
        const sheetName = snap.inputSheets[canonical];
        if (hasTable) return;
        if (sheetName !== undefined) {
          const rs = snap.raw.sheets.find((s) => s.name === sheetName);
          if (rs && rs.rows.length > 0) {
            if (canonical === HOJA_ACTIVIDADES)
              notices.add(`La hoja «${sheetName}» tiene datos pero no es una tabla de Excel: se dejó como está; al generar el informe el complemento la convertirá en la tabla «${HOJA_ACTIVIDADES}».`);
            return;
          }
          // An empty sheet of that name: the template is written on it.
          creates.push({ bytes: OP_OVERHEAD_BYTES, label: `hoja ${sheetName}`, apply: () => {
            holder[i] = context.workbook.worksheets.getItem(sheetName);
          } });
          phases.push(sheetPhases(spec, () => holder[i], env));
        } else {
          const t = newSheetOps(context, spec, env, holder, i);
          creates.push(t.create);
          phases.push(t.phases);
        }
        creadas.push(spec.name);
        raw.sheetNames.push(spec.name);
        raw.tables = raw.tables.filter((x) => normalizeKey(x.name) !== normalizeKey(canonical));
        raw.tables.push(...templateRaw.tables.filter((x) => normalizeKey(x.sheet) === normalizeKey(canonical)));
      });
      ops.push(...orderPhases(creates, phases));

      // Missing claves of an existing Configuración table: appended with their defaults.
      const clavesAgregadas: string[] = [];
      const conf = snap.inputTables[HOJA_CONFIGURACION];
      if (conf) {
        const rt = snap.raw.tables.find((t) => t.name === conf.name);
        const present = new Set((rt?.rows ?? []).map((r) => normalizeKey(String(r[0]?.value ?? ""))));
        const defaults = emptyInput(vigencia).configuracion;
        const missing = CLAVES_CONFIGURACION.filter((k) => !present.has(normalizeKey(k)));
        if (missing.length > 0 && conf.headers.length >= 2) {
          const rows = missing.map((k) => {
            const row: (string | number | boolean | null)[] = conf.headers.map(() => null);
            row[0] = formulaCell(k);
            const v = defaults.find((d) => d.clave === k)?.valor ?? "";
            row[1] = v === "" ? null : formulaCell(v);
            return row;
          });
          clavesAgregadas.push(...missing);
          ops.push({
            bytes: payloadBytes(rows),
            label: `${conf.sheet}: claves ${missing.join(", ")}`,
            apply: () => {
              context.workbook.tables.getItem(conf.name).rows.add(undefined, rows as (string | number | boolean)[][]);
            },
          });
        }
      }

      // Computed columns of Actividades (existing table or the one just created).
      const columnasAgregadas: string[] = [];
      const { plan } = parseWorkbook(raw, { today: now });
      const target = plan ? actividadesTarget(plan) : null;
      if (plan && target) {
        const before = target.headers.length;
        const fill = actividadesIdFill(plan);
        ops.push(...trimHeaderOps(context, target, writtenHeaders(raw, plan.sources.actividades)));
        if (fill && !plan.sources.actividades.columns.id) ops.push(...idFillOps(context, target, fill));
        ops.push(...computedColumnOps(context, target, actividadesComputedColumns(plan, plan.config.cuatrimestre), { ...env }, { onlyMissing: true }));
        columnasAgregadas.push(...target.headers.slice(before));
      } else if (!plan) {
        notices.add(`No se pudieron agregar las columnas calculadas: la hoja «${HOJA_ACTIVIDADES}» no tiene los encabezados del contrato. Use «Validar» para ver qué falta.`);
      }

      if (ops.length > 0) {
        await applyOps(context, ops, { onChunkStart: suspendOp(context, caps) });
        await context.sync();
      }
      return { creadas, columnasAgregadas, clavesAgregadas, notices: notices.all() };
    });
  } catch (e) {
    throw toEngineError(e);
  }
}

/**
 * Loads the 2021 example (the same data as `pipc sample`) into a workbook whose input sheets hold
 * no data; empty input sheets (a fresh template) are replaced.
 */
export async function cargarEjemplo(opts: PrepararOpciones & { data?: InputData }): Promise<ResultadoEjemplo> {
  const caps = capabilities(opts.isSetSupported);
  const notices = new Notices();
  const data = opts.data ?? sample2021();
  try {
    return await opts.run(async (context) => {
      const { snap } = await readSnapshot(context);
      const conDatos = [
        ...snap.raw.tables.filter((t) => normalizeKey(t.name) !== normalizeKey(HOJA_CONFIGURACION) && tieneDatos(t)).map((t) => t.sheet),
        ...snap.raw.sheets
          .filter((s) => normalizeKey(s.name) !== normalizeKey(HOJA_CONFIGURACION) && !Object.values(snap.inputTables).some((t) => t.sheet === s.name) && hojaConDatos(s))
          .map((s) => s.name),
      ];
      if (conDatos.length > 0) {
        const hojas = [...new Set(conDatos)].map((h) => `«${h}»`).join(", ");
        throw new ExcelEngineError("not-empty", {
          es: `No se cargó el ejemplo: ${hojas} ya ${conDatos.length > 1 ? "tienen" : "tiene"} datos, y el ejemplo 2021 solo se carga en un libro sin datos. Abra un libro nuevo (Archivo > Nuevo > Libro en blanco) y vuelva a usar «Cargar ejemplo 2021».`,
          en: `The example was not loaded: ${hojas} already hold data, and the 2021 example only loads into a workbook without data. Open a new workbook (File > New > Blank workbook) and use “Load 2021 example” again.`,
        });
      }
      const specs = inputWorkbookSpec(data);
      const env: RenderEnv = {
        caps,
        notices,
        rangeOf: (ref) => {
          const r = splitReference(ref)!;
          return context.workbook.worksheets.getItem(r.sheet).getRange(r.address);
        },
      };
      const holder: Excel.Worksheet[] = [];
      const ops: WriteOp[] = [];
      // Empty input sheets (and the sheets of input tables) go first, so the names are free.
      const vacias = new Set<string>([...Object.values(snap.inputSheets), ...Object.values(snap.inputTables).map((t) => t.sheet)]);
      const borrar = snap.sheets.filter((s) => vacias.has(s.name));
      const creates: WriteOp[] = [];
      const phases = specs.map((spec, i) => {
        const t = newSheetOps(context, spec, env, holder, i);
        creates.push(t.create);
        return t.phases;
      });
      // A workbook must keep one sheet: the new ones are added before the old ones go.
      ops.push(...creates.map((c, i) => ({ ...c, apply: () => {
        holder[i] = context.workbook.worksheets.add(`PIPC ejemplo ${i + 1}`);
      } })));
      for (const s of borrar) ops.push({ bytes: OP_OVERHEAD_BYTES, label: `borrar hoja vacía ${s.name}`, apply: () => context.workbook.worksheets.getItem(s.id).delete() });
      specs.forEach((spec, i) => ops.push({ bytes: payloadBytes(spec.name), label: `nombre ${spec.name}`, apply: () => {
        holder[i].name = spec.name;
        holder[i].position = i;
      } }));
      ops.push(...phases.flatMap((p) => p.structure), ...phases.flatMap((p) => p.formulas), ...phases.flatMap((p) => p.finish));
      ops.push({ bytes: OP_OVERHEAD_BYTES, label: "activar Actividades", apply: () => holder[0].activate() });
      await applyOps(context, ops, { onChunkStart: suspendOp(context, caps) });
      await context.sync();
      return { hojas: specs.map((s) => s.name), notices: notices.all() };
    });
  } catch (e) {
    throw toEngineError(e);
  }
}
