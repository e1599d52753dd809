import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { emptySheet, excelSerial } from "../../src/report/spec";
import { WorkbookFileError } from "../../src/xlsx/errors";
import { readWorkbookBuffer, readWorkbookFile } from "../../src/xlsx/read";
import { renderWorkbook, toBuffer } from "../../src/xlsx/write";
import { recalc, tempDir } from "../helpers/libreoffice";

/** A workbook written by our writer: an Actividades table, a plain Compromisos sheet, an unrelated sheet. */
async function written(): Promise<Buffer> {
  const act = emptySheet("Actividades", "input:actividades", "input");
  act.blocks.push({ origin: "A1", cells: [["instrucciones", null, null, null, null, null]] });
  act.blocks.push({
    origin: "A2",
    cells: [
      ["ID", "Dependencia", "Programado I", "Ejecutado I", "Fecha", "Doble"],
      ["A-001", "OAP", 6, " 5 ", excelSerial("2021-05-03"), { f: "=Actividades[[#This Row],[Programado I]]*2" }],
      [null, "=SFI", "7", 2.5, "2021-05-04", { f: "=1/0" }],
    ],
  });
  act.tables.push({ name: "Actividades", range: "A2:F4", columns: ["ID", "Dependencia", "Programado I", "Ejecutado I", "Fecha", "Doble"] });
  act.formats.push({ range: "E3:E4", style: { numberFormat: "dd/mm/yyyy" } });
  const comp = emptySheet("compromisos ", "x", "input"); // forgiving name: trailing space, lower case
  comp.blocks.push({ origin: "B3", cells: [["Fecha", "Compromiso"], [excelSerial("2021-06-30"), "Algo"], [null, null], [true, 12]] });
  comp.formats.push({ range: "B4", style: { numberFormat: "dd/mm/yyyy" } });
  comp.merges.push("C7:D8");
  comp.blocks.push({ origin: "C7", cells: [["fusionada"]] });
  const otra = emptySheet("Notas", "notas", "generated");
  otra.blocks.push({ origin: "A1", cells: [["no es una entrada"]] });
  const wb = renderWorkbook({ sheets: [act, comp, otra], names: [], computedColumns: [] });
  // What the spec cannot express, but files hold: rich text, hyperlinks, errors.
  const ws = wb.getWorksheet("compromisos ")!;
  ws.getCell("B9").value = { richText: [{ text: "Mesa " }, { font: { bold: true }, text: "Kennedy" }] };
  ws.getCell("C9").value = { text: "evidencia", hyperlink: "https://example.org" };
  ws.getCell("D9").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
  return toBuffer(wb);
}

describe("reader: round trip of files written by the writer", () => {
  test("sheet names in order, input tables and input sheets only", async () => {
    const raw = await readWorkbookBuffer(await written());
    expect(raw.sheetNames).toEqual(["Actividades", "compromisos ", "Notas"]);
    expect(raw.tables.map((t) => `${t.sheet}:${t.name}`)).toEqual(["Actividades:Actividades"]);
    expect(raw.sheets.map((s) => s.name)).toEqual(["Actividades", "compromisos "]);
  });

  test("tables: header row, first column, headers and typed cells with their addresses", async () => {
    const raw = await readWorkbookBuffer(await written());
    const t = raw.tables[0];
    expect(t.headerRow).toBe(2);
    expect(t.firstCol).toBe(1);
    expect(t.headers.map((h) => [h.address, h.value])).toEqual([
      ["A2", "ID"],
      ["B2", "Dependencia"],
      ["C2", "Programado I"],
      ["D2", "Ejecutado I"],
      ["E2", "Fecha"],
      ["F2", "Doble"],
    ]);
    expect(t.rows).toHaveLength(2);
    const [r1, r2] = t.rows;
    expect(r1.map((c) => c.address)).toEqual(["A3", "B3", "C3", "D3", "E3", "F3"]);
    expect(r1[0].value).toBe("A-001");
    expect(r1[2].value).toBe(6);
    // Numbers stored as text stay text: parsing decides what they mean.
    expect(r1[3].value).toBe(" 5 ");
    expect(r2[2].value).toBe("7");
    expect(r2[3].value).toBe(2.5);
    // Dates come as Date at UTC midnight, with their format.
    expect(r1[4].value).toEqual(new Date(Date.UTC(2021, 4, 3)));
    expect(r1[4].numberFormat).toBe("dd/mm/yyyy");
    expect(r2[4].value).toBe("2021-05-04");
    // A text that starts with "=" is text, not a formula.
    expect(r2[1]).toEqual({ address: "B4", value: "=SFI" });
    expect(r2[0]).toEqual({ address: "A4", value: null });
    // Formulas without a cached result (nothing has calculated them yet).
    expect(r1[5].formula).toBe("=Actividades[[#This Row],[Programado I]]*2");
    expect(r1[5].value).toBeNull();
  });

  test("sheets: the used range, rectangular; merged areas hold their value only top-left; rich text, links and errors", async () => {
    const raw = await readWorkbookBuffer(await written());
    const s = raw.sheets.find((x) => x.name === "compromisos ")!;
    expect(s.firstRow).toBe(3);
    expect(s.firstCol).toBe(2);
    expect(s.rows).toHaveLength(7); // rows 3..9
    expect(s.rows.every((r) => r.length === 3)).toBe(true); // columns B..D
    expect(s.rows[0].map((c) => c.value)).toEqual(["Fecha", "Compromiso", null]);
    expect(s.rows[1][0].value).toEqual(new Date(Date.UTC(2021, 5, 30)));
    expect(s.rows[2].map((c) => c.value)).toEqual([null, null, null]);
    expect(s.rows[3].map((c) => c.value)).toEqual([true, 12, null]);
    expect(s.rows[4][1]).toEqual({ address: "C7", value: "fusionada" });
    expect(s.rows[4][2]).toEqual({ address: "D7", value: null });
    expect(s.rows[5][1]).toEqual({ address: "C8", value: null });
    expect(s.rows[6][0]).toEqual({ address: "B9", value: "Mesa Kennedy" });
    expect(s.rows[6][1]).toEqual({ address: "C9", value: "evidencia" });
    expect(s.rows[6][2]).toEqual({ address: "D9", value: "#N/A", error: true });
  });

  test("formulas' cached results after a real spreadsheet calculated them, errors flagged", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "calc.xlsx");
    await fs.writeFile(file, await written());
    const raw = await readWorkbookFile(await recalc(file));
    const t = raw.tables.find((x) => x.name === "Actividades")!;
    expect(t.rows[0][5]).toMatchObject({ address: "F3", value: 12, formula: "=Actividades[[#This Row],[Programado I]]*2" });
    expect(t.rows[1][5]).toMatchObject({ address: "F4", value: "#DIV/0!", error: true, formula: "=1/0" });
  });

  test("a table saved by Excel (no headerRowCount attribute) still has its header row", async () => {
    const zip = await JSZip.loadAsync(await written());
    const name = Object.keys(zip.files).find((n) => /^xl\/tables\/table\d+\.xml$/.test(n))!;
    const xml = await zip.file(name)!.async("string");
    expect(xml).toContain('headerRowCount="1"');
    zip.file(name, xml.replace(' headerRowCount="1"', ""));
    const raw = await readWorkbookBuffer(await zip.generateAsync({ type: "nodebuffer" }));
    expect(raw.tables[0].headerRow).toBe(2);
    expect(raw.tables[0].headers[0].value).toBe("ID");
    expect(raw.tables[0].rows).toHaveLength(2);
  });

  test("a table with a totals row: the totals are not data", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Actividades");
    ws.addTable({
      name: "Actividades",
      ref: "B2",
      headerRow: true,
      totalsRow: true,
      columns: [{ name: "ID", totalsRowLabel: "Total" }, { name: "Programado I", totalsRowFunction: "sum" }],
      rows: [["A-1", 1], ["A-2", 2]],
    });
    const raw = await readWorkbookBuffer(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(raw.tables[0]).toMatchObject({ headerRow: 2, firstCol: 2 });
    expect(raw.tables[0].rows.map((r) => r.map((c) => c.value))).toEqual([["A-1", 1], ["A-2", 2]]);
  });
});

describe("reader: files that are not a readable workbook", () => {
  async function codeOf(p: Promise<unknown>): Promise<string> {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(WorkbookFileError);
      return (err as WorkbookFileError).code;
    }
    throw new Error("no error");
  }

  test("missing file, text renamed .xlsx, empty file", async () => {
    const dir = await tempDir();
    expect(await codeOf(readWorkbookFile(path.join(dir, "no.xlsx")))).toBe("not-found");
    expect(await codeOf(readWorkbookFile(dir))).toBe("not-found");
    await fs.writeFile(path.join(dir, "texto.xlsx"), "ID;Dependencia\nA-1;OAP\n");
    expect(await codeOf(readWorkbookFile(path.join(dir, "texto.xlsx")))).toBe("not-xlsx");
    await fs.writeFile(path.join(dir, "vacio.xlsx"), "");
    expect(await codeOf(readWorkbookFile(path.join(dir, "vacio.xlsx")))).toBe("empty");
    expect(await codeOf(readWorkbookBuffer(Buffer.alloc(0)))).toBe("empty");
  });

  test("truncated zip, a zip that is not a workbook", async () => {
    const buf = await written();
    expect(await codeOf(readWorkbookBuffer(buf.subarray(0, Math.floor(buf.length / 2))))).toBe("corrupt");
    const docx = new JSZip();
    docx.file("[Content_Types].xml", "<Types/>");
    docx.file("word/document.xml", "<w:document/>");
    expect(await codeOf(readWorkbookBuffer(await docx.generateAsync({ type: "nodebuffer" })))).toBe("not-xlsx");
  });

  test("OLE compound files: an encrypted package, a legacy .xls", async () => {
    const cfb = (streams: string[]) => {
      const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      return Buffer.concat([header, Buffer.alloc(504), ...streams.map((s) => Buffer.from(s, "utf16le")), Buffer.alloc(512)]);
    };
    expect(await codeOf(readWorkbookBuffer(cfb(["Root Entry", "EncryptionInfo", "EncryptedPackage"])))).toBe("encrypted");
    expect(await codeOf(readWorkbookBuffer(cfb(["Root Entry", "Workbook"])))).toBe("legacy-xls");
  });

  test("errors name the file and read in both languages", async () => {
    const dir = await tempDir();
    const f = path.join(dir, "notas.xlsx");
    await fs.writeFile(f, "hola");
    try {
      await readWorkbookFile(f);
      throw new Error("no error");
    } catch (err) {
      const e = err as WorkbookFileError;
      expect(e.messages.es).toBe(`${f}: no es un libro de Excel (.xlsx); ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»`);
      expect(e.messages.en).toMatch(/^.*notas\.xlsx: not an Excel workbook/);
    }
  });

  test("a workbook written to a file reads the same as its bytes", async () => {
    const dir = await tempDir();
    const f = path.join(dir, "a.xlsx");
    const buf = await written();
    await fs.writeFile(f, buf);
    expect(await readWorkbookFile(f)).toEqual(await readWorkbookBuffer(buf));
  });
});
