// Frozen picture: the stream repeats the same picture. A live camera's picture always changes a
// little between frames a quarter second apart, if only by the sensor noise the encoder keeps (the
// eval's still scenes: 18-98% of the pixels change; a 1080p stream at a low bitrate with little
// noise: 5%); a frozen stream repeats the decoded picture exactly once the encoder has refined it
// after a keyframe (at a low bitrate that refinement can outlast the window). Any change counts:
// a quiet live stream changes by a grey level or two, as a frozen one's refinement does, so a
// tolerance would call a quiet live camera frozen. The value is the smallest share of pixels that
// changed between consecutive frames of the window (0: a repeated picture), against
// freeze_threshold; the largest mean difference is reported alongside.
import type { Analyser, Measurement } from './analyser.ts';
import type { FrameFeatures } from '../features/frame-features.ts';
import { severityBelow } from '../scoring.ts';
import { round, singleFrame, verdict } from './report.ts';

interface Change {
  /** Share of the sampled pixels whose luma changed at all. */
  changed: number;
  /** Mean absolute luma difference, 0..1 of full scale. */
  meanDiff: number;
}

/** Adds a row's summed |a-b| and its count of changed pixels to out ([sum, changed]). */
function rowChange(a: Uint8Array, b: Uint8Array, from: number, n: number, out: Float64Array): void {
  let sum = 0;
  let changed = 0;
  for (let i = from; i < from + n; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    sum += d;
    // Branch-free: 1 when d > 0.
    changed += (0 - d) >>> 31;
  }
  out[0] = out[0]! + sum;
  out[1] = out[1]! + changed;
}

function changeBetween(a: FrameFeatures, b: FrameFeatures): Change {
  const pa = a.planes;
  const pb = b.planes;
  if (pa.width !== pb.width || pa.height !== pb.height) return { changed: 1, meanDiff: 1 };
  // Every other row is enough for shares over a hundred thousand pixels; identical stays exactly 0.
  const w = pa.width;
  const acc = new Float64Array(2);
  let n = 0;
  for (let y = 0; y < pa.height; y += 2) {
    rowChange(pa.gray, pb.gray, y * w, w, acc);
    n += w;
  }
  return { changed: acc[1]! / n, meanDiff: acc[0]! / n / 255 };
}

export const freeze: Analyser = {
  type: 'freeze',
  need: 'window',
  analyse(input, thresholds): Measurement {
    const frames = input.frames;
    if (frames.length < 2) return singleFrame(frames.length, 1, { 'zh-CN': '仅一帧，无法判断冻结', en: 'One frame only: freeze not assessed' });
    let least = Infinity;
    let largestDiff = 0;
    for (let i = 1; i < frames.length; i++) {
      const c = changeBetween(frames[i - 1]!, frames[i]!);
      least = Math.min(least, c.changed);
      largestDiff = Math.max(largestDiff, c.meanDiff);
    }
    const severity = severityBelow(least, thresholds.freeze_threshold!);
    const span = frames.at(-1)!.time - frames[0]!.time;
    return {
      severity,
      value: round(least, 5),
      metrics: { frames: frames.length, largestDiff: round(largestDiff, 5), spanSeconds: round(span, 2) },
      message: verdict(
        severity,
        { 'zh-CN': '画面正常变化', en: 'Picture is live' },
        { 'zh-CN': `画面冻结（${span.toFixed(1)} 秒内画面重复）`, en: `Picture frozen (the same picture repeated within ${span.toFixed(1)} s)` },
      ),
    };
  },
};
