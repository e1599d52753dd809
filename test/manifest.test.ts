/**
 * Offline check of manifest.xml: everything Office would reject or silently ignore at sideload time
 * that can be decided without Microsoft's online validator (`npm run validate`).
 *
 * Decision on URLs: every URL, SupportUrl and LearnMoreUrl included, lives on https://localhost:3000/
 * and is a page the build emits or a file in assets/. One origin means a deployment rewrites a single
 * prefix (webpack.config.js, PIPC_URL_PROD) and the help page ships with the add-in.
 *
 * The checker returns problems instead of asserting, so the second half of this file can break the
 * real manifest in each way it guards against and prove the check notices.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

const ROOT = path.resolve(__dirname, "..");
const ORIGIN = "https://localhost:3000/";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const TEMPLATE_GUID = "05c2e1c9-3e1d-406e-9a91-e9ac64854143";
const ICON_SIZES = new Set([16, 20, 24, 32, 40, 48, 64, 80]);
const REQUIRED_ICON_SIZES = [16, 32, 80];

type ResourceKind = "image" | "url" | "short" | "long";

/** Which kind of resource each element that carries a resid must point at. */
const RESID_KIND: Record<string, ResourceKind> = {
  "bt:Image": "image",
  SourceLocation: "url",
  FunctionFile: "url",
  LearnMoreUrl: "url",
  Label: "short",
  Title: "short",
  Description: "long",
};

const RESOURCE_GROUPS: Array<[string, ResourceKind, number]> = [
  ["bt:Images", "image", Infinity],
  ["bt:Urls", "url", Infinity],
  ["bt:ShortStrings", "short", 125],
  ["bt:LongStrings", "long", 250],
];

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

interface Context {
  /** Folder holding assets/ (the repository root). */
  root: string;
  /** Page file names the webpack build emits (taskpane.html, ...). */
  pages: string[];
  /** Source of src/commands/commands.ts. */
  commandsSource: string;
}

type RawNode = Record<string, unknown>;

function toTree(nodes: RawNode[]): El[] {
  const out: El[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ":@");
    if (!name || name === "#text" || name.startsWith("?")) continue;
    const rawChildren = node[name] as RawNode[];
    const children = toTree(rawChildren);
    const text = rawChildren
      .filter((c) => "#text" in c)
      .map((c) => String(c["#text"]))
      .join("")
      .trim();
    out.push({ name, attrs: (node[":@"] as Record<string, string>) ?? {}, children, text });
  }
  return out;
}

function descendants(el: El): El[] {
  return el.children.flatMap((c) => [c, ...descendants(c)]);
}

const childrenNamed = (el: El | undefined, name: string): El[] => el?.children.filter((c) => c.name === name) ?? [];
const child = (el: El | undefined, name: string): El | undefined => childrenNamed(el, name)[0];
const path1 = (el: El | undefined, ...names: string[]): El | undefined =>
  names.reduce<El | undefined>((cur, n) => child(cur, n), el);

/** Width and height from a PNG's IHDR chunk, or null when the file is not a PNG. */
function pngSize(file: string): { width: number; height: number } | null {
  const head = Buffer.alloc(24);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, 24, 0);
  } finally {
    fs.closeSync(fd);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!head.subarray(0, 8).equals(signature) || head.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/** Checks one manifest text; returns one message per problem (empty when the manifest is sound). */
function checkManifest(xml: string, ctx: Context): string[] {
  const problems: string[] = [];
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`];

  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  const roots = toTree(parser.parse(xml) as RawNode[]);
  const app = roots.find((r) => r.name === "OfficeApp");
  if (!app) return ["the root element is not OfficeApp"];
  if (app.attrs.xmlns !== "http://schemas.microsoft.com/office/appforoffice/1.1") problems.push("OfficeApp is not schema 1.1");
  if (app.attrs["xsi:type"] !== "TaskPaneApp") problems.push("OfficeApp xsi:type is not TaskPaneApp");

  const id = child(app, "Id")?.text ?? "";
  if (!GUID.test(id)) problems.push(`Id "${id}" is not a GUID`);
  if (id.toLowerCase() === TEMPLATE_GUID) problems.push("Id is the template's GUID: generate a fresh one");
  if (child(app, "Permissions")?.text !== "ReadWriteDocument") problems.push("Permissions is not ReadWriteDocument");
  if (child(app, "DefaultLocale")?.text !== "es-CO") problems.push("DefaultLocale is not es-CO");

  const hosts = childrenNamed(child(app, "Hosts"), "Host").map((h) => h.attrs.Name);
  if (hosts.join() !== "Workbook") problems.push(`Hosts must be exactly Workbook, found ${hosts.join() || "none"}`);
  const sets = path1(app, "Requirements", "Sets");
  const excelApi = childrenNamed(sets, "Set").find((s) => s.attrs.Name === "ExcelApi");
  if (sets?.attrs.DefaultMinVersion !== "1.1" || excelApi?.attrs.MinVersion !== "1.7") {
    problems.push("Requirements must ask for ExcelApi 1.7 (Sets DefaultMinVersion 1.1)");
  }

  if (child(app, "DisplayName")?.attrs.DefaultValue !== "Seguimiento PIPC") problems.push('DisplayName is not "Seguimiento PIPC"');
  for (const name of ["DisplayName", "Description"]) {
    const el = child(app, name);
    if (!el?.attrs.DefaultValue) problems.push(`${name} has no DefaultValue`);
    const en = childrenNamed(el, "Override").find((o) => o.attrs.Locale === "en-US");
    if (!en?.attrs.Value) problems.push(`${name} has no en-US Override`);
  }

  const overrides = child(app, "VersionOverrides");
  if (!overrides) return [...problems, "VersionOverrides is missing"];
  if (overrides.attrs["xsi:type"] !== "VersionOverridesV1_0") problems.push("VersionOverrides is not VersionOverridesV1_0");
  const overrideHosts = childrenNamed(child(overrides, "Hosts"), "Host");
  if (overrideHosts.length === 0 || overrideHosts.some((h) => h.attrs["xsi:type"] !== "Workbook")) {
    problems.push("VersionOverrides must declare the Workbook host only");
  }

  // Resources: definitions, their limits and their en-US overrides.
  const resources = new Map<string, { kind: ResourceKind; value: string }>();
  const resourcesEl = child(overrides, "Resources");
  for (const [group, kind, maxLength] of RESOURCE_GROUPS) {
    for (const res of child(resourcesEl, group)?.children ?? []) {
      const resId = res.attrs.id ?? "";
      const value = res.attrs.DefaultValue ?? "";
      if (resources.has(resId)) problems.push(`resource id "${resId}" is defined twice`);
      if (resId.length === 0 || resId.length > 32) problems.push(`resource id "${resId}" must have 1 to 32 characters`);
      if (!value) problems.push(`resource "${resId}" has no DefaultValue`);
      resources.set(resId, { kind, value });
      if (kind === "short" || kind === "long") {
        const en = childrenNamed(res, "bt:Override").find((o) => o.attrs.Locale === "en-US");
        if (!en?.attrs.Value) problems.push(`string "${resId}" has no en-US Override`);
        for (const text of [value, en?.attrs.Value ?? ""]) {
          if (text.length > maxLength) problems.push(`string "${resId}" is longer than ${maxLength} characters`);
        }
      }
    }
  }

  // References: each resid exists, has the kind its element needs, and every resource is used.
  const used = new Set<string>();
  const imageSizes = new Map<string, Set<number>>();
  const everything = descendants(app);
  for (const el of everything) {
    const resid = el.attrs.resid;
    if (resid === undefined) continue;
    used.add(resid);
    const expected = RESID_KIND[el.name];
    const res = resources.get(resid);
    if (!expected) problems.push(`<${el.name}> may not carry a resid ("${resid}")`);
    else if (!res) problems.push(`resid "${resid}" on <${el.name}> is not defined in Resources`);
    else if (res.kind !== expected) problems.push(`resid "${resid}" on <${el.name}> must be a ${expected} resource, not ${res.kind}`);
    if (el.name === "bt:Image") {
      const size = Number(el.attrs.size);
      if (!ICON_SIZES.has(size)) problems.push(`icon size ${el.attrs.size} for "${resid}" is not one Office supports`);
      if (!imageSizes.has(resid)) imageSizes.set(resid, new Set());
      imageSizes.get(resid)!.add(size);
    }
  }
  for (const resId of resources.keys()) if (!used.has(resId)) problems.push(`resource "${resId}" is defined but never used`);
  for (const icon of everything.filter((e) => e.name === "Icon")) {
    const sizes = icon.children.map((c) => Number(c.attrs.size));
    for (const size of REQUIRED_ICON_SIZES) if (!sizes.includes(size)) problems.push(`an <Icon> lacks the required ${size} px image`);
  }

  // URLs: all on the dev origin; assets exist with the right pixel size; pages are built by webpack.
  const urls: Array<{ where: string; url: string; size?: number }> = [
    { where: "IconUrl", url: child(app, "IconUrl")?.attrs.DefaultValue ?? "", size: 32 },
    { where: "HighResolutionIconUrl", url: child(app, "HighResolutionIconUrl")?.attrs.DefaultValue ?? "", size: 64 },
    { where: "SupportUrl", url: child(app, "SupportUrl")?.attrs.DefaultValue ?? "" },
    { where: "DefaultSettings/SourceLocation", url: path1(app, "DefaultSettings", "SourceLocation")?.attrs.DefaultValue ?? "" },
  ];
  for (const [resId, res] of resources) {
    if (res.kind === "url") urls.push({ where: `bt:Url "${resId}"`, url: res.value });
    if (res.kind === "image") {
      const sizes = [...(imageSizes.get(resId) ?? [])];
      if (sizes.length > 1) problems.push(`image "${resId}" is used at several sizes (${sizes.join(", ")})`);
      urls.push({ where: `bt:Image "${resId}"`, url: res.value, size: sizes[0] });
    }
  }
  for (const el of everything) {
    for (const value of [el.attrs.Value, el.name === "AppDomain" ? el.text : undefined]) {
      if (value && /^[a-z]+:\/\//i.test(value)) urls.push({ where: `<${el.name}>`, url: value });
    }
  }
  for (const { where, url, size } of urls) {
    if (!url.startsWith(ORIGIN)) {
      problems.push(`${where}: ${url || "(empty)"} is not on ${ORIGIN}`);
      continue;
    }
    const rel = url.slice(ORIGIN.length).split(/[?#]/)[0];
    if (rel.startsWith("assets/")) {
      const file = path.join(ctx.root, rel);
      if (!fs.existsSync(file)) {
        problems.push(`${where}: ${rel} does not exist`);
        continue;
      }
      const dims = pngSize(file);
      if (!dims) problems.push(`${where}: ${rel} is not a PNG`);
      else if (size !== undefined && (dims.width !== size || dims.height !== size)) {
        problems.push(`${where}: ${rel} is ${dims.width}x${dims.height} px, expected ${size}x${size}`);
      }
    } else if (!ctx.pages.includes(rel)) {
      problems.push(`${where}: ${rel} is not a page the build emits (${ctx.pages.join(", ")})`);
    }
  }

  // Actions: the task pane button opens the pane page; every command function is registered.
  const taskpaneUrl = path1(app, "DefaultSettings", "SourceLocation")?.attrs.DefaultValue;
  const functionFile = everything.find((e) => e.name === "FunctionFile");
  for (const action of everything.filter((e) => e.name === "Action")) {
    if (action.attrs["xsi:type"] === "ShowTaskpane") {
      if (!child(action, "TaskpaneId")?.text) problems.push("a ShowTaskpane action has no TaskpaneId");
      const resid = child(action, "SourceLocation")?.attrs.resid ?? "";
      if (resources.get(resid)?.value !== taskpaneUrl) problems.push("a ShowTaskpane action does not open the task pane page");
    } else if (action.attrs["xsi:type"] === "ExecuteFunction") {
      const name = child(action, "FunctionName")?.text ?? "";
      const associated = new RegExp(`Office\\.actions\\.associate\\(\\s*["'\`]${name.replace(/\W/g, "\\$&")}["'\`]`);
      if (!name || !associated.test(ctx.commandsSource)) {
        problems.push(`FunctionName "${name}" is not registered with Office.actions.associate in src/commands/commands.ts`);
      }
      if (!functionFile) problems.push("an ExecuteFunction button needs a FunctionFile");
    }
  }
  if (functionFile && resources.get(functionFile.attrs.resid ?? "")?.value !== `${ORIGIN}commands.html`) {
    problems.push("FunctionFile does not point at commands.html");
  }

  const controlIds = everything.filter((e) => e.name === "Control" || e.name === "Group").map((e) => e.attrs.id);
  for (const cid of new Set(controlIds)) {
    if (controlIds.filter((c) => c === cid).length > 1) problems.push(`control id "${cid}" is used twice`);
  }
  return problems;
}

/** The pages webpack.config.js emits, read from its HtmlWebpackPlugin instances (production build). */
async function builtPages(): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js")) as (
    env: Record<string, unknown>,
    argv: Record<string, unknown>
  ) => Promise<{ plugins: Array<{ constructor: { name: string }; userOptions?: { filename?: string; template?: string } }> }>;
  const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
  const html = config.plugins.filter((p) => p.constructor.name === "HtmlWebpackPlugin");
  for (const page of html) {
    const template = page.userOptions?.template ?? "";
    if (!fs.existsSync(path.join(ROOT, template))) throw new Error(`missing page template ${template}`);
  }
  return html.map((p) => p.userOptions?.filename ?? "");
}

let manifest: string;
let ctx: Context;

beforeAll(async () => {
  manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  ctx = {
    root: ROOT,
    pages: await builtPages(),
    commandsSource: fs.readFileSync(path.join(ROOT, "src", "commands", "commands.ts"), "utf8"),
  };
});

describe("manifest.xml", () => {
  test("passes every offline check", () => {
    expect(checkManifest(manifest, ctx)).toEqual([]);
  });

  test("the build emits the pages the manifest needs", () => {
    expect(ctx.pages).toEqual(expect.arrayContaining(["taskpane.html", "commands.html", "ayuda.html"]));
  });

  test("has the two ribbon buttons, in Spanish with English overrides", () => {
    for (const [es, en] of [
      ["Abrir panel", "Open pane"],
      ["Resumen cuatrimestre", "Cuatrimestre summary"],
    ]) {
      expect(manifest).toMatch(new RegExp(`DefaultValue="${es}">\\s*<bt:Override Locale="en-US" Value="${en}"/>`));
    }
    expect(manifest).toContain("<FunctionName>generarResumen</FunctionName>");
    expect(manifest).toContain('<OfficeTab id="TabHome">');
  });
});

describe("the check catches a broken manifest", () => {
  /** Applies one textual change (which must apply) and returns the problems of the result. */
  function problemsAfter(from: string | RegExp, to: string, context: Context = ctx): string[] {
    const changed = manifest.replace(from, to);
    expect(changed).not.toBe(manifest);
    return checkManifest(changed, context);
  }

  test.each<[string, string | RegExp, string, string]>([
    ["malformed XML", "</Permissions>", "</Permission>", "not well-formed"],
    ["Id not a GUID", /<Id>[^<]+<\/Id>/, "<Id>seguimiento-pipc</Id>", "is not a GUID"],
    ["template GUID", /<Id>[^<]+<\/Id>/, `<Id>${TEMPLATE_GUID}</Id>`, "template's GUID"],
    ["read-only permission", "<Permissions>ReadWriteDocument", "<Permissions>ReadDocument", "ReadWriteDocument"],
    ["another host", '<Host Name="Workbook"/>', '<Host Name="Document"/>', "exactly Workbook"],
    ["extra host", '<Host Name="Workbook"/>', '<Host Name="Workbook"/><Host Name="Document"/>', "exactly Workbook"],
    ["English default locale", "<DefaultLocale>es-CO", "<DefaultLocale>en-US", "es-CO"],
    ["older ExcelApi", 'MinVersion="1.7"', 'MinVersion="1.1"', "ExcelApi 1.7"],
    ["DisplayName without English", /<DisplayName DefaultValue="Seguimiento PIPC">\s*<Override[^>]*\/>/, '<DisplayName DefaultValue="Seguimiento PIPC">', "DisplayName has no en-US Override"],
    ["ribbon string without English", '<bt:Override Locale="en-US" Value="Open pane"/>', "", 'string "PIPC.AbrirPanel.Label" has no en-US Override'],
    ["undefined resid", '<Label resid="PIPC.Group.Label"/>', '<Label resid="PIPC.Group.Nombre"/>', '"PIPC.Group.Nombre" on <Label> is not defined'],
    ["resid of the wrong kind", '<Description resid="PIPC.AbrirPanel.Tip"/>', '<Description resid="PIPC.AbrirPanel.Label"/>', "must be a long resource"],
    ["unused resource", "</bt:ShortStrings>", '<bt:String id="PIPC.Sobra" DefaultValue="x"><bt:Override Locale="en-US" Value="x"/></bt:String></bt:ShortStrings>', '"PIPC.Sobra" is defined but never used'],
    ["resid over 32 characters", /PIPC\.Resumen\.Tip/g, "PIPC.Resumen.Tip.Que.Es.Demasiado.Largo", "1 to 32 characters"],
    ["icon file missing", "assets/icon-80.png", "assets/icon-81.png", "icon-81.png does not exist"],
    ["icon of the wrong size", 'DefaultValue="https://localhost:3000/assets/icon-16.png"', 'DefaultValue="https://localhost:3000/assets/icon-32.png"', "expected 16x16"],
    ["IconUrl of the wrong size", '<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"', '<IconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"', "IconUrl: assets/icon-64.png is 64x64 px, expected 32x32"],
    ["unsupported icon size", /<bt:Image size="64" resid="PIPC.Icon.64"\/>/g, '<bt:Image size="128" resid="PIPC.Icon.64"/>', "icon size 128"],
    ["required icon size missing", /<bt:Image size="80" resid="PIPC.Icon.80"\/>/, "", "lacks the required 80 px image"],
    ["plain http", "https://localhost:3000/taskpane.html", "http://localhost:3000/taskpane.html", "is not on https://localhost:3000/"],
    ["other host", '<SupportUrl DefaultValue="https://localhost:3000/ayuda.html"', '<SupportUrl DefaultValue="https://www.example.com/help"', "SupportUrl: https://www.example.com/help is not on"],
    ["page the build does not emit", 'DefaultValue="https://localhost:3000/commands.html"', 'DefaultValue="https://localhost:3000/ribbon.html"', "ribbon.html is not a page the build emits"],
    ["unregistered function", "<FunctionName>generarResumen</FunctionName>", "<FunctionName>generarInforme</FunctionName>", 'FunctionName "generarInforme" is not registered'],
    ["duplicate control id", 'id="PIPC.Resumen"', 'id="PIPC.AbrirPanel"', 'control id "PIPC.AbrirPanel" is used twice'],
    ["task pane button opening another page", '<SourceLocation resid="PIPC.Taskpane.Url"/>', '<SourceLocation resid="PIPC.GetStarted.LearnMoreUrl"/>', "does not open the task pane page"],
  ])("%s", (_label, from, to, expected) => {
    const problems = problemsAfter(from, to);
    expect(problems.join("\n")).toContain(expected);
  });

  test("a function missing from commands.ts is caught", () => {
    const withoutAssociate = { ...ctx, commandsSource: ctx.commandsSource.replace(/Office\.actions\.associate/g, "noop") };
    expect(checkManifest(manifest, withoutAssociate).join("\n")).toContain('FunctionName "generarResumen" is not registered');
  });

  test("an icon file drawn at the wrong size is caught", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pipc-assets-"));
    try {
      fs.mkdirSync(path.join(tmp, "assets"));
      for (const f of fs.readdirSync(path.join(ROOT, "assets")).filter((f) => fs.statSync(path.join(ROOT, "assets", f)).isFile())) {
        fs.copyFileSync(path.join(ROOT, "assets", f), path.join(tmp, "assets", f));
      }
      fs.copyFileSync(path.join(ROOT, "assets", "icon-64.png"), path.join(tmp, "assets", "icon-80.png"));
      expect(checkManifest(manifest, { ...ctx, root: tmp }).join("\n")).toContain("icon-80.png is 64x64 px, expected 80x80");
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
