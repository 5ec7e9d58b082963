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

/** Laplacian variance at an eighth of the size below which there is no structure to judge (a blank or solid picture). */
const STRUCTURE = 4;

/** The plane binned 2x2 (means of four pixels), as floats. */
function halve(src: Float32Array | Uint8Array, w: number, h: number): { plane: Float32Array; w: number; h: number } {
  const hw = w >> 1;
  const hh = h >> 1;
  const out = new Float32Array(hw * hh);
  for (let y = 0; y < hh; y++) {
    const a = 2 * y * w;
    const b = a + w;
    const o = y * hw;
    for (let x = 0; x < hw; x++) out[o + x] = (src[a + 2 * x]! + src[a + 2 * x + 1]! + src[b + 2 * x]! + src[b + 2 * x + 1]!) * 0.25;
  }
  return { plane: out, w: hw, h: hh };
}

function laplacianVariance(p: Float32Array, w: number, h: number): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let i = y * w + 1, end = y * w + w - 1; i < end; i++) {
      const l = p[i - 1]! + p[i + 1]! + p[i - w]! + p[i + w]! - 4 * p[i]!;
      sum += l;
      sumSq += l * l;
    }
    n += w - 2;
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return Math.max(0, sumSq / n - mean * mean);
}

export function buildEdgeFalloff(planes: Planes, noiseSigma: number): EdgeFalloff {
  const half = halve(planes.gray, planes.width, planes.height);
  const quarter = halve(half.plane, half.w, half.h);
  const eighth = halve(quarter.plane, quarter.w, quarter.h);
  const noise = 20 * noiseSigma * noiseSigma;
  const e2 = Math.max(0, laplacianVariance(half.plane, half.w, half.h) - noise / 4);
  const e4 = Math.max(0, laplacianVariance(quarter.plane, quarter.w, quarter.h) - noise / 16);
  const e8 = Math.max(0, laplacianVariance(eighth.plane, eighth.w, eighth.h) - noise / 64);
  if (e8 < STRUCTURE || e4 <= 0) return { fine: 1, coarse: 1 };
  return { fine: e2 / e4, coarse: e4 / e8 };
}
