// Mosaic / macroblocking: luma steps on an 8 or 16 px grid stand out against the steps inside
// the blocks. Per direction, the mean step of the best-phase boundary columns (rows) B is compared
// with the mean of the others I: (B - I) / B, 0 without a grid, 1 for flat blocks, damped while
// B - I is too faint to see. Profiles are capped at their 95th percentile first, so a few strong
// scene edges cannot fake a grid. Both directions must show it (the smaller is taken), so vertical
// stripes are not mosaic.
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { round, verdict } from './report.ts';

const MARGIN = 2;
const PERIODS = [8, 16];
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

/** Strongest boundary excess over every phase of `period` in a profile of mean steps. */
function gridExcess(steps: Float64Array, period: number): number {
  const phaseSum = new Float64Array(period);
  const phaseCount = new Uint32Array(period);
  let total = 0;
  let count = 0;
  for (let i = MARGIN; i < steps.length - MARGIN; i++) {
    phaseSum[i % period] = phaseSum[i % period]! + steps[i]!;
    phaseCount[i % period]!++;
    total += steps[i]!;
    count++;
  }
  let best = 0;
  for (let phase = 0; phase < period; phase++) {
    const n = phaseCount[phase]!;
    if (n === 0 || n === count) continue;
    const b = phaseSum[phase]! / n;
    const step = b - (total - phaseSum[phase]!) / (count - n);
    const excess = b > 0 ? (step / b) * Math.min(1, step / VISIBLE_STEP) : 0;
    if (excess > best) best = excess;
  }
  return best;
}

export const mosaic: Analyser = {
  type: 'mosaic',
  need: 'single',
  analyse(input, thresholds) {
    const luma = input.frames.at(-1)!.luma;
    const columns = capped(luma.columnSteps);
    const rows = capped(luma.rowSteps);
    let value = 0;
    let period = 0;
    for (const p of PERIODS) {
      const v = Math.min(gridExcess(columns, p), gridExcess(rows, p));
      if (v > value) {
        value = v;
        period = p;
      }
    }
    const severity = severityAbove(value, thresholds.mosaic_threshold!, thresholds.mosaic_severe_threshold);
    return {
      severity,
      value: round(value),
      metrics: { blockSize: period },
      message: verdict(
        severity,
        { 'zh-CN': '无马赛克', en: 'No mosaic' },
        { 'zh-CN': `画面马赛克（块效应 ${value.toFixed(2)}）`, en: `Mosaic / blocking (blockiness ${value.toFixed(2)})` },
      ),
    };
  },
};
