// The sharpness evidence clarity and focus_blur share: the product of the two edge fall-off ratios
// (features/edge-falloff.ts), with the noise of the picture removed first. The noise is the larger
// of the single-frame estimate and, with a window, the temporal one: a night picture's noise, once
// H.264 has smeared it, hides from a single-frame estimate but would pass for fine detail. With a
// window the edges are read on the newest frame with the window's noise averaged out
// (features/temporal-mean.ts): on a noisy night picture the noise holds most of the fine-scale
// energy, and what a model of it leaves after subtraction is too uncertain to judge a blur by.
import type { AnalyserInput } from './analyser.ts';
import { edgeFalloff, whiteNoiseEnergies, type EdgeEnergies, type EdgeFalloff } from '../features/edge-falloff.ts';
import { temporalMean } from '../features/temporal-mean.ts';
import { temporalNoise } from '../features/temporal-noise.ts';
import { temporalNoiseEnergy } from '../features/temporal-noise-energy.ts';

export interface EdgeSharpness extends EdgeFalloff {
  /** fine * coarse: about 0.1-1.4 for sharp scenes, 0.03-0.07 for a blur of 3.5 px at 640 px wide. */
  product: number;
  noiseSigma: number;
  /** Frames averaged before the edges were read (1: the newest alone). */
  averaged: number;
}

/**
 * Coded noise is blotchy, not white: it holds less Laplacian energy than white noise of the same
 * sigma, so only this share of the temporal sigma is removed.
 */
const TEMPORAL_SHARE = 0.85;
/** Frames a window needs for its mean to be read instead of the newest frame (noise energy down to a third at least). */
const MIN_AVERAGED = 3;

/**
 * Share of the newest frame's fine-scale energy the noise holds from which the window's mean is read
 * instead: below it the noise is removed well enough from the frame itself (day pictures: 0.001-0.2,
 * a street with people walking included); above it a blur would hide behind the noise (noisy night
 * pictures blurred: 0.37-0.79, train split).
 */
const NOISY = 0.3;

/**
 * Coded noise holds up to a few times the fine-scale energy of white noise of the same sigma (train
 * split: up to 4.4 times). A frame difference holding more is motion the global shift did not
 * explain (a pan behind a cover), which averaging would smear; where even that much noise would
 * leave the frame clean, the difference is not measured at all.
 */
const CODED_EXCESS = 5;

/** Several checks read it from the same window (the array runChecks hands to each of them). */
const computed = new WeakMap<readonly unknown[], EdgeSharpness>();

export function edgeSharpness(input: AnalyserInput): EdgeSharpness {
  let found = computed.get(input.frames);
  if (!found) {
    found = measure(input);
    computed.set(input.frames, found);
  }
  return found;
}

function measure(input: AnalyserInput): EdgeSharpness {
  const newest = input.frames.at(-1)!;
  const temporal = temporalNoise(input.frames);
  const noiseSigma = Math.max(newest.gradients.noiseSigma, TEMPORAL_SHARE * (temporal?.sigma ?? 0));
  const modelled = whiteNoiseEnergies(noiseSigma);
  const fine = newest.edgeEnergies.half;
  const measured = temporal && CODED_EXCESS * modelled.half >= NOISY * fine ? temporalNoiseEnergy(input.frames) : null;
  const noisy = measured !== null && measured.half >= NOISY * fine && measured.half <= CODED_EXCESS * modelled.half;
  const mean = noisy ? temporalMean(input.frames, MIN_AVERAGED) : null;
  let energies: EdgeEnergies = newest.edgeEnergies;
  let noise = modelled;
  if (mean && measured) {
    energies = mean.energies;
    // What changes from frame to frame averages down, by the energy measured at each scale; noise
    // the encoder holds still (a skipped block keeps its keyframe's grain) stays whole.
    const varying = Math.min(noiseSigma, TEMPORAL_SHARE * temporal!.sigma);
    const still = whiteNoiseEnergies(Math.sqrt(noiseSigma * noiseSigma - varying * varying));
    noise = {
      half: still.half + measured.half / mean.frames,
      quarter: still.quarter + measured.quarter / mean.frames,
      eighth: still.eighth + measured.eighth / mean.frames,
    };
  }
  const measuredFalloff = edgeFalloff(energies, noise);
  // A natural scene falls off alike at every scale, and blur takes the finest first: a sharp scene's
  // fine ratio is about its coarse one, a blurred scene's below. Above it, on a picture whose noise
  // held the fine scale, is noise the model left (eval train, a floodlit night blurred by 3.5 px:
  // fine 0.55 over coarse 0.23), so the fine ratio is read no higher than the coarse one there.
  const falloff = mean ? { fine: Math.min(measuredFalloff.fine, measuredFalloff.coarse), coarse: measuredFalloff.coarse } : measuredFalloff;
  return { ...falloff, product: falloff.fine * falloff.coarse, noiseSigma, averaged: mean?.frames ?? 1 };
}
