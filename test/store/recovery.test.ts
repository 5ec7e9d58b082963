import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { latestVersion, MIGRATIONS } from '../../main/core/store/migrations.ts';
import { openSqlite } from '../../main/core/store/sqlite.ts';
import { openStore } from '../../main/core/store/store.ts';
import { aesCodec, finishedRun, openTestStore, resultMessage, resultRow, tempDir } from './store-fixtures.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function seed(path: string, runs: number): void {
  const store = openTestStore(path);
  for (let i = 0; i < runs; i++) {
    const rows = ['brightness', 'clarity', 'noise', 'contrast'].map((t) => resultRow(i, t as 'brightness', { error_message: 'x'.repeat(200) }));
    store.completeRunNow(finishedRun(`seed-${i}`), rows, resultMessage(`seed-${i}`));
  }
  store.close();
}

function garbage(bytes: number): Buffer {
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = (i * 7919 + 13) & 0xff;
  return b;
}

function overwrite(path: string, offset: number, data: Buffer): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, data, 0, data.length, offset);
  closeSync(fd);
}

function expectRecovered(path: string, reasonPattern: RegExp): void {
  const opened = openStore({ path, secrets: aesCodec(), now: () => Date.UTC(2025, 7, 13, 8, 30, 0) });
  if (!opened.ok) throw new Error(opened.message);
  const { store, recovery } = opened;
  try {
    expect(recovery?.reason).toMatch(reasonPattern);
    expect(recovery?.movedTo).toBe(`${path}.corrupt-2025-08-13T08-30-00-000Z`);
    expect(existsSync(recovery?.movedTo ?? '')).toBe(true);
    // The new file works and starts empty, with the event that tells the operator what happened.
    expect(store.findRun('seed-0')).toBeNull();
    expect(store.completeRunNow(finishedRun('after'), [resultRow(1, 'freeze')], resultMessage('after')).ok).toBe(true);
    const [event] = store.events.recent({ kind: 'store.recovered' });
    expect(event?.level).toBe('error');
    expect(event?.message).toContain(`moved to ${path}.corrupt-2025-08-13T08-30-00-000Z`);
  } finally {
    store.close();
  }
  const reopened = openStore({ path, secrets: aesCodec() });
  if (!reopened.ok) throw new Error(reopened.message);
  expect(reopened.recovery).toBeUndefined();
  expect(reopened.store.findRun('after')?.status).toBe('done');
  reopened.store.close();
}

describe('corrupt file recovery', () => {
  it('moves aside a file whose header is garbage, with its -wal and -shm, and starts a new one', () => {
    const path = join(dir, 'edge.db');
    seed(path, 5);
    overwrite(path, 0, garbage(100));
    writeFileSync(`${path}-wal`, garbage(4096));
    writeFileSync(`${path}-shm`, garbage(32768));
    const corruptBytes = readFileSync(path);

    expectRecovered(path, /not a database|SQLITE_NOTADB/);
    const moved = `${path}.corrupt-2025-08-13T08-30-00-000Z`;
    expect(readFileSync(moved).equals(corruptBytes)).toBe(true);
    expect(existsSync(`${moved}-wal`)).toBe(true);
    expect(statSync(`${moved}-shm`).size).toBe(32768);
  });

  it('moves aside a file whose pages are garbage though its header is intact', () => {
    const path = join(dir, 'edge.db');
    seed(path, 200);
    const size = statSync(path).size;
    const pageSize = 4096;
    expect(size).toBeGreaterThan(pageSize * 20);
    // Pages 3.. hold the tables and indexes; the header and schema page stay valid.
    overwrite(path, pageSize * 2, garbage(size - pageSize * 2));

    expectRecovered(path, /quick_check|malformed|SQLITE_CORRUPT/);
  });

  it('does not treat a plain text file as recoverable data to keep: it is moved aside too', () => {
    const path = join(dir, 'edge.db');
    writeFileSync(path, 'this is not a database at all\n'.repeat(200));
    expectRecovered(path, /not a database|SQLITE_NOTADB/);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });

  it('carries unsent results, cameras, settings and sealed secrets of a corrupt file into the new one', () => {
    const path = join(dir, 'edge.db');
    const codec = aesCodec();
    const store = openTestStore(path, { secrets: codec });
    for (let i = 0; i < 330; i++) {
      const rows = (['brightness', 'clarity', 'noise', 'contrast'] as const).map((t) => resultRow(i, t));
      const done = store.completeRunNow(finishedRun(`run-${i}`), rows, resultMessage(`run-${i}`));
      if (!done.ok) throw new Error(done.message);
      // The first 300 results reached the broker; the last 30 were acked tasks still waiting to be sent.
      if (i < 300) store.outbox.markSent(store.outbox.forRun(`run-${i}`)!.id);
    }
    expect(store.cameras.upsert({ id: 7, name: 'gate', streamUrl: 'rtsp://10.0.0.7/live', username: 'admin', password: 'cam-pw', source: 'local' }).ok).toBe(true);
    expect(store.cameras.upsert({ id: 'lobby-2', name: 'lobby', streamUrl: 'rtsp://10.0.0.8/live', source: 'platform' }).ok).toBe(true);
    expect(store.settings.set('app.settings', z.unknown(), { concurrency: 5 }).ok).toBe(true);
    store.close();
    // Garbage over the root page of an index: quick_check fails, the tables themselves are sound.
    const raw = openSqlite(path, 1000);
    const root = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'results_time'").pluck().get() as number;
    raw.close();
    overwrite(path, (root - 1) * 4096, garbage(4096));

    const opened = openStore({ path, secrets: codec });
    if (!opened.ok) throw new Error(opened.message);
    const recovered = opened.store;
    try {
      expect(opened.recovery?.reason).toMatch(/quick_check|malformed|SQLITE_CORRUPT/);
      expect(opened.recovery?.salvaged).toMatchObject({ outbox: 30, runs: 30, results: 120, cameras: 2, settings: 1 });
      expect(recovered.outbox.backlog().pending).toBe(30);
      expect(recovered.outbox.forRun('run-329')?.sentAt ?? null).toBeNull();
      expect(recovered.findRun('run-329')?.status).toBe('done');
      expect(recovered.findRun('run-0')).toBeNull();
      // Ids keep their types (7 stays an integer), and the sealed password still opens.
      expect(recovered.cameras.get(7)?.name).toBe('gate');
      expect(recovered.cameras.get('lobby-2')?.source).toBe('platform');
      expect(recovered.cameras.credentials(7)).toMatchObject({ ok: true, username: 'admin', password: 'cam-pw' });
      expect(recovered.settings.get('app.settings', z.unknown())).toMatchObject({ ok: true, value: { concurrency: 5 } });
      const [event] = recovered.events.recent({ kind: 'store.recovered' });
      expect(event?.message).toContain('30 unsent results (30 runs, 120 rows), 2 cameras, 1 settings');
    } finally {
      recovered.close();
    }
    // The file moved aside is left as it was found: no scratch copy beside it.
    expect(readdirSync(dir).filter((f) => f.includes('.salvage'))).toEqual([]);
  });

  it('leaves a healthy file of a newer version where it is', () => {
    const path = join(dir, 'edge.db');
    seed(path, 1);
    const raw = openSqlite(path, 1000);
    raw.pragma(`user_version = ${latestVersion(MIGRATIONS) + 1}`);
    raw.close();
    const opened = openStore({ path, secrets: aesCodec() });
    expect(opened).toMatchObject({ ok: false, kind: 'newer_schema' });
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toEqual([]);
  });
});
