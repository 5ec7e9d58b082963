import { describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY_SETTINGS, initialConcurrency, nextConcurrency, type ConcurrencySettings, type ConcurrencyState, type IntervalSample } from '../../main/core/diagnosis/concurrency/aimd-controller.ts';

const settings: ConcurrencySettings = { ...DEFAULT_CONCURRENCY_SETTINGS, floor: 2, ceiling: 24 };
const roomy: IntervalSample = { cpuBusy: 0.5, latencyMs: 2500, saturated: true };

function run(state: ConcurrencyState, samples: IntervalSample[]): ConcurrencyState {
  return samples.reduce((s, sample) => nextConcurrency(s, sample, settings).state, state);
}

describe('AIMD probe concurrency', () => {
  it('starts above the floor and doubles while the CPU has room and latency holds, up to the ceiling', () => {
    let state = initialConcurrency(settings);
    expect(state.limit).toBe(4);
    const limits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const next = nextConcurrency(state, roomy, settings);
      expect(next.decision).toBe('grow');
      state = next.state;
      limits.push(state.limit);
    }
    expect(limits).toEqual([8, 16, 24, 24, 24]);
  });

  it('backs off a little when the CPU saturates for two intervals in a row, then grows by one at a time', () => {
    const start: ConcurrencyState = { limit: 16, baselineMs: 2500, slowStart: true };
    // One hot interval is a burst: the limit holds.
    const first = nextConcurrency(start, { ...roomy, cpuBusy: 0.97 }, settings);
    expect(first).toMatchObject({ decision: 'hold', state: { limit: 16, cpuHot: true } });
    expect(nextConcurrency(first.state, roomy, settings)).toMatchObject({ decision: 'grow', state: { cpuHot: false } });
    const hot = nextConcurrency(first.state, { ...roomy, cpuBusy: 0.97 }, settings);
    expect(hot.decision).toBe('cpu_saturated');
    // At capacity, not past it: a tenth off (a climb of the latency takes a quarter, below).
    expect(hot.state.limit).toBe(14);
    expect(hot.state.slowStart).toBe(false);
    const after = nextConcurrency(hot.state, roomy, settings);
    expect(after).toMatchObject({ decision: 'grow', state: { limit: 15 } });
  });

  it('backs off when latency climbs well above its baseline even though the CPU has room', () => {
    const start: ConcurrencyState = { limit: 20, baselineMs: 2500, slowStart: false };
    const slow = nextConcurrency(start, { ...roomy, latencyMs: 5200 }, settings);
    expect(slow).toMatchObject({ decision: 'latency_climb', state: { limit: 15 } });
    // A rise that a loaded node shows anyway (measured: 2.4 s alone, 3.5-4 s at 30 probes on 2 cores) is not a climb.
    expect(nextConcurrency(start, { ...roomy, latencyMs: 4000 }, settings).decision).toBe('grow');
  });

  it('holds while the CPU is busy but not saturated, and when nothing waits for a slot', () => {
    const start: ConcurrencyState = { limit: 10, baselineMs: 2500, slowStart: false };
    expect(nextConcurrency(start, { ...roomy, cpuBusy: 0.9 }, settings)).toMatchObject({ decision: 'hold', state: { limit: 10 } });
    // Probes that never fill the limit say nothing about whether more would fit.
    expect(nextConcurrency(start, { ...roomy, saturated: false }, settings)).toMatchObject({ decision: 'idle', state: { limit: 10 } });
  });

  it('never leaves the floor and the ceiling, even from a limit outside them', () => {
    const down = run({ limit: 3, slowStart: false }, Array.from({ length: 10 }, () => ({ ...roomy, cpuBusy: 1 })));
    expect(down.limit).toBe(2);
    const up = run({ limit: 40, slowStart: false }, [roomy]);
    expect(up.limit).toBe(24);
    const small = { ...settings, floor: 1, ceiling: 1 };
    expect(initialConcurrency(small).limit).toBe(1);
    expect(nextConcurrency({ limit: 1, slowStart: true }, roomy, small).state.limit).toBe(1);
  });

  it('a decrease always removes at least one slot', () => {
    expect(nextConcurrency({ limit: 3, slowStart: false, cpuHot: true }, { ...roomy, cpuBusy: 1 }, settings).state.limit).toBe(2);
  });

  it('learns the latency baseline: down at once, up slowly, so a lasting slower camera mix stops counting as a climb', () => {
    let state: ConcurrencyState = { limit: 10, slowStart: false };
    state = nextConcurrency(state, { ...roomy, latencyMs: 3000 }, settings).state;
    expect(state.baselineMs).toBe(3000);
    state = nextConcurrency(state, { ...roomy, latencyMs: 2000 }, settings).state;
    expect(state.baselineMs).toBe(2000);
    // Cameras that are slower for good: a few intervals back off, then the baseline has caught up and it grows again.
    const decisions: string[] = [];
    for (let i = 0; i < 40; i++) {
      const next = nextConcurrency(state, { ...roomy, latencyMs: 6000 }, settings);
      decisions.push(next.decision);
      state = next.state;
    }
    expect(decisions[0]).toBe('latency_climb');
    expect(decisions.at(-1)).toBe('grow');
    expect(state.limit).toBeGreaterThan(2);
  });

  it('an interval without a finished probe keeps the baseline', () => {
    const state: ConcurrencyState = { limit: 6, baselineMs: 2500, slowStart: false };
    expect(nextConcurrency(state, { cpuBusy: 0.2, saturated: true }, settings).state).toEqual({ limit: 7, baselineMs: 2500, slowStart: false, cpuHot: false });
  });
});

describe('AIMD probe concurrency after a CPU cut', () => {
  const hot: IntervalSample = { ...roomy, cpuBusy: 0.97 };
  // Busy but not saturated: where the limit holds unless it is climbing back.
  const busy: IntervalSample = { ...roomy, cpuBusy: 0.9 };
  const wide: ConcurrencySettings = { ...settings, ceiling: 40 };

  function limits(state: ConcurrencyState, samples: IntervalSample[]): number[] {
    const out: number[] = [];
    for (const sample of samples) {
      state = nextConcurrency(state, sample, wide).state;
      out.push(state.limit);
    }
    return out;
  }

  it('waits for a cut to show before the next: two new hot intervals, not one', () => {
    // The probes in flight when the limit was cut keep the CPU busy through the next interval.
    expect(limits({ limit: 32, baselineMs: 2500, slowStart: true }, [hot, hot, hot, hot, hot])).toEqual([32, 29, 29, 26, 26]);
    // The same after a cut for slower probes (seen in the bench: 40 to 30 for a 5.3 s median, then 27 and 24 at once).
    const slower = { ...hot, cpuBusy: 0.99, latencyMs: 5300 };
    expect(limits({ limit: 40, baselineMs: 2230, slowStart: true, cpuHot: true }, [slower, { ...hot, cpuBusy: 0.99 }, { ...hot, cpuBusy: 0.99 }])).toEqual([30, 30, 27]);
  });

  it('climbs back to where the first cut came from once the CPU is below saturation, even while busy, then holds', () => {
    const cut = nextConcurrency({ limit: 32, baselineMs: 2500, slowStart: false, cpuHot: true }, hot, wide);
    expect(cut).toMatchObject({ decision: 'cpu_saturated', state: { limit: 29, restoreTo: 32, cpuHot: false } });
    const decisions: string[] = [];
    let state = cut.state;
    for (let i = 0; i < 5; i++) {
      const next = nextConcurrency(state, busy, wide);
      decisions.push(next.decision);
      state = next.state;
    }
    expect(decisions).toEqual(['restore', 'restore', 'restore', 'hold', 'hold']);
    expect(state.limit).toBe(32);
    expect(state.restoreTo).toBeUndefined();
  });

  it('a burst of hot intervals in the slow start costs a few intervals, not the run (32, 29, 26 and back to 32, not 23)', () => {
    const start = [roomy, roomy, roomy].reduce((s, sample) => nextConcurrency(s, sample, wide).state, initialConcurrency(wide));
    expect(start.limit).toBe(32);
    const after = limits(start, [hot, hot, hot, hot, ...Array.from({ length: 10 }, () => busy)]);
    expect(Math.min(...after)).toBe(26);
    expect(after.at(-1)).toBe(32);
  });

  it('does not climb back through a hot interval, nor after the probes got slower', () => {
    const cut: ConcurrencyState = { limit: 29, baselineMs: 2500, slowStart: false, restoreTo: 32 };
    expect(nextConcurrency(cut, hot, wide)).toMatchObject({ decision: 'hold', state: { limit: 29, restoreTo: 32 } });
    // Nothing waits for a slot: no more is needed.
    expect(nextConcurrency(cut, { ...busy, saturated: false }, wide)).toMatchObject({ decision: 'idle', state: { limit: 29 } });
    const slower = nextConcurrency(cut, { ...busy, latencyMs: 6000 }, wide);
    expect(slower).toMatchObject({ decision: 'latency_climb', state: { limit: 22 } });
    expect(slower.state.restoreTo).toBeUndefined();
    expect(nextConcurrency(slower.state, busy, wide)).toMatchObject({ decision: 'hold', state: { limit: 22 } });
  });
});
