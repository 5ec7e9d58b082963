// The platform REST client against a fake platform on loopback: login, refresh, cached camera
// look-ups, paging, and the worker routes with re-registration on 404.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformClient } from '../../main/core/platform/platform-client.ts';
import { resolveCameras } from '../../main/core/worker/camera-resolver.ts';
import { parseTaskEnvelope } from '../../shared/protocol/task-message.ts';
import { startFakePlatform, type FakePlatform } from '../support/fake-platform.ts';

const CAMERAS = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, name: `cam ${i + 1}`, code: `C${i + 1}`, stream_url: `rtsp://10.0.0.${i % 250}/live`, username: 'admin', password: 'cam-pw' }));
let platform: FakePlatform;

beforeEach(async () => {
  platform = await startFakePlatform(CAMERAS);
});
afterEach(() => platform.stop());

const registration = { worker_id: 'edge-1', host: 'h', port: 0, max_concurrent_tasks: 3, capabilities: ['diagnosis'] };

describe('PlatformClient', () => {
  it('logs in once, caches camera look-ups, and logs in again when the token expires', async () => {
    const client = new PlatformClient({ baseUrl: platform.url, username: 'edge', password: 'pw' });
    const first = await client.camera(7);
    expect(first).toMatchObject({ ok: true, value: { id: 7, stream_url: 'rtsp://10.0.0.6/live' } });
    await client.camera(7);
    expect(platform.calls.filter((c) => c.path === '/api/v1/cameras/7')).toHaveLength(1);
    expect(platform.calls.filter((c) => c.path === '/api/v1/auth/login')).toHaveLength(1);
    platform.expireTokens();
    expect(await client.camera(8)).toMatchObject({ ok: true, value: { id: 8 } });
    // An expired token is refreshed (with the refresh token) rather than logging in again.
    expect(platform.calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(platform.calls.filter((c) => c.path === '/api/v1/auth/login')).toHaveLength(1);
  });

  it('says what is wrong: bad password, unknown camera, platform down', async () => {
    const bad = new PlatformClient({ baseUrl: platform.url, username: 'edge', password: 'nope' });
    expect(await bad.camera(1)).toMatchObject({ ok: false, error: { kind: 'auth_failed' } });
    const good = new PlatformClient({ baseUrl: platform.url, username: 'edge', password: 'pw' });
    expect(await good.camera(9999)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    const down = new PlatformClient({ baseUrl: 'http://127.0.0.1:1', username: 'edge', password: 'pw', timeoutMs: 2000 });
    expect(await down.camera(1)).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
  });

  it('pages through the camera list', async () => {
    const client = new PlatformClient({ baseUrl: platform.url, username: 'edge', password: 'pw' });
    const p1 = await client.cameraPage(1, 100);
    const p2 = await client.cameraPage(2, 100);
    expect(p1.ok && p1.value.length).toBe(100);
    expect(p2.ok && p2.value.length).toBe(50);
  });

  it('sends no heartbeat before its registration is answered', async () => {
    platform.registerDelayMs = 300;
    const client = new PlatformClient({ baseUrl: platform.url });
    const registering = client.register(registration);
    expect((await client.heartbeat({ worker_id: 'edge-1', current_tasks: 0, status: 'online' }, registration)).ok).toBe(true);
    expect((await registering).ok).toBe(true);
    // One registration, and the heartbeat after it: no 404, no second registration.
    expect(platform.calls.map((c) => c.path.split('/').at(-1))).toEqual(['register', 'heartbeat']);
  });

  it('registers, heartbeats (registering again after a 404), and unregisters', async () => {
    const client = new PlatformClient({ baseUrl: platform.url });
    expect((await client.register(registration)).ok).toBe(true);
    expect((await client.heartbeat({ worker_id: 'edge-1', current_tasks: 1, status: 'busy' }, registration)).ok).toBe(true);
    platform.forgetWorkers();
    expect((await client.heartbeat({ worker_id: 'edge-1', current_tasks: 0, status: 'online' }, registration)).ok).toBe(true);
    expect(platform.calls.filter((c) => c.path.endsWith('/register'))).toHaveLength(2);
    expect(platform.registered.has('edge-1')).toBe(true);
    expect((await client.unregister('edge-1')).ok).toBe(true);
    expect(platform.registered.has('edge-1')).toBe(false);
    const hb = platform.calls.find((c) => c.path.endsWith('/heartbeat'))!;
    expect(hb.body).toEqual({ worker_id: 'edge-1', current_tasks: 1, status: 'busy' });
  });
});

describe('camera resolution order', () => {
  it('takes inline cameras first, then the local inventory, then the platform; unknown ones are answered', async () => {
    const parsed = parseTaskEnvelope({
      task_id: 1,
      data: { camera_ids: [1, 2, 3, 9999], cameras: [{ id: 1, stream_url: 'rtsp://inline/1' }] },
    });
    if (!parsed.ok) throw new Error(parsed.reason);
    const inventory = { find: (id: number | string) => (String(id) === '2' ? { id: 2, stream_url: 'rtsp://local/2', name: 'local two', synced: false } : undefined) };
    const client = new PlatformClient({ baseUrl: platform.url, username: 'edge', password: 'pw' });
    const found = await resolveCameras(parsed.envelope, inventory, client);
    expect(found.map((f) => (f.ok ? `${f.camera.origin}:${f.camera.source}` : `unknown:${f.id}`))).toEqual([
      'inline:rtsp://inline/1',
      'inventory:rtsp://local/2',
      'platform:rtsp://10.0.0.2/live',
      'unknown:9999',
    ]);
    const fromPlatform = found[2]!;
    expect(fromPlatform.ok && fromPlatform.camera).toMatchObject({ username: 'admin', password: 'cam-pw', name: 'cam 3' });
    const unknown = found[3]!;
    expect(!unknown.ok && unknown.reason).toMatch(/unknown camera 9999/);
  });
});
