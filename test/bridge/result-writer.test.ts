// The result writer against the platform's tables on a real PostgreSQL: one applied result per run
// whoever sends it, a success may replace a failure and nothing replaces a success; foreign results
// (no worker, no run) are recorded and never written.
import { afterEach, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../main/core/bridge/bridge-table.ts';
import { inTransaction } from '../../main/core/bridge/database.ts';
import { parseResult, type EdgeResult, type ForeignResult } from '../../main/core/bridge/result-parse.ts';
import { writeBatch } from '../../main/core/bridge/result-writer.ts';
import { Cleanups } from '../support/fault-harness.ts';
import { edgeResult, platformFailure } from '../support/bridge-peer.ts';
import { createTestDatabase, insertTasks } from '../support/postgres.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

function parsed(r: { messageId?: string; body: Record<string, unknown> }): EdgeResult | ForeignResult {
  const p = parseResult(Buffer.from(JSON.stringify(r.body)), r.messageId);
  if (p.kind === 'poison') throw new Error(p.reason);
  return p;
}

describe('result writer', () => {
  it('writes one result per run: a later success replaces a failure, nothing replaces a success', async () => {
    const db = await createTestDatabase();
    cleanups.add(() => db.drop());
    await insertTasks(db, [5]);
    await prepareDatabase(db.pool);
    const write = (...results: Array<EdgeResult | ForeignResult>) => inTransaction(db.pool, (c) => writeBatch(c, results));
    const task = async () => (await db.pool.query('SELECT status::text AS status, total_runs, success_runs, assigned_worker FROM diagnosis_tasks WHERE id = 5')).rows[0];

    // Worker A timed out on the run (a failure with one row), then worker B did the same run.
    const failed = parsed(edgeResult(5, 1, { workerId: 'edge-a', success: false, rows: 1 }));
    expect(await write(failed)).toMatchObject({ applied: 1, rows: 1 });
    expect(await task()).toEqual({ status: 'FAILED', total_runs: 1, success_runs: 0, assigned_worker: 'edge-a' });

    const done = parsed(edgeResult(5, 1, { workerId: 'edge-b', rows: 2, abnormal: true }));
    expect(await write(done)).toMatchObject({ applied: 1, rows: 2, alarms: 2 });
    expect(await task()).toEqual({ status: 'COMPLETED', total_runs: 1, success_runs: 1, assigned_worker: 'edge-b' });

    // A third worker's result of the same run, B's result again, and the platform's own failure.
    const late = parsed(edgeResult(5, 1, { workerId: 'edge-c', rows: 2 }));
    const foreign = parsed({ body: platformFailure(5) });
    expect(await write(late, done, foreign, foreign)).toEqual({ duplicates: 2, applied: 0, recordedOnly: 2, rows: 0, alarms: 0 });
    expect(await task()).toEqual({ status: 'COMPLETED', total_runs: 1, success_runs: 1, assigned_worker: 'edge-b' });
    expect(await db.count('SELECT count(*) AS n FROM diagnosis_results')).toBe(3);
    expect(await db.count('SELECT count(*) AS n FROM edge_bridge_processed WHERE NOT applied')).toBe(2);

    // A newer run of the task moves it on; an older run's result, arriving late, adds its rows and
    // counts but leaves the status of the newer run.
    await write(parsed(edgeResult(5, 9, { workerId: 'edge-a', success: false, rows: 1 })));
    await write(parsed(edgeResult(5, 4, { workerId: 'edge-a', rows: 1 })));
    expect(await task()).toEqual({ status: 'FAILED', total_runs: 3, success_runs: 2, assigned_worker: 'edge-a' });
  });

  it('stores the rows as the platform does: enum names, alarms with its severity and texts', async () => {
    const db = await createTestDatabase();
    cleanups.add(() => db.drop());
    await insertTasks(db, [6]);
    await prepareDatabase(db.pool);
    const r = edgeResult(6, 1, { rows: 2 });
    const rows = (r.body.result as { results: Array<Record<string, unknown>> }).results;
    Object.assign(rows[1]!, { diagnosis_status: 'critical', is_abnormal: true, score: 12.5, threshold: 30, error_message: null, suggestions: ['清洁镜头'] });
    await inTransaction(db.pool, (c) => writeBatch(c, [parsed(r)]));
    const stored = await db.pool.query('SELECT diagnosis_status::text AS status, is_abnormal, suggestions, metrics FROM diagnosis_results ORDER BY id');
    expect(stored.rows.map((x) => x.status)).toEqual(['NORMAL', 'CRITICAL']);
    expect(stored.rows[1].suggestions).toEqual(['清洁镜头']);
    const alarm = (await db.pool.query('SELECT alarm_type, severity, title, description, threshold_config, current_value, threshold_value FROM diagnosis_alarms')).rows;
    expect(alarm).toEqual([
      {
        alarm_type: 'clarity',
        severity: 'critical',
        title: '摄像头诊断异常: 清洁镜头',
        description: '任务: task 6\n状态: critical\n分数: 12.5\n阈值: 30',
        threshold_config: { threshold: 30, operator: 'gt' },
        current_value: 12.5,
        threshold_value: 30,
      },
    ]);
  });
});
