// THE key write: a finished run, its results and its outbox message in one transaction, so that
// acking the delivery afterwards can never lose a result nor send one that is not stored.
import type { OutboxMessage, OutboxRepository, OutboxRow } from './outbox.ts';
import type { ResultInput, ResultsRepository } from './results.ts';
import { isFinal, type FinishedRun, type RunRecord, type RunsRepository } from './runs.ts';
import { describeError, type Database, type Transaction } from './sqlite.ts';
import { storeFailure, type StoreFailure } from './store-error.ts';

export type CompleteOutcome =
  | { ok: true; stored: 'new'; outboxId: number; results: number }
  /** The run was already final: nothing was written; re-send `outbox` (null once pruned after sending). */
  | { ok: true; stored: 'duplicate'; run: RunRecord; outbox: OutboxRow | null }
  | StoreFailure;

/** Called inside the completion's transaction once a new run's rows are stored. */
export type StoredRowsHook = (runId: string, storedAt: number) => void;

export class RunCompletion {
  private readonly runs: RunsRepository;
  private readonly outbox: OutboxRepository;
  private readonly txn: Transaction<[FinishedRun, readonly ResultInput[], OutboxMessage], CompleteOutcome>;

  constructor(db: Database, runs: RunsRepository, results: ResultsRepository, outbox: OutboxRepository, now: () => number, onStored?: StoredRowsHook) {
    this.runs = runs;
    this.outbox = outbox;
    this.txn = db.transaction((run: FinishedRun, rows: readonly ResultInput[], message: OutboxMessage): CompleteOutcome => {
      const status = runs.state(run.runId)?.status;
      if (status !== undefined && isFinal(status)) {
        const existing = runs.find(run.runId);
        if (existing !== null) return { ok: true, stored: 'duplicate', run: existing, outbox: outbox.forRun(run.runId) };
      }
      const finishedAt = run.finishedAt ?? now();
      runs.finish({ ...run, finishedAt });
      results.insertRows(run.runId, rows, finishedAt);
      onStored?.(run.runId, finishedAt);
      const outboxId = outbox.add(message, run.runId, finishedAt);
      return { ok: true, stored: 'new', outboxId, results: rows.length };
    });
  }

  /** Synchronous, one transaction (a savepoint when called inside the write batcher's). */
  completeRun(run: FinishedRun, results: readonly ResultInput[], message: OutboxMessage): CompleteOutcome {
    try {
      return this.txn.immediate(run, results, message);
    } catch (error) {
      return storeFailure(
        'write_failed',
        `The results of run ${run.runId} were not stored: ${describeError(error)}. Do not ack the delivery; it will be redelivered.`,
      );
    }
  }

  /** Whether a redelivered run is already stored, and the message to re-send for it. */
  storedOutcome(runId: string): { run: RunRecord; outbox: OutboxRow | null } | null {
    const run = this.runs.find(runId);
    if (run === null || !isFinal(run.status)) return null;
    return { run, outbox: this.outbox.forRun(runId) };
  }
}
