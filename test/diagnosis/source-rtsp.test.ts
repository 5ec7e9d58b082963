// The frame source against a real GStreamer RTSP camera and real network failures on 127.0.0.1.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grabFrames, type GrabOutcome } from '../../main/core/diagnosis/source/grab.ts';
import { closedPort, startBlackhole, type Blackhole } from '../support/blackhole.ts';
import { jpegSize } from '../support/jpeg-size.ts';
import { FFMPEG, streetClip } from '../support/media.ts';
import { ffmpegDescendants } from '../support/processes.ts';
import { startRtspServer, type RtspServer } from '../support/rtsp-server.ts';
import { lumaMismatch } from '../support/luma-mismatch.ts';

let server: RtspServer;
let blackhole: Blackhole;
let dir: string;

beforeAll(async () => {
  const clip = streetClip();
  server = await startRtspServer({
    '/cam': `file:${clip}`,
    '/live': `shared:${clip}`,
    '/bare-sdp': `nosprop:${clip}`,
    '/audio': 'audio',
    '/private': `auth:admin:s3cret:${clip}`,
  });
  blackhole = await startBlackhole();
  dir = mkdtempSync(join(tmpdir(), 'source-rtsp-'));
});

afterAll(async () => {
  await server?.stop();
  await blackhole?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function frames(outcome: GrabOutcome) {
  if (!outcome.ok) throw new Error(`grab failed: ${outcome.failure.kind}: ${outcome.failure.message}`);
  return outcome;
}

function failure(outcome: GrabOutcome) {
  if (outcome.ok) throw new Error('grab unexpectedly succeeded');
  return outcome.failure;
}

describe('RTSP camera', () => {
  it('grabs one keyframe scaled to the analysis width, with a snapshot and a thumbnail', async () => {
    const snapshotPath = join(dir, 'key.jpg');
    const ok = frames(await grabFrames({ source: server.url('/cam'), mode: 'keyframe', snapshotPath, thumbnail: true }));
    expect(ok.frameSet.frames).toHaveLength(1);
    const [frame] = ok.frameSet.frames;
    // 384x288 source, 4:3, scaled to 640 wide.
    expect(frame).toMatchObject({ width: 640, height: 480, time: 0 });
    expect(frame!.rgb!.length).toBe(640 * 480 * 3);
    // A real picture of the street, not a flat buffer.
    expect(new Set(frame!.rgb!.subarray(0, 30_000)).size).toBeGreaterThan(50);
    expect(ok.snapshotPath).toBe(snapshotPath);
    expect(jpegSize(readFileSync(snapshotPath))).toEqual({ width: 640, height: 480 });
    const thumb = jpegSize(ok.thumbnail!);
    expect(thumb!.width).toBeLessThanOrEqual(200);
    expect(thumb!.height).toBeLessThanOrEqual(150);
    expect(thumb).toEqual({ width: 200, height: 150 });
    expect(ok.openMs).toBeGreaterThan(0);
    expect(ok.totalMs).toBeGreaterThanOrEqual(ok.openMs);
  });

  it('grabs a window of frames spaced in time, not just keyframes', async () => {
    const snapshotPath = join(dir, 'window.jpg');
    const ok = frames(await grabFrames({ source: server.url('/cam'), mode: 'window', windowSeconds: 2, maxFrames: 8, snapshotPath, thumbnail: true }));
    const times = ok.frameSet.frames.map((f) => f.time);
    expect(times.length).toBeGreaterThanOrEqual(6);
    expect(times.length).toBeLessThanOrEqual(8);
    expect(times[0]).toBe(0);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(0.24);
    expect(times.at(-1)!).toBeGreaterThan(1.4);
    expect(times.at(-1)!).toBeLessThan(2.1);
    // Frames of a moving street differ: none is a duplicate made up by a frame-rate filter.
    const first = Buffer.from(ok.frameSet.frames[0]!.gray!);
    expect(first.equals(Buffer.from(ok.frameSet.frames.at(-1)!.gray!))).toBe(false);
    // Luma for every frame; colours for the newest alone, and of the same picture as its luma.
    for (const f of ok.frameSet.frames) expect(f.gray!.length).toBe(640 * 480);
    for (const f of ok.frameSet.frames.slice(0, -1)) expect(f.rgb).toBeUndefined();
    const newest = ok.frameSet.frames.at(-1)!;
    expect(newest.rgb!.length).toBe(640 * 480 * 3);
    // About 1% of pixels (out-of-gamut colours clipped in RGB) against 9% for the frame before.
    expect(lumaMismatch(newest.rgb!, newest.gray!)).toBeLessThan(0.03);
    expect(lumaMismatch(newest.rgb!, ok.frameSet.frames.at(-2)!.gray!)).toBeGreaterThan(0.05);
    expect(ok.frameSet.decodeErrors).toBe(0);
    expect(jpegSize(readFileSync(snapshotPath))).toEqual({ width: 640, height: 480 });
    expect(jpegSize(ok.thumbnail!)).toEqual({ width: 200, height: 150 });
  });

  describe('joined mid-stream, between keyframes (keyframe every 2 s), as a real camera is', () => {
    /** Keeps the shared stream at `mount` running from its start, then runs `grab` 1.1 s into it. */
    async function midStream<T>(grab: () => Promise<T>, mount = '/live'): Promise<T> {
      const holder = spawn(FFMPEG, ['-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', server.url(mount), '-f', 'null', '-'], { stdio: 'ignore' });
      try {
        await new Promise((r) => setTimeout(r, 1100));
        return await grab();
      } finally {
        holder.kill('SIGKILL');
        await once(holder, 'close');
      }
    }

    it('waits for the next keyframe and decodes it cleanly', async () => {
      const ok = frames(await midStream(() => grabFrames({ source: server.url('/live'), mode: 'keyframe', thumbnail: true })));
      const [frame] = ok.frameSet.frames;
      expect(frame).toMatchObject({ width: 640, height: 480 });
      expect(ok.frameSet.decodeErrors).toBe(0);
      expect(new Set(frame!.rgb!.subarray(0, 30_000)).size).toBeGreaterThan(50);
      expect(jpegSize(ok.thumbnail!)).toEqual({ width: 200, height: 150 });
    });

    it('fills a window with decodable frames', async () => {
      const ok = frames(await midStream(() => grabFrames({ source: server.url('/live'), mode: 'window', windowSeconds: 2, maxFrames: 8 })));
      expect(ok.frameSet.frames.length).toBeGreaterThanOrEqual(4);
      expect(ok.frameSet.decodeErrors).toBe(0);
      for (const f of ok.frameSet.frames) expect(new Set(f.gray!.subarray(0, 10_000)).size).toBeGreaterThan(50);
    });

    it('does both when the SDP carries no H.264 parameters and they come only with the keyframe', async () => {
      const key = frames(await midStream(() => grabFrames({ source: server.url('/bare-sdp'), mode: 'keyframe' }), '/bare-sdp'));
      expect(key.frameSet.frames[0]).toMatchObject({ width: 640, height: 480 });
      expect(key.frameSet.decodeErrors).toBe(0);
      const window = frames(await midStream(() => grabFrames({ source: server.url('/bare-sdp'), mode: 'window', windowSeconds: 2, maxFrames: 8 }), '/bare-sdp'));
      expect(window.frameSet.frames.length).toBeGreaterThanOrEqual(2);
      for (const f of window.frameSet.frames) expect(new Set(f.gray!.subarray(0, 10_000)).size).toBeGreaterThan(50);
    });
  });

  it('honours the analysis width and maxFrames', async () => {
    const ok = frames(await grabFrames({ source: server.url('/cam'), mode: 'window', windowSeconds: 1, maxFrames: 2, width: 320 }));
    expect(ok.frameSet.frames.length).toBe(2);
    expect(ok.frameSet.frames[0]).toMatchObject({ width: 320, height: 240 });
  });

  it('opens a protected stream with the right credentials', async () => {
    const ok = frames(await grabFrames({ source: server.authUrl('/private'), username: 'admin', password: 's3cret', mode: 'keyframe' }));
    expect(ok.frameSet.frames[0]).toMatchObject({ width: 640, height: 480 });
  });

  it('reports auth_failed for a wrong password, without the password', async () => {
    const f = failure(await grabFrames({ source: server.authUrl('/private'), username: 'admin', password: 'wr0ngPass', mode: 'keyframe' }));
    expect(f.kind).toBe('auth_failed');
    expect(f.message).not.toMatch(/wr0ngPass|admin/);
  });

  it('reports auth_failed without credentials, and keeps credentials from the URL out of the message', async () => {
    expect(failure(await grabFrames({ source: server.authUrl('/private'), mode: 'keyframe' })).kind).toBe('auth_failed');
    const url = server.authUrl('/private').replace('rtsp://', 'rtsp://user:secret@');
    const f = failure(await grabFrames({ source: url, mode: 'keyframe' }));
    expect(f.kind).toBe('auth_failed');
    expect(f.message).not.toMatch(/secret|user:/);
    expect(f.message).toContain('***@127.0.0.1');
  });

  it('reports not_found for an unknown mount', async () => {
    expect(failure(await grabFrames({ source: server.url('/no-such-channel'), mode: 'keyframe' })).kind).toBe('not_found');
  });

  it('reports no_video for an audio-only stream', async () => {
    expect(failure(await grabFrames({ source: server.url('/audio'), mode: 'keyframe' })).kind).toBe('no_video');
  });

  it('reports refused for a closed port', async () => {
    const port = await closedPort();
    const f = failure(await grabFrames({ source: `rtsp://admin:hunter2@127.0.0.1:${port}/cam`, mode: 'keyframe' }));
    expect(f.kind).toBe('refused');
    expect(f.message).not.toContain('hunter2');
  });

  it('reports unreachable for a host name that does not resolve', async () => {
    const f = failure(await grabFrames({ source: 'rtsp://admin:hunter2@camera-17.invalid/stream1', mode: 'keyframe' }));
    expect(f.kind).toBe('unreachable');
    expect(f.message).not.toContain('hunter2');
  });

  it('gives up on a black-holed camera at the connect timeout', async () => {
    const started = performance.now();
    const f = failure(await grabFrames({ source: `rtsp://127.0.0.1:${blackhole.port}/cam`, mode: 'keyframe', connectTimeoutMs: 1500 }));
    const elapsed = performance.now() - started;
    expect(f.kind).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(2500);
  });

  it('keeps to the total timeout when the stream opens but the window cannot be filled in time', async () => {
    const started = performance.now();
    const f = failure(await grabFrames({ source: server.url('/cam'), mode: 'window', windowSeconds: 10, totalTimeoutMs: 2500 }));
    const elapsed = performance.now() - started;
    expect(f.kind).toBe('timeout');
    expect(elapsed).toBeLessThan(3500);
  });

  it('stops ffmpeg at once when aborted mid-grab', async () => {
    const controller = new AbortController();
    const pending = grabFrames({ source: server.url('/cam'), mode: 'window', windowSeconds: 10, maxFrames: 20, signal: controller.signal });
    // Wait until ffmpeg runs and is reading the stream.
    for (let i = 0; i < 100 && ffmpegDescendants().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 1500));
    expect(ffmpegDescendants().length).toBe(1);
    const abortedAt = performance.now();
    controller.abort();
    const f = failure(await pending);
    expect(f.kind).toBe('aborted');
    expect(performance.now() - abortedAt).toBeLessThan(500);
    expect(ffmpegDescendants()).toEqual([]);
  });

  it('does not start ffmpeg for an already aborted signal', async () => {
    const f = failure(await grabFrames({ source: server.url('/cam'), mode: 'keyframe', signal: AbortSignal.abort() }));
    expect(f.kind).toBe('aborted');
  });
});
