// A real 3-node RabbitMQ cluster (hx1..hx3 on 127.0.0.1:5681-5683, started and removed here by
// ../shared/cluster/nodes.sh; the broker on 5672 is not touched). A classic queue lives on the node
// that declared it first, so each case places the queues by whom it connects where, then kill -9s a
// node and counts published, answered, lost and duplicated results.
//   npx vitest run --config vitest.exclusive.config.ts test/worker-exclusive/cluster-node-kill.test.ts
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import amqp from 'amqplib';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cleanups, jepsenCounts, reportCounts, runIdFor, sleep, waitUntil } from '../support/fault-harness.ts';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { startSlowCamera, type SlowCamera } from '../support/slow-camera.ts';
import { startWorker, tempDataDir } from '../support/worker-process.ts';

const run = promisify(execFile);
// From the repository root: ../shared/cluster/nodes.sh (CI puts a copy of shared/ beside the clone).
const NODES = resolve(import.meta.dirname, '../../../shared/cluster/nodes.sh');
const nodeUrl = (n: number, vhost = '') => `amqp://guest:guest@127.0.0.1:568${n}/${vhost}`;
const nodes = (...args: string[]) => run('bash', [NODES, ...args], { timeout: 110_000 });

const cleanups = new Cleanups();
afterEach(() => cleanups.run());
beforeAll(() => nodes('up'), 120_000);
afterAll(() => nodes('down'), 60_000);

/** The warnings of the worker's status API (what the Overview shows). */
async function topologyWarnings(dashboardUrl: string): Promise<string[]> {
  const u = new URL(dashboardUrl);
  const token = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
  const r = await fetch(new URL('/api/status', u.origin), { headers: { authorization: `Bearer ${token}` } });
  return ((await r.json()) as { value: { topologyWarnings: string[] } }).value.topologyWarnings;
}

/** Milliseconds from `since` until `check` holds, polled every 20 ms. */
async function msUntil(since: number, check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  await waitUntil(check, timeoutMs, what, 20);
  return Date.now() - since;
}

/** `n` one-camera tasks, published in one batch; returns their run ids. */
async function publishTasks(peer: PlatformPeer, camera: SlowCamera, n: number, firstTaskId: number): Promise<string[]> {
  const runIds: string[] = [];
  const envelopes = [];
  for (let i = 0; i < n; i++) {
    const taskId = firstTaskId + i;
    const createdAt = new Date(Date.UTC(2025, 7, 13, 9, 0, i)).toISOString();
    envelopes.push(platformTask(taskId, [{ id: taskId, name: `cam-${taskId}`, stream_url: camera.url(`cam-${taskId}`) }], ['brightness'], createdAt));
    runIds.push(runIdFor(taskId, createdAt));
  }
  await peer.publishTasks(envelopes);
  return runIds;
}

/**
 * In its own vhost (the queues of the other cases stay out of the way): the task queue on hx3 (declared
 * there first, as the platform declares it), results and heartbeats on hx1, the worker on hx2.
 */
async function taskQueueOnHx3(vhost: string, policy?: string) {
  await nodes('ctl', '1', 'add_vhost', vhost);
  await nodes('ctl', '1', 'set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
  if (policy) await nodes('ctl', '1', 'set_policy', '-p', vhost, 'ha-tasks', '^diagnosis\\.tasks$', policy, '--apply-to', 'queues');
  const camera = await startSlowCamera(300);
  cleanups.add(() => camera.stop());
  const first = await amqp.connect(nodeUrl(3, vhost));
  const ch = await first.createChannel();
  await ch.assertExchange('easysight.tasks', 'direct', { durable: true });
  await ch.assertQueue('diagnosis.tasks', { durable: true, arguments: { 'x-message-ttl': 3600000, 'x-max-priority': 10 } });
  await first.close();
  const peer = await PlatformPeer.connect(nodeUrl(1, vhost));
  cleanups.add(() => peer.close());
  const dataDir = tempDataDir();
  cleanups.removeDirLater(dataDir);
  const worker = await startWorker({ brokers: [nodeUrl(2, vhost)], dataDir, args: ['--concurrency', '2', '--task-timeout', '60'], env: { EDGE_HEARTBEAT_INTERVAL_S: '1' } });
  cleanups.add(() => worker.stop(15_000));
  return { camera, peer, worker };
}

describe('worker on a 3-node RabbitMQ cluster', () => {
  it('kill -9 of the node holding only the parking queue: tasks, results and heartbeats go on, none lost', async () => {
    const camera = await startSlowCamera(300);
    cleanups.add(() => camera.stop());
    const peer = await PlatformPeer.connect(nodeUrl(1));
    cleanups.add(() => peer.close());
    const dataDir = tempDataDir();
    cleanups.removeDirLater(dataDir);
    const worker = await startWorker({
      brokers: [nodeUrl(2), nodeUrl(3)],
      dataDir,
      args: ['--concurrency', '2', '--task-timeout', '60'],
      env: { EDGE_HEARTBEAT_INTERVAL_S: '1' },
    });
    cleanups.add(() => worker.stop(15_000));
    const node = Number(/broker connected: \S*127\.0\.0\.1:568(\d)/.exec(worker.output())?.[1]);
    expect([2, 3]).toContain(node);

    const runIds = await publishTasks(peer, camera, 40, 7000);
    await waitUntil(() => peer.results.length >= 6, 60_000, 'the first results');

    const from = worker.output().length;
    const pid = (await nodes('pid', String(node))).stdout.trim();
    const resultsAtKill = peer.results.length;
    const heartbeatsAtKill = peer.heartbeats.length;
    const killedAt = Date.now();
    process.kill(Number(pid), 'SIGKILL');

    // The node stays dead through all of this.
    const resultsAfter = await msUntil(killedAt, () => peer.results.length > resultsAtKill, 30_000, 'a result after the kill');
    const heartbeatsAfter = await msUntil(killedAt, () => peer.heartbeats.length > heartbeatsAtKill + 1, 30_000, 'heartbeats after the kill');
    await waitUntil(() => jepsenCounts(runIds, peer.results).lost === 0, 60_000, `every result with the node down (${JSON.stringify(jepsenCounts(runIds, peer.results))})`);
    const allAnsweredAfter = Date.now() - killedAt;
    await sleep(1500);
    await worker.waitFor(/queue diagnosis\.tasks\.rejected is down \(NOT_FOUND - home node/, 1000, from);
    const counts = jepsenCounts(runIds, peer.results);
    // A message to park while the parking queue is down: kept locally, named as a queue that is down (the
    // broker's answer, NO_ROUTE, is the same as for a queue nobody bound).
    await peer.publishRaw(Buffer.from('not json, parking queue down'));
    const deadLetters = join(dataDir, 'dead-letters.jsonl');
    await waitUntil(() => existsSync(deadLetters), 10_000, 'the dead-letter file');
    expect(readFileSync(deadLetters, 'utf8')).toMatch(/not parked: queue-down: queue diagnosis\.tasks\.rejected is down/);

    // The node comes back: the parking queue is found again without a new session.
    const startedAt = Date.now();
    await nodes('start', String(node));
    const upAt = Date.now();
    await worker.waitFor(/queue diagnosis\.tasks\.rejected is available again/, 30_000, from);
    reportCounts(
      'cluster-parking-node-kill',
      counts,
      `node=hx${node} first-result-after-kill-ms=${resultsAfter} heartbeats-after-kill-ms=${heartbeatsAfter} all-answered-after-kill-ms=${allAnsweredAfter} node-start-ms=${upAt - startedAt} parking-back-after-start-ms=${Date.now() - upAt}`,
    );
    expect(counts.lost).toBe(0);
    expect(counts.unexpected).toBe(0);
    expect(worker.output().slice(from)).toMatch(/broker session \d+ lost: connection closed: /);
    expect(worker.proc.exitCode).toBeNull();
  }, 180_000);

  it('kill -9 of the node holding the task queue (no replication): results of running tasks and heartbeats go on, tasks resume when it is back', async () => {
    const { camera, peer, worker } = await taskQueueOnHx3('tq');

    const runIds = await publishTasks(peer, camera, 30, 8000);
    await waitUntil(() => peer.results.length >= 6, 60_000, 'the first results');
    const from = worker.output().length;
    const pid = (await nodes('pid', '3')).stdout.trim();
    const resultsAtKill = peer.results.length;
    const heartbeatsAtKill = peer.heartbeats.length;
    const killedAt = Date.now();
    process.kill(Number(pid), 'SIGKILL');

    const heartbeatsAfter = await msUntil(killedAt, () => peer.heartbeats.length > heartbeatsAtKill + 1, 30_000, 'heartbeats after the kill');
    await worker.waitFor(/queue diagnosis\.tasks is down \(NOT_FOUND - home node/, 10_000, from);
    // The session stayed up: the queue is a warning, not a reconnect.
    expect(worker.output().slice(from)).not.toMatch(/broker session \d+ lost/);
    expect(await topologyWarnings(worker.dashboardUrl())).toEqual([expect.stringMatching(/^queue diagnosis\.tasks is down/)]);
    await sleep(2000);
    const resultsWhileDown = peer.results.length - resultsAtKill;

    const resultsBeforeStart = peer.results.length;
    await nodes('start', '3');
    const upAt = Date.now();
    const resumedAfter = await msUntil(upAt, () => peer.results.length > resultsBeforeStart, 30_000, 'results after the node is back');
    await waitUntil(() => jepsenCounts(runIds, peer.results).lost === 0, 60_000, `every result (${JSON.stringify(jepsenCounts(runIds, peer.results))})`);
    await sleep(1500);
    const counts = jepsenCounts(runIds, peer.results);
    reportCounts(
      'cluster-task-queue-node-kill',
      counts,
      `results-while-down=${resultsWhileDown} heartbeats-after-kill-ms=${heartbeatsAfter} first-result-after-node-start-returned-ms=${resumedAfter}`,
    );
    expect(counts.lost).toBe(0);
    expect(counts.unexpected).toBe(0);
    expect(worker.output().slice(from)).toMatch(/queue diagnosis\.tasks is available again/);
    expect(await topologyWarnings(worker.dashboardUrl())).toEqual([]);
    expect(worker.proc.exitCode).toBeNull();
  }, 180_000);

  it('kill -9 of the node holding the task queue, mirrored by a policy: the worker consumes the promoted mirror at once', async () => {
    const { camera, peer, worker } = await taskQueueOnHx3('ha', '{"ha-mode":"all","ha-sync-mode":"automatic"}');
    const runIds = await publishTasks(peer, camera, 30, 9000);
    await waitUntil(() => peer.results.length >= 6, 60_000, 'the first results');
    const from = worker.output().length;
    const pid = (await nodes('pid', '3')).stdout.trim();
    const resultsAtKill = peer.results.length;
    const killedAt = Date.now();
    process.kill(Number(pid), 'SIGKILL');
    // More results than the (at most two) tasks running at the kill can give: the promoted mirror is consumed.
    const moreResultsAfter = await msUntil(killedAt, () => peer.results.length > resultsAtKill + 2, 30_000, 'more results than the running tasks give');
    await waitUntil(() => jepsenCounts(runIds, peer.results).lost === 0, 60_000, `every result with the node down (${JSON.stringify(jepsenCounts(runIds, peer.results))})`);
    const allAnsweredAfter = Date.now() - killedAt;
    await sleep(1500);
    const counts = jepsenCounts(runIds, peer.results);
    reportCounts('cluster-mirrored-task-queue-node-kill', counts, `third-result-after-kill-ms=${moreResultsAfter} all-answered-after-kill-ms=${allAnsweredAfter}`);
    expect(counts.lost).toBe(0);
    expect(counts.unexpected).toBe(0);
    expect(worker.output().slice(from)).not.toMatch(/broker session \d+ lost|is down/);
    // hx3 stays dead: afterAll removes the cluster.
    expect(worker.proc.exitCode).toBeNull();
  }, 180_000);
});
