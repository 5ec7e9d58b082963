// The frame source on local files: natural footage, broken and hostile files, hostile source strings.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grabFrames, type GrabOutcome } from '../../main/core/diagnosis/source/grab.ts';
import { FFMPEG, SAMPLES, emptyFile, garbageFile, hugePng, hugeY4m, streetClip, truncated } from '../support/media.ts';

const CLIP = join(SAMPLES, 'vtest.avi');
const PHOTO = join(SAMPLES, 'building.jpg');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'source-files-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function frames(outcome: GrabOutcome) {
  if (!outcome.ok) throw new Error(`grab failed: ${outcome.failure.kind}: ${outcome.failure.message}`);
  return outcome.frameSet;
}

function failure(outcome: GrabOutcome) {
  if (outcome.ok) throw new Error('grab unexpectedly succeeded');
  return outcome.failure;
}

describe('local files', () => {
  it('reads a natural photo, also as a file:// URL', async () => {
    const set = frames(await grabFrames({ source: PHOTO, mode: 'keyframe' }));
    expect(set.frames[0]).toMatchObject({ width: 640, height: 442 });
    const again = frames(await grabFrames({ source: pathToFileURL(PHOTO).href, mode: 'keyframe', width: 320 }));
    expect(again.frames[0]).toMatchObject({ width: 320, height: 222 });
  });

  it('reads a window of a natural clip with real timestamps', async () => {
    const set = frames(await grabFrames({ source: CLIP, mode: 'window', windowSeconds: 2, maxFrames: 5 }));
    expect(set.frames.map((f) => f.time)).toEqual([0, 0.4, 0.8, 1.2, 1.6]);
    expect(set.frames[0]).toMatchObject({ width: 640, height: 480 });
  });

  it('reports not_found for a missing file and invalid_source for an empty one', async () => {
    expect(failure(await grabFrames({ source: join(dir, 'no-such.mp4'), mode: 'keyframe' })).kind).toBe('not_found');
    expect(failure(await grabFrames({ source: emptyFile(), mode: 'keyframe' })).kind).toBe('invalid_source');
    expect(failure(await grabFrames({ source: dir, mode: 'keyframe' })).kind).toBe('invalid_source');
  });

  it('reports decode_error for bytes that are no video at all', async () => {
    const f = failure(await grabFrames({ source: garbageFile(), mode: 'keyframe' }));
    expect(f.kind).toBe('decode_error');
    expect(f.message).toContain('Invalid data');
  });

  it('reports decode_error for a clip cut before its index', async () => {
    // Without +faststart the moov index sits at the end: the first half alone cannot be opened.
    const clip = join(dir, 'cut.mp4');
    spawnSync(FFMPEG, ['-loglevel', 'error', '-i', streetClip(), '-t', '4', '-c', 'copy', '-y', clip]);
    const whole = readFileSync(clip);
    writeFileSync(clip, whole.subarray(0, whole.length >> 1));
    expect(failure(await grabFrames({ source: clip, mode: 'keyframe' })).kind).toBe('decode_error');
  });

  it('counts decode errors of a truncated JPEG that still gives a picture', async () => {
    const set = frames(await grabFrames({ source: truncated(PHOTO, 0.3, 'building-30pct.jpg'), mode: 'keyframe' }));
    expect(set.frames[0]).toMatchObject({ width: 640, height: 442 });
    expect(set.decodeErrors).toBeGreaterThan(0);
  });

  it('reports too_large for pictures claiming absurd sizes, without decoding them', async () => {
    for (const source of [hugePng(), hugeY4m()]) {
      const f = failure(await grabFrames({ source, mode: 'keyframe' }));
      expect(f.kind).toBe('too_large');
    }
  });

  it('treats shell metacharacters literally', async () => {
    const marker = join(dir, 'pwned');
    const hostile = [`$(touch ${marker})`, `x; touch ${marker}`, `\`touch ${marker}\``, `a | touch ${marker}`, `' && touch ${marker} #`];
    for (const text of hostile) {
      expect(failure(await grabFrames({ source: text, mode: 'keyframe' })).kind).toBe('not_found');
      const url = failure(await grabFrames({ source: `rtsp://127.0.0.1:1/${text}`, mode: 'keyframe' }));
      expect(url.kind).toBe('refused');
    }
    // A file whose name holds metacharacters is read like any other.
    const odd = join(dir, "cam $(touch pwned) ; rm -rf x `id` '.jpg");
    writeFileSync(odd, readFileSync(PHOTO));
    expect(frames(await grabFrames({ source: odd, mode: 'keyframe' })).frames).toHaveLength(1);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses protocols ffmpeg would otherwise open', async () => {
    const tricks = ['ftp://127.0.0.1/cam.mp4', 'javascript:alert(1)', `concat:${PHOTO}|${PHOTO}`, 'subfile,,start,0,end,100,,:/etc/passwd',
      'pipe:0', 'data:image/jpeg;base64,/9j/', 'tcp://127.0.0.1:554', 'udp://127.0.0.1:5000', 'rtmp://127.0.0.1/live', 'crypto:/etc/passwd',
      'cache:http://127.0.0.1/x', 'async:file:/etc/passwd', 'gopher://127.0.0.1/', 'unix:/tmp/sock', 'hls+http://127.0.0.1/x.m3u8'];
    for (const source of tricks) {
      const f = failure(await grabFrames({ source, mode: 'keyframe' }));
      expect.soft(f.kind, source).toBe('unsupported_protocol');
    }
  });

  it('accepts only network cameras when files are not allowed', async () => {
    for (const source of [PHOTO, pathToFileURL(PHOTO).href, 'building.jpg']) {
      const f = failure(await grabFrames({ source, mode: 'keyframe', allowFiles: false }));
      expect(f.kind).toBe('unsupported_protocol');
    }
  });

  it('rejects control characters and bad options before starting ffmpeg', async () => {
    expect(failure(await grabFrames({ source: 'rtsp://127.0.0.1/cam\r\nX-Evil: 1', mode: 'keyframe' })).kind).toBe('invalid_source');
    expect(failure(await grabFrames({ source: '', mode: 'keyframe' })).kind).toBe('invalid_source');
    expect(failure(await grabFrames({ source: 'rtsp://', mode: 'keyframe' })).kind).toBe('invalid_source');
    expect(failure(await grabFrames({ source: PHOTO, mode: 'keyframe', width: 641 })).kind).toBe('invalid_source');
    expect(failure(await grabFrames({ source: PHOTO, mode: 'window', maxFrames: 0 })).kind).toBe('invalid_source');
  });

  it('reports ffmpeg_missing for a configured path that is not there', async () => {
    const f = failure(await grabFrames({ source: PHOTO, mode: 'keyframe', ffmpegPath: join(dir, 'no-ffmpeg') }));
    expect(f.kind).toBe('ffmpeg_missing');
  });
});
