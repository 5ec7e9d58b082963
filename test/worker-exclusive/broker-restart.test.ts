// The broker itself goes down (rabbitmqctl stop_app) while tasks run, and comes back (start_app).
// This stops RabbitMQ for every test on the machine, so this folder runs alone, after the main suite:
//   npx vitest run --config vitest.exclusive.config.ts
import { execFile } from 'node:child_process';
import { connect as tcpConnect } from 'node:net';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import { brokerQueueCounts, Cleanups, jepsenCounts, reportCounts, sleep, waitUntil } from '../support/fault-harness.ts';
import { PlatformPeer } from '../support/platform-peer.ts';
import { allAnswered, publishTasks, workerRig } from '../support/worker-rig.ts';

const run = promisify(execFile);
const cleanups = new Cleanups();
afterEach(() => cleanups.run());

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function amqpAccepts(url: string): Promise<boolean> {
  try {
    const conn = await amqp.connect(url, { timeout: 3000 });
    conn.on('error', () => undefined);
    await conn.close().catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

/** RabbitMQ is back: the port listens and an AMQP login on the default vhost succeeds. */
async function waitForBroker(timeoutMs: number, vhostUrl?: string): Promise<void> {
  await waitUntil(
    async () => (await portOpen(5672)) && (await amqpAccepts('amqp://guest:guest@127.0.0.1:5672/')) && (vhostUrl === undefined || (await amqpAccepts(vhostUrl))),
    timeoutMs,
    'RabbitMQ to accept connections again',
    500,
  );
}

describe('worker while the broker restarts', () => {
  it('rabbitmqctl stop_app / start_app while tasks run: no result is lost', async () => {
    const r = await workerRig(cleanups, 1500);
    const worker = await r.start({ args: ['--concurrency', '2', '--task-timeout', '60'] });
    const runIds = await publishTasks(r, 8, 500);
    await waitUntil(() => r.camera.inFlight >= 2, 20_000, 'tasks in flight');
    const answeredBefore = r.peer.results.length;

    const from = worker.output().length;
    const stopAt = Date.now();
    let upAt: number | undefined;
    try {
      await run('rabbitmqctl', ['-q', 'stop_app'], { timeout: 60_000 });
      // Tasks keep running and finish while the broker is away: their results wait in the outbox.
      await sleep(3000);
      await run('rabbitmqctl', ['-q', 'start_app'], { timeout: 120_000 });
      upAt = Date.now();
    } finally {
      // Whatever happened above, leave a running broker behind for the rest of the suite.
      await run('rabbitmqctl', ['-q', 'start_app'], { timeout: 120_000 }).catch(() => undefined);
      await waitForBroker(90_000, r.vhost.url);
    }
    await worker.waitFor(/broker reconnecting/, 5_000, from);
    await worker.waitFor(/broker connected/, 60_000, from);

    // The platform's own consumer lost its connection with the broker: the platform reconnects too.
    const second = await PlatformPeer.connect(r.vhost.url);
    cleanups.add(() => second.close());
    const results = () => [...r.peer.results, ...second.results];
    await allAnswered(r, runIds, 60_000, results);
    const counts = jepsenCounts(runIds, results());
    // Results computed while the broker was down, delivered once it was back.
    const madeWhileDown = results().filter((x) => {
      const t = Date.parse(String(x.body.completed_at));
      return t >= stopAt && t <= (upAt ?? stopAt);
    }).length;
    reportCounts('broker-restart', counts, `broker-down-ms=${upAt === undefined ? 'unknown' : upAt - stopAt} answered-before-stop=${answeredBefore} made-while-down=${madeWhileDown}`);
    expect(counts.lost).toBe(0);
    expect(counts.unexpected).toBe(0);
    expect(madeWhileDown).toBeGreaterThanOrEqual(1);
    expect(await brokerQueueCounts(r.vhost.name, 'diagnosis.tasks')).toEqual({ ready: 0, unacked: 0 });
    expect(worker.proc.exitCode).toBeNull();
  }, 240_000);
});
