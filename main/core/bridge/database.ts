// The bridge's connection pool to the platform's PostgreSQL, and which failures are the message's
// fault (park it) rather than the database's (keep the messages unacked and try again).
import pg from 'pg';

export function openPool(url: string, onIdleError: (err: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    // A connection cut without a FIN would otherwise hang a query for ever.
    query_timeout: 120_000,
    application_name: 'easysight-edge-bridge',
  });
  // A pooled connection that breaks while idle emits here; unhandled, it would kill the process.
  pool.on('error', onIdleError);
  return pool;
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity violation): this message, not the database. */
export function isMessageFault(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * Lends a pooled connection to work. While lent, the pool does not listen for the connection's
 * errors: a connection cut between two queries would emit an unhandled 'error' and end the process.
 * A connection that broke is destroyed on return, never handed out again.
 */
export async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error): void => {
    broken = err;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (err) {
    // An error without SQLSTATE is the connection's, not the statement's.
    const sqlError = typeof (err as { code?: unknown } | null)?.code === 'string';
    if (!sqlError) broken ??= err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

export function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const out = await work(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}
