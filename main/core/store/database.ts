// Opens the store's SQLite file: pragmas, integrity check, migrations, and recovery from a corrupt
// file by moving it aside (never deleting it) and starting a new one with what could be salvaged.
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, MIGRATIONS, refuseNewer, type Migration } from './migrations.ts';
import { salvage, type Salvage } from './salvage.ts';
import { describeError, openSqlite, sqliteCode, type Database } from './sqlite.ts';
import { storeFailure, type StoreFailure } from './store-error.ts';

export interface OpenOptions {
  path: string;
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  now?: () => number;
  migrations?: readonly Migration[];
}

/** What happened to a corrupt file found at open. */
export interface Recovery {
  reason: string;
  /** Where the corrupt file now is; its -wal and -shm were moved beside it with the same prefix. */
  movedTo: string;
  at: number;
  /** What was read from the moved file and carried into the new one. */
  salvaged: Salvage;
}

export type OpenOutcome = { ok: true; db: Database; recovery?: Recovery } | StoreFailure;

const CORRUPTION_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

function applyPragmas(db: Database): void {
  // auto_vacuum only takes effect before the first table exists; INCREMENTAL lets retention give
  // freed pages back to the file system without a full VACUUM.
  if (db.pragma('page_count', { simple: true }) === 0) db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  // FULL: a WAL commit is fsynced before it returns, so an acked task's result survives power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -16384');
  db.pragma('temp_store = MEMORY');
}

/** Returns why the file is corrupt, or null when it is sound. Other errors are thrown. */
function corruption(db: Database): string | null {
  try {
    const rows = db.prepare('PRAGMA quick_check(5)').pluck().all() as string[];
    if (rows.length === 1 && rows[0] === 'ok') return null;
    return `quick_check failed: ${rows.join('; ')}`;
  } catch (error) {
    if (CORRUPTION_CODES.has(sqliteCode(error) ?? '')) return describeError(error);
    throw error;
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Checked before SQLite opens the file: on closing a connection to a file it cannot read, SQLite
 *  deletes the -wal beside it, and that log may hold the last commits someone wants to rescue. */
function headerProblem(path: string): string | null {
  if (!existsSync(path)) return null;
  const size = statSync(path).size;
  if (size === 0) return null;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 100 || !head.equals(SQLITE_HEADER)) return 'the file does not start with the SQLite header (file is not a database)';
  return null;
}

function closeQuietly(db: Database | undefined): void {
  try {
    db?.close();
  } catch {
    // The handle is unusable anyway; the file is what matters.
  }
}

function moveAside(path: string, at: number): string {
  // Colons are not allowed in Windows file names.
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const target = `${path}.corrupt-${stamp}`;
  renameSync(path, target);
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}

type Attempt = { ok: true; db: Database } | { ok: false; corrupt: string } | StoreFailure;

function attemptOpen(options: OpenOptions, busyTimeoutMs: number): Attempt {
  const migrations = options.migrations ?? MIGRATIONS;
  let db: Database | undefined;
  try {
    const header = headerProblem(options.path);
    if (header !== null) return { ok: false, corrupt: header };
    db = openSqlite(options.path, busyTimeoutMs);
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const corrupt = corruption(db);
    if (corrupt !== null) {
      closeQuietly(db);
      return { ok: false, corrupt };
    }
    // Refuse a newer file before any pragma below can rewrite its header.
    const newer = refuseNewer(db, migrations);
    if (newer !== null) {
      closeQuietly(db);
      return newer;
    }
    applyPragmas(db);
  } catch (error) {
    closeQuietly(db);
    if (CORRUPTION_CODES.has(sqliteCode(error) ?? '')) return { ok: false, corrupt: describeError(error) };
    return storeFailure('open_failed', `Could not open the database ${options.path}: ${describeError(error)}. Check that the folder is writable and no other EasySight Edge is running on it.`);
  }
  const migrated = migrate(db, migrations);
  if (!migrated.ok) {
    closeQuietly(db);
    return migrated;
  }
  return { ok: true, db };
}

export function openDatabase(options: OpenOptions): OpenOutcome {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const now = options.now ?? Date.now;
  try {
    mkdirSync(dirname(options.path), { recursive: true });
  } catch (error) {
    return storeFailure('open_failed', `Could not create the folder for the database ${options.path}: ${describeError(error)}.`);
  }
  const first = attemptOpen(options, busyTimeoutMs);
  if (first.ok || !('corrupt' in first)) return first;

  const at = now();
  let movedTo: string;
  try {
    movedTo = moveAside(options.path, at);
  } catch (error) {
    return storeFailure(
      'open_failed',
      `The database ${options.path} is corrupt (${first.corrupt}) and could not be moved aside: ${describeError(error)}. Move or delete it by hand, then start again.`,
    );
  }
  const second = attemptOpen(options, busyTimeoutMs);
  if (second.ok) return { ok: true, db: second.db, recovery: { reason: first.corrupt, movedTo, at, salvaged: salvage(second.db, movedTo) } };
  if ('corrupt' in second) return storeFailure('open_failed', `A new database at ${options.path} is corrupt right after creation (${second.corrupt}): the disk may be failing.`);
  return second;
}
