// The task deadline against a camera that accepts the connection and never answers: the result
// must come back within --task-timeout plus a little, the camera reported as timed out, and the
// ffmpeg process stopped (no probe outlives its task).
import { afterEach, describe, expect, it } from 'vitest';
import { startBlackhole } from '../support/blackhole.ts';
import { Cleanups, runIdFor, waitUntil } from '../support/fault-harness.ts';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { ffmpegDescendants } from '../support/processes.ts';
import { createVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir } from '../support/worker-process.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

const TIMEOUT_S = 3;

interface Row {
  camera_id: unknown;
  diagnosis_type: string;
  diagnosis_status: string;
  error_message: string | null;
}

describe('worker task timeout', () => {
  it('answers a task whose camera never responds within the task timeout, and stops ffmpeg', async () => {
    const vhost = await createVhost();
    cleanups.add(() => vhost.remove());
    const hole = await startBlackhole();
    cleanups.add(() => hole.stop());
    const peer = await PlatformPeer.connect(vhost.url);
    cleanups.add(() => peer.close());
    const dataDir = tempDataDir();
    cleanups.removeDirLater(dataDir);
    const worker = await startWorker({ brokers: [vhost.url], dataDir, args: ['--task-timeout', String(TIMEOUT_S), '--concurrency', '1'] });
    cleanups.add(() => worker.stop());

    const createdAt = new Date().toISOString();
    const camera = { id: 501, name: 'never-answers', stream_url: `http://127.0.0.1:${hole.port}/snapshot.jpg` };
    const started = Date.now();
    await peer.publishTask(platformTask(71, [camera], ['brightness', 'clarity'], createdAt));

    // While the task runs, ffmpeg is really waiting on the silent camera (the test is not vacuous).
    // Only an ffmpeg reading the camera counts: the worker's first grab also runs short ffmpeg
    // capability checks, and catching one of those made this wait pass too early.
    const cameraProbes = () => ffmpegDescendants(worker.proc.pid).filter((p) => p.args.some((a) => a.includes(`:${hole.port}/`)));
    await waitUntil(() => cameraProbes().length > 0 || peer.results.length > 0, 5_000, 'an ffmpeg probe of the camera to start');
    expect(cameraProbes().length).toBeGreaterThan(0);
    expect(peer.results.length).toBe(0);

    await waitUntil(() => peer.results.length > 0, (TIMEOUT_S + 10) * 1000, 'the result of the timed-out task');
    const elapsedMs = Date.now() - started;
    console.log(`timeout: result after ${elapsedMs} ms with --task-timeout ${TIMEOUT_S}`);
    expect(elapsedMs).toBeLessThan((TIMEOUT_S + 3) * 1000);
    // It did wait for the deadline rather than giving up early.
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 500);

    const result = peer.results[0]!;
    expect(result.body.run_id).toBe(runIdFor(71, createdAt));
    expect(result.body.task_id).toBe(71);
    const body = result.body.result as { success: boolean; error?: string; results: Row[]; error_count: number };
    expect(body.success).toBe(false);
    const rows = body.results.filter((r) => r.camera_id === 501);
    console.log(`timeout: rows ${JSON.stringify(rows.map((r) => `${r.diagnosis_type}:${r.error_message}`))}`);
    expect(rows.length).toBeGreaterThan(0);
    // Either the task deadline cut the probe (task_timeout per asked type) or the probe's own timeout
    // fired first (one signal_loss row saying timeout); both name the timeout, nothing else.
    const timedOut = (r: Row) => r.error_message === 'task_timeout' || (r.diagnosis_type === 'signal_loss' && /timeout/i.test(r.error_message ?? ''));
    expect(rows.every(timedOut), JSON.stringify(rows)).toBe(true);
    expect(body.error ?? '').toMatch(/timed out|timeout/i);

    // No ffmpeg left behind by the worker, checked while it is still alive.
    await waitUntil(() => ffmpegDescendants(worker.proc.pid).length === 0, 3_000, 'the probe ffmpeg to exit');
    expect(worker.proc.exitCode).toBeNull();
    expect((await peer.queue('diagnosis.tasks')).messages).toBe(0);
  }, 60_000);
});
