// Pass 2 over the luma plane: every 3x3-neighbourhood measure in one fused loop (Laplacian,
// Sobel/Tenengrad, Immerkaer noise residual, Crete blur differences, per-block texture).
// The statistics are estimated at every other pixel of every other row (a quarter of the
// positions, each with its full-resolution neighbourhood): these are means and variances over
// tens of thousands of samples, and scalar JS cannot afford all positions within the budget.
// Runs on the interior [5, w-5) x [5, h-5) so Crete's 9-tap reach stays inside.
import type { Planes } from './planes.ts';
import type { LumaStats } from './luma-stats.ts';
import { BLOCK, blockGrid, type BlockGrid } from './block-grid.ts';

/** Sobel L1 magnitude above this is an edge (a step of about 25 grey levels). */
export const EDGE_MAGNITUDE = 100;
const MAG_BUCKETS = 1024;
/** Share of strongest-gradient pixels left out of the noise estimate, so texture is not noise. */
const NOISE_EDGE_SHARE = 0.1;
const MARGIN = 5;
const STEP = 2;

export interface GradientStats {
  /** Positions sampled. */
  samples: number;
  /** Variance of the 4-neighbour Laplacian (as cv2.Laplacian ksize=1). */
  laplacianVariance: number;
  /** Mean of gx^2+gy^2 of the 3x3 Sobel. */
  tenengrad: number;
  /** Share of pixels whose Sobel L1 magnitude exceeds EDGE_MAGNITUDE. */
  edgeDensity: number;
  /** Immerkaer sigma over the flattest 90% of pixels, and over all pixels. */
  noiseSigma: number;
  noiseSigmaAll: number;
  /** Crete 2007 blur, 0 sharp .. 1 blurred (the worse of the two directions). */
  creteBlur: number;
  /** Correlation of horizontally adjacent pixels (about 0 for snow, above 0.8 for scenes). */
  neighbourCorrelation: number;
  grid: BlockGrid;
  /** Per block, over its sampled pixels: edge count, luma sum and sum of squares, sample count. */
  blockEdges: Uint32Array;
  blockSum: Float64Array;
  blockSumSq: Float64Array;
  blockCount: Uint32Array;
  /** Per block: summed horizontal and vertical luma steps inside it (smeared blocks have only one kind). */
  blockStepsH: Float64Array;
  blockStepsV: Float64Array;
}

/** Frame-wide sums, by index (a typed array keeps the row function's stores cheap). */
const LAP = 0;
const LAP_SQ = 1;
const TEN = 2;
const DF_H = 3;
const DV_H = 4;
const DF_V = 5;
const DV_V = 6;
const STEP_SQ = 7;

interface Accumulators {
  sums: Float64Array;
  magCount: Uint32Array;
  magNoise: Float64Array;
  stats: GradientStats;
}

/** The sampled pixels of row y, block segment by block segment. */
function gradientRow(gray: Uint8Array, w: number, y: number, acc: Accumulators): void {
  const { sums, magCount, magNoise, stats } = acc;
  const { blockEdges, blockSum, blockSumSq, blockCount, blockStepsH, blockStepsV } = stats;
  const cols = stats.grid.cols;
  const row = y * w;
  const w4 = 4 * w;
  const w5 = 5 * w;
  const blockRow = ((y / BLOCK) | 0) * cols;
  const innerRow = y % BLOCK === 0 ? 0 : 1;
  // Alternate the sampled column parity row by row (a quincunx), so no column phase is skipped.
  const x0 = MARGIN + ((y >> 1) & 1);
  const x1 = w - MARGIN;
  let lap = 0;
  let lapSq = 0;
  let ten = 0;
  let dfh = 0;
  let dvh = 0;
  let dfv = 0;
  let dvv = 0;
  let stepSq = 0;
  for (let bx = (x0 / BLOCK) | 0; bx * BLOCK < x1; bx++) {
    const ex = Math.min(x1, bx * BLOCK + BLOCK);
    let x = Math.max(x0, bx * BLOCK);
    if (((x - x0) & 1) === 1) x++;
    const from = x;
    // Steps across the block's own first column/row are block boundaries, not its texture: the
    // block's step sums are the segment's sums less the first column's (on its first row, none).
    const boundaryH = x === bx * BLOCK ? Math.abs(gray[row + x]! - gray[row + x - 1]!) : 0;
    let bEdges = 0;
    let bSum = 0;
    let bSq = 0;
    let sumH = 0;
    let sumV = 0;
    for (; x < ex; x += STEP) {
      const i = row + x;
      const c = gray[i]!;
      const l = gray[i - 1]!;
      const r = gray[i + 1]!;
      const t = gray[i - w]!;
      const b = gray[i + w]!;
      const tl = gray[i - w - 1]!;
      const tr = gray[i - w + 1]!;
      const bl = gray[i + w - 1]!;
      const br = gray[i + w + 1]!;
      const cross = l + r + t + b;
      const lp = cross - 4 * c;
      lap += lp;
      lapSq += lp * lp;
      const gx = tr + 2 * r + br - tl - 2 * l - bl;
      const gy = bl + 2 * b + br - tl - 2 * t - tr;
      ten += gx * gx + gy * gy;
      const mag = Math.abs(gx) + Math.abs(gy);
      // Branch-free (sign bit as 0/1, v & ~(v >> 31) as max(0, v)): on scene texture these
      // comparisons go either way at random, and mispredicted branches cost more than the sums.
      bEdges += (EDGE_MAGNITUDE - mag) >>> 31;
      const res = tl + tr + bl + br - 2 * cross + 4 * c;
      // |gx|, |gy| <= 1020, so the bucket is at most 1020: inside MAG_BUCKETS.
      const bucket = mag >> 1;
      magCount[bucket]!++;
      magNoise[bucket] = magNoise[bucket]! + Math.abs(res);
      // Crete: a 9-tap box blur's neighbour difference is (I[x+4]-I[x-5])/9, so no blurred copy is needed.
      const sh = Math.abs(c - l);
      const bh = gray[i + 4]! - gray[i - 5]!;
      const vh = 9 * sh - Math.abs(bh);
      sumH += sh;
      dvh += vh & ~(vh >> 31);
      const sv = Math.abs(c - t);
      const bv = gray[i + w4]! - gray[i - w5]!;
      const vv = 9 * sv - Math.abs(bv);
      sumV += sv;
      dvv += vv & ~(vv >> 31);
      stepSq += sh * sh;
      bSum += c;
      bSq += c * c;
    }
    dfh += sumH;
    dfv += sumV;
    const bi = blockRow + bx;
    blockEdges[bi] = blockEdges[bi]! + bEdges;
    blockSum[bi] = blockSum[bi]! + bSum;
    blockSumSq[bi] = blockSumSq[bi]! + bSq;
    blockCount[bi] = blockCount[bi]! + Math.max(0, Math.ceil((ex - from) / STEP));
    blockStepsH[bi] = blockStepsH[bi]! + sumH - boundaryH;
    blockStepsV[bi] = blockStepsV[bi]! + sumV * innerRow;
  }
  sums[LAP] = sums[LAP]! + lap;
  sums[LAP_SQ] = sums[LAP_SQ]! + lapSq;
  sums[TEN] = sums[TEN]! + ten;
  sums[DF_H] = sums[DF_H]! + dfh;
  sums[DV_H] = sums[DV_H]! + dvh;
  sums[DF_V] = sums[DF_V]! + dfv;
  sums[DV_V] = sums[DV_V]! + dvv;
  sums[STEP_SQ] = sums[STEP_SQ]! + stepSq;
}

export function buildGradientStats(planes: Planes, luma: LumaStats): GradientStats {
  const { width: w, height: h, gray } = planes;
  const grid = blockGrid(w, h);
  const nBlocks = grid.cols * grid.rows;
  const stats: GradientStats = {
    samples: 0,
    laplacianVariance: 0,
    tenengrad: 0,
    edgeDensity: 0,
    noiseSigma: 0,
    noiseSigmaAll: 0,
    creteBlur: 1,
    neighbourCorrelation: 1,
    grid,
    blockEdges: new Uint32Array(nBlocks),
    blockSum: new Float64Array(nBlocks),
    blockSumSq: new Float64Array(nBlocks),
    blockCount: new Uint32Array(nBlocks),
    blockStepsH: new Float64Array(nBlocks),
    blockStepsV: new Float64Array(nBlocks),
  };
  const acc: Accumulators = { sums: new Float64Array(8), magCount: new Uint32Array(MAG_BUCKETS), magNoise: new Float64Array(MAG_BUCKETS), stats };
  for (let y = MARGIN; y < h - MARGIN; y += STEP) gradientRow(gray, w, y, acc);
  let n = 0;
  let edges = 0;
  for (let i = 0; i < nBlocks; i++) {
    n += stats.blockCount[i]!;
    edges += stats.blockEdges[i]!;
  }
  if (n === 0) return stats;
  const s = acc.sums;
  const lapMean = s[LAP]! / n;
  // Immerkaer: sigma = sqrt(pi/2) / 6 * mean|I*M|, here over the pixels below the edge cut.
  const immerkaer = Math.sqrt(Math.PI / 2) / 6;
  let kept = 0;
  let keptNoise = 0;
  let allNoise = 0;
  const keep = n * (1 - NOISE_EDGE_SHARE);
  for (let k = 0; k < MAG_BUCKETS; k++) {
    allNoise += acc.magNoise[k]!;
    if (kept < keep) {
      kept += acc.magCount[k]!;
      keptNoise += acc.magNoise[k]!;
    }
  }
  const variance = luma.std * luma.std;
  stats.samples = n;
  stats.laplacianVariance = s[LAP_SQ]! / n - lapMean * lapMean;
  stats.tenengrad = s[TEN]! / n;
  stats.edgeDensity = edges / n;
  stats.noiseSigma = kept > 0 ? (immerkaer * keptNoise) / kept : 0;
  stats.noiseSigmaAll = (immerkaer * allNoise) / n;
  const blurH = s[DF_H]! > 0 ? Math.max(0, (9 * s[DF_H]! - s[DV_H]!) / (9 * s[DF_H]!)) : 1;
  const blurV = s[DF_V]! > 0 ? Math.max(0, (9 * s[DF_V]! - s[DV_V]!) / (9 * s[DF_V]!)) : 1;
  stats.creteBlur = Math.max(blurH, blurV);
  stats.neighbourCorrelation = variance > 0 ? 1 - s[STEP_SQ]! / n / (2 * variance) : 1;
  return stats;
}
