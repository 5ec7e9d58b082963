// The clips judged as a camera in the field judges them: each scene is one camera that has already
// seen HISTORY_RUNS healthy runs by day and by night (other runs than the judged clip), learned its
// normal from them with the engine's CameraBaselines, and then judges every clip of the scene
// against that normal. Judged clips teach nothing (as a manual "diagnose now"), so each clip meets
// the same history whatever the order.
import { CameraBaselines, type BaselineBook } from '../../main/core/baselines/camera-baselines.ts';
import type { CameraDiagnosis } from '../../main/core/diagnosis/camera-probe.ts';
import type { BaselineHistory, BaselineSeries, BaselineUpdate, PictureMode } from '../../main/core/store/baselines.ts';
import type { Clip, Variant } from './clips.ts';

/** The store's semantics (store/baselines.ts) in memory: newest value first, `window` kept, a reset forgets. */
class MemoryBaselineBook implements BaselineBook {
  private readonly cameras = new Map<string, BaselineHistory>();

  history(cameraId: number | string): BaselineHistory {
    return this.cameras.get(String(cameraId)) ?? { series: [], sceneChangeStreak: 0, resetAt: null };
  }

  update(cameraId: number | string, update: BaselineUpdate, window: number): void {
    const before = this.history(cameraId);
    const series: BaselineSeries[] = update.reset ? [] : before.series.map((s) => ({ ...s, values: [...s.values], lights: [...s.lights] }));
    for (const sample of update.samples) {
      let s = series.find((x) => x.type === sample.type && x.mode === sample.mode);
      if (!s) series.push((s = { type: sample.type, mode: sample.mode, values: [], lights: [], updatedAt: 0 }));
      s.values = [sample.value, ...s.values].slice(0, window);
      // As the store: lights beside night values only, one with every value, so they stay aligned.
      if (sample.mode === 'night') s.lights = [update.light ?? null, ...s.lights].slice(0, window);
    }
    this.cameras.set(String(cameraId), { series, sceneChangeStreak: update.sceneChangeStreak, resetAt: update.reset ? Date.now() : before.resetAt });
  }
}

export interface HistoryJudgement {
  /** Each judged clip's diagnosis against its camera's learned normal, by clip id. */
  judged: Map<string, CameraDiagnosis>;
  /** Per picture mode: scenes whose camera learned a trusted normal, and scenes in all. */
  learned: Record<Variant, { cameras: number; of: number }>;
}

function trusts(baselines: CameraBaselines, camera: string, mode: PictureMode): boolean {
  return baselines.learned(camera).baselines.some((b) => b.mode === mode && b.ready);
}

/**
 * `history` are the history clips (historyClips) and `judge` the clips to judge; `diagnoses` holds
 * the first-run diagnosis of every one of them by clip id.
 */
export function judgeWithHistory(history: readonly Clip[], judge: readonly Clip[], diagnoses: ReadonlyMap<string, CameraDiagnosis>): HistoryJudgement {
  const baselines = new CameraBaselines(new MemoryBaselineBook());
  const judged = new Map<string, CameraDiagnosis>();
  const learned: HistoryJudgement['learned'] = { day: { cameras: 0, of: 0 }, night: { cameras: 0, of: 0 } };
  const scenes = [...new Set(judge.map((c) => c.scene.id))];
  for (const scene of scenes) {
    for (const clip of history.filter((c) => c.scene.id === scene)) baselines.judge(scene, diagnoses.get(clip.id)!, { learn: true });
    for (const mode of ['day', 'night'] as const) {
      learned[mode].of++;
      if (trusts(baselines, scene, mode)) learned[mode].cameras++;
    }
    for (const clip of judge.filter((c) => c.scene.id === scene)) judged.set(clip.id, baselines.judge(scene, diagnoses.get(clip.id)!, { learn: false }));
  }
  return { judged, learned };
}
