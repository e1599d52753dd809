#!/usr/bin/env node
"use strict";
// The CLI is compiled to lib/ by `npm run build:cli` (run by `npm ci` through `prepare`).
let main;
try {
  main = require("../lib/cli/main.js").main;
} catch (err) {
  process.stderr.write(
    "pipc: falta la compilación (lib/). Ejecute `npm run build:cli` / missing build: run `npm run build:cli`.\n"
  );
  process.exit(2);
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`pipc: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(2);
  }
);
