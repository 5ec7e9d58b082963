import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskWatch } from '../../main/core/disk/disk-watch.ts';
import { waitForRoom } from '../../main/core/disk/wait-for-room.ts';
import { RotatingFile } from '../../main/core/log/rotating-file.ts';

const MB = 1024 * 1024;

describe('disk watch', () => {
  it('goes low below the floor and back only with a margin above it, reporting each change once', async () => {
    let free = 500 * MB;
    const watch = new DiskWatch({ path: '/', floorBytes: 100 * MB, freeBytes: async () => free });
    const changes: boolean[] = [];
    watch.on('change', (s) => changes.push(s.low));
    for (const mb of [500, 99, 98, 110, 115, 116, 300, 99]) {
      free = mb * MB;
      await watch.check();
    }
    // Resumes at 100 + max(25, 16) = 125 MB, not at 110 or 116.
    expect(watch.resumeBytes).toBe(125 * MB);
    expect(changes).toEqual([true, false, true]);
  });

  it('keeps its last state when the folder cannot be measured', async () => {
    const watch = new DiskWatch({ path: '/nonexistent/edge', floorBytes: MB });
    expect((await watch.check()).low).toBe(false);
  });

  it('waits for room before starting, and stops waiting when interrupted', async () => {
    let free = 0;
    const waits: number[] = [];
    const room = waitForRoom({ path: '/', floorBytes: 10 * MB, intervalMs: 5, freeBytes: async () => free, onWait: (f) => waits.push(f), signal: new AbortController().signal });
    await new Promise((r) => setTimeout(r, 30));
    free = 100 * MB;
    expect(await room).toBe(true);
    expect(waits).toEqual([0]);
    const abort = new AbortController();
    const never = waitForRoom({ path: '/', floorBytes: 10 * MB, intervalMs: 5, freeBytes: async () => 0, onWait: () => abort.abort(), signal: abort.signal });
    expect(await never).toBe(false);
  });
});

describe('rotating log file', () => {
  it('never throws on a full disk, and says how many lines were lost once it can write again', () => {
    const full = new RotatingFile('/dev/full');
    expect(() => full.append('a line\n')).not.toThrow();
    full.append('another\n');
    expect(full.dropped.lines).toBe(2);
    expect(full.dropped.error).toMatch(/ENOSPC/);

    const dir = mkdtempSync(join(tmpdir(), 'edge-log-'));
    try {
      const path = join(dir, 'logs', 'edge.log');
      const file = new RotatingFile(path);
      rmSync(join(dir, 'logs'), { recursive: true });
      file.append('lost: the folder is gone\n');
      expect(file.dropped.lines).toBe(1);
      // The folder comes back (an operator restored it): the next line gets through with the count.
      new RotatingFile(path);
      file.append('back\n');
      expect(existsSync(path)).toBe(true);
      expect(readFileSync(path, 'utf8')).toMatch(/1 log lines were lost: ENOENT.*\nback\n$/s);
      expect(file.dropped.lines).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
