// Scene change against the camera's stored reference: 1 - correlation of 64 px gray thumbnails.
// Averaging 10x10 areas leaves the scene's layout, so people and noise change little; a moved or
// swapped camera decorrelates the layout (value towards 1), a resolution change counts as 1.
import type { Analyser, Measurement } from './analyser.ts';
import type { Thumbnail } from '../features/thumbnail.ts';
import { severityAbove } from '../scoring.ts';
import { round, verdict } from './report.ts';

function correlation(a: Thumbnail, b: Thumbnail): number {
  if (a.width !== b.width || a.height !== b.height) return 0;
  const n = a.pixels.length;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a.pixels[i]!;
    sb += b.pixels[i]!;
  }
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const da = a.pixels[i]! - ma;
    const db = b.pixels[i]! - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  // Two flat pictures of the same level have nothing to disagree on.
  if (va < 1e-6 || vb < 1e-6) return va < 1e-6 && vb < 1e-6 && Math.abs(ma - mb) < 8 ? 1 : 0;
  return cov / Math.sqrt(va * vb);
}

export const sceneChange: Analyser = {
  type: 'scene_change',
  need: 'reference',
  analyse(input, thresholds): Measurement {
    if (!input.reference) {
      return {
        severity: 0,
        value: 0,
        metrics: { hasReference: 0 },
        message: { 'zh-CN': '无参考帧，已保存当前画面为参考', en: 'No reference frame yet: not assessed' },
      };
    }
    const r = correlation(input.reference.thumbnail, input.frames.at(-1)!.thumbnail);
    const value = 1 - Math.max(0, r);
    const severity = severityAbove(value, thresholds.scene_change_threshold!, thresholds.scene_change_severe_threshold);
    return {
      severity,
      value: round(value),
      metrics: { hasReference: 1, correlation: round(r) },
      message: verdict(
        severity,
        { 'zh-CN': '场景未变化', en: 'Scene unchanged' },
        { 'zh-CN': '场景变化（与参考画面不符）', en: 'Scene changed (differs from the reference)' },
      ),
    };
  },
};
