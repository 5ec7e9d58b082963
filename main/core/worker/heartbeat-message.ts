// The heartbeat the platform expects (protocol.md), plus what an operator of a fleet wants to see.
import { hostname, networkInterfaces } from 'node:os';
import type { ProbeConcurrencyFigures } from '../diagnosis/concurrency/adaptive-probe-limit.ts';

/** disk_low: switched on, but taking no tasks while the data folder is below its free-space floor. */
export type WorkerStatus = 'running' | 'busy' | 'paused' | 'reconnecting' | 'stopping' | 'disk_low';

export interface HeartbeatFacts {
  workerId: string;
  status: WorkerStatus;
  currentTasks: number;
  maxTasks: number;
  cpuPercent: number;
  memoryPercent: number;
  tasksCompleted: number;
  tasksFailed: number;
  startTime: Date;
  version: string;
  capabilities: string[];
  outboxBacklog: number;
  /** Free and floor bytes of the data folder, sent while it is below the floor. */
  diskLow?: { freeBytes: number; floorBytes: number };
  probes: ProbeConcurrencyFigures;
  now?: Date;
}

export function localAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal) out.push(a.address);
  }
  return out;
}

export function heartbeatMessage(f: HeartbeatFacts): Record<string, unknown> {
  const timestamp = (f.now ?? new Date()).toISOString();
  return {
    worker_id: f.workerId,
    timestamp,
    info: {
      worker_id: f.workerId,
      timestamp,
      status: f.status,
      current_tasks: f.currentTasks,
      max_tasks: f.maxTasks,
      cpu_percent: f.cpuPercent,
      memory_percent: f.memoryPercent,
      stats: {
        tasks_completed: f.tasksCompleted,
        tasks_failed: f.tasksFailed,
        start_time: f.startTime.toISOString(),
        last_heartbeat: timestamp,
      },
      version: f.version,
      hostname: hostname(),
      addresses: localAddresses(),
      capabilities: f.capabilities,
      outbox_backlog: f.outboxBacklog,
      // Cameras probed at once (adapts to the CPU and probe latency, up to probe_limit) and what it gives.
      probe_concurrency: f.probes.limit,
      probes_running: f.probes.running,
      probe_limit: f.probes.ceiling,
      probes_per_minute: f.probes.probesPerMinute,
      probe_latency_ms: f.probes.meanLatencyMs,
      ...(f.diskLow ? { disk_free_bytes: f.diskLow.freeBytes, disk_floor_bytes: f.diskLow.floorBytes } : {}),
      edge: true,
    },
  };
}
