// Snow / grain. With a window of frames, the temporal noise of the flat parts of the scene
// (features/temporal-noise.ts): H.264 smooths noise inside a frame until a single frame hardly
// shows it, but it cannot code a picture that changes at random from frame to frame as a still
// one; texture, which a single-frame measure mistakes for noise, does not change. The temporal sigma
// is scaled by 3 so that noise_max 15 keeps meaning visible noise: healthy train clips, day and
// night, stay under a temporal sigma of 3.4 grey levels, noise that an operator sees is above 5.
// With one frame, the Immerkaer 1996 sigma over its flattest 90%, as before.
// Either is read in the camera's own pixels: scaling a 1080p picture to analysis size averages
// each 3x3 of them, which takes two thirds of the grain's sigma away, so the same visible snow read
// a third as strong on a main stream as on a sub-stream (train: 5.7 against 10-17 for noise
// added at the same strength). The sigma is multiplied back by the linear downscale; a sub-stream
// upscaled to analysis size is read as it is.
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { temporalNoise } from '../features/temporal-noise.ts';
import { round, verdict } from './report.ts';

const TEMPORAL_SCALE = 3;

export const noise: Analyser = {
  type: 'noise',
  need: 'single',
  analyse(input, thresholds) {
    const newest = input.frames.at(-1)!;
    const g = newest.gradients;
    const temporal = temporalNoise(input.frames);
    const sigma = newest.downscale * (temporal ? TEMPORAL_SCALE * temporal.sigma : g.noiseSigma);
    const severity = severityAbove(sigma, thresholds.noise_max!);
    return {
      severity,
      value: round(sigma, 2),
      metrics: {
        temporalSigma: temporal ? round(temporal.sigma, 2) : -1,
        spatialSigma: round(g.noiseSigma, 2),
        sigmaAllPixels: round(g.noiseSigmaAll, 2),
        downscale: round(newest.downscale, 2),
      },
      message: verdict(
        severity,
        { 'zh-CN': `噪声正常（噪声 ${sigma.toFixed(1)}）`, en: `Noise normal (noise ${sigma.toFixed(1)})` },
        { 'zh-CN': `画面噪声过大（噪声 ${sigma.toFixed(1)}）`, en: `Picture too noisy (noise ${sigma.toFixed(1)})` },
      ),
    };
  },
};
