// The runs table: one row per task run (task_id + created_at/scheduled_at), its lifecycle and
// crash count. A run in a final status has its results and outbox row stored (see completion.ts).
import { z } from 'zod';
import { jsonColumn, parseRow, toJson } from './json-column.ts';
import { bindId, type Database, type Statement } from './sqlite.ts';

export const RUN_STATUSES = ['received', 'running', 'done', 'failed', 'timed_out', 'parked'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINAL_STATUSES = ['done', 'failed', 'timed_out', 'parked'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

export function isFinal(status: RunStatus): status is FinalStatus {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

export interface RunRecord {
  runId: string;
  taskId: number | string;
  createdAt: string | null;
  scheduledAt: string | null;
  status: RunStatus;
  /** Times the run was started: above 1 means an earlier attempt died with the worker (poison check). */
  attempts: number;
  priority: number;
  camerasTotal: number;
  camerasDone: number;
  receivedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  envelope: unknown;
  error: string | null;
}

export interface NewRun {
  /** Derived by the caller from task_id and created_at (or scheduled_at): the dedup key. */
  runId: string;
  taskId: number | string;
  createdAt?: string | null;
  scheduledAt?: string | null;
  priority?: number;
  camerasTotal?: number;
  /** The task message as received, kept to show and to re-run. */
  envelope: unknown;
  receivedAt?: number;
}

export interface FinishedRun extends NewRun {
  status: FinalStatus;
  camerasDone?: number;
  startedAt?: number | null;
  finishedAt?: number;
  error?: string | null;
}

export type RunCounts = Record<FinalStatus, number>;

const runRow = z
  .object({
    run_id: z.string(),
    task_id: z.union([z.number(), z.string()]),
    created_at: z.string().nullable(),
    scheduled_at: z.string().nullable(),
    status: z.enum(RUN_STATUSES),
    attempts: z.number(),
    priority: z.number(),
    cameras_total: z.number(),
    cameras_done: z.number(),
    received_at: z.number(),
    started_at: z.number().nullable(),
    finished_at: z.number().nullable(),
    envelope: jsonColumn(z.unknown()),
    error: z.string().nullable(),
  })
  .transform(
    (r): RunRecord => ({
      runId: r.run_id,
      taskId: r.task_id,
      createdAt: r.created_at,
      scheduledAt: r.scheduled_at,
      status: r.status,
      attempts: r.attempts,
      priority: r.priority,
      camerasTotal: r.cameras_total,
      camerasDone: r.cameras_done,
      receivedAt: r.received_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      envelope: r.envelope,
      error: r.error,
    }),
  );

function toRecord(row: unknown): RunRecord | null {
  return row === undefined ? null : parseRow(runRow, row, 'runs');
}

/** Local midnight of the day containing `now`, in ms: "today" as the operator reads the clock. */
export function startOfLocalDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** Run ids of "Diagnose now" probes start with this; task run ids start with the task id and '@'. */
export const MANUAL_RUN_PREFIX = 'manual:';
const NOT_MANUAL = `substr(run_id, 1, ${MANUAL_RUN_PREFIX.length}) <> '${MANUAL_RUN_PREFIX}'`;

/** The run id of one "Diagnose now" of a camera at `at` (ms). */
export function manualRunId(cameraId: number | string, at: number): string {
  return `${MANUAL_RUN_PREFIX}${String(cameraId)}@${new Date(at).toISOString()}`;
}

export class RunsRepository {
  private readonly now: () => number;
  private readonly insertStmt: Statement;
  private readonly finishStmt: Statement;
  private readonly startStmt: Statement;
  private readonly progressStmt: Statement;
  private readonly releaseStmt: Statement;
  private readonly findStmt: Statement;
  private readonly stateStmt: Statement;
  private readonly beginStmt: Statement;
  private readonly countsStmt: Statement;
  private readonly activeStmt: Statement;
  private readonly recentStmt: Statement;

  constructor(db: Database, now: () => number) {
    this.now = now;
    this.insertStmt = db.prepare(`
      INSERT INTO runs (run_id, task_id, created_at, scheduled_at, status, priority, cameras_total, received_at, envelope)
      VALUES (@run_id, @task_id, @created_at, @scheduled_at, 'received', @priority, @cameras_total, @received_at, @envelope)
      ON CONFLICT (run_id) DO NOTHING`);
    // A run already received keeps its attempts and received_at; a run completed without a
    // `receive` first (fast path) is inserted whole.
    this.finishStmt = db.prepare(`
      INSERT INTO runs (run_id, task_id, created_at, scheduled_at, status, attempts, priority, cameras_total, cameras_done,
                        received_at, started_at, finished_at, envelope, error)
      VALUES (@run_id, @task_id, @created_at, @scheduled_at, @status, 1, @priority, @cameras_total, @cameras_done,
              @received_at, @started_at, @finished_at, @envelope, @error)
      ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, cameras_total = excluded.cameras_total,
        cameras_done = excluded.cameras_done, started_at = coalesce(runs.started_at, excluded.started_at),
        finished_at = excluded.finished_at, error = excluded.error, attempts = max(runs.attempts, 1)`);
    this.startStmt = db.prepare(
      `UPDATE runs SET status = 'running', attempts = attempts + 1, started_at = ? WHERE run_id = ? AND status IN ('received', 'running')`,
    );
    this.releaseStmt = db.prepare(
      `UPDATE runs SET status = 'received', attempts = max(attempts - 1, 0) WHERE run_id = ? AND status = 'running'`,
    );
    this.progressStmt = db.prepare(`UPDATE runs SET cameras_done = ? WHERE run_id = ? AND status = 'running'`);
    this.findStmt = db.prepare('SELECT * FROM runs WHERE run_id = ?');
    this.stateStmt = db.prepare('SELECT status, attempts FROM runs WHERE run_id = ?');
    this.beginStmt = db
      .prepare(`UPDATE runs SET status = 'running', attempts = attempts + 1, started_at = ? WHERE run_id = ? AND status IN ('received', 'running') RETURNING attempts`)
      .pluck();
    // "Diagnose now" runs are kept for the camera's history; they are not tasks, so they are not counted or listed as such.
    this.countsStmt = db.prepare(`SELECT status, count(*) AS n FROM runs WHERE finished_at >= ? AND ${NOT_MANUAL} GROUP BY status`);
    this.activeStmt = db.prepare(`SELECT * FROM runs WHERE status IN ('received', 'running') ORDER BY received_at, run_id`);
    this.recentStmt = db.prepare(`
      SELECT * FROM runs WHERE (received_at, run_id) < (@received_at, @run_id) AND ${NOT_MANUAL}
      ORDER BY received_at DESC, run_id DESC LIMIT @limit`);
  }

  /** Records a delivery. `firstSeen` is false for a redelivery: check `run.status` before working. */
  receive(run: NewRun): { run: RunRecord; firstSeen: boolean } {
    const firstSeen = this.record(run, this.now());
    const stored = this.find(run.runId);
    if (stored === null) throw new Error(`run ${run.runId} vanished right after it was recorded`);
    return { run: stored, firstSeen };
  }

  /** Inserts the run unless it is known; true when it was new. */
  private record(run: NewRun, at: number): boolean {
    const info = this.insertStmt.run({
      run_id: run.runId,
      task_id: bindId(run.taskId),
      created_at: run.createdAt ?? null,
      scheduled_at: run.scheduledAt ?? null,
      priority: run.priority ?? 0,
      cameras_total: run.camerasTotal ?? 0,
      received_at: run.receivedAt ?? at,
      envelope: toJson(run.envelope),
    });
    return info.changes === 1;
  }

  /**
   * The task path's cheap form of receive + start: records the run if new, marks it running and
   * returns its start count (null when it is already final), without reading the row back.
   */
  begin(run: NewRun, at: number = this.now()): number | null {
    this.record(run, at);
    const attempts: unknown = this.beginStmt.get(at, run.runId);
    return typeof attempts === 'number' ? attempts : null;
  }

  /** Status and start count alone, without parsing the whole row (the task path asks on every delivery). */
  state(runId: string): { status: RunStatus; attempts: number } | null {
    const row = this.stateStmt.get(runId) as { status?: unknown; attempts?: unknown } | undefined;
    const status = row?.status;
    if (typeof status !== 'string' || !(RUN_STATUSES as readonly string[]).includes(status) || typeof row?.attempts !== 'number') return null;
    return { status: status as RunStatus, attempts: row.attempts };
  }


  /** Marks the run running and counts the attempt; null when it is unknown or already final. */
  start(runId: string, at: number = this.now()): RunRecord | null {
    const info = this.startStmt.run(at, runId);
    return info.changes === 1 ? this.find(runId) : null;
  }

  /** Undoes `start` for a run handed back on purpose (stopped, switched off): not a crash. */
  release(runId: string): boolean {
    return this.releaseStmt.run(runId).changes === 1;
  }

  progress(runId: string, camerasDone: number): void {
    this.progressStmt.run(camerasDone, runId);
  }

  /** Stores the final state; run inside the completion transaction. */
  finish(run: FinishedRun): void {
    const finishedAt = run.finishedAt ?? this.now();
    this.finishStmt.run({
      run_id: run.runId,
      task_id: bindId(run.taskId),
      created_at: run.createdAt ?? null,
      scheduled_at: run.scheduledAt ?? null,
      status: run.status,
      priority: run.priority ?? 0,
      cameras_total: run.camerasTotal ?? 0,
      cameras_done: run.camerasDone ?? run.camerasTotal ?? 0,
      received_at: run.receivedAt ?? finishedAt,
      started_at: run.startedAt ?? null,
      finished_at: finishedAt,
      envelope: toJson(run.envelope),
      error: run.error ?? null,
    });
  }

  find(runId: string): RunRecord | null {
    return toRecord(this.findStmt.get(runId));
  }

  /** Runs received or running: after a crash, what the broker is about to redeliver. */
  active(): RunRecord[] {
    return this.activeStmt.all().map((row) => parseRow(runRow, row, 'runs'));
  }

  /** Newest first; pass the last run of a page as `before` for the next one. */
  recent(limit: number, before?: { receivedAt: number; runId: string }): RunRecord[] {
    const rows = this.recentStmt.all({
      received_at: before?.receivedAt ?? Number.MAX_SAFE_INTEGER,
      run_id: before?.runId ?? '',
      limit,
    });
    return rows.map((row) => parseRow(runRow, row, 'runs'));
  }

  /** Runs finished since `since` (ms), by final status. */
  countsSince(since: number): RunCounts {
    const counts: RunCounts = { done: 0, failed: 0, timed_out: 0, parked: 0 };
    for (const row of this.countsStmt.all(since) as Array<{ status: string; n: number }>) {
      if (isFinal(row.status as RunStatus)) counts[row.status as FinalStatus] = row.n;
    }
    return counts;
  }

  countsToday(now: number = this.now()): RunCounts {
    return this.countsSince(startOfLocalDay(now));
  }
}
