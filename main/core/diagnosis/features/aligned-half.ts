// Frames of a window summed (or differenced) at half the analysis size in one pass, each read at its
// global shift from the newest frame: the first level of the Laplacian pyramid (edge-falloff.ts)
// without a full-size plane in between. Only the part of the picture every frame covers is used.
import type { Level } from './edge-falloff.ts';

/** A frame's luma, where the newest frame's pixel (x, y) is found at (x - dx, y - dy), added with `sign`. */
export interface Term {
  gray: Uint8Array;
  dx: number;
  dy: number;
  sign: 1 | -1;
}

/** Adds the 2x2 sums of one term to half-level row Y (the region starting at x0, y0 of a plane of width w). */
function addRow(t: Term, w: number, x0: number, y0: number, Y: number, out: Int32Array, hw: number): void {
  const a = (y0 + 2 * Y - t.dy) * w + x0 - t.dx;
  const b = a + w;
  const o = Y * hw;
  const g = t.gray;
  if (t.sign > 0) {
    for (let X = 0, i = 0; X < hw; X++, i += 2) out[o + X] = out[o + X]! + g[a + i]! + g[a + i + 1]! + g[b + i]! + g[b + i + 1]!;
  } else {
    for (let X = 0, i = 0; X < hw; X++, i += 2) out[o + X] = out[o + X]! - g[a + i]! - g[a + i + 1]! - g[b + i]! - g[b + i + 1]!;
  }
}

/** The half-level sums of the terms over the part of a w x h picture all of them cover; null when that is too small. */
export function alignedHalfSum(terms: readonly Term[], w: number, h: number): Level | null {
  const x0 = Math.max(0, ...terms.map((t) => t.dx));
  const y0 = Math.max(0, ...terms.map((t) => t.dy));
  const x1 = Math.min(w, ...terms.map((t) => w + t.dx));
  const y1 = Math.min(h, ...terms.map((t) => h + t.dy));
  const hw = (x1 - x0) >> 1;
  const hh = (y1 - y0) >> 1;
  // The pyramid goes down two more halvings and the Laplacian needs 3x3 there.
  if (hw < 16 || hh < 16) return null;
  const plane = new Int32Array(hw * hh);
  for (const t of terms) for (let Y = 0; Y < hh; Y++) addRow(t, w, x0, y0, Y, plane, hw);
  return { plane, w: hw, h: hh };
}
