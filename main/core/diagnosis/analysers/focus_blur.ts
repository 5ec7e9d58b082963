// Out of focus: how edges fall off (edge-sharpness.ts), the same evidence as clarity, on a
// 0..1 sharpness scale: p / (p + 0.0875) for the product p of the two fall-off ratios, so
// focus_blur_min 0.5 sits where clarity_min 100 does. It does not depend on how much texture the
// scene has, unlike the Crete 2007 no-reference blur (0 sharp .. 1 blurred), reported alongside.
import type { Analyser } from './analyser.ts';
import { severityBelow } from '../scoring.ts';
import { round, verdict } from './report.ts';
import { edgeSharpness } from './edge-sharpness.ts';

/** The fall-off product at which the sharpness is 0.5 (see clarity.ts). */
const HALF_SHARP = 0.0875;

export const focusBlur: Analyser = {
  type: 'focus_blur',
  need: 'single',
  analyse(input, thresholds) {
    const features = input.frames.at(-1)!;
    const product = edgeSharpness(input).product;
    const sharpness = product / (product + HALF_SHARP);
    const severity = severityBelow(sharpness, thresholds.focus_blur_min!);
    return {
      severity,
      value: round(sharpness),
      metrics: { creteBlur: round(features.gradients.creteBlur) },
      message: verdict(
        severity,
        { 'zh-CN': `聚焦正常（锐度 ${sharpness.toFixed(2)}）`, en: `Focus normal (sharpness ${sharpness.toFixed(2)})` },
        { 'zh-CN': `聚焦模糊（锐度 ${sharpness.toFixed(2)}）`, en: `Out of focus (sharpness ${sharpness.toFixed(2)})` },
      ),
    };
  },
};
