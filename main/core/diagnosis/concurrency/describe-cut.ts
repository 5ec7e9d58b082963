// The log line for a cut of the probe limit: what was measured, in words an operator can act on.
import type { LimitCut } from './adaptive-probe-limit.ts';

export function describeCut(cut: LimitCut): string {
  const cpu = `CPU ${Math.round(cut.cpuBusy * 100)}% busy`;
  const latency = cut.latencyMs === undefined ? 'too few probes finished to time' : `median probe ${(cut.latencyMs / 1000).toFixed(2)} s`;
  const baseline = cut.baselineMs === undefined ? '' : ` against a normal of ${(cut.baselineMs / 1000).toFixed(2)} s`;
  const why = cut.reason === 'cpu_saturated' ? `the CPU is saturated (${cpu}, the second interval in a row)` : `probes got slower (${latency}${baseline}; ${cpu})`;
  return `probe limit cut from ${cut.from} to ${cut.to} cameras at once: ${why}`;
}
