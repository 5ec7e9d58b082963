// A worker with a platform URL: registers, sends HTTP heartbeats, finds cameras through the REST API,
// and unregisters when it stops.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startInProcessWorker, type InProcessWorker } from '../support/in-process-worker.ts';
import { startFakePlatform, type FakePlatform } from '../support/fake-platform.ts';
import { PlatformPeer } from '../support/platform-peer.ts';
import { startSlowCamera, type SlowCamera } from '../support/slow-camera.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';

let vhost: TestVhost;
let peer: PlatformPeer;
let camera: SlowCamera;
let platform: FakePlatform;
let worker: InProcessWorker | undefined;

beforeEach(async () => {
  vhost = await createVhost();
  peer = await PlatformPeer.connect(vhost.url);
  camera = await startSlowCamera(20);
  platform = await startFakePlatform([
    { id: 41, name: '北门', stream_url: camera.url('north') },
    { id: 42, name: '南门', stream_url: camera.url('south'), is_active: false },
  ]);
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await peer.close();
  await camera.stop();
  await platform.stop();
  await vhost.remove();
});

describe('worker with a platform', () => {
  it('registers, heartbeats over HTTP, resolves cameras through the API and unregisters on stop', async () => {
    worker = await startInProcessWorker({ brokers: [vhost.url], heartbeatIntervalS: 1, platformUrl: platform.url, platformUsername: 'edge', platformPassword: 'pw' });
    await expect.poll(() => platform.registered.has('edge-test'), { timeout: 5000 }).toBe(true);
    await expect.poll(() => platform.calls.filter((c) => c.path.endsWith('/heartbeat')).length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    // The platform's own envelope: camera ids only, no inline cameras.
    await peer.publishTask({ task_id: 77, task_type: 'diagnosis', created_at: new Date().toISOString(), data: { camera_ids: [41], diagnosis_types: ['brightness'] } });
    await expect.poll(() => peer.results.length, { timeout: 20_000 }).toBe(1);
    const rows = (peer.results[0]!.body.result as { results: Array<Record<string, unknown>> }).results;
    expect(rows).toEqual([expect.objectContaining({ camera_id: 41, camera_name: '北门', diagnosis_type: 'brightness', diagnosis_status: 'normal' })]);
    expect(camera.perCamera.get('north.jpg')).toBe(1);
    await worker.stop();
    worker = undefined;
    expect(platform.registered.has('edge-test')).toBe(false);
  });

  it('skips cameras the platform marks inactive, as the platform does, and says so in the result', async () => {
    worker = await startInProcessWorker({ brokers: [vhost.url], platformUrl: platform.url, platformUsername: 'edge', platformPassword: 'pw' });
    await peer.publishTask({ task_id: 78, task_type: 'diagnosis', created_at: new Date().toISOString(), data: { camera_ids: [41, 42], diagnosis_types: ['brightness'] } });
    await expect.poll(() => peer.results.length, { timeout: 20_000 }).toBe(1);
    const result = peer.results[0]!.body.result as { success: boolean; results: Array<Record<string, unknown>>; skipped_cameras: unknown };
    expect(result.success).toBe(true);
    expect(result.results.map((r) => r.camera_id)).toEqual([41]);
    expect(result.skipped_cameras).toEqual([{ camera_id: 42, camera_name: '南门', reason: expect.stringMatching(/inactive/) }]);
    expect(camera.perCamera.get('south.jpg')).toBeUndefined();

    await peer.publishTask({ task_id: 79, task_type: 'diagnosis', created_at: new Date().toISOString(), data: { camera_ids: [42], diagnosis_types: ['brightness'] } });
    await expect.poll(() => peer.results.length, { timeout: 20_000 }).toBe(2);
    expect(peer.results[1]!.body.result).toMatchObject({ success: false, error: 'no active camera: 1 inactive on the platform, skipped', results: [] });
  });
});
