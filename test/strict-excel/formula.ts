/**
 * Just enough formula text handling for the strict Excel: a light syntax check, finding structured
 * references, shifting relative A1 references (for a formula written to many cells at once, and for
 * copyFrom), following sheet and table renames, and turning the `[@Col]` shorthand into the form
 * files store (`Table[[#This Row],[Col]]`). It is a tokenizer, not a parser: string literals,
 * quoted sheet names and bracketed table specifiers are skipped as units.
 */
import { MAX_COLS, MAX_ROWS, columnIndex, columnLetters, quoteSheet } from "./address";
import { excelError } from "./errors";

type Segment =
  | { t: "code"; s: string }
  | { t: "string"; s: string }
  | { t: "sheet"; s: string; name: string } // 'quoted name'! (the "!" is included in s)
  | { t: "bracket"; s: string }; // [ ... ] with nesting

/** Splits formula text (without its "=") into segments. Throws InvalidArgument on unterminated ones. */
function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let code = "";
  const flush = () => {
    if (code) out.push({ t: "code", s: code });
    code = "";
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      flush();
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw excelError("InvalidArgument", `unterminated string in formula "=${text}"`);
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      out.push({ t: "string", s: text.slice(i, j + 1) });
      i = j + 1;
    } else if (ch === "'") {
      flush();
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw excelError("InvalidArgument", `unterminated sheet name in formula "=${text}"`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      const name = text.slice(i + 1, j).replace(/''/g, "'");
      if (text[j + 1] === "!") {
        out.push({ t: "sheet", s: text.slice(i, j + 2), name });
        i = j + 2;
      } else {
        out.push({ t: "code", s: text.slice(i, j + 1) });
        i = j + 1;
      }
    } else if (ch === "[") {
      flush();
      let depth = 0;
      let j = i;
      for (;;) {
        if (j >= text.length) throw excelError("InvalidArgument", `unbalanced "[" in formula "=${text}"`);
        // Inside brackets an apostrophe escapes the next character ('[, '], '#, '').
        if (text[j] === "'" ) {
          j += 2;
          continue;
        }
        if (text[j] === "[") depth++;
        else if (text[j] === "]") {
          depth--;
          if (depth === 0) break;
        }
        j++;
      }
      out.push({ t: "bracket", s: text.slice(i, j + 1) });
      i = j + 1;
    } else {
      if (ch === "]") throw excelError("InvalidArgument", `unbalanced "]" in formula "=${text}"`);
      code += ch;
      i++;
    }
  }
  flush();
  return out;
}

function join(segs: Segment[]): string {
  return segs.map((s) => s.s).join("");
}

function body(formula: string): string {
  if (!formula.startsWith("=")) throw excelError("InvalidArgument", `a formula must start with "=": ${JSON.stringify(formula)}`);
  return formula.slice(1);
}

/** Throws InvalidArgument when the formula's strings, brackets or parentheses do not balance. */
export function checkFormulaSyntax(formula: string): void {
  const segs = segments(body(formula));
  let depth = 0;
  for (const s of segs) {
    if (s.t !== "code") continue;
    for (const ch of s.s) {
      if (ch === "(") depth++;
      if (ch === ")") depth--;
      if (depth < 0) throw excelError("InvalidArgument", `unbalanced ")" in formula "${formula}"`);
    }
  }
  if (depth !== 0) throw excelError("InvalidArgument", `unbalanced "(" in formula "${formula}"`);
  if (body(formula).trim() === "") throw excelError("InvalidArgument", "empty formula");
}

/** A structured reference found in a formula. `table` is undefined for the table-less form ("[@Col]"). */
export interface StructuredRef {
  table?: string;
  specifier: string;
  /** Column names it mentions. */
  columns: string[];
  /** Uses "@" or "#This Row". */
  thisRow: boolean;
}

const IDENT_TAIL = /([\p{L}_\\][\p{L}\p{N}._\\]*)$/u;

/** Finds structured references (`Tabla[Col]`, `Tabla[[#This Row],[Col]]`, `[@Col]`). */
export function structuredRefs(formula: string): StructuredRef[] {
  const segs = segments(body(formula));
  const out: StructuredRef[] = [];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.t !== "bracket") continue;
    const prev = segs[i - 1];
    let table: string | undefined;
    if (prev && prev.t === "code") {
      const m = IDENT_TAIL.exec(prev.s);
      if (m) table = m[1];
    }
    // A bracket right after a sheet reference or a workbook index is not a table specifier.
    out.push({ table, specifier: s.s, ...describeSpecifier(s.s) });
  }
  return out;
}

function unescapeColumn(name: string): string {
  return name.replace(/'(.)/g, "$1");
}

function describeSpecifier(spec: string): { columns: string[]; thisRow: boolean } {
  const inner = spec.slice(1, -1);
  const columns: string[] = [];
  let thisRow = false;
  if (inner.startsWith("@")) {
    thisRow = true;
    const rest = inner.slice(1);
    if (rest.startsWith("[")) {
      for (const m of rest.matchAll(/\[((?:'.|[^\]])*)\]/g)) columns.push(unescapeColumn(m[1]));
    } else if (rest) columns.push(unescapeColumn(rest));
    return { columns, thisRow };
  }
  if (!inner.includes("[")) {
    if (inner.startsWith("#")) {
      if (/^#this row$/i.test(inner)) thisRow = true;
      return { columns, thisRow };
    }
    if (inner) columns.push(unescapeColumn(inner));
    return { columns, thisRow };
  }
  for (const m of inner.matchAll(/\[((?:'.|[^\]])*)\]/g)) {
    const item = m[1];
    if (item.startsWith("#")) {
      if (/^#this row$/i.test(item)) thisRow = true;
    } else columns.push(unescapeColumn(item));
  }
  return { columns, thisRow };
}

function escapeColumn(name: string): string {
  return name.replace(/(['#[\]])/g, "'$1");
}

/**
 * Rewrites the shorthand forms into what a file stores: `[@Col]` and `Tabla[@Col]` become
 * `Tabla[[#This Row],[Col]]`, a table-less `[Col]` becomes `Tabla[Col]`. `hostTable` is the table
 * the formula's cell belongs to (needed for the table-less forms).
 */
export function toFileForm(formula: string, hostTable?: string): string {
  const segs = segments(body(formula));
  const out: Segment[] = [];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.t !== "bracket") {
      out.push(s);
      continue;
    }
    const prev = out[out.length - 1];
    const named = prev && prev.t === "code" && IDENT_TAIL.test(prev.s);
    let table = named ? undefined : hostTable;
    const inner = s.s.slice(1, -1);
    let spec = s.s;
    if (inner.startsWith("@")) {
      const d = describeSpecifier(s.s);
      const cols = d.columns.map((c) => `[${escapeColumn(c)}]`);
      spec = cols.length === 0 ? "[#This Row]" : `[[#This Row],${cols.length === 1 ? cols[0] : `${cols[0]}:${cols[cols.length - 1]}`}]`;
    }
    if (!named) {
      if (!table) throw excelError("InvalidArgument", `structured reference ${s.s} outside a table needs the table name`);
      out.push({ t: "code", s: table });
    }
    out.push({ t: "bracket", s: spec });
    table = undefined;
  }
  return `=${join(out)}`;
}

/** Whether the formula uses any structured reference. */
export function hasStructuredRefs(formula: string): boolean {
  return structuredRefs(formula).length > 0;
}

const A1_REF = /(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w(!])/g;

/**
 * Shifts relative A1 references by (dr, dc), as Excel does when one formula is written to several
 * cells or copied. References that would leave the sheet become #REF!.
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  const segs = segments(body(formula));
  for (const s of segs) {
    if (s.t !== "code") continue;
    s.s = s.s.replace(A1_REF, (all, cAbs: string, letters: string, rAbs: string, digits: string, offset: number, whole: string) => {
      const before = whole[offset - 1];
      if (before && /[\p{L}\p{N}_.]/u.test(before)) return all;
      let col = columnIndex(letters);
      let row = Number(digits) - 1;
      if (col >= MAX_COLS || row >= MAX_ROWS) return all; // a name like LOG10, not a reference
      if (!cAbs) col += dc;
      if (!rAbs) row += dr;
      if (col < 0 || row < 0 || col >= MAX_COLS || row >= MAX_ROWS) return "#REF!";
      return `${cAbs}${columnLetters(col)}${rAbs}${row + 1}`;
    });
  }
  return `=${join(segs)}`;
}

const SPELLS = new Map<string, RegExp>();

/** Whether `text` contains `name`, ignoring case (a cached regular expression: no copy of `text`). */
function spells(text: string, name: string): boolean {
  let re = SPELLS.get(name);
  if (!re) {
    if (SPELLS.size > 1000) SPELLS.clear();
    re = new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "iu");
    SPELLS.set(name, re);
  }
  return re.test(text);
}

/** Follows a sheet rename: `Old!A1` and `'Old'!A1` become references to `newName`. */
export function renameSheetInFormula(formula: string, oldName: string, newName: string): string {
  return mapSheetRefs(formula, oldName, () => `${quoteSheet(newName)}!`);
}

/** A deleted sheet's references become #REF! (the cell part is dropped, as Excel does). */
export function deleteSheetInFormula(formula: string, name: string): string {
  return mapSheetRefs(formula, name, () => "#REF!", true);
}

function mapSheetRefs(formula: string, name: string, to: () => string, dropCell = false): string {
  const key = name.toUpperCase();
  // A formula that does not spell the name (quoted, its apostrophes doubled, or bare) cannot refer
  // to the sheet: skip parsing it (renames rewrite every formula of the workbook, so the test is a
  // case-insensitive search that allocates nothing).
  if (!spells(formula, name) && !spells(formula, name.replace(/'/g, "''"))) return formula;
  const segs = segments(body(formula));
  let changed = false;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.t === "sheet" && s.name.toUpperCase() === key) {
      segs[i] = { t: "code", s: to() };
      changed = true;
      if (dropCell) dropLeadingRef(segs, i + 1);
    } else if (s.t === "code") {
      const re = /(^|[^\p{L}\p{N}_.'])([\p{L}_][\p{L}\p{N}_.]*)!/gu;
      let hit = false;
      s.s = s.s.replace(re, (all, pre: string, sheet: string) => {
        if (sheet.toUpperCase() !== key) return all;
        hit = true;
        return `${pre}${to()}`;
      });
      if (hit) {
        changed = true;
        if (dropCell) s.s = s.s.replace(/#REF!\$?[A-Za-z]{1,3}\$?\d{1,7}(:\$?[A-Za-z]{1,3}\$?\d{1,7})?/g, "#REF!");
      }
    }
  }
  return changed ? `=${join(segs)}` : formula;
}

function dropLeadingRef(segs: Segment[], i: number): void {
  const s = segs[i];
  if (s && s.t === "code") s.s = s.s.replace(/^\$?[A-Za-z]{1,3}\$?\d{1,7}(:\$?[A-Za-z]{1,3}\$?\d{1,7})?/, "");
}

/** Follows a table rename: `Old[...]` becomes `New[...]`. */
export function renameTableInFormula(formula: string, oldName: string, newName: string): string {
  const key = oldName.toUpperCase();
  // Only a formula that spells the table's name can refer to it.
  if (!spells(formula, oldName)) return formula;
  const segs = segments(body(formula));
  let changed = false;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i];
    if (s.t !== "code" || segs[i + 1].t !== "bracket") continue;
    const m = IDENT_TAIL.exec(s.s);
    if (m && m[1].toUpperCase() === key) {
      s.s = s.s.slice(0, s.s.length - m[1].length) + newName;
      changed = true;
    }
  }
  return changed ? `=${join(segs)}` : formula;
}

/** Follows a table column rename inside that table's structured references. */
export function renameColumnInFormula(formula: string, table: string, oldCol: string, newCol: string, hostTable?: string): string {
  const key = table.toUpperCase();
  const segs = segments(body(formula));
  let changed = false;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.t !== "bracket") continue;
    const prev = segs[i - 1];
    const m = prev && prev.t === "code" ? IDENT_TAIL.exec(prev.s) : null;
    const refTable = m ? m[1] : hostTable;
    if (!refTable || refTable.toUpperCase() !== key) continue;
    const esc = escapeColumn(oldCol);
    const next = s.s
      .replace(new RegExp(`\\[${escapeRegExp(esc)}\\]`, "gi"), `[${escapeColumn(newCol)}]`)
      .replace(new RegExp(`^\\[@${escapeRegExp(esc)}\\]$`, "i"), `[@${escapeColumn(newCol)}]`)
      .replace(new RegExp(`^\\[${escapeRegExp(esc)}\\]$`, "i"), `[${escapeColumn(newCol)}]`);
    if (next !== s.s) {
      s.s = next;
      changed = true;
    }
  }
  return changed ? `=${join(segs)}` : formula;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
