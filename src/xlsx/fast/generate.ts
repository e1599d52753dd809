/**
 * `pipc generate` on the package (the fast file path): the same report as src/xlsx/generate.ts
 * generateReportWorkbook + writeWorkbookFile, without ExcelJS. The input's parts are kept as they
 * are except what the generation edits (the input sheets, workbook.xml, its rels, the content
 * types, styles.xml): pivot tables, pictures, charts, comments, slicers, links to other workbooks
 * of the official's sheets travel untouched, where ExcelJS dropped them.
 *
 * What is not carried (listed in `losses`): macros (the report is an .xlsx: the VBA project goes
 * and the workbook's content type becomes a plain workbook's) and Excel 4.0 macro sheets and
 * dialog sheets (not allowed in an .xlsx).
 *
 * What the fast path does not handle throws FastPathUnsupported, and the caller takes the ExcelJS
 * path instead: a workbook or input sheet not in the transitional namespace (Strict OOXML); an
 * input sheet whose rows are out of order; a shared or array formula that the computed columns
 * would cut; a sheet of a previous generation that only a table name this report does not write
 * marked as generated (the report would have to be built twice to decide).
 */
import { HOJA_ACTIVIDADES, HOJA_COMPROMISOS, HOJA_DEPENDENCIAS, TABLA_CONFIGURACION, type Plan, type SourceLayout } from "../../domain";
import { buildReport } from "../../report/build";
import { TABLA_PENDIENTES, TABLA_SEGUIMIENTO } from "../../report/compromisos";
import { dependenciaTable } from "../../report/dependencia";
import { NOMBRE_HOJAS_GENERADAS, parseGeneratedSheetsName } from "../../report/names";
import { TABLA_RESUMEN_DEPENDENCIAS } from "../../report/resumen";
import type { SheetSpec, WorkbookSpec } from "../../report/spec";
import type { Lang } from "../../report/textos";
import type { Cuatrimestre } from "../../domain";
import { SpecError } from "../errors";
import { checkSheetNames } from "../spec-checks";
import type { PackageLoss } from "../inspect";
import { escapeXml, unescapeXml } from "../names";
import { InputEditor } from "./input-edit";
import { CT_WORKBOOK, NS_MAIN, Package, relKind } from "./package";
import { FastPathUnsupported } from "./pkg-sheet";
import { renderSheet } from "./sheet";
import type { ZipParts } from "./zip";

export { FastPathUnsupported };

export interface FastGenerateOptions {
  cut: Cuatrimestre;
  generatedAt?: Date;
  lang?: Lang;
  /**
   * zlib level of the output: 3 by default, about three times as fast as 6 for a file a fifth
   * larger (20,000 activities: 0.7 s and 4.8 MB against 1.9 s and 4.0 MB on a busy machine).
   */
  level?: number;
  /**
   * Empty `parts` once the package holds them (default false: the map is left as given). The parts
   * of a previous report, removed, can then be collected at once: some 100 MB when the report of a
   * large plan is generated again.
   */
  takeParts?: boolean;
  /** Called as each phase ends ("removed", "inputs", "built", "rendered", "edited", "zipped"): timing and memory probes. */
  trace?: (phase: string) => void;
}

export interface GeneratedPackage {
  /** The report's .xlsx bytes. */
  buffer: Buffer;
  /** The report's sheets, in order (the spec itself is let go once rendered). */
  sheets: string[];
  /** Sheets of a previous generation that were removed (replaced). */
  replacedSheets: string[];
  /** Inputs that were plain ranges and are now Excel tables: "Actividades!A2:L18". */
  convertedTables: string[];
  /** What the input held that the report does not carry (see the module's comment). */
  losses: PackageLoss[];
}

/** Tables only the report writes (contract: Dependencia_<n>, plus Resumen's and the tracker's). */
const REPORT_TABLE = /^(dependencia_\d+|resumendependencias|seguimientocompromisos|pendientescompromisos)$/;

const TABLE_NAMES: [keyof Plan["sources"], string][] = [
  ["actividades", HOJA_ACTIVIDADES],
  ["compromisos", HOJA_COMPROMISOS],
  ["dependencias", HOJA_DEPENDENCIAS],
];

const CT_MACRO_OR_TEMPLATE = /macroEnabled|template/i;

function tableNamesOf(pkg: Package, sheetPart: string): string[] {
  const out: string[] = [];
  for (const part of pkg.targets(sheetPart, "table")) {
    const open = /<table\b[^>]*>/.exec(pkg.text(part) ?? "")?.[0] ?? "";
    const name = /\sname="([^"]*)"/.exec(open)?.[1];
    if (name !== undefined) out.push(unescapeXml(name).toLowerCase());
  }
  return out;
}

const NAME_RE = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

function checkTableName(name: string): void {
  if (!NAME_RE.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name)) {
    throw new SpecError(`Excel does not accept this table name: "${name}"`);
  }
}

/**
 * The report package for an input: the input's parts kept (inputs as tables, blank IDs filled,
 * computed columns added), a previous generation's sheets replaced, the report's sheets and names
 * added, zipped once.
 *
 * @param parts every part of the input, inflated (src/xlsx/fast/read.ts readPlanPackage), already
 * parsed into `plan` without errors. The map is not modified, unless `opts.takeParts`.
 * @throws FastPathUnsupported when the input needs the ExcelJS path (see the module's comment)
 * @throws LayoutError when a table cannot grow; SpecError on an inconsistent spec or a table name
 * the report needs taken by an input sheet's table
 */
export function generateReportPackage(parts: ZipParts, plan: Plan, opts: FastGenerateOptions): GeneratedPackage {
  const pkg = Package.from(parts);
  if (opts.takeParts) parts.clear();
  const level = opts.level ?? 3;
  pkg.packLargeParts(level);
  if (!pkg.text(pkg.workbookPartName)?.slice(0, 2048).includes(`xmlns="${NS_MAIN}"`)) {
    throw new FastPathUnsupported("workbook not in the transitional namespace");
  }
  const losses: PackageLoss[] = [];

  // The previous generation's sheets: named by the marker and holding a report table, or holding a
  // table the new report writes (a renamed report sheet). A sheet of the official's, or a copy of a
  // report sheet (Excel renames the copy's tables), stays.
  const marker = pkg.definedNames().find((n) => n.localSheetId === undefined && n.name.toLowerCase() === NOMBRE_HOJAS_GENERADAS.toLowerCase());
  const listed = new Set((marker ? parseGeneratedSheetsName(marker.text) : []).map((n) => n.toLowerCase()));
  // The tables this report writes (their names do not depend on the sheet names); PendientesCompromisos
  // only when there are pending commitments, checked against the built report below.
  const reportTables = new Set(
    [TABLA_RESUMEN_DEPENDENCIAS, TABLA_SEGUIMIENTO, TABLA_PENDIENTES, ...plan.dependencias.map((d) => dependenciaTable(d.numero))].map((n) => n.toLowerCase()),
  );
  const inputSheets = new Set(
    [plan.sources.actividades.sheet, plan.sources.compromisos?.sheet, plan.sources.dependencias?.sheet, plan.sources.configuracion?.sheet]
      .filter((s): s is string => !!s)
      .map((s) => s.toLowerCase()),
  );
  const replaced: { name: string; tables: string[] }[] = [];
  for (const e of pkg.sheets()) {
    if (inputSheets.has(e.name.toLowerCase()) || e.kind !== "worksheet" || !e.part) continue;
    const tables = tableNamesOf(pkg, e.part);
    const generated = (listed.has(e.name.toLowerCase()) && tables.some((t) => REPORT_TABLE.test(t))) || tables.some((t) => reportTables.has(t));
    if (generated) replaced.push({ name: e.name, tables });
  }
  for (const r of replaced) pkg.removeSheet(r.name);

  // An .xlsx cannot hold Excel 4.0 macro sheets or dialog sheets (ExcelJS dropped them too).
  for (const e of pkg.sheets()) {
    if (e.kind === "xlMacrosheet" || e.kind === "xlIntlMacrosheet" || e.kind === "dialogsheet") {
      pkg.removeSheet(e.name);
      losses.push({ kind: e.kind === "dialogsheet" ? "dialogsheet" : "macrosheet", sheet: e.name, count: 1 });
    }
  }
  // Nor macros: the VBA project goes, and the workbook becomes a plain workbook.
  const vba = pkg.workbookRels().filter((r) => relKind(r.type) === "vbaProject");
  const vbaParts = pkg.partNames().filter((n) => /(^|\/)vbaProject\.bin$/i.test(n));
  if (vba.length || vbaParts.length) {
    losses.unshift({ kind: "macros", sheet: null, count: 1 });
    pkg.removeParts([...pkg.targets(pkg.workbookPartName, "vbaProject"), ...vbaParts]);
  }
  if (CT_MACRO_OR_TEMPLATE.test(pkg.contentTypeOf(pkg.workbookPartName) ?? "")) pkg.setContentType(pkg.workbookPartName, CT_WORKBOOK);
  // Cells change under formulas: Excel rebuilds the calculation chain (and recalculates on load).
  pkg.dropCalcChain();

  const trace = opts.trace ?? (() => undefined);
  trace("removed");
  const editor = new InputEditor(pkg);
  const convertedTables: string[] = [];
  for (const [key, name] of TABLE_NAMES) {
    const src = plan.sources[key] as SourceLayout | null;
    if (!src) continue;
    if (src.tableName === null) convertedTables.push(editor.convertToTable(src, name));
    else editor.trimTableHeaders(src.tableName);
  }
  const conf = plan.sources.configuracion;
  if (conf && conf.tableName === null) {
    const layout = editor.configuracionLayout(conf.sheet, Object.values(conf.valores));
    if (layout && !editor.findTable(TABLA_CONFIGURACION)) convertedTables.push(editor.convertToTable(layout, TABLA_CONFIGURACION));
  }

  trace("inputs");
  let spec: WorkbookSpec | null = buildReport(plan, opts.cut, {
    takenSheetNames: pkg.sheets().map((s) => s.name),
    generatedAt: opts.generatedAt,
    lang: opts.lang,
  });
  const written = new Set(spec.sheets.flatMap((s) => s.tables.map((t) => t.name.toLowerCase())));
  for (const r of replaced) {
    const still = (listed.has(r.name.toLowerCase()) && r.tables.some((t) => REPORT_TABLE.test(t))) || r.tables.some((t) => written.has(t));
    if (!still) throw new FastPathUnsupported(`${r.name}: removed for a table this report does not write`);
  }

  trace("built");
  // The checks of applySpecs (src/xlsx/write.ts), then the sheets.
  const seen = checkSheetNames(spec.sheets);
  for (const e of pkg.sheets()) if (seen.has(e.name.toLowerCase())) pkg.removeSheet(e.name);
  const tablesTaken = new Map(editor.tables().map((t) => [t.name.toLowerCase(), t.sheet]));
  for (const s of spec.sheets) {
    for (const t of s.tables) {
      checkTableName(t.name);
      const on = tablesTaken.get(t.name.toLowerCase());
      if (on !== undefined) throw new SpecError(`Table "${t.name}" already exists on sheet "${on}"`);
      tablesTaken.set(t.name.toLowerCase(), s.name);
    }
  }
  const ctx = { styles: pkg.styles, nextTableId: () => editor.nextTableId() };
  // Each sheet's spec (every cell of it) is let go once the sheet is rendered (and packed), so the
  // report never lives whole twice.
  const { names, idFills, computedColumns } = spec;
  const sheetSpecs: (SheetSpec | null)[] = spec.sheets;
  const sheetNames = spec.sheets.map((s) => s.name);
  spec = null;
  for (let i = 0; i < sheetSpecs.length; i++) {
    pkg.addSheet(sheetNames[i], renderSheet(sheetSpecs[i]!, ctx));
    sheetSpecs[i] = null;
  }
  trace("rendered");

  // Ids first: an ID column they append comes before the computed columns.
  for (const f of idFills ?? []) editor.applyIdFill(f);
  for (const tc of computedColumns) editor.applyComputedColumns(tc);
  editor.flush();
  trace("edited");

  for (const n of names) {
    if (!NAME_RE.test(n.name) || /^[A-Za-z]{1,3}\d+$/.test(n.name)) throw new SpecError(`Not a valid defined name: ${n.name}`);
    const text = n.refersTo.startsWith("=") ? n.refersTo.slice(1) : n.refersTo;
    pkg.setDefinedName(n.name, text, n.comment ? `comment="${escapeXml(n.comment)}"` : "");
  }

  const buffer = pkg.toBuffer({ level });
  trace("zipped");
  return {
    buffer,
    sheets: sheetNames,
    replacedSheets: replaced.map((r) => r.name),
    convertedTables,
    losses,
  };
}
