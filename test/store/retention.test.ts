import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { snapshotFile, snapshotRelativePath } from '../../main/core/store/snapshots.ts';
import { finishedRun, resultMessage, resultRow, useTestStore } from './store-fixtures.ts';

const DAY = 86_400_000;
let clock: number;
beforeEach(() => {
  clock = Date.UTC(2025, 7, 13, 12, 0, 0);
});
const t = useTestStore(() => ({ now: () => clock }));

/** A run of `cameras` cameras x 4 checks finished at `at`, each camera with a snapshot file. */
function addRun(runId: string, at: number, cameras: number): string[] {
  const files: string[] = [];
  const rows = [];
  for (let c = 0; c < cameras; c++) {
    const rel = snapshotRelativePath(runId, c, at);
    const file = snapshotFile(t.store.snapshotsRoot, rel);
    if (file === null) throw new Error('bad snapshot path');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'jpeg');
    files.push(file);
    for (const type of ['brightness', 'clarity', 'noise', 'freeze'] as const) rows.push(resultRow(c, type, { snapshot_path: rel }));
  }
  const outcome = t.store.completeRunNow(finishedRun(runId, { finishedAt: at, receivedAt: at - 1000 }), rows, resultMessage(runId));
  if (!outcome.ok || outcome.stored !== 'new') throw new Error('not stored');
  return files;
}

describe('retention', () => {
  it('prunes old rows in batches, keeps unsent outbox rows and their runs, and removes snapshot files', async () => {
    const oldAt = clock - 40 * DAY;
    const oldFiles: string[] = [];
    for (let i = 0; i < 30; i++) {
      oldFiles.push(...addRun(`old-${i}`, oldAt + i, 5));
      const outbox = t.store.outboxForRun(`old-${i}`);
      // Runs 0..9 were never confirmed by the broker.
      if (i >= 10 && outbox !== null) t.store.markSent(outbox.id);
    }
    const freshFiles = addRun('fresh', clock - DAY, 3);
    t.store.events.add({ level: 'info', kind: 'old', message: 'old', time: oldAt });
    t.store.events.add({ level: 'info', kind: 'new', message: 'new', time: clock });

    const report = await t.store.retention.prune({ maxAgeMs: 30 * DAY, batchSize: 50 });

    expect(report.results).toBe(30 * 5 * 4);
    expect(report.batches).toBeGreaterThanOrEqual(12); // 600 rows / 50 per transaction
    expect(report.outbox).toBe(20);
    expect(report.runs).toBe(20);
    expect(report.events).toBe(1);
    expect(report.snapshots).toBe(oldFiles.length);
    expect(oldFiles.some((f) => existsSync(f))).toBe(false);
    expect(freshFiles.every((f) => existsSync(f))).toBe(true);
    // Emptied run and day folders go too; the fresh run's stay.
    expect(readdirSync(t.store.snapshotsRoot)).toEqual([new Date(clock - DAY).toISOString().slice(0, 10)]);

    // Unsent outbox rows survive any age, and so do their runs (the relay still needs them).
    expect(t.store.outboxBacklog().pending).toBe(11);
    for (let i = 0; i < 10; i++) {
      expect(t.store.outboxForRun(`old-${i}`)?.sentAt).toBeNull();
      expect(t.store.findRun(`old-${i}`)?.status).toBe('done');
      expect(t.store.results.forRun(`old-${i}`)).toEqual([]);
    }
    expect(t.store.findRun('old-10')).toBeNull();
    expect(t.store.results.forRun('fresh')).toHaveLength(12);
    expect(t.store.events.recent().map((e) => e.kind)).toEqual(['new']);
  });

  it('prunes the oldest rows until the database fits a size budget, still sparing unsent rows', async () => {
    for (let i = 0; i < 40; i++) {
      addRun(`r-${i}`, clock - (40 - i) * 1000, 10);
      const outbox = t.store.outboxForRun(`r-${i}`);
      if (i > 0 && outbox !== null) t.store.markSent(outbox.id);
    }
    const before = t.store.retention.usedBytes();
    const budget = Math.floor(before / 3);

    const report = await t.store.retention.prune({ maxBytes: budget, batchSize: 100 });

    expect(report.bytesBefore).toBe(before);
    expect(report.bytesAfter).toBeLessThanOrEqual(budget);
    expect(report.results).toBeGreaterThan(0);
    // The newest results stay; the oldest went first.
    const remaining = t.store.results.latest({}, { limit: 1000 }).rows;
    expect(remaining.length).toBe(40 * 40 - report.results);
    expect(remaining.at(0)?.run_id).toBe('r-39');
    expect(t.store.outboxForRun('r-0')?.sentAt).toBeNull();
    expect(t.store.findRun('r-0')).not.toBeNull();
  });

  it('lets a task commit between prune batches', async () => {
    for (let i = 0; i < 20; i++) addRun(`b-${i}`, clock - 60 * DAY, 5);
    const oldRows = (): number => t.store.results.latest({ to: clock - DAY }, { limit: 1000 }).rows.length;
    expect(oldRows()).toBe(400);
    let oldRowsAtCommit = -1;
    t.store.batcher.onCommit = () => (oldRowsAtCommit = oldRows());

    const prune = t.store.retention.prune({ maxAgeMs: DAY, batchSize: 20 });
    const task = t.store.completeRun(finishedRun('live', { finishedAt: clock }), [resultRow(1, 'brightness')], resultMessage('live'));
    const [report, outcome] = await Promise.all([prune, task]);

    expect(outcome.ok).toBe(true);
    expect(report.batches).toBeGreaterThan(10);
    // The task's commit landed while the prune was under way, not after it.
    expect(oldRowsAtCommit).toBeGreaterThan(0);
    expect(oldRowsAtCommit).toBeLessThan(400);
    expect(oldRows()).toBe(0);
  });
});

describe('snapshot paths', () => {
  it('lays files out by day, run and camera, with ids made safe and reversible', () => {
    const at = Date.UTC(2025, 7, 13, 8, 0, 0);
    expect(snapshotRelativePath('12@2025-08-13T08:00:00+00:00', 7, at)).toBe('2025-08-13/12~40~2025-08-13T08~3a~00~3a~00~2b~00~3a~00/7.jpg');
    expect(snapshotRelativePath('../../etc', 'a/b', at)).toBe('2025-08-13/~2e~.~2f~..~2f~etc/a~2f~b.jpg');
    expect(snapshotFile('/data/snapshots', '../escape.jpg')).toBeNull();
    expect(snapshotFile('/data/snapshots', '2025-08-13/run/1.jpg')).toBe(join('/data/snapshots', '2025-08-13', 'run', '1.jpg'));
  });
});
