#!/usr/bin/env node
// Draws the Firebreak icon (a flame split by a dark firebreak) and writes it as a 512×512 PNG.
// Dependency-free: the PNG is encoded with node:zlib. Run: node assets/icons/generate-icons.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;
const BG = [16, 20, 24];
const HOT = [255, 196, 61];
const EMBER = [255, 106, 40];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage of the rounded-square tile, the flame, and the break, at a point in [0,1]². */
function shade(x, y) {
  const r = 0.18;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  if (dx * dx + dy * dy > r * r) return null;
  // Flame: a teardrop whose width narrows to a point at the top.
  const cx = 0.5;
  const top = 0.14;
  const bottom = 0.86;
  if (y < top || y > bottom) return BG;
  const t = (y - top) / (bottom - top);
  const halfWidth = 0.34 * Math.sqrt(Math.sin(Math.PI * Math.min(1, t * 0.85 + 0.15))) * Math.min(1, t * 1.6);
  const inFlame = Math.abs(x - cx) <= halfWidth;
  const inBreak = Math.abs(x - cx) < 0.035 && y > 0.3;
  if (!inFlame || inBreak) return BG;
  const mix = Math.min(1, Math.max(0, t));
  return HOT.map((h, i) => Math.round(h + (EMBER[i] - h) * mix));
}

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const colour = shade((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
        if (colour === null) continue;
        r += colour[0];
        g += colour[1];
        b += colour[2];
        a += 1;
      }
    }
    const o = (py * SIZE + px) * 4;
    const n = SAMPLES * SAMPLES;
    rgba[o] = a === 0 ? 0 : Math.round(r / a);
    rgba[o + 1] = a === 0 ? 0 : Math.round(g / a);
    rgba[o + 2] = a === 0 ? 0 : Math.round(b / a);
    rgba[o + 3] = Math.round((255 * a) / n);
  }
}

const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, encodePng(SIZE, rgba));
console.log(`wrote ${out}`);
