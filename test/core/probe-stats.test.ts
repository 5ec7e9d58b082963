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

  it('gives the median latency since a moment, for one controller interval, once enough probes finished', () => {
    const stats = new ProbeStats();
    stats.record(1000, true, 1_000);
    stats.record(2000, true, 5_000);
    stats.record(4000, true, 6_000);
    stats.record(30_000, true, 6_500);
    stats.record(500, false, 6_600);
    // One camera slow for reasons of its own does not move it, and a failed probe does not count.
    expect(stats.medianLatencySince(4_000)).toBe(4000);
    expect(stats.medianLatencySince(5_500)).toBeUndefined();
    expect(stats.medianLatencySince(5_500, 2)).toBe(17_000);
    expect(stats.medianLatencySince(7_000)).toBeUndefined();
  });
});
