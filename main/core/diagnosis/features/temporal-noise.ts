// Temporal noise across a window: the noise a camera adds differs from frame to frame, while a
// flat part of the scene stays flat when something walks by. Per pair of consecutive frames, aligned
// by their global shift (a pan or a shake moves the scene, not the noise), the spread of the luma
// difference inside each flat 16x16 block (its mean is removed, so an exposure change does not
// count) is taken over the flattest blocks, by the median, so moving things and keyframe jumps are
// outvoted. H.264 smooths a noisy picture within a frame,
// but keeps much of what changes between frames.
import type { FrameFeatures } from './frame-features.ts';
import { BLOCK } from './block-grid.ts';
import { shiftBetween } from './global-shift.ts';

/** Share of the blocks, the spatially flattest, whose temporal spread is measured. */
const FLAT_SHARE = 0.4;
/** Blocks this close to black or white are clipped: they show no noise, so they do not count. */
const CLIPPED_LOW = 12;
const CLIPPED_HIGH = 243;

export interface TemporalNoise {
  /** Noise sigma (grey levels): the median over pairs of the median flat-block spread of the difference, / sqrt 2. */
  sigma: number;
  pairs: number;
  blocks: number;
}

/** The flattest unclipped blocks of the newest frame, by their sampled luma spread. */
function flatBlocks(newest: FrameFeatures): Int32Array {
  const g = newest.gradients;
  const n = g.grid.cols * g.grid.rows;
  const candidates: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const count = g.blockCount[i]!;
    if (count === 0) continue;
    const mean = g.blockSum[i]! / count;
    if (mean < CLIPPED_LOW || mean > CLIPPED_HIGH) continue;
    candidates.push([Math.max(0, g.blockSumSq[i]! / count - mean * mean), i]);
  }
  candidates.sort((a, b) => a[0] - b[0]);
  const keep = Math.floor(candidates.length * FLAT_SHARE);
  return Int32Array.from(candidates.slice(0, keep), (c) => c[1]);
}

/** Spread of b - a inside block i of b (every other row, all columns), with a read (dx, dy) back; -1 when that lies outside a. */
function blockDiffSpread(a: Uint8Array, b: Uint8Array, w: number, h: number, cols: number, i: number, dx: number, dy: number): number {
  const bx = (i % cols) * BLOCK;
  const by = ((i / cols) | 0) * BLOCK;
  const ex = Math.min(w, bx + BLOCK);
  const ey = Math.min(h, by + BLOCK);
  if (bx - dx < 0 || ex - dx > w || by - dy < 0 || ey - dy > h) return -1;
  const offset = dy * w + dx;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = by; y < ey; y += 2) {
    for (let p = y * w + bx, end = y * w + ex; p < end; p++) {
      const d = b[p]! - a[p - offset]!;
      sum += d;
      sumSq += d * d;
    }
    n += ex - bx;
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
}

function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Several checks read it from the same window (the array runChecks hands to each of them). */
const computed = new WeakMap<readonly FrameFeatures[], TemporalNoise | null>();

/** Null with fewer than two frames of one size. */
export function temporalNoise(frames: readonly FrameFeatures[]): TemporalNoise | null {
  if (!computed.has(frames)) computed.set(frames, measure(frames));
  return computed.get(frames)!;
}

function measure(frames: readonly FrameFeatures[]): TemporalNoise | null {
  const newest = frames.at(-1);
  if (!newest || frames.length < 2) return null;
  const { width: w, height: h } = newest.planes;
  const blocks = flatBlocks(newest);
  if (blocks.length === 0) return null;
  const cols = newest.gradients.grid.cols;
  const perPair: number[] = [];
  const spreads: number[] = [];
  for (let k = 1; k < frames.length; k++) {
    const a = frames[k - 1]!.planes;
    const b = frames[k]!.planes;
    if (a.width !== w || b.width !== w || a.height !== h || b.height !== h) continue;
    const { dx, dy } = shiftBetween(frames[k - 1]!, frames[k]!);
    spreads.length = 0;
    for (const block of blocks) {
      const spread = blockDiffSpread(a.gray, b.gray, w, h, cols, block, dx, dy);
      if (spread >= 0) spreads.push(spread);
    }
    if (spreads.length > 0) perPair.push(median(Float64Array.from(spreads)) / Math.SQRT2);
  }
  if (perPair.length === 0) return null;
  return { sigma: median(Float64Array.from(perPair)), pairs: perPair.length, blocks: blocks.length };
}
