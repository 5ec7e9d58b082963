// Blur / defocus: variance of the Laplacian (Pech-Pacheco 2000, 4-neighbour kernel as
// cv2.Laplacian ksize=1), normalised to a 640 px wide picture so clarity_min means the same at
// every resolution: frames are binned to 640..959 px wide (analysis-size.ts), and the variance of
// natural scenes scales with 1/width^2 (measured: 1460 at 384 px, 526 scaled, ~550 at 640 px for
// the same street scene), so the value is the variance times (analysis width / 640)^2.
import type { Analyser } from './analyser.ts';
import { severityBelow } from '../scoring.ts';
import { ANALYSIS_WIDTH } from '../features/analysis-size.ts';
import { round, verdict } from './report.ts';

export const clarity: Analyser = {
  type: 'clarity',
  need: 'single',
  analyse(input, thresholds) {
    const features = input.frames.at(-1)!;
    const g = features.gradients;
    const width = features.planes.width;
    const scale = (width / ANALYSIS_WIDTH) ** 2;
    const value = g.laplacianVariance * scale;
    const severity = severityBelow(value, thresholds.clarity_min!);
    return {
      severity,
      value: round(value, 1),
      metrics: {
        laplacianVariance: round(g.laplacianVariance, 1),
        tenengrad: round(g.tenengrad * scale, 1),
        analysisWidth: width,
      },
      message: verdict(
        severity,
        { 'zh-CN': `清晰度正常（拉普拉斯方差 ${value.toFixed(0)}）`, en: `Clarity normal (Laplacian variance ${value.toFixed(0)})` },
        { 'zh-CN': `画面模糊（拉普拉斯方差 ${value.toFixed(0)}）`, en: `Picture blurred (Laplacian variance ${value.toFixed(0)})` },
      ),
    };
  },
};
