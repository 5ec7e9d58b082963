// The cheap run queries the worker uses on every delivery agree with the full records.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../main/core/store/store.ts';
import { finishedRun, openTestStore, resultMessage, tempDir } from './store-fixtures.ts';

let dir: string;
let cleanup: () => void;
let store: Store;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  store = openTestStore(join(dir, 'edge.db'));
});
afterEach(() => {
  store.close();
  cleanup();
});

describe('runs on the task path', () => {
  it('begin records a new run, counts each start, and refuses a finished run', () => {
    const run = { runId: 'r1', taskId: 12, envelope: { task_id: 12 } };
    expect(store.runs.state('r1')).toBeNull();
    expect(store.runs.begin(run)).toBe(1);
    expect(store.runs.state('r1')).toEqual({ status: 'running', attempts: 1 });
    expect(store.runs.begin(run)).toBe(2);
    expect(store.runs.find('r1')).toMatchObject({ status: 'running', attempts: 2, envelope: { task_id: 12 } });
    expect(store.runs.release('r1')).toBe(true);
    expect(store.runs.state('r1')).toEqual({ status: 'received', attempts: 1 });
    store.completeRunNow(finishedRun('r1'), [], resultMessage('r1'));
    expect(store.runs.state('r1')?.status).toBe('done');
    expect(store.runs.begin(run)).toBeNull();
    expect(store.runs.state('r1')).toEqual({ status: 'done', attempts: 1 });
  });

  it('a second completion of a finished run is a duplicate and writes nothing', () => {
    const first = store.completeRunNow(finishedRun('r2'), [], resultMessage('r2'));
    const again = store.completeRunNow(finishedRun('r2'), [], resultMessage('r2-again'));
    expect(first).toMatchObject({ ok: true, stored: 'new' });
    expect(again).toMatchObject({ ok: true, stored: 'duplicate', run: { runId: 'r2', status: 'done' } });
    expect(store.outboxBacklog().pending).toBe(1);
  });
});
