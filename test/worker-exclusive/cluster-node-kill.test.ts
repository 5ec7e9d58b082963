// A real 3-node RabbitMQ cluster (hx1..hx3 on 127.0.0.1:5681-5683, started and removed here by
// ../shared/cluster/nodes.sh; the broker on 5672 is not touched). A classic queue lives on the node
// that declared it first, and a quorum queue's leader on the node of whoever declared it, so each case
// places the queues by whom it connects where, then kill -9s a node and counts published, answered,
// lost and duplicated results, and the times until results flow again (and, without replication,
// until the rest resumes after the node's return). Goals (issue 13): 2 s each.
//   npx vitest run --config vitest.exclusive.config.ts test/worker-exclusive/cluster-node-kill.test.ts
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import amqp from 'amqplib';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { declareTopology, platformTopology, withEdgeQueueType, withTaskQueue } from '../../main/core/broker/topology.ts';
import { Cleanups, jepsenCounts, reportCounts, runIdFor, sleep, waitUntil, type JepsenCounts } from '../support/fault-harness.ts';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { startSlowCamera, type SlowCamera } from '../support/slow-camera.ts';
import { startWorker, tempDataDir, type WorkerProcess } from '../support/worker-process.ts';

const run = promisify(execFile);
// From the repository root: ../shared/cluster/nodes.sh (CI puts a copy of shared/ beside the clone).
const NODES = resolve(import.meta.dirname, '../../../shared/cluster/nodes.sh');
const nodeUrl = (n: number, vhost = '') => `amqp://guest:guest@127.0.0.1:568${n}/${vhost}`;
const nodes = (...args: string[]) => run('bash', [NODES, ...args], { timeout: 110_000 });
const WORKER_ARGS = ['--concurrency', '2', '--task-timeout', '60'];
const WORKER_ENV = { EDGE_HEARTBEAT_INTERVAL_S: '1' };

const cleanups = new Cleanups();
afterEach(() => cleanups.run());
beforeAll(() => nodes('up'), 120_000);
afterAll(() => nodes('down'), 60_000);

/** The queue warnings of the worker's status API (what the Overview shows). */
async function topologyWarnings(dashboardUrl: string): Promise<Array<{ queue: string; kind: string }>> {
  const u = new URL(dashboardUrl);
  const token = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
  const r = await fetch(new URL('/api/status', u.origin), { headers: { authorization: `Bearer ${token}` } });
  return ((await r.json()) as { value: { topologyWarnings: Array<{ queue: string; kind: string }> } }).value.topologyWarnings;
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

async function addVhost(vhost: string, policy?: string): Promise<void> {
  await nodes('ctl', '1', 'add_vhost', vhost);
  await nodes('ctl', '1', 'set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
  if (policy) await nodes('ctl', '1', 'set_policy', '-p', vhost, 'ha-tasks', '^diagnosis\\.tasks$', policy, '--apply-to', 'queues');
}

/** Declares queues from a connection to `node`, so that they live there (classic) or are led from there (quorum). */
async function declareOn(node: number, vhost: string, declare: (conn: amqp.ChannelModel) => Promise<unknown>): Promise<void> {
  const conn = await amqp.connect(nodeUrl(node, vhost));
  try {
    await declare(conn);
  } finally {
    await conn.close();
  }
}

/** The camera, the platform (on hx1: it declares the platform's queues first, so they live there) and the worker. */
async function setUp(vhost: string, brokers: number[], placeFirst?: () => Promise<void>, extraArgs: string[] = []) {
  const camera = await startSlowCamera(300);
  cleanups.add(() => camera.stop());
  await placeFirst?.();
  const peer = await PlatformPeer.connect(nodeUrl(1, vhost));
  cleanups.add(() => peer.close());
  const dataDir = tempDataDir();
  cleanups.removeDirLater(dataDir);
  const worker = await startWorker({ brokers: brokers.map((n) => nodeUrl(n, vhost)), dataDir, args: [...WORKER_ARGS, ...extraArgs], env: WORKER_ENV });
  cleanups.add(() => worker.stop(15_000));
  return { camera, peer, worker, dataDir };
}

function connectedNode(worker: WorkerProcess, from = 0): number {
  const all = [...worker.output().slice(from).matchAll(/broker connected: \S*127\.0\.0\.1:568(\d)/g)];
  return Number(all.at(-1)?.[1]);
}

/** kill -9 of a node's Erlang VM; returns when. */
async function killNode(n: number): Promise<number> {
  const pid = Number((await nodes('pid', String(n))).stdout.trim());
  const at = Date.now();
  process.kill(pid, 'SIGKILL');
  return at;
}

/** Starts a killed node again: when its AMQP port accepted a connection, and when it finished booting. */
async function startNode(n: number): Promise<{ portOpenAt: number; upAt: number }> {
  let portOpenAt = 0;
  const start = nodes('start', String(n));
  const probe = (async () => {
    while (portOpenAt === 0) {
      const open = await new Promise<boolean>((done) => {
        const s = tcpConnect(568 * 10 + n, '127.0.0.1');
        s.once('connect', () => (s.destroy(), done(true)));
        s.once('error', () => done(false));
      });
      if (open) portOpenAt = Date.now();
      else await sleep(50);
    }
  })();
  await start;
  const upAt = Date.now();
  await probe;
  return { portOpenAt, upAt };
}

/** When `queue` can be used again, seen from hx1 (passive checks every 50 ms): the moment the worker could notice. */
async function queueBackAt(vhost: string, queue: string): Promise<number> {
  const conn = await amqp.connect(nodeUrl(1, vhost));
  conn.on('error', () => undefined);
  try {
    for (;;) {
      const ch = await conn.createChannel();
      ch.on('error', () => undefined);
      const ok = await ch.checkQueue(queue).then(() => true, () => false);
      if (ok) {
        await ch.close();
        return Date.now();
      }
      await sleep(50);
    }
  } finally {
    await conn.close().catch(() => undefined);
  }
}

/** Every published run answered (waiting up to `timeoutMs`), then a little longer for late duplicates. */
async function allAnswered(runIds: string[], peer: PlatformPeer, timeoutMs: number): Promise<JepsenCounts> {
  await waitUntil(() => jepsenCounts(runIds, peer.results).lost === 0, timeoutMs, `every result (${JSON.stringify(jepsenCounts(runIds, peer.results))})`);
  await sleep(1000);
  return jepsenCounts(runIds, peer.results);
}

const answered = (c: JepsenCounts) => `answered=${c.ok}`;

/**
 * Kills hx3, which holds the replicated task queue's leader: a follower or mirror takes over, so more
 * results come than the (at most two) tasks running at the kill can give, every task is answered once,
 * and the worker keeps its session.
 */
async function killAndExpectReplicaTakesOver(name: string, peer: PlatformPeer, worker: WorkerProcess, runIds: string[]): Promise<void> {
  const from = worker.output().length;
  const resultsAtKill = peer.results.length;
  const killedAt = await killNode(3);
  const resultsAfter = await msUntil(killedAt, () => peer.results.length > resultsAtKill + 2, 30_000, 'more results than the running tasks give');
  const counts = await allAnswered(runIds, peer, 60_000);
  const allAnsweredAfter = Date.now() - killedAt;
  reportCounts(name, counts, `${answered(counts)} results-flow-after-kill-ms=${resultsAfter} all-answered-after-kill-ms=${allAnsweredAfter}`);
  expect(counts.lost).toBe(0);
  expect(counts.unexpected).toBe(0);
  expect(worker.output().slice(from)).not.toMatch(/broker session \d+ lost|is down/);
}

describe('worker on a 3-node RabbitMQ cluster', () => {
  it('kill -9 of a node holding only the parking queue (worker connected elsewhere): the rest goes on, parking resumes when it is back', async () => {
    await addVhost('pq');
    // The parking queue on hx3 (an edge node of the fleet declared it first there); the worker on hx2.
    const { camera, peer, worker, dataDir } = await setUp('pq', [2], () => declareOn(3, 'pq', async (c) => (await c.createChannel()).assertQueue('diagnosis.tasks.rejected', { durable: true })));
    const runIds = await publishTasks(peer, camera, 30, 7000);
    await waitUntil(() => peer.results.length >= 6, 60_000, 'the first results');

    const from = worker.output().length;
    const resultsAtKill = peer.results.length;
    const heartbeatsAtKill = peer.heartbeats.length;
    const killedAt = await killNode(3);
    const resultsAfter = await msUntil(killedAt, () => peer.results.length > resultsAtKill + 2, 30_000, 'more results than the running tasks give');
    const heartbeatsAfter = await msUntil(killedAt, () => peer.heartbeats.length > heartbeatsAtKill + 1, 30_000, 'heartbeats after the kill');
    // A message to park while the parking queue is down: kept locally, named as a queue that is down (the
    // broker's answer, NO_ROUTE, is the same as for a queue nobody bound).
    await peer.publishRaw(Buffer.from('not json, parking queue down'));
    const deadLetters = join(dataDir, 'dead-letters.jsonl');
    await waitUntil(() => existsSync(deadLetters), 10_000, 'the dead-letter file');
    expect(readFileSync(deadLetters, 'utf8')).toMatch(/not parked: queue-down: queue diagnosis\.tasks\.rejected is down/);
    expect(await topologyWarnings(worker.dashboardUrl())).toEqual([expect.objectContaining({ queue: 'diagnosis.tasks.rejected', kind: 'down' })]);
    const counts = await allAnswered(runIds, peer, 60_000);
    const allAnsweredAfter = Date.now() - killedAt;

    let backAt = 0;
    void worker.waitFor(/queue diagnosis\.tasks\.rejected is available again/, 60_000, from).then(() => (backAt = Date.now()), () => undefined);
    const queueBack = queueBackAt('pq', 'diagnosis.tasks.rejected');
    const { portOpenAt, upAt } = await startNode(3);
    await waitUntil(() => backAt > 0, 30_000, 'the parking queue back');
    const queueUsableAt = await queueBack;
    // Parks into the queue again.
    await peer.publishRaw(Buffer.from('not json, parking queue back'));
    await waitUntil(async () => (await peer.queue('diagnosis.tasks.rejected')).messages === 1, 10_000, 'a parked message');
    reportCounts(
      'cluster-parking-only-node-kill',
      counts,
      `${answered(counts)} results-flow-after-kill-ms=${resultsAfter} heartbeats-after-kill-ms=${heartbeatsAfter} all-answered-after-kill-ms=${allAnsweredAfter} ` +
        `node-port-open-to-boot-done-ms=${upAt - portOpenAt} queue-usable-after-port-open-ms=${queueUsableAt - portOpenAt} ` +
        `parking-resumed-after-port-open-ms=${backAt - portOpenAt} parking-resumed-after-queue-usable-ms=${backAt - queueUsableAt}`,
    );
    expect(counts.lost).toBe(0);
    expect(counts.unexpected).toBe(0);
    expect(worker.output().slice(from)).not.toMatch(/broker session \d+ lost/);
    expect(await topologyWarnings(worker.dashboardUrl())).toEqual([]);
  }, 150_000);

  it('kill -9 of the node holding the task queue (no replication): results of running tasks and heartbeats go on, tasks resume when it is back', async () => {
    await addVhost('tq');
    // The task queue on hx3 (the platform declared it there first), results and heartbeats on hx1, the worker on hx2.
    const placeTasks = () =>
      declareOn(3, 'tq', async (c) => {
        const ch = await c.createChannel();
        await ch.assertExchange('easysight.tasks', 'direct', { durable: true });
        await ch.assertQueue('diagnosis.tasks', { durable: true, arguments: { 'x-message-ttl': 3600000, 'x-max-priority': 10 } });
      });
    const { camera, peer, worker } = await setUp('tq', [2], placeTasks);
    const runIds = await publishTasks(peer, camera, 30, 8000);
    await waitUntil(() => peer.results.length >= 6, 60_000, 'the first results');
    const from = worker.output().length;
    const resultsAtKill = peer.results.length;
    const heartbeatsAtKill = peer.heartbeats.length;
    const killedAt = await killNode(3);

    // What lives on the other nodes goes on: the results of the tasks running at the kill, and heartbeats.
    const resultsAfter = await msUntil(killedAt, () => peer.results.length > resultsAtKill, 30_000, 'the results of the running tasks');
    const heartbeatsAfter = await msUntil(killedAt, () => peer.heartbeats.length > heartbeatsAtKill + 1, 30_000, 'heartbeats after the kill');
    await worker.waitFor(/queue diagnosis\.tasks is down \(NOT_FOUND - home node/, 10_000, from);
    // The session stayed up: the queue is a warning, not a reconnect.
    expect(worker.output().slice(from)).not.toMatch(/broker session \d+ lost/);
    expect(await topologyWarnings(worker.dashboardUrl())).toEqual([expect.objectContaining({ queue: 'diagnosis.tasks', kind: 'down' })]);
    await sleep(1000);
    const resultsWhileDown = peer.results.length - resultsAtKill;

    const resultsBeforeStart = peer.results.length;
    let resumedAt = 0;
    const resumed = waitUntil(() => peer.results.length > resultsBeforeStart, 60_000, 'results after the node is back', 20).then(() => (resumedAt = Date.now()));
    const queueBack = queueBackAt('tq', 'diagnosis.tasks');
    const { portOpenAt, upAt } = await startNode(3);
    await resumed;
    const queueUsableAt = await queueBack;
    const counts = await allAnswered(runIds, peer, 60_000);
    reportCounts(
      'cluster-task-queue-node-kill',
      counts,
      `${answered(counts)} results-while-down=${resultsWhileDown} results-flow-after-kill-ms=${resultsAfter} heartbeats-after-kill-ms=${heartbeatsAfter} ` +
        `node-port-open-to-boot-done-ms=${upAt - portOpenAt} queue-usable-after-port-open-ms=${queueUsableAt - portOpenAt} ` +
        `tasks-resumed-after-port-open-ms=${resumedAt - portOpenAt} tasks-resumed-after-queue-usable-ms=${resumedAt - queueUsableAt}`,
    );
    expect(counts.lost).toBe(0);
    expect(counts.unexpected).toBe(0);
    expect(worker.output().slice(from)).toMatch(/queue diagnosis\.tasks is available again/);
    expect(await topologyWarnings(worker.dashboardUrl())).toEqual([]);
  }, 150_000);

  it("kill -9 of the worker's node (holding none of its queues): it fails over to another node and results flow again", async () => {
    await addVhost('wn');
    // The parking queue on hx1 with the platform's queues; the worker on hx2 or hx3 (a random start).
    const placeParking = () => declareOn(1, 'wn', async (c) => (await c.createChannel()).assertQueue('diagnosis.tasks.rejected', { durable: true }));
    const { camera, peer, worker } = await setUp('wn', [2, 3], placeParking);
    const node = connectedNode(worker);
    expect([2, 3]).toContain(node);
    const runIds = await publishTasks(peer, camera, 30, 9000);
    await waitUntil(() => peer.results.length >= 6, 60_000, 'the first results');

    const from = worker.output().length;
    const resultsAtKill = peer.results.length;
    const heartbeatsAtKill = peer.heartbeats.length;
    const killedAt = await killNode(node);
    const resultsAfter = await msUntil(killedAt, () => peer.results.length > resultsAtKill, 30_000, 'a result after the kill');
    const heartbeatsAfter = await msUntil(killedAt, () => peer.heartbeats.length > heartbeatsAtKill + 1, 30_000, 'heartbeats after the kill');
    const counts = await allAnswered(runIds, peer, 60_000);
    const allAnsweredAfter = Date.now() - killedAt;
    const failedOverTo = connectedNode(worker, from);
    reportCounts('cluster-worker-node-kill', counts, `${answered(counts)} node=hx${node} failed-over-to=hx${failedOverTo} results-flow-after-kill-ms=${resultsAfter} heartbeats-after-kill-ms=${heartbeatsAfter} all-answered-after-kill-ms=${allAnsweredAfter}`);
    expect(counts.lost).toBe(0);
    expect(counts.unexpected).toBe(0);
    expect(worker.output().slice(from)).toMatch(/broker session \d+ lost: connection closed: /);
    expect([1, 2, 3].filter((n) => n !== node)).toContain(failedOverTo);
    expect(await topologyWarnings(worker.dashboardUrl())).toEqual([]);
    await worker.stop(15_000);
    await startNode(node);
  }, 150_000);

  it("kill -9 of the leader of the edge's own quorum task queue and quorum parking queue: results flow again at once", async () => {
    await addVhost('qq');
    // The edge's queues declared by another edge node on hx3 (so led from there), exactly as the worker
    // declares them; the platform's queues on hx1; the worker on hx1 or hx2.
    const edgeTopology = withEdgeQueueType(withTaskQueue(platformTopology(), 'edge.tasks'), 'quorum', 'edge.tasks');
    const placeEdgeQueues = () =>
      declareOn(3, 'qq', async (c) => {
        const ch = await c.createChannel();
        for (const ex of edgeTopology.exchanges) await ch.assertExchange(ex.name, ex.type, { durable: ex.durable });
        expect(await declareTopology(c, edgeTopology, new Set(['edge.tasks', edgeTopology.parkingQueue]))).toEqual([]);
      });
    const configDir = tempDataDir();
    cleanups.removeDirLater(configDir);
    const configFile = join(configDir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ topology: { queueType: 'quorum' } }));
    const { camera, peer, worker } = await setUp('qq', [1, 2], placeEdgeQueues, ['--task-queue', 'edge.tasks', '--config', configFile]);
    const leaders = JSON.parse((await nodes('ctl', '1', 'list_queues', '-p', 'qq', '--formatter', 'json', 'name', 'type', 'leader')).stdout) as Array<{ name: string; type: string; leader: string }>;
    expect(leaders.filter((q) => q.type === 'quorum').map((q) => `${q.name}@${q.leader}`).sort()).toEqual(['diagnosis.tasks.rejected@hx3@localhost', 'edge.tasks@hx3@localhost']);
    const runIds = await publishTasks(peer, camera, 30, 10000);
    await waitUntil(() => peer.results.length >= 6, 60_000, 'the first results');

    await killAndExpectReplicaTakesOver('cluster-quorum-leader-kill', peer, worker, runIds);
    await worker.stop(15_000);
    await startNode(3);
  }, 150_000);

  it('kill -9 of the node holding the task queue, mirrored by a policy: the worker consumes the promoted mirror at once', async () => {
    await addVhost('ha', '{"ha-mode":"all","ha-sync-mode":"automatic"}');
    const placeTasks = () =>
      declareOn(3, 'ha', async (c) => {
        const ch = await c.createChannel();
        await ch.assertExchange('easysight.tasks', 'direct', { durable: true });
        await ch.assertQueue('diagnosis.tasks', { durable: true, arguments: { 'x-message-ttl': 3600000, 'x-max-priority': 10 } });
      });
    const { camera, peer, worker } = await setUp('ha', [2], placeTasks);
    const runIds = await publishTasks(peer, camera, 30, 11000);
    await waitUntil(() => peer.results.length >= 6, 60_000, 'the first results');
    await killAndExpectReplicaTakesOver('cluster-mirrored-task-queue-node-kill', peer, worker, runIds);
    // hx3 stays dead: afterAll removes the cluster.
  }, 150_000);
});
