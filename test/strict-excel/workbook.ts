/**
 * The workbook root and its document-level stores: application (calculation mode and the
 * suspend-until-next-sync switches), settings, custom document properties and custom XML parts.
 */
import { XMLValidator } from "fast-xml-parser";
import { excelError } from "./errors";
import { Range, child } from "./range";
import { ClientObject, CollectionObject, PropSpec, StrictClientResult, StrictRequestContext } from "./runtime";
import { CustomXmlPartState, WorkbookState, stableGuid } from "./state";
import { NamedItemCollection } from "./names";
import { TableCollection } from "./table";
import { WorksheetCollection } from "./worksheet";

/** Excel.Workbook. */
export class Workbook extends ClientObject {
  static officeClass = "Workbook";
  static nav = ["worksheets", "tables", "names", "settings", "properties", "customXmlParts", "application"];
  static props: Record<string, PropSpec<WorkbookState>> = {
    name: { get: () => "Libro1.xlsx" },
  };

  constructor(ctx: StrictRequestContext) {
    super(ctx, "workbook", () => ctx.engine.state);
  }

  get name(): string { return this._read("name"); }

  get worksheets(): WorksheetCollection {
    return child(this, "worksheets", () => new WorksheetCollection(this.context, "workbook.worksheets", () => this._resolve()));
  }

  get tables(): TableCollection {
    return child(this, "tables", () => new TableCollection(this.context, "workbook.tables", () => this._resolve()));
  }

  get names(): NamedItemCollection {
    return child(this, "names", () => new NamedItemCollection(this.context, "workbook.names", () => this._resolve()));
  }

  get settings(): SettingCollection {
    return child(this, "settings", () => new SettingCollection(this.context, "workbook.settings", () => this._resolve()));
  }

  get properties(): DocumentProperties {
    return child(this, "properties", () => new DocumentProperties(this.context, "workbook.properties", () => this._resolve()));
  }

  get customXmlParts(): CustomXmlPartCollection {
    return child(this, "customXmlParts", () => new CustomXmlPartCollection(this.context, "workbook.customXmlParts", () => this._resolve()));
  }

  get application(): Application {
    return this.context.application as Application;
  }

  getSelectedRange(): Range {
    return new Range(this.context, "workbook.getSelectedRange()", () => {
      const st = this.context.engine.state;
      const sheet =
        st.sheets.find((s) => s.id === st.selection?.sheetId) ??
        st.sheets.find((s) => s.id === st.activeSheetId) ??
        st.sheets.find((s) => s.visibility === "Visible");
      if (!sheet) throw excelError("ItemNotFound", "the workbook has no worksheet");
      return { sheet, rect: st.selection?.sheetId === sheet.id ? st.selection.rect : { r1: 0, c1: 0, r2: 0, c2: 0 } };
    });
  }

  getActiveCell(): Range {
    return new Range(this.context, "workbook.getActiveCell()", () => {
      const st = this.context.engine.state;
      const sheet = st.sheets.find((s) => s.id === (st.selection?.sheetId ?? st.activeSheetId)) ?? st.sheets[0];
      if (!sheet) throw excelError("ItemNotFound", "the workbook has no worksheet");
      const r = st.selection?.sheetId === sheet.id ? st.selection.rect : { r1: 0, c1: 0, r2: 0, c2: 0 };
      return { sheet, rect: { r1: r.r1, c1: r.c1, r2: r.r1, c2: r.c1 } };
    });
  }
}

/** Excel.Application. */
export class Application extends ClientObject {
  static officeClass = "Application";
  static props: Record<string, PropSpec<WorkbookState>> = {
    calculationMode: {
      get: (st) => st.calculationMode,
      set: (st, v) => {
        if (!["Automatic", "AutomaticExceptTables", "Manual"].includes(String(v))) throw excelError("InvalidArgument", `calculationMode ${JSON.stringify(v)}`);
        st.calculationMode = String(v);
      },
    },
  };

  constructor(ctx: StrictRequestContext) {
    super(ctx, "application", () => ctx.engine.state);
  }

  get calculationMode(): string { return this._read("calculationMode"); }
  set calculationMode(v: string) { this._write("calculationMode", v); }

  calculate(calculationType: string): void {
    this._call("calculate", { calculationType }, () => {
      if (!["Recalculate", "Full", "FullRebuild"].includes(calculationType)) throw excelError("InvalidArgument", `calculationType ${JSON.stringify(calculationType)}`);
    });
  }

  /** Excel skips recalculating until the next sync; recorded in the sync's statistics. */
  suspendApiCalculationUntilNextSync(): void {
    this.context._suspendCalc = true;
    this._call("suspendApiCalculationUntilNextSync", undefined, () => undefined);
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.context._suspendScreen = true;
    this._call("suspendScreenUpdatingUntilNextSync", undefined, () => undefined);
  }
}

/** Excel.SettingCollection: values stored as JSON, as Office persists them. */
export class SettingCollection extends CollectionObject<[string, unknown]> {
  static officeClass = "SettingCollection";
  static props = {};

  _entities(scope: unknown): [string, unknown][] {
    return [...(scope as WorkbookState).settings.entries()];
  }

  _itemProxy(e: [string, unknown]): ClientObject {
    return this._setting(e[0], false);
  }

  _setting(key: string, nullable: boolean, mustExist = true): Setting {
    return new Setting(
      this.context,
      `workbook.settings.getItem(${JSON.stringify(key)})`,
      () => {
        const st = this.context.engine.state;
        if (!st.settings.has(key)) {
          if (nullable) return null;
          if (mustExist) throw excelError("ItemNotFound", `there is no setting "${key}"`);
        }
        return { key, state: st };
      },
      nullable,
    );
  }

  add(key: string, value: unknown): Setting {
    this._call<WorkbookState>("add", { key, value }, (st) => {
      if (typeof key !== "string" || key === "") throw excelError("InvalidArgument", "a setting key must be a non-empty string");
      if (value === undefined) throw excelError("InvalidArgument", "a setting value cannot be undefined");
      st.settings.set(key, JSON.parse(JSON.stringify(value)));
      const size = JSON.stringify([...st.settings]).length;
      if (size > 2 * 1024 * 1024) throw excelError("InvalidOperation", `settings would take ${size} bytes; Office keeps at most 2 MB per add-in`);
    });
    return this._setting(key, false);
  }

  getItem(key: string): Setting {
    return this._setting(key, false);
  }

  getItemOrNullObject(key: string): Setting {
    return this._setting(key, true);
  }

  getCount(): StrictClientResult<number> {
    return this._result<WorkbookState, number>("getCount", undefined, (st) => st.settings.size);
  }
}

/** Excel.Setting. */
export class Setting extends ClientObject {
  static officeClass = "Setting";
  static props: Record<string, PropSpec<{ key: string; state: WorkbookState }>> = {
    key: { get: (s) => s.key },
    value: {
      get: (s) => s.state.settings.get(s.key),
      set: (s, v) => {
        s.state.settings.set(s.key, JSON.parse(JSON.stringify(v)));
      },
    },
  };

  get key(): string { return this._read("key"); }
  get value(): any { return this._read("value"); }
  set value(v: any) { this._write("value", v); }

  delete(): void {
    this._call<{ key: string; state: WorkbookState }>("delete", undefined, (s) => {
      s.state.settings.delete(s.key);
    });
  }
}

/** Excel.DocumentProperties (only `custom` is modelled). */
export class DocumentProperties extends ClientObject {
  static officeClass = "DocumentProperties";
  static nav = ["custom"];

  get custom(): CustomPropertyCollection {
    return child(this, "custom", () => new CustomPropertyCollection(this.context, "workbook.properties.custom", () => this._resolve()));
  }
}

function propertyType(v: unknown): string {
  if (typeof v === "string") return "String";
  if (typeof v === "boolean") return "Boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "Number" : "Float";
  if (v instanceof Date) return "Date";
  throw excelError("InvalidArgument", `a custom property value must be a string, number, boolean or Date, got ${JSON.stringify(v)}`);
}

/** Excel.CustomPropertyCollection. String values longer than 255 characters are cut, as desktop Excel does. */
export class CustomPropertyCollection extends CollectionObject<string> {
  static officeClass = "CustomPropertyCollection";
  static props = {};

  _entities(scope: unknown): string[] {
    return [...(scope as WorkbookState).customProperties.keys()];
  }

  _itemProxy(key: string): ClientObject {
    return this._property(key, false);
  }

  _property(key: string, nullable: boolean): CustomProperty {
    return new CustomProperty(
      this.context,
      `workbook.properties.custom.getItem(${JSON.stringify(key)})`,
      () => {
        const st = this.context.engine.state;
        const real = [...st.customProperties.keys()].find((k) => k.toUpperCase() === key.toUpperCase());
        if (real === undefined) {
          if (nullable) return null;
          throw excelError("ItemNotFound", `there is no custom property "${key}"`);
        }
        return { key: real, state: st };
      },
      nullable,
    );
  }

  add(key: string, value: unknown): CustomProperty {
    this._call<WorkbookState>("add", { key, value }, (st) => {
      if (typeof key !== "string" || key === "" || key.length > 255) throw excelError("InvalidArgument", "a custom property key is 1 to 255 characters");
      const type = propertyType(value);
      let v = value;
      if (typeof v === "string" && v.length > 255) {
        this.context.engine.stats.warnings.push(`custom property "${key}" was cut to 255 characters`);
        v = v.slice(0, 255);
      }
      const existing = [...st.customProperties.keys()].find((k) => k.toUpperCase() === key.toUpperCase());
      if (existing) st.customProperties.delete(existing);
      st.customProperties.set(key, { value: v instanceof Date ? v.toISOString() : v, type });
    });
    return this._property(key, false);
  }

  getItem(key: string): CustomProperty {
    return this._property(key, false);
  }

  getItemOrNullObject(key: string): CustomProperty {
    return this._property(key, true);
  }

  deleteAll(): void {
    this._call<WorkbookState>("deleteAll", undefined, (st) => st.customProperties.clear());
  }

  getCount(): StrictClientResult<number> {
    return this._result<WorkbookState, number>("getCount", undefined, (st) => st.customProperties.size);
  }
}

/** Excel.CustomProperty. */
export class CustomProperty extends ClientObject {
  static officeClass = "CustomProperty";
  static props: Record<string, PropSpec<{ key: string; state: WorkbookState }>> = {
    key: { get: (p) => p.key },
    type: { get: (p) => p.state.customProperties.get(p.key)?.type },
    value: {
      get: (p) => p.state.customProperties.get(p.key)?.value,
      set: (p, v) => {
        const type = propertyType(v);
        p.state.customProperties.set(p.key, { value: typeof v === "string" ? v.slice(0, 255) : v, type });
      },
    },
  };

  get key(): string { return this._read("key"); }
  get type(): string { return this._read("type"); }
  get value(): any { return this._read("value"); }
  set value(v: any) { this._write("value", v); }

  delete(): void {
    this._call<{ key: string; state: WorkbookState }>("delete", undefined, (p) => {
      p.state.customProperties.delete(p.key);
    });
  }
}

function checkXml(xml: unknown): { xml: string; namespaceUri: string } {
  if (typeof xml !== "string" || xml.trim() === "") throw excelError("InvalidArgument", "custom XML must be a non-empty string");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw excelError("InvalidArgument", `custom XML is not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
  const root = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*\b[^>]*>/.exec(xml.replace(/<\?[\s\S]*?\?>/g, "").replace(/<!--[\s\S]*?-->/g, ""));
  const prefix = root?.[1]?.slice(0, -1);
  const ns = root ? new RegExp(`xmlns${prefix ? `:${prefix}` : ""}="([^"]*)"`).exec(root[0]) : null;
  return { xml, namespaceUri: ns?.[1] ?? "" };
}

/** Excel.CustomXmlPartCollection. */
export class CustomXmlPartCollection extends CollectionObject<CustomXmlPartState> {
  static officeClass = "CustomXmlPartCollection";
  static props = {};

  _entities(scope: unknown): CustomXmlPartState[] {
    return (scope as WorkbookState).customXmlParts;
  }

  _itemProxy(p: CustomXmlPartState): ClientObject {
    return new CustomXmlPart(this.context, `workbook.customXmlParts.getItem('${p.id}')`, () => p);
  }

  add(xml: string): CustomXmlPart {
    let created: CustomXmlPartState | undefined;
    const proxy = new CustomXmlPart(this.context, "workbook.customXmlParts.add()", () => {
      if (!created) throw excelError("InvalidObjectPath", "the XML part was not added", "workbook.customXmlParts.add");
      return created;
    });
    this._call<WorkbookState>("add", { xml }, (st) => {
      const checked = checkXml(xml);
      st.seq.xml += 1;
      created = { id: stableGuid(4, st.seq.xml), ...checked };
      st.customXmlParts.push(created);
    });
    return proxy;
  }

  getItem(id: string): CustomXmlPart {
    return new CustomXmlPart(this.context, `workbook.customXmlParts.getItem(${JSON.stringify(id)})`, () => {
      const p = this._resolve<WorkbookState>()!.customXmlParts.find((x) => x.id === id);
      if (!p) throw excelError("ItemNotFound", `there is no custom XML part ${id}`);
      return p;
    });
  }

  getItemOrNullObject(id: string): CustomXmlPart {
    return new CustomXmlPart(
      this.context,
      `workbook.customXmlParts.getItemOrNullObject(${JSON.stringify(id)})`,
      () => this._resolve<WorkbookState>()!.customXmlParts.find((x) => x.id === id) ?? null,
      true,
    );
  }

  getByNamespace(namespaceUri: string): CustomXmlPartScopedCollection {
    return new CustomXmlPartScopedCollection(this.context, `workbook.customXmlParts.getByNamespace(${JSON.stringify(namespaceUri)})`, () => ({
      state: this._resolve<WorkbookState>()!,
      ns: namespaceUri,
    }));
  }

  getCount(): StrictClientResult<number> {
    return this._result<WorkbookState, number>("getCount", undefined, (st) => st.customXmlParts.length);
  }
}

/** Excel.CustomXmlPartScopedCollection (parts of one namespace). */
export class CustomXmlPartScopedCollection extends CollectionObject<CustomXmlPartState> {
  static officeClass = "CustomXmlPartScopedCollection";
  static props = {};

  _entities(scope: unknown): CustomXmlPartState[] {
    const s = scope as { state: WorkbookState; ns: string };
    return s.state.customXmlParts.filter((p) => p.namespaceUri === s.ns);
  }

  _itemProxy(p: CustomXmlPartState): ClientObject {
    return new CustomXmlPart(this.context, `workbook.customXmlParts.getItem('${p.id}')`, () => p);
  }

  getOnlyItem(): CustomXmlPart {
    return new CustomXmlPart(this.context, `${this._path}.getOnlyItem()`, () => {
      const list = this._entities(this._resolve());
      if (list.length !== 1) throw excelError(list.length ? "InvalidOperation" : "ItemNotFound", `${list.length} parts in this namespace`);
      return list[0];
    });
  }

  getOnlyItemOrNullObject(): CustomXmlPart {
    return new CustomXmlPart(
      this.context,
      `${this._path}.getOnlyItemOrNullObject()`,
      () => {
        const list = this._entities(this._resolve());
        if (list.length > 1) throw excelError("InvalidOperation", `${list.length} parts in this namespace`);
        return list[0] ?? null;
      },
      true,
    );
  }

  getItem(id: string): CustomXmlPart {
    return new CustomXmlPart(this.context, `${this._path}.getItem(${JSON.stringify(id)})`, () => {
      const p = this._entities(this._resolve()).find((x) => x.id === id);
      if (!p) throw excelError("ItemNotFound", `there is no custom XML part ${id} in this namespace`);
      return p;
    });
  }

  getItemOrNullObject(id: string): CustomXmlPart {
    return new CustomXmlPart(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(id)})`, () => this._entities(this._resolve()).find((x) => x.id === id) ?? null, true);
  }

  getCount(): StrictClientResult<number> {
    return this._result<unknown, number>("getCount", undefined, (scope) => this._entities(scope).length);
  }
}

/** Excel.CustomXmlPart. */
export class CustomXmlPart extends ClientObject {
  static officeClass = "CustomXmlPart";
  static props: Record<string, PropSpec<CustomXmlPartState>> = {
    id: { get: (p) => p.id },
    namespaceUri: { get: (p) => p.namespaceUri },
  };

  get id(): string { return this._read("id"); }
  get namespaceUri(): string { return this._read("namespaceUri"); }

  getXml(): StrictClientResult<string> {
    return this._result<CustomXmlPartState, string>("getXml", undefined, (p) => p.xml);
  }

  setXml(xml: string): void {
    this._call<CustomXmlPartState>("setXml", { xml }, (p) => {
      const checked = checkXml(xml);
      p.xml = checked.xml;
      p.namespaceUri = checked.namespaceUri;
    });
  }

  delete(): void {
    this._call<CustomXmlPartState>("delete", undefined, (p) => {
      const st = this.context.engine.state;
      st.customXmlParts = st.customXmlParts.filter((x) => x !== p);
      (p as { __deleted?: boolean }).__deleted = true;
    });
  }
}
