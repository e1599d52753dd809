/**
 * Builds the add-in's web part (task pane, ribbon commands, help page) into dist/ and serves it at
 * https://localhost:3000 for sideloading, following Microsoft's React task-pane template.
 *
 * Environment:
 *  - PIPC_HTTP=1      serve plain http (headless browser tests: no certificate to install).
 *  - PIPC_URL_PROD=…  production builds rewrite https://localhost:3000/ to this origin in the
 *                     copied manifest.xml (the source manifest always keeps the dev URL).
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

/** The pages the manifest points at; test/manifest.test.ts checks every manifest URL is one of them. */
const PAGES = [
  { filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] },
  { filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] },
  { filename: "ayuda.html", template: "./src/help/ayuda.html", chunks: [] },
];

async function devServerOptions() {
  if (process.env.PIPC_HTTP === "1") return { type: "http" };
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
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // Office caches add-in files hard; content hashes make a new build reach users at once.
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
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
          })
      ),
    ],
    performance: {
      hints: dev ? false : "warning",
      // The placeholder pane (React + tree-shaken Fluent UI v9) is ~230 KiB; the real pane adds the
      // domain and report layers. Past 512 KiB something heavy slipped in (e.g. exceljs).
      maxAssetSize: 512 * 1024,
      maxEntrypointSize: 512 * 1024,
    },
    devServer: serving
      ? {
          port: PORT,
          hot: true,
          // Everything served comes from the build (assets are copied into it): no public/ folder.
          static: false,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: await devServerOptions(),
        }
      : undefined,
  };
};

module.exports.PAGES = PAGES;
module.exports.DEV_URL = DEV_URL;
