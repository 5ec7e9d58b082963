import { describe, expect, it } from 'vitest';
import { AdaptiveProbeLimit, type LimitCut } from '../../main/core/diagnosis/concurrency/adaptive-probe-limit.ts';
import { describeCut } from '../../main/core/diagnosis/concurrency/describe-cut.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Keeps `limit` probes of `ms` each busy until `until`, recording each. */
async function load(a: AdaptiveProbeLimit, until: number, ms: number): Promise<void> {
  const one = async (): Promise<void> => {
    while (Date.now() < until) {
      await a.limiter.run(async () => {
        await sleep(ms);
        a.record(ms, true);
      });
    }
  };
  await Promise.all(Array.from({ length: 40 }, one));
}

describe('AdaptiveProbeLimit', () => {
  it('raises the limit to its ceiling while the CPU has room and work waits', async () => {
    const a = new AdaptiveProbeLimit({ ceiling: 20, cpuBusy: () => 0.3, intervalMs: 40 });
    expect(a.figures()).toMatchObject({ limit: 4, floor: 2, ceiling: 20, running: 0, probesPerMinute: 0, meanLatencyMs: null });
    a.start();
    await load(a, Date.now() + 600, 20);
    a.stop();
    expect(a.figures()).toMatchObject({ limit: 20, peakLimit: 20, lastDecision: 'grow', meanLatencyMs: 20 });
    expect(a.figures().probesPerMinute).toBeGreaterThan(100);
  });

  it('brings the limit down to the floor while the CPU is saturated, and says why each cut was made', async () => {
    const cuts: LimitCut[] = [];
    const a = new AdaptiveProbeLimit({ ceiling: 20, cpuBusy: () => 0.99, intervalMs: 40, onCut: (c) => cuts.push(c) });
    a.start();
    await load(a, Date.now() + 400, 20);
    a.stop();
    expect(a.figures()).toMatchObject({ limit: 2, lastDecision: 'cpu_saturated' });
    expect(cuts[0]).toMatchObject({ from: 4, to: 3, reason: 'cpu_saturated', cpuBusy: 0.99 });
    expect(cuts.at(-1)).toMatchObject({ to: 2 });
    expect(describeCut(cuts[0]!)).toBe('probe limit cut from 4 to 3 cameras at once: the CPU is saturated (CPU 99% busy, the second interval in a row)');
  });

  it('names a latency climb with the probe time and its normal', () => {
    expect(describeCut({ from: 40, to: 30, reason: 'latency_climb', cpuBusy: 0.62, latencyMs: 4100, baselineMs: 2300 })).toBe(
      'probe limit cut from 40 to 30 cameras at once: probes got slower (median probe 4.10 s against a normal of 2.30 s; CPU 62% busy)',
    );
  });

  it('keeps a ceiling below the floor: a probe limit of 1 means one probe at a time', () => {
    const a = new AdaptiveProbeLimit({ ceiling: 1, cpuBusy: () => 0 });
    expect(a.figures()).toMatchObject({ limit: 1, floor: 1, ceiling: 1 });
  });
});
