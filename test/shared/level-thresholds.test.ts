import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../shared/diagnosis/thresholds.ts';
import { levelThresholds, MID_GREY } from '../../shared/diagnosis/level-thresholds.ts';
import { ALL_CHECKS } from '../../shared/diagnosis/types.ts';

describe('levelThresholds', () => {
  it('asks a dim picture, day or night, for the contrast its light allows, never more than at mid grey', () => {
    const given = mergeThresholds('contrast');
    expect(levelThresholds('contrast', given, MID_GREY / 2).contrast_min).toBeCloseTo(DEFAULT_THRESHOLDS.contrast.contrast_min! / 2);
    expect(levelThresholds('contrast', given, MID_GREY).contrast_min).toBe(DEFAULT_THRESHOLDS.contrast.contrast_min);
    expect(levelThresholds('contrast', given, 250).contrast_min).toBe(DEFAULT_THRESHOLDS.contrast.contrast_min);
    expect(levelThresholds('contrast', given).contrast_min).toBe(DEFAULT_THRESHOLDS.contrast.contrast_min);
  });

  it("scales a task's own limit the same way", () => {
    const task = mergeThresholds('contrast', {}, { contrast: { contrast_min: 30 } });
    expect(levelThresholds('contrast', task, MID_GREY / 4).contrast_min).toBeCloseTo(7.5);
  });

  it('leaves every other check as given', () => {
    for (const t of ALL_CHECKS.filter((c) => c !== 'contrast')) expect(levelThresholds(t, mergeThresholds(t), MID_GREY / 2)).toEqual(DEFAULT_THRESHOLDS[t]);
  });
});
