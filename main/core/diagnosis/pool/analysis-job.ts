// A job of checks, what runs it, and the messages it travels in between the analysis pool and its
// worker threads.
import type { CheckResult, CheckType } from '../../../../shared/diagnosis/types.ts';
import type { Thresholds } from '../../../../shared/diagnosis/thresholds.ts';
import type { FrameSet } from '../frame.ts';

export interface AnalysisJob {
  types: readonly CheckType[];
  frameSet: FrameSet;
  thresholds: Partial<Record<CheckType, Thresholds>>;
}

/** What runs a job's checks: the pool of worker threads, or the caller's own thread (inline-analysis.ts). */
export interface AnalysisRunner {
  run(job: AnalysisJob): Promise<CheckResult[]>;
  close(): Promise<void>;
}

export interface JobRequest {
  id: number;
  job: AnalysisJob;
}

/** `buffers`: the job's frame buffers, handed back for reuse (see frame-buffers.ts). */
export type JobReply =
  | { id: number; ok: true; results: CheckResult[]; buffers: ArrayBuffer[] }
  | { id: number; ok: false; message: string; buffers: ArrayBuffer[] };

/** The frame buffers of a job, handed to the worker without a copy. */
export function transferablesOf(job: AnalysisJob): ArrayBuffer[] {
  const frames = [...job.frameSet.frames, ...(job.frameSet.reference ? [job.frameSet.reference] : [])];
  const buffers = new Set<ArrayBuffer>();
  for (const plane of frames.flatMap((f) => [f.rgb, f.gray])) {
    // A Buffer from a pool shares its ArrayBuffer with unrelated data: never transfer that.
    if (plane && plane.byteOffset === 0 && plane.byteLength === plane.buffer.byteLength && plane.buffer instanceof ArrayBuffer) {
      buffers.add(plane.buffer);
    }
  }
  return [...buffers];
}

/** Why a frame set cannot be analysed, or undefined when every frame's buffers match its size and the newest has its colours. */
export function frameSetProblem(frameSet: FrameSet): string | undefined {
  if (frameSet.frames.length === 0) return 'no frame to analyse';
  const all = [...frameSet.frames, ...(frameSet.reference ? [frameSet.reference] : [])];
  for (const [i, f] of all.entries()) {
    const expected = f.width * f.height * 3;
    if (!Number.isInteger(f.width) || !Number.isInteger(f.height) || f.width < 1 || f.height < 1) return `frame ${i} has an invalid size ${f.width}x${f.height}`;
    if (!f.rgb && !f.gray) return `frame ${i} has neither RGB nor luma`;
    if (f.rgb && f.rgb.length !== expected) return `frame ${i} has ${f.rgb.length} bytes, expected ${expected} for ${f.width}x${f.height} RGB`;
    if (f.gray && f.gray.length !== f.width * f.height) return `frame ${i} has ${f.gray.length} bytes of luma, expected ${f.width * f.height} for ${f.width}x${f.height}`;
  }
  if (!frameSet.frames.at(-1)!.rgb) return 'the newest frame has no RGB for the colour checks';
  return undefined;
}
