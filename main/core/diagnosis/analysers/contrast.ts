// Flat picture: standard deviation of luma against contrast_min.
import type { Analyser } from './analyser.ts';
import { severityBelow } from '../scoring.ts';
import { round, verdict } from './report.ts';

export const contrast: Analyser = {
  type: 'contrast',
  need: 'single',
  analyse(input, thresholds) {
    const luma = input.frames.at(-1)!.luma;
    const std = luma.std;
    const severity = severityBelow(std, thresholds.contrast_min!);
    return {
      severity,
      value: round(std, 2),
      metrics: { meanLuma: round(luma.mean, 2) },
      message: verdict(
        severity,
        { 'zh-CN': `对比度正常（亮度标准差 ${std.toFixed(1)}）`, en: `Contrast normal (luma std ${std.toFixed(1)})` },
        { 'zh-CN': `对比度过低（亮度标准差 ${std.toFixed(1)}）`, en: `Contrast too low (luma std ${std.toFixed(1)})` },
      ),
    };
  },
};
