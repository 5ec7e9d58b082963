// The worker against a real RabbitMQ, real ffmpeg and a real SQLite file: the platform's wire
// contract, concurrency, switching off and on, and deduplication of redelivered runs.
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/fault-harness.ts';
import { startInProcessWorker, type InProcessWorker } from '../support/in-process-worker.ts';
import { SAMPLES } from '../support/media.ts';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { startSlowCamera, type SlowCamera } from '../support/slow-camera.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';

let vhost: TestVhost;
let peer: PlatformPeer;
let camera: SlowCamera;
const workers: InProcessWorker[] = [];

beforeEach(async () => {
  vhost = await createVhost();
  peer = await PlatformPeer.connect(vhost.url);
  camera = await startSlowCamera(50);
});

afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  await peer.close();
  await camera.stop();
  await vhost.remove();
});

async function worker(config: Parameters<typeof startInProcessWorker>[0], dataDir?: string): Promise<InProcessWorker> {
  const w = await startInProcessWorker({ brokers: [vhost.url], heartbeatIntervalS: 1, ...config }, dataDir);
  workers.push(w);
  return w;
}

describe('worker: the platform wire contract', () => {
  it('consumes a platform task and answers with results and heartbeats in the platform shape', async () => {
    const w = await worker({ concurrency: 2 });
    expect(w.worker.status().topologyWarnings).toEqual([]);
    await peer.publishTask(platformTask(12, [{ id: 1, stream_url: camera.url('lobby'), name: '大厅' }, { id: 2, stream_url: 'rtsp://127.0.0.1:1/none' }], ['brightness', 'clarity', 'contrast']));
    await waitUntil(() => peer.results.length === 1, 30_000, 'a result');
    const r = peer.results[0]!;
    expect(r.persistent).toBe(true);
    expect(r.messageId).toMatch(/^edge-test:12@/);
    const body = r.body as { task_id: number; worker_id: string; run_id: string; completed_at: string; result: { success: boolean; results_count: number; success_count: number; error_count: number; results: Array<Record<string, unknown>> } };
    expect(body.task_id).toBe(12);
    expect(body.worker_id).toBe('edge-test');
    expect(Date.parse(body.completed_at)).not.toBeNaN();
    expect(body.result.success).toBe(true);
    expect(body.result.results_count).toBe(4);
    expect(body.result.success_count + body.result.error_count).toBe(4);
    const lobby = body.result.results.filter((x) => x.camera_id === 1);
    expect(lobby.map((x) => x.diagnosis_type).sort()).toEqual(['brightness', 'clarity', 'contrast']);
    for (const row of lobby) {
      expect(row).toMatchObject({ camera_name: '大厅', diagnosis_status: 'normal', is_abnormal: false, error_message: null });
      expect(typeof row.score).toBe('number');
      expect(typeof row.processing_time).toBe('number');
      expect(String(row.thumbnail).length).toBeGreaterThan(100);
    }
    const down = body.result.results.find((x) => x.camera_id === 2)!;
    expect(down).toMatchObject({ diagnosis_type: 'signal_loss', diagnosis_status: 'critical', is_abnormal: true });
    expect(String(down.error_message)).toMatch(/refused/);
    // The run and its results are cached locally, snapshot included.
    const stored = w.store.results.forRun(body.run_id);
    expect(stored).toHaveLength(4);
    expect(stored.find((x) => x.camera_id === 1)?.snapshot_path).toMatch(/\.jpg$/);

    // Heartbeats come every second here; wait for one sent after the task was done.
    const done = (h: Record<string, unknown>) => (h.info as { stats: { tasks_completed: number } }).stats.tasks_completed === 1;
    await waitUntil(() => peer.heartbeats.some(done), 10_000, 'a heartbeat counting the task');
    const hb = peer.heartbeats.find(done) as { worker_id: string; timestamp: string; info: Record<string, unknown> };
    expect(hb.worker_id).toBe('edge-test');
    expect(hb.info).toMatchObject({ worker_id: 'edge-test', max_tasks: 2, status: expect.stringMatching(/running|busy/) });
    for (const key of ['current_tasks', 'cpu_percent', 'memory_percent', 'stats', 'version', 'hostname', 'addresses', 'capabilities', 'outbox_backlog']) expect(hb.info).toHaveProperty(key);
    expect(hb.info.stats).toMatchObject({ tasks_completed: 1, tasks_failed: 0 });
  });

  it('never lets a broker task read a local file through a camera synced from the platform; one entered here may', async () => {
    const w = await worker({});
    const photo = resolve(SAMPLES, 'building.jpg');
    expect(w.store.cameras.upsert({ id: 71, name: 'synced', streamUrl: photo, source: 'platform' }).ok).toBe(true);
    expect(w.store.cameras.upsert({ id: 72, name: 'entered here', streamUrl: photo, source: 'local' }).ok).toBe(true);
    await peer.publishTask({ ...platformTask(70, [], ['brightness']), data: { task_id: 70, task_type: 'diagnosis', camera_ids: [71, 72], diagnosis_types: ['brightness'], diagnosis_config: {}, threshold_config: {} } });
    await waitUntil(() => peer.results.length === 1, 30_000, 'the result');
    const rows = peer.results.flatMap((r) => (r.body.result as { results: Array<Record<string, unknown>> }).results);
    const synced = rows.find((x) => x.camera_id === 71)!;
    expect(synced).toMatchObject({ diagnosis_type: 'signal_loss', is_abnormal: true });
    expect(String(synced.error_message)).toMatch(/local file/i);
    expect(synced.thumbnail ?? null).toBeNull();
    expect(rows.find((x) => x.camera_id === 72)).toMatchObject({ diagnosis_type: 'brightness', error_message: null });
  });

  it('reports queue depth and consumers of the task queues', async () => {
    const w = await worker({ concurrency: 1 });
    expect(await w.worker.queueStatus()).toEqual([{ queue: 'diagnosis.tasks', messages: 0, consumers: 1 }]);
  });
});

describe('worker: concurrency', () => {
  it('runs N tasks at once when N wait, and never more', async () => {
    camera.delayMs = 700;
    const w = await worker({ concurrency: 3, probeLimit: 10 });
    let running = 0;
    let peak = 0;
    w.worker.on('task-start', () => {
      running++;
      peak = Math.max(peak, running);
    });
    w.worker.on('task-done', () => running--);
    for (let i = 0; i < 9; i++) await peer.publishTask(platformTask(100 + i, [{ id: i, stream_url: camera.url(`c${i}`) }], ['brightness']));
    await waitUntil(() => peer.results.length === 9, 60_000, '9 results');
    expect(peak).toBe(3);
    expect(camera.maxInFlight).toBe(3);
  });

  it('limits simultaneous camera probes separately from tasks', async () => {
    camera.delayMs = 400;
    await worker({ concurrency: 1, probeLimit: 2 });
    const cams = Array.from({ length: 6 }, (_, i) => ({ id: i, stream_url: camera.url(`p${i}`) }));
    await peer.publishTask(platformTask(200, cams, ['brightness']));
    await waitUntil(() => peer.results.length === 1, 60_000, 'the result');
    expect(camera.maxInFlight).toBe(2);
    expect(camera.requests).toBe(6);
  });
});

describe('worker: switching off and on', () => {
  it('stops consuming when off (consumer count 0), lets running tasks finish, resumes when on, and remembers', async () => {
    camera.delayMs = 600;
    const w = await worker({ concurrency: 2 });
    for (let i = 0; i < 5; i++) await peer.publishTask(platformTask(300 + i, [{ id: i, stream_url: camera.url(`t${i}`) }], ['brightness']));
    await waitUntil(() => w.worker.status().running.length === 2, 10_000, 'two running');
    await w.worker.setEnabled(false);
    expect((await peer.queue('diagnosis.tasks')).consumers).toBe(0);
    await waitUntil(() => peer.results.length === 2, 20_000, 'the two running tasks to finish');
    await new Promise((r) => setTimeout(r, 500));
    expect(peer.results).toHaveLength(2);
    expect((await peer.queue('diagnosis.tasks')).messages).toBe(3);

    // The off state survives a restart on the same data folder.
    const dataDir = w.dataDir;
    await w.stop();
    workers.splice(workers.indexOf(w), 1);
    const again = await worker({ concurrency: 2 }, dataDir);
    expect(again.worker.enabled).toBe(false);
    expect((await peer.queue('diagnosis.tasks')).consumers).toBe(0);
    await again.worker.setEnabled(true);
    expect((await peer.queue('diagnosis.tasks')).consumers).toBe(1);
    await waitUntil(() => peer.results.length === 5, 20_000, 'all five results');
  });

  it('on request stops running tasks at once and hands them back to the queue', async () => {
    camera.delayMs = 3000;
    const w = await worker({ concurrency: 2 });
    for (let i = 0; i < 2; i++) await peer.publishTask(platformTask(400 + i, [{ id: i, stream_url: camera.url(`s${i}`) }], ['brightness']));
    await waitUntil(() => w.worker.status().running.length === 2, 10_000, 'two running');
    await w.worker.setEnabled(false, { stopRunning: true });
    await waitUntil(async () => (await peer.queue('diagnosis.tasks')).messages === 2, 10_000, 'both tasks back in the queue');
    expect(peer.results).toHaveLength(0);
    // Handing back is not a crash: the run is not counted towards parking.
    camera.delayMs = 50;
    await w.worker.setEnabled(true);
    await waitUntil(() => peer.results.length === 2, 20_000, 'both results');
    for (const r of peer.results) expect((r.body.result as { success: boolean }).success).toBe(true);
  });
});

describe('worker: deduplication', () => {
  it('re-sends the stored result of a redelivered run instead of computing it again', async () => {
    await worker({ concurrency: 1 });
    const task = platformTask(500, [{ id: 1, stream_url: camera.url('dup') }], ['brightness'], '2026-01-01T00:00:00+00:00');
    await peer.publishTask(task);
    await waitUntil(() => peer.results.length === 1, 20_000, 'first result');
    const requests = camera.requests;
    await peer.publishTask(task);
    await waitUntil(() => peer.results.length === 2, 20_000, 'the re-sent result');
    expect(camera.requests).toBe(requests);
    expect(peer.results[1]!.messageId).toBe(peer.results[0]!.messageId);
    expect(peer.results[1]!.body).toEqual(peer.results[0]!.body);
  });
});

describe('worker: result size', () => {
  it('trims a result message over maxResultBytes, says so in it, and keeps every row in the store', async () => {
    const w = await worker({ maxResultBytes: 65_536 });
    const ids = Array.from({ length: 1500 }, (_, i) => 900_000 + i);
    const task = platformTask(77, [], ['brightness', 'clarity']);
    (task.data as Record<string, unknown>).camera_ids = ids;
    await peer.publishTask(task);
    await waitUntil(() => peer.results.length === 1, 30_000, 'the result');

    const [sent] = peer.results;
    const result = sent!.body.result as { results: unknown[]; results_count: number; trimmed: { dropped: string[]; omitted_results: number } };
    expect(Buffer.byteLength(JSON.stringify(sent!.body))).toBeLessThanOrEqual(65_536);
    expect(result.results_count).toBe(3000);
    expect(result.trimmed.dropped).toEqual(['thumbnails', 'details']);
    expect(result.trimmed.omitted_results).toBeGreaterThan(0);
    expect(result.results.length + result.trimmed.omitted_results).toBe(3000);
    expect(w.store.results.forRun(sent!.body.run_id as string)).toHaveLength(3000);
  });
});
