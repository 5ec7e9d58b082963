// Night defaults beside the platform's day defaults: a grey/IR night picture is darker and
// noisier by nature, so brightness and noise are judged against night thresholds, and contrast
// against the contrast its light allows. A task's threshold_config keeps its meaning for day
// pictures; at night it is scaled by the same ratio as the defaults, so a task that asks for twice
// the default day noise limit gets twice the night one.
import type { CheckType } from './types.ts';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.ts';

/** The keys whose night default differs from the day one; every other threshold is the same by night. */
export const NIGHT_DEFAULTS: Partial<Record<CheckType, Thresholds>> = {
  // IR light falls off with distance: a usable IR picture of a deep scene has a mean luma of 25-35.
  brightness: { brightness_min: 20 },
  // Sensor gain is high at night: some more grain is normal, visible snow still is not.
  noise: { noise_max: 20 },
  // The IR light reaches only the near scene: the sky and the far field beyond it are black and
  // plain by nature (a floodlit launch pad under a night sky: 38% of the picture). A cover at the
  // lens still hides most of it.
  occlusion: { occlusion_threshold: 0.45 },
};

/** The level a day picture is exposed around: the day contrast limits mean a picture at this level. */
export const MID_GREY = 128;

/**
 * Limits that scale with a night picture's level: the luma spread a picture has is proportional to
 * its light, so an IR picture at half the day's level spans half the levels (a low-contrast fault
 * squeezes the levels and keeps the mean, and is still judged by the full limit).
 */
const LEVEL_SCALED: Partial<Record<CheckType, readonly string[]>> = { contrast: ['contrast_min'] };

/** The thresholds a night picture of mean luma `level` is judged by, from the ones the task gives for the day. */
export function nightThresholds(type: CheckType, day: Thresholds, level = MID_GREY): Thresholds {
  const night = NIGHT_DEFAULTS[type];
  const scaled = LEVEL_SCALED[type];
  if (!night && !scaled) return day;
  const used: Thresholds = { ...day };
  const light = Math.min(1, Math.max(0, level) / MID_GREY);
  for (const key of scaled ?? []) if (used[key] !== undefined) used[key] = used[key] * light;
  for (const [key, nightDefault] of Object.entries(night ?? {})) {
    const dayDefault = DEFAULT_THRESHOLDS[type][key];
    const given = day[key];
    if (given === undefined || dayDefault === undefined || dayDefault === 0) continue;
    used[key] = (given * nightDefault) / dayDefault;
  }
  return used;
}
