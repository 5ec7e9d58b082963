// Noise is read in the camera's own pixels: the grab scales a 1080p main stream to analysis size
// (640 wide), which averages each 3x3 of its pixels and takes two thirds of the grain's sigma away.
// The same visible snow must read the same on a main stream as on a sub-stream.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../main/core/diagnosis/analysers/run-checks.ts';
import { grabFrames } from '../../main/core/diagnosis/source/grab.ts';
import { encoded, photo } from '../support/material.ts';
import { FFMPEG } from '../support/media.ts';

/** A still camera on building.jpg at the given width, with temporal grain of the given strength, through H.264. */
function stream(width: number, grain: number): string {
  const height = Math.round((width * 9) / 16 / 2) * 2;
  const kbps = Math.round((width * height * 12.5) / 1000);
  const filters = [`scale=${width}:${height}:force_original_aspect_ratio=increase`, `crop=${width}:${height}`, 'format=yuv420p', `noise=alls=${grain}:allf=t`];
  const [, path] = encoded(`grain-${width}-${grain}.mp4`, ['-loop', '1', '-framerate', '12.5', ...photo('building.jpg').slice(2)], [
    '-vf', filters.join(','), '-t', '2.3', '-c:v', 'libx264', '-preset', 'superfast', '-bf', '0', '-g', '25', '-crf', '23',
    '-maxrate', `${kbps}k`, '-bufsize', `${2 * kbps}k`, '-f', 'mp4',
  ]);
  return path!;
}

async function noiseOf(source: string) {
  const outcome = await grabFrames({ source, mode: 'window', ffmpegPath: FFMPEG });
  if (!outcome.ok) throw new Error(outcome.failure.message);
  const [row] = runChecks(['noise'], outcome.frameSet, {});
  return row!;
}

describe('noise on a main stream and on a sub-stream', () => {
  it('flags the same visible grain at 1920 wide as at 640 wide', async () => {
    const main = await noiseOf(stream(1920, 30));
    const sub = await noiseOf(stream(640, 30));
    expect(main.metrics.downscale).toBe(3);
    expect(sub.metrics.downscale).toBe(1);
    expect(sub.status).not.toBe('normal');
    expect(main.status).not.toBe('normal');
    // Within a factor of 1.5 of each other, where the analysis-size sigma alone differed threefold.
    expect(main.metrics.value! / sub.metrics.value!).toBeGreaterThan(0.67);
    expect(main.metrics.value! / sub.metrics.value!).toBeLessThan(1.5);
  });

  it('leaves a clean 1080p main stream normal', async () => {
    const row = await noiseOf(stream(1920, 2));
    expect(row.status).toBe('normal');
  });
});
