// From a camera's stored series to its learned normal per check and picture mode.
import type { CheckType } from '../../../shared/diagnosis/types.ts';
import type { BaselineSeries, PictureMode } from '../store/baselines.ts';
import type { BaselineOptions } from './options.ts';
import { median, robustSpread } from './robust-stats.ts';

export interface LearnedBaseline {
  type: CheckType;
  mode: PictureMode;
  median: number;
  /** MAD x 1.4826, before any floor. */
  spread: number;
  runs: number;
  /** Enough runs to judge by (options.minRuns). */
  ready: boolean;
  updatedAt: number;
}

export const baselineKey = (type: CheckType, mode: PictureMode): string => `${type}/${mode}`;

/** Only the newest `window` values of a series count (a smaller window than the stored one applies at once). */
export function learnBaselines(series: readonly BaselineSeries[], options: Pick<BaselineOptions, 'minRuns' | 'window'>): Map<string, LearnedBaseline> {
  const learned = new Map<string, LearnedBaseline>();
  for (const s of series) {
    const values = s.values.slice(0, options.window);
    if (values.length === 0) continue;
    const center = median(values);
    learned.set(baselineKey(s.type, s.mode), {
      type: s.type,
      mode: s.mode,
      median: center,
      spread: robustSpread(values, center),
      runs: values.length,
      ready: values.length >= options.minRuns,
      updatedAt: s.updatedAt,
    });
  }
  return learned;
}
