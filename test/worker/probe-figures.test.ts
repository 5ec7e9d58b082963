// The worker reports how many cameras it probes at once (the adaptive limit), how many probes finish
// per minute and how long they take, in the status API and in the heartbeat, next to the platform's
// own heartbeat fields.
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanups, waitUntil } from '../support/fault-harness.ts';
import { platformTask } from '../support/platform-peer.ts';
import { workerRig } from '../support/worker-rig.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

interface Probes {
  concurrency: number;
  running: number;
  ceiling: number;
  perMinute: number;
  meanLatencyMs: number | null;
}

async function statusProbes(dashboardUrl: string): Promise<Probes> {
  const u = new URL(dashboardUrl);
  const token = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
  const r = await fetch(new URL('/api/status', u.origin), { headers: { authorization: `Bearer ${token}` } });
  const body = (await r.json()) as { ok: boolean; value: { probes: Probes } };
  return body.value.probes;
}

type Heartbeat = { worker_id: string; timestamp: string; info: Record<string, unknown> & { stats: Record<string, unknown> } };

describe('probe figures of a worker process', () => {
  it('counts the probes of the last minute and their mean time in the status API and the heartbeat', async () => {
    const r = await workerRig(cleanups, 300);
    const worker = await r.start({ args: ['--heartbeat-interval', '1', '--probe-limit', '6'] });
    const before = await statusProbes(worker.dashboardUrl());
    expect(before).toMatchObject({ running: 0, ceiling: 6, perMinute: 0, meanLatencyMs: null });
    expect(before.concurrency).toBeGreaterThanOrEqual(2);
    expect(before.concurrency).toBeLessThanOrEqual(6);

    const cameras = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, name: `cam-${i + 1}`, stream_url: r.camera.url(`cam-${i + 1}`) }));
    await r.peer.publishTask(platformTask(1, [...cameras, { id: 9, name: 'down', stream_url: 'rtsp://127.0.0.1:1/none' }], ['brightness']));
    await waitUntil(() => r.peer.results.length === 1, 30_000, 'the result');

    const after = await statusProbes(worker.dashboardUrl());
    expect(after.perMinute).toBe(6);
    // Only the probes that got a picture: each waited 300 ms for the camera's answer.
    expect(after.meanLatencyMs).toBeGreaterThanOrEqual(300);
    expect(after.meanLatencyMs).toBeLessThan(10_000);
    expect(after.ceiling).toBe(6);

    const counted = (h: Record<string, unknown>) => (h as Heartbeat).info.probes_per_minute === 6;
    await waitUntil(() => r.peer.heartbeats.some(counted), 10_000, 'a heartbeat counting the probes');
    const hb = r.peer.heartbeats.find(counted) as Heartbeat;
    // The platform's fields stay as it reads them.
    expect(hb.worker_id).toBe(hb.info.worker_id);
    expect(Date.parse(hb.timestamp)).not.toBeNaN();
    expect(hb.info).toMatchObject({ status: expect.stringMatching(/running|busy/), current_tasks: 0, max_tasks: 4 });
    expect(typeof hb.info.cpu_percent).toBe('number');
    expect(typeof hb.info.memory_percent).toBe('number');
    expect(hb.info.stats).toMatchObject({ tasks_completed: 1, tasks_failed: 0 });
    // And the probe figures beside them.
    expect(hb.info).toMatchObject({ probe_limit: 6, probes_running: 0, probes_per_minute: 6 });
    expect(hb.info.probe_concurrency).toBeGreaterThanOrEqual(2);
    expect(hb.info.probe_concurrency).toBeLessThanOrEqual(6);
    expect(hb.info.probe_latency_ms).toBeGreaterThanOrEqual(300);
  });
});
