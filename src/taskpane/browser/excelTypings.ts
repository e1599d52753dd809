/**
 * The browser build's stand-in for test/strict-excel/typings.ts, swapped in by webpack
 * (NormalModuleReplacementPlugin in webpack.config.js). The original reads @types/office-js from
 * the disk at run time, which a browser cannot; here the Excel enums are read from the same file at
 * build time and inlined (PIPC_EXCEL_ENUMS). The requirement-set and member tables stay empty: the
 * demo's Excel supports every set the engine asks for, so those checks could only pass anyway,
 * and they keep running in full where the strict Excel tests the engine (jest, in Node).
 */
declare const PIPC_EXCEL_ENUMS: Record<string, Record<string, string | number>>;

export interface ExcelTypings {
  enums: Record<string, Record<string, string | number>>;
  members: Map<string, { set: string; version: string }>;
  classes: Map<string, Set<string>>;
}

let cached: ExcelTypings | undefined;

export function excelTypings(): ExcelTypings {
  cached ??= { enums: PIPC_EXCEL_ENUMS, members: new Map(), classes: new Map() };
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
