// The cheap run queries the worker uses on every delivery agree with the full records.
import { describe, expect, it } from 'vitest';
import { finishedRun, resultMessage, useTestStore } from './store-fixtures.ts';

const t = useTestStore();

describe('runs on the task path', () => {
  it('begin records a new run, counts each start, and refuses a finished run', () => {
    const run = { runId: 'r1', taskId: 12, envelope: { task_id: 12 } };
    expect(t.store.runs.state('r1')).toBeNull();
    expect(t.store.runs.begin(run)).toBe(1);
    expect(t.store.runs.state('r1')).toEqual({ status: 'running', attempts: 1 });
    expect(t.store.runs.begin(run)).toBe(2);
    expect(t.store.runs.find('r1')).toMatchObject({ status: 'running', attempts: 2, envelope: { task_id: 12 } });
    expect(t.store.runs.release('r1')).toBe(true);
    expect(t.store.runs.state('r1')).toEqual({ status: 'received', attempts: 1 });
    t.store.completeRunNow(finishedRun('r1'), [], resultMessage('r1'));
    expect(t.store.runs.state('r1')?.status).toBe('done');
    expect(t.store.runs.begin(run)).toBeNull();
    expect(t.store.runs.state('r1')).toEqual({ status: 'done', attempts: 1 });
  });

  it('a second completion of a finished run is a duplicate and writes nothing', () => {
    const first = t.store.completeRunNow(finishedRun('r2'), [], resultMessage('r2'));
    const again = t.store.completeRunNow(finishedRun('r2'), [], resultMessage('r2-again'));
    expect(first).toMatchObject({ ok: true, stored: 'new' });
    expect(again).toMatchObject({ ok: true, stored: 'duplicate', run: { runId: 'r2', status: 'done' } });
    expect(t.store.outboxBacklog().pending).toBe(1);
  });
});
