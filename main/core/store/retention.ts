// Retention by age and by size, in small transactions with a turn of the event loop between them,
// so a prune never holds the write lock long enough to delay a task's commit. Unsent outbox rows
// are never deleted, nor the runs they belong to.
import { rm, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { parseRow } from './json-column.ts';
import { snapshotFile } from './snapshots.ts';
import type { Database, Statement, Transaction } from './sqlite.ts';

export interface RetentionPolicy {
  /** Delete what is older than this. */
  maxAgeMs?: number;
  /** Then delete the oldest until the database's used pages fit in this many bytes. */
  maxBytes?: number;
  /** Rows per table per transaction; default 500. */
  batchSize?: number;
}

export interface PruneReport {
  results: number;
  runs: number;
  /** Sent outbox rows only. */
  outbox: number;
  events: number;
  snapshots: number;
  batches: number;
  bytesBefore: number;
  bytesAfter: number;
}

interface BatchCounts {
  results: number;
  runs: number;
  outbox: number;
  events: number;
  snapshots: Array<{ runId: string; path: string }>;
}

interface PruneStatements {
  results: Statement;
  outbox: Statement;
  runs: Statement;
  events: Statement;
}

const prunedResult = z.object({ run_id: z.string(), snapshot_path: z.string().nullable() });

const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class Retention {
  private readonly db: Database;
  private readonly root: string;
  private readonly now: () => number;
  private readonly byAge: PruneStatements;
  private readonly oldest: PruneStatements;
  private readonly stillUsed: Statement;
  private readonly batch: Transaction<[PruneStatements, number, number], BatchCounts>;

  constructor(db: Database, snapshotsRoot: string, now: () => number) {
    this.db = db;
    this.root = snapshotsRoot;
    this.now = now;
    const runs = (condition: string): Statement =>
      db.prepare(`
        DELETE FROM runs WHERE run_id IN (
          SELECT run_id FROM runs WHERE ${condition}
            AND NOT EXISTS (SELECT 1 FROM results WHERE results.run_id = runs.run_id)
            AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.run_id = runs.run_id)
          ORDER BY received_at LIMIT @limit)`);
    this.byAge = {
      results: db.prepare(`
        DELETE FROM results WHERE id IN (SELECT id FROM results WHERE created_at < @cutoff ORDER BY created_at, id LIMIT @limit)
        RETURNING run_id, snapshot_path`),
      outbox: db.prepare(`
        DELETE FROM outbox WHERE id IN (
          SELECT id FROM outbox WHERE sent_at IS NOT NULL AND created_at < @cutoff ORDER BY created_at LIMIT @limit)`),
      // A run still received/running after maxAge was abandoned by a crash long ago.
      runs: runs('received_at < @cutoff'),
      events: db.prepare(`DELETE FROM worker_events WHERE id IN (SELECT id FROM worker_events WHERE time < @cutoff ORDER BY time LIMIT @limit)`),
    };
    this.oldest = {
      results: db.prepare(`
        DELETE FROM results WHERE id IN (SELECT id FROM results ORDER BY created_at, id LIMIT @limit)
        RETURNING run_id, snapshot_path`),
      outbox: db.prepare(`
        DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NOT NULL ORDER BY created_at LIMIT @limit)`),
      runs: runs(`status IN ('done', 'failed', 'timed_out', 'parked')`),
      events: db.prepare(`DELETE FROM worker_events WHERE id IN (SELECT id FROM worker_events ORDER BY time LIMIT @limit)`),
    };
    this.stillUsed = db.prepare('SELECT 1 FROM results WHERE run_id = ? AND snapshot_path = ? LIMIT 1').pluck();
    this.batch = db.transaction((statements: PruneStatements, cutoff: number, limit: number): BatchCounts => {
      // better-sqlite3 ignores named values a statement does not use.
      const params = { cutoff, limit };
      const deleted = statements.results.all(params).map((row) => parseRow(prunedResult, row, 'results'));
      const outbox = statements.outbox.run(params).changes;
      const runsDeleted = statements.runs.run(params).changes;
      const events = statements.events.run(params).changes;
      const snapshots = new Map<string, { runId: string; path: string }>();
      for (const row of deleted) {
        if (row.snapshot_path !== null) snapshots.set(`${row.run_id}\n${row.snapshot_path}`, { runId: row.run_id, path: row.snapshot_path });
      }
      // Several result rows (one per check) share a camera's snapshot; keep it while one remains.
      const unused = [...snapshots.values()].filter((s) => this.stillUsed.get(s.runId, s.path) === undefined);
      return { results: deleted.length, runs: runsDeleted, outbox, events, snapshots: unused };
    });
  }

  /** Bytes of the database's pages in use (the file can be larger until free pages are vacuumed). */
  usedBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  async prune(policy: RetentionPolicy): Promise<PruneReport> {
    const limit = Math.max(1, policy.batchSize ?? 500);
    const report: PruneReport = { results: 0, runs: 0, outbox: 0, events: 0, snapshots: 0, batches: 0, bytesBefore: this.usedBytes(), bytesAfter: 0 };
    const step = async (statements: PruneStatements, cutoff: number): Promise<boolean> => {
      const counts = this.batch.immediate(statements, cutoff, limit);
      report.batches += 1;
      report.results += counts.results;
      report.runs += counts.runs;
      report.outbox += counts.outbox;
      report.events += counts.events;
      // Files go only after the rows' deletion committed: a crash in between leaves a stray file, never a dangling row.
      report.snapshots += await this.removeSnapshots(counts.snapshots);
      await yieldTurn();
      return counts.results + counts.runs + counts.outbox + counts.events > 0;
    };
    if (policy.maxAgeMs !== undefined) {
      const cutoff = this.now() - policy.maxAgeMs;
      while (await step(this.byAge, cutoff));
    }
    if (policy.maxBytes !== undefined) {
      while (this.usedBytes() > policy.maxBytes && (await step(this.oldest, 0)));
    }
    await this.releaseFreePages();
    report.bytesAfter = this.usedBytes();
    return report;
  }

  private async removeSnapshots(snapshots: ReadonlyArray<{ path: string }>): Promise<number> {
    let removed = 0;
    for (const { path } of snapshots) {
      const file = snapshotFile(this.root, path);
      if (file === null) continue;
      try {
        await rm(file);
        removed += 1;
      } catch {
        // Already gone (or never written): nothing to free.
        continue;
      }
      // Drop the run's and the day's folders once empty; rmdir refuses a folder that is not.
      for (const folder of [dirname(file), dirname(dirname(file))]) {
        if (folder === this.root) break;
        try {
          await rmdir(folder);
        } catch {
          break;
        }
      }
    }
    return removed;
  }

  /** Gives freed pages back to the file system a slice at a time (auto_vacuum = INCREMENTAL). */
  private async releaseFreePages(): Promise<void> {
    if (this.db.pragma('auto_vacuum', { simple: true }) !== 2) return;
    while ((this.db.pragma('freelist_count', { simple: true }) as number) > 0) {
      this.db.pragma('incremental_vacuum(2048)');
      await yieldTurn();
    }
  }
}
