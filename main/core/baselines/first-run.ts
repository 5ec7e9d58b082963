// A camera judged with no history at all: what `easysight-edge diagnose` shows, and what a camera's
// first run in the worker shows (a warning only just past a platform threshold is provisional).
import type { CameraDiagnosis } from '../diagnosis/camera-probe.ts';
import { CameraBaselines, type BaselineBook } from './camera-baselines.ts';

const NO_HISTORY: BaselineBook = {
  history: () => ({ series: [], sceneChangeStreak: 0, resetAt: null }),
  update: () => undefined,
};

const firstRuns = new CameraBaselines(NO_HISTORY);

export function judgeFirstRun(d: CameraDiagnosis): CameraDiagnosis {
  return firstRuns.judge(d.camera.id ?? d.camera.source, d, { learn: false });
}
