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

/** Adds the sampled pixels of one row to its thumbnail row, one thumbnail column (a run of x) at a time. */
function thumbRow(gray: Uint8Array, row: number, starts: Uint16Array, sums: Float64Array, trow: number): void {
  for (let tx = 0; tx < starts.length - 1; tx++) {
    let sum = 0;
    for (let x = starts[tx]!; x < starts[tx + 1]!; x += 2) sum += gray[row + x]!;
    sums[trow + tx] = sums[trow + tx]! + sum;
  }
}

export function buildThumbnail(planes: Planes): Thumbnail {
  const { width: w, height: h, gray } = planes;
  const tw = THUMB_WIDTH;
  const th = Math.max(1, Math.round((tw * h) / w));
  const sums = new Float64Array(tw * th);
  // Sampled (even) x and y per thumbnail column and row; each column's x form one run, from starts.
  const columnSamples = new Uint32Array(tw);
  const rowSamples = new Uint32Array(th);
  for (let x = 0; x < w; x += 2) columnSamples[Math.min(tw - 1, Math.floor((x * tw) / w))]!++;
  const starts = new Uint16Array(tw + 1);
  for (let tx = 0; tx < tw; tx++) starts[tx + 1] = starts[tx]! + 2 * columnSamples[tx]!;
  for (let y = 0; y < h; y += 2) {
    const ty = Math.min(th - 1, Math.floor((y * th) / h));
    rowSamples[ty]!++;
    thumbRow(gray, y * w, starts, sums, ty * tw);
  }
  const pixels = new Float32Array(tw * th);
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) pixels[ty * tw + tx] = sums[ty * tw + tx]! / Math.max(1, rowSamples[ty]! * columnSamples[tx]!);
  }
  return { width: tw, height: th, pixels };
}
