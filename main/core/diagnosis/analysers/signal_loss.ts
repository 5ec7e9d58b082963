// The frame-based part of signal loss (the open failure is judged where the stream is opened):
// a near-uniform frame without edges (black, grey, solid colour), or snow, whose neighbouring
// pixels are uncorrelated unlike any real scene. Value 0..1 is the stronger of the two.
// A scene dimmed to near black is not blank: its few levels still vary as much as its mean and
// follow the scene (neighbours correlated), which a lost signal's black, with or without noise, never
// does. Such a picture is far too dark (brightness names it), not a lost signal.
// A flat scene (a pale floor, a dim wall, a picture with its contrast crushed) varies too little for
// that, as a blank grey picture with coding noise does, and an encoder smears snow into blotches as
// correlated as a scene's. With a window there is one more difference: a scene persists from frame to
// frame, snow is drawn anew (temporal-correlation.ts). Such a picture is judged by contrast or
// brightness, not named a lost signal.
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { round, verdict } from './report.ts';
import { temporalCorrelation } from '../features/temporal-correlation.ts';

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
/**
 * Correlation between a window's last two frames from which a flat picture is a scene: eval, train
 * split, still scenes darkened or with their contrast crushed 0.91-1.00, snow after H.264 0.50-0.81
 * (its encoder keeps some blotches from frame to frame). A pan moves the scene and reads lower; it is
 * then judged as before.
 */
const SCENE_PERSISTS = 0.9;

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
    const sceneLike = std >= DIM_SCENE_STD && g.neighbourCorrelation >= DIM_SCENE_CORRELATION;
    const dimScene = sceneLike && std >= DIM_SCENE_RELATIVE_STD * features.luma.mean;
    const previous = input.frames.at(-2);
    // Only asked of a flat picture that could pass for a scene: no cost on any other.
    const persists = sceneLike && !dimScene && std < PICTURE_STD && previous ? temporalCorrelation(previous, features) : null;
    const flatScene = persists !== null && persists >= SCENE_PERSISTS;
    const uniform = dimScene || flatScene ? 0 : clamp01((PICTURE_STD - std) / (PICTURE_STD - UNIFORM_STD));
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
        ...(persists !== null ? { temporalCorrelation: round(persists), flatScene: flatScene ? 1 : 0 } : {}),
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
