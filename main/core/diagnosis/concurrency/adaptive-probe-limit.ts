// Drives a ProbeLimiter with the AIMD controller: every interval it measures the CPU and the latency of
// the probes that finished, and moves the limit between the floor and the configured ceiling.
import { ProbeLimiter } from '../probe-limiter.ts';
import { DEFAULT_CONCURRENCY_SETTINGS, initialConcurrency, nextConcurrency, type ConcurrencySettings, type ConcurrencyState, type Decision } from './aimd-controller.ts';
import { ProbeStats } from './probe-stats.ts';

export interface ProbeConcurrencyFigures {
  /** Probes allowed at once now. */
  limit: number;
  running: number;
  floor: number;
  ceiling: number;
  /** The highest limit reached since start. */
  peakLimit: number;
  probesPerMinute: number;
  meanLatencyMs: number | null;
  lastDecision: Decision | null;
}

export interface AdaptiveProbeLimitOptions {
  ceiling: number;
  /** Busy share of all cores since the previous call, 0..1. */
  cpuBusy: () => number;
  intervalMs?: number;
  settings?: Partial<Omit<ConcurrencySettings, 'ceiling'>>;
  /** Told when the limit is cut, and why: an operator wondering why the node probes fewer cameras reads it in the log. */
  onCut?: (cut: LimitCut) => void;
}

export interface LimitCut {
  from: number;
  to: number;
  reason: 'cpu_saturated' | 'latency_climb';
  /** What the interval measured: CPU busy share (0..1), and the probes' median latency against the baseline. */
  cpuBusy: number;
  latencyMs?: number;
  baselineMs?: number;
}

/** Three seconds: a probe takes two to three, so each interval sees the last change at work. */
const INTERVAL_MS = 3000;

export class AdaptiveProbeLimit {
  readonly limiter: ProbeLimiter;
  private readonly stats = new ProbeStats();
  private readonly settings: ConcurrencySettings;
  private readonly options: AdaptiveProbeLimitOptions;
  private state: ConcurrencyState;
  private peak: number;
  private lastDecision: Decision | null = null;
  private lastTick = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(options: AdaptiveProbeLimitOptions) {
    this.options = options;
    const ceiling = Math.max(1, options.ceiling);
    const floor = Math.min(ceiling, options.settings?.floor ?? DEFAULT_CONCURRENCY_SETTINGS.floor);
    this.settings = { ...DEFAULT_CONCURRENCY_SETTINGS, ...options.settings, floor, ceiling };
    this.state = initialConcurrency(this.settings);
    this.peak = this.state.limit;
    this.limiter = new ProbeLimiter(this.state.limit);
  }

  start(): void {
    if (this.timer) return;
    this.options.cpuBusy();
    this.lastTick = Date.now();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  record(ms: number, ok: boolean): void {
    this.stats.record(ms, ok);
  }

  figures(): ProbeConcurrencyFigures {
    const f = this.stats.figures();
    return {
      limit: this.limiter.limit,
      running: this.limiter.running,
      floor: this.settings.floor,
      ceiling: this.settings.ceiling,
      peakLimit: this.peak,
      probesPerMinute: f.probesPerMinute,
      meanLatencyMs: f.meanLatencyMs,
      lastDecision: this.lastDecision,
    };
  }

  private tick(): void {
    const now = Date.now();
    const sample = { cpuBusy: this.options.cpuBusy(), latencyMs: this.stats.medianLatencySince(this.lastTick), saturated: this.limiter.takeSaturation() };
    this.lastTick = now;
    const next = nextConcurrency(this.state, sample, this.settings);
    if ((next.decision === 'cpu_saturated' || next.decision === 'latency_climb') && next.state.limit < this.state.limit) {
      this.options.onCut?.({ from: this.state.limit, to: next.state.limit, reason: next.decision, cpuBusy: sample.cpuBusy, latencyMs: sample.latencyMs, baselineMs: this.state.baselineMs });
    }
    this.state = next.state;
    this.lastDecision = next.decision;
    this.peak = Math.max(this.peak, next.state.limit);
    this.limiter.setLimit(next.state.limit);
  }
}
