// Blur / defocus, judged by how edges fall off rather than by how much texture there is: the
// product of the Laplacian energy ratios half/quarter and quarter/eighth size (edge-sharpness.ts),
// which a sharp scene keeps whatever its content, contrast or
// resolution and blur lowers at both scales. An energy, like the platform's Laplacian variance, scaled
// so that clarity_min 100 sits where blur begins: the product 0.0875 (sharp train scenes 0.10-1.4,
// OpenCV's photos 0.18 and up; a blur of 3.5 px at 640 px wide 0.03-0.07). The Laplacian variance at
// analysis size (the platform's measure, Pech-Pacheco 2000) is reported alongside.
import type { Analyser } from './analyser.ts';
import { severityBelow } from '../scoring.ts';
import { round, verdict } from './report.ts';
import { edgeSharpness } from './edge-sharpness.ts';

/** The product of the two fall-off ratios that maps to clarity 100. */
const BLUR_PRODUCT = 0.0875;

export const clarity: Analyser = {
  type: 'clarity',
  need: 'single',
  analyse(input, thresholds) {
    const features = input.frames.at(-1)!;
    const falloff = edgeSharpness(input);
    const value = (100 * falloff.product) / BLUR_PRODUCT;
    const severity = severityBelow(value, thresholds.clarity_min!);
    return {
      severity,
      value: round(value, 1),
      metrics: {
        fineFalloff: round(falloff.fine),
        coarseFalloff: round(falloff.coarse),
        averagedFrames: falloff.averaged,
        laplacianVariance: round(features.gradients.laplacianVariance, 1),
        analysisWidth: features.planes.width,
      },
      message: verdict(
        severity,
        { 'zh-CN': `清晰度正常（清晰度 ${value.toFixed(0)}）`, en: `Clarity normal (clarity ${value.toFixed(0)})` },
        { 'zh-CN': `画面模糊（清晰度 ${value.toFixed(0)}）`, en: `Picture blurred (clarity ${value.toFixed(0)})` },
      ),
    };
  },
};
