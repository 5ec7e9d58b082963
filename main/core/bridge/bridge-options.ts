// `easysight-edge bridge` settings: flags over EDGE_BRIDGE_* variables over defaults, parsed once
// with a schema so the bridge trusts what it gets.
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { brokersFromEnv, brokerUrl } from '../config/worker-config.ts';
import { LOG_LEVELS, type LogLevel } from '../log/logger.ts';

export const BRIDGE_HELP = `Usage: easysight-edge bridge --database postgresql://user:pass@host/db [options]

Runs at the central site, next to the EasySight platform's PostgreSQL: consumes the edge nodes'
results (task.results) and heartbeats (worker.heartbeat) and writes them into the platform's own
tables (diagnosis_results, diagnosis_alarms, diagnosis_tasks, workers), each batch in one
transaction before it is acked, never twice (message ids are kept in edge_bridge_processed).
Ctrl-C (SIGINT) or SIGTERM stop it; unwritten results stay in the queue.

Options:
  --database URL          the platform's PostgreSQL (postgresql://user:pass@host:5432/db), required
  --broker URL            broker URL, repeatable for a cluster (default amqp://guest:guest@127.0.0.1:5672/)
  --id ID                 the bridge's name in logs and parked messages (default bridge-<hostname>)
  --prefetch N            unacked results held at once (default 200)
  --batch N               results written per transaction at most (default 100)
  --batch-wait MS         how long a batch waits to fill (default 20)
  --offline-after S       a worker silent this long is marked offline, whatever its status (default 90)
  --keep-ids-days D       how long message ids are kept to drop duplicates (default 30)
  --log-level LEVEL       debug, info, warn or error (default info)
  -h, --help              show this help

Environment: EDGE_BRIDGE_DATABASE, EDGE_BROKERS (comma separated).
Results that can never be written (not JSON, no integer task_id, rows of the wrong shape, values
the database refuses) are parked in task.results.rejected with the reason in x-parked-reason.`;

const databaseUrl = z
  .string({ error: '--database is required (postgresql://user:pass@host:5432/db)' })
  .trim()
  .refine((u) => /^postgres(ql)?:\/\//i.test(u), 'a database URL starts with postgresql://')
  .refine((u) => URL.canParse(u), 'not a valid URL (a password with @ must be written %40)');

export const bridgeConfigSchema = z.object({
  database: databaseUrl,
  brokers: z.array(brokerUrl).min(1).default(['amqp://guest:guest@127.0.0.1:5672/']),
  bridgeId: z.string().trim().min(1).max(100).regex(/^[\w.:-]+$/, 'id: letters, digits, _ . : - only').default(`bridge-${hostname()}`),
  prefetch: z.number().int().min(1).max(10_000).default(200),
  batchSize: z.number().int().min(1).max(5_000).default(100),
  batchWaitMs: z.number().int().min(0).max(10_000).default(20),
  offlineAfterS: z.number().min(1).max(86_400).default(90),
  keepIdsDays: z.number().min(1).max(3650).default(30),
  logLevel: z.enum(LOG_LEVELS).default('info'),
});

export type BridgeConfig = z.infer<typeof bridgeConfigSchema>;
export type BridgeConfigInput = z.input<typeof bridgeConfigSchema>;

export type ParsedBridge = { ok: true; config: BridgeConfig } | { ok: false; message: string } | { ok: 'help' };

function num(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

export function parseBridgeArgs(argv: string[], env: NodeJS.ProcessEnv): ParsedBridge {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        database: { type: 'string' },
        broker: { type: 'string', multiple: true },
        id: { type: 'string' },
        prefetch: { type: 'string' },
        batch: { type: 'string' },
        'batch-wait': { type: 'string' },
        'offline-after': { type: 'string' },
        'keep-ids-days': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  const v = parsed.values;
  if (v.help) return { ok: 'help' };
  const envBrokers = brokersFromEnv(env);
  const input: Record<string, unknown> = {
    database: v.database ?? (env.EDGE_BRIDGE_DATABASE || undefined),
    brokers: v.broker ?? (envBrokers?.length ? envBrokers : undefined),
    bridgeId: v.id,
    prefetch: num(v.prefetch),
    batchSize: num(v.batch),
    batchWaitMs: num(v['batch-wait']),
    offlineAfterS: num(v['offline-after']),
    keepIdsDays: num(v['keep-ids-days']),
    logLevel: v['log-level'] as LogLevel | undefined,
  };
  for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
  const result = bridgeConfigSchema.safeParse(input);
  if (!result.success) return { ok: false, message: result.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ') };
  return { ok: true, config: result.data };
}
