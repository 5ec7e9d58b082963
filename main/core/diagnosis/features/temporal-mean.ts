// The newest frame with the window's noise averaged out: each older frame is aligned to the newest
// by their global shift (a pan or a shake moves the scene, not the noise) and added, over the part
// of the picture every frame covers. What changes from frame to frame (sensor noise) averages
// down; a still scene's edges stay as they are. Only its edge energies are needed, so it is summed
// straight into the pyramid's half-size level.
import type { FrameFeatures } from './frame-features.ts';
import { alignedHalfSum, type Term } from './aligned-half.ts';
import { energiesFromHalf, type EdgeEnergies } from './edge-falloff.ts';
import { shiftBetween } from './global-shift.ts';

export interface TemporalMean {
  energies: EdgeEnergies;
  frames: number;
}

/** Null when the window has fewer than `minFrames` frames of the newest's size. */
export function temporalMean(frames: readonly FrameFeatures[], minFrames: number): TemporalMean | null {
  const newest = frames.at(-1);
  if (!newest) return null;
  const { width: w, height: h } = newest.planes;
  const same = frames.filter((f) => f.planes.width === w && f.planes.height === h);
  if (same.length < minFrames) return null;
  const terms: Term[] = same.map((f) => ({ gray: f.planes.gray, ...(f === newest ? { dx: 0, dy: 0 } : shiftBetween(f, newest)), sign: 1 }));
  const half = alignedHalfSum(terms, w, h);
  return half && { energies: energiesFromHalf(half, same.length), frames: same.length };
}
