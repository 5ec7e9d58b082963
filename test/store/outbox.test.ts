import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../main/core/store/store.ts';
import { finishedRun, openTestStore, resultMessage, tempDir } from './store-fixtures.ts';

let dir: string;
let cleanup: () => void;
let store: Store;
let clock: number;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  clock = 1_000_000;
  store = openTestStore(join(dir, 'edge.db'), { now: () => clock });
});
afterEach(() => {
  store.close();
  cleanup();
});

function complete(runId: string): number {
  clock += 10;
  const outcome = store.completeRunNow(finishedRun(runId), [], resultMessage(runId));
  if (!outcome.ok || outcome.stored !== 'new') throw new Error('not stored');
  return outcome.outboxId;
}

describe('outbox', () => {
  it('hands out due rows oldest first, holds back rows in backoff, and forgets sent ones', () => {
    const a = complete('a');
    const b = complete('b');
    const c = complete('c');
    expect(store.pendingOutbox(10).map((r) => r.id)).toEqual([a, b, c]);
    expect(store.pendingOutbox(2).map((r) => r.id)).toEqual([a, b]);

    // a failed: back off 5 s; b is confirmed.
    expect(store.markFailed(a, 'channel closed', clock + 5_000)).toBe(true);
    expect(store.markSent(b)).toBe(true);
    expect(store.pendingOutbox(10).map((r) => r.id)).toEqual([c]);
    expect(store.outboxBacklog()).toEqual({ pending: 2, due: 1, oldestCreatedAt: store.outbox.get(a)?.createdAt });

    clock += 5_000;
    const due = store.pendingOutbox(10);
    expect(due.map((r) => r.id)).toEqual([a, c]);
    expect(due[0]).toMatchObject({ attempts: 1, lastError: 'channel closed', runId: 'a', exchange: 'easysight.results', routingKey: 'result' });

    expect(store.markSent(a)).toBe(true);
    expect(store.markSent(a)).toBe(false);
    expect(store.markFailed(a, 'late nack', clock)).toBe(false);
    expect(store.outbox.get(a)).toMatchObject({ sentAt: clock, lastError: null, attempts: 1 });
    expect(store.markSent(c)).toBe(true);
    expect(store.pendingOutbox(10)).toEqual([]);
    expect(store.outboxBacklog()).toEqual({ pending: 0, due: 0, oldestCreatedAt: null });
  });

  it('keeps the body byte for byte', () => {
    const body = new Uint8Array([0, 1, 2, 250, 255]);
    const outcome = store.completeRunNow(finishedRun('bin'), [], { ...resultMessage('bin'), body });
    expect(outcome.ok).toBe(true);
    expect([...(store.outboxForRun('bin')?.body ?? [])]).toEqual([0, 1, 2, 250, 255]);
  });
});
