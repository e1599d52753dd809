/**
 * The layer rules of eslint.config.js, run through ESLint's own Node API with the project's real
 * config: every forbidden import must be reported, every allowed one must pass.
 */
import * as fs from "fs";
import * as path from "path";
import { ESLint, Linter } from "eslint";

const ROOT = path.resolve(__dirname, "..", "..");
const LAYER_RULES = new Set(["no-restricted-imports", "no-restricted-globals", "no-restricted-syntax"]);

let eslint: ESLint;
beforeAll(() => {
  // ESLint loads eslint.config.js (and walks folders) with dynamic import(), which jest's VM refuses
  // without --experimental-vm-modules; handing it the very same config array avoids both.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(ROOT, "eslint.config.js")) as Linter.Config[];
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });
});

/** Layer-rule messages ESLint reports for `code` as if it lived at `file` (relative to the root). */
async function layerViolations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => m.message);
}

const importing = (specifier: string) => `import * as m from "${specifier}";\nexport const used = m;\n`;

// [file, import specifier] pairs. Files need not exist: ESLint only needs the path to pick the rules.
const FORBIDDEN: Array<[string, string]> = [
  ["src/domain/x.ts", "exceljs"],
  ["src/domain/x.ts", "office-js"],
  ["src/domain/x.ts", "@microsoft/office-js"],
  ["src/domain/x.ts", "react"],
  ["src/domain/x.ts", "react-dom/client"],
  ["src/domain/x.ts", "@fluentui/react-components"],
  ["src/domain/x.ts", "../report/spec"],
  ["src/domain/x.ts", "../xlsx/writer"],
  ["src/domain/x.ts", "../excel/writer"],
  ["src/domain/x.ts", "../cli/main"],
  ["src/domain/x.ts", "../taskpane/App"],
  ["src/domain/x.ts", ".."],
  ["src/domain/x.ts", "../../package.json"],
  ["src/domain/data/x.ts", "../../report/spec"],
  ["src/report/x.ts", "exceljs"],
  ["src/report/x.ts", "@microsoft/office-js"],
  ["src/report/x.ts", "react"],
  ["src/report/x.ts", "@fluentui/react-components"],
  ["src/report/x.ts", "../xlsx/writer"],
  ["src/report/x.ts", "../excel/writer"],
  ["src/report/x.ts", "../cli/main"],
  ["src/report/x.ts", "../taskpane/App"],
  ["src/report/x.ts", "../../src/excel/writer"],
  ["src/report/sheets/x.ts", "../../excel/writer"],
  ["src/xlsx/x.ts", "../excel/writer"],
  ["src/xlsx/x.ts", "../taskpane/App"],
  ["src/xlsx/x.ts", "../cli/main"],
  ["src/excel/x.ts", "exceljs"],
  ["src/excel/x.ts", "../xlsx/writer"],
  ["src/excel/x.ts", "../cli/main"],
  ["src/excel/x.ts", "../taskpane/App"],
  ["src/excel/x.ts", "react"],
  ["src/cli/x.ts", "../excel/writer"],
  ["src/cli/x.ts", "../taskpane/App"],
  ["src/cli/x.ts", "react"],
  ["src/taskpane/x.tsx", "../xlsx/writer"],
  ["src/taskpane/x.tsx", "exceljs"],
];

const ALLOWED: Array<[string, string]> = [
  ["src/domain/x.ts", "./model"],
  ["src/domain/x.ts", "./data/plan-2021.json"],
  ["src/domain/data/x.ts", "../model"],
  ["src/report/x.ts", "../domain"],
  ["src/report/x.ts", "../domain/model"],
  ["src/report/x.ts", "./spec"],
  ["src/report/sheets/x.ts", "../../domain/model"],
  // From src/report/sheets/, "../excel" is src/report/excel: still inside src/report.
  ["src/report/sheets/x.ts", "../excel/colors"],
  ["src/xlsx/x.ts", "exceljs"],
  ["src/xlsx/x.ts", "../domain"],
  ["src/xlsx/x.ts", "../report/spec"],
  ["src/excel/x.ts", "../domain"],
  ["src/excel/x.ts", "../report/spec"],
  ["src/cli/x.ts", "../domain"],
  ["src/cli/x.ts", "../report/spec"],
  ["src/cli/x.ts", "../xlsx/writer"],
  ["src/taskpane/x.tsx", "react"],
  ["src/taskpane/x.tsx", "@fluentui/react-components"],
  ["src/taskpane/x.tsx", "../excel/writer"],
  ["src/taskpane/x.tsx", "../report/spec"],
  ["test/domain/x.test.ts", "../../src/excel/writer"],
];

describe("layer rules (eslint.config.js)", () => {
  test.each(FORBIDDEN)("%s may not import %s", async (file, specifier) => {
    const messages = await layerViolations(file, importing(specifier));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("docs/architecture.md");
  });

  test.each(ALLOWED)("%s may import %s", async (file, specifier) => {
    expect(await layerViolations(file, importing(specifier))).toEqual([]);
  });

  test("type-only imports and re-exports are caught too", async () => {
    expect(await layerViolations("src/report/x.ts", 'import type { A } from "../excel/a";\nexport type B = A;\n')).toHaveLength(1);
    expect(await layerViolations("src/domain/x.ts", 'export { A } from "../report/a";\n')).toHaveLength(1);
  });

  test("Office.js globals and types are banned below the adapters, allowed in src/excel", async () => {
    const run = "export const run = () => Excel.run(async () => undefined);\n";
    const typed = "export type R = Excel.Range;\n";
    for (const file of ["src/domain/x.ts", "src/report/x.ts", "src/xlsx/x.ts", "src/cli/x.ts"]) {
      expect(await layerViolations(file, run)).not.toEqual([]);
      expect(await layerViolations(file, typed)).not.toEqual([]);
    }
    expect(await layerViolations("src/excel/x.ts", run)).toEqual([]);
    expect(await layerViolations("src/excel/x.ts", typed)).toEqual([]);
  });

  test("the source tree as it stands obeys the layers", async () => {
    const files = sourceFiles(path.join(ROOT, "src"));
    expect(files.length).toBeGreaterThan(0);
    const violations: string[] = [];
    for (const file of files) {
      const relative = path.relative(ROOT, file);
      for (const message of await layerViolations(relative, fs.readFileSync(file, "utf8"))) {
        violations.push(`${relative}: ${message}`);
      }
    }
    expect(violations).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}
