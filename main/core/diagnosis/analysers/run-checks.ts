// The engine's entry point for one probe: features are built once per frame and shared by every
// requested check, each check measures on its own, and the camera's verdict is made from them all
// (day or night picture, one row for one problem). Synchronous and pure CPU, so it runs inside a
// worker thread.
import type { CheckResult, CheckType } from '../../../../shared/diagnosis/types.ts';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../../../shared/diagnosis/thresholds.ts';
import { levelThresholds } from '../../../../shared/diagnosis/level-thresholds.ts';
import { nightThresholds } from '../../../../shared/diagnosis/night-thresholds.ts';
import type { FrameSet } from '../frame.ts';
import { FrameFeatures } from '../features/frame-features.ts';
import { scoreFromSeverity, statusFromScore } from '../scoring.ts';
import type { AnalyserInput, Measurement } from './analyser.ts';
import { ANALYSERS } from './registry.ts';
import { round } from './report.ts';
import { cameraVerdict } from '../verdict/camera-verdict.ts';
import { pictureMode, type PictureMode } from '../verdict/picture-mode.ts';

/** The check's defaults with the task's values over them (the task's are already platform-merged), for the picture's mode and level. */
function thresholdsFor(type: CheckType, given: Thresholds | undefined, mode: PictureMode, level?: number): Thresholds {
  const used: Thresholds = { ...DEFAULT_THRESHOLDS[type] };
  if (given) for (const [k, v] of Object.entries(given)) if (Number.isFinite(v)) used[k] = v;
  const lit = levelThresholds(type, used, level);
  return mode === 'night' ? nightThresholds(type, lit) : lit;
}

function failed(type: CheckType, threshold: Thresholds, error: string, startedAt: number): CheckResult {
  return {
    type,
    status: 'critical',
    score: 0,
    threshold,
    metrics: {},
    message: { 'zh-CN': `检测失败：${error}`, en: `Check failed: ${error}` },
    processingTimeMs: round(performance.now() - startedAt, 3),
    error,
  };
}

function measure(type: CheckType, input: AnalyserInput, used: Thresholds): CheckResult {
  const startedAt = performance.now();
  let m: Measurement;
  try {
    m = ANALYSERS[type].analyse(input, used);
  } catch (err) {
    return failed(type, used, err instanceof Error ? err.message : String(err), startedAt);
  }
  const score = scoreFromSeverity(m.severity);
  return {
    type,
    status: statusFromScore(score),
    score,
    threshold: used,
    metrics: { value: m.value, ...m.metrics },
    message: m.message,
    processingTimeMs: round(performance.now() - startedAt, 3),
  };
}

export function runChecks(
  types: readonly CheckType[],
  frameSet: FrameSet,
  thresholds: Partial<Record<CheckType, Thresholds>>,
): CheckResult[] {
  const input: AnalyserInput = {
    frames: frameSet.frames.map((f) => new FrameFeatures(f)),
    decodeErrors: frameSet.decodeErrors,
    ...(frameSet.reference ? { reference: new FrameFeatures(frameSet.reference) } : {}),
  };
  const newest = input.frames.at(-1);
  if (!newest) return types.map((type) => failed(type, thresholdsFor(type, thresholds[type], 'day'), 'no frame decoded', performance.now()));
  const mode = pictureMode(newest);
  const measured = types.map((type) => measure(type, input, thresholdsFor(type, thresholds[type], mode, newest.luma.mean)));
  return cameraVerdict(measured, { newest, mode, ...(input.reference ? { reference: input.reference } : {}) });
}
