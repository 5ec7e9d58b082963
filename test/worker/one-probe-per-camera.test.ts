// A camera that gets many checks in one task is probed once: one ffmpeg process grabs the frame window
// that freeze, shake and stripe need and the same frames serve every single-frame check. Counted at the
// source: every ffmpeg the worker starts goes through a wrapper that logs its arguments.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_CHECKS, PLATFORM_CHECKS } from '../../shared/diagnosis/types.ts';
import { Cleanups, waitUntil } from '../support/fault-harness.ts';
import { startInProcessWorker } from '../support/in-process-worker.ts';
import { FFMPEG, streetClip } from '../support/media.ts';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { startRtspServer } from '../support/rtsp-server.ts';
import { createVhost } from '../support/vhost.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

/** An ffmpeg that appends its argument list (one line, tab separated) to `log`, then runs the real one. */
function countingFfmpeg(dir: string, log: string): string {
  const path = join(dir, 'ffmpeg');
  writeFileSync(path, `#!/bin/sh\nIFS='\t'\nprintf '%s\\n' "$*" >> '${log}'\nexec '${FFMPEG}' "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Grabs per camera URL (the capability checks of the binary open no camera). */
function grabsPerCamera(log: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const args = line.split('\t');
    const input = args[args.indexOf('-i') + 1];
    if (!args.includes('-i') || !input?.startsWith('rtsp://')) continue;
    counts.set(input, (counts.get(input) ?? 0) + 1);
  }
  return counts;
}

describe('one probe per camera per task', () => {
  it('starts one ffmpeg per camera for all checks at once, window checks included, and one for single-frame checks alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-spawns-'));
    cleanups.add(() => rmSync(dir, { recursive: true, force: true }));
    const log = join(dir, 'spawns.log');
    writeFileSync(log, '');
    const server = await startRtspServer({ '/gate': `file:${streetClip()}`, '/yard': `file:${streetClip()}` });
    cleanups.add(() => server.stop());
    const vhost = await createVhost();
    cleanups.add(() => vhost.remove());
    const peer = await PlatformPeer.connect(vhost.url);
    cleanups.add(() => peer.close());
    const w = await startInProcessWorker({ brokers: [vhost.url], ffmpegPath: countingFfmpeg(dir, log) });
    cleanups.add(() => w.stop());

    const cameras = [
      { id: 1, name: 'gate', stream_url: server.url('/gate') },
      { id: 2, name: 'yard', stream_url: server.url('/yard') },
    ];
    await peer.publishTask(platformTask(1, cameras, [...ALL_CHECKS]));
    await waitUntil(() => peer.results.length === 1, 30_000, 'the result of the task with every check');
    const rows = (peer.results[0]!.body.result as { results: Array<{ camera_id: number; diagnosis_type: string; error_message: string | null }> }).results;
    // Every check ran on the grabbed frames (none failed for want of a picture).
    for (const id of [1, 2]) expect(rows.filter((r) => r.camera_id === id && r.error_message === null).map((r) => r.diagnosis_type).sort()).toEqual([...ALL_CHECKS].sort());
    expect(grabsPerCamera(log)).toEqual(new Map([[server.url('/gate'), 1], [server.url('/yard'), 1]]));
    // The window's newest frame, in colour, became each camera's scene_change reference.
    for (const id of [1, 2]) {
      const reference = w.store.references.load(id);
      expect(reference).toMatchObject({ width: 640, height: 480 });
      expect(new Set(reference!.rgb.subarray(0, 30_000)).size).toBeGreaterThan(50);
    }

    const single = PLATFORM_CHECKS.filter((t) => t !== 'freeze' && t !== 'shake');
    await peer.publishTask(platformTask(2, cameras, single));
    await waitUntil(() => peer.results.length === 2, 30_000, 'the result of the task with single-frame checks');
    expect(grabsPerCamera(log)).toEqual(new Map([[server.url('/gate'), 2], [server.url('/yard'), 2]]));
  });
});
