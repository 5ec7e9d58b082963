// The frame-based part of signal loss (the open failure is judged where the stream is opened):
// a near-uniform frame without edges (black, grey, solid colour), or snow, whose neighbouring
// pixels are uncorrelated unlike any real scene. Value 0..1 is the stronger of the two.
// A scene dimmed to near black is not blank: its few levels still vary as much as its mean and
// follow the scene (neighbours correlated), which a lost signal's black, with or without noise, never
// does. Such a picture is far too dark (brightness names it), not a lost signal.
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
/**
 * A dimmed scene: luma varying by a level or more, by at least half its mean (a blank grey frame
 * with coding noise varies by a few percent of it), with neighbours as correlated as a scene's.
 * Eval, train split: black with noise correlates 0.02-0.73, scenes dimmed to luma 1-28 0.88-1.00.
 */
const DIM_SCENE_STD = 1;
const DIM_SCENE_RELATIVE_STD = 0.5;
const DIM_SCENE_CORRELATION = 0.8;

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
    const dimScene = std >= DIM_SCENE_STD && std >= DIM_SCENE_RELATIVE_STD * features.luma.mean && g.neighbourCorrelation >= DIM_SCENE_CORRELATION;
    const uniform = dimScene ? 0 : clamp01((PICTURE_STD - std) / (PICTURE_STD - UNIFORM_STD));
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
        lumaMean: round(features.luma.mean, 2),
        dimScene: dimScene ? 1 : 0,
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
