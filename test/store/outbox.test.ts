import { beforeEach, describe, expect, it } from 'vitest';
import { finishedRun, resultMessage, useTestStore } from './store-fixtures.ts';

let clock: number;
beforeEach(() => {
  clock = 1_000_000;
});
const t = useTestStore(() => ({ now: () => clock }));

function complete(runId: string): number {
  clock += 10;
  const outcome = t.store.completeRunNow(finishedRun(runId), [], resultMessage(runId));
  if (!outcome.ok || outcome.stored !== 'new') throw new Error('not stored');
  return outcome.outboxId;
}

describe('outbox', () => {
  it('hands out due rows oldest first, holds back rows in backoff, and forgets sent ones', () => {
    const a = complete('a');
    const b = complete('b');
    const c = complete('c');
    expect(t.store.pendingOutbox(10).map((r) => r.id)).toEqual([a, b, c]);
    expect(t.store.pendingOutbox(2).map((r) => r.id)).toEqual([a, b]);

    // a failed: back off 5 s; b is confirmed.
    expect(t.store.markFailed(a, 'channel closed', clock + 5_000)).toBe(true);
    expect(t.store.markSent(b)).toBe(true);
    expect(t.store.pendingOutbox(10).map((r) => r.id)).toEqual([c]);
    expect(t.store.outboxBacklog()).toEqual({ pending: 2, due: 1, oldestCreatedAt: t.store.outbox.get(a)?.createdAt });

    clock += 5_000;
    const due = t.store.pendingOutbox(10);
    expect(due.map((r) => r.id)).toEqual([a, c]);
    expect(due[0]).toMatchObject({ attempts: 1, lastError: 'channel closed', runId: 'a', exchange: 'easysight.results', routingKey: 'result' });

    expect(t.store.markSent(a)).toBe(true);
    expect(t.store.markSent(a)).toBe(false);
    expect(t.store.markFailed(a, 'late nack', clock)).toBe(false);
    expect(t.store.outbox.get(a)).toMatchObject({ sentAt: clock, lastError: null, attempts: 1 });
    expect(t.store.markSent(c)).toBe(true);
    expect(t.store.pendingOutbox(10)).toEqual([]);
    expect(t.store.outboxBacklog()).toEqual({ pending: 0, due: 0, oldestCreatedAt: null });
  });

  it('keeps the body byte for byte', () => {
    const body = new Uint8Array([0, 1, 2, 250, 255]);
    const outcome = t.store.completeRunNow(finishedRun('bin'), [], { ...resultMessage('bin'), body });
    expect(outcome.ok).toBe(true);
    expect([...(t.store.outboxForRun('bin')?.body ?? [])]).toEqual([0, 1, 2, 250, 255]);
  });
});
