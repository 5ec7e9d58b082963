// Group commit: writes that arrive within one event-loop turn (or a small window) share ONE
// transaction and so one fsync. Each caller's promise settles only after COMMIT has returned, so
// an ack that follows it never precedes durability. Each write runs in its own savepoint: a write
// that throws undoes itself only.
import { describeError, type Database, type Statement } from './sqlite.ts';
import { storeFailure, type StoreFailure } from './store-error.ts';

export interface BatcherOptions {
  /** A batch this large commits at once instead of waiting for the end of the turn. Default 256. */
  maxItems?: number;
  /** 0 (default): commit after the current turn (setImmediate); above 0: wait this many ms for more. */
  windowMs?: number;
}

export type BatchOutcome<T> = { ok: true; value: T } | StoreFailure;

export interface BatchStats {
  /** Committed transactions. */
  transactions: number;
  /** Writes those transactions held. */
  items: number;
  largestBatch: number;
}

interface Pending {
  write: () => unknown;
  settle: (outcome: BatchOutcome<unknown>) => void;
  lazy: boolean;
}

/** Longest a lazy write waits for a durable one to ride along with. */
const LAZY_DELAY_MS = 200;

export class WriteBatcher {
  private readonly db: Database;
  private readonly maxItems: number;
  private readonly windowMs: number;
  private readonly begin: Statement;
  private readonly commit: Statement;
  private readonly rollback: Statement;
  private readonly savepoint: Statement;
  private readonly release: Statement;
  private readonly rollbackTo: Statement;
  private queue: Pending[] = [];
  private timer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  private lazyTimer: NodeJS.Timeout | undefined;
  private synchronous: 'FULL' | 'NORMAL' = 'FULL';
  private closed = false;
  private counters: BatchStats = { transactions: 0, items: 0, largestBatch: 0 };
  /** Called after each commit with the number of writes it held (tests and metrics). */
  onCommit: ((items: number) => void) | undefined;

  constructor(db: Database, options: BatcherOptions = {}) {
    this.db = db;
    this.maxItems = Math.max(1, options.maxItems ?? 256);
    this.windowMs = Math.max(0, options.windowMs ?? 0);
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT batch_item');
    this.release = db.prepare('RELEASE batch_item');
    this.rollbackTo = db.prepare('ROLLBACK TO batch_item');
  }

  /**
   * Runs `write` (synchronous store calls) in the next group commit; resolves after it is durable.
   * A `lazy` write (bookkeeping that may be lost on power loss, never on a crash) starts no commit
   * of its own: it rides along with the next durable one, or commits within 200 ms without fsync.
   */
  submit<T>(write: () => T, options: { lazy?: boolean } = {}): Promise<BatchOutcome<T>> {
    if (this.closed) return Promise.resolve(storeFailure('closed', 'The store is closed; the write was not stored.'));
    const lazy = options.lazy ?? false;
    return new Promise<BatchOutcome<T>>((resolve) => {
      this.queue.push({ write, settle: resolve as (outcome: BatchOutcome<unknown>) => void, lazy });
      if (this.queue.length >= this.maxItems) this.flush();
      else if (lazy) this.scheduleLazy();
      else this.schedule();
    });
  }

  /** Commits what is queued now, synchronously. */
  flush(): void {
    clearTimeout(this.lazyTimer);
    this.lazyTimer = undefined;
    if (this.timer !== undefined) {
      if (this.windowMs > 0) clearTimeout(this.timer as NodeJS.Timeout);
      else clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = undefined;
    }
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxItems);
      for (const [item, outcome] of this.commitBatch(batch)) item.settle(outcome);
    }
  }

  /** Commits what is queued; later writes resolve with a `closed` failure. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  stats(): BatchStats {
    return { ...this.counters };
  }

  private scheduleLazy(): void {
    if (this.timer !== undefined || this.lazyTimer !== undefined) return;
    this.lazyTimer = setTimeout(() => this.flush(), LAZY_DELAY_MS);
    this.lazyTimer.unref();
  }

  /** WAL with NORMAL survives a crash of the process but not a power cut: fine for lazy writes only. */
  private setSynchronous(level: 'FULL' | 'NORMAL'): void {
    if (this.synchronous === level) return;
    this.db.pragma(`synchronous = ${level}`);
    this.synchronous = level;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = this.windowMs > 0 ? setTimeout(() => this.flush(), this.windowMs) : setImmediate(() => this.flush());
  }

  private commitBatch(batch: Pending[]): Array<[Pending, BatchOutcome<unknown>]> {
    try {
      return this.commitOrThrow(batch);
    } catch (error) {
      if (this.db.inTransaction) {
        try {
          this.rollback.run();
        } catch {
          // The connection is unusable; the next BEGIN reports why.
        }
      }
      return batch.map((item) => [item, this.lostBatch(error)]);
    }
  }

  private commitOrThrow(batch: Pending[]): Array<[Pending, BatchOutcome<unknown>]> {
    const done: Array<[Pending, BatchOutcome<unknown>]> = [];
    this.setSynchronous(batch.every((item) => item.lazy) ? 'NORMAL' : 'FULL');
    this.begin.run();
    for (const item of batch) {
      this.savepoint.run();
      try {
        const value = item.write();
        this.release.run();
        done.push([item, { ok: true, value }]);
      } catch (error) {
        // SQLITE_FULL, IOERR and the like can roll the whole transaction back on their own.
        if (!this.db.inTransaction) throw error;
        this.rollbackTo.run();
        this.release.run();
        done.push([item, storeFailure('write_failed', `A write was not stored: ${describeError(error)}.`)]);
      }
      // A write that caught such an error itself still leaves the transaction gone.
      if (!this.db.inTransaction) throw new Error('SQLite rolled the transaction back during the batch');
    }
    this.commit.run();
    this.counters.transactions += 1;
    this.counters.items += batch.length;
    this.counters.largestBatch = Math.max(this.counters.largestBatch, batch.length);
    this.onCommit?.(batch.length);
    return done;
  }

  private lostBatch(error: unknown): StoreFailure {
    return storeFailure(
      'write_failed',
      `A group of writes was not committed: ${describeError(error)}. Nothing of it is stored; retry it or let the broker redeliver.`,
    );
  }
}
