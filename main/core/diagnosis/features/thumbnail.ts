// A small gray picture for frame-to-frame and frame-to-reference comparison: averaging areas of
// about 10x10 analysis pixels (sampled at every other pixel of every other row) removes noise
// and small motion, leaving the scene's layout.
import type { Planes } from './planes.ts';

export const THUMB_WIDTH = 64;

export interface Thumbnail {
  width: number;
  height: number;
  pixels: Float32Array;
}

function thumbRow(gray: Uint8Array, row: number, w: number, colOf: Uint16Array, sums: Float64Array, trow: number, counts: Uint32Array): void {
  for (let x = 0; x < w; x += 2) {
    const t = trow + colOf[x]!;
    sums[t] = sums[t]! + gray[row + x]!;
    counts[t]!++;
  }
}

export function buildThumbnail(planes: Planes): Thumbnail {
  const { width: w, height: h, gray } = planes;
  const tw = THUMB_WIDTH;
  const th = Math.max(1, Math.round((tw * h) / w));
  const sums = new Float64Array(tw * th);
  const counts = new Uint32Array(tw * th);
  const colOf = new Uint16Array(w);
  for (let x = 0; x < w; x++) colOf[x] = Math.min(tw - 1, Math.floor((x * tw) / w));
  for (let y = 0; y < h; y += 2) thumbRow(gray, y * w, w, colOf, sums, Math.min(th - 1, Math.floor((y * th) / h)) * tw, counts);
  const pixels = new Float32Array(tw * th);
  for (let i = 0; i < pixels.length; i++) pixels[i] = sums[i]! / Math.max(1, counts[i]!);
  return { width: tw, height: th, pixels };
}
