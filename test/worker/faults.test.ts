// Fault injection against the real worker process, real RabbitMQ, real ffmpeg and SQLite. Each fault
// ends with the rabbitmq/jepsen checker's counts: every published run must get a result (lost = 0),
// no result may name a run nobody published (unexpected = 0); duplicates are allowed (at-least-once,
// the platform dedupes by message_id).
import { afterEach, describe, expect, it } from 'vitest';
import { brokerQueueCounts, Cleanups, jepsenCounts, reportCounts, runIdFor, sleep, vhostConnections, waitUntil } from '../support/fault-harness.ts';
import { platformTask } from '../support/platform-peer.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
import { allAnswered, killHard, publishTasks, workerRig } from '../support/worker-rig.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

describe('worker faults', () => {
  it('kill -9 mid-task, twice, and restart on the same data folder: every run gets its result', async () => {
    const r = await workerRig(cleanups, 1500);
    const args = ['--concurrency', '2', '--task-timeout', '30'];
    let worker = await r.start({ args });
    const runIds = await publishTasks(r, 8, 100);

    // 1st kill: two tasks are waiting on the camera, nothing answered yet.
    await waitUntil(() => r.camera.inFlight >= 2, 20_000, 'two tasks in flight');
    expect(r.peer.results.length).toBe(0);
    await killHard(cleanups, worker);
    worker = await r.start({ args });

    // 2nd kill: some results out, the restarted worker is in the middle of further tasks.
    const requestsBefore = r.camera.requests;
    await waitUntil(() => r.peer.results.length >= 2 && r.camera.requests > requestsBefore + 2 && r.camera.inFlight >= 1, 30_000, 'results flowing and more tasks running');
    const answeredAtKill = jepsenCounts(runIds, r.peer.results).ok;
    expect(answeredAtKill).toBeLessThan(runIds.length);
    await killHard(cleanups, worker);
    worker = await r.start({ args });

    await allAnswered(r, runIds, 45_000);
    const counts = jepsenCounts(runIds, r.peer.results);
    reportCounts('kill9', counts, `kills=2 answered-before-2nd-kill=${answeredAtKill}`);
    expect(counts.lost).toBe(0);
    expect(counts.unexpected).toBe(0);
    expect(await brokerQueueCounts(r.vhost.name, 'diagnosis.tasks')).toEqual({ ready: 0, unacked: 0 });
    expect(worker.proc.exitCode).toBeNull();
  }, 120_000);

  it('connection cut mid-task and mid-publish, then refused for a while: results made offline arrive after reconnection', async () => {
    const r = await workerRig(cleanups, 1500);
    const proxy = await startTcpProxy();
    cleanups.add(() => proxy.close());
    const worker = await r.start({ brokers: [r.vhost.urlVia(proxy.port)], args: ['--concurrency', '3', '--task-timeout', '30'] });
    const runIds = await publishTasks(r, 12, 200);

    // Cut 1: while the first tasks wait on the camera.
    await waitUntil(() => r.camera.inFlight >= 2, 20_000, 'tasks in flight');
    let from = worker.output().length;
    proxy.cutAll();
    await worker.waitFor(/broker reconnecting/, 10_000, from);
    await worker.waitFor(/broker connected/, 20_000, from);

    // Cut 2: the moment a result reaches the platform (others are being published or confirmed) while
    // the next tasks already run; then keep the broker unreachable while those tasks finish.
    const seen = r.peer.results.length;
    await waitUntil(() => r.peer.results.length > seen && r.camera.inFlight >= 1, 30_000, 'results flowing with tasks running', 5);
    from = worker.output().length;
    proxy.refuse(true);
    proxy.cutAll();
    const downAt = Date.now();
    await worker.waitFor(/broker reconnecting/, 10_000, from);
    await sleep(4000);
    const upAt = Date.now();
    const beforeUp = r.peer.results.length;
    proxy.refuse(false);
    await worker.waitFor(/broker connected/, 30_000, from);

    await allAnswered(r, runIds, 45_000);
    const counts = jepsenCounts(runIds, r.peer.results);
    // Results computed while the worker could not reach the broker, delivered after it came back.
    const madeOffline = r.peer.results.slice(beforeUp).filter((x) => {
      const t = Date.parse(String(x.body.completed_at));
      return t >= downAt && t <= upAt;
    }).length;
    reportCounts('tcp-cut', counts, `cuts=2 refused-ms=${upAt - downAt} made-offline-delivered-later=${madeOffline}`);
    expect(counts.lost).toBe(0);
    expect(counts.unexpected).toBe(0);
    expect(madeOffline).toBeGreaterThanOrEqual(1);
    expect(await brokerQueueCounts(r.vhost.name, 'diagnosis.tasks')).toEqual({ ready: 0, unacked: 0 });
  }, 120_000);

  it('SIGSTOP past the AMQP heartbeat timeout, then SIGCONT: the worker reconnects by itself', async () => {
    const r = await workerRig(cleanups, 1500);
    const worker = await r.start({ args: ['--concurrency', '2', '--task-timeout', '60'], env: { EDGE_AMQP_HEARTBEAT_S: '5' } });
    const runIds = await publishTasks(r, 6, 300);
    await waitUntil(() => r.camera.inFlight >= 1, 20_000, 'a task in flight');
    const connectionsBefore = await vhostConnections(r.vhost.name);
    const from = worker.output().length;
    worker.signal('SIGSTOP');
    const stoppedAt = Date.now();
    // At least 14 s, and until the broker has given the frozen worker up (missed heartbeats).
    await sleep(14_000);
    await waitUntil(async () => (await vhostConnections(r.vhost.name)) < connectionsBefore, 20_000, 'the broker to drop the silent connection', 500);
    const stoppedMs = Date.now() - stoppedAt;
    worker.signal('SIGCONT');
    await worker.waitFor(/session \d+ lost/, 20_000, from);
    await worker.waitFor(/broker connected/, 30_000, from);

    await allAnswered(r, runIds, 45_000);
    const counts = jepsenCounts(runIds, r.peer.results);
    reportCounts('sigstop', counts, `stopped-ms=${stoppedMs}`);
    expect(counts.lost).toBe(0);
    expect(counts.unexpected).toBe(0);
    expect(await brokerQueueCounts(r.vhost.name, 'diagnosis.tasks')).toEqual({ ready: 0, unacked: 0 });
  }, 120_000);

  it('a run that kills the worker every time is parked with an error result after EDGE_MAX_TASK_ATTEMPTS, not looped', async () => {
    // The camera never answers in time: the worker is killed as soon as the run's probe reaches it.
    const r = await workerRig(cleanups, 60_000);
    const maxAttempts = 2;
    const env = { EDGE_MAX_TASK_ATTEMPTS: String(maxAttempts) };
    const args = ['--concurrency', '1', '--task-timeout', '120'];
    const createdAt = '2025-08-13T09:00:00.000Z';
    const runId = runIdFor(400, createdAt);
    const cameraKey = new URL(r.camera.url('crasher')).pathname.slice(1);
    const probes = () => r.camera.perCamera.get(cameraKey) ?? 0;

    // The probes seen so far are counted before each start: a worker that finds the task waiting
    // reaches the camera as soon as it is connected, which may be before r.start returns.
    let seen = probes();
    let worker = await r.start({ env, args });
    await r.peer.publishTask(platformTask(400, [{ id: 400, name: 'crasher', stream_url: r.camera.url('crasher') }], ['brightness'], createdAt));
    // Kill the worker whenever the run starts again, until it is parked (an error result arrives).
    // A first delivery's start is recorded lazily (worker.ts), so a crash right after it may go
    // uncounted: one crash more than EDGE_MAX_TASK_ATTEMPTS is tolerated, a second one is a loop.
    let kills = 0;
    for (;;) {
      await waitUntil(() => probes() > seen || r.peer.results.length > 0, 20_000, `start ${kills + 1} of the run, or its parking`);
      if (r.peer.results.length > 0) break;
      expect(kills, 'the run keeps being started after every crash').toBeLessThan(maxAttempts + 1);
      await killHard(cleanups, worker);
      kills++;
      seen = probes();
      worker = await r.start({ env, args });
    }
    await worker.waitFor(/message parked/, 5_000);
    expect(kills).toBeGreaterThanOrEqual(maxAttempts);
    const result = r.peer.results[0]!;
    expect(result.body.run_id).toBe(runId);
    const body = result.body.result as { success: boolean; error?: string };
    expect(body.success).toBe(false);
    expect(body.error).toMatch(/started \d+ times without finishing/);
    const parked = await r.peer.drainParked();
    expect(parked).toHaveLength(1);
    expect(parked[0]!.reason).toMatch(/started \d+ times without finishing.*parked/);
    expect(JSON.parse(parked[0]!.body.toString()) as { task_id: number }).toMatchObject({ task_id: 400 });

    // Not looping: after a while no third probe, no more results, nothing left in the queue.
    const starts = probes();
    expect(starts).toBe(kills);
    await sleep(3000);
    expect(probes()).toBe(starts);
    const counts = jepsenCounts([runId], r.peer.results);
    reportCounts('crash-loop', counts, `kills=${kills} starts=${starts} parked=${parked.length}`);
    expect(counts.lost).toBe(0);
    expect(counts.unexpected).toBe(0);
    expect(r.peer.results).toHaveLength(1);
    expect(await r.peer.drainParked()).toHaveLength(0);
    expect(await brokerQueueCounts(r.vhost.name, 'diagnosis.tasks')).toEqual({ ready: 0, unacked: 0 });
    expect(worker.proc.exitCode).toBeNull();
  }, 90_000);
});
