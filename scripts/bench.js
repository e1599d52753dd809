#!/usr/bin/env node
/**
 * `npm run bench` launcher. scripts/bench.ts (and the project's TypeScript it imports: src/, the
 * strict Excel of test/) runs without ts-node and without a compile step: a require hook hands each
 * .ts file to TypeScript's own `transpileModule` (syntax only, no type checking; `tsc --noEmit`
 * already checks these files), which takes well under a second for the whole import graph.
 */
"use strict";
const fs = require("fs");
const ts = require("typescript");

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2020,
  esModuleInterop: true,
  resolveJsonModule: true,
  jsx: ts.JsxEmit.ReactJSX,
  // Inline maps so `node --cpu-prof scripts/bench.js` profiles point at the .ts lines.
  inlineSourceMap: true,
  inlineSources: false,
};

/** Registers the hook; idempotent. */
function register() {
  if (require.extensions[".ts"]) return;
  require.extensions[".ts"] = function compileTs(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const { outputText } = ts.transpileModule(source, { fileName: filename, compilerOptions: COMPILER_OPTIONS });
    module._compile(outputText, filename);
  };
}

if (require.main === module) {
  register();
  require("./bench.ts")
    .main(process.argv.slice(2))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err) => {
        process.stderr.write(`bench: ${err && err.stack ? err.stack : String(err)}\n`);
        process.exitCode = 2;
      },
    );
}

module.exports = { register };
