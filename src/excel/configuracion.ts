/**
 * The `Configuración` sheet from the task pane: read what is typed there (and what is in force once
 * defaults apply), and write values the official chose in the pane. Only the Valor cells of the
 * given claves change; a missing clave is added as a row; a missing sheet is created from the
 * template with the given values.
 */
import {
  CLAVES_CONFIGURACION,
  HOJA_CONFIGURACION,
  cellAddress,
  normalizeKey,
  type ClaveConfiguracion,
  type Configuracion,
  type RawValue,
} from "../domain";
import { COLUMNAS_CONFIGURACION, parseWorkbook } from "../domain/parse";
import { readConfiguracion } from "../domain/parse/configuracion";
import { locate } from "../domain/parse/locate";
import { ProblemList } from "../domain/parse/values";
import { emptyInput } from "../domain/sample";
import { inputWorkbookSpec } from "../report/input";
import { applyOps, OP_OVERHEAD_BYTES, payloadBytes, type WriteOp } from "./batch";
import { toEngineError } from "./errors";
import { splitReference } from "./formula-names";
import { suspendOp } from "./generate";
import { readSnapshot, type ExcelRun, type WorkbookSnapshot } from "./read";
import { capabilities, Notices, type IsSetSupported } from "./requirements";
import { formulaCell, sheetOps, type RenderEnv } from "./write";

export type ValorConfiguracion = string | number | null;

export interface ConfiguracionLeida {
  /** Whether the workbook has a Configuración sheet or table. */
  existe: boolean;
  /** Where it is, when it exists. */
  hoja: string | null;
  /** What is typed for each clave (null when blank or absent). */
  valores: Record<ClaveConfiguracion, ValorConfiguracion>;
  /** The configuration in force (defaults applied), when the workbook has an Actividades input. */
  efectiva: Configuracion | null;
}

export interface ConfigOpciones {
  run: ExcelRun;
  isSetSupported?: IsSetSupported;
  now?: () => Date;
}

function vacio(): Record<ClaveConfiguracion, ValorConfiguracion> {
  return Object.fromEntries(CLAVES_CONFIGURACION.map((k) => [k, null])) as Record<ClaveConfiguracion, ValorConfiguracion>;
}

function asValor(v: RawValue): ValorConfiguracion {
  if (v === null) return null;
  if (typeof v === "number" || typeof v === "string") return typeof v === "string" && v.trim() === "" ? null : v;
  if (typeof v === "boolean") return v ? "VERDADERO" : "FALSO";
  return v.toISOString().slice(0, 10);
}

const CLAVE_POR_KEY = new Map(CLAVES_CONFIGURACION.map((c) => [normalizeKey(c), c]));

/** Where each clave's Valor cell is (and where the next row would go), from a snapshot. */
function localizar(snap: WorkbookSnapshot) {
  const problems = new ProblemList();
  const loc = locate(snap.raw, HOJA_CONFIGURACION, COLUMNAS_CONFIGURACION, problems);
  if (loc.status !== "ok") return null;
  const entradas = readConfiguracion(loc.input, problems);
  const claveIndex = loc.input.match.fieldIndex.clave ?? 0;
  const valorIndex = loc.input.match.fieldIndex.valor ?? 1;
  return {
    sheet: loc.input.sheet,
    tableName: loc.input.tableName,
    width: loc.input.lastCol - loc.input.firstCol + 1,
    claveCol: loc.input.firstCol + claveIndex,
    valorCol: loc.input.firstCol + valorIndex,
    claveIndex,
    valorIndex,
    lastRow: loc.input.lastRow,
    entradas,
  };
}

/** Reads Configuración: typed values and the configuration in force. */
export async function leerConfiguracion(opts: ConfigOpciones): Promise<ConfiguracionLeida> {
  try {
    return await opts.run(async (context) => {
      const { snap } = await readSnapshot(context);
      const valores = vacio();
      const l = localizar(snap);
      if (l) {
        for (const [clave, cell] of Object.entries(l.entradas.celdas) as [ClaveConfiguracion, { value: RawValue }][]) valores[clave] = asValor(cell.value);
      }
      const { plan } = parseWorkbook(snap.raw, { today: (opts.now ?? (() => new Date()))() });
      return { existe: l !== null || snap.inputSheets[HOJA_CONFIGURACION] !== undefined, hoja: l?.sheet ?? null, valores, efectiva: plan?.config ?? null };
    });
  } catch (e) {
    throw toEngineError(e);
  }
}

/**
 * Writes the given claves into Configuración (creating the sheet from the template when missing).
 * A null or "" value empties the Valor cell, so the default applies.
 */
export async function guardarConfiguracion(opts: ConfigOpciones & { valores: Partial<Record<ClaveConfiguracion, ValorConfiguracion>> }): Promise<{ notices: string[] }> {
  const caps = capabilities(opts.isSetSupported);
  const notices = new Notices();
  const now = (opts.now ?? (() => new Date()))();
  try {
    return await opts.run(async (context) => {
      const { snap } = await readSnapshot(context);
      const l = localizar(snap);
      const ops: WriteOp[] = [];
      const entries = (Object.entries(opts.valores) as [ClaveConfiguracion, ValorConfiguracion][]).filter(([k]) => CLAVE_POR_KEY.has(normalizeKey(k)));
      const cellValue = (v: ValorConfiguracion) => (v === null || v === "" ? "" : formulaCell(v));
      if (l) {
        const missing: [ClaveConfiguracion, ValorConfiguracion][] = [];
        for (const [clave, v] of entries) {
          const address = l.entradas.valores[normalizeKey(clave)];
          if (!address) {
            missing.push([clave, v]);
            continue;
          }
          const value = cellValue(v);
          ops.push({ bytes: payloadBytes(value), label: `${l.sheet}!${address}`, apply: () => {
            context.workbook.worksheets.getItem(l.sheet).getRange(address).formulas = [[value]];
          } });
        }
        if (missing.length > 0) {
          const rows = missing.map(([clave, v]) => {
            const row: (string | number | boolean | null)[] = Array.from({ length: l.width }, () => null);
            row[l.claveIndex] = formulaCell(clave);
            row[l.valorIndex] = v === null || v === "" ? null : formulaCell(v);
            return row;
          });
          if (l.tableName) {
            const table = l.tableName;
            ops.push({ bytes: payloadBytes(rows), label: `${table}: claves nuevas`, apply: () => {
              context.workbook.tables.getItem(table).rows.add(undefined, rows as (string | number | boolean)[][]);
            } });
          } else {
            const first = cellAddress(l.lastRow + 1, Math.min(l.claveCol, l.valorCol));
            ops.push({ bytes: payloadBytes(rows), label: `${l.sheet}: claves nuevas`, apply: () => {
              const ws = context.workbook.worksheets.getItem(l.sheet);
              ws.getRange(first).getResizedRange(rows.length - 1, l.width - 1).formulas = rows;
            } });
          }
        }
      } else {
        // No Configuración: the template's sheet, with the chosen values in place of the defaults.
        const vigencia = Number(opts.valores.Vigencia) || now.getFullYear();
        const data = emptyInput(vigencia);
        data.configuracion = data.configuracion.map((c) => {
          const chosen = entries.find(([k]) => normalizeKey(k) === normalizeKey(c.clave));
          return chosen ? { clave: c.clave, valor: chosen[1] ?? "" } : c;
        });
        const spec = inputWorkbookSpec(data).find((s) => s.name === HOJA_CONFIGURACION)!;
        const env: RenderEnv = {
          caps,
          notices,
          rangeOf: (ref) => {
            const r = splitReference(ref)!;
            return context.workbook.worksheets.getItem(r.sheet).getRange(r.address);
          },
        };
        let ws: Excel.Worksheet | null = null;
        ops.push({ bytes: OP_OVERHEAD_BYTES, label: `hoja ${spec.name}`, apply: () => {
          ws = context.workbook.worksheets.add(spec.name);
        } });
        ops.push(...sheetOps(spec, () => ws!, env));
        notices.add(`Se creó la hoja «${HOJA_CONFIGURACION}» con los valores elegidos.`);
      }
      if (ops.length > 0) {
        await applyOps(context, ops, { onChunkStart: suspendOp(context, caps) });
        await context.sync();
      }
      return { notices: notices.all() };
    });
  } catch (e) {
    throw toEngineError(e);
  }
}
