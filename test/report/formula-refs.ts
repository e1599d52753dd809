/**
 * A small scanner of the structured references in a formula (Table[Col], Table[[#This Row],[Col]],
 * Table[[Col]]), honouring the `'` escape, so tests can check every reference points at a real table
 * column. Text inside string literals is skipped.
 */
export interface StructuredRef {
  table: string;
  columns: string[];
  thisRow: boolean;
  text: string;
}

function readBracket(s: string, i: number): [string, number] {
  // s[i] === "[": returns the inner text (unescaped) and the index after the matching "]".
  let out = "";
  let j = i + 1;
  while (j < s.length) {
    const ch = s[j];
    if (ch === "'") {
      out += s[j + 1];
      j += 2;
      continue;
    }
    if (ch === "]") return [out, j + 1];
    out += ch;
    j++;
  }
  throw new Error(`Unbalanced [ in ${s}`);
}

export function structuredRefs(formula: string): StructuredRef[] {
  const refs: StructuredRef[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      i++;
      while (i < formula.length && !(formula[i] === '"' && formula[i + 1] !== '"')) i += formula[i] === '"' ? 2 : 1;
      i++;
      continue;
    }
    const m = /^[A-Za-z_\u00C0-\u024F][A-Za-z0-9_.\u00C0-\u024F]*\[/.exec(formula.slice(i));
    if (m && (i === 0 || !/[A-Za-z0-9_.]/.test(formula[i - 1]))) {
      const table = m[0].slice(0, -1);
      const start = i;
      let j = i + m[0].length - 1;
      const columns: string[] = [];
      let thisRow = false;
      if (formula[j + 1] === "[") {
        // Table[[...],[...]]
        j++;
        for (;;) {
          const [inner, next] = readBracket(formula, j);
          if (inner === "#This Row") thisRow = true;
          else columns.push(inner);
          j = next;
          if (formula[j] === ",") {
            j++;
            continue;
          }
          if (formula[j] !== "]") throw new Error(`Bad structured reference in ${formula}`);
          j++;
          break;
        }
      } else {
        const [inner, next] = readBracket(formula, j);
        columns.push(inner);
        j = next;
      }
      refs.push({ table, columns, thisRow, text: formula.slice(start, j) });
      i = j;
      continue;
    }
    i++;
  }
  return refs;
}

/** Parentheses balance outside string literals. */
export function balanced(formula: string): boolean {
  let depth = 0;
  let inStr = false;
  for (const ch of formula) {
    if (ch === '"') inStr = !inStr;
    else if (!inStr && ch === "(") depth++;
    else if (!inStr && ch === ")" && --depth < 0) return false;
  }
  return depth === 0 && !inStr;
}
