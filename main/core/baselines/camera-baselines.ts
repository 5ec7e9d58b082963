// A camera's run judged against its own history, and the history kept up to date:
// - each check with a trusted normal for this picture mode (day or night, from metrics.night) is
//   judged by judgeCheck; the others keep the platform's absolute verdict;
// - a healthy run (probe ok, every check ran, no error/critical verdict, no deviation; a warning
//   the baseline did not confirm is fine, even one named the cause of others) adds its values to
//   the history, so a plain scene whose normal sits just past a threshold is learned, not alarmed
//   forever; rows set aside as "not assessed" add nothing;
// - scene_change abnormal on `confirmSceneChange` consecutive runs means the camera sees another
//   scene: its history starts over once, and that run is the first of the new one. Until then a
//   run with a scene change is judged by the absolute thresholds and teaches nothing.
import type { BaselineRule } from '../../../shared/diagnosis/baseline-rules.ts';
import { isSevere, type CheckResult, type CheckType } from '../../../shared/diagnosis/types.ts';
import type { CameraDiagnosis } from '../diagnosis/camera-probe.ts';
import type { BaselineHistory, BaselineUpdate, PictureMode } from '../store/baselines.ts';
import { isJudgeable, judgeCheck, type Judgement } from './judge.ts';
import { baselineKey, learnBaselines, learnBaselinesByLight, type LearnedBaseline } from './learn.ts';
import { DEFAULT_BASELINE_OPTIONS, type BaselineOptions } from './options.ts';

/** Where baselines are kept: the SQLite store in the engine, anything with these two calls in tests. */
export interface BaselineBook {
  history(cameraId: number | string): BaselineHistory;
  /** May apply later (the worker's lazy group commit); a failure is the book's to report. */
  update(cameraId: number | string, update: BaselineUpdate, window: number): void;
}

export interface JudgeOptions {
  /** False for a manual "diagnose now": judged, but a burst of manual probes teaches nothing. */
  learn: boolean;
}

export function pictureMode(result: CheckResult): PictureMode {
  return result.metrics.night === 1 ? 'night' : 'day';
}

/** The run's mean luma: the brightness check's value, else the one the contrast check read; null when neither ran. */
export function runLight(results: readonly CheckResult[]): number | null {
  const measured = (type: CheckType, key: string): number | undefined => {
    const v = results.find((r) => r.type === type && r.error === undefined)?.metrics[key];
    return v !== undefined && Number.isFinite(v) ? v : undefined;
  };
  return measured('brightness', 'value') ?? measured('contrast', 'meanLuma') ?? null;
}

/**
 * A camera that has sent colour pictures sends grey ones only in IR night mode, lit by its own
 * illuminator: a darker grey picture is then a fault (a failed illuminator), not other light. Only a
 * camera that never did (black and white, or a grey scene) has grey days and nights, told by light.
 */
function isMonochrome(history: BaselineHistory): boolean {
  return !history.series.some((s) => s.mode === 'day');
}

function sceneChangeAbnormal(results: readonly CheckResult[]): boolean | undefined {
  const scene = results.find((r) => r.type === 'scene_change' && r.error === undefined);
  return scene === undefined ? undefined : scene.status !== 'normal';
}

export class CameraBaselines {
  readonly options: Readonly<BaselineOptions>;
  private readonly book: BaselineBook;

  constructor(book: BaselineBook, options: Partial<BaselineOptions> = {}) {
    this.book = book;
    this.options = { ...DEFAULT_BASELINE_OPTIONS, ...options };
  }

  /** The camera's learned normal per check and picture mode (for a black-and-white camera, per band of light). */
  learned(cameraId: number | string): { baselines: LearnedBaseline[]; sceneChangeStreak: number; resetAt: number | null } {
    const history = this.book.history(cameraId);
    const baselines = isMonochrome(history) ? learnBaselinesByLight(history.series, this.options) : [...learnBaselines(history.series, this.options).values()];
    return { baselines, sceneChangeStreak: history.sceneChangeStreak, resetAt: history.resetAt };
  }

  judge(cameraId: number | string, d: CameraDiagnosis, options: JudgeOptions): CameraDiagnosis {
    if (!d.ok) return d;
    const history = this.book.history(cameraId);
    const sceneChanged = sceneChangeAbnormal(d.results);
    const streak = sceneChanged === undefined ? history.sceneChangeStreak : sceneChanged ? history.sceneChangeStreak + 1 : 0;
    const confirmed = sceneChanged === true && streak === this.options.confirmSceneChange;
    const modes = new Set(d.results.map(pictureMode));
    const light = runLight(d.results);
    const learned = confirmed
      ? new Map<string, LearnedBaseline>()
      : learnBaselines(history.series.filter((x) => modes.has(x.mode)), this.options, isMonochrome(history) ? light : null);
    // After the confirming run the new scene has its own history, judged like any other.
    const unsettled = sceneChanged === true && streak < this.options.confirmSceneChange;
    const judgeAll = (raise: boolean) =>
      d.results.map((r) => judgeCheck(r, learned.get(baselineKey(r.type, pictureMode(r))), { options: this.options, raise, sceneChanged: unsettled }));
    // A fault moves many measures at once; those moves are its symptoms, not more causes. So when a
    // check is abnormal by the platform's thresholds and the camera's normal does not clear it, the
    // other checks' deviations are held: the run has its cause.
    const first = judgeAll(true);
    const judged = first.some((j, i) => standsByThreshold(d.results[i]!, j)) ? judgeAll(false) : first;
    const results = judged.map((j) => j.result);
    if (options.learn) {
      const teaches = !unsettled && healthy(results, judged.map((j) => j.rule));
      const update: BaselineUpdate = {
        samples: teaches ? results.filter(isJudgeable).map((r) => ({ type: r.type, mode: pictureMode(r), value: r.metrics.value! })) : [],
        light,
        sceneChangeStreak: streak,
        reset: confirmed,
      };
      if (update.reset || update.samples.length > 0 || streak !== history.sceneChangeStreak) this.book.update(cameraId, update, this.options.window);
    }
    return { ...d, results };
  }
}

/** Abnormal by the platform's thresholds, and still abnormal against the camera's normal. */
function standsByThreshold(measured: CheckResult, j: Judgement): boolean {
  return measured.type !== 'scene_change' && measured.status !== 'normal' && j.result.status !== 'normal';
}

function healthy(results: readonly CheckResult[], rules: ReadonlyArray<BaselineRule | null>): boolean {
  if (results.some((r) => r.error !== undefined)) return false;
  if (results.some((r) => r.type !== 'scene_change' && isSevere(r))) return false;
  return !rules.some((rule) => rule === 'deviation' || rule === 'held');
}
