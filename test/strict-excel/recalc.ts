/**
 * Real recalculation for the strict Excel: the state goes to .xlsx, LibreOffice Calc recalculates
 * it (test/helpers/libreoffice.ts), and the results come back as the cells' cached values.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import path from "path";
import { recalc, tempDir } from "../helpers/libreoffice";
import { CellScalar, WorkbookState } from "./state";
import { toXlsx } from "./xlsx";

function result(v: unknown): CellScalar | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
  if (typeof v === "object" && "error" in (v as object)) return String((v as { error: string }).error);
  return null;
}

/** Recalculates `state`'s formulas with LibreOffice and stores the results in `cached`. */
export async function recalculateState(state: WorkbookState): Promise<void> {
  const dir = await tempDir("strict-excel-");
  try {
    const file = path.join(dir, "book.xlsx");
    await fs.writeFile(file, await toXlsx(state));
    const out = await recalc(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    for (const sheet of state.sheets) {
      const ws = wb.getWorksheet(sheet.name);
      if (!ws) continue;
      for (const c of sheet.cells.values()) {
        if (c.formula === undefined) continue;
        const cell = ws.getCell(c.row + 1, c.col + 1);
        const v = cell.value as unknown;
        c.cached = v && typeof v === "object" && "result" in (v as object) ? result((v as { result: unknown }).result) : result(v);
      }
    }
    await fs.rm(path.dirname(out), { recursive: true, force: true });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
