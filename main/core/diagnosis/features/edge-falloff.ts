// How edges fall off, independently of how much texture a scene has: the Laplacian energy of the
// luma at a half, a quarter and an eighth of the analysis size. A natural scene looks alike at every
// scale (its spectrum falls as 1/f^2), so a sharp picture keeps a similar Laplacian energy per pixel
// at a finer scale as at the next coarser one, whatever its content, contrast or brightness; blur
// takes the fine scales away first. It is read from half size down because a sub-stream (CIF) is
// upscaled to the analysis size and is soft at its own pixel scale without being out of focus, and
// coding noise lives at the finest scale. Sensor noise adds Laplacian energy of 20 sigma^2 at full
// size (a quarter of it at each halving), which is removed first.
import type { Planes } from './planes.ts';

export interface EdgeFalloff {
  /** Energy at half / energy at a quarter size: about 0.2-1.6 for sharp scenes, 0.13-0.3 when blurred. */
  fine: number;
  /** Energy at a quarter / energy at an eighth: about 0.3-0.9 for sharp scenes, 0.15-0.35 when blurred. */
  coarse: number;
}

/** The Laplacian variances at half, quarter and eighth size, before noise is removed. */
export interface EdgeEnergies {
  half: number;
  quarter: number;
  eighth: number;
}

/** Laplacian variance at an eighth of the size below which there is no structure to judge (a blank or solid picture). */
const STRUCTURE = 4;

export interface Level {
  /** Sums of 4^k analysis pixels (integers: exact, and cheap to add). */
  plane: Int32Array;
  w: number;
  h: number;
}

// The per-row work lives in small functions, which V8 optimises far better than one loop nest
// entered once per frame.

/** Row y of the 2x2 sums of the luma plane (width w) into out (width hw). */
function halveLumaRow(src: Uint8Array, w: number, y: number, out: Int32Array, hw: number): void {
  const a = 2 * y * w;
  const b = a + w;
  const o = y * hw;
  for (let x = 0, i = 0; x < hw; x++, i += 2) out[o + x] = src[a + i]! + src[a + i + 1]! + src[b + i]! + src[b + i + 1]!;
}

/** The same for a level of sums: a separate function, so each one reads one kind of array. */
function halveSumRow(src: Int32Array, w: number, y: number, out: Int32Array, hw: number): void {
  const a = 2 * y * w;
  const b = a + w;
  const o = y * hw;
  for (let x = 0, i = 0; x < hw; x++, i += 2) out[o + x] = src[a + i]! + src[a + i + 1]! + src[b + i]! + src[b + i + 1]!;
}

function halveLuma(src: Uint8Array, w: number, h: number): Level {
  const hw = w >> 1;
  const hh = h >> 1;
  const plane = new Int32Array(hw * hh);
  for (let y = 0; y < hh; y++) halveLumaRow(src, w, y, plane, hw);
  return { plane, w: hw, h: hh };
}

function halve(level: Level): Level {
  const hw = level.w >> 1;
  const hh = level.h >> 1;
  const plane = new Int32Array(hw * hh);
  for (let y = 0; y < hh; y++) halveSumRow(level.plane, level.w, y, plane, hw);
  return { plane, w: hw, h: hh };
}

/** Adds row y's Laplacian sum and sum of squares to acc. */
function laplacianRow(p: Int32Array, w: number, y: number, acc: Float64Array): void {
  let sum = 0;
  let sumSq = 0;
  for (let i = y * w + 1, end = y * w + w - 1; i < end; i++) {
    const l = p[i - 1]! + p[i + 1]! + p[i - w]! + p[i + w]! - 4 * p[i]!;
    sum += l;
    sumSq += l * l;
  }
  acc[0] = acc[0]! + sum;
  acc[1] = acc[1]! + sumSq;
}

/** Laplacian variance of the level over every `rowStep`-th row, in grey levels (its sums divided back to means). */
function laplacianVariance(level: Level, pixelsPerSum: number, rowStep: number): number {
  const { plane, w, h } = level;
  const acc = new Float64Array(2);
  let rows = 0;
  for (let y = 1; y < h - 1; y += rowStep, rows++) laplacianRow(plane, w, y, acc);
  const n = (w - 2) * rows;
  if (n <= 0) return 0;
  const mean = acc[0]! / n;
  return Math.max(0, acc[1]! / n - mean * mean) / (pixelsPerSum * pixelsPerSum);
}

export function buildEdgeEnergies(planes: Planes): EdgeEnergies {
  return energiesFromHalf(halveLuma(planes.gray, planes.width, planes.height), 1);
}

/** The energies from a half-size level of sums of `frames` pictures' 2x2 pixels (a temporal mean, or a difference with 1). */
export function energiesFromHalf(half: Level, frames: number): EdgeEnergies {
  const quarter = halve(half);
  const eighth = halve(quarter);
  // Every other row at half size: tens of thousands of samples are plenty for a variance.
  return {
    half: laplacianVariance(half, 4 * frames, 2),
    quarter: laplacianVariance(quarter, 16 * frames, 1),
    eighth: laplacianVariance(eighth, 64 * frames, 1),
  };
}

/** The Laplacian energy white noise of the given sigma (grey levels at analysis size) holds at each scale. */
export function whiteNoiseEnergies(noiseSigma: number): EdgeEnergies {
  const noise = 20 * noiseSigma * noiseSigma;
  return { half: noise / 4, quarter: noise / 16, eighth: noise / 64 };
}

/** The fall-off ratios once the noise's energy at each scale is removed. */
export function edgeFalloff(e: EdgeEnergies, noise: EdgeEnergies): EdgeFalloff {
  const e2 = Math.max(0, e.half - noise.half);
  const e4 = Math.max(0, e.quarter - noise.quarter);
  const e8 = Math.max(0, e.eighth - noise.eighth);
  if (e8 < STRUCTURE || e4 <= 0) return { fine: 1, coarse: 1 };
  return { fine: e2 / e4, coarse: e4 / e8 };
}
