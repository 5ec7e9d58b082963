// Generates the tray icons (one per state: 16x16 PNG, 32x32 @2x PNG, and a .ico with both for
// Windows) and the app icon (256x256, and 512x512 for macOS) with node:zlib only.
// Each state has its own glyph as well as its own colour, so it reads without colour vision too.
// Run: node resources/icons/generate-icons.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
/** Coverage of a point (unit square coordinates) by a shape: true inside. */
type Shape = (x: number, y: number) => boolean;

const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** A segment with round ends, half-width w. */
const capsule =
  (ax: number, ay: number, bx: number, by: number, w: number): Shape =>
  (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= w * w;
  };
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);
const roundedSquare =
  (inset: number, radius: number): Shape =>
  (x, y) => {
    const lo = inset + radius;
    const hi = 1 - inset - radius;
    const qx = Math.max(lo - x, 0, x - hi);
    const qy = Math.max(lo - y, 0, y - hi);
    return qx * qx + qy * qy <= radius * radius && x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset;
  };

/** Layers painted bottom to top, each anti-aliased with 4x4 supersampling. */
function render(size: number, layers: Array<{ shape: Shape; color: Rgb }>): Buffer {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          for (let i = layers.length - 1; i >= 0; i--) {
            const layer = layers[i];
            if (layer && layer.shape(x, y)) {
              r += layer.color[0];
              g += layer.color[1];
              b += layer.color[2];
              a += 1;
              break;
            }
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export function png(size: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(6, 9); // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A .ico holding PNG images (Windows Vista and later). */
export function ico(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((img, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(img.size >= 256 ? 0 : img.size, e);
    header.writeUInt8(img.size >= 256 ? 0 : img.size, e + 1);
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(img.png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += img.png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

const WHITE: Rgb = [255, 255, 255];
const STATES: Record<string, { color: Rgb; border: Rgb; glyph: Shape }> = {
  // A lens: the camera is being watched.
  running: { color: [46, 160, 67], border: [26, 110, 45], glyph: disc(0.5, 0.5, 0.17) },
  // Two bars: paused.
  paused: { color: [139, 148, 158], border: [96, 104, 112], glyph: union(capsule(0.39, 0.32, 0.39, 0.68, 0.075), capsule(0.61, 0.32, 0.61, 0.68, 0.075)) },
  // An exclamation mark: working, with trouble (reconnecting).
  degraded: { color: [210, 153, 34], border: [150, 105, 15], glyph: union(capsule(0.5, 0.27, 0.5, 0.57, 0.075), disc(0.5, 0.74, 0.08)) },
  // A ring, the lens of a camera to look at: working, and cameras need attention.
  attention: { color: [232, 93, 4], border: [160, 60, 0], glyph: minus(disc(0.5, 0.5, 0.24), disc(0.5, 0.5, 0.12)) },
  // A cross: not working.
  error: { color: [218, 54, 51], border: [150, 30, 28], glyph: union(capsule(0.34, 0.34, 0.66, 0.66, 0.075), capsule(0.66, 0.34, 0.34, 0.66, 0.075)) },
};

function trayIcon(size: number, state: { color: Rgb; border: Rgb; glyph: Shape }): Buffer {
  return png(size, render(size, [
    { shape: disc(0.5, 0.5, 0.48), color: state.border },
    { shape: disc(0.5, 0.5, 0.48 - 1.2 / size), color: state.color },
    { shape: state.glyph, color: WHITE },
  ]));
}

function appIcon(size: number): Buffer {
  return png(size, render(size, [
    { shape: roundedSquare(0.06, 0.2), color: [31, 111, 235] },
    { shape: minus(disc(0.5, 0.5, 0.3), disc(0.5, 0.5, 0.2)), color: WHITE },
    { shape: disc(0.5, 0.5, 0.2), color: [13, 40, 90] },
    { shape: disc(0.57, 0.43, 0.055), color: WHITE },
  ]));
}

const dir = import.meta.dirname;
for (const [name, state] of Object.entries(STATES)) {
  const small = trayIcon(16, state);
  const large = trayIcon(32, state);
  writeFileSync(join(dir, `tray-${name}.png`), small);
  writeFileSync(join(dir, `tray-${name}@2x.png`), large);
  writeFileSync(join(dir, `tray-${name}.ico`), ico([{ size: 16, png: small }, { size: 32, png: large }]));
}
writeFileSync(join(dir, 'app.png'), appIcon(256));
writeFileSync(join(dir, 'app-512.png'), appIcon(512));
console.log(`icons written to ${dir}`);
