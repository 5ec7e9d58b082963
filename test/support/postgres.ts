// Each bridge test gets its own database on the machine's PostgreSQL (127.0.0.1:5432, trust auth),
// with the platform's tables created from their definitions (platform-schema.sql); dropped after.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const HOST = process.env.EDGE_TEST_PG_HOST ?? '127.0.0.1';
const PORT = Number(process.env.EDGE_TEST_PG_PORT ?? 5432);
const USER = process.env.EDGE_TEST_PG_USER ?? 'postgres';

export interface TestDatabase {
  name: string;
  url: string;
  /** The same database through another port (a TCP proxy). */
  urlVia(port: number): string;
  pool: pg.Pool;
  /** One row count query. */
  count(sql: string, params?: unknown[]): Promise<number>;
  drop(): Promise<void>;
}

function urlOf(database: string, port = PORT): string {
  return `postgresql://${USER}@${HOST}:${port}/${database}`;
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlOf('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: { platformTables?: boolean } = {}): Promise<TestDatabase> {
  const name = `edge_test_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const pool = new pg.Pool({ connectionString: urlOf(name), max: 3 });
  pool.on('error', () => undefined);
  if (options.platformTables !== false) await pool.query(readFileSync(join(import.meta.dirname, 'platform-schema.sql'), 'utf8'));
  return {
    name,
    url: urlOf(name),
    urlVia: (port) => urlOf(name, port),
    pool,
    count: async (sql, params = []) => {
      const r = await pool.query<{ n: string }>(sql, params);
      return Number(r.rows[0]?.n ?? 0);
    },
    drop: async () => {
      await pool.end().catch(() => undefined);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Inserts task definitions as the platform holds them (PENDING, counters 0) and returns their ids. */
export async function insertTasks(db: TestDatabase, ids: number[]): Promise<void> {
  await db.pool.query(
    `INSERT INTO diagnosis_tasks (id, name, task_type, camera_ids, diagnosis_types, status, is_active, enabled, total_runs, success_runs)
     SELECT id, 'task ' || id, 'DIAGNOSIS', '[]'::json, '["brightness"]'::json, 'PENDING', true, true, 0, 0 FROM unnest($1::int[]) AS id`,
    [ids],
  );
}
