import JSZip from "jszip";
import { execFileSync } from "child_process";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { packPart, unpackPart, writeZip, type ZipEntries, type ZipParts } from "../../src/xlsx/fast/zip";

function parts(entries: [string, string | Buffer][]): ZipParts {
  return new Map(entries.map(([n, d]) => [n, typeof d === "string" ? Buffer.from(d, "utf8") : d]));
}

describe("writeZip", () => {
  const big = "<row>".repeat(20000) + "🎉 ñandú " + "x".repeat(70000);
  const input = parts([
    ["xl/workbook.xml", "<workbook/>"],
    ["[Content_Types].xml", "<Types/>"],
    ["xl/worksheets/sheet1.xml", big],
    ["xl/media/empty.bin", Buffer.alloc(0)],
    ["xl/media/random.bin", Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251))],
  ]);

  test("JSZip reads back every part, byte for byte, with [Content_Types].xml first", async () => {
    const zip = await JSZip.loadAsync(writeZip(input));
    const names = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name);
    expect(names[0]).toBe("[Content_Types].xml");
    expect(new Set(names)).toEqual(new Set(input.keys()));
    for (const [name, data] of input) {
      const back = await zip.file(name)!.async("nodebuffer");
      expect(back.equals(data)).toBe(true);
    }
  });

  test("the same parts give the same bytes (no clock inside)", () => {
    expect(writeZip(input).equals(writeZip(new Map(input)))).toBe(true);
  });

  test("parts packed ahead of the zip give the very bytes of parts deflated by it, and unpack to themselves", () => {
    const packed: ZipEntries = new Map([...input].map(([n, d]) => [n, n.endsWith(".bin") ? d : packPart(d, 6)]));
    expect(writeZip(packed, { level: 6 }).equals(writeZip(input, { level: 6 }))).toBe(true);
    for (const d of input.values()) expect(unpackPart(packPart(d, 3)).equals(d)).toBe(true);
    // Tiny parts grow when deflated: stored as they are.
    expect(packPart(Buffer.from("<a/>"), 6).stored).toBe(true);
  });

  test("the system's unzip finds no CRC or size error", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pipc-zip-"));
    const file = path.join(dir, "t.zip");
    await fs.writeFile(file, writeZip(input));
    let ok = true;
    try {
      execFileSync("python3", ["-c", "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); sys.exit(1 if z.testzip() else 0)", file]);
    } catch {
      ok = false;
    }
    expect(ok).toBe(true);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
