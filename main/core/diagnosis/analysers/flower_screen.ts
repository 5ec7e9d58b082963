// Garbled picture (花屏) from a corrupted decode: blocks smeared along one direction (error
// concealment copies a row or column of pixels on), and blocks whose colour is far rougher than
// their neighbours' (garbage macroblocks; chroma is smooth in real scenes because optics and 4:2:0
// blur it, and uniform noise is rough everywhere, not in islands). The decoder's own error
// reports add to it: a few alone stay below the warning threshold, but a stream that keeps failing
// to decode (16 errors and more in one probe) is garbled in frames the check did not see.
import type { Analyser } from './analyser.ts';
import type { BlockGrid } from '../features/block-grid.ts';
import { severityAbove } from '../scoring.ts';
import { round, verdict } from './report.ts';

/** Mean luma step per pixel a block needs before its direction means anything. */
const SMEAR_MIN_STEP = 0.6;
/** A smeared block's weaker direction holds at most this share of its stronger one. */
const SMEAR_RATIO = 0.1;
/** Mean |da|+|db| between cells above which a block's colour is rough... */
const ROUGH_CHROMA = 24;
/** ...and how many times rougher than its neighbours' median it must be to be garbage. */
const ROUGH_ISLAND = 3;
/** What each decode error adds, and the most that decode errors alone can add (a warning, never severe). */
const PER_DECODE_ERROR = 0.025;
const DECODE_ERROR_CAP = 0.4;

function neighbourMedian(values: Float64Array, grid: BlockGrid, i: number): number {
  const x = i % grid.cols;
  const y = (i - x) / grid.cols;
  const around: number[] = [];
  if (x > 0) around.push(values[i - 1]!);
  if (x < grid.cols - 1) around.push(values[i + 1]!);
  if (y > 0) around.push(values[i - grid.cols]!);
  if (y < grid.rows - 1) around.push(values[i + grid.cols]!);
  around.sort((a, b) => a - b);
  return around[around.length >> 1] ?? 0;
}

export const flowerScreen: Analyser = {
  type: 'flower_screen',
  need: 'single',
  analyse(input, thresholds) {
    const features = input.frames.at(-1)!;
    const g = features.gradients;
    const chroma = features.colour.blockChroma;
    const n = g.grid.cols * g.grid.rows;
    let smeared = 0;
    let rough = 0;
    for (let i = 0; i < n; i++) {
      const count = g.blockCount[i]!;
      if (count > 0) {
        const h = g.blockStepsH[i]!;
        const v = g.blockStepsV[i]!;
        const strong = Math.max(h, v);
        if (strong >= SMEAR_MIN_STEP * count && Math.min(h, v) <= SMEAR_RATIO * strong) {
          smeared++;
          continue;
        }
      }
      const c = chroma[i]!;
      if (c > ROUGH_CHROMA && c > ROUGH_ISLAND * neighbourMedian(chroma, g.grid, i)) rough++;
    }
    const pictureShare = (smeared + rough) / n;
    const errorPart = Math.min(DECODE_ERROR_CAP, PER_DECODE_ERROR * input.decodeErrors);
    const value = Math.min(1, pictureShare + errorPart);
    const severity = severityAbove(value, thresholds.flower_screen_threshold!, thresholds.flower_screen_severe_threshold);
    return {
      severity,
      value: round(value),
      metrics: { smearedBlockShare: round(smeared / n), garbledBlockShare: round(rough / n), decodeErrors: input.decodeErrors },
      message: verdict(
        severity,
        { 'zh-CN': '无花屏', en: 'No garbled picture' },
        { 'zh-CN': '画面花屏（解码异常）', en: 'Garbled picture (corrupted decode)' },
      ),
    };
  },
};
