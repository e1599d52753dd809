/**
 * Charts, minimally: type, title, legend, series (name, values, categories) and position are
 * recorded so tests can check what the add-in asked for. Nothing is drawn, and toXlsx skips charts
 * (the file writer renders charts for files).
 */
import { Rect, cellAddress, cols, qualified, rows } from "./address";
import { excelError } from "./errors";
import { Range, RangeRef, child, resolveAddress } from "./range";
import { ClientObject, CollectionObject, PropSpec, StrictClientResult } from "./runtime";
import { ChartSeriesState, ChartState, SheetState, peekCell, sheetById, stableGuid } from "./state";
import { excelTypings } from "./typings";
import { normalizeColor } from "./rules";

function chartTypes(): string[] {
  return Object.values(excelTypings().enums.ChartType ?? {}) as string[];
}

function rangeRef(p: ClientObject, v: unknown, sheet?: SheetState): RangeRef {
  if (typeof v === "string") {
    if (!sheet) throw excelError("InvalidArgument", "an address needs a sheet");
    return resolveAddress(p.context.engine, sheet, v);
  }
  if (v && typeof v === "object" && (v as ClientObject).__strictProxy) {
    const r = (v as ClientObject)._resolve<RangeRef>();
    if (!r) throw excelError("InvalidArgument", "the range is a null object");
    return r;
  }
  throw excelError("InvalidArgument", `expected a Range, got ${JSON.stringify(v)}`);
}

const ref = (r: RangeRef, rect: Rect = r.rect) => `=${qualified(r.sheet.name, rect, true)}`;

/** Series as Excel derives them from a source range: headers name them, a text first column/row gives categories. */
function deriveSeries(src: RangeRef, seriesBy: string): ChartSeriesState[] {
  const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && cols(src.rect) > rows(src.rect));
  const isText = (r: number, c: number) => typeof peekCell(src.sheet, r, c)?.value === "string";
  const { r1, c1, r2, c2 } = src.rect;
  const out: ChartSeriesState[] = [];
  if (!byRows) {
    const header = Array.from({ length: cols(src.rect) }, (_, j) => isText(r1, c1 + j)).some(Boolean);
    const dataR1 = header ? r1 + 1 : r1;
    const catCol = rows(src.rect) > 1 && Array.from({ length: r2 - dataR1 + 1 }, (_, i) => isText(dataR1 + i, c1)).some(Boolean);
    for (let c = catCol ? c1 + 1 : c1; c <= c2; c++) {
      out.push({
        name: header ? String(peekCell(src.sheet, r1, c)?.value ?? "") : `Series${out.length + 1}`,
        values: ref(src, { r1: dataR1, c1: c, r2, c2: c }),
        xValues: catCol ? ref(src, { r1: dataR1, c1, r2, c2: c1 }) : undefined,
      });
    }
  } else {
    const header = Array.from({ length: rows(src.rect) }, (_, i) => isText(r1 + i, c1)).some(Boolean);
    const dataC1 = header ? c1 + 1 : c1;
    const catRow = Array.from({ length: c2 - dataC1 + 1 }, (_, j) => isText(r1, dataC1 + j)).some(Boolean);
    for (let r = catRow ? r1 + 1 : r1; r <= r2; r++) {
      out.push({
        name: header ? String(peekCell(src.sheet, r, c1)?.value ?? "") : `Series${out.length + 1}`,
        values: ref(src, { r1: r, c1: dataC1, r2: r, c2 }),
        xValues: catRow ? ref(src, { r1, c1: dataC1, r2: r1, c2 }) : undefined,
      });
    }
  }
  return out;
}

const chartProps: Record<string, PropSpec<ChartState>> = {
  id: { get: (c) => c.id },
  name: {
    get: (c) => c.name,
    set: (c, v, p) => {
      if (typeof v !== "string" || !v) throw excelError("InvalidArgument", "a chart name must be a non-empty string");
      const clash = (p as ClientObject).context.engine.state.charts.find((x) => x !== c && x.sheetId === c.sheetId && x.name.toUpperCase() === v.toUpperCase());
      if (clash) throw excelError("ItemAlreadyExists", `a chart named "${v}" already exists on this sheet`);
      c.name = v;
    },
  },
  chartType: {
    get: (c) => c.type,
    set: (c, v) => {
      if (typeof v !== "string" || !chartTypes().includes(v)) throw excelError("InvalidArgument", `"${v}" is not a ChartType`);
      c.type = v;
    },
  },
};

/** Excel.Chart. */
export class Chart extends ClientObject {
  static officeClass = "Chart";
  static props = chartProps;
  static nav = ["title", "legend", "series"];

  get id(): string { return this._read("id"); }
  get name(): string { return this._read("name"); }
  set name(v: string) { this._write("name", v); }
  get chartType(): string { return this._read("chartType"); }
  set chartType(v: string) { this._write("chartType", v); }

  get title(): ChartTitle {
    return child(this, "title", () => new ChartTitle(this.context, `${this._path}.title`, () => this._resolve()));
  }

  get legend(): ChartLegend {
    return child(this, "legend", () => new ChartLegend(this.context, `${this._path}.legend`, () => this._resolve()));
  }

  get series(): ChartSeriesCollection {
    return child(this, "series", () => new ChartSeriesCollection(this.context, `${this._path}.series`, () => this._resolve()));
  }

  setPosition(startCell: unknown, endCell?: unknown): void {
    this._call<ChartState>("setPosition", { startCell: String(startCell), endCell: endCell === undefined ? undefined : String(endCell) }, (c) => {
      const sheet = sheetById(this.context.engine.state, c.sheetId)!;
      const a = rangeRef(this, startCell, sheet);
      c.from = cellAddress(a.rect.r1, a.rect.c1);
      if (endCell !== undefined) {
        const b = rangeRef(this, endCell, sheet);
        c.to = cellAddress(b.rect.r2, b.rect.c2);
      }
    });
  }

  setData(sourceData: unknown, seriesBy = "Auto"): void {
    this._call<ChartState>("setData", { seriesBy }, (c) => {
      const src = rangeRef(this, sourceData);
      c.source = ref(src);
      c.seriesBy = seriesBy;
      c.series = deriveSeries(src, seriesBy);
    });
  }

  delete(): void {
    this._call<ChartState>("delete", undefined, (c) => {
      const st = this.context.engine.state;
      st.charts = st.charts.filter((x) => x !== c);
      (c as { __deleted?: boolean }).__deleted = true;
    });
  }
}

/** Excel.ChartTitle. */
export class ChartTitle extends ClientObject {
  static officeClass = "ChartTitle";
  static props: Record<string, PropSpec<ChartState>> = {
    text: {
      get: (c) => c.title,
      set: (c, v) => {
        if (typeof v !== "string") throw excelError("InvalidArgument", "title.text must be a string");
        c.title = v;
      },
    },
    visible: {
      get: (c) => c.titleVisible,
      set: (c, v) => {
        if (typeof v !== "boolean") throw excelError("InvalidArgument", "title.visible must be a boolean");
        c.titleVisible = v;
      },
    },
  };

  get text(): string { return this._read("text"); }
  set text(v: string) { this._write("text", v); }
  get visible(): boolean { return this._read("visible"); }
  set visible(v: boolean) { this._write("visible", v); }
}

/** Excel.ChartLegend. */
export class ChartLegend extends ClientObject {
  static officeClass = "ChartLegend";
  static props: Record<string, PropSpec<ChartState>> = {
    visible: {
      get: (c) => c.legend.visible,
      set: (c, v) => {
        if (typeof v !== "boolean") throw excelError("InvalidArgument", "legend.visible must be a boolean");
        c.legend.visible = v;
      },
    },
    position: {
      get: (c) => c.legend.position,
      set: (c, v) => {
        if (!["Top", "Bottom", "Left", "Right", "Corner", "Custom"].includes(String(v))) throw excelError("InvalidArgument", `legend.position ${JSON.stringify(v)}`);
        c.legend.position = String(v);
      },
    },
  };

  get visible(): boolean { return this._read("visible"); }
  set visible(v: boolean) { this._write("visible", v); }
  get position(): string { return this._read("position"); }
  set position(v: string) { this._write("position", v); }
}

interface SeriesRef {
  chart: ChartState;
  index: number;
}

/** Excel.ChartSeriesCollection. */
export class ChartSeriesCollection extends CollectionObject<SeriesRef> {
  static officeClass = "ChartSeriesCollection";
  static props = {};

  _entities(scope: unknown): SeriesRef[] {
    const c = scope as ChartState;
    return c.series.map((_s, index) => ({ chart: c, index }));
  }

  _itemProxy(r: SeriesRef): ClientObject {
    return new ChartSeries(this.context, `${this._path}.getItemAt(${r.index})`, () => r);
  }

  add(name?: string, index?: number): ChartSeries {
    let created: SeriesRef | undefined;
    const proxy = new ChartSeries(this.context, `${this._path}.add()`, () => {
      if (!created) throw excelError("InvalidObjectPath", "the series was not added", `${this._path}.add`);
      return created;
    });
    this._call<ChartState>("add", { name, index }, (c) => {
      const at = index ?? c.series.length;
      c.series.splice(at, 0, { name: name ?? `Series${c.series.length + 1}` });
      created = { chart: c, index: at };
    });
    return proxy;
  }

  getItemAt(index: number): ChartSeries {
    return new ChartSeries(this.context, `${this._path}.getItemAt(${index})`, () => {
      const c = this._resolve<ChartState>();
      if (!c) return null;
      if (!c.series[index]) throw excelError("ItemNotFound", `the chart has no series ${index}`);
      return { chart: c, index };
    });
  }

  getCount(): StrictClientResult<number> {
    return this._result<ChartState, number>("getCount", undefined, (c) => c.series.length);
  }
}

/** Excel.ChartSeries. */
export class ChartSeries extends ClientObject {
  static officeClass = "ChartSeries";
  static nav = ["format"];
  static props: Record<string, PropSpec<SeriesRef>> = {
    name: {
      get: (r) => r.chart.series[r.index].name,
      set: (r, v) => {
        if (typeof v !== "string") throw excelError("InvalidArgument", "series name must be a string");
        r.chart.series[r.index].name = v;
      },
    },
  };

  get name(): string { return this._read("name"); }
  set name(v: string) { this._write("name", v); }

  get format(): ChartSeriesFormat {
    return child(this, "format", () => new ChartSeriesFormat(this.context, `${this._path}.format`, () => this._resolve()));
  }

  setValues(sourceData: unknown): void {
    this._call<SeriesRef>("setValues", undefined, (r) => {
      r.chart.series[r.index].values = ref(rangeRef(this, sourceData));
    });
  }

  setXAxisValues(sourceData: unknown): void {
    this._call<SeriesRef>("setXAxisValues", undefined, (r) => {
      r.chart.series[r.index].xValues = ref(rangeRef(this, sourceData));
    });
  }

  delete(): void {
    this._call<SeriesRef>("delete", undefined, (r) => {
      r.chart.series.splice(r.index, 1);
    });
  }
}

/** Excel.ChartSeriesFormat (only the fill is modelled). */
export class ChartSeriesFormat extends ClientObject {
  static officeClass = "ChartSeriesFormat";
  static nav = ["fill"];

  get fill(): ChartFill {
    return child(this, "fill", () => new ChartFill(this.context, `${this._path}.fill`, () => this._resolve()));
  }
}

/** Excel.ChartFill of a series. */
export class ChartFill extends ClientObject {
  static officeClass = "ChartFill";

  setSolidColor(color: string): void {
    this._call<SeriesRef>("setSolidColor", { color }, (r) => {
      r.chart.series[r.index].color = normalizeColor(color);
    });
  }

  clear(): void {
    this._call<SeriesRef>("clear", undefined, (r) => {
      delete r.chart.series[r.index].color;
    });
  }
}

/** Excel.ChartCollection of a sheet. */
export class ChartCollection extends CollectionObject<ChartState> {
  static officeClass = "ChartCollection";
  static props = {};

  _entities(scope: unknown): ChartState[] {
    const s = scope as SheetState;
    return this.context.engine.state.charts.filter((c) => c.sheetId === s.id);
  }

  _itemProxy(c: ChartState): ClientObject {
    return new Chart(this.context, `${this._path}.getItem('${c.name}')`, () => c);
  }

  add(type: string, sourceData: unknown, seriesBy = "Auto"): Chart {
    let created: ChartState | undefined;
    const proxy = new Chart(this.context, `${this._path}.add(${JSON.stringify(type)})`, () => {
      if (!created) throw excelError("InvalidObjectPath", "the chart was not added", `${this._path}.add`);
      return created;
    });
    this._call<SheetState>("add", { type, seriesBy }, (sheet) => {
      if (!chartTypes().includes(type)) throw excelError("InvalidArgument", `"${type}" is not a ChartType`);
      if (!["Auto", "Columns", "Rows"].includes(seriesBy)) throw excelError("InvalidArgument", `"${seriesBy}" is not a ChartSeriesBy`);
      const src = rangeRef(this, sourceData, sheet);
      const st = this.context.engine.state;
      st.seq.chart += 1;
      const n = st.charts.filter((c) => c.sheetId === sheet.id).length + 1;
      created = {
        id: stableGuid(3, st.seq.chart),
        name: `Chart ${n}`,
        sheetId: sheet.id,
        type,
        source: ref(src),
        seriesBy,
        title: "",
        titleVisible: true,
        legend: { visible: true, position: "Right" },
        series: deriveSeries(src, seriesBy),
      };
      st.charts.push(created);
    });
    return proxy;
  }

  _find(scope: unknown, name: string): ChartState | undefined {
    return this._entities(scope).find((c) => c.name.toUpperCase() === name.toUpperCase() || c.id === name);
  }

  getItem(name: string): Chart {
    return new Chart(this.context, `${this._path}.getItem(${JSON.stringify(name)})`, () => {
      const c = this._find(this._resolve(), name);
      if (!c) throw excelError("ItemNotFound", `there is no chart "${name}"`);
      return c;
    });
  }

  getItemOrNullObject(name: string): Chart {
    return new Chart(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(name)})`, () => this._find(this._resolve(), name) ?? null, true);
  }

  getItemAt(index: number): Chart {
    return new Chart(this.context, `${this._path}.getItemAt(${index})`, () => {
      const c = this._entities(this._resolve())[index];
      if (!c) throw excelError("ItemNotFound", `no chart at index ${index}`);
      return c;
    });
  }

  getCount(): StrictClientResult<number> {
    return this._result<SheetState, number>("getCount", undefined, (s) => this._entities(s).length);
  }
}

export type { Range };
