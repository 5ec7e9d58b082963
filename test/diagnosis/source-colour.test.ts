// A window's frames in colour: ffmpeg sends only those that may turn out to be its newest, with both
// the bundled ffmpeg 4.x and Debian's 5.1 (whose expressions and showinfo lines the reader relies on).
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../../main/core/diagnosis/source/ffmpeg-binary.ts';
import { startFfmpeg } from '../../main/core/diagnosis/source/ffmpeg-process.ts';
import { buildGrabArgs } from '../../main/core/diagnosis/source/grab-args.ts';
import { parseGrabOptions } from '../../main/core/diagnosis/source/grab-request.ts';
import { grabFrames } from '../../main/core/diagnosis/source/grab.ts';
import { parseSource } from '../../main/core/diagnosis/source/source-url.ts';
import { FFMPEG, cached, ffmpeg, streetClip } from '../support/media.ts';
import { startRtspServer, type RtspServer } from '../support/rtsp-server.ts';
import { lumaMismatch } from '../support/luma-mismatch.ts';

const DEBIAN_FFMPEG = '/usr/bin/ffmpeg';
const binaries = [['bundled', FFMPEG], ...(existsSync(DEBIAN_FFMPEG) ? [['Debian', DEBIAN_FFMPEG]] : [])];
// The street clip is 384x288 at 10 fps, scaled to 640x480.
const PIXELS = 640 * 480;
let server: RtspServer;

beforeAll(async () => {
  // The file-fed camera starts the clip for each client, in real time.
  server = await startRtspServer({ '/cam': `file:${streetClip()}` });
});

afterAll(async () => {
  await server?.stop();
});

/** Bytes ffmpeg writes on stdout (luma) and on the colour pipe for one 2 s window of 8 frames. */
async function pipeBytes(url: string, ffmpegPath: string): Promise<{ luma: number; colour: number }> {
  const resolved = await resolveFfmpeg(ffmpegPath);
  if (!resolved.ok) throw new Error(resolved.failure.message);
  const options = parseGrabOptions({ source: url, mode: 'window', windowSeconds: 2, maxFrames: 8 });
  const source = parseSource({ source: url });
  if ('kind' in options || 'message' in source) throw new Error('bad request');
  const { args } = buildGrabArgs({ source, options, binary: resolved.binary, snapshot: false, thumbnail: false });
  const proc = startFfmpeg(resolved.binary.path, args, 1);
  const bytes = { luma: 0, colour: 0 };
  proc.stdout.on('data', (chunk: Buffer) => (bytes.luma += chunk.length));
  proc.extra[0]!.on('data', (chunk: Buffer) => (bytes.colour += chunk.length));
  proc.stderr.resume();
  await proc.exited;
  return bytes;
}

describe.each(binaries)('a window in colour with the %s ffmpeg', (_, ffmpegPath) => {
  it("sends a camera's first and newest frame in colour, not every frame", async () => {
    const { luma, colour } = await pipeBytes(server.url('/cam'), ffmpegPath!);
    // 0, 0.3 ... 1.8 s: seven frames in luma; in colour the first (a stream may stop after it), the
    // newest, and at most one more that came 2 s or more after the first on a loaded machine.
    expect(luma).toBe(7 * PIXELS);
    expect(colour).toBeGreaterThanOrEqual(2 * 3 * PIXELS);
    expect(colour).toBeLessThanOrEqual(3 * 3 * PIXELS);
  });

  it('sends every frame of a local file in colour: a file may end inside the window', async () => {
    const { luma, colour } = await pipeBytes(streetClip(), ffmpegPath!);
    expect(luma).toBe(7 * PIXELS);
    expect(colour).toBe(7 * 3 * PIXELS);
  });

  it("gives the window's newest frame its colours, and the older ones luma alone", async () => {
    const outcome = await grabFrames({ source: server.url('/cam'), mode: 'window', windowSeconds: 2, maxFrames: 8, ffmpegPath });
    if (!outcome.ok) throw new Error(`grab failed: ${outcome.failure.kind}: ${outcome.failure.message}`);
    const { frames } = outcome.frameSet;
    expect(frames.map((f) => f.time)).toEqual([0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.8]);
    for (const f of frames.slice(0, -1)) expect(f.rgb).toBeUndefined();
    const newest = frames.at(-1)!;
    expect(lumaMismatch(newest.rgb!, newest.gray!)).toBeLessThan(0.03);
    expect(lumaMismatch(newest.rgb!, frames.at(-2)!.gray!)).toBeGreaterThan(0.05);
  });

  it('gives a window cut short by the end of a file every frame it has, the newest in colour', async () => {
    const short = cached('street-1s.mp4', (tmp) => ffmpeg(['-i', streetClip(), '-t', '1', '-c', 'copy', tmp]));
    const outcome = await grabFrames({ source: short, mode: 'window', windowSeconds: 2, maxFrames: 8, ffmpegPath });
    if (!outcome.ok) throw new Error(`grab failed: ${outcome.failure.kind}: ${outcome.failure.message}`);
    expect(outcome.frameSet.frames.map((f) => f.time)).toEqual([0, 0.3, 0.6, 0.9]);
    expect(outcome.frameSet.frames.at(-1)!.rgb).toBeDefined();
  });
});
