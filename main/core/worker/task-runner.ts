// Runs one task: every camera through the probe limiter, under the task's deadline. A camera not
// finished by the deadline is stopped and answered as timed out; the rest of the task still counts.
import { isCheckType, PLATFORM_CHECKS, type CheckType } from '../../../shared/diagnosis/types.ts';
import { mergeThresholds, type Thresholds } from '../../../shared/diagnosis/thresholds.ts';
import type { TaskEnvelope } from '../../../shared/protocol/task-message.ts';
import type { CameraBaselines } from '../baselines/camera-baselines.ts';
import { CONFIG_FAILURES, probeCamera, type CameraDiagnosis } from '../diagnosis/camera-probe.ts';
import { notAnalysedResult } from '../diagnosis/failure-result.ts';
import type { ColourFrame, Frame } from '../diagnosis/frame.ts';
import type { AnalysisPool } from '../diagnosis/pool/analysis-pool.ts';
import type { ProbeLimiter } from '../diagnosis/probe-limiter.ts';
import type { CameraLookup, ResolvedCamera } from './camera-resolver.ts';

export interface TaskRunnerDeps {
  pool: AnalysisPool;
  limiter: ProbeLimiter;
  framesPerProbe: number;
  analysisWidth: number;
  ffmpegPath?: string;
  allowFileSources: boolean;
  snapshotPath(camera: ResolvedCamera): string | undefined;
  reference(cameraId: number | string): Frame | undefined;
  saveReference(cameraId: number | string, frame: ColourFrame): void;
  /** Judges each camera against its own normal and learns from its healthy runs. */
  baselines?: CameraBaselines;
  /** Told of every probe that ran to its end (not stopped): what the probe concurrency adapts to. */
  onProbeDone?(diagnosis: CameraDiagnosis): void;
}

export interface TaskRunOptions {
  timeoutMs: number;
  /** Aborted to stop the task at once (switch-off with "stop now"). */
  stop?: AbortSignal;
  onCameraStart?(camera: ResolvedCamera): void;
  onCameraDone?(camera: ResolvedCamera): void;
}

export interface TaskPlan {
  types: CheckType[];
  unknownTypes: string[];
  thresholds: Partial<Record<CheckType, Thresholds>>;
}

export type TaskEnd = 'completed' | 'timed_out' | 'stopped';

export interface TaskOutcome {
  end: TaskEnd;
  diagnoses: CameraDiagnosis[];
  plan: TaskPlan;
  /** Cameras not diagnosed because the platform marks them inactive. */
  skipped: Array<{ camera_id: number | string; camera_name: string; reason: string }>;
}

/** Which checks a task asks for: the platform's 14 when it names none. */
export function planTask(envelope: TaskEnvelope): TaskPlan {
  const asked = envelope.diagnosisTypes && envelope.diagnosisTypes.length > 0 ? [...new Set(envelope.diagnosisTypes)] : [...PLATFORM_CHECKS];
  const types = asked.filter(isCheckType);
  const unknownTypes = asked.filter((t) => !isCheckType(t));
  const thresholds: Partial<Record<CheckType, Thresholds>> = {};
  for (const t of types) thresholds[t] = mergeThresholds(t, envelope.diagnosisConfig, envelope.thresholdConfig);
  return { types, unknownTypes, thresholds };
}

function notRun(id: number | string, name: string, types: readonly CheckType[], zh: string, en: string, error: string): CameraDiagnosis {
  return {
    camera: { id, name, source: '' },
    ok: false,
    results: types.map((t) => notAnalysedResult(t, { 'zh-CN': zh, en }, error)),
    capturedAt: new Date().toISOString(),
    totalMs: 0,
  };
}

async function probeWithBackup(camera: ResolvedCamera, plan: TaskPlan, deps: TaskRunnerDeps, signal: AbortSignal, timeoutMs: number): Promise<CameraDiagnosis> {
  const reference = plan.types.includes('scene_change') ? deps.reference(camera.id) : undefined;
  const request = {
    types: plan.types,
    thresholds: plan.thresholds,
    frames: deps.framesPerProbe,
    width: deps.analysisWidth,
    timeoutMs,
    thumbnail: true,
    snapshotPath: deps.snapshotPath(camera),
    reference,
    // The newest frame becomes the reference when there is none yet; otherwise no copy of it is made.
    keepNewest: plan.types.includes('scene_change') && !reference,
    ffmpegPath: deps.ffmpegPath,
    // Only a URL entered at this computer may read local files, unless allowed: URLs from the broker,
    // the platform's API or a camera sync are someone else's.
    allowFiles: camera.origin === 'inventory' || deps.allowFileSources,
    signal,
  };
  const target = { id: camera.id, name: camera.name, source: camera.source, username: camera.username, password: camera.password };
  let d = await probeCamera({ ...request, camera: target }, deps.pool);
  const cameraDown = !d.ok && d.failure !== undefined && !CONFIG_FAILURES.includes(d.failure.kind) && d.failure.kind !== 'aborted';
  if (cameraDown && camera.backupSource && !signal.aborted) {
    d = await probeCamera({ ...request, camera: { ...target, source: camera.backupSource } }, deps.pool);
  }
  if (d.ok && d.lastFrame && plan.types.includes('scene_change') && !request.reference) deps.saveReference(camera.id, d.lastFrame);
  return deps.baselines ? deps.baselines.judge(camera.id, d, { learn: true }) : d;
}

export async function runTask(cameras: readonly CameraLookup[], plan: TaskPlan, deps: TaskRunnerDeps, options: TaskRunOptions): Promise<TaskOutcome> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.stop ? AbortSignal.any([deadline, options.stop]) : deadline;
  const started = Date.now();
  const endOf = (): TaskEnd => (options.stop?.aborted ? 'stopped' : deadline.aborted ? 'timed_out' : 'completed');
  const cut = (c: { id: number | string; name: string }) =>
    endOf() === 'stopped'
      ? notRun(c.id, c.name, plan.types, '诊断被停止', 'Stopped before this camera finished', 'stopped')
      : notRun(c.id, c.name, plan.types, '任务超时，该摄像机未完成诊断', 'Task timed out before this camera finished', 'task_timeout');

  const skipped = cameras.flatMap((l) => (!l.ok && l.skipped ? [{ camera_id: l.id, camera_name: l.skipped.name, reason: l.reason }] : []));
  const diagnoses = await Promise.all(
    cameras.filter((l) => l.ok || !l.skipped).map(async (lookup): Promise<CameraDiagnosis> => {
      if (!lookup.ok) return notRun(lookup.id, String(lookup.id), plan.types, '未知摄像机', 'Unknown camera', lookup.reason);
      const camera = lookup.camera;
      if (plan.types.length === 0) return notRun(camera.id, camera.name, [], '', '', '');
      return deps.limiter.run(async () => {
        if (signal.aborted) return cut(camera);
        options.onCameraStart?.(camera);
        const remaining = Math.max(1000, options.timeoutMs - (Date.now() - started));
        const d = await probeWithBackup(camera, plan, deps, signal, remaining);
        options.onCameraDone?.(camera);
        if (!d.ok && d.failure?.kind === 'aborted') return cut(camera);
        deps.onProbeDone?.(d);
        return d;
      });
    }),
  );
  return { end: endOf(), diagnoses, plan, skipped };
}
