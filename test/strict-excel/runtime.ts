/**
 * The request machinery of the strict Excel: a context that queues commands, proxies whose
 * properties throw until loaded and synced, `sync()` that applies the queue in order, and the
 * statistics (round trips, operations, request size) that tests assert on.
 *
 * Semantics, with their source in Microsoft's documentation and the office-js runtime:
 * - Proxy properties are unavailable until `load` + `sync` ("application-specific API model",
 *   section load()); reading one throws PropertyNotLoaded with Office's own message.
 * - Writes and method calls are queued and applied at `sync()`, in order; a sync with nothing
 *   queued is not a round trip (office-js `syncPrivate` returns early without actions).
 * - A failing command rejects `sync()`; commands before it stay applied, the ones after it are not
 *   run (OfficeExtension.Error reference: "All other commands after the failed command in the
 *   batch are not executed"). Values loaded in a failed sync never reach the proxies.
 * - `Excel.run` syncs once more after the batch's promise resolves (office-js `_runCommon`), and
 *   rejects with RunMustReturnPromise when the batch returns no promise.
 * - A request larger than 5 MB fails with RequestPayloadSizeLimitExceeded before anything is
 *   applied ("Resource limits and performance optimization", Excel add-ins).
 * - `*OrNullObject` proxies know `isNullObject` after the next sync without a load ("OrNullObject
 *   methods and properties"); commands on a null object do nothing.
 * - Stricter than Office.js on purpose: after setting a property, reading it back throws until it is
 *   loaded again (Office.js would echo the written value, not what Excel made of it); proxies used
 *   after their `run` ended throw InvalidObjectPath at once instead of being silently dropped.
 */
import { StrictExcelError, excelError } from "./errors";
import { excelTypings, versionAtLeast } from "./typings";
import { WorkbookState } from "./state";

export interface StrictExcelOptions {
  /** Request payload limit in bytes (Excel on the web: 5 MB). */
  payloadLimitBytes?: number;
  /** Response payload limit in bytes (Excel on the web: 5 MB). */
  responseLimitBytes?: number;
  /** Throw at once on `load()` without property names, instead of only counting it. */
  throwOnLoadWithoutProperties?: boolean;
  /** Requirement sets the pretend Excel supports; members needing more fail with ApiNotFound. */
  requirementSets?: Record<string, string>;
  /** Name given by `worksheets.add()` without a name: "Sheet" gives Sheet1, Sheet2... */
  defaultSheetPrefix?: string;
  /** Reject formulas whose structured references name a missing table or column (default true). */
  validateStructuredReferences?: boolean;
}

export interface SyncRecord {
  /** 1-based number of the sync call. */
  index: number;
  /** Commands sent (property sets, method calls, loads, null-object probes). */
  operations: number;
  loads: number;
  /** Estimated request size: JSON of every queued command with its payload. */
  requestBytes: number;
  /** Estimated response size: JSON of every loaded value. */
  responseBytes: number;
  /** Error code when this sync was rejected. */
  failed?: string;
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
}

export interface StrictExcelStats {
  runs: number;
  /** Calls to `context.sync()` (including the one `run` adds). */
  syncCalls: number;
  /** Syncs that carried at least one command. */
  roundTrips: number;
  operations: number;
  loads: number;
  requestBytesTotal: number;
  largestRequestBytes: number;
  perSync: SyncRecord[];
  /** `load()` calls without property names (or naming only a navigation property / "items"). */
  loadsWithoutProperties: number;
  loadsWithoutPropertiesAt: string[];
  /** Non-array values written to a multi-cell range (works in Excel, not allowed by @types). */
  scalarBroadcasts: number;
  /** Cells where text written through `values` became a formula ("=...", "+x", "-x"). */
  textBecameFormula: string[];
  /** Cells where text was turned into a number, boolean or date ("5", "TRUE", "2021-01-05"). */
  textCoerced: string[];
  /** Reads of formula cells whose result the strict Excel cannot compute (returned null). */
  uncomputedFormulaReads: number;
  /** Commands issued on null objects (ignored). */
  operationsOnNullObjects: number;
  warnings: string[];
}

export function emptyStats(): StrictExcelStats {
  return {
    runs: 0,
    syncCalls: 0,
    roundTrips: 0,
    operations: 0,
    loads: 0,
    requestBytesTotal: 0,
    largestRequestBytes: 0,
    perSync: [],
    loadsWithoutProperties: 0,
    loadsWithoutPropertiesAt: [],
    scalarBroadcasts: 0,
    textBecameFormula: [],
    textCoerced: [],
    uncomputedFormulaReads: 0,
    operationsOnNullObjects: 0,
    warnings: [],
  };
}

/** Shared by every context of one strict Excel. */
export interface Engine {
  state: WorkbookState;
  options: Required<Omit<StrictExcelOptions, "requirementSets">> & { requirementSets: Record<string, string> };
  stats: StrictExcelStats;
  /** Set by any command that changes cells; clears cached formula results at the end of the sync. */
  contentChanged: boolean;
}

interface Command {
  kind: string;
  /** How many actions office-js sends for it (it splits 2-D writes above 1,500 cells into row chunks). */
  weight?: number;
  path: string;
  payload?: unknown;
  isLoad?: boolean;
  /** Applies the command; may push commit callbacks that run only when the whole sync succeeds. */
  apply(commits: (() => void)[], response: unknown[]): void;
}

const SIZE_REPLACER = (_k: string, v: unknown) => {
  if (v && typeof v === "object" && (v as { __strictProxy?: boolean }).__strictProxy) return (v as ClientObject)._path;
  return v;
};

/** The strict counterpart of `Excel.RequestContext`. */
export class StrictRequestContext {
  readonly engine: Engine;
  /** Set by the workbook module (it cannot be imported here without a cycle). */
  workbook!: ClientObject;
  application!: ClientObject;
  readonly trackedObjects = {
    add: (_o: unknown) => undefined,
    remove: (_o: unknown) => undefined,
  };
  readonly requestHeaders: Record<string, string> = {};
  _queue: Command[] = [];
  _closed = false;
  _suspendCalc = false;
  _suspendScreen = false;
  _pendingNullProbes = new Set<ClientObject>();
  _pendingResults = new Set<StrictClientResult<unknown>>();

  constructor(engine: Engine) {
    this.engine = engine;
  }

  get debugInfo(): { pendingStatements: string[] } {
    return { pendingStatements: this._queue.map((c) => `${c.path}.${c.kind}`) };
  }

  /** `context.load(object, option)`, as Office.js offers it. */
  load(object: ClientObject, option?: unknown): void {
    object.load(option as never);
  }

  trace(message: string): void {
    this._enqueue({ kind: "trace", path: "context", payload: message, apply: (_c, _r) => this._traces.push(message) });
  }

  _traces: string[] = [];

  _assertOpen(path: string): void {
    if (this._closed) throw excelError("InvalidObjectPath", `the batch that created ${path} has finished`, path);
  }

  _enqueue(cmd: Command): void {
    this._assertOpen(cmd.path);
    this._queue.push(cmd);
  }

  /** Queues a command that fails at sync (used for members the pretend Excel does not support). */
  _enqueueFailure(path: string, error: StrictExcelError): void {
    this._enqueue({ kind: "unsupported", path, apply: () => { throw error; } });
  }

  /** `context.sync()`: applies the queue in order, then makes loaded values readable. */
  async sync<T>(passThroughValue?: T): Promise<T> {
    const engine = this.engine;
    const stats = engine.stats;
    stats.syncCalls += 1;
    const index = stats.syncCalls;
    // Null-object probes are part of the request, as office-js instantiates those object paths.
    for (const p of this._pendingNullProbes) {
      const probe = p;
      this._queue.push({ kind: "instantiate", path: probe._path, apply: (commits) => probe._probeNull(commits) });
    }
    this._pendingNullProbes.clear();
    const queue = this._queue;
    this._queue = [];
    const results = [...this._pendingResults];
    this._pendingResults.clear();
    await Promise.resolve();
    if (queue.length === 0) return passThroughValue as T;

    const requestBytes = queue.reduce(
      (n, c) => n + JSON.stringify({ a: c.kind, p: c.path, v: c.payload }, SIZE_REPLACER).length + 1,
      2,
    );
    const record: SyncRecord = {
      index,
      operations: queue.filter((c) => c.kind !== "trace").reduce((n, c) => n + (c.weight ?? 1), 0),
      loads: queue.filter((c) => c.isLoad).length,
      requestBytes,
      responseBytes: 0,
      suspendedCalculation: this._suspendCalc,
      suspendedScreenUpdating: this._suspendScreen,
    };
    this._suspendCalc = false;
    this._suspendScreen = false;
    stats.perSync.push(record);
    stats.roundTrips += 1;
    stats.operations += record.operations;
    stats.loads += record.loads;
    stats.requestBytesTotal += requestBytes;
    stats.largestRequestBytes = Math.max(stats.largestRequestBytes, requestBytes);
    if (requestBytes > engine.options.payloadLimitBytes) {
      record.failed = "RequestPayloadSizeLimitExceeded";
      throw excelError(
        "RequestPayloadSizeLimitExceeded",
        `this request is about ${requestBytes} bytes; the limit is ${engine.options.payloadLimitBytes}`,
      );
    }
    const commits: (() => void)[] = [];
    const response: unknown[] = [];
    this._traces = [];
    for (const cmd of queue) {
      try {
        cmd.apply(commits, response);
      } catch (e) {
        const err = e instanceof StrictExcelError ? e : wrapInternal(e);
        err.debugInfo.errorLocation = err.debugInfo.errorLocation ?? cmd.path;
        err.debugInfo.statement = `${cmd.path}.${cmd.kind}`;
        err.traceMessages = [...this._traces];
        record.failed = err.code;
        this._afterApply();
        throw err;
      }
    }
    this._afterApply();
    record.responseBytes = JSON.stringify(response).length;
    if (record.responseBytes > engine.options.responseLimitBytes) {
      record.failed = "ResponsePayloadSizeLimitExceeded";
      throw excelError("ResponsePayloadSizeLimitExceeded", `the loaded values are about ${record.responseBytes} bytes`);
    }
    for (const c of commits) c();
    for (const r of results) r._ready = true;
    return passThroughValue as T;
  }

  private _afterApply(): void {
    if (this.engine.contentChanged) {
      // Cached results came from the last recalculation; any edit may change them.
      for (const s of this.engine.state.sheets) for (const c of s.cells.values()) if (c.formula !== undefined) delete c.cached;
      this.engine.contentChanged = false;
    }
  }
}

function wrapInternal(e: unknown): StrictExcelError {
  const err = excelError("GeneralException", `strict-excel internal error: ${(e as Error)?.stack ?? String(e)}`);
  return err;
}

/** `OfficeExtension.ClientResult<T>`: `value` throws ValueNotLoaded until the next sync. */
export class StrictClientResult<T> {
  _ready = false;
  _value: T | undefined;
  get value(): T {
    if (!this._ready) throw excelError("ValueNotLoaded");
    return this._value as T;
  }
}

/** How a scalar property is read from, and written to, the entity a proxy stands for. */
export interface PropSpec<E = any> {
  get(entity: E, proxy: any): unknown;
  set?(entity: E, value: unknown, proxy: any): void;
}

type Resolver = () => unknown | null;

const INSPECTION_KEYS = new Set([
  "then", "toJSON", "constructor", "asymmetricMatch", "$$typeof", "nodeType", "tagName", "inspect", "_isMockFunction",
  "@@__IMMUTABLE_ITERABLE__@@", "@@__IMMUTABLE_RECORD__@@", "toString", "valueOf", "length",
]);

/**
 * Base of every proxy. Subclasses declare `static props` (scalar properties) and `static officeClass`
 * (the Excel class name, for requirement-set checks and "not implemented" messages). Internal code
 * only uses members starting with "_"; public members are what add-in code calls.
 */
export abstract class ClientObject {
  static officeClass = "";
  static props: Record<string, PropSpec> = {};
  /** Navigation properties that can appear in load paths ("format/font/bold"). */
  static nav: string[] = [];

  readonly context: StrictRequestContext;
  readonly _path: string;
  readonly __strictProxy = true;
  _resolver: Resolver;
  _bound: unknown = undefined;
  _isNull: boolean | undefined = undefined;
  _loaded = new Map<string, unknown>();
  _navCache = new Map<string, ClientObject>();

  constructor(ctx: StrictRequestContext, path: string, resolver: Resolver, nullable = false) {
    this.context = ctx;
    this._path = path;
    this._resolver = resolver;
    if (nullable) ctx._pendingNullProbes.add(this as unknown as ClientObject);
    // Wrapped so that Office members the strict Excel lacks fail loudly instead of being undefined.
    return new Proxy(this, PROXY_HANDLER);
  }

  get _class(): typeof ClientObject {
    return this.constructor as typeof ClientObject;
  }

  /** The entity, resolved on first use inside a sync and kept (as Excel keeps tracked objects). */
  _resolve<E>(): E | null {
    if (this._bound !== undefined) {
      const dead = (this._bound as { __deleted?: boolean } | null)?.__deleted;
      if (dead) throw excelError("ItemNotFound", `${this._path} was deleted`);
      return this._bound as E | null;
    }
    const e = this._resolver();
    this._bound = e;
    return e as E | null;
  }

  /** Resolves; a null object makes the caller skip its command. */
  _entityOrSkip<E>(): E | null {
    const e = this._resolve<E>();
    if (e === null) this.context.engine.stats.operationsOnNullObjects += 1;
    return e;
  }

  _probeNull(commits: (() => void)[]): void {
    const e = this._resolve();
    commits.push(() => {
      this._isNull = e === null;
    });
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw excelError("PropertyNotLoaded", `${this._path}.isNullObject`, "isNullObject");
    return this._isNull;
  }

  /** Reads a loaded scalar property. */
  _read(prop: string): any {
    if (this._isNull === true) return null;
    if (!this._loaded.has(prop)) throw excelError("PropertyNotLoaded", `${this._path}.${prop}`, prop);
    return this._loaded.get(prop);
  }

  /** Queues a property write; reading it back needs a new load. */
  _write(prop: string, value: unknown): void {
    const spec = this._class.props[prop];
    if (!spec?.set) throw excelError("CannotUpdateReadOnlyProperty", `${this._path}.${prop}`, prop);
    this._loaded.delete(prop);
    const payload = value;
    this.context._enqueue({
      kind: `set:${prop}`,
      path: this._path,
      payload,
      weight: chunkCount(value),
      apply: () => {
        const e = this._entityOrSkip();
        if (e === null) return;
        spec.set!(e, clone(payload), this);
      },
    });
  }

  /** Queues a method call. `apply` receives the entity (skipped for null objects). */
  _call<E>(kind: string, payload: unknown, apply: (entity: E) => void): void {
    this.context._enqueue({
      kind,
      path: this._path,
      payload,
      apply: () => {
        const e = this._entityOrSkip<E>();
        if (e === null) return;
        apply(e);
      },
    });
  }

  /** Queues a method returning a primitive (`ClientResult`). */
  _result<E, T>(kind: string, payload: unknown, compute: (entity: E) => T): StrictClientResult<T> {
    const r = new StrictClientResult<T>();
    this.context._pendingResults.add(r as StrictClientResult<unknown>);
    this.context._enqueue({
      kind,
      path: this._path,
      payload,
      apply: (commits, response) => {
        const e = this._entityOrSkip<E>();
        const v = e === null ? (null as T) : compute(e);
        response.push(v);
        commits.push(() => {
          r._value = v;
        });
      },
    });
    return r;
  }

  _nav(name: string): ClientObject | undefined {
    return this._navCache.get(name) ?? (this._class.nav.includes(name) ? (this as any)[name] : undefined);
  }

  /** `load(...)`: string, array, or `{ select, expand }`; queues one query command. */
  load(option?: unknown): this {
    const paths = parseLoadOption(option);
    const violation = paths.length === 0 || paths.some((p) => this._isNavOnly(p));
    if (violation) {
      const stats = this.context.engine.stats;
      stats.loadsWithoutProperties += 1;
      stats.loadsWithoutPropertiesAt.push(this._path);
      if (this.context.engine.options.throwOnLoadWithoutProperties)
        throw excelError("InvalidArgument", `load() on ${this._path} without property names; name the properties to load`);
    }
    this._queueLoad(paths);
    return this;
  }

  _isNavOnly(path: string): boolean {
    const [head, ...rest] = path.split("/");
    if (rest.length > 0) {
      const child = this._nav(head);
      return child ? child._isNavOnly(rest.join("/")) : false;
    }
    return this._class.nav.includes(head);
  }

  /** Queues the query; property snapshots are taken when the command runs. */
  _queueLoad(paths: string[]): void {
    this.context._enqueue({
      kind: "load",
      path: this._path,
      payload: paths,
      isLoad: true,
      apply: (commits, response) => this._applyLoad(paths, commits, response),
    });
  }

  _applyLoad(paths: string[], commits: (() => void)[], response: unknown[]): void {
    const e = this._resolve();
    if (e === null) {
      commits.push(() => {
        this._isNull = true;
      });
      return;
    }
    const own = new Set<string>();
    const nested = new Map<string, string[]>();
    const all = paths.length === 0;
    for (const p of paths) {
      const [head, ...rest] = p.split("/");
      const name = head.trim();
      if (!name) continue;
      if (name === "isNullObject") continue;
      if (rest.length > 0 || this._class.nav.includes(name)) {
        const list = nested.get(name) ?? [];
        if (rest.length > 0) list.push(rest.join("/"));
        nested.set(name, list);
      } else own.add(name);
    }
    const names = all ? Object.keys(this._class.props) : [...own];
    const snapshot = new Map<string, unknown>();
    for (const n of names) {
      const spec = this._class.props[n];
      if (!spec) {
        const known = excelTypings().classes.get(this._class.officeClass)?.has(n);
        throw excelError(
          known ? "NotImplemented" : "InvalidArgument",
          known ? `strict-excel does not model ${this._class.officeClass}.${n}` : `${this._class.officeClass} has no property "${n}"`,
        );
      }
      const v = clone(spec.get(e, this));
      snapshot.set(n, v);
      response.push(v);
    }
    for (const [name, sub] of nested) {
      const child = this._nav(name);
      if (!child) throw excelError("InvalidArgument", `${this._class.officeClass} has no navigation property "${name}"`);
      child._applyLoad(sub, commits, response);
    }
    commits.push(() => {
      this._isNull = false;
      for (const [k, v] of snapshot) this._loaded.set(k, v);
    });
  }

  /** `set({...})`: assigns scalar and nested properties in one go, as Office.js's `set` does. */
  set(properties: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(properties ?? {})) {
      if (this._class.nav.includes(k)) {
        (this._nav(k) as ClientObject).set(v as Record<string, unknown>);
      } else {
        (this as any)[k] = v;
      }
    }
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this._loaded) out[k] = v;
    return out;
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }
}

const PROXY_HANDLER: ProxyHandler<ClientObject> = {
  get(target, prop, receiver) {
    if (typeof prop === "symbol" || prop.startsWith("_") || INSPECTION_KEYS.has(prop)) return Reflect.get(target, prop, receiver);
    const cls = (target.constructor as typeof ClientObject).officeClass;
    checkRequirementSet(target, cls, prop);
    if (prop in target) return Reflect.get(target, prop, receiver);
    if (excelTypings().classes.get(cls)?.has(prop))
      throw excelError("NotImplemented", `strict-excel does not implement Excel.${cls}.${prop}; add it to test/strict-excel if the add-in needs it`);
    return undefined;
  },
  set(target, prop, value, receiver) {
    if (typeof prop === "symbol" || prop.startsWith("_")) return Reflect.set(target, prop, value, receiver);
    const cls = (target.constructor as typeof ClientObject).officeClass;
    checkRequirementSet(target, cls, prop);
    if (prop in target) {
      const d = findDescriptor(target, prop);
      if (d && d.get && !d.set) throw excelError("CannotUpdateReadOnlyProperty", `${target._path}.${prop}`, prop);
      return Reflect.set(target, prop, value, receiver);
    }
    if (excelTypings().classes.get(cls)?.has(prop))
      throw excelError("NotImplemented", `strict-excel does not implement setting Excel.${cls}.${prop}`);
    return Reflect.set(target, prop, value, receiver);
  },
};

function findDescriptor(o: object, prop: string): PropertyDescriptor | undefined {
  for (let p: object | null = o; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, prop);
    if (d) return d;
  }
  return undefined;
}

function checkRequirementSet(target: ClientObject, cls: string, member: string): void {
  const need = excelTypings().members.get(`${cls}.${member}`);
  if (!need) return;
  const have = target.context.engine.options.requirementSets[need.set];
  if (have !== undefined && versionAtLeast(have, need.version)) return;
  if (target.context._closed) return;
  target.context._enqueueFailure(
    `${target._path}.${member}`,
    excelError("ApiNotFound", `Excel.${cls}.${member} needs ${need.set} ${need.version}; this Excel supports ${JSON.stringify(target.context.engine.options.requirementSets)}`),
  );
}

/** office-js's `setRangePropertiesInBulk`: above 1,500 cells a 2-D write goes as one action per row chunk. */
function chunkCount(value: unknown): number {
  if (!Array.isArray(value) || !Array.isArray(value[0])) return 1;
  const rowsN = value.length;
  const colsN = (value[0] as unknown[]).length;
  if (rowsN * colsN <= 1500) return 1;
  const perChunk = Math.max(1, Math.round(1500 / colsN));
  return Math.ceil(rowsN / perChunk);
}

/** Turns the many shapes `load` accepts into "a/b/c" paths. */
export function parseLoadOption(option: unknown): string[] {
  if (option === undefined || option === null) return [];
  if (typeof option === "string") return option.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(option)) return option.flatMap((o) => parseLoadOption(o));
  if (typeof option === "object") {
    const o = option as Record<string, unknown>;
    if ("select" in o || "expand" in o) return [...parseLoadOption(o.select), ...parseLoadOption(o.expand)];
    // Object notation: { format: { font: { bold: true } }, values: true }
    const out: string[] = [];
    for (const [k, v] of Object.entries(o)) {
      if (k === "$top" || k === "$skip") continue;
      if (v === true) out.push(k);
      else if (v && typeof v === "object") for (const sub of parseLoadOption(v)) out.push(`${k}/${sub}`);
    }
    return out;
  }
  throw excelError("InvalidArgument", `load option ${JSON.stringify(option)} is not understood`);
}

export function clone<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => clone(x)) as unknown as T;
  if ((v as { __strictProxy?: boolean }).__strictProxy) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = clone(x);
  return out as T;
}

/**
 * A collection proxy: `items` (after loading), `load("items/name")` or `load("name")` for the items,
 * and the scalar `count` when the Office class has one.
 */
export abstract class CollectionObject<E> extends ClientObject {
  _items: ClientObject[] | undefined;

  /** Current entities of the collection, at apply time. */
  abstract _entities(scope: unknown): E[];
  /** A proxy bound to an existing entity. */
  abstract _itemProxy(entity: E, index: number): ClientObject;

  get items(): any[] {
    if (this._isNull === true) return [];
    if (!this._items) throw excelError("PropertyNotLoaded", `${this._path}.items`, "items");
    return this._items;
  }

  override load(option?: unknown): this {
    const paths = parseLoadOption(option);
    const itemPaths = paths.filter((p) => p !== "count").map((p) => (p.startsWith("items/") ? p.slice(6) : p));
    const violation = paths.length === 0 || paths.includes("items") || itemPaths.some((p) => this._isItemNavOnly(p));
    if (violation) {
      const stats = this.context.engine.stats;
      stats.loadsWithoutProperties += 1;
      stats.loadsWithoutPropertiesAt.push(this._path);
      if (this.context.engine.options.throwOnLoadWithoutProperties)
        throw excelError("InvalidArgument", `load() on ${this._path} without item property names; use load("items/name")`);
    }
    this._queueLoad(paths);
    return this;
  }

  _isItemNavOnly(_path: string): boolean {
    return false;
  }

  override _applyLoad(paths: string[], commits: (() => void)[], response: unknown[]): void {
    const scope = this._resolve();
    if (scope === null) {
      commits.push(() => {
        this._isNull = true;
      });
      return;
    }
    const wantsCount = paths.includes("count");
    const itemPaths = paths
      .filter((p) => p !== "count")
      .map((p) => (p.startsWith("items/") ? p.slice(6) : p))
      .filter((p) => p !== "items");
    const loadItems = paths.length === 0 || paths.some((p) => p === "items" || p !== "count");
    const entities = this._entities(scope);
    const items = loadItems ? entities.map((e, i) => this._itemProxy(e, i)) : undefined;
    if (items) for (const item of items) item._applyLoad(itemPaths, commits, response);
    const count = entities.length;
    commits.push(() => {
      this._isNull = false;
      if (items) this._items = items;
      if (wantsCount) this._loaded.set("count", count);
    });
  }

  get count(): number {
    const cls = this._class.officeClass;
    if (!excelTypings().classes.get(cls)?.has("count")) throw excelError("NotImplemented", `Excel.${cls} has no "count"; use getCount()`);
    return this._read("count");
  }
}
