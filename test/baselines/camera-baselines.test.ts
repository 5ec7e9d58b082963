// A camera's runs judged and learned from, over the engine's SQLite book on a real file.
import { describe, expect, it } from 'vitest';
import { CameraBaselines } from '../../main/core/baselines/camera-baselines.ts';
import { SqliteBaselineBook } from '../../main/core/baselines/sqlite-baseline-book.ts';
import type { CameraDiagnosis } from '../../main/core/diagnosis/camera-probe.ts';
import { scoreFromSeverity, severityAbove, severityBelow, statusFromScore } from '../../main/core/diagnosis/scoring.ts';
import { DEFAULT_THRESHOLDS } from '../../shared/diagnosis/thresholds.ts';
import type { CheckResult, CheckType } from '../../shared/diagnosis/types.ts';
import { useTestStore } from '../store/store-fixtures.ts';

const t = useTestStore();

function verdict(type: CheckType, value: number, severity: number, night: boolean): CheckResult {
  const score = scoreFromSeverity(severity);
  return {
    type,
    status: statusFromScore(score),
    score,
    threshold: { ...DEFAULT_THRESHOLDS[type] },
    metrics: { value, ...(night ? { night: 1 } : {}) },
    message: { 'zh-CN': '原话', en: 'as measured' },
    processingTimeMs: 1,
  };
}

interface Picture {
  clarity: number;
  noise: number;
  scene?: number;
  night?: boolean;
}

/** A probe of a plain scene: clarity sits just under clarity_min (a platform warning), noise is low. */
function run({ clarity, noise, scene, night = false }: Picture): CameraDiagnosis {
  const results = [verdict('clarity', clarity, severityBelow(clarity, 100), night), verdict('noise', noise, severityAbove(noise, 15), night)];
  if (scene !== undefined) results.push(verdict('scene_change', scene, severityAbove(scene, 0.35, 0.6), night));
  return { camera: { id: 9, source: 'rtsp://cam' }, ok: true, results, capturedAt: new Date().toISOString(), totalMs: 1 };
}

const rules = (d: CameraDiagnosis) => Object.fromEntries(d.results.map((r) => [r.type, r.labels?.baseline_rule ?? null]));
const statuses = (d: CameraDiagnosis) => Object.fromEntries(d.results.map((r) => [r.type, r.status]));

function setup() {
  const baselines = new CameraBaselines(new SqliteBaselineBook(t.store));
  // Lazy writes ride with the next durable commit: one empty durable write flushes them.
  const judge = async (p: Picture, learn = true) => {
    const d = baselines.judge(9, run(p), { learn });
    await t.store.batcher.submit(() => 0);
    return d;
  };
  const runsOf = (type: CheckType, mode: 'day' | 'night' = 'day') => t.store.baselines.history(9).series.find((s) => s.type === type && s.mode === mode)?.values.length ?? 0;
  return { baselines, judge, runsOf };
}

const plain = (i: number): Picture => ({ clarity: 70 + (i % 3), noise: 2 + (i % 2) * 0.1 });

describe('camera baselines over a run', () => {
  it('learns a plain scene from its first runs, then clears the platform warning it kept raising', async () => {
    const { judge, runsOf } = setup();
    for (let i = 0; i < 5; i++) {
      const d = await judge(plain(i));
      // While learning the platform's verdict stands; a marginal warning still teaches.
      expect(rules(d)).toEqual({ clarity: 'learning', noise: 'learning' });
      expect(statuses(d).clarity).toBe('warning');
      expect(runsOf('clarity')).toBe(i + 1);
    }
    const d = await judge(plain(5));
    expect(rules(d)).toEqual({ clarity: 'cleared', noise: 'within_normal' });
    expect(statuses(d)).toEqual({ clarity: 'normal', noise: 'normal' });
    expect(d.results[0]!.metrics).toMatchObject({ baseline_median: 71, baseline_runs: 5 });
    expect(runsOf('clarity')).toBe(6);
  });

  it('fires on a deviation the platform threshold misses, and the abnormal run teaches nothing', async () => {
    const { judge, runsOf } = setup();
    for (let i = 0; i < 6; i++) await judge(plain(i));
    const noisy = await judge({ clarity: 71, noise: 7 });
    expect(rules(noisy).noise).toBe('deviation');
    expect(statuses(noisy).noise).not.toBe('normal');
    expect(noisy.results[1]!.metrics.baseline_deviation).toBeGreaterThan(4);
    expect(runsOf('noise')).toBe(6);
    expect(runsOf('clarity')).toBe(6);
  });

  it('does not raise noise on a camera that always read 0 for a reading far below visible noise', async () => {
    const { judge } = setup();
    // A still, clean picture the encoder codes as skipped blocks: no temporal noise at all, run after run.
    for (let i = 0; i < 6; i++) await judge({ clarity: 70 + (i % 3), noise: 0 });
    // A window straddling a keyframe reads a little (the throughput bench's 360p cameras: 1.22).
    const d = await judge({ clarity: 71, noise: 1.2 });
    expect(rules(d).noise).toBe('within_normal');
    expect(statuses(d).noise).toBe('normal');
    expect(rules(await judge({ clarity: 71, noise: 4 })).noise).toBe('deviation');
  });

  it('does not pile deviations onto a clear fault, and learns nothing from that run', async () => {
    const { judge, runsOf } = setup();
    for (let i = 0; i < 6; i++) await judge(plain(i));
    // Blurred far past clarity_min (error) with noise up: the blur is the cause.
    const d = await judge({ clarity: 20, noise: 7 });
    expect(statuses(d).clarity).toBe('error');
    expect(rules(d)).toEqual({ clarity: 'deviation', noise: 'held' });
    expect(statuses(d).noise).toBe('normal');
    expect(runsOf('clarity')).toBe(6);
  });

  it('holds the deviations of other checks when a warning by the platform threshold stands: the run has its cause', async () => {
    const { judge } = setup();
    for (let i = 0; i < 6; i++) await judge({ clarity: 120 + (i % 3), noise: 2 + (i % 2) * 0.1 });
    // Softer than the platform allows (a warning, not an error) and outside the camera's normal, noise up with it.
    const d = await judge({ clarity: 70, noise: 7 });
    expect(statuses(d).clarity).toBe('warning');
    expect(rules(d)).toEqual({ clarity: 'deviation', noise: 'held' });
    expect(statuses(d).noise).toBe('normal');
  });

  it('never clears a warning named as the cause of other faults when it is worse than usual, and learns nothing from the rows it set aside', async () => {
    const { baselines, runsOf } = setup();
    // As the one-cause step reports a marginal covered lens: its row is the cause, focus_blur is set aside.
    // The judged run is more covered than the camera's usual (3 spreads), though within its margin.
    const covered = (i: number) => {
      const share = i < 6 ? 0.32 : 0.42;
      const d = run(plain(i));
      d.results.push({ ...verdict('occlusion', share, severityAbove(share, 0.3, 0.6), false), metrics: { value: share, dominant_cause: 1 } });
      d.results.push({ ...verdict('focus_blur', 0.2, 0, false), metrics: { value: 0.2, not_assessed: 1, not_assessed_by_occlusion: 1 } });
      return d;
    };
    for (let i = 0; i < 6; i++) baselines.judge(9, covered(i), { learn: true });
    await t.store.batcher.submit(() => 0);
    const judged = baselines.judge(9, covered(6), { learn: true });
    await t.store.batcher.submit(() => 0);
    expect(rules(judged)).toEqual({ clarity: 'cleared', noise: 'within_normal', occlusion: 'absolute', focus_blur: null });
    expect(statuses(judged).occlusion).toBe('warning');
    // A warning is no clear fault: the run teaches the rows that were assessed.
    expect(runsOf('clarity')).toBe(7);
    expect(runsOf('occlusion')).toBe(7);
    expect(runsOf('focus_blur')).toBe(0);
  });

  it('keeps day and night apart: a grey night picture starts its own normal', async () => {
    const { judge, runsOf } = setup();
    for (let i = 0; i < 6; i++) await judge(plain(i));
    // At night the noise more than doubles and clarity drops: normal for the night, not a fault.
    const night = await judge({ clarity: 55, noise: 5, night: true });
    expect(rules(night)).toEqual({ clarity: 'learning', noise: 'learning' });
    expect(runsOf('clarity', 'night')).toBe(1);
    for (let i = 0; i < 4; i++) await judge({ clarity: 55 + i, noise: 5, night: true });
    const learnt = await judge({ clarity: 56, noise: 5.1, night: true });
    expect(rules(learnt)).toEqual({ clarity: 'cleared', noise: 'within_normal' });
    expect(learnt.results[0]!.metrics.baseline_median).toBe(56);
    // The day normal did not move.
    const day = await judge(plain(0));
    expect(day.results[0]!.metrics.baseline_median).toBe(71);
  });

  it("judges a grey picture against the camera's runs in like light: a black-and-white camera's night is not a fault of its day", async () => {
    const { baselines } = setup();
    // A camera that is grey by day too (a black-and-white camera, a grey scene): both pictures are night mode.
    const grey = (luma: number, noise: number, i: number): CameraDiagnosis => {
      const d = run({ clarity: 70 + (i % 3), noise, night: true });
      d.results.push({ ...verdict('brightness', luma, 0, true), metrics: { value: luma + (i % 2) * 0.3, night: 1 } });
      return d;
    };
    const judge = async (d: CameraDiagnosis, learn = true) => {
      const out = baselines.judge(9, d, { learn });
      await t.store.batcher.submit(() => 0);
      return out;
    };
    for (let i = 0; i < 6; i++) await judge(grey(125, 2.2, i));
    // The first night: darker, grainier. No normal is known in that light, so the platform's thresholds judge.
    const night = await judge(grey(59, 6.3, 0));
    expect(rules(night)).toEqual({ clarity: 'learning', noise: 'learning', brightness: 'learning' });
    expect(statuses(night)).toMatchObject({ noise: 'normal', brightness: 'normal' });
    for (let i = 1; i < 5; i++) await judge(grey(59, 6.3 + i * 0.1, i));
    // Five nights later the night has its own normal, and the day keeps its own.
    expect(rules(await judge(grey(60, 6.4, 5), false))).toEqual({ clarity: 'cleared', noise: 'within_normal', brightness: 'within_normal' });
    const day = await judge(grey(124, 2.2, 1), false);
    expect(day.results.find((r) => r.type === 'noise')!.metrics).toMatchObject({ baseline_median: 2.2, baseline_runs: 6 });
    // Grain doubled in the day's light is still a deviation from the day's normal.
    expect(rules(await judge(grey(125, 6.3, 1), false)).noise).toBe('deviation');
    // The camera page shows its grey normals per band of light, as they are judged.
    const bands = baselines.learned(9).baselines.filter((b) => b.type === 'brightness').map((b) => ({ runs: b.runs, median: b.median, light: b.light }));
    expect(bands).toEqual([
      { runs: 5, median: 59, light: { low: 59, high: 59.3 } },
      { runs: 6, median: 125.15, light: { low: 125, high: 125.3 } },
    ]);
  });

  it('still finds a darker night on a camera with colour days: its grey pictures are lit by its IR illuminator', async () => {
    const { baselines } = setup();
    const judge = async (d: CameraDiagnosis, learn = true) => {
      const out = baselines.judge(9, d, { learn });
      await t.store.batcher.submit(() => 0);
      return out;
    };
    const picture = (luma: number, night: boolean, i: number): CameraDiagnosis => {
      const d = run({ ...plain(i), night });
      d.results.push({ ...verdict('brightness', luma, 0, night), metrics: { value: luma + (i % 2) * 0.3, ...(night ? { night: 1 } : {}) } });
      return d;
    };
    for (let i = 0; i < 5; i++) await judge(picture(120, false, i));
    for (let i = 0; i < 5; i++) await judge(picture(60, true, i));
    // The illuminator fails: a third of its light, still above the platform's night minimum of 20.
    const dark = await judge(picture(24, true, 0), false);
    expect(rules(dark).brightness).toBe('deviation');
    expect(statuses(dark).brightness).not.toBe('normal');
  });

  it('starts over once a scene change is confirmed on two runs in a row', async () => {
    const { judge, runsOf } = setup();
    for (let i = 0; i < 6; i++) await judge({ ...plain(i), scene: 0.05 });
    expect(runsOf('clarity')).toBe(6);
    // Re-aimed at a busier scene: scene_change fires; clarity is far from the old normal.
    const first = await judge({ clarity: 400, noise: 2, scene: 0.7 });
    expect(rules(first)).toEqual({ clarity: 'scene_changed', noise: 'scene_changed', scene_change: null });
    expect(runsOf('clarity')).toBe(6);
    expect(t.store.baselines.history(9).sceneChangeStreak).toBe(1);
    const second = await judge({ clarity: 410, noise: 2, scene: 0.7 });
    expect(rules(second)).toMatchObject({ clarity: 'learning', noise: 'learning' });
    expect(runsOf('clarity')).toBe(1);
    expect(t.store.baselines.history(9).resetAt).toBeTypeOf('number');
    // It starts over once: the scene keeps differing from the old reference, the new normal grows.
    for (let i = 0; i < 4; i++) await judge({ clarity: 400 + i, noise: 2, scene: 0.7 });
    expect(runsOf('clarity')).toBe(5);
    const settled = await judge({ clarity: 405, noise: 2, scene: 0.7 });
    expect(rules(settled).clarity).toBe('within_normal');
    expect(settled.results[0]!.metrics.baseline_median).toBe(402);
  });

  it('forgets an unconfirmed scene change when the next run sees the old scene again', async () => {
    const { judge, runsOf } = setup();
    for (let i = 0; i < 6; i++) await judge({ ...plain(i), scene: 0.05 });
    await judge({ clarity: 20, noise: 2, scene: 0.7 });
    await judge({ ...plain(0), scene: 0.05 });
    expect(t.store.baselines.history(9).sceneChangeStreak).toBe(0);
    const again = await judge({ clarity: 20, noise: 2, scene: 0.7 });
    expect(rules(again).clarity).toBe('scene_changed');
    expect(runsOf('clarity')).toBe(7);
  });

  it('judges a manual probe without learning from it, and leaves a camera that could not be opened alone', async () => {
    const { baselines, judge, runsOf } = setup();
    for (let i = 0; i < 6; i++) await judge(plain(i));
    const manual = await judge({ clarity: 71, noise: 7 }, false);
    expect(rules(manual).noise).toBe('deviation');
    const healthyManual = await judge(plain(1), false);
    expect(rules(healthyManual).clarity).toBe('cleared');
    expect(runsOf('clarity')).toBe(6);
    const down: CameraDiagnosis = { camera: { id: 9, source: 'rtsp://cam' }, ok: false, results: [verdict('signal_loss', 1, 3, false)], capturedAt: '', totalMs: 5 };
    expect(baselines.judge(9, down, { learn: true })).toBe(down);
  });
});
