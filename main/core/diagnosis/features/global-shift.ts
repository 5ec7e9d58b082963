// The global shift between two frames, found by matching their gray projections (row and column
// means, differentiated so exposure changes do not matter). Moving people barely alter whole-frame
// projections of a sharp picture; in a blurred one they are all that is left, so a shift only counts
// when it explains the change between the frames far better than no shift does.
import type { FrameFeatures } from './frame-features.ts';

/** Largest shift searched, as a share of the profile length. */
const MAX_SHIFT_SHARE = 0.1;
/**
 * A shift counts when its mismatch is at most this share of the mismatch without shifting. Measured on
 * the street clip: a shaken camera 0.03-0.43, moving people seen through a blurred lens 0.55-0.94.
 */
const MAX_MISMATCH_SHARE = 0.5;

function derivative(profile: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, profile.length - 1));
  for (let i = 0; i < out.length; i++) out[i] = profile[i + 1]! - profile[i]!;
  return out;
}

/** The shift s minimising the mean squared difference of a[i] and b[i + s] over their overlap; 0 when it explains little. */
function bestShift(a: Float64Array, b: Float64Array): number {
  const n = Math.min(a.length, b.length);
  const limit = Math.floor(n * MAX_SHIFT_SHARE);
  let best = 0;
  let bestCost = Infinity;
  let unshiftedCost = Infinity;
  for (let s = -limit; s <= limit; s++) {
    const from = Math.max(0, -s);
    const to = Math.min(n, n - s);
    let cost = 0;
    for (let i = from; i < to; i++) {
      const d = a[i]! - b[i + s]!;
      cost += d * d;
    }
    cost /= to - from;
    // Ties go to the smaller shift, so a flat picture reports no motion.
    if (cost < bestCost - 1e-9 || (Math.abs(cost - bestCost) <= 1e-9 && Math.abs(s) < Math.abs(best))) {
      bestCost = cost;
      best = s;
    }
    if (s === 0) unshiftedCost = cost;
  }
  return bestCost <= MAX_MISMATCH_SHARE * unshiftedCost ? best : 0;
}

export interface Shift {
  dx: number;
  dy: number;
}

/** Shake, the temporal noise and its energy per scale all read the shifts of a window's consecutive pairs: each is found once. */
const found = new WeakMap<FrameFeatures, WeakMap<FrameFeatures, Shift>>();

/** The content at x in a is at x + dx in b (and likewise y, dy). */
export function shiftBetween(a: FrameFeatures, b: FrameFeatures): Readonly<Shift> {
  let fromA = found.get(a);
  if (!fromA) found.set(a, (fromA = new WeakMap()));
  let shift = fromA.get(b);
  if (!shift) {
    const pa = a.planes;
    const pb = b.planes;
    shift = { dx: bestShift(derivative(pa.colMeans), derivative(pb.colMeans)), dy: bestShift(derivative(pa.rowMeans), derivative(pb.rowMeans)) };
    fromA.set(b, shift);
  }
  return shift;
}
