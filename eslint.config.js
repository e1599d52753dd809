/**
 * ESLint 9 flat config. Besides typescript-eslint's recommended rules it enforces the layers of
 * docs/architecture.md, so an import that points the wrong way fails `npm run lint` (and CI):
 *
 *   src/domain -> src/report -> src/xlsx | src/excel -> src/cli | src/taskpane (+ src/commands)
 *
 * Layer rules are `no-restricted-imports` regex patterns generated per folder *and per depth*:
 * a relative specifier only says where it leads once you know how deep the importing file sits
 * (`../excel` leaves src/report from src/report/x.ts, but not from src/report/sub/x.ts).
 * test/lint/layers.test.ts proves each rule fires for a forbidden import and not for an allowed one.
 */
const tseslint = require("typescript-eslint");
const officeAddins = require("eslint-plugin-office-addins");

const EXCELJS = "exceljs";
const OFFICE = ["office-js", "@microsoft/office-js", "@types/office-js"];
const REACT = ["react", "react-dom"];
const FLUENT = "@fluentui/.+";
const OFFICE_GLOBALS = ["Office", "Excel", "OfficeExtension"];

/**
 * What each layer may not import. `packages`: npm packages (and their subpaths). `layers`: sibling
 * folders of src/. `selfContained`: no relative import may leave the folder at all.
 * `officeGlobals`: Office.js is a global script, not an import, so its globals are banned too.
 */
const LAYERS = {
  domain: {
    packages: [EXCELJS, ...OFFICE, ...REACT, FLUENT],
    selfContained: true,
    officeGlobals: true,
    why: "src/domain is pure: it imports nothing but itself",
  },
  report: {
    packages: [EXCELJS, ...OFFICE, ...REACT, FLUENT],
    layers: ["xlsx", "excel", "cli", "taskpane", "commands"],
    officeGlobals: true,
    why: "src/report imports only src/domain",
  },
  xlsx: {
    packages: [...OFFICE, ...REACT, FLUENT],
    layers: ["excel", "cli", "taskpane", "commands"],
    officeGlobals: true,
    why: "src/xlsx imports only src/domain, src/report and exceljs",
  },
  excel: {
    packages: [EXCELJS, ...REACT, FLUENT],
    layers: ["xlsx", "cli", "taskpane", "commands"],
    why: "src/excel imports only src/domain, src/report and Office.js",
  },
  cli: {
    packages: [...OFFICE, ...REACT, FLUENT],
    layers: ["excel", "taskpane", "commands"],
    officeGlobals: true,
    why: "src/cli runs in Node: it imports src/domain, src/report and src/xlsx",
  },
  taskpane: {
    packages: [EXCELJS],
    layers: ["xlsx", "cli", "commands"],
    why: "src/taskpane imports src/domain, src/report and src/excel (exceljs would bloat the pane)",
  },
  commands: {
    packages: [EXCELJS, ...REACT, FLUENT],
    layers: ["xlsx", "cli", "taskpane"],
    why: "src/commands imports src/domain, src/report and src/excel",
  },
};

/** Deepest folder nesting inside a layer that gets exact rules; deeper files get a strict fallback. */
const MAX_DEPTH = 6;

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

function restrictionsFor(name, layer, depth) {
  const message = `${layer.why} (docs/architecture.md).`;
  const patterns = [];
  if (layer.packages?.length) {
    const pkgs = layer.packages.map((p) => (p.includes(".+") ? p.replace("/.+", "\\/.+") : escape(p)));
    patterns.push({ regex: `^(${pkgs.join("|")})(\\/.*)?$`, message });
  }
  // From a file `depth` folders below the layer's root, depth+1 ".." steps reach src/.
  const toSrc = `(\\.\\.\\/){${depth}}\\.\\.`;
  if (layer.selfContained) {
    patterns.push({ regex: `^(\\.\\/)?${toSrc}(\\/|$)`, message });
  } else if (layer.layers?.length) {
    const sibling = `(${layer.layers.join("|")})`;
    patterns.push({ regex: `^(\\.\\/)?${toSrc}\\/(\\.\\.\\/src\\/)?${sibling}(\\/|$)`, message });
  }
  const glob = `src/${name}/${"*/".repeat(depth)}*.{ts,tsx,js,mts,cts}`;
  return { files: [glob], rules: { "no-restricted-imports": ["error", { patterns }] } };
}

function layerConfigs() {
  const configs = [];
  for (const [name, layer] of Object.entries(LAYERS)) {
    for (let depth = 0; depth <= MAX_DEPTH; depth++) configs.push(restrictionsFor(name, layer, depth));
    if (layer.officeGlobals) {
      const message = `${layer.why}; Office.js belongs in src/excel (docs/architecture.md).`;
      configs.push({
        files: [`src/${name}/**/*.{ts,tsx,js,mts,cts}`],
        rules: {
          "no-restricted-globals": ["error", ...OFFICE_GLOBALS.map((g) => ({ name: g, message }))],
          // Types too (`Excel.Range`): @types/office-js is global in tsconfig, so no import reveals it.
          "no-restricted-syntax": [
            "error",
            { selector: `TSQualifiedName > Identifier.left[name=/^(${OFFICE_GLOBALS.join("|")})$/]`, message },
          ],
        },
      });
    }
  }
  // Deeper than MAX_DEPTH: forbid every relative import that climbs, rather than guess.
  configs.push({
    files: [`src/*/${"*/".repeat(MAX_DEPTH + 1)}**/*.{ts,tsx,js,mts,cts}`],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(\\.\\/)?\\.\\.(\\/|$)", message: "Too deeply nested for the layer rules: flatten the folder." }] },
      ],
    },
  });
  return configs;
}

const NODE_GLOBALS = {
  require: "readonly",
  module: "writable",
  exports: "writable",
  __dirname: "readonly",
  __filename: "readonly",
  process: "readonly",
  Buffer: "readonly",
  console: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
};

module.exports = [
  { ignores: ["dist/**", "lib/**", "node_modules/**", "out/**", "coverage/**", "test-results/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names mark deliberately unused parameters; an unused `catch (err)` is harmless.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // `cond ? a() : b()` and `x && f()` as statements are a style choice; a lone `expect(x).toBe`
      // (a forgotten call) is still reported.
      "@typescript-eslint/no-unused-expressions": ["error", { allowTernary: true, allowShortCircuit: true }],
    },
  },
  {
    // Plain Node scripts and tool configs are CommonJS.
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs", globals: NODE_GLOBALS },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Test doubles of Office.js (the strict in-memory Excel) mimic a loosely typed API.
    files: ["test/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Office.js habits the architecture asks for: no load() without properties, no sync per row.
    files: ["src/excel/**/*.{ts,tsx}", "src/taskpane/**/*.{ts,tsx}", "src/commands/**/*.{ts,tsx}"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/no-empty-load": "error",
      // Only a warning: syncing once per chunk under Excel on the web's 5 MB request limit is a loop
      // the architecture requires; the rule cannot tell it from a sync per row.
      "office-addins/no-context-sync-in-loop": "warn",
      "office-addins/no-navigational-load": "warn",
      "office-addins/no-office-initialize": "error",
    },
  },
  ...layerConfigs(),
];

module.exports.LAYERS = LAYERS;
