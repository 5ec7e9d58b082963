// The one table the bridge owns in the platform's database: the message ids it has written, so a
// redelivered or re-sent result never makes a second row, and which result of a run was applied.
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './database.ts';

/** One advisory lock for every bridge writing into this database: their transactions take turns. */
export const BRIDGE_LOCK_KEY = 0x45_44_47_45; // 'EDGE'

const PLATFORM_TABLES = ['diagnosis_tasks', 'diagnosis_results', 'diagnosis_alarms', 'workers'];

export type SchemaCheck = { ok: true } | { ok: false; message: string };

/** Creates the bridge's table if needed and checks that the platform's tables are there. */
export async function prepareDatabase(pool: Pool): Promise<SchemaCheck> {
  const found = await pool.query<{ name: string; present: boolean }>('SELECT name, to_regclass(name) IS NOT NULL AS present FROM unnest($1::text[]) AS name', [PLATFORM_TABLES]);
  const missing = found.rows.filter((r) => !r.present).map((r) => r.name);
  if (missing.length > 0) {
    return { ok: false, message: `the platform's tables ${missing.join(', ')} are missing in this database: point --database at the platform's database, or start the platform once so that it creates them` };
  }
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [BRIDGE_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS edge_bridge_processed (
      message_id TEXT PRIMARY KEY,
      task_id INTEGER,
      run_id TEXT,
      worker_id VARCHAR(100),
      success BOOLEAN,
      applied BOOLEAN NOT NULL,
      processed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())`);
    await client.query('CREATE INDEX IF NOT EXISTS edge_bridge_processed_run ON edge_bridge_processed (run_id) WHERE applied');
    await client.query('CREATE INDEX IF NOT EXISTS edge_bridge_processed_at ON edge_bridge_processed (processed_at)');
  });
  return { ok: true };
}

/** Forgets ids older than the window in which a result can come again (redelivery, re-send). */
export async function pruneProcessed(client: Pool | PoolClient, keepDays: number): Promise<number> {
  const r = await client.query('DELETE FROM edge_bridge_processed WHERE processed_at < now() - make_interval(days => $1::int)', [Math.ceil(keepDays)]);
  return r.rowCount ?? 0;
}
