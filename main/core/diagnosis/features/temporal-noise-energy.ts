// The Laplacian energy the window's noise holds at each scale, measured rather than modelled: the
// difference of two consecutive frames, aligned by their global shift, holds the noise of both and
// none of the still scene, so half its energy at each scale is one frame's noise there. Coded noise
// is blotchy, and a sub-stream's noise is upscaled with the picture: it keeps far more energy at
// the coarser scales than white noise of the same sigma would. The pair that changed least is
// taken: a moving object or a keyframe only adds energy.
import type { FrameFeatures } from './frame-features.ts';
import { alignedHalfSum } from './aligned-half.ts';
import { energiesFromHalf, type EdgeEnergies } from './edge-falloff.ts';
import { shiftBetween } from './global-shift.ts';

/** Consecutive pairs measured, the newest ones. */
const PAIRS = 3;

function pairEnergies(a: FrameFeatures, b: FrameFeatures): EdgeEnergies | null {
  const pa = a.planes;
  const pb = b.planes;
  if (pa.width !== pb.width || pa.height !== pb.height) return null;
  const half = alignedHalfSum([{ gray: pb.gray, dx: 0, dy: 0, sign: 1 }, { gray: pa.gray, ...shiftBetween(a, b), sign: -1 }], pb.width, pb.height);
  return half && energiesFromHalf(half, 1);
}

/** One frame's noise energy per scale, or null with fewer than two frames of one size. */
export function temporalNoiseEnergy(frames: readonly FrameFeatures[]): EdgeEnergies | null {
  let least: EdgeEnergies | null = null;
  for (let k = frames.length - 1; k >= 1 && k >= frames.length - PAIRS; k--) {
    const e = pairEnergies(frames[k - 1]!, frames[k]!);
    if (e && (!least || e.half < least.half)) least = e;
  }
  return least && { half: least.half / 2, quarter: least.quarter / 2, eighth: least.eighth / 2 };
}
