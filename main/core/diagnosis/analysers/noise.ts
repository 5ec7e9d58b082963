// Snow / grain: Immerkaer 1996 noise sigma (grey levels at analysis size) over the flattest 90%
// of the picture, so edges and texture are not counted as noise.
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { round, verdict } from './report.ts';

export const noise: Analyser = {
  type: 'noise',
  need: 'single',
  analyse(input, thresholds) {
    const g = input.frames.at(-1)!.gradients;
    const sigma = g.noiseSigma;
    const severity = severityAbove(sigma, thresholds.noise_max!);
    return {
      severity,
      value: round(sigma, 2),
      metrics: { sigmaAllPixels: round(g.noiseSigmaAll, 2) },
      message: verdict(
        severity,
        { 'zh-CN': `噪声正常（噪声 σ ${sigma.toFixed(1)}）`, en: `Noise normal (sigma ${sigma.toFixed(1)})` },
        { 'zh-CN': `画面噪声过大（噪声 σ ${sigma.toFixed(1)}）`, en: `Picture too noisy (sigma ${sigma.toFixed(1)})` },
      ),
    };
  },
};
