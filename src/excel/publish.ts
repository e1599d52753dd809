/**
 * "Publicar corte": freezes the live report of a cut into snapshot sheets (`Corte III-2021 Resumen`,
 * `Corte III-2021 3.1 OAP`, ...) holding values only, with the report's formats, merges, widths,
 * band colours, charts and print setup, the publication date written on each, and sheet protection
 * without a password (a guard against accidental edits, not a lock). What was sent by email stays
 * what was sent, while the live report keeps following the data.
 *
 * How: the report of the last generation is described again from the current inputs (the same
 * description the live sheets were written from, so the formats fit), the live sheets' values are
 * read (Excel has computed every formula), and each description is rendered into a new sheet with
 * every formula replaced by its value. If the inputs changed shape since the last generation (a new
 * activity or office), the description no longer fits the live sheets and publication stops with a
 * request to generate again.
 *
 * Publishing a cut already published returns "ya-publicado" with the earlier date; the task pane
 * asks, and calls again with `confirmar: true`, which replaces that cut's snapshots only.
 */
import { cellAddress, hasErrors, type Cuatrimestre } from "../domain";
import { parseWorkbook } from "../domain/parse";
import { buildReport } from "../report/build";
import { congelarUmbrales } from "../report/formulas";
import { uniqueSheetName } from "../report/names";
import { isFormula, type CellInput, type SheetSpec } from "../report/spec";
import { applyOps, OP_OVERHEAD_BYTES, payloadBytes, type WriteOp } from "./batch";
import { ExcelEngineError, toEngineError } from "./errors";
import { splitReference } from "./formula-names";
import { suspendOp } from "./generate";
import { readSnapshot, type ExcelRun } from "./read";
import { etiquetaCorte, idsPropios, queueRegistroLoad, queueRegistroSave, type CortePublicado, type HojaRegistrada, type Registro } from "./registry";
import { capabilities, Notices, type IsSetSupported } from "./requirements";
import { parseBox, sheetPhases, type RenderEnv } from "./write";

export interface PublicarOpciones {
  run: ExcelRun;
  /** Replace the snapshots of a cut already published (after the official confirmed). */
  confirmar?: boolean;
  isSetSupported?: IsSetSupported;
  now?: () => Date;
  token?: () => string;
}

export type ResultadoPublicacion =
  | { status: "publicado"; corte: string; fecha: string; hojas: { name: string; key: string; id: string }[]; notices: string[] }
  /** The cut was published before: ask, then call again with confirmar. */
  | { status: "ya-publicado"; corte: string; fecha: string; hojas: string[]; mensaje: string }
  /** The inputs changed shape since the last generation: generate again first. */
  | { status: "desactualizado"; corte: string; mensaje: string };

/** Tab colour of snapshots: grey, so they read as archive, not as the live report. */
const COLOR_CORTE = "808080";

function fechaTexto(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A read value as a spec cell: "" is blank; text stays literal text (errors included). */
function asCell(v: unknown): CellInput {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

/**
 * Publishes the cut of the last generation as snapshot sheets.
 *
 * @example
 * let r = await publicarCorte({ run: Excel.run });
 * if (r.status === "ya-publicado" && confirm(r.mensaje)) r = await publicarCorte({ run: Excel.run, confirmar: true });
 */
export async function publicarCorte(opts: PublicarOpciones): Promise<ResultadoPublicacion> {
  const now = (opts.now ?? (() => new Date()))();
  const caps = capabilities(opts.isSetSupported);
  const notices = new Notices();
  try {
    return await opts.run(async (context) => {
      const { snap, alongside: getRegistro } = await readSnapshot(context, () => queueRegistroLoad(context));
      const registro = getRegistro();
      const present = new Map(snap.sheets.map((s) => [s.id, s]));
      const live = registro.generadas.filter((h) => present.has(h.id));
      const ultima = registro.ultimaGeneracion;
      if (!ultima || live.length === 0) throw new ExcelEngineError("no-report");
      const cut: Cuatrimestre = ultima.cuatrimestre;
      const corte = etiquetaCorte(cut, ultima.vigencia);
      const anterior = registro.cortes.find((c) => c.corte === corte);
      if (anterior && !opts.confirmar) {
        const hojas = anterior.hojas.filter((h) => present.has(h.id)).map((h) => present.get(h.id)!.name);
        return {
          status: "ya-publicado" as const,
          corte,
          fecha: anterior.publicado,
          hojas,
          mensaje: `El corte ${corte} ya se publicó el ${fechaTexto(new Date(anterior.publicado))}. ¿Reemplazar sus hojas (${hojas.join(", ")}) por los valores de ahora? Las hojas de otros cortes no cambian.`,
        };
      }

      const desactualizado = {
        status: "desactualizado" as const,
        corte,
        mensaje: `Los datos cambiaron de forma desde la última generación (actividades o dependencias nuevas o quitadas): genere el informe del corte ${corte} de nuevo y luego publíquelo.`,
      };
      const { plan, problems } = parseWorkbook(snap.raw, { today: now });
      if (!plan || hasErrors(problems)) return desactualizado;
      const owned = idsPropios(registro);
      const pending = new Set((registro.pendientes?.names ?? []).map((n) => n.toUpperCase()));
      const liveIds = new Set(live.map((h) => h.id));
      const taken = snap.sheets.filter((s) => !liveIds.has(s.id) && !(pending.has(s.name.toUpperCase()) && !owned.has(s.id))).map((s) => s.name);
      // The same description the live sheets were written from: same cut, same names, same date.
      const spec = buildReport(plan, cut, { takenSheetNames: taken, generatedAt: new Date(ultima.fecha) });
      const byKey = new Map(live.map((h) => [h.key, present.get(h.id)!]));
      if (spec.sheets.some((s) => !byKey.has(s.key)) || live.length !== spec.sheets.length) return desactualizado;

      // The live values (and which cells hold formulas) of every sheet of the report.
      const reads = spec.sheets.map((s) => {
        const r = context.workbook.worksheets.getItem(byKey.get(s.key)!.id).getUsedRangeOrNullObject();
        r.load("address,values,formulas");
        return r;
      });
      await context.sync();

      // Snapshot names: free of every sheet that stays (the replaced cut's own names come free).
      const replacedIds = new Set((anterior?.hojas ?? []).map((h) => h.id).filter((id) => present.has(id)));
      const takenNow = new Set(snap.sheets.filter((s) => !replacedIds.has(s.id)).map((s) => s.name.toUpperCase()));
      const snapshots: SheetSpec[] = [];
      const liveName = new Map<string, number>();
      let stale = false;
      spec.sheets.forEach((s, i) => {
        const r = reads[i];
        const name = byKey.get(s.key)!.name;
        liveName.set(name.toUpperCase(), i);
        if (r.isNullObject) throw new ExcelEngineError("no-report");
        const ref = splitReference(r.address)!;
        const box = parseBox(ref.address);
        const at = (row: number, col: number) => {
          const v = r.formulas[row - box.r0]?.[col - box.c0];
          return { formula: typeof v === "string" && v.startsWith("="), value: r.values[row - box.r0]?.[col - box.c0] };
        };
        for (const b of s.blocks) {
          const o = parseBox(b.origin);
          b.cells.forEach((row, di) =>
            row.forEach((c, dj) => {
              if (isFormula(c) && !at(o.r0 + di, o.c0 + dj).formula) stale = true;
            }),
          );
        }
        const cells: CellInput[][] = r.values.map((row) => row.map(asCell));
        const snapName = uniqueSheetName(`Corte ${corte} ${name}`, takenNow);
        const lastRow = box.r1 + 2;
        const nota = `Corte ${corte} publicado el ${fechaTexto(now)}. Copia en valores de la hoja «${name}»: no cambia cuando cambian los datos.`;
        snapshots.push({
          ...s,
          name: snapName,
          key: `corte:${corte}:${s.key}`,
          role: "generated",
          tabColor: COLOR_CORTE,
          blocks: [
            { origin: cellAddress(box.r0, box.c0), cells },
            { origin: cellAddress(lastRow, 1), cells: [[nota]] },
          ],
          formats: [...s.formats, { range: cellAddress(lastRow, 1), style: { font: { italic: true, color: "595959" } } }],
          // The colours stay those of the thresholds at publication, like the values.
          conditionalFormats: s.conditionalFormats.map((cf) => ({
            ...cf,
            rules: cf.rules.map((r) => ({ ...r, formula: congelarUmbrales(r.formula, plan.config.umbrales) })),
          })),
          tables: s.tables.map((t) => ({ ...t, name: `Corte_${cut}_${ultima.vigencia}_${t.name}` })),
          dataValidations: [],
        });
      });
      if (stale) return desactualizado;

      // Rendering: under temporary names first, as generation does, then the old snapshots of this
      // cut go and the new ones take their names.
      const token = (opts.token ?? (() => Math.floor(Math.random() * 0x1000000).toString(16).toUpperCase()))();
      const temp = snapshots.map((_, i) => `PIPC corte ${token} ${i + 1}`);
      const tables = snapshots.flatMap((s) => s.tables.map((t) => t.name));
      const tableTemp = new Map(tables.map((t, i) => [t.toUpperCase(), `PIPC_${token}_C${i + 1}`]));
      const holder: Excel.Worksheet[] = [];
      const env: RenderEnv = {
        caps,
        notices,
        tableName: (n) => tableTemp.get(n.toUpperCase()) ?? n,
        rangeOf: (refText) => {
          const r = splitReference(refText)!;
          const i = liveName.get(r.sheet.toUpperCase());
          return i !== undefined ? holder[i].getRange(r.address) : context.workbook.worksheets.getItem(r.sheet).getRange(r.address);
        },
      };
      const ops: WriteOp[] = [];
      const pendiente: Registro = { ...registro, pendientes: { token, names: temp } };
      ops.push({ bytes: payloadBytes(pendiente), label: "registro: hojas temporales", apply: () => queueRegistroSave(context, pendiente) });
      snapshots.forEach((_, i) =>
        ops.push({ bytes: payloadBytes(temp[i]), label: `hoja ${temp[i]}`, apply: () => {
          holder[i] = context.workbook.worksheets.add(temp[i]);
        } }),
      );
      const phases = snapshots.map((s, i) => sheetPhases(s, () => holder[i], env));
      ops.push(...phases.flatMap((p) => p.structure), ...phases.flatMap((p) => p.formulas), ...phases.flatMap((p) => p.finish));
      for (const id of replacedIds) ops.push({ bytes: OP_OVERHEAD_BYTES, label: `borrar corte anterior ${present.get(id)?.name}`, apply: () => context.workbook.worksheets.getItem(id).delete() });
      snapshots.forEach((s, i) =>
        ops.push({ bytes: payloadBytes(s.name), label: `renombrar ${temp[i]} a ${s.name}`, apply: () => {
          holder[i].name = s.name;
        } }),
      );
      for (const t of tables) {
        const tt = tableTemp.get(t.toUpperCase())!;
        ops.push({ bytes: payloadBytes(t), label: `renombrar tabla ${tt}`, apply: () => {
          context.workbook.tables.getItem(tt).name = t;
        } });
      }
      // Protection last: a protected sheet refuses every later edit, a table rename included.
      ops.push({ bytes: OP_OVERHEAD_BYTES * 2 * snapshots.length, label: "proteger y leer ids", apply: () => {
        for (const ws of holder) {
          ws.protection.protect();
          ws.load("id,name");
        }
      } });
      await applyOps(context, ops, { onChunkStart: suspendOp(context, caps) });
      await context.sync();

      const hojas = snapshots.map((s, i) => ({ name: holder[i].name, key: s.key, id: holder[i].id }));
      const publicado: CortePublicado = {
        corte,
        cuatrimestre: cut,
        vigencia: ultima.vigencia,
        publicado: now.toISOString(),
        hojas: hojas.map((h): HojaRegistrada => ({ id: h.id, key: h.key, name: h.name })),
      };
      const final: Registro = { ...registro, pendientes: null, cortes: [...registro.cortes.filter((c) => c.corte !== corte), publicado] };
      // Sent by the sync Excel.run makes when this batch returns.
      queueRegistroSave(context, final);
      return { status: "publicado" as const, corte, fecha: publicado.publicado, hojas, notices: notices.all() };
    });
  } catch (e) {
    throw toEngineError(e);
  }
}
