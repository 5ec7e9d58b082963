// Threshold defaults and merging exactly as the platform does it (protocol.md), so a task's
// threshold_config means the same on the edge node as on the platform's own workers.
import type { CheckType } from './types.ts';

export type Thresholds = Record<string, number>;

/** Defaults per check. Platform values where the platform has one; ours for the rest. */
export const DEFAULT_THRESHOLDS: Record<CheckType, Thresholds> = {
  brightness: { brightness_min: 30, brightness_max: 220 },
  blue_screen: { blue_screen_ratio: 0.8, blue_screen_warning: 0.4 },
  clarity: { clarity_min: 100 },
  shake: { shake_threshold: 0.01, shake_severe_threshold: 0.04 },
  freeze: { freeze_threshold: 0.01 },
  color_cast: { color_cast_threshold: 20, color_cast_severe_threshold: 50 },
  occlusion: { occlusion_threshold: 0.3, occlusion_severe_threshold: 0.6 },
  noise: { noise_max: 15 },
  contrast: { contrast_min: 20 },
  mosaic: { mosaic_threshold: 0.2, mosaic_severe_threshold: 0.5 },
  flower_screen: { flower_screen_threshold: 0.3, flower_screen_severe_threshold: 0.6 },
  signal_loss: { signal_loss_threshold: 0.3, signal_loss_severe_threshold: 0.7 },
  lens_dirty: { lens_dirty_threshold: 0.3, lens_dirty_severe_threshold: 0.6 },
  focus_blur: { focus_blur_min: 0.5 },
  scene_change: { scene_change_threshold: 0.35, scene_change_severe_threshold: 0.6 },
  stripe: { stripe_threshold: 0.3, stripe_severe_threshold: 0.6 },
};

/** The scalar `threshold_config.threshold` maps onto these keys (the platform's rule). */
function scalarMapping(t: number): Thresholds {
  return { clarity_min: t * 100, brightness_min: t, contrast_min: t, noise_max: t };
}

function numericEntries(value: unknown): Thresholds {
  const out: Thresholds = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/**
 * Merge as the platform does: start from diagnosis_config[type]; copy threshold_config in;
 * a scalar threshold maps to clarity_min/brightness_min/contrast_min/noise_max; finally
 * threshold_config[type] (an object) overrides. Defaults fill what is left unset.
 */
export function mergeThresholds(
  type: CheckType,
  diagnosisConfig: Record<string, unknown> = {},
  thresholdConfig: Record<string, unknown> = {},
): Thresholds {
  const merged: Thresholds = { ...numericEntries(diagnosisConfig[type]) };
  Object.assign(merged, numericEntries(thresholdConfig));
  delete merged.threshold;
  const scalar = thresholdConfig.threshold;
  if (typeof scalar === 'number' && Number.isFinite(scalar)) Object.assign(merged, scalarMapping(scalar));
  Object.assign(merged, numericEntries(thresholdConfig[type]));
  const defaults = DEFAULT_THRESHOLDS[type];
  const result: Thresholds = {};
  // Only keys this check understands are reported as "the threshold used".
  for (const key of Object.keys(defaults)) result[key] = merged[key] ?? defaults[key]!;
  return result;
}
