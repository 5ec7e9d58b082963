import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../shared/diagnosis/thresholds.ts';
import { NIGHT_DEFAULTS, nightThresholds } from '../../shared/diagnosis/night-thresholds.ts';
import { ALL_CHECKS } from '../../shared/diagnosis/types.ts';

describe('nightThresholds', () => {
  it('gives the night defaults for the day defaults, and keeps every other threshold', () => {
    expect(nightThresholds('brightness', mergeThresholds('brightness'))).toEqual({ ...DEFAULT_THRESHOLDS.brightness, ...NIGHT_DEFAULTS.brightness });
    expect(nightThresholds('noise', mergeThresholds('noise'))).toEqual(NIGHT_DEFAULTS.noise);
    // A dark, plain share that is normal at night (an unlit sky) still has the day's severe limit.
    const occlusion = nightThresholds('occlusion', mergeThresholds('occlusion'));
    expect(occlusion.occlusion_threshold).toBeCloseTo(NIGHT_DEFAULTS.occlusion!.occlusion_threshold!);
    expect(occlusion.occlusion_severe_threshold).toBe(DEFAULT_THRESHOLDS.occlusion.occlusion_severe_threshold);
    for (const t of ALL_CHECKS.filter((c) => !NIGHT_DEFAULTS[c])) expect(nightThresholds(t, mergeThresholds(t))).toEqual(DEFAULT_THRESHOLDS[t]);
  });

  it('scales a task value by the same ratio as the defaults', () => {
    const day = mergeThresholds('noise', {}, { noise: { noise_max: 30 } });
    expect(nightThresholds('noise', day).noise_max).toBeCloseTo((30 * NIGHT_DEFAULTS.noise!.noise_max!) / DEFAULT_THRESHOLDS.noise.noise_max!);
    const scalar = mergeThresholds('brightness', {}, { threshold: 45 });
    expect(nightThresholds('brightness', scalar).brightness_min).toBeCloseTo(30);
    expect(nightThresholds('brightness', scalar).brightness_max).toBe(220);
  });

  it('keeps a limit the task switched off (0) off at night', () => {
    expect(nightThresholds('brightness', { brightness_min: 0, brightness_max: 220 }).brightness_min).toBe(0);
  });
});
