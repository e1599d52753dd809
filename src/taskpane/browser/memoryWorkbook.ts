/**
 * The in-memory workbook of the browser demo. The ONE module that imports the strict Excel (which
 * lives with the tests, under test/strict-excel): when it moves, only this path changes. It is
 * loaded by a dynamic import() from index.tsx, so neither it nor ExcelJS reaches the bundle Excel
 * loads.
 */
import { createStrictExcel } from "../../../test/strict-excel";
import type { ExcelRun } from "../../excel/read";

export interface MemoryWorkbook {
  /** `Excel.run` over the in-memory workbook. */
  run: ExcelRun;
  /** `Office.context.requirements.isSetSupported` of the pretend Excel. */
  isSetSupported: (name: string, minVersion?: string) => boolean;
  /** The workbook as the bytes of an .xlsx file. */
  toXlsx: () => Promise<Uint8Array>;
}

/** The ExcelApi version the demo's Excel pretends to be: every optional feature of the engine available. */
export const DEMO_EXCEL_API = "1.17";

/** "1.10" >= "1.9", numerically. */
function atLeast(have: string, need: string): boolean {
  const a = have.split(".").map(Number);
  const b = need.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** An empty workbook, as Excel in Spanish opens one ("Hoja1"). */
export function crearLibroEnMemoria(): MemoryWorkbook {
  const excel = createStrictExcel(undefined, { defaultSheetPrefix: "Hoja", requirementSets: { ExcelApi: DEMO_EXCEL_API } });
  return {
    run: (batch) => excel.run(batch),
    isSetSupported: (name, minVersion) => name === "ExcelApi" && (minVersion === undefined || atLeast(DEMO_EXCEL_API, String(minVersion))),
    toXlsx: () => excel.toXlsx(),
  };
}
