// A check's headline measure in words with its unit and limit, e.g. "Frozen: no change in 1.8 s;
// limit 1%". Shares (0..1 of the picture) read as percentages; the rest as the platform measures them.
import type { TFunction } from 'i18next';
import type { ResultView } from '../../../shared/api/views.ts';
import { isCheckType, type CheckType } from '../../../shared/diagnosis/types.ts';

/** Checks whose value and thresholds are a share of the picture (or of its width, for shake). */
const SHARES = new Set<CheckType>(['blue_screen', 'shake', 'freeze', 'occlusion']);

function formatter(type: CheckType, language: string): (n: number) => string {
  if (SHARES.has(type)) {
    const pct = new Intl.NumberFormat(language, { style: 'percent', maximumSignificantDigits: 3 });
    return (n) => pct.format(n);
  }
  const plain = new Intl.NumberFormat(language, { maximumSignificantDigits: 3 });
  return (n) => plain.format(n);
}

function limitText(t: TFunction, thresholds: Record<string, number>, f: (n: number) => string): string {
  const entries = Object.entries(thresholds);
  const min = entries.find(([k]) => k.endsWith('_min'));
  const max = entries.find(([k]) => k.endsWith('_max'));
  if (min && max) return t('measures.band', { min: f(min[1]), max: f(max[1]) });
  if (min) return t('measures.atLeast', { limit: f(min[1]) });
  if (max) return t('measures.atMost', { limit: f(max[1]) });
  const severe = entries.find(([k]) => k.endsWith('_severe_threshold'));
  const warning = entries.find(([k]) => k.endsWith('_threshold') && !k.endsWith('_severe_threshold'));
  if (severe && warning) return t('measures.warnSevere', { warning: f(warning[1]), severe: f(severe[1]) });
  // blue_screen_warning / blue_screen_ratio: the warning and the fault level.
  const warn = entries.find(([k]) => k.endsWith('_warning'));
  const ratio = entries.find(([k]) => k.endsWith('_ratio'));
  if (warn && ratio) return t('measures.warnSevere', { warning: f(warn[1]), severe: f(ratio[1]) });
  const only = entries[0];
  return only ? t('measures.atMost', { limit: f(only[1]) }) : '';
}

/** What a measure is read from: a stored result, or a "Diagnose now" verdict shaped like one. */
export type MeasureSource = Pick<ResultView, 'diagnosis_type' | 'metrics' | 'thresholds'> & { finding: { detail?: string } | null };

/** null when the row has no headline measure to speak of (a check that did not run, not assessed). */
export function measureLine(row: MeasureSource, t: TFunction, language: string): string | null {
  const type = row.diagnosis_type;
  const value = row.metrics.value;
  // A camera that gave no picture has no measure: its finding and the source's words say it all.
  if (!isCheckType(type) || typeof value !== 'number' || row.metrics.not_assessed === 1 || row.finding?.detail !== undefined) return null;
  const f = formatter(type, language);
  if (type === 'freeze') {
    const span = row.metrics.spanSeconds;
    const limit = row.thresholds.freeze_threshold;
    if (typeof span === 'number' && limit !== undefined) {
      const seconds = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(span);
      return value < limit ? t('measures.frozen', { span: seconds, limit: f(limit) }) : t('measures.live', { value: f(value), span: seconds, limit: f(limit) });
    }
  }
  return t('measures.line', { label: t(`measures.label.${type}`), value: f(value), limit: limitText(t, row.thresholds, f) });
}
