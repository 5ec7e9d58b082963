// A camera's confirmed state moves only when `confirmRuns` runs in a row agree, so one bad frame
// does not flap it. Pure: the tracker reads and writes the state around it.
import type { HealthState } from '../../../shared/api/health-views.ts';

export interface HealthStreak {
  state: HealthState;
  /** When the state began: the first run of the streak that confirmed it. */
  since: number | null;
  /** Runs in a row that disagree with `state`, which way, and when the first of them ran. */
  pendingToward: 'abnormal' | 'normal' | null;
  pendingRuns: number;
  pendingSince: number | null;
}

export type HealthChange = 'went_abnormal' | 'recovered' | null;

export const UNKNOWN: HealthStreak = { state: 'unknown', since: null, pendingToward: null, pendingRuns: 0, pendingSince: null };

const settled = (state: HealthState, since: number | null): HealthStreak => ({ state, since, pendingToward: null, pendingRuns: 0, pendingSince: null });

/**
 * The streak after one more run. A camera never judged before takes its first normal run at once
 * (there is nothing to recover from); going abnormal always needs the confirmation.
 */
export function nextStreak(before: HealthStreak, abnormal: boolean, at: number, confirmRuns: number): { streak: HealthStreak; change: HealthChange } {
  const toward = abnormal ? 'abnormal' : 'normal';
  if (before.state === toward) return { streak: settled(before.state, before.since), change: null };
  if (before.state === 'unknown' && !abnormal) return { streak: settled('normal', at), change: null };
  const continuing = before.pendingToward === toward;
  const runs = continuing ? before.pendingRuns + 1 : 1;
  const firstAt = continuing ? (before.pendingSince ?? at) : at;
  if (runs < Math.max(1, confirmRuns)) return { streak: { ...before, pendingToward: toward, pendingRuns: runs, pendingSince: firstAt }, change: null };
  const change: HealthChange = abnormal ? 'went_abnormal' : before.state === 'abnormal' ? 'recovered' : null;
  return { streak: settled(toward, firstAt), change };
}
