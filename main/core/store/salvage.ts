// Before a corrupt database is given up, what can still be read of it is carried into the new one:
// results not yet sent (with their runs and rows, so nothing acked is lost), cameras, settings with
// their sealed secrets, and reference frames. It reads a scratch copy, so the file moved aside
// stays exactly as it was found, and copies inside SQLite, so every value keeps its type.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { describeError, type Database } from './sqlite.ts';

export interface Salvage {
  outbox: number;
  runs: number;
  results: number;
  cameras: number;
  settings: number;
  references: number;
  /** What could not be read, per table. */
  errors: string[];
}

/** Rows per statement when a whole-table copy hits a corrupt page. */
const CHUNK = 200;

interface Copy {
  table: string;
  where: string;
  /** The table rows go to; main.<table> by default. */
  into?: string;
  /** Rowid ranges on failure (tables with a rowid). */
  chunked: boolean;
}

function columns(db: Database, schema: string, table: string): string[] {
  return (db.prepare(`PRAGMA ${schema}.table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
}

/** Copies the rows it can read; a corrupt page costs the rows of its range, not the table. */
function copyRows(db: Database, c: Copy, errors: string[]): number {
  let list: string;
  try {
    const old = new Set(columns(db, 'old', c.table));
    list = columns(db, 'main', c.table)
      .filter((name) => old.has(name))
      .map((name) => `"${name}"`)
      .join(', ');
  } catch (error) {
    errors.push(`${c.table}: ${describeError(error)}`);
    return 0;
  }
  if (list === '') return 0;
  const sql = (range: string) => `INSERT OR IGNORE INTO ${c.into ?? `main.${c.table}`} (${list}) SELECT ${list} FROM old.${c.table} NOT INDEXED WHERE (${c.where})${range}`;
  try {
    return db.prepare(sql('')).run().changes;
  } catch (error) {
    if (!c.chunked) {
      errors.push(`${c.table}: ${describeError(error)}`);
      return 0;
    }
    let max = 0;
    try {
      max = Number(db.prepare(`SELECT max(rowid) FROM old.${c.table}`).pluck().get() ?? 0);
    } catch {
      // Unknown extent: only the first range is tried.
    }
    let copied = 0;
    let lost = 0;
    for (let from = 0; from <= max; from += CHUNK) {
      try {
        copied += db.prepare(sql(` AND rowid > ${from} AND rowid <= ${from + CHUNK}`)).run().changes;
      } catch {
        lost++;
      }
    }
    errors.push(`${c.table}: ${describeError(error)}${lost > 0 ? `; ${lost} ranges of ${CHUNK} rows unreadable` : ''}`);
    return copied;
  }
}

export function salvage(db: Database, corruptPath: string): Salvage {
  const out: Salvage = { outbox: 0, runs: 0, results: 0, cameras: 0, settings: 0, references: 0, errors: [] };
  const scratch = `${corruptPath}.salvage`;
  const removeScratch = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(scratch + suffix, { force: true });
  };
  try {
    for (const suffix of ['', '-wal']) if (existsSync(corruptPath + suffix)) copyFileSync(corruptPath + suffix, scratch + suffix);
    db.prepare('ATTACH DATABASE ? AS old').run(scratch);
  } catch (error) {
    out.errors.push(`the moved file cannot be read: ${describeError(error)}`);
    removeScratch();
    return out;
  }
  try {
    db.transaction(() => {
      out.settings = copyRows(db, { table: 'settings', where: '1', chunked: false }, out.errors);
      out.cameras = copyRows(db, { table: 'cameras', where: '1', chunked: false }, out.errors);
      out.references = copyRows(db, { table: 'camera_references', where: '1', chunked: false }, out.errors);
      // Unsent results need their runs first (foreign keys), and their rows for the local view.
      db.exec('CREATE TEMP TABLE salvage_outbox AS SELECT * FROM main.outbox WHERE 0');
      copyRows(db, { table: 'outbox', where: 'sent_at IS NULL', into: 'temp.salvage_outbox', chunked: true }, out.errors);
      out.runs = copyRows(db, { table: 'runs', where: 'run_id IN (SELECT run_id FROM temp.salvage_outbox)', chunked: false }, out.errors);
      out.results = copyRows(db, { table: 'results', where: 'run_id IN (SELECT run_id FROM main.runs)', chunked: true }, out.errors);
      out.outbox = db.prepare('INSERT OR IGNORE INTO main.outbox SELECT * FROM temp.salvage_outbox WHERE run_id IS NULL OR run_id IN (SELECT run_id FROM main.runs)').run().changes;
      db.exec('DROP TABLE temp.salvage_outbox');
    })();
  } catch (error) {
    out.errors.push(`salvage stopped: ${describeError(error)}`);
  } finally {
    try {
      db.prepare('DETACH DATABASE old').run();
    } catch {
      // Closing the database detaches it too.
    }
    removeScratch();
  }
  return out;
}
