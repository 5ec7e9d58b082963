// Keeps the platform's `workers` rows current from the AMQP heartbeats (the platform itself only
// hears HTTP ones), and marks any worker offline after a silence, whatever its last status: a
// worker that died busy would otherwise stay busy for ever.
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';

const heartbeatSchema = z.object({
  worker_id: z.string().trim().min(1).max(100),
  timestamp: z.string().optional(),
  info: z
    .object({
      status: z.string().optional(),
      current_tasks: z.number().int().min(0).optional(),
      max_tasks: z.number().int().min(0).optional(),
      hostname: z.string().optional(),
      addresses: z.array(z.string()).optional(),
      capabilities: z.array(z.string()).optional(),
      stats: z.object({ tasks_completed: z.number().int().min(0).optional(), tasks_failed: z.number().int().min(0).optional() }).partial().optional(),
    })
    .partial()
    .optional(),
});

/** A field a heartbeat leaves out is null: it keeps the row's value. */
export interface Heartbeat {
  workerId: string;
  sentAt: Date | null;
  status: 'ONLINE' | 'BUSY' | 'ERROR' | 'MAINTENANCE';
  host: string | null;
  currentTasks: number | null;
  maxTasks: number | null;
  capabilities: string[] | null;
  completed: number | null;
  failed: number | null;
}

/** Edge statuses (and the platform's own lower-case ones) in the platform's workerstatus names. */
const STATUS: Record<string, Heartbeat['status']> = {
  running: 'ONLINE',
  online: 'ONLINE',
  reconnecting: 'ONLINE',
  busy: 'BUSY',
  paused: 'MAINTENANCE',
  stopping: 'MAINTENANCE',
  maintenance: 'MAINTENANCE',
  disk_low: 'ERROR',
  error: 'ERROR',
};

export function parseHeartbeat(body: Buffer): Heartbeat | string {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return `heartbeat is not JSON: ${(err as Error).message}`;
  }
  const parsed = heartbeatSchema.safeParse(json);
  if (!parsed.success) return `not a heartbeat: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim();
  const h = parsed.data;
  const info = h.info ?? {};
  const sent = h.timestamp ? new Date(h.timestamp) : null;
  return {
    workerId: h.worker_id,
    sentAt: sent && !Number.isNaN(sent.getTime()) ? sent : null,
    status: STATUS[info.status ?? 'running'] ?? 'ONLINE',
    host: (info.hostname ?? info.addresses?.[0])?.slice(0, 100) ?? null,
    currentTasks: info.current_tasks ?? null,
    maxTasks: info.max_tasks ?? null,
    capabilities: info.capabilities ?? null,
    completed: info.stats?.tasks_completed ?? null,
    failed: info.stats?.tasks_failed ?? null,
  };
}

/**
 * Upserts the newest heartbeat of each worker (`last_heartbeat` is the bridge's clock, so the
 * offline rule never depends on a worker's clock). Heartbeats already older than the silence
 * limit (a backlog from a database outage) are dropped: they would bring a dead worker back.
 */
export async function writeHeartbeats(client: PoolClient, beats: Heartbeat[], offlineAfterS: number, now = new Date()): Promise<number> {
  const latest = new Map<string, Heartbeat>();
  for (const b of beats) {
    if (b.sentAt && now.getTime() - b.sentAt.getTime() > offlineAfterS * 1000) continue;
    const prev = latest.get(b.workerId);
    if (!prev || (b.sentAt?.getTime() ?? 0) >= (prev.sentAt?.getTime() ?? 0)) latest.set(b.workerId, b);
  }
  const list = [...latest.values()];
  if (list.length === 0) return 0;
  const params = [
    list.map((b) => b.workerId),
    list.map((b) => b.host),
    list.map((b) => b.maxTasks),
    list.map((b) => b.currentTasks),
    list.map((b) => (b.capabilities ? JSON.stringify(b.capabilities) : null)),
    list.map((b) => b.status),
    list.map((b) => b.completed),
    list.map((b) => b.failed),
  ];
  const rows = `unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::int[], $8::int[])
    AS u(worker_id, host, max_tasks, current_tasks, capabilities, status, completed, failed)`;
  // A worker heard of for the first time gets a row with every column the platform's API reads
  // (its GET /workers fails on a null in any of them); then each heartbeat changes only what it
  // carries: the platform republishes its HTTP heartbeats here with status and current_tasks alone.
  await client.query(
    `INSERT INTO workers (worker_id, host, port, max_concurrent_tasks, current_tasks, capabilities, status, last_heartbeat,
       total_tasks_processed, successful_tasks, failed_tasks, created_at, updated_at)
     SELECT u.worker_id, COALESCE(u.host, 'unknown'), 0, COALESCE(u.max_tasks, 1), COALESCE(u.current_tasks, 0), COALESCE(u.capabilities, '[]')::json,
       u.status::workerstatus, now(), COALESCE(u.completed, 0) + COALESCE(u.failed, 0), COALESCE(u.completed, 0), COALESCE(u.failed, 0), now(), now()
     FROM ${rows}
     ON CONFLICT (worker_id) DO NOTHING`,
    params,
  );
  await client.query(
    `UPDATE workers w SET
       max_concurrent_tasks = COALESCE(u.max_tasks, w.max_concurrent_tasks, 1),
       current_tasks = COALESCE(u.current_tasks, w.current_tasks, 0),
       capabilities = COALESCE(u.capabilities::json, w.capabilities, '[]'::json),
       status = u.status::workerstatus,
       last_heartbeat = now(),
       total_tasks_processed = CASE WHEN u.completed IS NULL AND u.failed IS NULL THEN COALESCE(w.total_tasks_processed, 0)
         ELSE COALESCE(u.completed, w.successful_tasks, 0) + COALESCE(u.failed, w.failed_tasks, 0) END,
       successful_tasks = COALESCE(u.completed, w.successful_tasks, 0),
       failed_tasks = COALESCE(u.failed, w.failed_tasks, 0),
       updated_at = now()
     FROM ${rows}
     WHERE w.worker_id = u.worker_id`,
    params,
  );
  return list.length;
}

/** Marks every worker silent for longer than the limit offline, whatever its status. */
export async function markSilentOffline(pool: Pool, offlineAfterS: number): Promise<string[]> {
  const r = await pool.query<{ worker_id: string }>(
    `UPDATE workers SET status = 'OFFLINE', current_tasks = 0, updated_at = now()
     WHERE status IS DISTINCT FROM 'OFFLINE' AND COALESCE(last_heartbeat, created_at, now()) < now() - make_interval(secs => $1::float8)
     RETURNING worker_id`,
    [offlineAfterS],
  );
  return r.rows.map((row) => row.worker_id);
}
