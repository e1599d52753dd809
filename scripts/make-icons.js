#!/usr/bin/env node
"use strict";
/**
 * Draws the add-in's icons (assets/icon-<size>.png): a green rounded square with three white
 * rising bars on a baseline, i.e. "progress of the plan". Pure Node (zlib + a small PNG encoder),
 * so the icons can be regenerated anywhere without an image library or a design tool.
 *
 * Usage: node scripts/make-icons.js [outDir]   (default: assets/)
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

/** Sizes the manifest and the task pane use (16/32/64/80 in the ribbon, 128 in the pane header). */
const SIZES = [16, 32, 64, 80, 128];

const GREEN = [0x1b, 0x7a, 0x4b];
const WHITE = [0xff, 0xff, 0xff];

// zlib.crc32 only exists from Node 20.15/22.2; a table keeps the script working on any Node 20.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

/** Encodes an RGBA pixel buffer (width*height*4 bytes) as a PNG file (colour type 6, 8 bits). */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter "None": the images are tiny, compression barely matters
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function insideRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Shape in unit coordinates (0..1, y down): which colour covers the point, or null. */
function colourAt(x, y) {
  if (!insideRoundedRect(x, y, 0.03, 0.03, 0.97, 0.97, 0.2)) return null;
  const bars = [
    { x0: 0.2, x1: 0.34, top: 0.52 },
    { x0: 0.43, x1: 0.57, top: 0.36 },
    { x0: 0.66, x1: 0.8, top: 0.2 },
  ];
  const baseline = 0.78;
  for (const b of bars) {
    if (insideRoundedRect(x, y, b.x0, b.top, b.x1, baseline, 0.025)) return WHITE;
  }
  if (y >= baseline + 0.03 && y <= baseline + 0.08 && x >= 0.15 && x <= 0.85) return WHITE;
  return GREEN;
}

/** Renders one icon, 8x8 supersampled so edges stay smooth at 16 px. */
function renderIcon(size) {
  const ss = 8;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = colourAt((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      if (covered > 0) {
        // Colour is averaged over covered samples only, so transparent edges do not darken it.
        rgba[i] = Math.round(r / covered);
        rgba[i + 1] = Math.round(g / covered);
        rgba[i + 2] = Math.round(b / covered);
        rgba[i + 3] = Math.round((255 * covered) / (ss * ss));
      }
    }
  }
  return encodePng(size, size, rgba);
}

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, renderIcon(size));
    process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
  }
}

if (require.main === module) main();

module.exports = { SIZES, encodePng, renderIcon };
