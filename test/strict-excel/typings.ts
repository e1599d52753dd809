/**
 * Facts read from @types/office-js itself, so the strict Excel does not restate them by hand:
 * every `Excel.*` enum (for the `Excel` global that `install()` sets), and, for each class member,
 * the requirement set it needs ("ExcelApi 1.9"), so a test can say which Excel it pretends to be.
 */
import * as fs from "fs";

export interface ExcelTypings {
  enums: Record<string, Record<string, string | number>>;
  /** "Range.getSpecialCells" -> { set: "ExcelApi", version: "1.9" } */
  members: Map<string, { set: string; version: string }>;
  /** Class name -> member names declared on it. */
  classes: Map<string, Set<string>>;
}

let cached: ExcelTypings | undefined;

/** Parses (once) the `declare namespace Excel` block of @types/office-js. */
export function excelTypings(): ExcelTypings {
  if (cached) return cached;
  const file = require.resolve("@types/office-js/index.d.ts", { paths: [__dirname, process.cwd()] });
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const start = lines.findIndex((l) => /^declare namespace Excel \{/.test(l));
  const enums: ExcelTypings["enums"] = {};
  const members = new Map<string, { set: string; version: string }>();
  const classes = new Map<string, Set<string>>();
  let current: { kind: "class" | "enum"; name: string } | undefined;
  let lastApiSet: { set: string; version: string } | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^\}/.test(line)) break;
    const head = /^ {4}(?:export )?(class|enum|interface) (\w+)/.exec(line);
    if (head) {
      current = head[1] === "interface" ? undefined : { kind: head[1] as "class" | "enum", name: head[2] };
      if (current?.kind === "enum") enums[current.name] = {};
      if (current?.kind === "class") classes.set(current.name, new Set());
      continue;
    }
    if (/^ {4}\}/.test(line)) {
      current = undefined;
      continue;
    }
    if (!current) continue;
    const api = /\[Api set: (\w+) ([\d.]+)/.exec(line);
    if (api) lastApiSet = { set: api[1], version: api[2] };
    if (current.kind === "enum") {
      const m = /^ {8}(\w+) = (".*?"|-?\d+)/.exec(line);
      if (m) enums[current.name][m[1]] = m[2].startsWith('"') ? m[2].slice(1, -1) : Number(m[2]);
      continue;
    }
    const member = /^ {8}(?:readonly )?(\w+)\??(\(|:|<)/.exec(line);
    if (member && !line.trim().startsWith("*")) {
      const name = member[1];
      classes.get(current.name)!.add(name);
      if (lastApiSet && !members.has(`${current.name}.${name}`)) members.set(`${current.name}.${name}`, lastApiSet);
      lastApiSet = undefined;
    }
  }
  cached = { enums, members, classes };
  return cached;
}

/** Compares "1.10" > "1.9" numerically. */
export function versionAtLeast(have: string, need: string): boolean {
  const a = have.split(".").map(Number);
  const b = need.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
