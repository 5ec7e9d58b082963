import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/store/database.ts';
import { latestVersion, migrate, MIGRATIONS, schemaVersion, type Migration } from '../../main/core/store/migrations.ts';
import { openSqlite } from '../../main/core/store/sqlite.ts';
import { openStore } from '../../main/core/store/store.ts';
import { aesCodec, finishedRun, openTestStore, resultMessage, resultRow, tempDir } from './store-fixtures.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('migrations', () => {
  it('creates every table on a fresh file, with the durability pragmas', () => {
    const opened = openDatabase({ path: join(dir, 'edge.db') });
    if (!opened.ok) throw new Error(opened.message);
    const db = opened.db;
    expect(schemaVersion(db)).toBe(latestVersion(MIGRATIONS));
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(['alerts', 'baseline_cameras', 'baselines', 'camera_health', 'camera_references', 'cameras', 'outbox', 'results', 'runs', 'settings', 'worker_events']);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2); // INCREMENTAL
    db.close();
  });

  it('re-opens an existing file without migrating again and keeps its data', () => {
    const path = join(dir, 'edge.db');
    const store = openTestStore(path);
    expect(store.completeRunNow(finishedRun('r1'), [resultRow(1, 'brightness')], resultMessage('r1')).ok).toBe(true);
    store.close();

    for (let i = 0; i < 2; i++) {
      const again = openTestStore(path);
      expect(again.findRun('r1')?.status).toBe('done');
      expect(again.results.forRun('r1')).toHaveLength(1);
      again.close();
    }
    const db = openSqlite(path, 1000);
    expect(migrate(db)).toEqual({ ok: true, from: latestVersion(MIGRATIONS), to: latestVersion(MIGRATIONS) });
    db.close();
  });

  it('forgets the baselines learned under the brightness day/night rule, and keeps the scene-change state', () => {
    const db = openSqlite(join(dir, 'edge.db'), 1000);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 4)).ok).toBe(true);
    db.prepare(`INSERT INTO baselines (camera_id, check_type, mode, samples, updated_at) VALUES ('cam', 'brightness', 'night', '[120]', 1)`).run();
    db.prepare(`INSERT INTO baseline_cameras (camera_id, scene_change_streak) VALUES ('cam', 1)`).run();
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 5))).toMatchObject({ ok: true, from: 4, to: 5 });
    expect(db.prepare('SELECT count(*) FROM baselines').pluck().get()).toBe(0);
    expect(db.prepare('SELECT scene_change_streak FROM baseline_cameras').pluck().get()).toBe(1);
    db.close();
  });

  it('forgets the noise and sharpness baselines measured the old way, and keeps the others', () => {
    const db = openSqlite(join(dir, 'edge.db'), 1000);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 5)).ok).toBe(true);
    const insert = db.prepare(`INSERT INTO baselines (camera_id, check_type, mode, samples, updated_at) VALUES ('cam', ?, 'day', '[1]', 1)`);
    for (const type of ['noise', 'clarity', 'focus_blur', 'brightness', 'contrast']) insert.run(type);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 6))).toMatchObject({ ok: true, from: 5, to: 6 });
    expect(db.prepare('SELECT check_type FROM baselines ORDER BY check_type').pluck().all()).toEqual(['brightness', 'contrast']);
    db.close();
  });

  it("forgets the night baselines of cameras without colour days (learned without their light), and keeps the others with no light known", () => {
    const db = openSqlite(join(dir, 'edge.db'), 1000);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 6)).ok).toBe(true);
    const insert = db.prepare(`INSERT INTO baselines (camera_id, check_type, mode, samples, updated_at) VALUES (?, 'noise', ?, '[1,2]', 1)`);
    for (const [camera, mode] of [['ir', 'day'], ['ir', 'night'], ['mono', 'night']] as const) insert.run(camera, mode);
    expect(migrate(db)).toMatchObject({ ok: true, from: 6, to: 7 });
    expect(db.prepare('SELECT camera_id, mode, samples, lights FROM baselines ORDER BY camera_id, mode').all()).toEqual([
      { camera_id: 'ir', mode: 'day', samples: '[1,2]', lights: null },
      { camera_id: 'ir', mode: 'night', samples: '[1,2]', lights: null },
    ]);
    db.close();
  });

  it('refuses a database from a newer version and leaves the file untouched', () => {
    const path = join(dir, 'edge.db');
    openTestStore(path).close();
    const raw = openSqlite(path, 1000);
    raw.pragma(`user_version = ${latestVersion(MIGRATIONS) + 1}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = sha(path);

    const opened = openStore({ path, secrets: aesCodec() });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.kind).toBe('newer_schema');
    expect(opened.message).toContain(`schema version ${latestVersion(MIGRATIONS) + 1}`);
    expect(opened.message).toContain(`knows only up to ${latestVersion(MIGRATIONS)}`);
    expect(sha(path)).toBe(before);
  });

  it('rolls a failing migration back whole and stays at the last good version', () => {
    const path = join(dir, 'edge.db');
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: latestVersion(MIGRATIONS) + 1, name: 'half broken', sql: 'CREATE TABLE extra (x INTEGER); INSERT INTO no_such_table VALUES (1);' },
    ];
    const last = latestVersion(MIGRATIONS);
    const opened = openDatabase({ path, migrations: broken });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.kind).toBe('migration_failed');
    expect(opened.message).toMatch(new RegExp(`Migration ${last + 1} \\(half broken\\).*no such table.*stays at version ${last}`));

    const db = openSqlite(path, 1000);
    expect(schemaVersion(db)).toBe(last);
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'extra'`).pluck().get()).toBe(0);
    db.close();
  });
});
