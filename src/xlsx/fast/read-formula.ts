/**
 * The formula of a shared-formula child cell: the master's formula with its relative references
 * moved by the offset between the two cells, as ExcelJS's `cell.formula` gives it
 * (lib/utils/shared-formula.js slideFormula). Two differences, where ExcelJS is wrong against Excel:
 * text inside string literals ("A1") and quoted sheet names ('Plan B2'!A1) is not moved, and a
 * reference moved off the grid becomes #REF! (ExcelJS throws).
 */
import { columnLetters, columnNumber } from "../../domain";

const CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL_REF = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

function addressOf(a: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(a);
  return m ? { row: Number(m[2]), col: columnNumber(m[1]) } : { row: 0, col: 0 };
}

function slidePlain(text: string, dRow: number, dCol: number): string {
  return text.replace(CANDIDATE, (refMatch: string, sheet: string | undefined, _s: string | undefined, addrPart: string, paren: string | undefined) => {
    if (paren) return refMatch;
    const m = CELL_REF.exec(addrPart);
    if (!m) return refMatch;
    const colStr = m[2].toUpperCase();
    // Past XFD it is a name, not a column.
    if (colStr.length > 3 || (colStr.length === 3 && colStr > "XFD")) return refMatch;
    let col = columnNumber(colStr);
    let row = parseInt(m[4], 10);
    if (!m[1]) col += dCol;
    if (!m[3]) row += dRow;
    if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) return `${sheet ?? ""}#REF!`;
    return `${sheet ?? ""}${m[1] ?? ""}${columnLetters(col)}${m[3] ?? ""}${row}`;
  });
}

/** The master's formula moved from `from` (the master's address) to `to`. */
export function slideFormula(formula: string, from: string, to: string): string {
  const a = addressOf(from);
  const b = addressOf(to);
  const dRow = b.row - a.row;
  const dCol = b.col - a.col;
  if (formula.indexOf('"') < 0 && formula.indexOf("'") < 0) return slidePlain(formula, dRow, dCol);
  // String literals and quoted sheet names stay as they are.
  let out = "";
  const re = /"(?:[^"]|"")*"?|'(?:[^']|'')*'?/g;
  let last = 0;
  for (let m = re.exec(formula); m; m = re.exec(formula)) {
    out += slidePlain(formula.slice(last, m.index), dRow, dCol) + m[0];
    last = m.index + m[0].length;
  }
  return out + slidePlain(formula.slice(last), dRow, dCol);
}
