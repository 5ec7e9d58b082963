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
  /** For a black-and-white camera's grey pictures: the mean luma of the runs it was learned from. */
  light?: { low: number; high: number };
}

export const baselineKey = (type: CheckType, mode: PictureMode): string => `${type}/${mode}`;

/**
 * A black-and-white camera's grey (night-mode) picture is judged against its runs in like light: a mean
 * luma within this factor of the run's, either way. Night mode is "the picture has no colour", and such a
 * camera is grey by day and by night, whose levels, contrast and grain differ as much as a colour
 * camera's day and night. A grey picture in light the camera has not been seen in is judged as on a
 * first run, by the platform's thresholds. The caller decides which cameras are black and white
 * (camera-baselines.ts). A colour picture is not matched: daylight varies through the day, and its
 * normal learns that spread.
 */
const LIKE_LIGHT = 1.5;

/** Of a series' newest `values`, those measured in light like `light`. */
function valuesInLight(s: BaselineSeries, values: number[], light: number | null): number[] {
  if (s.mode !== 'night' || light === null) return values;
  return values.filter((_, i) => {
    const at = s.lights[i];
    return at != null && at * LIKE_LIGHT >= light && at <= light * LIKE_LIGHT;
  });
}

function learnedFrom(s: BaselineSeries, values: readonly number[], options: Pick<BaselineOptions, 'minRuns'>): LearnedBaseline {
  const center = median(values);
  return {
    type: s.type,
    mode: s.mode,
    median: center,
    spread: robustSpread(values, center),
    runs: values.length,
    ready: values.length >= options.minRuns,
    updatedAt: s.updatedAt,
  };
}

/**
 * A black-and-white camera's normals as its grey pictures are judged: each night series split into
 * bands of like light (from its darkest run up, the runs within LIKE_LIGHT of the band's darkest), each
 * band with the mean luma it spans. Runs whose light was not kept form one band of their own.
 */
export function learnBaselinesByLight(series: readonly BaselineSeries[], options: Pick<BaselineOptions, 'minRuns' | 'window'>): LearnedBaseline[] {
  const out: LearnedBaseline[] = [];
  for (const s of series) {
    const values = s.values.slice(0, options.window);
    if (s.mode !== 'night') {
      if (values.length > 0) out.push(learnedFrom(s, values, options));
      continue;
    }
    const runs = values.map((value, i) => ({ value, light: s.lights[i] ?? null }));
    const unknown = runs.filter((r) => r.light === null).map((r) => r.value);
    if (unknown.length > 0) out.push(learnedFrom(s, unknown, options));
    const lit = runs.filter((r): r is { value: number; light: number } => r.light !== null).sort((a, b) => a.light - b.light);
    for (let start = 0; start < lit.length; ) {
      const low = lit[start]!.light;
      let end = start;
      while (end < lit.length && lit[end]!.light <= low * LIKE_LIGHT) end++;
      const band = lit.slice(start, end);
      out.push({ ...learnedFrom(s, band.map((r) => r.value), options), light: { low, high: band.at(-1)!.light } });
      start = end;
    }
  }
  return out;
}

/**
 * Only the newest `window` values of a series count (a smaller window than the stored one applies at
 * once). Given a light, a night series counts only the values of runs in like light.
 */
export function learnBaselines(series: readonly BaselineSeries[], options: Pick<BaselineOptions, 'minRuns' | 'window'>, light: number | null = null): Map<string, LearnedBaseline> {
  const learned = new Map<string, LearnedBaseline>();
  for (const s of series) {
    const values = valuesInLight(s, s.values.slice(0, options.window), light);
    if (values.length > 0) learned.set(baselineKey(s.type, s.mode), learnedFrom(s, values, options));
  }
  return learned;
}
