// Too dark / too bright: mean luma against brightness_min/max; the share of crushed and clipped
// pixels is reported alongside.
import type { Analyser } from './analyser.ts';
import { severityBelow } from '../scoring.ts';
import { round, verdict } from './report.ts';

const DARK_LEVEL = 16;
const BRIGHT_LEVEL = 240;

export const brightness: Analyser = {
  type: 'brightness',
  need: 'single',
  analyse(input, thresholds) {
    const features = input.frames.at(-1)!;
    const planes = features.planes;
    const luma = features.luma;
    const min = thresholds.brightness_min!;
    const max = thresholds.brightness_max!;
    const mean = luma.mean;
    const total = planes.width * planes.height;
    let dark = 0;
    let bright = 0;
    for (let v = 0; v < DARK_LEVEL; v++) dark += luma.histogram[v]!;
    for (let v = BRIGHT_LEVEL; v < 256; v++) bright += luma.histogram[v]!;
    const headroom = Math.max(1, 255 - max);
    let severity: number;
    if (mean < min) severity = severityBelow(mean, min);
    else if (mean > max) severity = 1 + (2 * (mean - max)) / headroom;
    // Inside the band the severity rises towards 1 as the mean nears either limit.
    else severity = Math.max(0, 1 - (mean - min) / Math.max(1, min), 1 - (max - mean) / headroom);
    const tooBright = mean > max;
    return {
      severity,
      value: round(mean, 2),
      metrics: { darkShare: round(dark / total), brightShare: round(bright / total) },
      message: verdict(
        severity,
        { 'zh-CN': `亮度正常（平均亮度 ${mean.toFixed(0)}）`, en: `Brightness normal (mean luma ${mean.toFixed(0)})` },
        tooBright
          ? { 'zh-CN': `画面过亮（平均亮度 ${mean.toFixed(0)}）`, en: `Picture too bright (mean luma ${mean.toFixed(0)})` }
          : { 'zh-CN': `画面过暗（平均亮度 ${mean.toFixed(0)}）`, en: `Picture too dark (mean luma ${mean.toFixed(0)})` },
      ),
    };
  },
};
