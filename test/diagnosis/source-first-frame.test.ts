// A single-frame grab on every kind of simulated camera, with the bundled ffmpeg and with Debian's
// (when installed): a live x264 encoder (shared session, GOP 2 s and 10 s), a file-fed server with
// the parameter sets in the SDP, and a shared one joined under way. Each must give a clean keyframe,
// never a picture decoded without its reference.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../main/core/diagnosis/frame.ts';
import { grabFrames, type GrabOutcome } from '../../main/core/diagnosis/source/grab.ts';
import { FFMPEG, streetClip } from '../support/media.ts';
import { startRtspServer, type RtspServer } from '../support/rtsp-server.ts';

const DEBIAN_FFMPEG = '/usr/bin/ffmpeg';
const binaries = [['bundled', FFMPEG], ...(existsSync(DEBIAN_FFMPEG) ? [['Debian', DEBIAN_FFMPEG]] : [])];

let server: RtspServer;

beforeAll(async () => {
  const clip = streetClip();
  server = await startRtspServer({
    '/live2': 'live:2',
    '/live10': 'live:10',
    '/file': `file:${clip}`,
    '/shared': `shared:${clip}`,
  });
});

afterAll(async () => {
  await server?.stop();
});

/** Grabs one keyframe of `mount`; a shared session is first kept running 1.1 s by a viewer, so the grab joins it under way. */
async function keyframe(mount: string, ffmpegPath: string): Promise<Frame> {
  const shared = mount !== '/file';
  const viewer = shared ? spawn(FFMPEG, ['-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', server.url(mount), '-f', 'null', '-'], { stdio: 'ignore' }) : null;
  try {
    if (viewer) await new Promise((r) => setTimeout(r, 1100));
    return frame(await grabFrames({ source: server.url(mount), mode: 'keyframe', ffmpegPath }));
  } finally {
    viewer?.kill('SIGKILL');
    if (viewer) await once(viewer, 'close');
  }
}

function frame(outcome: GrabOutcome): Frame {
  if (!outcome.ok) throw new Error(`grab failed: ${outcome.failure.kind}: ${outcome.failure.message}`);
  expect(outcome.frameSet.frames).toHaveLength(1);
  expect(outcome.frameSet.decodeErrors).toBe(0);
  return outcome.frameSet.frames[0]!;
}

/** Share of the top half's pixels near each colour bar: a frame decoded without its keyframe is smeared grey. */
function barShares(f: Frame): number[] {
  const bars = [[255, 255, 0], [0, 255, 255], [0, 255, 0], [255, 0, 255], [255, 0, 0], [0, 0, 255]];
  const counts = bars.map(() => 0);
  const pixels = f.width * Math.floor(f.height / 2);
  const rgb = f.rgb!;
  for (let p = 0; p < pixels; p++) {
    const i = p * 3;
    bars.forEach(([r, g, b], k) => {
      if (Math.abs(rgb[i]! - r!) < 40 && Math.abs(rgb[i + 1]! - g!) < 40 && Math.abs(rgb[i + 2]! - b!) < 40) counts[k]!++;
    });
  }
  return counts.map((c) => c / pixels);
}

describe.each(binaries)('one keyframe with the %s ffmpeg', (_name, ffmpegPath) => {
  it.each(['/live2', '/live10'])('from a live x264 camera already streaming (%s)', async (mount) => {
    const f = await keyframe(mount, ffmpegPath!);
    expect(f).toMatchObject({ width: 640, height: 360 });
    // Every bar is there, crisp: at least 5% of the top half each (a seventh would be 14%).
    for (const share of barShares(f)) expect(share).toBeGreaterThan(0.05);
  });

  it.each(['/file', '/shared'])('from the street clip served by GStreamer (%s)', async (mount) => {
    const f = await keyframe(mount, ffmpegPath!);
    expect(f).toMatchObject({ width: 640, height: 480 });
    expect(new Set(f.rgb!.subarray(0, 30_000)).size).toBeGreaterThan(50);
  });
});
