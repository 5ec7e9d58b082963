// Blue screen, as DVRs and encoders show on lost input: the largest share of the picture that is
// one saturated blue-violet hue class (30 degrees of Lab hue in 240..330, chroma >= 45) with no
// texture. Pale skies have too little chroma to count; other hues are casts or scene, not screens.
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { round, verdict } from './report.ts';

/** Lab hue classes of 30 degrees: 240..330 holds pure, navy and violet-blue screens. */
const FIRST_BLUE_CLASS = 8;
const LAST_BLUE_CLASS = 10;

export const blueScreen: Analyser = {
  type: 'blue_screen',
  need: 'single',
  analyse(input, thresholds) {
    const c = input.frames.at(-1)!.colour;
    let best = 0;
    let bestClass = FIRST_BLUE_CLASS;
    for (let k = FIRST_BLUE_CLASS; k <= LAST_BLUE_CLASS; k++) {
      if (c.flatByHue[k]! > best) {
        best = c.flatByHue[k]!;
        bestClass = k;
      }
    }
    const share = best / c.cellCount;
    const severity = severityAbove(share, thresholds.blue_screen_warning!, thresholds.blue_screen_ratio);
    return {
      severity,
      value: round(share),
      metrics: { hueDegrees: bestClass * 30 + 15 },
      message: verdict(
        severity,
        { 'zh-CN': `无蓝屏（纯色区域占比 ${(share * 100).toFixed(0)}%）`, en: `No blue screen (solid colour ${(share * 100).toFixed(0)}%)` },
        { 'zh-CN': `蓝屏/纯色画面（占比 ${(share * 100).toFixed(0)}%）`, en: `Blue / solid colour screen (${(share * 100).toFixed(0)}%)` },
      ),
    };
  },
};
