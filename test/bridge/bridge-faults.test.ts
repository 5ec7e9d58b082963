// The bridge under faults, on real RabbitMQ and PostgreSQL: kill -9 in the middle of its batches,
// the database connection cut, poison results, and worker presence from heartbeats. Each result
// must be written exactly once: nothing lost, nothing duplicated.
import { afterEach, describe, expect, it } from 'vitest';
import { brokerQueueCounts, Cleanups, sleep, waitUntil } from '../support/fault-harness.ts';
import { BridgePeer, edgeResult } from '../support/bridge-peer.ts';
import { startBridge } from '../support/bridge-process.ts';
import { createTestDatabase, insertTasks, type TestDatabase } from '../support/postgres.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function setUp(): Promise<{ vhost: TestVhost; db: TestDatabase; peer: BridgePeer }> {
  const vhost = await createVhost();
  cleanups.add(() => vhost.remove());
  const db = await createTestDatabase();
  cleanups.add(() => db.drop());
  const peer = await BridgePeer.connect(vhost.url);
  cleanups.add(() => peer.close());
  return { vhost, db, peer };
}

const processed = (db: TestDatabase) => db.count('SELECT count(*) AS n FROM edge_bridge_processed');

/** Every result's rows exactly once: per message id, the rows it carried. */
async function expectExactlyOnce(db: TestDatabase, results: number, rowsEach: number): Promise<void> {
  expect(await db.count('SELECT count(*) AS n FROM diagnosis_results')).toBe(results * rowsEach);
  expect(await db.count("SELECT count(DISTINCT result_data->>'message_id') AS n FROM diagnosis_results")).toBe(results);
  expect(await db.count("SELECT count(*) AS n FROM (SELECT result_data->>'message_id' FROM diagnosis_results GROUP BY 1 HAVING count(*) <> $1) AS odd", [rowsEach])).toBe(0);
  expect(await processed(db)).toBe(results);
}

describe('bridge faults', () => {
  it('kill -9 mid-batch and restart: every result written once, none lost', async () => {
    const { vhost, db, peer } = await setUp();
    const tasks = Array.from({ length: 50 }, (_, i) => i + 1);
    await insertTasks(db, tasks);
    const n = 5000;
    const rowsEach = 4;
    await peer.publishResults(Array.from({ length: n }, (_, i) => edgeResult(tasks[i % tasks.length]!, i, { rows: rowsEach, abnormal: i % 10 === 0 })));

    const args = ['--batch', '50', '--prefetch', '100', '--log-level', 'debug'];
    let bridge = await startBridge({ broker: vhost.url, database: db.url, args });
    cleanups.add(() => bridge.stop());
    let duplicatesDropped = 0;
    const atKills: number[] = [];
    // Two kills while batches are being written, the second after a restart.
    for (const after of [500, 2500]) {
      await waitUntil(async () => (await processed(db)) >= after, 60_000, `${after} results written`, 5);
      await bridge.kill();
      duplicatesDropped += [...bridge.output().matchAll(/(\d+) duplicates/g)].reduce((s, m) => s + Number(m[1]), 0);
      atKills.push(await processed(db));
      expect(atKills.at(-1)).toBeLessThan(n);
      bridge = await startBridge({ broker: vhost.url, database: db.url, args });
    }
    await waitUntil(async () => (await processed(db)) === n, 60_000, `all ${n} results written`);
    await sleep(500);
    await expectExactlyOnce(db, n, rowsEach);
    expect(await db.count('SELECT count(*) AS n FROM diagnosis_alarms')).toBe((n / 10) * rowsEach);
    expect(await db.count('SELECT sum(total_runs) AS n FROM diagnosis_tasks')).toBe(n);
    expect(await brokerQueueCounts(vhost.name, 'task.results')).toEqual({ ready: 0, unacked: 0 });
    duplicatesDropped += [...bridge.output().matchAll(/(\d+) duplicates/g)].reduce((s, m) => s + Number(m[1]), 0);
    console.log(`[bridge-kill9] results=${n} kills=2 written-at-kills=${atKills.join(',')} redelivered-and-dropped=${duplicatesDropped} lost=0 duplicated=0`);
  }, 120_000);

  it('database connection cut: results stay in the queue until it heals, then land once', async () => {
    const { vhost, db, peer } = await setUp();
    await insertTasks(db, [1, 2, 3]);
    const proxy = await startTcpProxy(5432);
    cleanups.add(() => proxy.close());
    const bridge = await startBridge({ broker: vhost.url, database: db.urlVia(proxy.port), args: ['--batch', '10'] });
    cleanups.add(() => bridge.stop());

    await peer.publishResults(Array.from({ length: 20 }, (_, i) => edgeResult(1 + (i % 3), i)));
    await waitUntil(async () => (await processed(db)) === 20, 20_000, 'the first 20 results');

    const from = bridge.output().length;
    proxy.refuse(true);
    proxy.cutAll();
    await peer.publishResults(Array.from({ length: 30 }, (_, i) => edgeResult(1 + (i % 3), 100 + i)));
    await bridge.waitFor(/database write failed/, 20_000, from);
    await sleep(2000);
    // The broker's queue figures are refreshed every few seconds: wait for them to show the 30 held.
    await waitUntil(async () => {
      const held = await brokerQueueCounts(vhost.name, 'task.results');
      return held.ready + held.unacked === 30;
    }, 20_000, 'the 30 results held in the queue');
    expect(await processed(db)).toBe(20);

    proxy.refuse(false);
    await waitUntil(async () => (await processed(db)) === 50, 60_000, 'the held results after the cut heals');
    await sleep(500);
    await expectExactlyOnce(db, 50, 2);
    expect(await brokerQueueCounts(vhost.name, 'task.results')).toEqual({ ready: 0, unacked: 0 });
    expect(bridge.proc.exitCode).toBeNull();
  }, 120_000);

  it('poison results are parked with the reason; the others are written', async () => {
    const { vhost, db, peer } = await setUp();
    await insertTasks(db, [7]);
    const bridge = await startBridge({ broker: vhost.url, database: db.url, args: ['--batch', '20'] });
    cleanups.add(() => bridge.stop());

    const badRow = edgeResult(7, 2);
    ((badRow.body.result as { results: Array<Record<string, unknown>> }).results[0]!).diagnosis_status = 'purple';
    // Valid JSON the parser accepts, but PostgreSQL refuses (NUL in text): found by splitting the batch.
    const refused = edgeResult(7, 3);
    ((refused.body.result as { results: Array<Record<string, unknown>> }).results[0]!).error_message = 'bad\u0000byte';
    await peer.publishResults([
      edgeResult(7, 1),
      { messageId: 'junk-1', body: Buffer.from('not json {') },
      { messageId: 'junk-2', body: { task_id: 'abc', worker_id: 'w', run_id: 'r', result: { success: true } } },
      badRow,
      refused,
      edgeResult(7, 4),
    ]);
    await waitUntil(async () => (await processed(db)) === 2, 20_000, 'the two valid results');
    const parked: Array<{ body: string; reason: string }> = [];
    await waitUntil(async () => (parked.push(...(await peer.drainParked())), parked.length === 4), 20_000, 'four parked results');
    const reasons = parked.map((p) => p.reason).sort();
    expect(reasons[0]).toMatch(/^not a result envelope: result\.results\.0\.diagnosis_status/);
    expect(reasons[1]).toMatch(/^result is not JSON/);
    expect(reasons[2]).toMatch(/^task_id "abc" is not an integer/);
    expect(reasons[3]).toMatch(/^the database refused it: /);
    expect(parked.find((p) => p.reason.startsWith('the database'))?.body).toContain('bad\\u0000byte');
    await expectExactlyOnce(db, 2, 2);
    expect(await brokerQueueCounts(vhost.name, 'task.results')).toEqual({ ready: 0, unacked: 0 });
  }, 60_000);

  it('heartbeats mark a worker online, silence marks it offline whatever its status', async () => {
    const { vhost, db, peer } = await setUp();
    // A worker the platform registered over HTTP that died while in maintenance an hour ago.
    await db.pool.query("INSERT INTO workers (worker_id, host, port, max_concurrent_tasks, current_tasks, capabilities, status, last_heartbeat) VALUES ('py-1', '10.0.0.5', 8001, 3, 1, '[]', 'MAINTENANCE', now() - interval '1 hour')");
    const bridge = await startBridge({ broker: vhost.url, database: db.url, args: ['--offline-after', '3'] });
    cleanups.add(() => bridge.stop());
    const status = async (id: string) => (await db.pool.query('SELECT status::text AS status, current_tasks FROM workers WHERE worker_id = $1', [id])).rows[0] as { status: string; current_tasks: number } | undefined;
    const beat = (state: string, at = new Date()) => ({
      worker_id: 'edge-hb',
      timestamp: at.toISOString(),
      info: { worker_id: 'edge-hb', status: state, current_tasks: 2, max_tasks: 3, hostname: 'site-a', capabilities: ['brightness'], stats: { tasks_completed: 5, tasks_failed: 1 } },
    });

    await waitUntil(async () => (await status('py-1'))?.status === 'OFFLINE', 15_000, 'the silent platform worker offline');
    await peer.publishHeartbeat(beat('busy'));
    await waitUntil(async () => (await status('edge-hb'))?.status === 'BUSY', 10_000, 'edge-hb busy');
    const row = (await db.pool.query('SELECT host, port, max_concurrent_tasks, total_tasks_processed, successful_tasks, failed_tasks FROM workers WHERE worker_id = $1', ['edge-hb'])).rows[0];
    expect(row).toEqual({ host: 'site-a', port: 0, max_concurrent_tasks: 3, total_tasks_processed: 6, successful_tasks: 5, failed_tasks: 1 });
    // The platform republishes each HTTP heartbeat here with status and current_tasks alone: it
    // changes those and keeps the rest.
    await peer.publishHeartbeat({ worker_id: 'edge-hb', timestamp: new Date().toISOString(), info: { worker_id: 'edge-hb', current_tasks: 1, status: 'online', timestamp: new Date().toISOString() } });
    await waitUntil(async () => (await status('edge-hb'))?.status === 'ONLINE', 10_000, 'edge-hb online from the platform heartbeat');
    expect((await db.pool.query('SELECT host, max_concurrent_tasks, current_tasks, successful_tasks, capabilities FROM workers WHERE worker_id = $1', ['edge-hb'])).rows[0]).toEqual({ host: 'site-a', max_concurrent_tasks: 3, current_tasks: 1, successful_tasks: 5, capabilities: ['brightness'] });

    await waitUntil(async () => (await status('edge-hb'))?.status === 'OFFLINE', 15_000, 'edge-hb offline after 3 s of silence');
    expect((await status('edge-hb'))?.current_tasks).toBe(0);
    // A heartbeat from before the silence limit (a backlog) does not bring it back.
    await peer.publishHeartbeat(beat('running', new Date(Date.now() - 60_000)));
    await sleep(1500);
    expect((await status('edge-hb'))?.status).toBe('OFFLINE');
    await peer.publishHeartbeat(beat('running'));
    await waitUntil(async () => (await status('edge-hb'))?.status === 'ONLINE', 10_000, 'edge-hb online again');
  }, 60_000);
});
