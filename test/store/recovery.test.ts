import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
