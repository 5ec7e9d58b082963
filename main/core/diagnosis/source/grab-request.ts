// The tunable part of a grab request, checked once with defaults filled in: a bad number from a task
// message must become a clear failure, not a strange ffmpeg argument.
import { z } from 'zod';
import { sourceFailure, type SourceFailure } from './failure.ts';

const options = z.object({
  mode: z.enum(['keyframe', 'window']),
  windowSeconds: z.number().positive().max(60).default(2),
  maxFrames: z.number().int().min(1).max(100).default(8),
  // Even, so that the scaled height rule (-2) and chroma subsampling of the snapshot stay exact.
  width: z.number().int().min(16).max(3840).multipleOf(2).default(640),
  connectTimeoutMs: z.number().int().positive().max(600_000).default(5_000),
  readTimeoutMs: z.number().int().positive().max(600_000).default(5_000),
  totalTimeoutMs: z.number().int().positive().max(3_600_000).default(15_000),
});

export type GrabOptions = z.infer<typeof options>;

export function parseGrabOptions(input: unknown): GrabOptions | SourceFailure {
  const parsed = options.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return sourceFailure('invalid_source', `Invalid grab option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'rejected'}.`);
}
