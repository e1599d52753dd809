/**
 * Builds the add-in's web part (task pane, ribbon commands, help page) into dist/ and serves it at
 * https://localhost:3000 for sideloading, following Microsoft's React task-pane template.
 *
 * Environment:
 *  - PIPC_HTTP=1      serve plain http (headless browser tests: no certificate to install);
 *                     `--env http` does the same (`npm run dev-server:http`).
 *  - PIPC_URL_PROD=…  production builds rewrite https://localhost:3000/ to this origin in the
 *                     copied manifest.xml (the source manifest always keeps the dev URL).
 */
const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

/** The pages the manifest points at; test/manifest.test.ts checks every manifest URL is one of them. */
const PAGES = [
  { filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] },
  { filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] },
  { filename: "ayuda.html", template: "./src/help/ayuda.html", chunks: [] },
  // Opened by the "Resumen cuatrimestre" command with Office.context.ui.displayDialogAsync.
  { filename: "resultado.html", template: "./src/commands/resultado.html", chunks: ["resultado"] },
];

/**
 * The Excel enums of @types/office-js (`declare namespace Excel { enum X { a = "A" } }`), read at
 * build time for the browser demo's in-memory Excel (src/taskpane/browser/excelTypings.ts), which
 * cannot read node_modules at run time as it does under jest.
 */
function excelEnums() {
  const file = require.resolve("@types/office-js/index.d.ts");
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const start = lines.findIndex((l) => /^declare namespace Excel \{/.test(l));
  const enums = {};
  let current = null;
  for (let i = start + 1; i < lines.length && !/^\}/.test(lines[i]); i++) {
    const line = lines[i];
    const head = /^ {4}(?:export )?(class|enum|interface) (\w+)/.exec(line);
    if (head) {
      current = head[1] === "enum" ? head[2] : null;
      if (current) enums[current] = {};
      continue;
    }
    if (/^ {4}\}/.test(line)) current = null;
    if (!current) continue;
    const m = /^ {8}(\w+) = (".*?"|-?\d+)/.exec(line);
    if (m) enums[current][m[1]] = m[2].startsWith('"') ? m[2].slice(1, -1) : Number(m[2]);
  }
  return enums;
}

/**
 * Marks the chunk of ExcelJS and JSZip (shipped minified by their authors) as minimized, so the
 * minimizer skips it: minifying 1 MB of minified code again took most of a production build.
 */
class SkipMinifiedLibraries {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("SkipMinifiedLibraries", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "SkipMinifiedLibraries", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (/^xlsx-lib\..*\.js$/.test(name)) compilation.updateAsset(name, (s) => s, { minimized: true });
          }
        },
      );
    });
  }
}

/**
 * The pages' Content-Security-Policy: scripts only from the add-in itself and Microsoft's office.js
 * CDN, no eval, no network calls but to the add-in's own origin (and office.js's CDN, from which it
 * loads its own companion files). Styles allow inline because Fluent UI v9 (Griffel) inserts its
 * style rules at run time. The dev server adds its live-reload socket.
 */
function contentSecurityPolicy(dev) {
  const office = "https://appsforoffice.microsoft.com";
  return [
    "default-src 'self'",
    `script-src 'self' ${office}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${office}${dev ? " ws://localhost:3000 wss://localhost:3000" : ""}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

async function devServerOptions(env) {
  if (process.env.PIPC_HTTP === "1" || env.http) return { type: "http" };
  // Required lazily: it may prompt to install a localhost certificate, which a build must never do.
  const devCerts = require("office-addin-dev-certs");
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { type: "https", options: { ca, key, cert } };
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const prodUrl = process.env.PIPC_URL_PROD;

  return {
    mode: dev ? "development" : "production",
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      resultado: "./src/commands/resultado.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // Office caches add-in files hard; content hashes make a new build reach users at once.
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      // The browser demo (in-memory Excel + ExcelJS) is a chunk of its own, loaded only outside Office.
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      // The in-memory Excel (test/strict-excel) can recalculate with LibreOffice under jest; that
      // path is never taken in a browser, but webpack still compiles it: Node's modules stay empty.
      fallback: { fs: false, path: false, os: false, child_process: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: "tsconfig.json",
              // Type checking is `tsc --noEmit`'s job (npm run lint); here it would only slow builds.
              transpileOnly: true,
              // ES modules let webpack tree-shake Fluent UI; tsconfig stays CommonJS for Node and jest.
              compilerOptions: { module: "es2020", sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      new SkipMinifiedLibraries(),
      // The in-memory Excel writes .xlsx files with Node's Buffer (ExcelJS, JSZip): the demo chunk gets
      // the browser implementation of it. Only modules that use Buffer receive it.
      new webpack.ProvidePlugin({ Buffer: ["buffer", "Buffer"] }),
      new webpack.NormalModuleReplacementPlugin(/^\.\/typings$/, (resource) => {
        if (/[\\/]test[\\/]strict-excel$/.test(resource.context)) {
          resource.request = path.resolve(__dirname, "src/taskpane/browser/excelTypings.ts");
        }
      }),
      new webpack.DefinePlugin({ PIPC_EXCEL_ENUMS: JSON.stringify(excelEnums()) }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              if (dev || !prodUrl) return content;
              const origin = prodUrl.endsWith("/") ? prodUrl : `${prodUrl}/`;
              return content.toString().split(DEV_URL).join(origin);
            },
          },
        ],
      }),
      ...PAGES.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: page.filename,
            template: page.template,
            chunks: page.chunks,
            meta: { "Content-Security-Policy": { "http-equiv": "Content-Security-Policy", content: contentSecurityPolicy(dev) } },
          })
      ),
    ],
    optimization: {
      splitChunks: {
        cacheGroups: {
          xlsxLib: { test: /[\\/]node_modules[\\/](exceljs|jszip)[\\/]/, name: "xlsx-lib", chunks: "async", priority: 10 },
        },
      },
    },
    performance: {
      hints: dev ? false : "warning",
      // The pane is ~650 KiB (≈200 KiB gzipped): React, the tree-shaken Fluent UI v9 components it
      // uses (more than half of it) and the domain, report and Office.js layers. Past 768 KiB
      // something heavy slipped in (e.g. exceljs, which only the browser demo's lazy chunks may
      // hold; those load outside Office only and are not counted).
      maxAssetSize: 768 * 1024,
      maxEntrypointSize: 768 * 1024,
      assetFilter: (name) => /\.js$/.test(name) && !/^(xlsx-lib|demo|\d+)\./.test(name),
    },
    devServer: serving
      ? {
          port: PORT,
          hot: true,
          // Everything served comes from the build (assets are copied into it): no public/ folder.
          static: false,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: await devServerOptions(env),
        }
      : undefined,
  };
};

module.exports.PAGES = PAGES;
module.exports.DEV_URL = DEV_URL;
