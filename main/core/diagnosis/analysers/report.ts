// How a measurement is reported: the operator message (the fault text from the warning threshold
// on) and metric values rounded for the result table.
import type { LocalizedText } from '../../../../shared/diagnosis/types.ts';
import type { Measurement } from './analyser.ts';

export function verdict(severity: number, normal: LocalizedText, fault: LocalizedText): LocalizedText {
  return severity >= 1 ? fault : normal;
}

/** Rounds a metric for reports (4 decimals are plenty for thresholds of this kind). */
export function round(value: number, decimals = 4): number {
  const k = 10 ** decimals;
  return Math.round(value * k) / k;
}

/** A window check given a single frame: nothing to compare, so never a false alarm. */
export function singleFrame(frames: number, value: number, message: LocalizedText): Measurement {
  return { severity: 0, value, metrics: { frames }, message };
}
