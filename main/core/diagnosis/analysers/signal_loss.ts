// The frame-based part of signal loss (the open failure is judged where the stream is opened):
// a near-uniform frame without edges (black, grey, solid colour), or snow, whose neighbouring
// pixels are uncorrelated unlike any real scene. Value 0..1 is the stronger of the two.
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { round, verdict } from './report.ts';

/** Luma std at or below which a frame is fully uniform, and from which it is a picture. */
const UNIFORM_STD = 2;
const PICTURE_STD = 6;
/** Neighbour correlation at or below which a frame is pure snow, and from which it is a scene. */
const SNOW_CORRELATION = 0.1;
const SCENE_CORRELATION = 0.6;
/** Snow needs real variation; a near-uniform frame is judged by uniformity. */
const SNOW_MIN_STD = 8;

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

export const signalLoss: Analyser = {
  type: 'signal_loss',
  need: 'single',
  analyse(input, thresholds) {
    const features = input.frames.at(-1)!;
    const std = features.luma.std;
    const g = features.gradients;
    const uniform = clamp01((PICTURE_STD - std) / (PICTURE_STD - UNIFORM_STD));
    const snow =
      std >= SNOW_MIN_STD ? clamp01((SCENE_CORRELATION - g.neighbourCorrelation) / (SCENE_CORRELATION - SNOW_CORRELATION)) : 0;
    const value = Math.max(uniform, snow);
    const severity = severityAbove(value, thresholds.signal_loss_threshold!, thresholds.signal_loss_severe_threshold);
    return {
      severity,
      value: round(value),
      metrics: {
        uniform: round(uniform),
        snow: round(snow),
        lumaStd: round(std, 2),
        edgeDensity: round(g.edgeDensity),
        neighbourCorrelation: round(g.neighbourCorrelation),
      },
      message: verdict(
        severity,
        { 'zh-CN': '视频信号正常', en: 'Video signal present' },
        snow > uniform
          ? { 'zh-CN': '视频信号丢失（雪花画面）', en: 'Video signal lost (snow)' }
          : { 'zh-CN': '视频信号丢失（无图像内容）', en: 'Video signal lost (blank picture)' },
      ),
    };
  },
};
