// Probes finished over the last minute: how many, and how long the ones that got a picture took.
import { median } from '../../baselines/robust-stats.ts';

export interface ProbeFigures {
  probesPerMinute: number;
  /** Mean wall time of the probes that got a picture; null when none did in the window. */
  meanLatencyMs: number | null;
}

interface Finished {
  at: number;
  ms: number;
  ok: boolean;
}

export class ProbeStats {
  private readonly finished: Finished[] = [];
  private readonly windowMs: number;

  constructor(windowMs = 60_000) {
    this.windowMs = windowMs;
  }

  /** `ok`: the probe got a picture. A camera that is down is quick or slow for reasons of its own. */
  record(ms: number, ok: boolean, at = Date.now()): void {
    this.finished.push({ at, ms, ok });
    this.prune(at);
  }

  figures(now = Date.now()): ProbeFigures {
    this.prune(now);
    return { probesPerMinute: Math.round((this.finished.length * 60_000) / this.windowMs), meanLatencyMs: meanOk(this.finished) };
  }

  /**
   * Median latency of the picture-getting probes finished since `since`, for one controller interval;
   * undefined when fewer than `atLeast` did: one camera that is slow for reasons of its own says
   * nothing about the node.
   */
  medianLatencySince(since: number, atLeast = 3): number | undefined {
    const ms = this.finished.filter((f) => f.ok && f.at >= since).map((f) => f.ms);
    return ms.length < atLeast ? undefined : median(ms);
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.finished.length && this.finished[drop]!.at <= now - this.windowMs) drop++;
    if (drop > 0) this.finished.splice(0, drop);
  }
}

function meanOk(list: readonly Finished[]): number | null {
  let sum = 0;
  let n = 0;
  for (const f of list) {
    if (!f.ok) continue;
    sum += f.ms;
    n++;
  }
  return n === 0 ? null : Math.round(sum / n);
}
