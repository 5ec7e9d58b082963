// Colour cast: CIELab cast factor K = D/M (D = distance of the mean a*b* from neutral, M = their
// spread). A cast needs both a concentrated hue (K > 1.5) and a mean far from grey (D against
// color_cast_threshold); a colourful scene has a large M and is not a cast.
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { round, verdict } from './report.ts';

const CAST_FACTOR = 1.5;
/** Below the cast factor the verdict stays under the warning threshold whatever D is. */
const NO_CAST_CEILING = 0.9;

function castHue(a: number, b: number): { zh: string; en: string } {
  const deg = ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
  if (deg < 45 || deg >= 330) return { zh: '偏红', en: 'red' };
  if (deg < 100) return { zh: '偏黄', en: 'yellow' };
  if (deg < 200) return { zh: '偏绿', en: 'green' };
  if (deg < 290) return { zh: '偏蓝', en: 'blue' };
  return { zh: '偏紫', en: 'magenta' };
}

export const colorCast: Analyser = {
  type: 'color_cast',
  need: 'single',
  analyse(input, thresholds) {
    const c = input.frames.at(-1)!.colour;
    const d = Math.hypot(c.meanA, c.meanB);
    const k = d / Math.max(c.spread, 1e-6);
    const raw = severityAbove(d, thresholds.color_cast_threshold!, thresholds.color_cast_severe_threshold);
    const severity = k > CAST_FACTOR ? raw : Math.min(raw, NO_CAST_CEILING);
    const hue = castHue(c.meanA, c.meanB);
    return {
      severity,
      value: round(d, 2),
      metrics: { castFactor: round(k, 3), meanA: round(c.meanA, 2), meanB: round(c.meanB, 2), spread: round(c.spread, 2) },
      message: verdict(
        severity,
        { 'zh-CN': `色彩正常（偏色度 ${d.toFixed(1)}）`, en: `Colour normal (cast ${d.toFixed(1)})` },
        { 'zh-CN': `画面偏色：${hue.zh}（偏色度 ${d.toFixed(1)}）`, en: `Colour cast: ${hue.en} (cast ${d.toFixed(1)})` },
      ),
    };
  },
};
