// Worker settings: defaults < config file < EDGE_* environment < command-line flags, parsed once
// at the edge with a schema so the engine trusts what it gets.
import { hostname } from 'node:os';
import { z } from 'zod';
import type { OverrideSource } from '../../../shared/api/settings.ts';
import { defaultDataDir } from './data-dir.ts';

/** A broker URL as the worker and the bridge take it. */
export const brokerUrl = z
  .string()
  .trim()
  .refine((u) => /^amqps?:\/\//i.test(u), 'a broker URL starts with amqp:// or amqps://')
  .refine((u) => URL.canParse(u), 'not a valid URL (a password with @ must be written %40)');

export const workerConfigSchema = z.object({
  brokers: z.array(brokerUrl).min(1, 'at least one broker URL').default(['amqp://guest:guest@127.0.0.1:5672/']),
  workerId: z.string().trim().min(1).max(100).regex(/^[\w.:-]+$/, 'worker id: letters, digits, _ . : - only').default(`edge-${hostname()}`),
  // Tasks at once: a task holds its cameras until its slowest probe ends, so with 3 tasks of 13 cameras
  // a 40-probe limit found 22-27 probes running on average, with 4 tasks 25-33 (10-20% more checks an
  // hour, measured with fixed limits). A task's timeout runs while it waits behind the others.
  concurrency: z.number().int().min(1).max(64).default(4),
  // The ceiling of the adaptive probe concurrency: 25,000 camera checks an hour at ~3 s a window probe
  // need ~28 at once once slots are lost to ramp-up and task ends, and a busy CPU more; 4 tasks of 13
  // cameras reach 52 at most. A probe in flight holds about 3 MB (luma window, the newest frame in
  // colour), so 48 of them take ~150 MB beside the idle worker's ~100 MB (README, "Memory per probe").
  // The controller stays below it when the CPU or the probe latency says so.
  probeLimit: z.number().int().min(1).max(256).default(48),
  heartbeatIntervalS: z.number().min(1).max(3600).default(30),
  taskTimeoutS: z.number().min(1).max(86_400).default(300),
  amqpHeartbeatS: z.number().int().min(5).max(60).default(15),
  dataDir: z.string().min(1).default(defaultDataDir()),
  platformUrl: z.url({ protocol: /^https?$/, error: 'platform URL must be http(s)://' }).optional(),
  platformUsername: z.string().optional(),
  platformPassword: z.string().optional(),
  ffmpegPath: z.string().optional(),
  /** Camera URLs from the broker are limited to network schemes unless this is on. */
  allowFileSources: z.boolean().default(false),
  framesPerProbe: z.number().int().min(1).max(50).default(8),
  analysisWidth: z.number().int().min(64).max(3840).default(640),
  /** A task that crashed the handler this many times is parked instead of looping. */
  maxTaskAttempts: z.number().int().min(1).max(100).default(3),
  retentionDays: z.number().min(1).max(3650).default(30),
  /** Results, snapshots and database together stay under this size: the oldest go first. */
  retentionMaxMb: z.number().int().min(50).max(1_000_000).default(2048),
  /** Result messages are trimmed to this size: RabbitMQ 4 refuses bodies over 16 MiB by default. */
  maxResultBytes: z.number().int().min(65_536).max(134_217_728).default(8_388_608),
  /** Below this much free space in the data folder the worker takes no tasks until there is room again. */
  diskFloorMb: z.number().min(1).max(1_000_000).default(256),
  tls: z
    .object({ caFile: z.string().optional(), certFile: z.string().optional(), keyFile: z.string().optional(), passphrase: z.string().optional() })
    .optional(),
  /** The edge nodes' own task queue, bound like diagnosis.tasks, so no other consumer of diagnosis.tasks takes their tasks. */
  taskQueue: z.string().trim().min(1).max(255).optional(),
  topology: z
    .object({
      taskQueues: z.array(z.string().min(1)).min(1).optional(),
      resultExchange: z.string().optional(),
      heartbeatExchange: z.string().optional(),
      parkingQueue: z.string().min(1).optional(),
      /** The queues the edge owns (its parking queue): quorum replicates them over a cluster. */
      queueType: z.enum(['classic', 'quorum']).optional(),
      /** 'none': the operators define the topology; the edge only checks it (passive declarations). */
      declare: z.enum(['platform', 'none']).optional(),
      /**
       * 'platform': worker.heartbeat non-durable and auto-delete, as the platform declares it; 'durable-expiring':
       * durable with x-expires (RabbitMQ 4.3+ refuses transient queues). Unset: chosen by the broker's version.
       */
      heartbeatQueue: z.enum(['platform', 'durable-expiring']).optional(),
    })
    .optional(),
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
export type WorkerConfigInput = z.input<typeof workerConfigSchema>;

/** A layer above the settings saved in the UI, labelled so the UI can say which one decides a field. */
export interface ConfigLayer {
  source: OverrideSource;
  config: WorkerConfigInput;
}

const NUMBER_KEYS = ['concurrency', 'probeLimit', 'heartbeatIntervalS', 'taskTimeoutS', 'amqpHeartbeatS', 'framesPerProbe', 'analysisWidth', 'maxTaskAttempts', 'retentionDays', 'retentionMaxMb', 'maxResultBytes', 'diskFloorMb'] as const;

/** EDGE_BROKERS, comma separated; undefined when it is not set. */
export function brokersFromEnv(env: NodeJS.ProcessEnv): string[] | undefined {
  return env.EDGE_BROKERS ? env.EDGE_BROKERS.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

/** EDGE_* variables: EDGE_BROKERS (comma separated), EDGE_WORKER_ID, EDGE_CONCURRENCY, ... */
export function configFromEnv(env: NodeJS.ProcessEnv): WorkerConfigInput {
  const out: Record<string, unknown> = {};
  const key = (name: string) => `EDGE_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
  const brokers = brokersFromEnv(env);
  if (brokers) out.brokers = brokers;
  for (const name of ['workerId', 'dataDir', 'platformUrl', 'platformUsername', 'platformPassword', 'ffmpegPath', 'taskQueue'] as const) {
    const v = env[key(name)];
    if (v) out[name] = v;
  }
  for (const name of NUMBER_KEYS) {
    const v = env[key(name)];
    if (v !== undefined && v !== '') out[name] = Number(v);
  }
  const files = env.EDGE_ALLOW_FILE_SOURCES;
  if (files !== undefined) out.allowFileSources = /^(1|true|yes|on)$/i.test(files);
  return out as WorkerConfigInput;
}

export type ConfigParse = { ok: true; config: WorkerConfig } | { ok: false; message: string };

export function resolveWorkerConfig(...layers: WorkerConfigInput[]): ConfigParse {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer)) if (v !== undefined) merged[k] = v;
  }
  const parsed = workerConfigSchema.safeParse(merged);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ') };
}
