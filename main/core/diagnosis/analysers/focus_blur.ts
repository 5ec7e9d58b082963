// Out of focus: Crete 2007 no-reference blur (0 sharp .. 1 blurred); the value is the sharpness
// 1 - blur, so focus_blur_min 0.5 flags a picture that a 9-tap re-blur barely changes any more.
import type { Analyser } from './analyser.ts';
import { severityBelow } from '../scoring.ts';
import { round, verdict } from './report.ts';

export const focusBlur: Analyser = {
  type: 'focus_blur',
  need: 'single',
  analyse(input, thresholds) {
    const blur = input.frames.at(-1)!.gradients.creteBlur;
    const sharpness = 1 - blur;
    const severity = severityBelow(sharpness, thresholds.focus_blur_min!);
    return {
      severity,
      value: round(sharpness),
      metrics: { creteBlur: round(blur) },
      message: verdict(
        severity,
        { 'zh-CN': `聚焦正常（锐度 ${sharpness.toFixed(2)}）`, en: `Focus normal (sharpness ${sharpness.toFixed(2)})` },
        { 'zh-CN': `聚焦模糊（锐度 ${sharpness.toFixed(2)}）`, en: `Out of focus (sharpness ${sharpness.toFixed(2)})` },
      ),
    };
  },
};
