/**
 * JSZip cuts a text file into 16 KiB pieces and encodes each piece to UTF-8 on its own, so a
 * character outside the Basic Multilingual Plane (an emoji) that straddles a cut is written as two
 * U+FFFD. ExcelJS hands every part of a workbook to JSZip as text: an official's "🎉" in a cell
 * could come out of `pipc generate` as "��" (found by test/property/file.test.ts). Importing this
 * module makes `file(name, text)` encode the whole text at once, before JSZip cuts anything.
 */
import JSZip from "jszip";

type FileOptions = { binary?: boolean; base64?: boolean } | undefined;
type FileMethod = (this: JSZip, name: unknown, data?: unknown, options?: FileOptions) => unknown;

const PATCHED = Symbol.for("seguimiento-pipc.jszip-whole-utf8");
const proto = JSZip.prototype as unknown as { file: FileMethod; [PATCHED]?: true };

if (!proto[PATCHED]) {
  const original = proto.file;
  proto.file = function file(this: JSZip, ...args: [unknown, unknown?, FileOptions?]) {
    // file(name) and file(regex) read: JSZip tells reads from writes by the number of arguments.
    const [name, data, options] = args;
    // Only text meant as text: a binary string or base64 is not UTF-8.
    if (args.length >= 2 && typeof data === "string" && !options?.binary && !options?.base64) {
      return original.call(this, name, Buffer.from(data, "utf8"), options);
    }
    return original.apply(this, args);
  } as FileMethod;
  proto[PATCHED] = true;
}
