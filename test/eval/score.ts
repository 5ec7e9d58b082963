// Scores the engine's verdicts against what was injected: per check true/false positives and
// negatives, which check fired for which fault, the collateral rows on fault clips and the false
// alarms on healthy ones. A row is an alarm when its status is not normal.
import type { CheckType } from '../../shared/diagnosis/types.ts';
import type { Clip } from './clips.ts';
import { EVAL_CHECKS, type ClipOutcome } from './engine.ts';
import type { Split } from './scenes.ts';

export interface CheckScore {
  check: CheckType;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Of the false positives: on healthy clips, and on clips of another fault (collateral). */
  fpHealthy: number;
  fpCollateral: number;
  precision: number | null;
  recall: number | null;
  recallClear: number | null;
  recallBorderline: number | null;
}

export interface Rate {
  caught: number;
  total: number;
  rate: number | null;
}

export interface Alarm {
  clip: string;
  check: CheckType;
  status: string;
  value: number;
}

export interface SplitScore {
  split: Split | 'all';
  clips: number;
  healthyClips: number;
  faultClips: number;
  /** Healthy clips with at least one alarm, and the alarms on them. */
  healthyClipsWithAlarm: number;
  falseAlarms: number;
  falseAlarmsPerHealthyClip: number;
  falseAlarmsByCheck: Partial<Record<CheckType, number>>;
  /** A fault clip is caught when one of the fault's own checks fires. */
  caughtClear: Rate;
  caughtBorderline: Rate;
  collateralRows: number;
  collateralPerFaultClip: number;
  checks: CheckScore[];
  /** Row: 'healthy' or a fault id; column: check; cell: clips on which that check fired. `clips` per row. */
  confusion: Record<string, { clips: number; fired: Partial<Record<CheckType, number>> }>;
  /** Per fault and strength: clips, caught, and the other checks that fired (count per check). */
  perFault: Record<string, { clips: number; caught: number; collateral: Partial<Record<CheckType, number>> }>;
  healthyAlarms: Alarm[];
  /** Fault clips none of whose own checks fired, with those checks' values. */
  misses: Alarm[];
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? Math.round((a / b) * 1000) / 1000 : null;
}

function bump<K extends string>(record: Partial<Record<K, number>>, key: K): void {
  record[key] = (record[key] ?? 0) + 1;
}

export function scoreSplit(split: Split | 'all', clips: readonly Clip[], outcomes: ReadonlyMap<string, ClipOutcome>): SplitScore {
  const mine = clips.filter((c) => split === 'all' || c.scene.split === split);
  const score: SplitScore = {
    split,
    clips: mine.length,
    healthyClips: 0,
    faultClips: 0,
    healthyClipsWithAlarm: 0,
    falseAlarms: 0,
    falseAlarmsPerHealthyClip: 0,
    falseAlarmsByCheck: {},
    caughtClear: { caught: 0, total: 0, rate: null },
    caughtBorderline: { caught: 0, total: 0, rate: null },
    collateralRows: 0,
    collateralPerFaultClip: 0,
    checks: [],
    confusion: {},
    perFault: {},
    healthyAlarms: [],
    misses: [],
  };
  const counts = new Map(EVAL_CHECKS.map((c) => [c, { tp: 0, fp: 0, fn: 0, tn: 0, fpHealthy: 0, fpCollateral: 0, tpClear: 0, clear: 0, tpBorder: 0, border: 0 }]));
  for (const clip of mine) {
    const outcome = outcomes.get(clip.id);
    if (!outcome) throw new Error(`no outcome for ${clip.id}`);
    const fired = new Set(outcome.checks.filter((r) => r.status !== 'normal').map((r) => r.type));
    const own = new Set<CheckType>(clip.fault?.checks ?? []);
    const row = clip.fault ? clip.fault.id : 'healthy';
    const confusion = (score.confusion[row] ??= { clips: 0, fired: {} });
    confusion.clips++;
    for (const t of fired) bump(confusion.fired, t);
    for (const check of EVAL_CHECKS) {
      const c = counts.get(check)!;
      const on = fired.has(check);
      if (own.has(check)) {
        if (on) c.tp++;
        else c.fn++;
        if (clip.strength === 'clear') {
          c.clear++;
          if (on) c.tpClear++;
        } else {
          c.border++;
          if (on) c.tpBorder++;
        }
      } else if (on) {
        c.fp++;
        if (clip.fault) c.fpCollateral++;
        else c.fpHealthy++;
      } else c.tn++;
    }
    if (!clip.fault) {
      score.healthyClips++;
      if (fired.size > 0) score.healthyClipsWithAlarm++;
      for (const r of outcome.checks) {
        if (r.status === 'normal') continue;
        score.falseAlarms++;
        bump(score.falseAlarmsByCheck, r.type);
        score.healthyAlarms.push({ clip: clip.id, check: r.type, status: r.status, value: r.value });
      }
      continue;
    }
    score.faultClips++;
    const caught = [...own].some((t) => fired.has(t));
    const rate = clip.strength === 'clear' ? score.caughtClear : score.caughtBorderline;
    rate.total++;
    if (caught) rate.caught++;
    else for (const r of outcome.checks) if (own.has(r.type)) score.misses.push({ clip: clip.id, check: r.type, status: r.status, value: r.value });
    const key = `${clip.fault.id}-${clip.strength}`;
    const per = (score.perFault[key] ??= { clips: 0, caught: 0, collateral: {} });
    per.clips++;
    if (caught) per.caught++;
    for (const t of fired) {
      if (own.has(t)) continue;
      score.collateralRows++;
      bump(per.collateral, t);
    }
  }
  for (const rate of [score.caughtClear, score.caughtBorderline]) rate.rate = ratio(rate.caught, rate.total);
  score.falseAlarmsPerHealthyClip = ratio(score.falseAlarms, score.healthyClips) ?? 0;
  score.collateralPerFaultClip = ratio(score.collateralRows, score.faultClips) ?? 0;
  score.checks = EVAL_CHECKS.map((check) => {
    const c = counts.get(check)!;
    return {
      check,
      tp: c.tp,
      fp: c.fp,
      fn: c.fn,
      tn: c.tn,
      fpHealthy: c.fpHealthy,
      fpCollateral: c.fpCollateral,
      precision: ratio(c.tp, c.tp + c.fp),
      recall: ratio(c.tp, c.tp + c.fn),
      recallClear: ratio(c.tpClear, c.clear),
      recallBorderline: ratio(c.tpBorder, c.border),
    };
  });
  return score;
}
