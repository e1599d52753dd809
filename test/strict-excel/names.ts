/**
 * Defined names (workbook or sheet scope): Excel's identifier rules, unique ignoring case within
 * their scope and against table names, formulas kept as given.
 */
import { qualified } from "./address";
import { excelError } from "./errors";
import { checkFormulaSyntax } from "./formula";
import { Range, RangeRef, rangeOfFormula } from "./range";
import { ClientObject, CollectionObject, Engine, PropSpec, StrictClientResult } from "./runtime";
import { checkIdentifierName } from "./rules";
import { NamedItemState, SheetState, WorkbookState } from "./state";

function scopeSheet(scope: unknown): SheetState | undefined {
  return (scope as SheetState).cells ? (scope as SheetState) : undefined;
}

function referenceFormula(reference: unknown): string {
  if (reference && typeof reference === "object" && (reference as ClientObject).__strictProxy) {
    const ref = (reference as ClientObject)._resolve<RangeRef>();
    if (!ref) throw excelError("InvalidArgument", "the name's range is a null object");
    return `=${qualified(ref.sheet.name, ref.rect, true)}`;
  }
  if (typeof reference !== "string" || reference.trim() === "") throw excelError("InvalidArgument", "a name needs a reference: a Range or a formula");
  const f = reference.startsWith("=") ? reference : `=${reference}`;
  checkFormulaSyntax(f);
  return f;
}

/** The constant a name's formula holds, with its Office type, when it is one. */
function describe(engine: Engine, n: NamedItemState): { type: string | null; value: unknown } {
  const body = n.formula.slice(1).trim();
  if (rangeOfFormula(engine, n.formula)) return { type: "Range", value: body };
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(body)) {
    const v = Number(body);
    return { type: Number.isInteger(v) ? "Integer" : "Double", value: v };
  }
  if (/^"([^"]|"")*"$/.test(body)) return { type: "String", value: body.slice(1, -1).replace(/""/g, '"') };
  if (/^(TRUE|FALSE)$/i.test(body)) return { type: "Boolean", value: body.toUpperCase() === "TRUE" };
  if (body.startsWith("#REF!")) return { type: "Error", value: "#REF!" };
  // A computed name: Excel would evaluate it; the strict Excel cannot.
  engine.stats.uncomputedFormulaReads += 1;
  return { type: null, value: null };
}

const nameProps: Record<string, PropSpec<NamedItemState>> = {
  name: { get: (n) => n.name },
  formula: {
    get: (n) => n.formula,
    set: (n, v) => {
      n.formula = referenceFormula(v);
    },
  },
  comment: {
    get: (n) => n.comment,
    set: (n, v) => {
      if (typeof v !== "string" || v.length > 255) throw excelError("InvalidArgument", "a name's comment is a string of at most 255 characters");
      n.comment = v;
    },
  },
  visible: {
    get: (n) => n.visible,
    set: (n, v) => {
      if (typeof v !== "boolean") throw excelError("InvalidArgument", "visible must be a boolean");
      n.visible = v;
    },
  },
  scope: { get: (n) => (n.sheetId ? "Worksheet" : "Workbook") },
  type: { get: (n, p) => describe((p as ClientObject).context.engine, n).type },
  value: { get: (n, p) => describe((p as ClientObject).context.engine, n).value },
};

/** Excel.NamedItem. */
export class NamedItem extends ClientObject {
  static officeClass = "NamedItem";
  static props = nameProps;

  get name(): string { return this._read("name"); }
  get formula(): string { return this._read("formula"); }
  set formula(v: string) { this._write("formula", v); }
  get comment(): string { return this._read("comment"); }
  set comment(v: string) { this._write("comment", v); }
  get visible(): boolean { return this._read("visible"); }
  set visible(v: boolean) { this._write("visible", v); }
  get scope(): string { return this._read("scope"); }
  get type(): string { return this._read("type"); }
  get value(): unknown { return this._read("value"); }

  getRange(): Range {
    return new Range(this.context, `${this._path}.getRange()`, () => {
      const n = this._resolve<NamedItemState>();
      if (!n) return null;
      const ref = rangeOfFormula(this.context.engine, n.formula);
      if (!ref) throw excelError("InvalidOperation", `name "${n.name}" does not refer to a range`);
      return ref;
    });
  }

  getRangeOrNullObject(): Range {
    return new Range(
      this.context,
      `${this._path}.getRangeOrNullObject()`,
      () => {
        const n = this._resolve<NamedItemState>();
        return n ? rangeOfFormula(this.context.engine, n.formula) : null;
      },
      true,
    );
  }

  delete(): void {
    this._call<NamedItemState>("delete", undefined, (n) => {
      const st = this.context.engine.state;
      st.names = st.names.filter((x) => x !== n);
      (n as { __deleted?: boolean }).__deleted = true;
    });
  }
}

/** Excel.NamedItemCollection of the workbook or of a sheet. */
export class NamedItemCollection extends CollectionObject<NamedItemState> {
  static officeClass = "NamedItemCollection";
  static props = {};

  _entities(scope: unknown): NamedItemState[] {
    const sheet = scopeSheet(scope);
    return this.context.engine.state.names.filter((n) => (sheet ? n.sheetId === sheet.id : !n.sheetId));
  }

  _itemProxy(n: NamedItemState): ClientObject {
    return new NamedItem(this.context, `${this._path}.getItem('${n.name}')`, () => n);
  }

  /** Adds a name; "=Resumen!$C$10", "=0.6" or a Range. Unique ignoring case, not a table's name. */
  add(name: string, reference: unknown, comment?: string): NamedItem {
    let created: NamedItemState | undefined;
    const proxy = new NamedItem(this.context, `${this._path}.add(${JSON.stringify(name)})`, () => {
      if (!created) throw excelError("InvalidObjectPath", "the name was not added", `${this._path}.add`);
      return created;
    });
    const payload = { name, reference: typeof reference === "string" ? reference : (reference as ClientObject)?._path, comment };
    this._call<WorkbookState | SheetState>("add", payload, (scope) => {
      const st = this.context.engine.state;
      const sheet = scopeSheet(scope);
      const n = checkIdentifierName(name, "defined name");
      const key = n.toUpperCase();
      const clash = this._entities(scope).find((x) => x.name.toUpperCase() === key);
      if (clash) throw excelError("ItemAlreadyExists", `the name "${clash.name}" already exists in this scope`);
      const table = st.tables.find((t) => t.name.toUpperCase() === key);
      if (table) throw excelError("ItemAlreadyExists", `"${n}" is already the name of a table`);
      if (comment !== undefined && (typeof comment !== "string" || comment.length > 255))
        throw excelError("InvalidArgument", "a name's comment is a string of at most 255 characters");
      created = { name: n, formula: referenceFormula(reference), comment: comment ?? "", sheetId: sheet?.id, visible: true };
      st.names.push(created);
    });
    return proxy;
  }

  _find(scope: unknown, name: string): NamedItemState | undefined {
    const key = name.toUpperCase();
    return this._entities(scope).find((n) => n.name.toUpperCase() === key);
  }

  getItem(name: string): NamedItem {
    return new NamedItem(this.context, `${this._path}.getItem(${JSON.stringify(name)})`, () => {
      const n = this._find(this._resolve(), name);
      if (!n) throw excelError("ItemNotFound", `there is no name "${name}"`);
      return n;
    });
  }

  getItemOrNullObject(name: string): NamedItem {
    return new NamedItem(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(name)})`, () => this._find(this._resolve(), name) ?? null, true);
  }

  getCount(): StrictClientResult<number> {
    return this._result<unknown, number>("getCount", undefined, (scope) => this._entities(scope).length);
  }
}
