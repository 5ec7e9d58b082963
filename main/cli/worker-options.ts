// `easysight-edge worker` arguments and the config file, merged with EDGE_* variables and defaults.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configFromEnv, resolveWorkerConfig, type ConfigLayer, type WorkerConfig, type WorkerConfigInput } from '../core/config/worker-config.ts';
import type { LogLevel } from '../core/log/logger.ts';

export const WORKER_HELP = `Usage: easysight-edge worker [options]

Runs the EasySight diagnosis worker: takes tasks from RabbitMQ, diagnoses the cameras, caches results
in SQLite and sends results and heartbeats back. Ctrl-C (SIGINT) or SIGTERM drain and exit.

Options:
  --broker URL            broker URL, repeatable for a cluster (default amqp://guest:guest@127.0.0.1:5672/)
  --id ID                 worker id (default edge-<hostname>)
  --concurrency N         tasks at once = prefetch (default 4)
  --probe-limit N         most camera probes (ffmpeg processes) at once; fewer while the CPU or
                          the probe time says so (default 48)
  --task-timeout S        per-task time limit (default 300)
  --heartbeat-interval S  heartbeat period (default 30)
  --data-dir DIR          database, snapshots and logs (default: the per-user data folder)
  --platform URL          EasySight platform URL (worker registration, camera look-ups)
  --task-queue NAME       take tasks from the edge nodes' own queue NAME, bound like diagnosis.tasks
                          (every task reaches the edge nodes whatever else consumes diagnosis.tasks)
  --config FILE           JSON config file (same keys as the settings, e.g. {"concurrency": 4})
  --allow-file-sources    let camera URLs from tasks name local files
  --drain-timeout S       time running tasks get to finish on shutdown (default 30)
  --log-level LEVEL       debug, info, warn or error (default info)
  --port N                port of the local dashboard and API (default 8765; 0 picks a free one)
  --host ADDR             address to serve the dashboard on (default 127.0.0.1; others print a warning)
  --no-ui                 do not serve the dashboard and API
  -h, --help              show this help

Environment: EDGE_BROKERS (comma separated), EDGE_WORKER_ID, EDGE_CONCURRENCY, EDGE_PROBE_LIMIT,
EDGE_TASK_TIMEOUT_S, EDGE_HEARTBEAT_INTERVAL_S, EDGE_DATA_DIR, EDGE_PLATFORM_URL,
EDGE_PLATFORM_USERNAME, EDGE_PLATFORM_PASSWORD, EDGE_FFMPEG_PATH, EDGE_ALLOW_FILE_SOURCES, EDGE_TASK_QUEUE.
Precedence: flags > environment > config file > defaults.`;

export interface WorkerCliOptions {
  config: WorkerConfig;
  /** Config file, environment and flags, lowest first: they override the settings saved in the UI. */
  layers: ConfigLayer[];
  drainTimeoutS: number;
  logLevel: LogLevel;
  ui: { port: number; host: string } | null;
}

export type ParsedWorker = { ok: true; options: WorkerCliOptions } | { ok: false; message: string } | { ok: 'help' };

function readConfigFile(path: string): WorkerConfigInput | string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return `cannot read config file ${path}: ${(err as Error).message}`;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as WorkerConfigInput;
  } catch (err) {
    return `config file ${path} is not valid JSON: ${(err as Error).message}`;
  }
  return `config file ${path} must hold a JSON object`;
}

function num(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

export function parseWorkerArgs(argv: string[], env: NodeJS.ProcessEnv): ParsedWorker {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        broker: { type: 'string', multiple: true },
        id: { type: 'string' },
        concurrency: { type: 'string' },
        'probe-limit': { type: 'string' },
        'task-timeout': { type: 'string' },
        'heartbeat-interval': { type: 'string' },
        'data-dir': { type: 'string' },
        platform: { type: 'string' },
        'task-queue': { type: 'string' },
        config: { type: 'string' },
        'allow-file-sources': { type: 'boolean' },
        'drain-timeout': { type: 'string' },
        'log-level': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'no-ui': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  const v = parsed.values;
  if (v.help) return { ok: 'help' };
  const file = v.config ? readConfigFile(v.config) : {};
  if (typeof file === 'string') return { ok: false, message: file };
  const flags: WorkerConfigInput = {
    brokers: v.broker,
    workerId: v.id,
    concurrency: num(v.concurrency),
    probeLimit: num(v['probe-limit']),
    taskTimeoutS: num(v['task-timeout']),
    heartbeatIntervalS: num(v['heartbeat-interval']),
    dataDir: v['data-dir'],
    platformUrl: v.platform,
    taskQueue: v['task-queue'],
    allowFileSources: v['allow-file-sources'],
  };
  const layers: ConfigLayer[] = [
    { source: 'config-file', config: file },
    { source: 'environment', config: configFromEnv(env) },
    { source: 'command-line', config: flags },
  ];
  const resolved = resolveWorkerConfig(...layers.map((l) => l.config));
  if (!resolved.ok) return { ok: false, message: resolved.message };
  const port = num(v.port) ?? 8765;
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: '--port must be a port number (0-65535)' };
  const drain = num(v['drain-timeout']) ?? 30;
  if (!Number.isFinite(drain) || drain < 0) return { ok: false, message: '--drain-timeout must be a number of seconds >= 0' };
  const level = v['log-level'] ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(level)) return { ok: false, message: '--log-level must be debug, info, warn or error' };
  return {
    ok: true,
    options: { config: resolved.config, layers, drainTimeoutS: drain, logLevel: level as LogLevel, ui: v['no-ui'] ? null : { port, host: v.host ?? '127.0.0.1' } },
  };
}
