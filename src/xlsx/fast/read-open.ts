/**
 * Opening an .xlsx package, shared by both readers (ExcelJS's in src/xlsx/read.ts and the fast one
 * in ./read.ts): the bytes are a zip within the limits, hold a workbook, and every part inflates to
 * its declared size (src/xlsx/inspect.ts). Nothing here loads ExcelJS.
 */
import JSZip from "jszip";
import { WorkbookFileError } from "../errors";
import { inspectPackage, LIMITS, megabytes, type Limits, type PackageInspection } from "../inspect";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

/**
 * Classifies bytes that are not a usable zip. An encrypted .xlsx is an OLE compound file holding an
 * "EncryptionInfo" stream; any other compound file is a legacy .xls.
 */
function classifyNonZip(buf: Buffer): WorkbookFileError {
  if (startsWith(buf, CFB_MAGIC)) {
    const utf16 = (s: string) => Buffer.from(s, "utf16le");
    const encrypted = buf.includes(utf16("EncryptionInfo")) || buf.includes(utf16("EncryptedPackage"));
    return new WorkbookFileError(encrypted ? "encrypted" : "legacy-xls");
  }
  return new WorkbookFileError("not-xlsx");
}

export interface OpenedPackage {
  zip: JSZip;
  inspection: PackageInspection;
}

/**
 * Checks the bytes are an .xlsx package within the limits whose every part inflates to its declared
 * size, and inspects it.
 *
 * @throws WorkbookFileError (empty, too-large, too-large-unpacked, too-many-cells, not-xlsx, xlsb,
 * legacy-xls, encrypted, corrupt, unreadable-sheet, unreadable-part)
 */
export async function openPackage(buf: Buffer, limits: Limits = LIMITS): Promise<OpenedPackage> {
  if (buf.length === 0) throw new WorkbookFileError("empty");
  if (buf.length > limits.maxFileBytes) throw new WorkbookFileError("too-large", null, null, [megabytes(buf.length), megabytes(limits.maxFileBytes)]);
  if (!startsWith(buf, ZIP_MAGIC)) throw classifyNonZip(buf);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf);
  } catch (err) {
    throw new WorkbookFileError("corrupt", null, String(err));
  }
  if (!zip.file("xl/workbook.xml")) {
    if (zip.file("xl/workbook.bin")) throw new WorkbookFileError("xlsb");
    // A .docx or .pptx is a zip too; so is a truncated file whose directory survived.
    throw new WorkbookFileError(zip.file("[Content_Types].xml") ? "not-xlsx" : "corrupt");
  }
  return { zip, inspection: inspectPackage(zip, limits) };
}
