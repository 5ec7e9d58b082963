// Mosaic / macroblocking: luma steps on a regular square grid stand out against the steps inside
// the blocks. The grid's period is not known in advance: a camera's 16 px macroblocks or a
// pixelation land at 16 * 640 / width analysis pixels once the picture is scaled to analysis size
// (5.3 px for 1080p, 29 px for CIF), rarely on a whole number of pixels. So the period is found:
// the lags where both step profiles (columns and rows) repeat best are candidates, each refined to
// a fractional period. Per direction, at the best phase, the mean step B across each boundary (the
// two pixels it may fall between, less one inner step) is compared with the mean step I elsewhere:
// ((B - I) / B)^2, 0 without a grid, 1 for flat blocks, damped while B - I is too faint to see.
// Profiles are capped at their 95th percentile first, so a few strong scene edges cannot fake a
// grid. Both directions must show the same period (the smaller value is taken): blocks are square,
// and stripes or a brick pattern repeat in one direction or at two periods.
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { round, verdict } from './report.ts';

const MARGIN = 2;
/** Grid periods searched, in analysis pixels: 16 px blocks from a 2048 px wide stream down to CIF. */
const MIN_PERIOD = 5;
const MAX_PERIOD = 32;
/** Lags whose repetition is refined into a fractional period. */
const CANDIDATES = 2;
/** A candidate lag is refined within this distance, coarsely, then finely around the best (a drift under a pixel across the picture). */
const REFINE_REACH = 0.5;
const COARSE_STEP = 0.05;
const FINE_STEP = 0.01;
/** Boundary excess (grey levels) from which blocking is fully visible; fainter grids count less. */
const VISIBLE_STEP = 2;
/** Profile values are capped at this percentile (above the 1/16 share of 16 px boundaries). */
const CAP_PERCENTILE = 0.95;

function capped(steps: Float64Array): Float64Array {
  // A typed array sorts numerically in native code, without a comparator call per comparison.
  const inner = steps.slice(MARGIN, steps.length - MARGIN).sort();
  const cap = inner[Math.floor(inner.length * CAP_PERCENTILE)] ?? 0;
  return steps.map((v) => Math.min(v, cap));
}

/** Normalised autocorrelation of a profile (mean removed) at each lag in [MIN_PERIOD, MAX_PERIOD]. */
function repetition(steps: Float64Array): Float64Array {
  const from = MARGIN;
  const to = steps.length - MARGIN;
  let mean = 0;
  for (let i = from; i < to; i++) mean += steps[i]!;
  mean /= Math.max(1, to - from);
  const centred = new Float64Array(to - from);
  let energy = 0;
  for (let i = from; i < to; i++) {
    const v = steps[i]! - mean;
    centred[i - from] = v;
    energy += v * v;
  }
  const out = new Float64Array(MAX_PERIOD + 1);
  if (energy <= 0) return out;
  for (let lag = MIN_PERIOD; lag <= MAX_PERIOD && lag < centred.length; lag++) {
    let sum = 0;
    for (let i = lag; i < centred.length; i++) sum += centred[i]! * centred[i - lag]!;
    out[lag] = sum / energy;
  }
  return out;
}

interface Profile {
  steps: Float64Array;
  /** Sum of the steps between the margins. */
  total: number;
}

function profile(steps: Float64Array): Profile {
  let total = 0;
  for (let i = MARGIN; i < steps.length - MARGIN; i++) total += steps[i]!;
  return { steps, total };
}

/**
 * Strongest boundary excess over the phases of a (fractional) `period`: every position is folded
 * onto one-pixel phase bins, and each pair of neighbouring bins is taken as the boundary (it falls
 * on one pixel or between two, so the pair holds it and about one inner step).
 */
function gridExcess({ steps, total }: Profile, period: number, sums: Float64Array, counts: Uint32Array): number {
  const bins = Math.ceil(period);
  sums.fill(0, 0, bins);
  counts.fill(0, 0, bins);
  const to = steps.length - MARGIN;
  // x modulo period, kept up incrementally (cheaper than a division per position).
  let offset = MARGIN - period * Math.floor(MARGIN / period);
  for (let x = MARGIN; x < to; x++) {
    const bin = offset | 0;
    sums[bin] = sums[bin]! + steps[x]!;
    counts[bin]!++;
    offset += 1;
    if (offset >= period) offset -= period;
  }
  const count = to - MARGIN;
  let best = 0;
  for (let phase = 0; phase < bins; phase++) {
    const next = phase + 1 < bins ? phase + 1 : 0;
    const pairCount = counts[phase]! + counts[next]!;
    if (pairCount === 0 || pairCount >= count) continue;
    const pairSum = sums[phase]! + sums[next]!;
    const inner = (total - pairSum) / (count - pairCount);
    const boundary = (2 * pairSum) / pairCount - inner;
    const step = boundary - inner;
    if (step <= 0 || boundary <= 0) continue;
    // Squared: the boundaries must dominate (blocks flat inside), not merely stand out a little, as
    // the coding grid of a noisy picture or a periodic scene under interference bars does.
    const share = step / boundary;
    const excess = share * share * Math.min(1, step / VISIBLE_STEP);
    if (excess > best) best = excess;
  }
  return best;
}

/** The lags at which both profiles repeat best (the weaker direction's repetition decides). */
function candidateLags(columns: Float64Array, rows: Float64Array): number[] {
  const a = repetition(columns);
  const b = repetition(rows);
  const lags: Array<[number, number]> = [];
  for (let lag = MIN_PERIOD; lag <= MAX_PERIOD; lag++) lags.push([Math.min(a[lag]!, b[lag]!), lag]);
  lags.sort((x, y) => y[0] - x[0]);
  return lags.slice(0, CANDIDATES).map((l) => l[1]);
}

/** The best excess of a profile over the fractional periods near `lag`, coarse then fine, with the period that gives it. */
function refined(profileOf: Profile, lag: number, sums: Float64Array, counts: Uint32Array): { excess: number; period: number } {
  let best = { excess: 0, period: lag };
  const search = (from: number, to: number, step: number): void => {
    for (let p = from; p <= to + 1e-9; p += step) {
      const excess = gridExcess(profileOf, p, sums, counts);
      if (excess > best.excess) best = { excess, period: p };
    }
  };
  search(Math.max(MIN_PERIOD, lag - REFINE_REACH), lag + REFINE_REACH, COARSE_STEP);
  const centre = best.period;
  search(centre - COARSE_STEP, centre + COARSE_STEP, FINE_STEP);
  return best;
}

export const mosaic: Analyser = {
  type: 'mosaic',
  need: 'single',
  analyse(input, thresholds) {
    const luma = input.frames.at(-1)!.luma;
    const columns = capped(luma.columnSteps);
    const rows = capped(luma.rowSteps);
    const across = profile(columns);
    const down = profile(rows);
    let value = 0;
    let period = 0;
    const sums = new Float64Array(MAX_PERIOD + 2);
    const counts = new Uint32Array(MAX_PERIOD + 2);
    for (const lag of candidateLags(columns, rows)) {
      const x = refined(across, lag, sums, counts);
      const y = refined(down, lag, sums, counts);
      const v = Math.min(x.excess, y.excess);
      if (v > value) {
        value = v;
        period = (x.period + y.period) / 2;
      }
    }
    const severity = severityAbove(value, thresholds.mosaic_threshold!, thresholds.mosaic_severe_threshold);
    return {
      severity,
      value: round(value),
      metrics: { blockSize: round(period, 2) },
      message: verdict(
        severity,
        { 'zh-CN': '无马赛克', en: 'No mosaic' },
        { 'zh-CN': `画面马赛克（块效应 ${value.toFixed(2)}）`, en: `Mosaic / blocking (blockiness ${value.toFixed(2)})` },
      ),
    };
  },
};
