/**
 * writeFileAtomic in-process: the temporary file is in the output's folder (so the rename is
 * atomic), and it is gone after a success and after a failure that comes once it is fully written
 * (the rename). Failures in the middle of the write and kills are proven with the real CLI in
 * test/cli/files-safety.test.ts.
 */
import { promises as fs } from "fs";
import path from "path";
import { tempPathFor, writeFileAtomic } from "../../src/xlsx/write";
import { tempDir } from "../helpers/libreoffice";

test("a temporary name is hidden, next to the output, and never the same twice", () => {
  const a = tempPathFor("/datos/informes/informe.xlsx");
  const b = tempPathFor("/datos/informes/informe.xlsx");
  expect(path.dirname(a)).toBe("/datos/informes");
  expect(path.basename(a)).toMatch(/^\.informe\.xlsx\.\d+\.[0-9a-f]{12}\.tmp$/);
  expect(a).not.toBe(b);
  // A very long name still gives a name the file system accepts.
  expect(path.basename(tempPathFor(`/x/${"a".repeat(250)}.xlsx`)).length).toBeLessThan(140);
});

test("a success leaves the output and nothing else; the output is replaced whole", async () => {
  const dir = await tempDir("pipc-atomic-");
  const out = path.join(dir, "informe.xlsx");
  await writeFileAtomic(out, Buffer.from("primera"));
  await writeFileAtomic(out, Buffer.from("segunda versión"));
  expect(await fs.readdir(dir)).toEqual(["informe.xlsx"]);
  expect(await fs.readFile(out, "utf8")).toBe("segunda versión");
  // No signal handler stays behind once nothing is being written.
  expect(process.listeners("SIGINT").map((f) => f.name)).not.toContain("onCleanupSignal");
});

test("a rename that fails after the whole write: the error comes through, the temporary file goes", async () => {
  const dir = await tempDir("pipc-atomic-");
  // An output path that is a folder with something inside: rename() refuses it.
  const out = path.join(dir, "informe.xlsx");
  await fs.mkdir(out);
  await fs.writeFile(path.join(out, "dentro.txt"), "x");
  await expect(writeFileAtomic(out, Buffer.alloc(1024 * 1024, 1))).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST|EPERM)$/) });
  expect(await fs.readdir(dir)).toEqual(["informe.xlsx"]);
  expect(await fs.readdir(out)).toEqual(["dentro.txt"]);
});

test("a folder that does not exist: the error comes through, nothing is created", async () => {
  const dir = await tempDir("pipc-atomic-");
  await expect(writeFileAtomic(path.join(dir, "no", "informe.xlsx"), Buffer.from("x"))).rejects.toMatchObject({ code: "ENOENT" });
  expect(await fs.readdir(dir)).toEqual([]);
});
