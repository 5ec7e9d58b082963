import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../shared/diagnosis/thresholds.ts';
import { ALL_CHECKS } from '../../shared/diagnosis/types.ts';

describe('mergeThresholds (the platform rule)', () => {
  it('gives the platform defaults when the task sets nothing', () => {
    expect(mergeThresholds('brightness')).toEqual({ brightness_min: 30, brightness_max: 220 });
    expect(mergeThresholds('clarity')).toEqual({ clarity_min: 100 });
    expect(mergeThresholds('noise')).toEqual({ noise_max: 15 });
    expect(mergeThresholds('occlusion')).toEqual({ occlusion_threshold: 0.3, occlusion_severe_threshold: 0.6 });
  });

  it('has defaults for every check', () => {
    for (const t of ALL_CHECKS) expect(Object.keys(DEFAULT_THRESHOLDS[t]).length).toBeGreaterThan(0);
  });

  it('maps a scalar threshold onto clarity_min, brightness_min, contrast_min and noise_max', () => {
    const cfg = { threshold: 0.8 };
    expect(mergeThresholds('clarity', {}, cfg).clarity_min).toBeCloseTo(80);
    expect(mergeThresholds('brightness', {}, cfg)).toEqual({ brightness_min: 0.8, brightness_max: 220 });
    expect(mergeThresholds('contrast', {}, cfg).contrast_min).toBe(0.8);
    expect(mergeThresholds('noise', {}, cfg).noise_max).toBe(0.8);
  });

  it('applies diagnosis_config, then threshold_config keys, then the scalar, then the per-type object', () => {
    const diag = { brightness: { brightness_min: 10, brightness_max: 200 } };
    expect(mergeThresholds('brightness', diag, {})).toEqual({ brightness_min: 10, brightness_max: 200 });
    expect(mergeThresholds('brightness', diag, { brightness_max: 180 })).toEqual({ brightness_min: 10, brightness_max: 180 });
    expect(mergeThresholds('brightness', diag, { brightness_min: 12, threshold: 0.5 })).toEqual({ brightness_min: 0.5, brightness_max: 200 });
    expect(mergeThresholds('brightness', diag, { threshold: 0.5, brightness: { brightness_min: 40 } })).toEqual({ brightness_min: 40, brightness_max: 200 });
  });

  it('ignores values that are not finite numbers', () => {
    const cfg = { threshold: 'high', brightness: { brightness_min: 'x', brightness_max: Number.NaN }, noise_max: null };
    expect(mergeThresholds('brightness', {}, cfg)).toEqual({ brightness_min: 30, brightness_max: 220 });
    expect(mergeThresholds('noise', { noise: [1, 2] }, cfg)).toEqual({ noise_max: 15 });
  });
});
