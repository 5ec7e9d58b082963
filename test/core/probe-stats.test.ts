import { describe, expect, it } from 'vitest';
import { ProbeStats } from '../../main/core/diagnosis/concurrency/probe-stats.ts';

describe('ProbeStats', () => {
  it('counts the probes of the last minute and averages the latency of those that got a picture', () => {
    const stats = new ProbeStats(60_000);
    stats.record(2000, true, 1_000);
    stats.record(3000, true, 30_000);
    stats.record(9000, false, 40_000);
    expect(stats.figures(50_000)).toEqual({ probesPerMinute: 3, meanLatencyMs: 2500 });
    // The first has left the window.
    expect(stats.figures(61_000)).toEqual({ probesPerMinute: 2, meanLatencyMs: 3000 });
    expect(stats.figures(200_000)).toEqual({ probesPerMinute: 0, meanLatencyMs: null });
  });

  it('gives the mean latency since a moment, for one controller interval', () => {
    const stats = new ProbeStats();
    stats.record(1000, true, 1_000);
    stats.record(2000, true, 5_000);
    stats.record(4000, true, 6_000);
    expect(stats.meanLatencySince(4_000)).toBe(3000);
    expect(stats.meanLatencySince(7_000)).toBeUndefined();
  });
});
