// One problem, one row: when a dominant fault (see causes.ts) is found on a camera, the checks it
// explains are reported as normal and "not assessed: <cause>", so the operator sees the cause and
// not a cascade of consequences. A check asked for alone is answered on its own.
import { isSevere, type CheckResult, type CheckType, type LocalizedText } from '../../../../shared/diagnosis/types.ts';
import { CAUSES, type Cause } from './causes.ts';
import type { LumaLevels } from './luma-levels.ts';
import { isNotAssessed, notAssessed } from './not-assessed.ts';

function isFinding(result: CheckResult): boolean {
  return result.error === undefined && result.status !== 'normal' && !isNotAssessed(result);
}

/** A graded cause only a warning explains no severe finding: a picture only just too dark does not make a critical grain. */
function withinReach(cause: Cause, result: CheckResult, results: readonly CheckResult[]): boolean {
  if (!cause.graded || isSevere(result)) return true;
  const implied = new Set(cause.implies.flatMap((i) => i.checks));
  return !results.some((r) => r !== result && implied.has(r.type) && isFinding(r) && isSevere(r));
}

/** The first cause in priority order that the results show, with the result that shows it. */
export function dominantCause(results: readonly CheckResult[], levels: () => LumaLevels): { cause: Cause; result: CheckResult } | undefined {
  for (const cause of CAUSES) {
    const result = results.find((r) => r.type === cause.check && isFinding(r));
    if (result && (!cause.holds || cause.holds(result, { levels, results })) && withinReach(cause, result, results)) return { cause, result };
  }
  return undefined;
}

/** `levels` is only asked for when a cause depends on how dark or bright the whole picture is. */
export function oneCausePerCamera(results: readonly CheckResult[], levels: () => LumaLevels): CheckResult[] {
  if (results.length < 2) return [...results];
  const found = dominantCause(results, levels);
  if (!found) return [...results];
  const reasons = new Map<CheckType, LocalizedText>();
  for (const { checks, reason } of found.cause.implies) for (const c of checks) reasons.set(c, reason);
  return results.map((r) => {
    // The cause's own row says so, so a later step (baselines) does not clear it under its consequences.
    if (r === found.result) return { ...r, metrics: { ...r.metrics, dominant_cause: 1 } };
    const reason = reasons.get(r.type);
    if (!reason || r.error !== undefined || isNotAssessed(r)) return r;
    return notAssessed(r, found.cause, reason);
  });
}
