// Stripes (interference bars): a sharp periodic peak in the row or column mean profile. Value is
// the share of the detrended profile's power that a fundamental and its harmonics (3 bins each:
// the Hann main lobe) hold above the local spectrum level, damped when the periodic part is too
// faint to see (rms under 2 grey levels).
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { powerSpectrum } from '../features/spectrum.ts';
import { round, verdict } from './report.ts';

/** Periods longer than this many samples are layout, not stripes (the detrend leaks up to about 40). */
const LONGEST_PERIOD = 20;
const VISIBLE_AMPLITUDE = 2;

/** Mean power of the bins 2..6 away from k on both sides: the spectrum a peak must stand out of. */
function background(power: Float64Array, k: number): number {
  let sum = 0;
  let n = 0;
  for (let d = 2; d <= 6; d++) {
    if (k - d > 0) {
      sum += power[k - d]!;
      n++;
    }
    if (k + d < power.length) {
      sum += power[k + d]!;
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

/** Power a lobe at k holds above the local spectrum level (a natural profile's spectrum falls smoothly). */
function lobeExcess(power: Float64Array, k: number): number {
  const lobe = power[k]! + (power[k - 1] ?? 0) + (power[k + 1] ?? 0);
  return Math.max(0, lobe - 3 * background(power, k));
}

/** Lobes at a fundamental and its harmonics: drawn or clipped bars are not sine-shaped. */
const HARMONICS = 4;

function peakShare(profile: Float64Array): { share: number; period: number } {
  const power = powerSpectrum(profile);
  const size = (power.length - 1) * 2;
  const first = Math.max(2, Math.ceil(size / LONGEST_PERIOD));
  let total = 0;
  for (let k = first; k < power.length; k++) total += power[k]!;
  // Each bin's lobe is summed for up to HARMONICS fundamentals: work it out once.
  const lobes = new Float64Array(power.length);
  for (let k = first; k < power.length - 1; k++) lobes[k] = lobeExcess(power, k);
  let peak = first;
  let peakExcess = 0;
  for (let k = first; k < power.length; k++) {
    let excess = 0;
    for (let m = 1; m <= HARMONICS && m * k < power.length - 1; m++) excess += lobes[m * k]!;
    if (excess > peakExcess) {
      peakExcess = excess;
      peak = k;
    }
  }
  if (total <= 0 || peakExcess <= 0) return { share: 0, period: 0 };
  // Mean square of the windowed profile from Parseval; the Hann window keeps about 3/8 of the power.
  const rms = Math.sqrt((2 * peakExcess) / (size * profile.length * 0.375));
  const visible = Math.min(1, rms / VISIBLE_AMPLITUDE);
  return { share: Math.min(1, peakExcess / total) * visible, period: size / peak };
}

export const stripe: Analyser = {
  type: 'stripe',
  need: 'single',
  analyse(input, thresholds) {
    const planes = input.frames.at(-1)!.planes;
    const rows = peakShare(planes.rowMeans);
    const cols = peakShare(planes.colMeans);
    const horizontal = rows.share >= cols.share;
    const best = horizontal ? rows : cols;
    const severity = severityAbove(best.share, thresholds.stripe_threshold!, thresholds.stripe_severe_threshold);
    return {
      severity,
      value: round(best.share),
      metrics: { horizontalStripes: round(rows.share), verticalStripes: round(cols.share), periodPixels: round(best.period, 1) },
      message: verdict(
        severity,
        { 'zh-CN': '无条纹干扰', en: 'No stripes' },
        horizontal
          ? { 'zh-CN': '画面横向条纹干扰', en: 'Horizontal stripe interference' }
          : { 'zh-CN': '画面竖向条纹干扰', en: 'Vertical stripe interference' },
      ),
    };
  },
};
