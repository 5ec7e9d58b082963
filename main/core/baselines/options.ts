// The knobs of per-camera baselines, with the values the worker uses.

export interface BaselineOptions {
  /** Healthy runs before a camera's normal is trusted for a check and picture mode. */
  minRuns: number;
  /** The newest healthy runs kept per check and picture mode. */
  window: number;
  /** A value fires when it lies more than this many spreads from the median on the worse side. */
  margin: number;
  /** The spread is at least this share of the median, so a 10% wobble of a steady scene is not a fault. */
  relativeFloor: number;
  /** Consecutive runs with an abnormal scene_change before the camera's baseline starts over. */
  confirmSceneChange: number;
}

export const DEFAULT_BASELINE_OPTIONS: Readonly<BaselineOptions> = {
  minRuns: 5,
  window: 30,
  margin: 4,
  relativeFloor: 0.1,
  confirmSceneChange: 2,
};
