// From a camera's stored samples to its learned normal per check and picture mode.
import type { CheckType } from '../../../shared/diagnosis/types.ts';
import type { BaselineSample, PictureMode } from '../store/baselines.ts';
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

/** Samples newest first, as the store returns them; only the newest `window` of each group count. */
export function learnBaselines(samples: readonly BaselineSample[], options: Pick<BaselineOptions, 'minRuns' | 'window'>): Map<string, LearnedBaseline> {
  const groups = new Map<string, BaselineSample[]>();
  for (const s of samples) {
    const key = baselineKey(s.type, s.mode);
    const group = groups.get(key) ?? [];
    if (group.length < options.window) group.push(s);
    groups.set(key, group);
  }
  const learned = new Map<string, LearnedBaseline>();
  for (const [key, group] of groups) {
    const values = group.map((s) => s.value);
    const center = median(values);
    learned.set(key, {
      type: group[0]!.type,
      mode: group[0]!.mode,
      median: center,
      spread: robustSpread(values, center),
      runs: group.length,
      ready: group.length >= options.minRuns,
      updatedAt: Math.max(...group.map((s) => s.takenAt)),
    });
  }
  return learned;
}
