// Task status over the platform's worker route: RUNNING at the start, COMPLETED or FAILED at the
// end, retried in the background; and a real worker process with --platform reporting its tasks.
import { afterEach, describe, expect, it } from 'vitest';
import { Logger } from '../../main/core/log/logger.ts';
import { PlatformClient } from '../../main/core/platform/platform-client.ts';
import { TaskStatusReporter } from '../../main/core/platform/task-status-reporter.ts';
import { Cleanups } from '../support/fault-harness.ts';
import { startFakePlatform, type FakePlatform } from '../support/fake-platform.ts';
import { PlatformPeer } from '../support/platform-peer.ts';
import { startSlowCamera } from '../support/slow-camera.ts';
import { createVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir } from '../support/worker-process.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

const statusCalls = (p: FakePlatform, taskId: number) => p.calls.filter((c) => c.path === `/api/v1/diagnosis/worker/tasks/${taskId}/status`).map((c) => c.body as { status: string; worker_id: string });

describe('task status reporter', () => {
  it('sends RUNNING then COMPLETED, retries a failing platform, and skips ids the platform cannot have', async () => {
    const platform = await startFakePlatform([]);
    cleanups.add(() => platform.stop());
    const reporter = new TaskStatusReporter(new PlatformClient({ baseUrl: platform.url }), 'edge-7', new Logger(), { backoff: { initialMs: 50, maxMs: 200 } });

    reporter.report(3, 'RUNNING');
    await expect.poll(() => statusCalls(platform, 3).length).toBe(1);
    reporter.report(3, 'COMPLETED');
    await expect.poll(() => statusCalls(platform, 3).length).toBe(2);
    expect(statusCalls(platform, 3)).toEqual([
      { status: 'RUNNING', worker_id: 'edge-7' },
      { status: 'COMPLETED', worker_id: 'edge-7' },
    ]);

    // A platform that answers 503 three times: the status gets there, never holding up the caller.
    platform.failTaskStatus(3);
    reporter.report(4, 'FAILED');
    await expect.poll(() => statusCalls(platform, 4).length, { timeout: 5000 }).toBe(4);
    expect(statusCalls(platform, 4).every((b) => b.status === 'FAILED')).toBe(true);

    reporter.report('site-a/9', 'RUNNING');
    await new Promise((r) => setTimeout(r, 200));
    expect(platform.calls.some((c) => c.path.includes('site-a'))).toBe(false);
  });

  it('a worker with --platform reports RUNNING and COMPLETED for each task it runs', async () => {
    const vhost = await createVhost();
    cleanups.add(() => vhost.remove());
    const camera = await startSlowCamera(300);
    cleanups.add(() => camera.stop());
    const platform = await startFakePlatform([{ id: 41, name: 'north gate', stream_url: camera.url('north') }]);
    cleanups.add(() => platform.stop());
    const peer = await PlatformPeer.connect(vhost.url);
    cleanups.add(() => peer.close());
    const dataDir = tempDataDir();
    cleanups.removeDirLater(dataDir);
    const worker = await startWorker({ brokers: [vhost.url], dataDir, args: ['--id', 'edge-status', '--platform', platform.url, '--no-ui'], env: { EDGE_PLATFORM_USERNAME: 'edge', EDGE_PLATFORM_PASSWORD: 'pw' }, ready: false });
    cleanups.add(() => worker.stop());
    await worker.waitFor(/broker connected/);

    await peer.publishTask({ task_id: 77, task_type: 'diagnosis', created_at: new Date().toISOString(), data: { camera_ids: [41], diagnosis_types: ['brightness'] } });
    await expect.poll(() => peer.results.length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => statusCalls(platform, 77).length, { timeout: 10_000 }).toBe(2);
    expect(statusCalls(platform, 77)).toEqual([
      { status: 'RUNNING', worker_id: 'edge-status' },
      { status: 'COMPLETED', worker_id: 'edge-status' },
    ]);
  }, 60_000);
});
