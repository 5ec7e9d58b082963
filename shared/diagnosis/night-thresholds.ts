// Night defaults beside the platform's day defaults: a grey/IR night picture is darker and
// noisier by nature, so brightness and noise are judged against night thresholds (contrast, day or
// night, against the contrast its light allows: level-thresholds.ts). A task's threshold_config
// keeps its meaning for day pictures; at night it is scaled by the same ratio as the defaults, so a
// task that asks for twice the default day noise limit gets twice the night one.
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

/** The thresholds a night picture is judged by, from the ones the task gives for the day. */
export function nightThresholds(type: CheckType, day: Thresholds): Thresholds {
  const night = NIGHT_DEFAULTS[type];
  if (!night) return day;
  const used: Thresholds = { ...day };
  for (const [key, nightDefault] of Object.entries(night)) {
    const dayDefault = DEFAULT_THRESHOLDS[type][key];
    const given = day[key];
    if (given === undefined || dayDefault === undefined || dayDefault === 0) continue;
    used[key] = (given * nightDefault) / dayDefault;
  }
  return used;
}
