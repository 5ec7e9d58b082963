// Limits that scale with the picture's light, day or night: the luma spread a scene gives is
// proportional to the light it is exposed with (reflectances set the ratios, the light the levels),
// so a dim room by day or an IR picture at half the mid-grey level spans half the levels. The
// platform's limit keeps its meaning for a picture exposed around mid grey, and is never raised: a
// low-contrast fault squeezes the levels toward mid grey, which moves the mean there too, so it
// meets (nearly) the full limit; only a dark scene squeezed mildly keeps some of the allowance.
import type { CheckType } from './types.ts';
import type { Thresholds } from './thresholds.ts';

/** The level a picture is exposed around: the platform's contrast limits mean a picture at this level. */
export const MID_GREY = 128;

const LEVEL_SCALED: Partial<Record<CheckType, readonly string[]>> = { contrast: ['contrast_min'] };

/** The thresholds a picture of mean luma `level` is judged by, from the ones the task gives. */
export function levelThresholds(type: CheckType, given: Thresholds, level = MID_GREY): Thresholds {
  const scaled = LEVEL_SCALED[type];
  if (!scaled) return given;
  const used: Thresholds = { ...given };
  const light = Math.min(1, Math.max(0, level) / MID_GREY);
  for (const key of scaled) if (used[key] !== undefined) used[key] = used[key] * light;
  return used;
}
