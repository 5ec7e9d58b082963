// Snow / grain. With a window of frames, the temporal noise of the flat parts of the scene
// (features/temporal-noise.ts): H.264 smooths noise inside a frame until a single frame hardly
// shows it, but it cannot code a picture that changes at random from frame to frame as a still
// one; texture, which a single-frame measure mistakes for noise, does not change. The temporal sigma
// is scaled by 3 so that noise_max 15 keeps meaning visible noise: healthy train clips, day and
// night, stay under a temporal sigma of 3.4 grey levels, noise that an operator sees is above 5.
// With one frame, the Immerkaer 1996 sigma over its flattest 90%, as before.
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { temporalNoise } from '../features/temporal-noise.ts';
import { round, verdict } from './report.ts';

const TEMPORAL_SCALE = 3;

export const noise: Analyser = {
  type: 'noise',
  need: 'single',
  analyse(input, thresholds) {
    const g = input.frames.at(-1)!.gradients;
    const temporal = temporalNoise(input.frames);
    const sigma = temporal ? TEMPORAL_SCALE * temporal.sigma : g.noiseSigma;
    const severity = severityAbove(sigma, thresholds.noise_max!);
    return {
      severity,
      value: round(sigma, 2),
      metrics: {
        temporalSigma: temporal ? round(temporal.sigma, 2) : -1,
        spatialSigma: round(g.noiseSigma, 2),
        sigmaAllPixels: round(g.noiseSigmaAll, 2),
      },
      message: verdict(
        severity,
        { 'zh-CN': `噪声正常（噪声 ${sigma.toFixed(1)}）`, en: `Noise normal (noise ${sigma.toFixed(1)})` },
        { 'zh-CN': `画面噪声过大（噪声 ${sigma.toFixed(1)}）`, en: `Picture too noisy (noise ${sigma.toFixed(1)})` },
      ),
    };
  },
};
