// Writes a batch of results into the platform's tables in one transaction, as the platform's own
// executor would have: rows in diagnosis_results, an alarm per abnormal row in diagnosis_alarms
// (its severity mapping), and the task's status and counters in diagnosis_tasks. Idempotent: a
// message id already written is skipped, and a run gets one applied result (a later success may
// replace a failure, nothing replaces a success). Multi-row inserts through unnest keep a batch of
// thousands of rows to a handful of statements.
import type { PoolClient } from 'pg';
import { BRIDGE_LOCK_KEY } from './bridge-table.ts';
import type { EdgeResult, ForeignResult, ResultRow } from './result-parse.ts';

export type WritableResult = EdgeResult | ForeignResult;

export interface BatchOutcome {
  /** Messages whose id had been written before (or twice in this batch): nothing written again. */
  duplicates: number;
  /** Edge results applied to the platform's tables. */
  applied: number;
  /** Edge results of a run that already has its result, and foreign results: recorded only. */
  recordedOnly: number;
  rows: number;
  alarms: number;
}

interface Decision {
  result: WritableResult;
  apply: 'new-run' | 'upgrade' | 'no';
}

/** What each message of the batch does, given the ids and the runs the database already holds. */
export function decide(batch: WritableResult[], seen: Set<string>, runOutcome: Map<string, boolean>): { decisions: Decision[]; duplicates: number } {
  const decisions: Decision[] = [];
  const ids = new Set(seen);
  const runs = new Map(runOutcome);
  let duplicates = 0;
  for (const result of batch) {
    if (ids.has(result.messageId)) {
      duplicates++;
      continue;
    }
    ids.add(result.messageId);
    if (result.kind === 'foreign') {
      decisions.push({ result, apply: 'no' });
      continue;
    }
    const prior = runs.get(result.runId);
    if (prior === undefined) {
      runs.set(result.runId, result.success);
      decisions.push({ result, apply: 'new-run' });
    } else if (!prior && result.success) {
      runs.set(result.runId, true);
      decisions.push({ result, apply: 'upgrade' });
    } else {
      decisions.push({ result, apply: 'no' });
    }
  }
  return { decisions, duplicates };
}

function resultData(r: EdgeResult, row: ResultRow, messageId: string): string {
  return JSON.stringify({
    camera_info: { id: row.cameraRef, name: row.cameraName, location: row.cameraLocation },
    diagnosis_info: { type: row.type, status: row.status, score: row.score, threshold: row.thresholds },
    worker_id: r.workerId,
    run_id: r.runId,
    message_id: messageId,
    source: 'easysight-edge',
  });
}

/** Runs inside the caller's transaction. */
export async function writeBatch(client: PoolClient, batch: WritableResult[]): Promise<BatchOutcome> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [BRIDGE_LOCK_KEY]);
  const ids = [...new Set(batch.map((r) => r.messageId))];
  const runIds = [...new Set(batch.flatMap((r) => (r.kind === 'edge' ? [r.runId] : [])))];
  const seen = await client.query<{ message_id: string }>('SELECT message_id FROM edge_bridge_processed WHERE message_id = ANY($1::text[])', [ids]);
  const runs = await client.query<{ run_id: string; success: boolean }>('SELECT run_id, bool_or(success) AS success FROM edge_bridge_processed WHERE applied AND run_id = ANY($1::text[]) GROUP BY run_id', [runIds]);
  const { decisions, duplicates } = decide(batch, new Set(seen.rows.map((r) => r.message_id)), new Map(runs.rows.map((r) => [r.run_id, r.success])));
  const outcome: BatchOutcome = { duplicates, applied: 0, recordedOnly: 0, rows: 0, alarms: 0 };
  if (decisions.length === 0) return outcome;

  await client.query(
    `INSERT INTO edge_bridge_processed (message_id, task_id, run_id, worker_id, success, applied)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::bool[], $6::bool[])`,
    [
      decisions.map((d) => d.result.messageId),
      decisions.map((d) => d.result.taskId),
      decisions.map((d) => (d.result.kind === 'edge' ? d.result.runId : null)),
      decisions.map((d) => (d.result.kind === 'edge' ? d.result.workerId : null)),
      decisions.map((d) => d.result.success),
      decisions.map((d) => d.apply !== 'no'),
    ],
  );
  const applied = decisions.filter((d): d is Decision & { result: EdgeResult } => d.apply !== 'no' && d.result.kind === 'edge');
  outcome.applied = applied.length;
  outcome.recordedOnly = decisions.length - applied.length;
  if (applied.length === 0) return outcome;

  const rows = applied.flatMap((d) => d.result.rows.map((row) => ({ r: d.result, row })));
  if (rows.length > 0) {
    // One statement: the rows, and an alarm for each abnormal one made from the row as inserted
    // (its own id and values), so nothing depends on the order RETURNING gives the ids in.
    const inserted = await client.query<{ rows: string; alarms: string }>(
      `WITH ins AS (
         INSERT INTO diagnosis_results (task_id, camera_id, camera_name, diagnosis_type, diagnosis_status, score, threshold,
           is_abnormal, image_timestamp, processing_time, error_message, suggestions, metrics, result_data)
         SELECT u.task_id, u.camera_id, u.camera_name, u.diagnosis_type, upper(u.status)::diagnosisstatus, u.score, u.threshold,
           u.is_abnormal, u.image_timestamp, u.processing_time, u.error_message, u.suggestions::json, u.metrics::json, u.result_data::json
         FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::bool[],
           $9::timestamptz[], $10::float8[], $11::text[], $12::text[], $13::text[], $14::text[])
           AS u(task_id, camera_id, camera_name, diagnosis_type, status, score, threshold, is_abnormal, image_timestamp,
             processing_time, error_message, suggestions, metrics, result_data)
         RETURNING id, task_id, diagnosis_type, lower(diagnosis_status::text) AS status, score, threshold, error_message, suggestions, is_abnormal),
       alarms AS (
         INSERT INTO diagnosis_alarms (result_id, alarm_type, severity, title, description, threshold_config, current_value, threshold_value, is_acknowledged)
         SELECT ins.id, ins.diagnosis_type,
           CASE WHEN ins.status IN ('warning', 'error', 'critical') THEN ins.status ELSE 'warning' END,
           left('摄像头诊断异常: ' || COALESCE(ins.error_message, ins.suggestions->>0, ins.status), 200),
           '任务: ' || COALESCE(t.name, ins.task_id::text) || E'\\n状态: ' || ins.status || E'\\n分数: ' || COALESCE(ins.score::text, 'N/A') || E'\\n阈值: ' || COALESCE(ins.threshold::text, 'N/A'),
           json_build_object('threshold', ins.threshold, 'operator', CASE WHEN ins.status = 'warning' THEN 'lt' ELSE 'gt' END),
           ins.score, ins.threshold, false
         FROM ins LEFT JOIN diagnosis_tasks t ON t.id = ins.task_id
         WHERE ins.is_abnormal
         RETURNING 1)
       SELECT (SELECT count(*) FROM ins) AS rows, (SELECT count(*) FROM alarms) AS alarms`,
      [
        rows.map((x) => x.r.taskId),
        rows.map((x) => x.row.cameraId),
        rows.map((x) => x.row.cameraName?.slice(0, 100) ?? null),
        rows.map((x) => x.row.type.slice(0, 50)),
        rows.map((x) => x.row.status),
        rows.map((x) => x.row.score),
        rows.map((x) => x.row.threshold),
        rows.map((x) => x.row.abnormal),
        rows.map((x) => x.row.imageTimestamp?.toISOString() ?? null),
        rows.map((x) => x.row.processingTime),
        rows.map((x) => x.row.errorMessage),
        rows.map((x) => JSON.stringify(x.row.suggestions)),
        rows.map((x) => JSON.stringify(x.row.metrics)),
        rows.map((x) => resultData(x.r, x.row, x.r.messageId)),
      ],
    );
    outcome.rows = Number(inserted.rows[0]?.rows ?? 0);
    outcome.alarms = Number(inserted.rows[0]?.alarms ?? 0);
  }

  // Per task: runs and successful runs added, and the status of its latest finished run.
  const tasks = new Map<number, { runs: number; successes: number; latest: EdgeResult }>();
  for (const d of applied) {
    const t = tasks.get(d.result.taskId) ?? { runs: 0, successes: 0, latest: d.result };
    if (d.apply === 'new-run') t.runs++;
    if (d.result.success) t.successes++;
    if (d.result.completedAt >= t.latest.completedAt) t.latest = d.result;
    tasks.set(d.result.taskId, t);
  }
  const list = [...tasks.entries()];
  await client.query(
    `UPDATE diagnosis_tasks t SET
       total_runs = COALESCE(t.total_runs, 0) + u.runs,
       success_runs = COALESCE(t.success_runs, 0) + u.successes,
       status = CASE WHEN t.last_run_time IS NULL OR t.last_run_time <= u.finished THEN u.status::taskstatus ELSE t.status END,
       assigned_worker = CASE WHEN t.last_run_time IS NULL OR t.last_run_time <= u.finished THEN u.worker ELSE t.assigned_worker END,
       last_run_time = GREATEST(t.last_run_time, u.finished),
       updated_at = now()
     FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::timestamptz[]) AS u(id, runs, successes, status, worker, finished)
     WHERE t.id = u.id`,
    [
      list.map(([id]) => id),
      list.map(([, t]) => t.runs),
      list.map(([, t]) => t.successes),
      list.map(([, t]) => (t.latest.success ? 'COMPLETED' : 'FAILED')),
      list.map(([, t]) => t.latest.workerId.slice(0, 100)),
      list.map(([, t]) => t.latest.completedAt.toISOString()),
    ],
  );
  return outcome;
}
