// Reads one message of task.results. An edge node's result names its worker and run and carries
// the rows; a result without them (the platform's own consumer) is foreign: the platform wrote
// its outcome into its tables itself, so the bridge records it and writes nothing. Anything that
// can never be written is poison, with the reason.
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** No edge result needs more: the worker trims its results to 8 MiB by default. */
export const MAX_RESULT_BYTES = 64 * 1024 * 1024;

const STATUSES = ['normal', 'warning', 'error', 'critical'] as const;
export type RowStatus = (typeof STATUSES)[number];

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const rowSchema = z.object({
  camera_id: z.union([z.number(), z.string(), z.null()]).optional(),
  camera_name: z.string().nullish(),
  camera_location: z.string().nullish(),
  diagnosis_type: z.string().min(1),
  diagnosis_status: z.enum(STATUSES),
  score: finite.nullish(),
  threshold: finite.nullish(),
  thresholds: z.record(z.string(), z.unknown()).nullish(),
  is_abnormal: z.boolean().optional(),
  processing_time: finite.nullish(),
  error_message: z.string().nullish(),
  suggestions: z.array(z.string()).nullish(),
  metrics: z.record(z.string(), z.unknown()).nullish(),
  image_timestamp: z.string().nullish(),
});

const envelopeSchema = z.object({
  task_id: z.union([z.number(), z.string()]),
  worker_id: z.string().min(1).max(100).optional(),
  run_id: z.string().min(1).optional(),
  created_at: z.string().nullish(),
  scheduled_at: z.string().nullish(),
  completed_at: z.string().nullish(),
  result: z.object({
    success: z.boolean(),
    error: z.string().nullish(),
    results: z.array(rowSchema).optional(),
  }),
});

export interface ResultRow {
  cameraId: number | null;
  /** The camera id as the edge node knew it, when it is not the platform's integer id. */
  cameraRef: string | number | null;
  cameraName: string | null;
  cameraLocation: string | null;
  type: string;
  status: RowStatus;
  score: number | null;
  threshold: number | null;
  thresholds: Record<string, unknown>;
  abnormal: boolean;
  processingTime: number | null;
  errorMessage: string | null;
  suggestions: string[];
  metrics: Record<string, unknown>;
  imageTimestamp: Date | null;
}

export interface EdgeResult {
  kind: 'edge';
  messageId: string;
  taskId: number;
  workerId: string;
  runId: string;
  success: boolean;
  error: string | null;
  completedAt: Date;
  rows: ResultRow[];
}

export interface ForeignResult {
  kind: 'foreign';
  messageId: string;
  taskId: number;
  success: boolean;
}

export type ParsedResult = EdgeResult | ForeignResult | { kind: 'poison'; reason: string };

const INT4_MAX = 2_147_483_647;

function platformInt(value: number | string | null | undefined): number | null {
  const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= INT4_MAX ? n : null;
}

function date(text: string | null | undefined): Date | null {
  if (!text) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The id duplicates are dropped by: the publisher's message_id, or the body's hash without one. */
export function messageIdOf(propertyId: unknown, body: Buffer): string {
  if (typeof propertyId === 'string' && propertyId !== '') return propertyId;
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

export function parseResult(body: Buffer, propertyId: unknown): ParsedResult {
  if (body.length > MAX_RESULT_BYTES) return { kind: 'poison', reason: `result body of ${body.length} bytes exceeds ${MAX_RESULT_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return { kind: 'poison', reason: `result is not JSON: ${(err as Error).message}` };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'poison', reason: `not a result envelope: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}` };
  }
  const e = parsed.data;
  const taskId = platformInt(e.task_id);
  if (taskId === null) return { kind: 'poison', reason: `task_id ${JSON.stringify(e.task_id)} is not an integer: the platform's tables key tasks by integer id` };
  const messageId = messageIdOf(propertyId, body);
  if (e.worker_id === undefined || e.run_id === undefined) return { kind: 'foreign', messageId, taskId, success: e.result.success };
  const rows = (e.result.results ?? []).map(
    (r): ResultRow => ({
      cameraId: platformInt(r.camera_id),
      cameraRef: r.camera_id ?? null,
      cameraName: r.camera_name ?? null,
      cameraLocation: r.camera_location ?? null,
      type: r.diagnosis_type,
      status: r.diagnosis_status,
      score: r.score ?? null,
      threshold: r.threshold ?? null,
      thresholds: r.thresholds ?? {},
      abnormal: r.is_abnormal ?? r.diagnosis_status !== 'normal',
      processingTime: r.processing_time ?? null,
      errorMessage: r.error_message ?? null,
      suggestions: r.suggestions ?? [],
      metrics: r.metrics ?? {},
      imageTimestamp: date(r.image_timestamp),
    }),
  );
  return {
    kind: 'edge',
    messageId,
    taskId,
    workerId: e.worker_id,
    runId: e.run_id,
    success: e.result.success,
    error: e.result.error ?? null,
    completedAt: date(e.completed_at) ?? new Date(),
    rows,
  };
}
