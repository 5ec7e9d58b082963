// The sharpness evidence clarity and focus_blur share: the product of the two edge fall-off ratios
// (features/edge-falloff.ts), with the noise of the picture removed first. The noise is the larger
// of the single-frame estimate and, with a window, the temporal one: a night picture's noise, once
// H.264 has smeared it, hides from a single-frame estimate but would pass for fine detail.
import type { AnalyserInput } from './analyser.ts';
import { edgeFalloff, type EdgeFalloff } from '../features/edge-falloff.ts';
import { temporalNoise } from '../features/temporal-noise.ts';

export interface EdgeSharpness extends EdgeFalloff {
  /** fine * coarse: about 0.1-1.4 for sharp scenes, 0.03-0.07 for a blur of 3.5 px at 640 px wide. */
  product: number;
  noiseSigma: number;
}

/**
 * Coded noise is blotchy, not white: it holds less Laplacian energy than white noise of the same
 * sigma, so only this share of the temporal sigma is removed.
 */
const TEMPORAL_SHARE = 0.85;

export function edgeSharpness(input: AnalyserInput): EdgeSharpness {
  const newest = input.frames.at(-1)!;
  const temporal = temporalNoise(input.frames);
  const noiseSigma = Math.max(newest.gradients.noiseSigma, TEMPORAL_SHARE * (temporal?.sigma ?? 0));
  const falloff = edgeFalloff(newest.edgeEnergies, noiseSigma);
  return { ...falloff, product: falloff.fine * falloff.coarse, noiseSigma };
}
