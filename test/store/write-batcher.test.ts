import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type Database } from '../../main/core/store/sqlite.ts';
import { finishedRun, openTestStore, resultMessage, resultRow, useTestStore } from './store-fixtures.ts';

const t = useTestStore();
let reader: Database;
beforeEach(() => {
  // A second connection sees only committed data: what it reads when a promise settles proves the commit.
  reader = openSqlite(t.path, 1000);
});
afterEach(() => reader.close());

const committedRuns = (): number => reader.prepare('SELECT count(*) FROM runs').pluck().get() as number;

describe('write batcher', () => {
  it('commits the completions of one turn in ONE transaction and settles each after the commit', async () => {
    const commits: number[] = [];
    t.store.batcher.onCommit = (items) => commits.push(items);
    const seenAtSettle: number[] = [];

    const calls = Array.from({ length: 10 }, (_, i) =>
      t.store.completeRun(finishedRun(`run-${i}`), [resultRow(i, 'brightness'), resultRow(i, 'clarity')], resultMessage(`run-${i}`)).then((outcome) => {
        seenAtSettle.push(committedRuns());
        return outcome;
      }),
    );
    // Nothing is written before the end of the turn.
    expect(committedRuns()).toBe(0);
    const outcomes = await Promise.all(calls);

    expect(outcomes.every((o) => o.ok && o.stored === 'new')).toBe(true);
    expect(commits).toEqual([10]);
    expect(t.store.batcher.stats()).toEqual({ transactions: 1, items: 10, largestBatch: 10 });
    expect(seenAtSettle).toEqual(Array.from({ length: 10 }, () => 10));
    expect(reader.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(10);
  });

  it('undoes only the write that failed; the rest of the batch commits', async () => {
    const a = t.store.completeRun(finishedRun('a'), [resultRow(1, 'noise')], resultMessage('a', 'dup'));
    const b = t.store.completeRun(finishedRun('b'), [resultRow(1, 'noise')], resultMessage('b', 'dup'));
    const c = t.store.completeRun(finishedRun('c'), [resultRow(1, 'noise')], resultMessage('c'));
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(ra).toMatchObject({ ok: true, stored: 'new' });
    expect(rb).toMatchObject({ ok: false, kind: 'write_failed' });
    expect(rc).toMatchObject({ ok: true, stored: 'new' });
    expect(t.store.batcher.stats().transactions).toBe(1);
    expect(committedRuns()).toBe(2);
    expect(t.store.findRun('b')).toBeNull();
    expect(t.store.results.forRun('b')).toEqual([]);
  });

  it('turns a throwing write into a value and keeps the others', async () => {
    const good = t.store.batcher.submit(() => t.store.runs.receive({ runId: 'x', taskId: 1, envelope: {} }).firstSeen);
    const bad = t.store.batcher.submit(() => {
      t.store.runs.receive({ runId: 'y', taskId: 1, envelope: {} });
      throw new Error('boom');
    });
    expect(await good).toEqual({ ok: true, value: true });
    expect(await bad).toMatchObject({ ok: false, kind: 'write_failed', message: expect.stringContaining('boom') });
    expect(t.store.findRun('x')).not.toBeNull();
    expect(t.store.findRun('y')).toBeNull();
  });

  it('splits at maxItems and commits a full batch without waiting for the turn to end', async () => {
    t.store.close();
    t.store = openTestStore(t.path, { batching: { maxItems: 4 } });
    const calls = Array.from({ length: 10 }, (_, i) => t.store.completeRun(finishedRun(`m-${i}`), [], resultMessage(`m-${i}`)));
    // Two full batches went in submit(); two stragglers wait for the turn.
    expect(committedRuns()).toBe(8);
    await Promise.all(calls);
    expect(t.store.batcher.stats()).toEqual({ transactions: 3, items: 10, largestBatch: 4 });
  });

  it('waits for more writes within a window when asked to', async () => {
    t.store.close();
    t.store = openTestStore(t.path, { batching: { windowMs: 20 } });
    const first = t.store.completeRun(finishedRun('w1'), [], resultMessage('w1'));
    await new Promise((r) => setTimeout(r, 5));
    const second = t.store.completeRun(finishedRun('w2'), [], resultMessage('w2'));
    await Promise.all([first, second]);
    expect(t.store.batcher.stats()).toMatchObject({ transactions: 1, items: 2 });
  });

  it('commits queued writes on close and refuses later ones as values', async () => {
    const queued = t.store.completeRun(finishedRun('q'), [], resultMessage('q'));
    t.store.close();
    expect(await queued).toMatchObject({ ok: true, stored: 'new' });
    expect(committedRuns()).toBe(1);
    expect(await t.store.completeRun(finishedRun('late'), [], resultMessage('late'))).toMatchObject({ ok: false, kind: 'closed' });
  });
});
