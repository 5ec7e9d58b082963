// The platform's task envelope (protocol.md), parsed tolerantly: numeric or string ids, extra
// fields, and envelopes that older platform builds nested one level inside `data`.
import { z } from 'zod';

/** A lone UTF-16 surrogate: SQLite and JSON re-encoding turn each into U+FFFD, so two such ids would collide. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);
const NOT_UNICODE = 'not valid Unicode (it holds a lone surrogate)';
const id = z.union([z.number().int().finite(), z.string().trim().min(1).max(200).refine(wellFormed, NOT_UNICODE)]);
const isoish = z.string().trim().min(1).max(64).refine(wellFormed, NOT_UNICODE);

export const inlineCameraSchema = z
  .object({
    id,
    code: z.string().max(200).nullish(),
    name: z.string().max(500).nullish(),
    stream_url: z.string().max(4096).nullish(),
    backup_stream_url: z.string().max(4096).nullish(),
    location: z.string().max(1000).nullish(),
    username: z.string().max(500).nullish(),
    password: z.string().max(500).nullish(),
    /** The platform's flag: an inactive camera is skipped, as the platform's executor skips it. */
    is_active: z.boolean().nullish(),
  })
  .loose();

export type InlineCamera = z.infer<typeof inlineCameraSchema>;

const dataSchema = z
  .object({
    task_id: id.optional(),
    task_type: z.string().max(100).optional(),
    camera_ids: z.array(id).max(10_000).default([]),
    cameras: z.array(inlineCameraSchema).max(10_000).optional(),
    diagnosis_types: z.array(z.string().max(100)).max(100).optional(),
    diagnosis_config: z.record(z.string(), z.unknown()).default({}),
    threshold_config: z.record(z.string(), z.unknown()).default({}),
    scheduled_at: isoish.nullish(),
    immediate: z.boolean().optional(),
  })
  .loose();

const envelopeSchema = z
  .object({
    task_id: id,
    task_type: z.string().max(100).default('diagnosis'),
    created_at: isoish.nullish(),
    priority: z.number().int().min(0).max(255).optional(),
    data: z.unknown(),
  })
  .loose();

export interface TaskEnvelope {
  taskId: number | string;
  taskType: string;
  createdAt?: string;
  scheduledAt?: string;
  priority?: number;
  cameraIds: Array<number | string>;
  cameras: InlineCamera[];
  /** As sent; unknown names are answered per camera, not dropped silently. */
  diagnosisTypes?: string[];
  diagnosisConfig: Record<string, unknown>;
  thresholdConfig: Record<string, unknown>;
  immediate?: boolean;
}

export type EnvelopeParse = { ok: true; envelope: TaskEnvelope } | { ok: false; reason: string; taskId?: number | string };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Unwraps `data` while it is itself a whole envelope (the platform's busy-worker republish bug). */
function innermostData(data: unknown): unknown {
  let current = data;
  for (let depth = 0; depth < 5 && isObject(current) && isObject(current.data) && !('camera_ids' in current) && !('cameras' in current); depth++) {
    current = current.data;
  }
  return current;
}

export function parseTaskEnvelope(value: unknown): EnvelopeParse {
  const outer = envelopeSchema.safeParse(value);
  if (!outer.success) {
    const maybeId = isObject(value) ? id.safeParse(value.task_id) : undefined;
    return { ok: false, reason: `invalid task envelope: ${describe(outer.error)}`, ...(maybeId?.success ? { taskId: maybeId.data } : {}) };
  }
  const env = outer.data;
  const data = dataSchema.safeParse(innermostData(env.data) ?? {});
  if (!data.success) return { ok: false, reason: `invalid task data: ${describe(data.error)}`, taskId: env.task_id };
  const d = data.data;
  return {
    ok: true,
    envelope: {
      taskId: env.task_id,
      taskType: env.task_type,
      createdAt: env.created_at ?? undefined,
      scheduledAt: d.scheduled_at ?? undefined,
      priority: env.priority,
      cameraIds: d.camera_ids,
      cameras: d.cameras ?? [],
      diagnosisTypes: d.diagnosis_types,
      diagnosisConfig: d.diagnosis_config,
      thresholdConfig: d.threshold_config,
      immediate: d.immediate,
    },
  };
}
