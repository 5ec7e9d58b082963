// Lens covered: the largest 4-connected region of 16x16 blocks that are dark and textureless
// (no edges, little variation), as a share of the frame. Dark is relative to the picture's own
// highlights (its brightest 1%, which stay in sight even when most of the picture is covered): an
// object at the lens is unlit by the scene and far darker than what the scene shows lit, day or
// night, while the dark parts of a scene (a night sky, shadows, a dim room, a blurred or pixelated
// dark area) keep a good part of its level. Bright plain areas (sky, walls) are lit scene and never
// count. The mean luma of the blocks not covered is reported: a cover leaves the rest of the
// picture lit, a picture dark all over does not (the camera verdict tells the two apart by it).
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { largestComponent } from '../features/block-grid.ts';
import { HUE_CLASSES } from '../features/lab-table.ts';
import { lumaLevels } from '../verdict/luma-levels.ts';
import { round, verdict } from './report.ts';

const MAX_EDGE_SHARE = 0.01;
const MAX_STD = 10;
/** A covered block's mean luma is at most this share of the picture's highlights (its 99th percentile). */
const MAX_SHARE_OF_HIGHLIGHTS = 0.3;
/** Share of one flat saturated hue from which the frame is a colour screen (see blue_screen). */
const COLOUR_SCREEN = 0.4;

export const occlusion: Analyser = {
  type: 'occlusion',
  need: 'single',
  analyse(input, thresholds) {
    const features = input.frames.at(-1)!;
    const g = features.gradients;
    const n = g.grid.cols * g.grid.rows;
    const darkest = MAX_SHARE_OF_HIGHLIGHTS * lumaLevels(features.luma.histogram).p99;
    const covered = new Uint8Array(n);
    let coveredCount = 0;
    let restSum = 0;
    let restCount = 0;
    for (let i = 0; i < n; i++) {
      const count = g.blockCount[i]!;
      if (count === 0) continue;
      const mean = g.blockSum[i]! / count;
      const std = Math.sqrt(Math.max(0, g.blockSumSq[i]! / count - mean * mean));
      if (g.blockEdges[i]! / count <= MAX_EDGE_SHARE && std <= MAX_STD && mean <= darkest) {
        covered[i] = 1;
        coveredCount++;
      } else {
        restSum += g.blockSum[i]!;
        restCount += count;
      }
    }
    const region = largestComponent(covered, g.grid);
    // A solid colour screen is uniform too, but it is the encoder's picture, not a cover.
    const colourScreen = features.colour.flatByHue.subarray(0, HUE_CLASSES).some((k) => k / features.colour.cellCount >= COLOUR_SCREEN);
    const value = colourScreen ? 0 : region.size / n;
    const severity = severityAbove(value, thresholds.occlusion_threshold!, thresholds.occlusion_severe_threshold);
    return {
      severity,
      value: round(value),
      metrics: {
        coveredShare: round(coveredCount / n),
        uncoveredLuma: round(restCount > 0 ? restSum / restCount : 0, 1),
        touchesBorder: region.touchesBorder ? 1 : 0,
        colourScreen: colourScreen ? 1 : 0,
      },
      message: verdict(
        severity,
        { 'zh-CN': '无遮挡', en: 'No occlusion' },
        { 'zh-CN': `镜头遮挡（遮挡面积 ${(value * 100).toFixed(0)}%）`, en: `Lens covered (${(value * 100).toFixed(0)}% of the picture)` },
      ),
    };
  },
};
