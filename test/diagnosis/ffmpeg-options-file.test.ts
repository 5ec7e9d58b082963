// What an ffmpeg binary understands, remembered across processes in the data folder, with the real
// bundled ffmpeg. A new process is a fresh copy of ffmpeg-binary.ts (its in-memory cache empty).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FFMPEG } from '../support/media.ts';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ffmpeg-options-'));
  file = join(dir, 'ffmpeg-options.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** resolveFfmpeg as a newly started process sees it, remembering in the data folder `remember`. */
async function newProcess(remember: string | null = dir) {
  vi.resetModules();
  const binary = await import('../../main/core/diagnosis/source/ffmpeg-binary.ts');
  binary.rememberFfmpegOptionsIn(remember);
  return binary.resolveFfmpeg;
}

const entryFor = (path: string, resolvesHostNames: boolean, identity = statSync(path)) => ({
  binaries: { [path]: { size: identity.size, mtimeMs: identity.mtimeMs, ino: identity.ino, rtspSocketTimeout: 'stimeout', resolvesHostNames, showinfoSkipsChecksums: true } },
});

describe('ffmpeg options remembered across processes', () => {
  it('learns a binary once, and the next process reads it from the file', async () => {
    const first = await (await newProcess())(FFMPEG);
    expect(first).toMatchObject({ ok: true, binary: { path: FFMPEG, rtspSocketTimeout: 'stimeout', resolvesHostNames: false } });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(entryFor(FFMPEG, false));
    // Doctored: only a process that read the file (and ran nothing) can answer true.
    writeFileSync(file, JSON.stringify(entryFor(FFMPEG, true)));
    expect(await (await newProcess())(FFMPEG)).toMatchObject({ ok: true, binary: { resolvesHostNames: true } });
    // Without the file set, every process learns anew.
    expect(await (await newProcess(null))(FFMPEG)).toMatchObject({ ok: true, binary: { resolvesHostNames: false } });
  });

  it('learns again when the binary is another file at that path, or the file is damaged', async () => {
    const stale = { ...statSync(FFMPEG), mtimeMs: statSync(FFMPEG).mtimeMs - 1000 };
    writeFileSync(file, JSON.stringify(entryFor(FFMPEG, true, stale)));
    expect(await (await newProcess())(FFMPEG)).toMatchObject({ ok: true, binary: { resolvesHostNames: false } });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(entryFor(FFMPEG, false));
    // An entry written before a field was learned is as good as damaged: it is learned again.
    const { showinfoSkipsChecksums: _, ...older } = entryFor(FFMPEG, true).binaries[FFMPEG]!;
    const olderFile = JSON.stringify({ binaries: { [FFMPEG]: older } });
    for (const damaged of ['{"binaries":', '[]', JSON.stringify({ binaries: { [FFMPEG]: { size: 'big' } } }), olderFile]) {
      writeFileSync(file, damaged);
      expect(await (await newProcess())(FFMPEG)).toMatchObject({ ok: true, binary: { resolvesHostNames: false } });
    }
  });

  it('still answers when the folder cannot be written, and creates no folder', async () => {
    const missing = join(dir, 'gone');
    expect(await (await newProcess(missing))(FFMPEG)).toMatchObject({ ok: true, binary: { resolvesHostNames: false } });
    expect(() => statSync(join(dir, 'gone'))).toThrow();
  });
});
