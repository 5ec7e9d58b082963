// The Overview's picture of the worker, from the worker's own snapshot and the local store.
import type { StatusView } from '../../../shared/api/views.ts';
import type { WorkerConfig } from '../config/worker-config.ts';
import type { Recovery } from '../store/database.ts';
import type { Store } from '../store/store.ts';
import type { SystemLoad } from '../worker/system-load.ts';
import type { Worker } from '../worker/worker.ts';

/** A percent-encoded URL part; a malformed escape is shown as written rather than failing the view. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** host, vhost and user of a broker URL; the password never leaves this function. */
export function brokerEndpoint(url: string | undefined): StatusView['brokerEndpoint'] {
  if (!url || !URL.canParse(url)) return null;
  const u = new URL(url);
  const vhost = decoded(u.pathname.replace(/^\//, '')) || '/';
  return { host: u.port ? `${u.hostname}:${u.port}` : u.hostname, vhost, user: decoded(u.username) };
}

export function statusView(args: {
  worker: Worker;
  store: Store;
  config: WorkerConfig;
  load: SystemLoad;
  version: string;
  startedAt: number;
  secretStorageWarning: string | null;
  settingsSaved: boolean;
  recovery?: Recovery;
}): StatusView {
  const s = args.worker.status();
  const today = args.store.runs.countsToday();
  return {
    workerId: s.workerId,
    version: args.version,
    enabled: s.enabled,
    broker: s.broker,
    brokerDetail: s.brokerDetail,
    brokerEndpoint: brokerEndpoint(args.config.brokers[0]),
    connectedSince: s.connectedSince ?? null,
    lastHeartbeat: s.lastHeartbeat ?? null,
    runningTasks: s.running.length,
    maxTasks: s.maxTasks,
    today: { done: today.done, failed: today.failed, timedOut: today.timed_out, parked: today.parked },
    outboxBacklog: s.outboxBacklog,
    cpuPercent: args.load.cpuPercent(),
    memoryPercent: args.load.memoryPercent(),
    uptimeS: Math.round((Date.now() - args.startedAt) / 1000),
    topologyWarnings: s.topologyWarnings,
    secretStorageWarning: args.secretStorageWarning,
    storeRecovery: args.recovery
      ? {
          at: new Date(args.recovery.at).toISOString(),
          movedTo: args.recovery.movedTo,
          unsentResults: args.recovery.salvaged.outbox,
          cameras: args.recovery.salvaged.cameras,
          settings: args.recovery.salvaged.settings,
          unreadable: args.recovery.salvaged.errors,
        }
      : null,
    probes: { concurrency: s.probes.limit, running: s.probes.running, ceiling: s.probes.ceiling, perMinute: s.probes.probesPerMinute, meanLatencyMs: s.probes.meanLatencyMs },
    diskLow: s.diskLow ? { path: s.diskLow.path, freeBytes: s.diskLow.freeBytes, floorBytes: s.diskLow.floorBytes } : null,
    firstRun: !args.settingsSaved && args.store.cameras.list().length === 0 && s.broker !== 'connected',
  };
}
