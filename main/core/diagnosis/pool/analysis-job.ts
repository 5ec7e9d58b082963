// Messages between the analysis pool and its worker threads.
import type { CheckResult, CheckType } from '../../../../shared/diagnosis/types.ts';
import type { Thresholds } from '../../../../shared/diagnosis/thresholds.ts';
import type { FrameSet } from '../frame.ts';

export interface AnalysisJob {
  types: readonly CheckType[];
  frameSet: FrameSet;
  thresholds: Partial<Record<CheckType, Thresholds>>;
}

export interface JobRequest {
  id: number;
  job: AnalysisJob;
}

export type JobReply =
  | { id: number; ok: true; results: CheckResult[] }
  | { id: number; ok: false; message: string };

/** The frame buffers of a job, handed to the worker without a copy. */
export function transferablesOf(job: AnalysisJob): ArrayBuffer[] {
  const frames = [...job.frameSet.frames, ...(job.frameSet.reference ? [job.frameSet.reference] : [])];
  const buffers = new Set<ArrayBuffer>();
  for (const f of frames) {
    // A Buffer from a pool shares its ArrayBuffer with unrelated data: never transfer that.
    if (f.rgb.byteOffset === 0 && f.rgb.byteLength === f.rgb.buffer.byteLength && f.rgb.buffer instanceof ArrayBuffer) {
      buffers.add(f.rgb.buffer);
    }
  }
  return [...buffers];
}

/** Why a frame set cannot be analysed, or undefined when every frame's buffer matches its size. */
export function frameSetProblem(frameSet: FrameSet): string | undefined {
  if (frameSet.frames.length === 0) return 'no frame to analyse';
  const all = [...frameSet.frames, ...(frameSet.reference ? [frameSet.reference] : [])];
  for (const [i, f] of all.entries()) {
    const expected = f.width * f.height * 3;
    if (!Number.isInteger(f.width) || !Number.isInteger(f.height) || f.width < 1 || f.height < 1) return `frame ${i} has an invalid size ${f.width}x${f.height}`;
    if (f.rgb.length !== expected) return `frame ${i} has ${f.rgb.length} bytes, expected ${expected} for ${f.width}x${f.height} RGB`;
  }
  return undefined;
}
