// The results table: one row per run, camera and diagnosis type, shaped like the platform's
// diagnosis_results. Reads page by keyset (created_at, id) so page 1000 costs what page 1 costs.
import { z } from 'zod';
import { isCheckType, STATUSES, type CheckType, type DiagnosisStatus } from '../../../shared/diagnosis/types.ts';
import type { Finding } from '../../../shared/diagnosis/finding.ts';
import type { DiagnosisResultRow } from '../../../shared/protocol/result-row.ts';
import { jsonColumn, parseRow, toJson } from './json-column.ts';
import { MANUAL_RUN_PREFIX } from './runs.ts';
import { bindId, type BindArg, type Database, type SqlValue, type Statement, type Transaction } from './sqlite.ts';

/** A result to store; the thumbnail travels in the outbox body only, the full frame is a snapshot file. */
export interface ResultInput extends DiagnosisResultRow {
  /** Relative to the snapshots folder (see snapshots.ts). */
  snapshot_path?: string | null;
  /** The message and advice in both UI languages; rows stored before it existed have none. */
  finding?: Finding | null;
}

export interface StoredResult extends Omit<DiagnosisResultRow, 'thumbnail'> {
  id: number;
  run_id: string;
  snapshot_path: string | null;
  /** ms since the epoch, when the row was stored. */
  created_at: number;
  finding: Finding | null;
  /** The task of the run the row belongs to. */
  task_id: number | string | null;
}

export interface ResultFilter {
  cameraId?: number | string;
  cameraName?: string;
  type?: CheckType;
  status?: DiagnosisStatus;
  abnormal?: boolean;
  /** Inclusive lower bound on created_at (ms). */
  from?: number;
  /** Exclusive upper bound on created_at (ms). */
  to?: number;
}

/** Where a page ended: the last row's created_at and id. */
export interface ResultCursor {
  createdAt: number;
  id: number;
}

export interface PageRequest {
  /** 1..1000, default 100. */
  limit?: number;
  /** The `next` of the previous page. */
  before?: ResultCursor;
}

export interface ResultPage {
  rows: StoredResult[];
  /** Pass as `before` for the next (older) page; null when this was the last one. */
  next: ResultCursor | null;
}

export interface TrendPoint {
  at: number;
  score: number;
  status: DiagnosisStatus;
}

export interface TrendSeries {
  type: CheckType;
  points: TrendPoint[];
}

const localized = z.object({ 'zh-CN': z.string(), en: z.string() });
const findingSchema = z.object({ message: localized, suggestions: z.array(localized), detail: z.string().optional() });

const resultRow = z.object({
  id: z.number(),
  run_id: z.string(),
  camera_id: z.union([z.number(), z.string()]).nullable(),
  camera_name: z.string(),
  // A task may ask for a type this version does not know; it is answered and stored under that name.
  diagnosis_type: z.string(),
  diagnosis_status: z.enum(STATUSES),
  score: z.number(),
  threshold: z.number().nullable(),
  thresholds: jsonColumn(z.record(z.string(), z.number())),
  is_abnormal: z.number().transform((n) => n === 1),
  processing_time: z.number(),
  error_message: z.string().nullable(),
  suggestions: jsonColumn(z.array(z.string())),
  metrics: jsonColumn(z.record(z.string(), z.union([z.number(), z.string()]))),
  image_timestamp: z.string().nullable(),
  snapshot_path: z.string().nullable(),
  created_at: z.number(),
  finding: jsonColumn(findingSchema).nullable(),
  task_id: z.union([z.number(), z.string()]).nullable(),
});

/** The columns a camera's health is judged from (no JSON to decode: this runs inside the run's transaction). */
const healthRow = z.object({
  id: z.number(),
  camera_id: z.union([z.number(), z.string()]).nullable(),
  camera_name: z.string(),
  diagnosis_type: z.string(),
  diagnosis_status: z.enum(STATUSES),
  score: z.number(),
  is_abnormal: z.number().transform((n) => n === 1),
  error_message: z.string().nullable(),
  has_snapshot: z.number().transform((n) => n === 1),
  not_assessed: z.number().transform((n) => n === 1),
});

export type ResultHealthRow = z.output<typeof healthRow>;

const trendRow = z.object({
  diagnosis_type: z.string(),
  created_at: z.number(),
  score: z.number(),
  diagnosis_status: z.enum(STATUSES),
});

const MAX_PAGE = 1000;

// The task is looked up per returned row (runs is keyed by run_id), after the LIMIT has cut the page.
// A "Diagnose now" row answers no task (null).
const COLUMNS = `*, CASE WHEN substr(run_id, 1, ${MANUAL_RUN_PREFIX.length}) = '${MANUAL_RUN_PREFIX}' THEN NULL
  ELSE (SELECT task_id FROM runs WHERE runs.run_id = results.run_id) END AS task_id`;

export class ResultsRepository {
  private readonly db: Database;
  private readonly now: () => number;
  private readonly insertStmt: Statement;
  private readonly forRunStmt: Statement;
  private readonly byIdStmt: Statement;
  private readonly healthStmt: Statement;
  private readonly addTxn: Transaction<[string, readonly ResultInput[], number], number>;
  /** One prepared statement per filter combination actually used. */
  private readonly queries = new Map<string, Statement>();

  constructor(db: Database, now: () => number) {
    this.db = db;
    this.now = now;
    this.insertStmt = db.prepare(`
      INSERT INTO results (run_id, camera_id, camera_name, diagnosis_type, diagnosis_status, score, threshold, thresholds,
        is_abnormal, processing_time, error_message, suggestions, metrics, image_timestamp, snapshot_path, created_at, finding)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.forRunStmt = db.prepare(`SELECT ${COLUMNS} FROM results WHERE run_id = ? ORDER BY id`);
    this.byIdStmt = db.prepare(`SELECT ${COLUMNS} FROM results WHERE id = ?`);
    this.healthStmt = db.prepare(`SELECT id, camera_id, camera_name, diagnosis_type, diagnosis_status, score, is_abnormal, error_message,
      snapshot_path IS NOT NULL AS has_snapshot,
      -- Advice comes with every finding, never with a check that could not run (result-rows.ts).
      (is_abnormal = 1 AND suggestions = '[]') AS not_assessed
      FROM results WHERE run_id = ? ORDER BY id`);
    this.addTxn = db.transaction((runId: string, rows: readonly ResultInput[], createdAt: number) => this.insertRows(runId, rows, createdAt));
  }

  /** Inserts the rows of one run without opening a transaction: the caller's transaction holds them. */
  insertRows(runId: string, rows: readonly ResultInput[], createdAt: number): number {
    const insert = this.insertStmt;
    for (const r of rows) {
      insert.run(
        runId,
        r.camera_id === null ? null : bindId(r.camera_id),
        r.camera_name,
        r.diagnosis_type,
        r.diagnosis_status,
        r.score,
        r.threshold,
        toJson(r.thresholds),
        r.is_abnormal ? 1 : 0,
        r.processing_time,
        r.error_message,
        toJson(r.suggestions),
        toJson(r.metrics),
        r.image_timestamp,
        r.snapshot_path ?? null,
        createdAt,
        r.finding ? toJson(r.finding) : null,
      );
    }
    return rows.length;
  }

  /** Inserts the rows of one run in one transaction (a savepoint inside an open one). The run must exist. */
  add(runId: string, rows: readonly ResultInput[], createdAt: number = this.now()): number {
    return this.addTxn.immediate(runId, rows, createdAt);
  }

  get(id: number): StoredResult | null {
    const row = this.byIdStmt.get(id);
    return row === undefined ? null : parseRow(resultRow, row, 'results');
  }

  forRun(runId: string): StoredResult[] {
    return this.forRunStmt.all(runId).map((row) => parseRow(resultRow, row, 'results'));
  }

  /** The rows of a run as a camera's health needs them. */
  healthRows(runId: string): ResultHealthRow[] {
    return this.healthStmt.all(runId).map((row) => parseRow(healthRow, row, 'results'));
  }

  /** Newest first (created_at, then id), filtered, one page at a time. */
  latest(filter: ResultFilter = {}, page: PageRequest = {}): ResultPage {
    const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(page.limit ?? 100)));
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (page.before !== undefined) {
      where.push('(created_at, id) < (?, ?)');
      params.push(page.before.createdAt, page.before.id);
    }
    if (filter.cameraId !== undefined) {
      where.push('camera_id = ?');
      params.push(bindId(filter.cameraId));
    }
    if (filter.cameraName !== undefined) {
      where.push('camera_name = ?');
      params.push(filter.cameraName);
    }
    if (filter.type !== undefined) {
      where.push('diagnosis_type = ?');
      params.push(filter.type);
    }
    if (filter.status !== undefined) {
      where.push('diagnosis_status = ?');
      params.push(filter.status);
    }
    if (filter.abnormal !== undefined) {
      where.push('is_abnormal = ?');
      params.push(filter.abnormal ? 1 : 0);
    }
    if (filter.from !== undefined) {
      where.push('created_at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('created_at < ?');
      params.push(filter.to);
    }
    // One row more than asked tells whether an older page exists without a count(*).
    params.push(limit + 1);
    const sql = `SELECT ${COLUMNS} FROM results${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`;
    const rows = this.query(sql).all(...params);
    const more = rows.length > limit;
    const parsed = rows.slice(0, limit).map((row) => parseRow(resultRow, row, 'results'));
    const last = parsed.at(-1);
    return { rows: parsed, next: more && last !== undefined ? { createdAt: last.created_at, id: last.id } : null };
  }

  /** Score over time per diagnosis type for one camera, oldest first, at most `maxPoints` per type. */
  trend(cameraId: number | string, range: { from: number; to: number; types?: readonly CheckType[]; maxPoints?: number }): TrendSeries[] {
    const maxPoints = range.maxPoints ?? 500;
    const params: BindArg[] = [bindId(cameraId), range.from, range.to];
    let typeClause = '';
    if (range.types !== undefined && range.types.length > 0) {
      typeClause = ` AND diagnosis_type IN (${range.types.map(() => '?').join(', ')})`;
      params.push(...range.types);
    }
    // The newest points per type win when a range holds more than maxPoints of them.
    const sql = `
      SELECT diagnosis_type, created_at, score, diagnosis_status FROM (
        SELECT diagnosis_type, created_at, score, diagnosis_status, id,
               row_number() OVER (PARTITION BY diagnosis_type ORDER BY created_at DESC, id DESC) AS n
        FROM results WHERE camera_id = ? AND created_at >= ? AND created_at < ?${typeClause})
      WHERE n <= ? ORDER BY diagnosis_type, created_at, id`;
    params.push(maxPoints);
    const byType = new Map<CheckType, TrendPoint[]>();
    for (const raw of this.query(sql).all(...params)) {
      const row = parseRow(trendRow, raw, 'results');
      if (!isCheckType(row.diagnosis_type)) continue;
      let points = byType.get(row.diagnosis_type);
      if (points === undefined) {
        points = [];
        byType.set(row.diagnosis_type, points);
      }
      points.push({ at: row.created_at, score: row.score, status: row.diagnosis_status });
    }
    return [...byType].map(([type, points]) => ({ type, points }));
  }

  private query(sql: string): Statement {
    let stmt = this.queries.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      this.queries.set(sql, stmt);
    }
    return stmt;
  }
}
