/**
 * Files pipc refuses to open, each with its own error: empty, too big on disk, too big unpacked (a
 * zip bomb), a directory that lies about sizes, sheets past Excel's grid, damaged bytes anywhere.
 * Whatever the bytes, reading ends in a workbook or a WorkbookFileError, never anything else.
 */
import { promises as fs } from "fs";
import path from "path";
import v8 from "v8";
import { FAST_LIMITS, fastLimitsForHeap, limitsForHeap, megabytes } from "../../src/xlsx/inspect";
import { LIMITS, loadWorkbookBuffer, readWorkbookBuffer, readWorkbookBytes, readWorkbookFile, WorkbookFileError } from "../../src/xlsx";
import { tempDir } from "../helpers/libreoffice";
import { sampleInput } from "../report/engine";
import { entriesOf, PackageEditor, rawZip } from "./package-fixtures";

async function failure(p: Promise<unknown>): Promise<WorkbookFileError> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof WorkbookFileError)) throw err;
    return err;
  }
  throw new Error("no error");
}

let sample: Buffer;
let dir: string;
beforeAll(async () => {
  sample = await sampleInput();
  dir = await tempDir("pipc-limits-");
});

describe("size", () => {
  test("an empty file", async () => {
    const f = path.join(dir, "vacio.xlsx");
    await fs.writeFile(f, "");
    const e = await failure(readWorkbookFile(f));
    expect(e.code).toBe("empty");
    expect(e.messages.es).toBe(`${f}: el archivo está vacío (0 bytes); vuelva a descargarlo o copiarlo`);
    expect(e.messages.en).toBe(`${f}: the file is empty (0 bytes); download or copy it again`);
  });

  test("a file over the limit on disk is refused from its size, before it is read", async () => {
    const f = path.join(dir, "enorme.xlsx");
    // A sparse file: 100 MB + 1 byte on paper, nothing on disk.
    const fh = await fs.open(f, "w");
    await fh.truncate(LIMITS.maxFileBytes + 1);
    await fh.close();
    const e = await failure(readWorkbookBytes(f));
    expect(e.code).toBe("too-large");
    expect(e.messages.es).toBe(`${f}: el archivo ocupa 101 MB y pipc no abre libros de más de 100 MB; revise que sea el libro del plan`);
    expect(e.messages.en).toBe(`${f}: the file takes 101 MB and pipc does not open workbooks over 100 MB; check that it is the plan workbook`);
    expect((await failure(loadWorkbookBuffer(sample, { limits: { ...LIMITS, maxFileBytes: 1000 } }))).code).toBe("too-large");
  });

  test("a zip bomb: parts that would unpack past the limit are refused from the directory alone", async () => {
    const entries = await entriesOf(sample);
    // 160 MB of zeros packs into ~160 KB: a file that looks small and would fill the memory.
    entries.push({ name: "xl/media/relleno.bin", data: Buffer.alloc(160 * 1024 * 1024) });
    const bomb = rawZip(entries);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const e = await failure(loadWorkbookBuffer(bomb));
    expect(e.code).toBe("too-large-unpacked");
    expect(e.messages.es).toBe(
      `el libro ocuparía 161 MB al descomprimirlo y, con la memoria de este equipo, pipc no abre libros de más de ${megabytes(LIMITS.maxUnpackedBytes)} MB descomprimidos; revise que sea el libro del plan`,
    );
  });

  test("the limits follow the memory Node may use: a smaller heap, smaller limits", () => {
    const gb = 1024 ** 3;
    expect(limitsForHeap(4 * gb)).toEqual({ maxFileBytes: 100 * 1024 ** 2, maxUnpackedBytes: 64 * 1024 ** 2, maxCells: 1_677_000 });
    expect(limitsForHeap(2 * gb)).toMatchObject({ maxUnpackedBytes: 32 * 1024 ** 2, maxCells: 838_000 });
    // Never more than 150 MB unpacked, whatever the heap.
    expect(limitsForHeap(64 * gb).maxUnpackedBytes).toBe(150 * 1024 ** 2);
    expect(LIMITS).toEqual(limitsForHeap(v8.getHeapStatistics().heap_size_limit));
  });

  test("the fast path's limits (validate, summary, generate) let the report of a large plan be read back", () => {
    const gb = 1024 ** 3;
    // The report of 20,000 activities and 20,000 commitments, fed back the next cuatrimestre, is
    // 118 MB unpacked with 690,000 cells: refused by the ExcelJS limits, read by the fast path's.
    const report = { unpacked: 118 * 1024 ** 2, cells: 690_000 };
    expect(limitsForHeap(4 * gb).maxUnpackedBytes).toBeLessThan(report.unpacked);
    expect(fastLimitsForHeap(4 * gb)).toEqual({ maxFileBytes: 100 * 1024 ** 2, maxUnpackedBytes: 170 * 1024 ** 2, maxCells: 1_048_000 });
    expect(fastLimitsForHeap(4 * gb).maxUnpackedBytes).toBeGreaterThan(report.unpacked);
    expect(fastLimitsForHeap(4 * gb).maxCells).toBeGreaterThan(report.cells);
    expect(fastLimitsForHeap(1 * gb)).toMatchObject({ maxUnpackedBytes: 42 * 1024 ** 2, maxCells: 262_000 });
    expect(fastLimitsForHeap(64 * gb).maxUnpackedBytes).toBe(250 * 1024 ** 2);
    expect(FAST_LIMITS).toEqual(fastLimitsForHeap(v8.getHeapStatistics().heap_size_limit));
  });

  test("more cells than the memory allows: refused before ExcelJS builds them", async () => {
    const limits = { ...LIMITS, maxCells: 100 };
    const e = await failure(loadWorkbookBuffer(sample, { limits }));
    expect(e.code).toBe("too-many-cells");
    expect(e.messages.es).toMatch(/^el libro tiene [\d ]+ celdas y, con la memoria de este equipo, pipc no abre libros de más de 100; revise que sea el libro del plan$/);
    const cells = Number(e.args[0].replace(/ /g, ""));
    expect(cells).toBeGreaterThan(100);
    // The count is the workbook's cells: one more allowed, and it opens.
    await expect(loadWorkbookBuffer(sample, { limits: { ...LIMITS, maxCells: cells } })).resolves.toBeDefined();
    expect((await failure(loadWorkbookBuffer(sample, { limits: { ...LIMITS, maxUnpackedBytes: 1000 } }))).code).toBe("too-large-unpacked");
  });

  test("a directory that lies about sizes: the inflation stops at the declared size, the file is damaged", async () => {
    const entries = await entriesOf(sample);
    // Declares 1 KB, inflates to 64 MB: ExcelJS would inflate it all before noticing.
    entries.push({ name: "xl/media/image9.png", data: Buffer.alloc(64 * 1024 * 1024), declaredSize: 1024 });
    expect((await failure(loadWorkbookBuffer(rawZip(entries)))).code).toBe("corrupt");
    const shorter = await entriesOf(sample);
    shorter.push({ name: "xl/media/image9.png", data: Buffer.alloc(10), declaredSize: 5000 });
    expect((await failure(loadWorkbookBuffer(rawZip(shorter)))).code).toBe("corrupt");
    // The same entries, honest: the workbook reads.
    const honest = await entriesOf(sample);
    honest.push({ name: "xl/media/image9.png", data: Buffer.alloc(10) });
    expect((await readWorkbookBuffer(rawZip(honest))).sheetNames).toContain("Actividades");
  });
});

describe("Excel's grid", () => {
  async function withCell(sheet: string, row: number, ref: string): Promise<Buffer> {
    const ed = await PackageEditor.open(sample);
    const part = await ed.sheetPart(sheet);
    const xml = await ed.text(part);
    ed.put(part, xml.replace("</sheetData>", `<row r="${row}"><c r="${ref}"><v>1</v></c></row></sheetData>`));
    return ed.toBuffer();
  }

  test("a row past 1,048,576: the sheet is named; a column past XFD: damaged", async () => {
    const rows = await failure(loadWorkbookBuffer(await withCell("Compromisos", 1_048_577, "A1048577")));
    expect(rows.code).toBe("beyond-excel-grid");
    expect(rows.messages.es).toBe("la hoja «Compromisos» pasa del límite de Excel (1.048.576 filas y 16.384 columnas): el archivo está dañado");
    expect(rows.messages.en).toBe("the sheet “Compromisos” goes past Excel's limits (1,048,576 rows and 16,384 columns): the file is damaged");
    // A column past XFD: ExcelJS itself stops on it, and the file is reported damaged.
    expect((await failure(loadWorkbookBuffer(await withCell("Dependencias", 900, "XFE900")))).code).toBe("corrupt");
    // The last row and column themselves are Excel's: accepted.
    const wb = await loadWorkbookBuffer(await withCell("Compromisos", 1_048_576, "XFD1048576"));
    expect(wb.getWorksheet("Compromisos")!.rowCount).toBe(1_048_576);
  });
});

describe("damaged bytes", () => {
  test("an Excel binary workbook (.xlsb) is named as such", async () => {
    const xlsb = rawZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/workbook.bin", data: Buffer.from([0x83, 0x01, 0x00]) },
    ]);
    const e = await failure(loadWorkbookBuffer(xlsb));
    expect(e.code).toBe("xlsb");
    expect(e.messages.es).toMatch(/^es un libro binario de Excel \(\.xlsb\); ábralo en Excel y guárdelo como «Libro de Excel \(\.xlsx\)»$/);
  });

  test("cut anywhere, or with bytes changed anywhere: a workbook or a WorkbookFileError, nothing else", async () => {
    const codes = new Map<string, number>();
    const tally = async (buf: Buffer) => {
      let code = "read";
      try {
        await readWorkbookBuffer(buf);
      } catch (err) {
        // Any other error would reach the user as "unexpected error" or a stack trace.
        expect(err).toBeInstanceOf(WorkbookFileError);
        code = (err as WorkbookFileError).code;
      }
      codes.set(code, (codes.get(code) ?? 0) + 1);
    };
    for (let i = 1; i < 16; i++) await tally(sample.subarray(0, Math.floor((sample.length * i) / 16)));
    // A fixed pseudo-random walk, so a failure reproduces.
    let seed = 20210914;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 120; i++) {
      const buf = Buffer.from(sample);
      for (let k = 0; k < 1 + (i % 4); k++) buf[next() % buf.length] ^= 1 + (next() % 255);
      await tally(buf);
    }
    expect(codes.get("corrupt")).toBeGreaterThan(0);
  });

  test("valid zips of damaged XML (bytes changed inside the parts): a workbook or a WorkbookFileError", async () => {
    const entries = await entriesOf(sample);
    const xmlParts = entries.filter((e) => /\.(xml|rels)$/.test(e.name));
    let seed = 1103;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const outcomes: string[] = [];
    for (let i = 0; i < 80; i++) {
      const target = xmlParts[next() % xmlParts.length];
      const data = Buffer.from(target.data);
      // Structural bytes are where parsers break: change '<', '>', '"', '=' and digits into one another.
      const pick = "<>\"=/0123456789";
      for (let k = 0; k < 1 + (i % 3); k++) {
        const at = next() % data.length;
        data[at] = pick.charCodeAt(next() % pick.length);
      }
      const buf = rawZip(entries.map((e) => (e === target ? { name: e.name, data } : e)));
      try {
        await readWorkbookBuffer(buf);
        outcomes.push("read");
      } catch (err) {
        expect(err).toBeInstanceOf(WorkbookFileError);
        outcomes.push((err as WorkbookFileError).code);
      }
    }
    expect(outcomes).toContain("read");
    expect(outcomes.some((o) => o !== "read")).toBe(true);
  });
});
