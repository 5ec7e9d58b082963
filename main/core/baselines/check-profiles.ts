// What "worse" means for each check's headline value (metrics.value), read from its analyser:
// severityAbove in the analyser means a rising value is worse, severityBelow a falling one, and
// brightness is bad both ways. The floor keeps a camera whose values never move (MAD 0) from
// alarming on the smallest change: a share of the check's warning threshold, in the value's units.
import type { CheckType } from '../../../shared/diagnosis/types.ts';

export type Worse = 'higher' | 'lower' | 'either';

export interface CheckProfile {
  worse: Worse;
  /** The threshold key whose value sets the scale of the floor. */
  scaleKey: string;
  /** Floor of the spread as a share of that threshold. */
  floorShare: number;
  /**
   * For a measure that scales with the scene rather than shifting, the value must also be this many
   * times worse than the median to leave the normal.
   */
  factor?: number;
  /** How far into the warning band a warning must go to be raised on a first run, when not FIRST_RUN_SEVERITY (judge.ts). */
  firstRunSeverity?: number;
}

/** scene_change is left out: it already compares against the camera's own reference picture. */
export const CHECK_PROFILES: Readonly<Partial<Record<CheckType, CheckProfile>>> = {
  brightness: { worse: 'either', scaleKey: 'brightness_min', floorShare: 0.25 },
  blue_screen: { worse: 'higher', scaleKey: 'blue_screen_warning', floorShare: 0.1 },
  clarity: { worse: 'lower', scaleKey: 'clarity_min', floorShare: 0.1 },
  // On a first run shake is raised from half way into the warning band: a blurred picture of a camera
  // panning at night reads as a little shake (eval train, aerial-pan: severity 1.29, a collateral row),
  // while train's shake faults read 1.58 and above, an error, or are named the cause (which stands).
  // The largest quarter step that loses none of them, clear or borderline (1.75 loses a borderline one).
  shake: { worse: 'higher', scaleKey: 'shake_threshold', floorShare: 0.25, firstRunSeverity: 1.5 },
  // The share of pixels that change follows the noise the encoder keeps: a colour cast or veil
  // that hides some of it (eval, hotel: 0.29 -> 0.17) or a patrol camera resting at a preset (0.97
  // -> 0.36) is still live; a frozen stream falls under 0.01, or to a sixth where the encoder keeps
  // dithering the repeated picture (night street: 0.65 -> 0.11).
  freeze: { worse: 'lower', scaleKey: 'freeze_threshold', floorShare: 0.05, factor: 4 },
  color_cast: { worse: 'higher', scaleKey: 'color_cast_threshold', floorShare: 0.1 },
  occlusion: { worse: 'higher', scaleKey: 'occlusion_threshold', floorShare: 0.1 },
  // Noise reads 0-10 on healthy scenes and 15 (noise_max) where an operator sees it (analysers/noise.ts).
  // A still, clean picture can read 0 run after run (the encoder skips its blocks), and then a window
  // that straddles a keyframe reads about 1.2 (the throughput bench's 360p cameras); subtle grain on a
  // clean street reads 6 (worker-baselines.test.ts). A floor of 0.75 (reach 3 at margin 4) lies between.
  // On the eval's train split, from 0.01 to 0.05 loses no fault with history, clear or borderline, and
  // collateral rows fall from 17 to 13.
  noise: { worse: 'higher', scaleKey: 'noise_max', floorShare: 0.05 },
  contrast: { worse: 'lower', scaleKey: 'contrast_min', floorShare: 0.1 },
  mosaic: { worse: 'higher', scaleKey: 'mosaic_threshold', floorShare: 0.1 },
  flower_screen: { worse: 'higher', scaleKey: 'flower_screen_threshold', floorShare: 0.1 },
  signal_loss: { worse: 'higher', scaleKey: 'signal_loss_threshold', floorShare: 0.1 },
  lens_dirty: { worse: 'higher', scaleKey: 'lens_dirty_threshold', floorShare: 0.1 },
  focus_blur: { worse: 'lower', scaleKey: 'focus_blur_min', floorShare: 0.1 },
  stripe: { worse: 'higher', scaleKey: 'stripe_threshold', floorShare: 0.1 },
};
