// The evaluation as plain text: headline figures, per-check counts, the confusion table, the
// collateral alarms per fault, and every false alarm and miss by clip.
import type { CheckType } from '../../shared/diagnosis/types.ts';
import { table } from '../bench/table.ts';
import { EVAL_CHECKS } from './engine.ts';
import type { Rate, SplitScore } from './score.ts';

const SHORT: Record<CheckType, string> = {
  brightness: 'brig',
  blue_screen: 'blue',
  clarity: 'clar',
  shake: 'shak',
  freeze: 'frz',
  color_cast: 'cast',
  occlusion: 'occl',
  noise: 'nois',
  contrast: 'cont',
  mosaic: 'mosa',
  flower_screen: 'flow',
  signal_loss: 'sig',
  lens_dirty: 'lens',
  focus_blur: 'focu',
  scene_change: 'scen',
  stripe: 'strp',
};

function pct(v: number | null): string {
  return v === null ? '-' : `${(v * 100).toFixed(1)}%`;
}

function rate(r: Rate): string {
  return `${r.caught}/${r.total} (${pct(r.rate)})`;
}

function counts(record: Partial<Record<CheckType, number>>): string {
  const parts = Object.entries(record).map(([k, n]) => `${k} ${n}`);
  return parts.length > 0 ? parts.join(', ') : '-';
}

/** `judged` says how the clips were judged (first run, with history). */
export function renderSplit(s: SplitScore, judged: string): string {
  const lines = [
    `== ${s.split.toUpperCase()}, ${judged}: ${s.clips} clips (${s.healthyClips} healthy, ${s.faultClips} with a fault)`,
    `healthy clips with an alarm: ${s.healthyClipsWithAlarm}/${s.healthyClips}; false alarms: ${s.falseAlarms} (${s.falseAlarmsPerHealthyClip} per healthy clip): ${counts(s.falseAlarmsByCheck)}`,
    `faults caught by their own check: clear ${rate(s.caughtClear)}, borderline ${rate(s.caughtBorderline)}`,
    `collateral abnormal rows on fault clips: ${s.collateralRows} (${s.collateralPerFaultClip} per fault clip)`,
    '',
    table(
      ['check', 'TP', 'FP', 'FN', 'TN', 'FP healthy', 'FP collateral', 'precision', 'recall', 'recall clear', 'recall borderline'],
      s.checks
        .filter((c) => c.tp + c.fp + c.fn > 0)
        .map((c) => [c.check, String(c.tp), String(c.fp), String(c.fn), String(c.tn), String(c.fpHealthy), String(c.fpCollateral), pct(c.precision), pct(c.recall), pct(c.recallClear), pct(c.recallBorderline)]),
    ),
    '',
    'confusion: clips on which each check fired, by injected fault',
    table(
      ['fault', 'clips', ...EVAL_CHECKS.map((c) => SHORT[c])],
      Object.entries(s.confusion).map(([fault, row]) => [fault, String(row.clips), ...EVAL_CHECKS.map((c) => (row.fired[c] ? String(row.fired[c]) : '.'))]),
    ),
    '',
    table(
      ['fault', 'clips', 'caught', 'collateral rows', 'collateral checks'],
      Object.entries(s.perFault).map(([fault, f]) => {
        const rows = Object.values(f.collateral).reduce((a, b) => a + b, 0);
        return [fault, String(f.clips), String(f.caught), String(rows), counts(f.collateral)];
      }),
    ),
  ];
  if (s.healthyAlarms.length > 0) {
    lines.push('', 'false alarms on healthy clips:', ...s.healthyAlarms.map((a) => `  ${a.clip}: ${a.check} ${a.status} value ${a.value}`));
  }
  if (s.misses.length > 0) {
    lines.push('', 'missed faults (own checks and their values):', ...s.misses.map((a) => `  ${a.clip}: ${a.check} ${a.status} value ${a.value}`));
  }
  return lines.join('\n');
}
