// Store benchmark: results insert rate through our repository and latest-100 queries at 1M rows,
// each beside a bare better-sqlite3 reference in the same process with the same pragmas.
// `node test/bench/store-bench.ts` prints the table; figures are printed, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_CHECKS, STATUSES, type CheckType, type DiagnosisStatus } from '../../shared/diagnosis/types.ts';
import type { ResultInput, ResultFilter } from '../../main/core/store/results.ts';
import { openSqlite, type Database } from '../../main/core/store/sqlite.ts';
import { openStore, type Store } from '../../main/core/store/store.ts';
import { table } from './table.ts';

export interface StoreBenchFigures {
  insertRowsPerS: number;
  referenceInsertRowsPerS: number;
  latest100Ms: number;
  referenceLatest100Ms: number;
  rows: number;
  /** completeRun (1 result + outbox row) through the write batcher, 10 callers at a time. */
  batchedCompletionsPerS: number;
  /** The same with one transaction (one fsync) per completion. */
  unbatchedCompletionsPerS: number;
  /** Median ms of each latest-100 query; latest100Ms is the slowest filtered one. */
  latestByFilter: Array<{ name: string; ms: number }>;
}

const TARGET_ROWS = 1_000_000;
const DAY = 86_400_000;
const FILL_DAYS = 400;
const CAMERAS = 200;
const BATCH_CAMERAS = 63; // x 16 checks = 1008 rows per run, the size of a large task
const INSERT_ROUNDS = 3;
const RUNS_PER_ROUND = 60;

const noSecrets = {
  encrypt(): Uint8Array {
    throw new Error('the bench stores no passwords');
  },
  decrypt(): string {
    throw new Error('the bench stores no passwords');
  },
};

function statusOf(n: number): DiagnosisStatus {
  // Mostly normal, as on a healthy site.
  const s = n % 20;
  return s < 16 ? 'normal' : (STATUSES[s - 16] ?? 'critical');
}

function runRows(run: number): ResultInput[] {
  const rows: ResultInput[] = [];
  for (let c = 0; c < BATCH_CAMERAS; c++) {
    const camera = ((run * BATCH_CAMERAS + c) % CAMERAS) + 1;
    ALL_CHECKS.forEach((type: CheckType, k) => {
      const status = statusOf(run + c + k);
      rows.push({
        camera_id: camera,
        camera_name: `Camera ${camera}`,
        diagnosis_type: type,
        diagnosis_status: status,
        score: (run * 31 + c * 7 + k) % 100,
        threshold: 30,
        thresholds: { min: 30, max: 220 },
        is_abnormal: status !== 'normal',
        processing_time: 2.5,
        error_message: status === 'normal' ? null : 'picture too dark',
        suggestions: status === 'normal' ? [] : ['check the lighting'],
        metrics: { value: 42.5, message: 'ok' },
        image_timestamp: '2025-08-13T08:00:03+00:00',
        snapshot_path: null,
      });
    });
  }
  return rows;
}

/** The results table exactly as the store declares it, minus the foreign key, under another name. */
function createReferenceTable(store: Database, reference: Database): void {
  const ddl = store.prepare(`SELECT sql FROM sqlite_schema WHERE tbl_name = 'results' AND sql IS NOT NULL`).pluck().all() as string[];
  for (const sql of ddl) {
    reference.exec(
      sql
        .replace(/REFERENCES runs \(run_id\)/, '')
        .replace(/\bresults\b/g, 'plain_results')
        .replace(/INDEX plain_results_/g, 'INDEX plain_'),
    );
  }
}

function applyStorePragmas(db: Database): void {
  for (const pragma of ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'cache_size = -16384', 'temp_store = MEMORY']) db.pragma(pragma);
}

function insertOurs(store: Store, runIds: string[], batches: ResultInput[][], at: number): number {
  const started = performance.now();
  runIds.forEach((runId, i) => store.results.add(runId, batches[i] ?? [], at + i));
  return (runIds.length * (batches[0]?.length ?? 0)) / ((performance.now() - started) / 1000);
}

function insertReference(db: Database, runIds: string[], batches: ResultInput[][], at: number): number {
  const insert = db.prepare(`
    INSERT INTO plain_results (run_id, camera_id, camera_name, diagnosis_type, diagnosis_status, score, threshold, thresholds,
      is_abnormal, processing_time, error_message, suggestions, metrics, image_timestamp, snapshot_path, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const started = performance.now();
  runIds.forEach((runId, i) => {
    begin.run();
    for (const r of batches[i] ?? []) {
      insert.run(runId, BigInt(r.camera_id as number), r.camera_name, r.diagnosis_type, r.diagnosis_status, r.score, r.threshold,
        JSON.stringify(r.thresholds), r.is_abnormal ? 1 : 0, r.processing_time, r.error_message, JSON.stringify(r.suggestions),
        JSON.stringify(r.metrics), r.image_timestamp, r.snapshot_path ?? null, at + i);
    }
    commit.run();
  });
  return (runIds.length * (batches[0]?.length ?? 0)) / ((performance.now() - started) / 1000);
}

/** Fills results with `target` rows in one transaction, generated inside SQLite, their times rising
 *  with their ids over `days` days up to `endAt`, as a worker writes them. */
function fill(db: Database, target: number, endAt: number, days: number): void {
  const perRun = BATCH_CAMERAS * ALL_CHECKS.length;
  const runs = Math.ceil(target / perRun);
  const startAt = endAt - days * DAY;
  const step = (days * DAY) / target;
  const types = ALL_CHECKS.map((t) => `'${t}'`).join(', ');
  db.transaction(() => {
    db.prepare(`
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
      INSERT INTO runs (run_id, task_id, status, attempts, received_at, finished_at, envelope, cameras_total, cameras_done)
      SELECT 'fill-' || i, i, 'done', 1, ?, ?, '{}', ${BATCH_CAMERAS}, ${BATCH_CAMERAS} FROM n`).run(runs, startAt, startAt);
    db.prepare(`
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
      INSERT INTO results (run_id, camera_id, camera_name, diagnosis_type, diagnosis_status, score, threshold, thresholds,
        is_abnormal, processing_time, error_message, suggestions, metrics, image_timestamp, snapshot_path, created_at)
      SELECT 'fill-' || (i / ${perRun}), (i / ${ALL_CHECKS.length}) % ${CAMERAS} + 1, 'Camera', json_extract(json_array(${types}), '$[' || (i % ${ALL_CHECKS.length}) || ']'),
        CASE WHEN i % 20 < 16 THEN 'normal' WHEN i % 20 = 16 THEN 'warning' WHEN i % 20 = 17 THEN 'error' ELSE 'critical' END,
        i % 100, 30, '{"min":30,"max":220}', i % 20 >= 16, 2.5, NULL, '[]', '{"value":42.5,"message":"ok"}', NULL, NULL,
        CAST(? + i * ? AS INTEGER)
      FROM n`).run(target, startAt, step);
  })();
}

function medianMs(iterations: number, fn: () => unknown): number {
  for (let i = 0; i < 10; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function completionsPerS(store: Store, batched: boolean, seconds: number): Promise<number> {
  let done = 0;
  let next = 0;
  const until = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < until) {
      const runId = `${batched ? 'b' : 'u'}-${next++}`;
      const run = { runId, taskId: 1, status: 'done' as const, envelope: { task_id: 1 }, camerasTotal: 1 };
      const rows = [runRows(0)[0] as ResultInput];
      const message = { messageId: runId, exchange: 'easysight.results', routingKey: 'result', body: '{"task_id":1}' };
      const outcome = batched ? await store.completeRun(run, rows, message) : store.completeRunNow(run, rows, message);
      if (!outcome.ok) throw new Error(outcome.message);
      // The unbatched path is synchronous: yield so the 10 callers interleave as real tasks would.
      if (!batched) await new Promise((r) => setImmediate(r));
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: 10 }, worker));
  return done / ((performance.now() - started) / 1000);
}

function open(path: string): Store {
  const opened = openStore({ path, secrets: noSecrets });
  if (!opened.ok) throw new Error(opened.message);
  return opened.store;
}

export async function runStoreBench(): Promise<StoreBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'easysight-store-bench-'));
  // Inserts and completions on empty files (ours and the reference alike); queries on a 1M-row file.
  const store = open(join(dir, 'inserts.db'));
  const big = open(join(dir, 'million.db'));
  const schema = openSqlite(join(dir, 'inserts.db'), 5000);
  const reference = openSqlite(join(dir, 'reference.db'), 5000);
  const bigRaw = openSqlite(join(dir, 'million.db'), 5000);
  try {
    applyStorePragmas(reference);
    applyStorePragmas(bigRaw);
    createReferenceTable(schema, reference);

    // Insert rate: rounds alternate ours / reference so drift on a noisy machine hits both.
    const t0 = Date.UTC(2025, 0, 1);
    const batches = Array.from({ length: RUNS_PER_ROUND }, (_, i) => runRows(i));
    const ours: number[] = [];
    const refs: number[] = [];
    for (let round = 0; round < INSERT_ROUNDS; round++) {
      const runIds = batches.map((_, i) => `bench-${round}-${i}`);
      for (const runId of runIds) store.runs.receive({ runId, taskId: round, envelope: {}, receivedAt: t0 });
      ours.push(insertOurs(store, runIds, batches, t0));
      refs.push(insertReference(reference, runIds, batches, t0));
    }

    const batchedCompletionsPerS = await completionsPerS(store, true, 2);
    const unbatchedCompletionsPerS = await completionsPerS(store, false, 2);

    const now = t0;
    fill(bigRaw, TARGET_ROWS, now, FILL_DAYS);
    const rows = bigRaw.prepare('SELECT count(*) FROM results').pluck().get() as number;
    const bare = bigRaw.prepare('SELECT * FROM results ORDER BY id DESC LIMIT 100');
    const referenceLatest100Ms = medianMs(200, () => bare.all());
    const filters: Array<[string, ResultFilter]> = [
      ['no filter', {}],
      ['camera', { cameraId: 17 }],
      ['camera + type', { cameraId: 17, type: 'clarity' }],
      ['type + status', { type: 'noise', status: 'critical' }],
      ['abnormal, last 30 days', { abnormal: true, from: now - 30 * DAY, to: now }],
      ['camera, last 7 days', { cameraId: 42, from: now - 7 * DAY }],
      ['one day 200 days ago', { from: now - 200 * DAY, to: now - 199 * DAY }],
      ['abnormal, days 300..200 ago', { abnormal: true, from: now - 300 * DAY, to: now - 200 * DAY }],
    ];
    const latestByFilter = filters.map(([name, filter]) => ({ name, ms: medianMs(200, () => big.results.latest(filter, { limit: 100 })) }));

    return {
      insertRowsPerS: Math.max(...ours),
      referenceInsertRowsPerS: Math.max(...refs),
      latest100Ms: Math.max(...latestByFilter.slice(1).map((f) => f.ms)),
      referenceLatest100Ms,
      rows,
      batchedCompletionsPerS,
      unbatchedCompletionsPerS,
      latestByFilter,
    };
  } finally {
    for (const db of [schema, reference, bigRaw]) db.close();
    store.close();
    big.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printStoreBench(f: StoreBenchFigures): void {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log(`== Store: results insert (batches of ${BATCH_CAMERAS * ALL_CHECKS.length} rows) and latest-100 at ${n(f.rows)} rows`);
  console.log(
    table(
      ['figure', 'ours', 'bare better-sqlite3', 'ratio ours/bare', 'goal'],
      [
        ['insert rows/s', n(f.insertRowsPerS), n(f.referenceInsertRowsPerS), (f.insertRowsPerS / f.referenceInsertRowsPerS).toFixed(2), '>= 20,000'],
        ['latest 100 ms (slowest filter)', f.latest100Ms.toFixed(3), f.referenceLatest100Ms.toFixed(3), (f.latest100Ms / f.referenceLatest100Ms).toFixed(2), '< 5'],
        ...f.latestByFilter.map((q) => [`  latest 100: ${q.name}`, q.ms.toFixed(3), '', '', '']),
        ['completeRun/s, 10 callers, batched', n(f.batchedCompletionsPerS), n(f.unbatchedCompletionsPerS) + ' (unbatched)', (f.batchedCompletionsPerS / f.unbatchedCompletionsPerS).toFixed(1), '>= 1,000'],
      ],
    ),
  );
}

if (import.meta.main) {
  const started = performance.now();
  printStoreBench(await runStoreBench());
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
