import { describe, expect, it } from 'vitest';
import { judgeCheck, severityOfScore, type JudgeContext } from '../../main/core/baselines/judge.ts';
import type { LearnedBaseline } from '../../main/core/baselines/learn.ts';
import { DEFAULT_BASELINE_OPTIONS } from '../../main/core/baselines/options.ts';
import { scoreFromSeverity, severityAbove, severityBelow, statusFromScore } from '../../main/core/diagnosis/scoring.ts';
import { DEFAULT_THRESHOLDS } from '../../shared/diagnosis/thresholds.ts';
import type { CheckResult, CheckType } from '../../shared/diagnosis/types.ts';

const ctx: JudgeContext = { options: DEFAULT_BASELINE_OPTIONS, raise: true, sceneChanged: false };

/** A verdict as the analysers make it: severity from the platform threshold, then score and status. */
function verdict(type: CheckType, value: number, severity: number, extra: Record<string, number> = {}): CheckResult {
  const score = scoreFromSeverity(severity);
  return {
    type,
    status: statusFromScore(score),
    score,
    threshold: { ...DEFAULT_THRESHOLDS[type] },
    metrics: { value, ...extra },
    message: { 'zh-CN': '分析器的原话', en: 'the analyser says so' },
    processingTimeMs: 1,
  };
}

const clarity = (value: number) => verdict('clarity', value, severityBelow(value, 100));
const noise = (value: number) => verdict('noise', value, severityAbove(value, 15));

function baseline(type: CheckType, median: number, spread: number, runs = 30): LearnedBaseline {
  return { type, mode: 'day', median, spread, runs, ready: runs >= DEFAULT_BASELINE_OPTIONS.minRuns, updatedAt: 0 };
}

describe('judging a check against the camera\'s own normal', () => {
  it('keeps the platform verdict while the camera is learning, and says how far it got', () => {
    const r = clarity(70);
    expect(r.status).toBe('warning');
    const j = judgeCheck(r, baseline('clarity', 65, 4, 3), ctx);
    expect(j.rule).toBe('learning');
    expect(j.result.status).toBe('warning');
    expect(j.result.score).toBe(r.score);
    expect(j.result.metrics.baseline_runs).toBe(3);
    expect(j.result.labels?.baseline_rule).toBe('learning');
    expect(judgeCheck(r, undefined, ctx).result.metrics.baseline_runs).toBe(0);
  });

  it('holds back a warning only just past the platform threshold while learning; one further past, or a named cause, stands', () => {
    // clarity_min 100: 90 is severity 1.2, a fifth into the warning band; 85 is 1.3.
    const soft = clarity(90);
    expect(soft.status).toBe('warning');
    const held = judgeCheck(soft, baseline('clarity', 92, 3, 2), ctx);
    expect(held.rule).toBe('provisional');
    expect(held.result.status).toBe('normal');
    expect(held.result.score).toBeGreaterThanOrEqual(60);
    expect(held.result.metrics).toMatchObject({ value: 90, baseline_runs: 2, measured_score: soft.score });
    expect(held.result.message.en).toBe("Clarity not raised yet: 90 is only just past the platform threshold, and this camera's normal is still being learned (2 runs so far)");
    expect(held.result.message['zh-CN']).toContain('仅略超平台阈值');
    expect(judgeCheck(soft, undefined, ctx).rule).toBe('provisional');
    expect(judgeCheck(clarity(85), undefined, ctx).result.status).toBe('warning');
    const cause = verdict('clarity', 90, severityBelow(90, 100), { dominant_cause: 1 });
    expect(judgeCheck(cause, undefined, ctx)).toMatchObject({ rule: 'learning', result: { status: 'warning' } });
  });

  it('asks more of a check whose profile says so on a first run: shake from half way into the warning band', () => {
    // shake_threshold 0.01, severe 0.04: 0.019 is severity 1.3 (a blurred panning picture), 0.027 is 1.57.
    const shake = (value: number) => verdict('shake', value, severityAbove(value, 0.01, 0.04));
    const slight = judgeCheck(shake(0.019), undefined, ctx);
    expect(slight.rule).toBe('provisional');
    expect(slight.result.status).toBe('normal');
    expect(judgeCheck(shake(0.027), undefined, ctx)).toMatchObject({ rule: 'learning', result: { status: 'warning' } });
    // The same severity on a check without its own margin stands.
    expect(judgeCheck(clarity(85), undefined, ctx)).toMatchObject({ rule: 'learning', result: { status: 'warning' } });
  });

  it('clears a marginal platform warning that is this camera\'s normal (a plain, low-texture scene)', () => {
    const j = judgeCheck(clarity(70), baseline('clarity', 65, 4), ctx);
    expect(j.rule).toBe('cleared');
    expect(j.result.status).toBe('normal');
    expect(j.result.score).toBeGreaterThanOrEqual(60);
    expect(j.result.message.en).toBe("Clarity normal: 70 is within this camera's normal of 65 ±4 over 30 runs (the platform threshold alone would warn)");
    expect(j.result.message['zh-CN']).toContain('在该摄像机的正常范围内');
    expect(j.result.metrics).toMatchObject({ value: 70, baseline_median: 65, baseline_spread: 4, baseline_runs: 30 });
    // Sharper than usual is the better side: a negative deviation.
    expect(j.result.metrics.baseline_deviation).toBeLessThan(0);
  });

  it('fires when the value leaves the normal on the worse side, though the platform threshold is not crossed', () => {
    // Noise of a clean camera rising from 2 to 5.3: far under noise_max 15, out of its own normal.
    const r = noise(5.3);
    expect(r.status).toBe('normal');
    const j = judgeCheck(r, baseline('noise', 2, 0.05), ctx);
    expect(j.rule).toBe('deviation');
    expect(j.result.status).toBe('warning');
    // The spread is floored at 5% of noise_max (0.75): 3.3 / 0.75 = 4.4 spreads, 1.1 margins.
    expect(j.result.metrics.baseline_deviation).toBeCloseTo(4.4, 2);
    expect(j.result.score).toBeCloseTo(scoreFromSeverity(4.4 / 4), 1);
    expect(j.result.metrics.baseline_high).toBe(5);
    expect(j.result.metrics.baseline_low).toBeUndefined();
    expect(j.result.message.en).toBe("Noise abnormal: 5.3 is above this camera's normal of 2 ±0.05 over 30 runs");
    expect(j.result.message['zh-CN']).toBe('噪声干扰异常：当前值 5.3 高于该摄像机的正常水平 2 ±0.05（30 次）');
  });

  it('grows the severity with the deviation: twice the margin is an error', () => {
    expect(judgeCheck(noise(2 + 8 * 0.75 - 0.01), baseline('noise', 2, 0.05), ctx).result.status).toBe('warning');
    expect(judgeCheck(noise(2 + 8 * 0.75 + 0.01), baseline('noise', 2, 0.05), ctx).result.status).toBe('error');
  });

  it('does not alarm on a small wobble of a camera whose value never moved (the floors)', () => {
    expect(judgeCheck(noise(2.7), baseline('noise', 2, 0), ctx).rule).toBe('within_normal');
    // Near zero the threshold floor decides: 5% of noise_max is 0.75, so 4 margins is 3.
    expect(judgeCheck(noise(2.95), baseline('noise', 0, 0), ctx).rule).toBe('within_normal');
    expect(judgeCheck(noise(3.05), baseline('noise', 0, 0), ctx).rule).toBe('deviation');
    // The relative floor: 10% of a median of 500 is 50, so 4 margins is 200.
    expect(judgeCheck(clarity(310), baseline('clarity', 500, 0), ctx).rule).toBe('within_normal');
    expect(judgeCheck(clarity(290), baseline('clarity', 500, 0), ctx).rule).toBe('deviation');
  });

  it('knows which side is worse for each check', () => {
    // Clarity: falling is worse, rising is not.
    expect(judgeCheck(clarity(2000), baseline('clarity', 500, 10), ctx).rule).toBe('within_normal');
    expect(judgeCheck(clarity(150), baseline('clarity', 500, 10), ctx).rule).toBe('deviation');
    // Brightness: both ways.
    const bright = (v: number) => verdict('brightness', v, 0.2);
    expect(judgeCheck(bright(60), baseline('brightness', 120, 3), ctx).result.message.en).toContain('below');
    expect(judgeCheck(bright(190), baseline('brightness', 120, 3), ctx).result.message.en).toContain('above');
    const within = judgeCheck(bright(130), baseline('brightness', 120, 3), ctx);
    expect(within.rule).toBe('within_normal');
    // Both edges for brightness (the spread floored at 10% of the median: 12), the lower one for clarity.
    expect(within.result.metrics).toMatchObject({ baseline_low: 72, baseline_high: 168 });
    const sharp = judgeCheck(clarity(2000), baseline('clarity', 500, 10), ctx).result.metrics;
    expect(sharp).toMatchObject({ baseline_low: 300 });
    expect(sharp.baseline_high).toBeUndefined();
  });

  it('takes a still scene whose change fell with its noise for live, and a repeated picture for frozen', () => {
    const freeze = (value: number) => verdict('freeze', value, severityBelow(value, 0.01));
    // Eval, hotel by day: 0.29 of the pixels change between frames; a colour cast hides some noise (0.17).
    const hotel = baseline('freeze', 0.288, 0.0094);
    const cast = judgeCheck(freeze(0.166), hotel, ctx);
    // Four spreads below the median, but not a quarter of it: the edge is the lower of the two.
    expect(cast.result.metrics.baseline_deviation).toBeGreaterThan(4);
    expect(cast.rule).toBe('within_normal');
    expect(cast.result.status).toBe('normal');
    expect(cast.result.metrics.baseline_low).toBeCloseTo(0.072, 4);
    // A patrol camera resting at a preset: its picture stops moving, its sensor does not.
    expect(judgeCheck(freeze(0.36), baseline('freeze', 0.972, 0.0005), ctx).rule).toBe('within_normal');
    // The repeated picture is a platform fault whatever the camera's normal.
    const frozen = judgeCheck(freeze(0.0006), hotel, ctx);
    expect(frozen.rule).toBe('deviation');
    expect(frozen.result.status).toBe('error');
    // A frozen night picture that the encoder keeps dithering (0.11) leaves a noisy camera's normal.
    const night = judgeCheck(freeze(0.113), baseline('freeze', 0.65, 0.01), ctx);
    expect(night.rule).toBe('deviation');
    expect(night.result.status).toBe('error');
    expect(night.result.metrics.baseline_low).toBeCloseTo(0.1625, 4);
  });

  it('lets a severe platform verdict stand even inside a camera\'s normal (a camera that is always bad)', () => {
    const r = clarity(30);
    expect(r.status).toBe('error');
    const j = judgeCheck(r, baseline('clarity', 32, 3), ctx);
    expect(j.rule).toBe('absolute');
    expect(j.result.status).toBe('error');
    expect(j.result.message).toEqual(r.message);
  });

  it('does not clear the warning that the one-cause step named the cause of the run\'s other faults', () => {
    const dark = verdict('brightness', 27, severityBelow(27, 30), { dominant_cause: 1 });
    expect(dark.status).toBe('warning');
    // Darker than usual for this camera (1.3 spreads), though within its margin.
    const j = judgeCheck(dark, baseline('brightness', 37, 2), ctx);
    expect(j.rule).toBe('absolute');
    expect(j.result.status).toBe('warning');
    // Without the mark the same warning is this camera's normal.
    expect(judgeCheck({ ...dark, metrics: { value: 27 } }, baseline('brightness', 37, 2), ctx).rule).toBe('cleared');
  });

  it('clears a cause no worse than the camera\'s usual spread: it is what this camera always shows', () => {
    // A sky over most of the picture reads as a mild veil on every run of this camera.
    const veil = verdict('lens_dirty', 0.335, severityAbove(0.335, 0.3, 0.6), { dominant_cause: 1 });
    expect(veil.status).toBe('warning');
    const j = judgeCheck(veil, baseline('lens_dirty', 0.335, 0), ctx);
    expect(j.rule).toBe('cleared');
    expect(j.result.status).toBe('normal');
  });

  it('keeps the platform message when both rules find the fault, with the larger severity', () => {
    const r = clarity(40);
    const j = judgeCheck(r, baseline('clarity', 600, 20), ctx);
    expect(j.rule).toBe('deviation');
    expect(j.result.message).toEqual(r.message);
    expect(j.result.score).toBeLessThanOrEqual(r.score);
  });

  it('does not raise a deviation that another check\'s clear fault explains', () => {
    const j = judgeCheck(noise(6), baseline('noise', 2, 0.05), { ...ctx, raise: false });
    expect(j.rule).toBe('held');
    expect(j.result.status).toBe('normal');
  });

  it('judges by the platform thresholds alone while the scene has changed', () => {
    const j = judgeCheck(clarity(70), baseline('clarity', 65, 4), { ...ctx, sceneChanged: true });
    expect(j.rule).toBe('scene_changed');
    expect(j.result.status).toBe('warning');
  });

  it('leaves alone what it cannot judge: scene_change, a check that did not run, a value set aside', () => {
    const scene = verdict('scene_change', 0.5, 1.5);
    expect(judgeCheck(scene, undefined, ctx)).toEqual({ result: scene, rule: null });
    const failed = { ...clarity(70), error: 'no frame decoded' };
    expect(judgeCheck(failed, baseline('clarity', 65, 4), ctx).rule).toBeNull();
    const noValue: CheckResult = { ...clarity(70), metrics: {} };
    expect(judgeCheck(noValue, baseline('clarity', 65, 4), ctx).rule).toBeNull();
    // Set aside by the one-cause or night step.
    const setAside: CheckResult = { ...clarity(70), status: 'normal', metrics: { value: 70, not_assessed: 1, not_assessed_by_blue_screen: 1 } };
    expect(judgeCheck(setAside, baseline('clarity', 65, 4), ctx).rule).toBeNull();
  });

  it('inverts the platform score bands', () => {
    for (const s of [0, 0.3, 0.99, 1, 1.5, 2, 2.7, 3.5]) expect(severityOfScore(scoreFromSeverity(s))).toBeCloseTo(s, 2);
  });
});
