// How many cameras to probe at once, decided from what the last interval measured: additive increase
// while the CPU has room and probe latency holds, multiplicative decrease when the CPU saturates or
// latency climbs. Until the first sign of overload it grows faster (slow start), so a freshly started
// node finds its level within a few intervals. Pure: the caller measures, this only decides.
//
// Both overload signs are read so that noise does not pass for overload (measured with the throughput
// bench: one hot interval or one slow camera cut the limit four times a run, a quarter each time, and the
// additive climb back cost a fifth of the checks): the CPU must be saturated for two intervals in a row,
// and the latency is the median of the interval's probes, not their mean.
//
// A cut shows only once the probes in flight end (a probe lasts about one interval), so a CPU cut after it
// needs two new hot intervals; and once the CPU is below saturation again the limit climbs back to where
// a CPU cut came from, one slot an interval, even where it would otherwise hold. Without both, a burst of hot
// intervals in the slow start cut the limit three times in a row (32, 29, 26, 23) and the run stayed
// there, at the same CPU, with a sixth fewer checks than the runs that reached 40 (throughput bench).

export interface ConcurrencySettings {
  /** Never below this many probes at once. */
  floor: number;
  /** Never above this (the configured probe limit). */
  ceiling: number;
  /** Busy share of all cores (0..1) below which there is room to grow. */
  cpuRoom: number;
  /** Busy share at or above which the node is saturated and backs off (the second such interval in a row). */
  cpuSaturated: number;
  /**
   * Median probe latency above baseline x this is a climb. A probe mostly waits on its stream (a keyframe,
   * then the window), so a node near full use shows some rise anyway: 2.4 s alone, 3.5-4 s at 30 probes
   * on 2 cores (throughput bench); only twice the baseline says the node is past its best.
   */
  latencyRise: number;
  /** ...and only when it is also this many ms above the baseline (short probes jitter by more than 50%). */
  latencyMarginMs: number;
  /** The limit is multiplied by this when probes got slower: the node is past its best. */
  decrease: number;
  /**
   * ...and by this when the CPU is saturated while probes keep their pace: the node is at capacity, where
   * it does the most checks, so it steps back a little instead of a quarter (measured: a cut from 32 to 24
   * and the climb back at one probe per interval cost a fifth of a run's checks).
   */
  cpuDecrease: number;
  /** Weight of a new interval in the latency baseline (0..1). */
  baselineWeight: number;
}

export const DEFAULT_CONCURRENCY_SETTINGS: Omit<ConcurrencySettings, 'ceiling'> = {
  floor: 2,
  cpuRoom: 0.85,
  cpuSaturated: 0.95,
  latencyRise: 2,
  latencyMarginMs: 1000,
  decrease: 0.75,
  cpuDecrease: 0.9,
  baselineWeight: 0.1,
};

export interface ConcurrencyState {
  limit: number;
  /** The probe latency that counts as normal, learned from the intervals; undefined before the first. */
  baselineMs?: number;
  /** True until the first overload: the limit doubles instead of growing by one. */
  slowStart: boolean;
  /** The previous interval found the CPU saturated (and no cut followed it). */
  cpuHot?: boolean;
  /** After CPU cuts: the level the first of them was cut from, to climb back to while the CPU is below saturation. */
  restoreTo?: number;
}

/** What one interval measured. */
export interface IntervalSample {
  /** Busy share of all cores over the interval, 0..1. */
  cpuBusy: number;
  /** Median latency of the probes that got a picture in the interval; undefined when too few finished to say. */
  latencyMs?: number;
  /** Whether a probe waited for a slot, or the limit was fully used: more concurrency could be used. */
  saturated: boolean;
}

export type Decision = 'grow' | 'restore' | 'hold' | 'idle' | 'cpu_saturated' | 'latency_climb';

export function initialConcurrency(settings: ConcurrencySettings): ConcurrencyState {
  return { limit: clamp(settings.floor * 2, settings), slowStart: true };
}

function clamp(n: number, s: ConcurrencySettings): number {
  return Math.max(s.floor, Math.min(s.ceiling, Math.round(n)));
}

function nextBaseline(baseline: number | undefined, latency: number | undefined, weight: number): number | undefined {
  if (latency === undefined) return baseline;
  if (baseline === undefined) return latency;
  // Down at once (a faster normal is proof), up slowly: a lasting change of the camera mix becomes
  // the new normal after a few intervals instead of pinning the limit at the floor.
  return Math.min(latency, baseline + weight * (latency - baseline));
}

export function nextConcurrency(state: ConcurrencyState, sample: IntervalSample, settings: ConcurrencySettings): { state: ConcurrencyState; decision: Decision } {
  const latency = sample.latencyMs;
  const baseline = state.baselineMs;
  const climbed = latency !== undefined && baseline !== undefined && latency > baseline * settings.latencyRise && latency - baseline > settings.latencyMarginMs;
  const baselineMs = nextBaseline(baseline, latency, settings.baselineWeight);
  const hot = sample.cpuBusy >= settings.cpuSaturated;
  if (climbed) {
    // Past its best: no climb back to where it was. The CPU, too, shows the cut only an interval later.
    const limit = clamp(Math.min(state.limit - 1, state.limit * settings.decrease), settings);
    return { state: { limit, baselineMs, slowStart: false, cpuHot: limit === state.limit && hot }, decision: 'latency_climb' };
  }
  if (hot && state.cpuHot) {
    const limit = clamp(Math.min(state.limit - 1, state.limit * settings.cpuDecrease), settings);
    // Back to where the first of a run of cuts came from; a limit at the floor has no cut to wait for.
    const cut = limit < state.limit ? { cpuHot: false, restoreTo: Math.max(state.restoreTo ?? 0, state.limit) } : { cpuHot: true };
    return { state: { limit, baselineMs, slowStart: false, ...cut }, decision: 'cpu_saturated' };
  }
  const kept = { ...state, limit: clamp(state.limit, settings), baselineMs, cpuHot: hot };
  if (kept.restoreTo !== undefined && kept.limit >= kept.restoreTo) delete kept.restoreTo;
  if (!sample.saturated) return { state: kept, decision: 'idle' };
  if (sample.cpuBusy >= settings.cpuRoom) {
    if (kept.restoreTo === undefined || hot) return { state: kept, decision: 'hold' };
    return { state: { ...kept, limit: clamp(kept.limit + 1, settings) }, decision: 'restore' };
  }
  const grown = state.slowStart ? state.limit * 2 : state.limit + 1;
  return { state: { ...kept, limit: clamp(grown, settings) }, decision: 'grow' };
}
