// The local store: one SQLite connection, its repositories, the run completion with group commit,
// and retention. Everything the worker, the relay and the UI read or write locally goes through it.
import { readAlertSettings } from '../alerts/alert-settings-store.ts';
import { HealthTracker, type HealthChanges } from '../health/health-tracker.ts';
import { AlertsRepository } from './alerts.ts';
import { BaselinesRepository } from './baselines.ts';
import { CamerasRepository, type SecretCodec } from './cameras.ts';
import { RunCompletion, type CompleteOutcome } from './completion.ts';
import { openDatabase, type OpenOptions, type Recovery } from './database.ts';
import { EventsRepository } from './events.ts';
import { HealthRepository } from './health.ts';
import { OutboxRepository, type OutboxBacklog, type OutboxMessage, type OutboxRow } from './outbox.ts';
import { ReferencesRepository } from './references.ts';
import { ResultsRepository, type ResultInput } from './results.ts';
import { Retention } from './retention.ts';
import { RunsRepository, type FinishedRun, type RunRecord } from './runs.ts';
import { SettingsRepository } from './settings.ts';
import { snapshotsRoot } from './snapshots.ts';
import { describeError, type Database, type Transaction } from './sqlite.ts';
import type { StoreFailure } from './store-error.ts';
import { WriteBatcher, type BatchOutcome, type BatcherOptions } from './write-batcher.ts';

export interface StoreOptions extends OpenOptions {
  /** Encrypts camera passwords (Electron safeStorage in the app). */
  secrets: SecretCodec;
  batching?: BatcherOptions;
}

export type StoreOpenOutcome = { ok: true; store: Store; recovery?: Recovery } | StoreFailure;

export class Store {
  readonly path: string;
  readonly snapshotsRoot: string;
  readonly runs: RunsRepository;
  readonly results: ResultsRepository;
  readonly outbox: OutboxRepository;
  readonly cameras: CamerasRepository;
  readonly settings: SettingsRepository;
  readonly events: EventsRepository;
  readonly references: ReferencesRepository;
  readonly baselines: BaselinesRepository;
  readonly health: HealthRepository;
  readonly alerts: AlertsRepository;
  readonly retention: Retention;
  /** Group commit for writes on the task path (completeRun, runs.start...). */
  readonly batcher: WriteBatcher;
  private readonly db: Database;
  private readonly completion: RunCompletion;
  private readonly recordLocalTxn: Transaction<[FinishedRun, readonly ResultInput[]], number>;
  private readonly tracker: HealthTracker;
  /** Health changes of runs written but not yet committed, by run id. */
  private readonly uncommitted = new Map<string, HealthChanges>();
  private readonly healthListeners = new Set<(changes: HealthChanges) => void>();

  constructor(db: Database, options: StoreOptions) {
    const now = options.now ?? Date.now;
    this.db = db;
    this.path = options.path;
    this.snapshotsRoot = snapshotsRoot(options.path);
    this.runs = new RunsRepository(db, now);
    this.results = new ResultsRepository(db, now);
    this.outbox = new OutboxRepository(db, now);
    this.cameras = new CamerasRepository(db, options.secrets, now);
    this.settings = new SettingsRepository(db, now);
    this.events = new EventsRepository(db, now);
    this.references = new ReferencesRepository(db);
    this.baselines = new BaselinesRepository(db, now);
    this.retention = new Retention(db, this.snapshotsRoot, now);
    this.batcher = new WriteBatcher(db, options.batching);
    this.health = new HealthRepository(db, now);
    this.alerts = new AlertsRepository(db);
    this.tracker = new HealthTracker(this.health, this.alerts, () => readAlertSettings(this.settings).confirmRuns);
    this.completion = new RunCompletion(db, this.runs, this.results, this.outbox, now, (runId, at) => this.trackHealth(runId, at));
    this.recordLocalTxn = db.transaction((run: FinishedRun, rows: readonly ResultInput[]) => {
      const finishedAt = run.finishedAt ?? now();
      this.runs.finish({ ...run, finishedAt });
      const inserted = this.results.insertRows(run.runId, rows, finishedAt);
      this.trackHealth(run.runId, finishedAt);
      return inserted;
    });
  }

  /** A run that answers no task ("Diagnose now"): the run and its rows, without an outbox message;
   *  it moves the camera's health and alerts like a task's run. */
  async recordLocalRun(run: FinishedRun, rows: readonly ResultInput[]): Promise<BatchOutcome<number>> {
    const outcome = await this.batcher.submit(() => this.recordLocalTxn.immediate(run, rows));
    this.settleHealth(run.runId, outcome.ok);
    return outcome;
  }

  /** Called after each commit that changed a camera's health or an alert, with what changed. */
  onHealthChange(listener: (changes: HealthChanges) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  private trackHealth(runId: string, at: number): void {
    this.uncommitted.set(runId, this.tracker.record(this.results.healthRows(runId), at));
  }

  /** After the run's transaction ended: tell the listeners if it committed, forget it either way. */
  private settleHealth(runId: string, committed: boolean): void {
    const changes = this.uncommitted.get(runId);
    this.uncommitted.delete(runId);
    if (!changes || !committed || changes.cameras.length === 0) return;
    for (const listener of this.healthListeners) {
      // The run is stored whatever a listener does: its failure must not read as a failed write (and a redelivery).
      try {
        listener(changes);
      } catch (error) {
        this.events.add({ level: 'error', kind: 'health.listener_failed', message: `A camera health change was stored but not passed on: ${describeError(error)}` });
      }
    }
  }

  private settleRun(runId: string, outcome: CompleteOutcome): CompleteOutcome {
    this.settleHealth(runId, outcome.ok && outcome.stored === 'new');
    return outcome;
  }

  /** Stores the run, its results and its outbox message in one transaction shared with the other
   *  completions of this turn; resolves once committed. Ack the delivery only on `ok: true`. */
  completeRun(run: FinishedRun, results: readonly ResultInput[], outboxMessage: OutboxMessage): Promise<CompleteOutcome> {
    return this.batcher.submit(() => this.completion.completeRun(run, results, outboxMessage)).then((o) => this.settleRun(run.runId, o.ok ? o.value : o));
  }

  /** The same in its own transaction, now (one fsync per call). */
  completeRunNow(run: FinishedRun, results: readonly ResultInput[], outboxMessage: OutboxMessage): CompleteOutcome {
    return this.settleRun(run.runId, this.completion.completeRun(run, results, outboxMessage));
  }

  findRun(runId: string): RunRecord | null {
    return this.runs.find(runId);
  }

  /** The stored result message of a run: re-send it for a redelivered run instead of recomputing. */
  outboxForRun(runId: string): OutboxRow | null {
    return this.outbox.forRun(runId);
  }

  pendingOutbox(limit: number): OutboxRow[] {
    return this.outbox.pending(limit);
  }

  markSent(id: number): boolean {
    return this.outbox.markSent(id);
  }

  markFailed(id: number, error: string, nextAttemptAt: number): boolean {
    return this.outbox.markFailed(id, error, nextAttemptAt);
  }

  outboxBacklog(): OutboxBacklog {
    return this.outbox.backlog();
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Commits queued writes, then closes; later writes resolve with a `closed` failure. */
  close(): void {
    if (!this.db.open) return;
    this.batcher.close();
    // Lets SQLite refresh the planner's statistics where they went stale.
    this.db.pragma('optimize');
    this.db.close();
  }
}

export function openStore(options: StoreOptions): StoreOpenOutcome {
  const opened = openDatabase(options);
  if (!opened.ok) return opened;
  const store = new Store(opened.db, options);
  if (opened.recovery === undefined) return { ok: true, store };
  const { reason, movedTo, at, salvaged } = opened.recovery;
  const s = salvaged;
  store.events.add({
    time: at,
    level: 'error',
    kind: 'store.recovered',
    message: `The database ${options.path} was corrupt (${reason}). It was moved to ${movedTo} and a new database was created with what could be read: ${s.outbox} unsent results (${s.runs} runs, ${s.results} rows), ${s.cameras} cameras, ${s.settings} settings; other cached results are only in the moved file.${s.errors.length > 0 ? ` Not readable: ${s.errors.join('; ')}` : ''}`,
    data: { path: options.path, movedTo, reason, salvaged: { ...s } },
  });
  return { ok: true, store, recovery: opened.recovery };
}
