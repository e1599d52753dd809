/**
 * scripts/make-icons.js: its hand-written PNG encoder produces valid files, and the committed
 * icons in assets/ are exactly what the script draws (so nobody edits them by hand and drifts).
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SIZES, renderIcon } = require("../../scripts/make-icons.js") as {
  SIZES: number[];
  renderIcon: (size: number) => Buffer;
};

const ASSETS = path.resolve(__dirname, "..", "..", "assets");

interface Png {
  width: number;
  height: number;
  colourType: number;
  pixels: Buffer;
}

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** Strict reader for the subset the encoder writes: checks signature, chunk CRCs and layout. */
function readPng(file: Buffer): Png {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  const chunks: Array<{ type: string; data: Buffer }> = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const typeAndData = file.subarray(offset + 4, offset + 8 + length);
    expect(file.readUInt32BE(offset + 8 + length)).toBe(crc32(typeAndData));
    chunks.push({ type: typeAndData.toString("ascii", 0, 4), data: typeAndData.subarray(4) });
    offset += 12 + length;
  }
  expect(offset).toBe(file.length);
  expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
  const ihdr = chunks[0].data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  expect([...ihdr.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
  const raw = zlib.inflateSync(chunks[1].data);
  expect(raw.length).toBe((width * 4 + 1) * height);
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, colourType: ihdr[9], pixels };
}

describe("scripts/make-icons.js", () => {
  test.each(SIZES)("draws a valid %i px PNG identical to the one in assets/", (size) => {
    const drawn = readPng(renderIcon(size));
    expect([drawn.width, drawn.height]).toEqual([size, size]);
    const committed = readPng(fs.readFileSync(path.join(ASSETS, `icon-${size}.png`)));
    expect(committed.pixels.equals(drawn.pixels)).toBe(true);
  });

  test("the icon is a green square with white bars and transparent corners", () => {
    const { pixels, width } = readPng(renderIcon(64));
    const at = (x: number, y: number) => [...pixels.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(6, 32)).toEqual([0x1b, 0x7a, 0x4b, 255]);
    expect(at(48, 32)).toEqual([255, 255, 255, 255]);
  });
});
