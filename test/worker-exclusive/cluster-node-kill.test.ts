// A real 3-node RabbitMQ cluster (hx1..hx3 on 127.0.0.1:5681-5683, started and removed here by
// ../shared/cluster/nodes.sh; the broker on 5672 is not touched). The platform's queues live on hx1,
// the worker connects to hx2 or hx3, so its parking queue (which it declares first) is the only
// queue on its node. kill -9 of that node: the worker fails over, the parking queue is down and
// stays a warning, and tasks, results and heartbeats go on while the node is still dead.
//   npx vitest run --config vitest.exclusive.config.ts test/worker-exclusive/cluster-node-kill.test.ts
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cleanups, jepsenCounts, reportCounts, runIdFor, sleep, waitUntil } from '../support/fault-harness.ts';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { startSlowCamera } from '../support/slow-camera.ts';
import { startWorker, tempDataDir } from '../support/worker-process.ts';

const run = promisify(execFile);
// From the repository root: ../shared/cluster/nodes.sh (CI puts a copy of shared/ beside the clone).
const NODES = resolve(import.meta.dirname, '../../../shared/cluster/nodes.sh');
const nodeUrl = (n: number) => `amqp://guest:guest@127.0.0.1:568${n}/`;
const nodes = (...args: string[]) => run('bash', [NODES, ...args], { timeout: 110_000 });

const cleanups = new Cleanups();
afterEach(() => cleanups.run());
beforeAll(() => nodes('up'), 120_000);
afterAll(() => nodes('down'), 60_000);

/** Milliseconds from `since` until `check` holds, polled every 20 ms. */
async function msUntil(since: number, check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  await waitUntil(check, timeoutMs, what, 20);
  return Date.now() - since;
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

    const runIds: string[] = [];
    const envelopes = [];
    for (let i = 0; i < 40; i++) {
      const taskId = 7000 + i;
      const createdAt = new Date(Date.UTC(2025, 7, 13, 9, 0, i)).toISOString();
      envelopes.push(platformTask(taskId, [{ id: taskId, name: `cam-${taskId}`, stream_url: camera.url(`cam-${taskId}`) }], ['brightness'], createdAt));
      runIds.push(runIdFor(taskId, createdAt));
    }
    await peer.publishTasks(envelopes);
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
});
