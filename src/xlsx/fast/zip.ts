/**
 * Writes a zip package (an .xlsx) in one pass with Node's zlib: every part deflated once, no
 * intermediate archive. Deterministic: the same parts in the same order give the same bytes (fixed
 * timestamps), so the same input gives a byte-identical report.
 *
 * Reading stays with src/xlsx/inspect.ts, which inflates every part with a cap at its declared size.
 */
import zlib from "zlib";

/** Part name (no leading "/": "xl/workbook.xml") to its bytes, in the order they go into the archive. */
export type ZipParts = Map<string, Buffer>;

/**
 * A part deflated ahead of the zip pass, with what the archive records of it: a large part packed as
 * soon as it is written lives on as a twentieth of its size instead of whole until the zip.
 */
export interface PackedPart {
  readonly packed: true;
  /** Raw DEFLATE data, or the bytes themselves when deflating would not shrink them. */
  readonly body: Buffer;
  readonly stored: boolean;
  /** Size and CRC-32 of the bytes before deflating. */
  readonly size: number;
  readonly crc: number;
}

/** Parts as writeZip takes them: bytes, or packed already. */
export type ZipEntries = Map<string, Buffer | PackedPart>;

export interface WriteZipOptions {
  /** zlib level, 1 (fastest) to 9 (smallest); 6 by default, as Excel's own packages. */
  level?: number;
}

// 1980-01-01 00:00, the zip format's epoch: no clock in the bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_FLAG = 0x0800;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;

function crc32(data: Buffer): number {
  // zlib.crc32 exists from Node 20.15 / 22.2; the engines field asks for 20, so fall back.
  const native = (zlib as unknown as { crc32?: (d: Buffer) => number }).crc32;
  if (native) return native(data) >>> 0;
  return crcTable(data);
}

let TABLE: Uint32Array | null = null;
function crcTable(data: Buffer): number {
  if (!TABLE) {
    TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Deflates a part as writeZip would: the same level gives the same bytes. */
export function packPart(data: Buffer, level: number): PackedPart {
  const deflated = zlib.deflateRawSync(data, { level });
  // Tiny parts can grow when deflated: store them.
  const stored = deflated.length >= data.length;
  return { packed: true, body: stored ? data : deflated, stored, size: data.length, crc: crc32(data) };
}

/** The bytes of a packed part. */
export function unpackPart(p: PackedPart): Buffer {
  return p.stored ? p.body : zlib.inflateRawSync(p.body);
}

export function isPacked(v: unknown): v is PackedPart {
  return typeof v === "object" && v !== null && (v as PackedPart).packed === true;
}

/**
 * The archive of the parts, "[Content_Types].xml" first (Office reads it first; some readers need
 * it there). Text is given as Buffers: encode strings with Buffer.from(s, "utf8") once, whole.
 *
 * @throws Error when the package would need ZIP64 (a part or the archive over 4 GiB, or more than
 * 65,535 parts), which no workbook the limits of inspect.ts let through can reach.
 */
export function writeZip(parts: ZipEntries, opts: WriteZipOptions = {}): Buffer {
  const level = opts.level ?? 6;
  const names = [...parts.keys()];
  const ct = names.indexOf("[Content_Types].xml");
  if (ct > 0) names.unshift(...names.splice(ct, 1));
  if (names.length > MAX_16) throw new Error(`zip: ${names.length} parts need ZIP64`);

  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const entry = parts.get(name) as Buffer | PackedPart;
    const { body, stored, size, crc } = isPacked(entry) ? entry : packPart(entry, level);
    const nameBytes = Buffer.from(name, "utf8");
    if (size > MAX_32 || body.length > MAX_32 || offset > MAX_32) throw new Error(`zip: ${name} needs ZIP64`);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);

    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(UTF8_FLAG, 8);
    dir.writeUInt16LE(stored ? 0 : 8, 10);
    dir.writeUInt16LE(DOS_TIME, 12);
    dir.writeUInt16LE(DOS_DATE, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    // extra, comment, disk, internal attributes: 0; external attributes: 0
    dir.writeUInt32LE(offset, 42);

    chunks.push(local, nameBytes, body);
    central.push(dir, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  if (offset > MAX_32 || centralSize > MAX_32) throw new Error("zip: the package needs ZIP64");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
