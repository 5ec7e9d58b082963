// Frozen picture: the mean absolute luma difference of consecutive frames (0..1 of full scale),
// the largest over the window; a live camera never repeats a frame exactly, noise alone moves it.
import type { Analyser, Measurement } from './analyser.ts';
import type { FrameFeatures } from '../features/frame-features.ts';
import { severityBelow } from '../scoring.ts';
import { round, singleFrame, verdict } from './report.ts';

function rowAbsDiff(a: Uint8Array, b: Uint8Array, from: number, n: number): number {
  let sum = 0;
  for (let i = from; i < from + n; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum;
}

function meanAbsDiff(a: FrameFeatures, b: FrameFeatures): number {
  const pa = a.planes;
  const pb = b.planes;
  if (pa.width !== pb.width || pa.height !== pb.height) return 1;
  const ga = pa.gray;
  const gb = pb.gray;
  // Every other row is enough for a mean over a hundred thousand pixels; identical stays exactly 0.
  const w = pa.width;
  let sum = 0;
  let n = 0;
  for (let y = 0; y < pa.height; y += 2) {
    sum += rowAbsDiff(ga, gb, y * w, w);
    n += w;
  }
  return sum / n / 255;
}

export const freeze: Analyser = {
  type: 'freeze',
  need: 'window',
  analyse(input, thresholds): Measurement {
    const frames = input.frames;
    if (frames.length < 2) return singleFrame(frames.length, 1, { 'zh-CN': '仅一帧，无法判断冻结', en: 'One frame only: freeze not assessed' });
    let largest = 0;
    let smallest = Infinity;
    for (let i = 1; i < frames.length; i++) {
      const d = meanAbsDiff(frames[i - 1]!, frames[i]!);
      largest = Math.max(largest, d);
      smallest = Math.min(smallest, d);
    }
    const severity = severityBelow(largest, thresholds.freeze_threshold!);
    const span = frames.at(-1)!.time - frames[0]!.time;
    return {
      severity,
      value: round(largest, 5),
      metrics: { frames: frames.length, smallestDiff: round(smallest, 5), spanSeconds: round(span, 2) },
      message: verdict(
        severity,
        { 'zh-CN': '画面正常变化', en: 'Picture is live' },
        { 'zh-CN': `画面冻结（${span.toFixed(1)} 秒内无变化）`, en: `Picture frozen (no change over ${span.toFixed(1)} s)` },
      ),
    };
  },
};
