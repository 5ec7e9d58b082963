// The frame source against a real HTTP camera on 127.0.0.1: snapshot, MJPEG, HLS, 401 and 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grabFrames, windowDeadlineMs, type GrabOutcome } from '../../main/core/diagnosis/source/grab.ts';
import { startBlackhole, type Blackhole } from '../support/blackhole.ts';
import { startCrawlingCamera } from '../support/crawling-camera.ts';
import { startHttpCamera, type HttpCamera } from '../support/http-camera.ts';

let camera: HttpCamera;
let blackhole: Blackhole;

beforeAll(async () => {
  camera = await startHttpCamera('viewer', 'pa55word');
  blackhole = await startBlackhole();
});

afterAll(async () => {
  await camera?.stop();
  await blackhole?.stop();
});

function frames(outcome: GrabOutcome) {
  if (!outcome.ok) throw new Error(`grab failed: ${outcome.failure.kind}: ${outcome.failure.message}`);
  return outcome.frameSet.frames;
}

function failure(outcome: GrabOutcome) {
  if (outcome.ok) throw new Error('grab unexpectedly succeeded');
  return outcome.failure;
}

describe('HTTP camera', () => {
  it('reads a JPEG snapshot', async () => {
    const [frame] = frames(await grabFrames({ source: camera.url('/snapshot.jpg'), mode: 'keyframe' }));
    // building.jpg is 640x442.
    expect(frame).toMatchObject({ width: 640, height: 442 });
  });

  it('reads several frames of an MJPEG stream', async () => {
    const list = frames(await grabFrames({ source: camera.url('/mjpeg'), mode: 'window', windowSeconds: 1, maxFrames: 4 }));
    expect(list.length).toBeGreaterThanOrEqual(2);
    // vtest.avi is 768x576 (4:3).
    expect(list[0]).toMatchObject({ width: 640, height: 480 });
  });

  it('reads an HLS stream', async () => {
    const list = frames(await grabFrames({ source: camera.url('/hls/index.m3u8'), mode: 'window', windowSeconds: 2, maxFrames: 4 }));
    expect(list.length).toBe(4);
    expect(list[0]).toMatchObject({ width: 640, height: 480 });
    expect(list.at(-1)!.time).toBeGreaterThan(1);
  });

  it('opens a protected snapshot with credentials and reports auth_failed without them', async () => {
    const [frame] = frames(await grabFrames({ source: camera.url('/private.jpg'), username: 'viewer', password: 'pa55word', mode: 'keyframe' }));
    expect(frame).toMatchObject({ width: 640, height: 442 });
    const f = failure(await grabFrames({ source: camera.url('/private.jpg'), username: 'viewer', password: 'guess', mode: 'keyframe' }));
    expect(f.kind).toBe('auth_failed');
    expect(f.message).not.toMatch(/guess|viewer/);
  });

  it('reports not_found for a 404', async () => {
    expect(failure(await grabFrames({ source: camera.url('/cgi-bin/nothing.jpg'), mode: 'keyframe' })).kind).toBe('not_found');
  });

  it('times out on a server that accepts and never answers', async () => {
    const started = performance.now();
    const f = failure(await grabFrames({ source: `http://127.0.0.1:${blackhole.port}/snapshot.jpg`, mode: 'keyframe', connectTimeoutMs: 1000 }));
    expect(f.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('ends a window whose stream crawls after its first frames with the frames it has, instead of holding the probe', async () => {
    const crawling = await startCrawlingCamera(1.4);
    try {
      const started = performance.now();
      const list = frames(await grabFrames({ source: crawling.url, mode: 'window', windowSeconds: 2, maxFrames: 8, totalTimeoutMs: 60_000 }));
      const ms = performance.now() - started;
      // 1.4 s of picture came at once (the probe reads the first second): a few frames of the 8, spaced by their own timestamps.
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.length).toBeLessThan(8);
      expect(list.at(-1)!.time).toBeLessThan(1.7);
      // The rest of the window would take minutes at this pace; the grab ends at its deadline.
      expect(ms).toBeGreaterThan(windowDeadlineMs(2) - 500);
      expect(ms).toBeLessThan(windowDeadlineMs(2) + 5000);
    } finally {
      await crawling.stop();
    }
  });

  it('refuses a file: segment smuggled in through a network playlist', async () => {
    const f = failure(await grabFrames({ source: camera.url('/evil.m3u8'), mode: 'keyframe' }));
    expect(f.kind).toBe('unsupported_protocol');
    expect(f.message).toMatch(/whitelist/);
  });
});
