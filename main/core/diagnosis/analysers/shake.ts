// Shake: the global shift between consecutive frames (features/global-shift.ts), as a fraction of
// the frame width; the largest departure over the window from the window's median step (a pan).
import type { Analyser, Measurement } from './analyser.ts';
import { shiftBetween } from '../features/global-shift.ts';
import { severityAbove } from '../scoring.ts';
import { round, singleFrame, verdict } from './report.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const shake: Analyser = {
  type: 'shake',
  need: 'window',
  analyse(input, thresholds): Measurement {
    const frames = input.frames;
    if (frames.length < 2) return singleFrame(frames.length, 0, { 'zh-CN': '仅一帧，无法判断抖动', en: 'One frame only: shake not assessed' });
    const shifts = [];
    for (let i = 1; i < frames.length; i++) shifts.push(shiftBetween(frames[i - 1]!, frames[i]!));
    // A camera that pans (a PTZ patrol) moves the picture by the same step every time: shake is how
    // far a step strays from the window's typical step. Two frames give one step, taken as it is.
    const panX = shifts.length > 1 ? median(shifts.map((s) => s.dx)) : 0;
    const panY = shifts.length > 1 ? median(shifts.map((s) => s.dy)) : 0;
    let largest = 0;
    let maxDx = 0;
    let maxDy = 0;
    for (let i = 0; i < shifts.length; i++) {
      const { dx, dy } = shifts[i]!;
      const jitter = Math.hypot(dx - panX, dy - panY) / frames[i + 1]!.planes.width;
      if (jitter > largest) {
        largest = jitter;
        maxDx = dx;
        maxDy = dy;
      }
    }
    const severity = severityAbove(largest, thresholds.shake_threshold!, thresholds.shake_severe_threshold);
    return {
      severity,
      value: round(largest),
      metrics: { frames: frames.length, shiftX: maxDx, shiftY: maxDy, panX, panY },
      message: verdict(
        severity,
        { 'zh-CN': '画面稳定', en: 'Picture steady' },
        { 'zh-CN': `画面抖动（位移 ${(largest * 100).toFixed(1)}% 画宽）`, en: `Picture shaking (shift ${(largest * 100).toFixed(1)}% of width)` },
      ),
    };
  },
};
