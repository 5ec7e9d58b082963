// The engine's entry point for one probe: features are built once per frame and shared by every
// requested check. Synchronous and pure CPU, so it runs inside a worker thread.
import type { CheckResult, CheckType } from '../../../../shared/diagnosis/types.ts';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../../../shared/diagnosis/thresholds.ts';
import type { FrameSet } from '../frame.ts';
import { FrameFeatures } from '../features/frame-features.ts';
import { scoreFromSeverity, statusFromScore } from '../scoring.ts';
import type { AnalyserInput, Measurement } from './analyser.ts';
import { ANALYSERS } from './registry.ts';
import { round } from './report.ts';

/** The check's defaults with the task's values over them (the task's are already platform-merged). */
function thresholdsFor(type: CheckType, given: Thresholds | undefined): Thresholds {
  const used: Thresholds = { ...DEFAULT_THRESHOLDS[type] };
  if (given) for (const [k, v] of Object.entries(given)) if (Number.isFinite(v)) used[k] = v;
  return used;
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
  return types.map((type) => {
    const startedAt = performance.now();
    const used = thresholdsFor(type, thresholds[type]);
    if (input.frames.length === 0) return failed(type, used, 'no frame decoded', startedAt);
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
  });
}
