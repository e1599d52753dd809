/**
 * Sheet and table names inside formula text. A regeneration writes the new report under temporary
 * sheet and table names while the old report still holds the final ones; the new formulas must
 * point at the new sheets and tables, so their text is rewritten to the temporary names here, and
 * Excel itself carries them back to the final names when the sheets and tables are renamed.
 *
 * A tokenizer, not a parser: string literals, quoted sheet names and bracketed table specifiers are
 * taken as units, so a "Resumen!" inside a text literal is never touched.
 */

/** Quotes a sheet name for a reference when Excel needs it: 'Seguimiento compromisos'!A1, '3.1 OAP'!A1. */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name);
  // A name that reads as a cell (ABC1) or an R1C1 reference must be quoted too.
  const looksLikeCell = /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name);
  return plain && !looksLikeCell ? name : `'${name.replace(/'/g, "''")}'`;
}

const IDENT_START = /[\p{L}_\\]/u;
const IDENT_PART = /[\p{L}\p{N}_.\\]/u;

/**
 * Rewrites the sheet references (`Old!A1`, `'Old sheet'!A1`) and table references (`Old[...]`) of a
 * formula through the given maps (keys compared ignoring case, as Excel does).
 *
 * @example renameInFormula("=Resumen!C5+Dependencia_1[[#This Row],[ID]]", new Map([["RESUMEN", "tmp 1"]]), new Map([["DEPENDENCIA_1", "T1"]]))
 *   === "='tmp 1'!C5+T1[[#This Row],[ID]]"
 */
export function renameInFormula(formula: string, sheets: ReadonlyMap<string, string>, tables: ReadonlyMap<string, string>): string {
  if (!formula.startsWith("=") || (sheets.size === 0 && tables.size === 0)) return formula;
  const text = formula;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      while (j < text.length) {
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
        const to = sheets.get(name.toUpperCase());
        out += to !== undefined ? `${quoteSheetName(to)}!` : text.slice(i, j + 2);
        i = j + 2;
      } else {
        out += text.slice(i, j + 1);
        i = j + 1;
      }
      continue;
    }
    if (ch === "[") {
      let depth = 0;
      let j = i;
      while (j < text.length) {
        if (text[j] === "'") {
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
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (IDENT_START.test(ch) && (i === 0 || !IDENT_PART.test(text[i - 1]))) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j])) j++;
      const word = text.slice(i, j);
      const next = text[j];
      if (next === "!") {
        const to = sheets.get(word.toUpperCase());
        out += to !== undefined ? quoteSheetName(to) : word;
      } else if (next === "[") {
        const to = tables.get(word.toUpperCase());
        out += to !== undefined ? to : word;
      } else {
        out += word;
      }
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * Splits an absolute reference with its sheet ("=Resumen!$D$20:$D$24", "='3.1 OAP'!$B$5") into the
 * sheet name and the local address; null when it is not of that shape.
 */
export function splitReference(ref: string): { sheet: string; address: string } | null {
  const text = ref.startsWith("=") ? ref.slice(1) : ref;
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(text);
  if (quoted) return { sheet: quoted[1].replace(/''/g, "'"), address: quoted[2].replace(/\$/g, "") };
  const plain = /^([^'!]+)!(.+)$/.exec(text);
  if (plain) return { sheet: plain[1], address: plain[2].replace(/\$/g, "") };
  return null;
}

/**
 * Whether a formula holds a relative A1 reference (`C5`, `$C5`, `C$5`, `A:A`). Such a formula means
 * something different in each cell, so it cannot be written to many cells as one value (Excel
 * would shift it, as a fill does); a formula with only structured references, names and absolute
 * references can.
 */
export function hasRelativeReference(formula: string): boolean {
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  let code = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === ch) {
          if (text[j + 1] === ch) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      code += " ";
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      let depth = 0;
      let j = i;
      while (j < text.length) {
        if (text[j] === "'") {
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
      code += " ";
      i = j + 1;
      continue;
    }
    code += ch;
    i++;
  }
  for (const m of code.matchAll(/(?<![A-Za-z0-9_.$\\])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_.(])/g)) {
    if (!m[1] || !m[3]) return true;
  }
  for (const m of code.matchAll(/(?<![A-Za-z0-9_.$\\])(\$?)[A-Za-z]{1,3}:(\$?)[A-Za-z]{1,3}(?![A-Za-z0-9_.(])/g)) {
    if (!m[1] || !m[2]) return true;
  }
  for (const m of code.matchAll(/(?<![A-Za-z0-9_.$\\:])(\$?)\d{1,7}:(\$?)\d{1,7}(?![A-Za-z0-9_.(])/g)) {
    if (!m[1] || !m[2]) return true;
  }
  return false;
}

const CELL_REF = /(?<![A-Za-z0-9_.$\\])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_.(!])/g;
const WHOLE_LINES = /(?<![A-Za-z0-9_.$\\])\$?([A-Za-z]{1,3}|\d{1,7}):\$?([A-Za-z]{1,3}|\d{1,7})(?![A-Za-z0-9_.(!])/;

function lettersOf(n: number): string {
  let s = "";
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(65 + ((v - 1) % 26)) + s;
  return s;
}

function numberOf(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * The formula Excel puts `dr` rows below and `dc` columns right of a cell holding `formula` when it
 * fills or is given one formula for a whole range: relative A1 references move, absolute ones,
 * structured references, names and text stay. Null when the formula has whole-row or whole-column
 * references (not worth modelling: such formulas are then written cell by cell).
 *
 * @example shiftFormula("=INDEX(T[X],MATCH($A5,T[ID],0))", 2, 0) === "=INDEX(T[X],MATCH($A7,T[ID],0))"
 */
export function shiftFormula(formula: string, dr: number, dc: number): string | null {
  if (!formula.startsWith("=")) return null;
  const text = formula.slice(1);
  let out = "=";
  let code = "";
  const flush = (): boolean => {
    if (WHOLE_LINES.test(code)) return false;
    out += code.replace(CELL_REF, (_all, ca: string, letters: string, ra: string, digits: string) => {
      const col = ca ? numberOf(letters) : numberOf(letters) + dc;
      const row = ra ? Number(digits) : Number(digits) + dr;
      return `${ca}${lettersOf(col)}${ra}${row}`;
    });
    code = "";
    return true;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === "[") {
      if (!flush()) return null;
      let j = i + 1;
      if (ch === "[") {
        let depth = 1;
        while (j < text.length && depth > 0) {
          if (text[j] === "'") j++;
          else if (text[j] === "[") depth++;
          else if (text[j] === "]") depth--;
          j++;
        }
      } else {
        while (j < text.length) {
          if (text[j] === ch) {
            if (text[j + 1] === ch) {
              j += 2;
              continue;
            }
            j++;
            break;
          }
          j++;
        }
      }
      out += text.slice(i, j);
      i = j;
      continue;
    }
    code += ch;
    i++;
  }
  if (!flush()) return null;
  return out;
}
