import { describe, expect, it } from 'vitest';
import { finishedRun, resultMessage, resultRow, useTestStore } from './store-fixtures.ts';

const t = useTestStore();

function counts(): { runs: number; results: number; outbox: number } {
  return {
    runs: t.store.runs.recent(1000).length,
    results: t.store.results.latest({}, { limit: 1000 }).rows.length,
    outbox: t.store.outboxBacklog().pending,
  };
}

describe('completeRun', () => {
  it('stores the run, its results and its outbox row together', async () => {
    const rows = [resultRow(1, 'brightness'), resultRow(1, 'clarity', { diagnosis_status: 'warning', is_abnormal: true, score: 51 }), resultRow('cam-2', 'noise')];
    const outcome = await t.store.completeRun(finishedRun('12@2025-08-13T08:00:00Z', { finishedAt: 1_000 }), rows, resultMessage('12@2025-08-13T08:00:00Z'));
    expect(outcome).toMatchObject({ ok: true, stored: 'new', results: 3 });

    const run = t.store.findRun('12@2025-08-13T08:00:00Z');
    expect(run).toMatchObject({ status: 'done', taskId: 12, camerasDone: 2, finishedAt: 1_000, attempts: 1 });
    expect(run?.envelope).toEqual({ task_id: 12, data: { camera_ids: [1, 2] } });
    const stored = t.store.results.forRun('12@2025-08-13T08:00:00Z');
    expect(stored.map((r) => [r.camera_id, r.diagnosis_type, r.is_abnormal])).toEqual([
      [1, 'brightness', false],
      [1, 'clarity', true],
      ['cam-2', 'noise', false],
    ]);
    expect(stored[0]).toMatchObject({ thresholds: { brightness_min: 30, brightness_max: 220 }, metrics: { value: 120.5, message: 'ok' }, created_at: 1_000 });
    const outbox = t.store.outboxForRun('12@2025-08-13T08:00:00Z');
    expect(outbox?.messageId).toBe('result-12@2025-08-13T08:00:00Z');
    expect(JSON.parse(outbox?.body.toString('utf8') ?? '')).toMatchObject({ run_id: '12@2025-08-13T08:00:00Z' });
    expect(outbox?.headers).toEqual({ persistent: true, contentType: 'application/json' });
  });

  it('rolls back results and the run when the outbox row cannot be written', () => {
    expect(t.store.completeRunNow(finishedRun('a'), [resultRow(1, 'brightness')], resultMessage('a', 'same-id')).ok).toBe(true);
    const before = counts();

    // The second run reuses a message_id: the outbox insert, the LAST statement, violates UNIQUE.
    const outcome = t.store.completeRunNow(finishedRun('b'), [resultRow(1, 'brightness'), resultRow(2, 'clarity')], resultMessage('b', 'same-id'));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.kind).toBe('write_failed');
    expect(outcome.message).toMatch(/run b were not stored.*UNIQUE.*Do not ack/);
    expect(counts()).toEqual(before);
    expect(t.store.findRun('b')).toBeNull();
    expect(t.store.results.forRun('b')).toEqual([]);
  });

  it('rolls back everything when a result row fails midway', () => {
    t.store.runs.receive({ runId: 'c', taskId: 12, envelope: {}, receivedAt: 5 });
    const duplicateRow = [resultRow(1, 'brightness'), resultRow(1, 'brightness')];
    const outcome = t.store.completeRunNow(finishedRun('c'), duplicateRow, resultMessage('c'));
    expect(outcome.ok).toBe(false);
    expect(t.store.findRun('c')?.status).toBe('received');
    expect(t.store.results.forRun('c')).toEqual([]);
    expect(t.store.outboxForRun('c')).toBeNull();
  });

  it('answers a redelivered run from the store: findRun, outboxForRun, and no second write', async () => {
    expect(t.store.findRun('d')).toBeNull();
    const received = t.store.runs.receive({ runId: 'd', taskId: 12, envelope: { a: 1 }, receivedAt: 10, camerasTotal: 1 });
    expect(received.firstSeen).toBe(true);
    expect(t.store.runs.start('d', 11)?.attempts).toBe(1);
    const first = await t.store.completeRun(finishedRun('d', { camerasTotal: 1 }), [resultRow(1, 'freeze')], resultMessage('d'));
    expect(first).toMatchObject({ ok: true, stored: 'new' });

    // Redelivery: known, final, and its stored message is what gets re-sent.
    const again = t.store.runs.receive({ runId: 'd', taskId: 12, envelope: { a: 1 } });
    expect(again.firstSeen).toBe(false);
    expect(again.run.status).toBe('done');
    expect(t.store.runs.start('d')).toBeNull();
    expect(t.store.outboxForRun('d')?.messageId).toBe('result-d');

    const second = await t.store.completeRun(finishedRun('d'), [resultRow(1, 'freeze'), resultRow(2, 'freeze')], resultMessage('d', 'another-id'));
    expect(second).toMatchObject({ ok: true, stored: 'duplicate', run: { runId: 'd', status: 'done' }, outbox: { messageId: 'result-d' } });
    expect(t.store.results.forRun('d')).toHaveLength(1);
    expect(t.store.outboxBacklog().pending).toBe(1);
  });

  it('counts attempts across crashes so the caller can park a poison run', () => {
    t.store.runs.receive({ runId: 'p', taskId: 3, envelope: {} });
    expect(t.store.runs.start('p')?.attempts).toBe(1);
    // The worker died; the broker redelivers; the run is still "running".
    expect(t.store.runs.receive({ runId: 'p', taskId: 3, envelope: {} }).run).toMatchObject({ status: 'running', attempts: 1 });
    expect(t.store.runs.start('p')?.attempts).toBe(2);
    expect(t.store.runs.active().map((r) => r.runId)).toEqual(['p']);
    const parked = t.store.completeRunNow(finishedRun('p', { status: 'parked', error: 'crashed the worker 2 times' }), [], resultMessage('p'));
    expect(parked.ok).toBe(true);
    expect(t.store.findRun('p')).toMatchObject({ status: 'parked', attempts: 2, error: 'crashed the worker 2 times' });
    expect(t.store.runs.active()).toEqual([]);
  });

  it('counts the runs finished today by status', () => {
    const now = new Date(2025, 7, 13, 15, 0, 0).getTime();
    const yesterday = new Date(2025, 7, 12, 23, 0, 0).getTime();
    t.store.completeRunNow(finishedRun('t1', { finishedAt: now - 1000 }), [], resultMessage('t1'));
    t.store.completeRunNow(finishedRun('t2', { finishedAt: now - 2000, status: 'failed' }), [], resultMessage('t2'));
    t.store.completeRunNow(finishedRun('t3', { finishedAt: now - 3000, status: 'timed_out' }), [], resultMessage('t3'));
    t.store.completeRunNow(finishedRun('t4', { finishedAt: now - 4000 }), [], resultMessage('t4'));
    t.store.completeRunNow(finishedRun('y1', { finishedAt: yesterday }), [], resultMessage('y1'));
    expect(t.store.runs.countsToday(now)).toEqual({ done: 2, failed: 1, timed_out: 1, parked: 0 });
  });
});
