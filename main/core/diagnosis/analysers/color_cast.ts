// Colour cast: a tint of the whole picture's neutrals, not a colourful scene. The platform's
// measure is D, the distance of the picture's mean a*b* from neutral (against
// color_cast_threshold), with the cast factor K = D/M (M the spread of the colours): a cast
// concentrates the colours around its tint. A warm table or a green plant moves the mean as far
// as a cast does, so where the colours spread (K low) the cast is read where the scene itself is
// near neutral, the least saturated of its shadows and highlights (features/grey-axis.ts), and
// the value is the smaller of the two. Where the colours sit in a tight cluster away from grey (K
// high) no colourful content explains the mean: the picture is tinted all over and D is the
// cast. Under a uniform cast both equal the cast's size, so the threshold keeps its meaning.
import type { Analyser } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { greyAxisTint } from '../features/grey-axis.ts';
import { round, verdict } from './report.ts';

/** At or below this cast factor the colours spread as far as their mean is off grey: a colourful scene. */
const CAST_FACTOR = 1.2;
/** Below the cast factor the verdict stays under the warning threshold whatever the tint. */
const NO_CAST_CEILING = 0.9;
/** From this cast factor up the mean is trusted more, and fully from CONCENTRATED_FULL. */
const CONCENTRATED_FROM = 2.5;
const CONCENTRATED_FULL = 4;

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
    // No cell can show a tint (a blank or clipped picture): nothing says the colours are off.
    const axis = greyAxisTint(c.greyAxis, c.cellCount) ?? { a: 0, b: 0 };
    const neutralTint = Math.hypot(axis.a, axis.b);
    const k = d / Math.max(c.spread, 1e-6);
    const concentrated = Math.min(1, Math.max(0, (k - CONCENTRATED_FROM) / (CONCENTRATED_FULL - CONCENTRATED_FROM)));
    const cast = Math.min(d, neutralTint + concentrated * Math.max(0, d - neutralTint));
    const raw = severityAbove(cast, thresholds.color_cast_threshold!, thresholds.color_cast_severe_threshold);
    const severity = k > CAST_FACTOR ? raw : Math.min(raw, NO_CAST_CEILING);
    // The hue of the tint the value was read from.
    const hue = castHue(axis.a + concentrated * (c.meanA - axis.a), axis.b + concentrated * (c.meanB - axis.b));
    return {
      severity,
      value: round(cast, 2),
      metrics: {
        meanCast: round(d, 2),
        neutralTint: round(neutralTint, 2),
        neutralA: round(axis.a, 2),
        neutralB: round(axis.b, 2),
        castFactor: round(k, 3),
        meanA: round(c.meanA, 2),
        meanB: round(c.meanB, 2),
        spread: round(c.spread, 2),
      },
      message: verdict(
        severity,
        { 'zh-CN': `色彩正常（偏色度 ${cast.toFixed(1)}）`, en: `Colour normal (cast ${cast.toFixed(1)})` },
        { 'zh-CN': `画面偏色：${hue.zh}（偏色度 ${cast.toFixed(1)}）`, en: `Colour cast: ${hue.en} (cast ${cast.toFixed(1)})` },
      ),
    };
  },
};
