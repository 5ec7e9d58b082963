// A pooled connection cut while the bridge holds it (between two statements of a transaction) must
// fail that transaction, not end the process with an unhandled 'error'; the pool then heals.
import { afterEach, describe, expect, it } from 'vitest';
import { inTransaction, openPool } from '../../main/core/bridge/database.ts';
import { Cleanups } from '../support/fault-harness.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

describe('bridge database connection', () => {
  it('a connection cut while lent fails the transaction and is not handed out again', async () => {
    const db = await createTestDatabase({ platformTables: false });
    cleanups.add(() => db.drop());
    const proxy = await startTcpProxy(5432);
    cleanups.add(() => proxy.close());
    const idleErrors: string[] = [];
    const pool = openPool(db.urlVia(proxy.port), (err) => idleErrors.push(err.message));
    cleanups.add(() => pool.end());
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    cleanups.add(() => process.off('uncaughtException', onUncaught));

    const cut = inTransaction(pool, async (client) => {
      await client.query('SELECT 1');
      proxy.cutAll();
      // Wait, between two statements, until the cut reaches the client.
      await new Promise((r) => setTimeout(r, 300));
      await client.query('SELECT 2');
    });
    await expect(cut).rejects.toThrow(/Connection terminated|not queryable/);

    const again = await inTransaction(pool, async (client) => (await client.query<{ n: number }>('SELECT 3 AS n')).rows[0]!.n);
    expect(again).toBe(3);
    expect(pool.totalCount).toBe(1);
    expect(uncaught).toEqual([]);
  });
});
