/**
 * The formula pieces that keep the report's figures equal to what parsing reads, and its texts
 * within Excel's limits. Their behaviour in a real engine is proven by the LibreOffice tests
 * (test/property/recalc.test.ts, test/report/libreoffice.test.ts); here, their exact text and limits.
 */
import { MAX_ENCABEZADO, MAX_LITERAL, cantidad, encabezado, posicionPorId, str, sumaCantidades } from "../../src/report/formulas";

/** Every literal of a formula, unescaped. */
const literals = (f: string) => [...f.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));

/** The length Excel counts for a header or footer: its sections and their &L/&C/&R codes. */
const headerLength = (hf: { left?: string; center?: string; right?: string }) =>
  (hf.left ? 2 + hf.left.length : 0) + (hf.center ? 2 + hf.center.length : 0) + (hf.right ? 2 + hf.right.length : 0);

describe("str", () => {
  test("a short text is one literal with its quotes doubled", () => {
    expect(str('Dijo "sí"')).toBe('"Dijo ""sí"""');
    expect(str("")).toBe('""');
    expect(str("x".repeat(MAX_LITERAL))).toBe(`"${"x".repeat(MAX_LITERAL)}"`);
  });

  test("a longer text is joined from literals of at most 255 characters, in parentheses", () => {
    const text = `${'"comillas" y acentos: Participación 🎉 '.repeat(30)}`;
    const f = str(text);
    expect(f.startsWith("(") && f.endsWith(")")).toBe(true);
    const parts = literals(f);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= MAX_LITERAL)).toBe(true);
    expect(parts.join("")).toBe(text);
    // No piece starts or ends inside a character of two UTF-16 units.
    for (const p of parts) expect(p).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    // The pieces are joined with & only: the expression is the text and nothing else.
    expect(f.slice(1, -1).split(/"(?:[^"]|"")*"/).filter((x) => x !== "")).toEqual(Array(parts.length - 1).fill("&"));
  });
});

describe("cantidad", () => {
  test("blank text counts 0, the rest is coerced as '--' coerces it; tabs and line breaks go (CLEAN) and a non-breaking space is a space, before TRIM", () => {
    const t = 'TRIM(CLEAN(SUBSTITUTE(A2,"\u00a0"," ")))';
    expect(cantidad("A2")).toBe(`--(${t}&REPT("0",--(${t}="")))`);
  });

  test("sums of cells: none is 0, one is read alone, several are added", () => {
    expect(sumaCantidades([])).toBe("0");
    expect(sumaCantidades(["A2"])).toBe(cantidad("A2"));
    expect(sumaCantidades(["A2", "B2"])).toBe(`${cantidad("A2")}+${cantidad("B2")}`);
  });
});

test("posicionPorId: an exact MATCH first, then IDs compared as trimmed text through AGGREGATE (no array entry needed)", () => {
  const t = (x: string) => `TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${x},CHAR(9)," "),CHAR(10)," "),CHAR(13)," "),"\u00a0"," "))`;
  const scan = `AGGREGATE(15,6,ROW(T[ID])/(${t('T[ID]&""')}=${t('$A5&""')}),1)-ROW(INDEX(T[ID],1))+1`;
  expect(posicionPorId("$A5", "T[ID]", "A-1")).toBe(`IFERROR(MATCH($A5,T[ID],0),${scan})`);
  // MATCH would read * ? ~ as wildcards ("A?" finds "A1"): such an ID gets the scan alone.
  for (const id of ["A?", "A*", "A~1"]) expect(posicionPorId("$A5", "T[ID]", id)).toBe(scan);
});

describe("encabezado", () => {
  test("short texts are kept, with a literal & escaped; codes are kept as written", () => {
    expect(encabezado({ left: "A & B", center: "" }, { right: "Página &P de &N" })).toEqual({ left: "A && B", right: "Página &P de &N" });
  });

  test("a long Entidad is shortened with an ellipsis so the whole stays within 255 characters", () => {
    const entidad = `Secretaría & ${"Distrital de Participación 🎉 ".repeat(20)}`;
    const right = "Seguimiento a compromisos · corte III 2021";
    const hf = encabezado({ left: entidad, right });
    expect(headerLength(hf)).toBeLessThanOrEqual(MAX_ENCABEZADO);
    expect(headerLength(hf)).toBeGreaterThan(MAX_ENCABEZADO - 4);
    expect(hf.right).toBe(right);
    expect(hf.left!.endsWith("…")).toBe(true);
    // What is kept is the start of the Entidad, escaped; no character is split and no "&&" is cut.
    const kept = hf.left!.slice(0, -1).replace(/&&/g, "&");
    expect(entidad.startsWith(kept)).toBe(true);
    expect(hf.left!.slice(0, -1)).not.toMatch(/[\ud800-\udbff]$/);
    expect(hf.left!.slice(0, -1).replace(/&&/g, "")).not.toContain("&");
  });

  test("the longest text gives way first; texts that all must give way end at a common length; codes never", () => {
    const one = encabezado({ left: "a".repeat(300), center: "b".repeat(100) }, { right: "&P" });
    expect(headerLength(one)).toBe(MAX_ENCABEZADO);
    expect(one.center).toBe("b".repeat(100));
    expect(one.left).toBe(`${"a".repeat(146)}…`);
    const both = encabezado({ left: "a".repeat(300), center: "b".repeat(280) }, { right: "&P" });
    expect(headerLength(both)).toBeLessThanOrEqual(MAX_ENCABEZADO);
    expect(both.right).toBe("&P");
    expect(both.left).toBe(`${"a".repeat(122)}…`);
    expect(both.center).toBe(`${"b".repeat(122)}…`);
  });
});
