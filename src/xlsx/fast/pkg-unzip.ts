/**
 * Every part of a zip package inflated, in archive order (ZipParts), from its central directory:
 * a small reader for the package model's tests and for callers that already checked the bytes
 * (src/xlsx/inspect.ts inflates with caps for untrusted input; src/xlsx/fast/read.ts is the
 * reader of `pipc generate`).
 */
import zlib from "zlib";
import type { ZipParts } from "./zip";

/** @throws Error when the bytes are not a zip this reader understands (no ZIP64, no encryption). */
export function unzipParts(buf: Buffer): ZipParts {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("zip: no end of central directory");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: { name: string; offset: number; method: number; size: number; csize: number; flags: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("zip: bad central directory");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x0800 ? "utf8" : "latin1");
    entries.push({ name, offset, method, size, csize, flags });
    p += 46 + nameLen + extraLen + commentLen;
  }
  entries.sort((a, b) => a.offset - b.offset);
  const out: ZipParts = new Map();
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    if (e.flags & 0x1) throw new Error(`zip: ${e.name} is encrypted`);
    const l = e.offset;
    if (buf.readUInt32LE(l) !== 0x04034b50) throw new Error(`zip: bad local header for ${e.name}`);
    const start = l + 30 + buf.readUInt16LE(l + 26) + buf.readUInt16LE(l + 28);
    const body = buf.subarray(start, start + e.csize);
    let data: Buffer;
    if (e.method === 0) data = Buffer.from(body);
    else if (e.method === 8) data = zlib.inflateRawSync(body, { maxOutputLength: Math.max(e.size, 1) });
    else throw new Error(`zip: ${e.name}: compression method ${e.method}`);
    if (data.length !== e.size) throw new Error(`zip: ${e.name}: ${data.length} bytes, ${e.size} declared`);
    out.set(e.name.replace(/^\//, ""), data);
  }
  return out;
}
