// Diagnose one camera: grab what the asked-for checks need, analyse it off the main thread,
// and turn an open failure into a classified signal_loss verdict instead of an exception.
import type { CheckResult, CheckType } from '../../../shared/diagnosis/types.ts';
import type { Thresholds } from '../../../shared/diagnosis/thresholds.ts';
import { ANALYSERS } from './analysers/registry.ts';
import type { ColourFrame, Frame } from './frame.ts';
import type { AnalysisRunner } from './pool/analysis-job.ts';
import { grabFrames, type GrabRequest } from './source/grab.ts';
import type { FailureKind, SourceFailure } from './source/failure.ts';
import { failureResult } from './failure-result.ts';

export interface CameraTarget {
  id?: number | string;
  name?: string;
  source: string;
  username?: string;
  password?: string;
}

export interface ProbeRequest {
  camera: CameraTarget;
  types: readonly CheckType[];
  /** Merged thresholds per type (see mergeThresholds); defaults apply where absent. */
  thresholds?: Partial<Record<CheckType, Thresholds>>;
  /** Frames for the multi-frame checks; 1 means the first keyframe alone. */
  frames?: number;
  timeoutMs?: number;
  width?: number;
  snapshotPath?: string;
  thumbnail?: boolean;
  reference?: Frame;
  /** Return the newest frame's colours as lastFrame (a copy, made only when asked: the pool takes the originals). */
  keepNewest?: boolean;
  ffmpegPath?: string;
  allowFiles?: boolean;
  signal?: AbortSignal;
}

export interface CameraDiagnosis {
  camera: CameraTarget;
  ok: boolean;
  failure?: SourceFailure;
  results: CheckResult[];
  snapshotPath?: string;
  thumbnail?: Buffer;
  /** With keepNewest: the newest analysed frame, e.g. to keep as the camera's scene_change reference. */
  lastFrame?: ColourFrame;
  capturedAt: string;
  totalMs: number;
}

/** Failures that say the request itself was wrong, not that the camera is down. */
export const CONFIG_FAILURES: readonly FailureKind[] = ['invalid_source', 'unsupported_protocol', 'ffmpeg_missing'];

export function needsWindow(types: readonly CheckType[]): boolean {
  return types.some((t) => ANALYSERS[t].need === 'window');
}

export async function probeCamera(request: ProbeRequest, pool: AnalysisRunner): Promise<CameraDiagnosis> {
  const started = performance.now();
  const capturedAt = new Date().toISOString();
  const frames = request.frames ?? 8;
  const grab: GrabRequest = {
    source: request.camera.source,
    username: request.camera.username,
    password: request.camera.password,
    mode: frames > 1 && needsWindow(request.types) ? 'window' : 'keyframe',
    maxFrames: frames,
    width: request.width,
    totalTimeoutMs: request.timeoutMs,
    snapshotPath: request.snapshotPath,
    thumbnail: request.thumbnail,
    allowFiles: request.allowFiles,
    ffmpegPath: request.ffmpegPath,
    signal: request.signal,
  };
  const outcome = await grabFrames(grab);
  const elapsed = () => Math.round(performance.now() - started);
  if (!outcome.ok) {
    const result = failureResult(outcome.failure, elapsed(), !CONFIG_FAILURES.includes(outcome.failure.kind));
    return { camera: request.camera, ok: false, failure: outcome.failure, results: [result], capturedAt, totalMs: elapsed() };
  }
  const frameSet = { ...outcome.frameSet, reference: request.reference };
  const lastFrame = frameSet.frames[frameSet.frames.length - 1];
  // The pool takes the frame buffers without copying, so keep our own copy of the newest one's colours.
  const keep = request.keepNewest && lastFrame?.rgb ? { width: lastFrame.width, height: lastFrame.height, time: lastFrame.time, rgb: lastFrame.rgb.slice() } : undefined;
  const results = await pool.run({ types: request.types, frameSet, thresholds: request.thresholds ?? {} });
  return {
    camera: request.camera,
    ok: true,
    results,
    snapshotPath: outcome.snapshotPath,
    thumbnail: outcome.thumbnail,
    lastFrame: keep,
    capturedAt,
    totalMs: elapsed(),
  };
}
