// Which rule decided a result, from the baseline facts in its metrics, in the operator's words.
import { useTranslation } from 'react-i18next';
import type { ResultView } from '../../../shared/api/views.ts';
import { BASELINE_RULES, type BaselineRule } from '../../../shared/diagnosis/baseline-rules.ts';

const isRule = (v: unknown): v is BaselineRule => typeof v === 'string' && (BASELINE_RULES as readonly string[]).includes(v);

export function BaselineNote({ metrics }: { metrics: ResultView['metrics'] }) {
  const { t, i18n } = useTranslation();
  const rule = metrics.baseline_rule;
  if (!isRule(rule)) return null;
  const number = new Intl.NumberFormat(i18n.language, { maximumSignificantDigits: 4 });
  const n = (key: string) => (typeof metrics[key] === 'number' ? number.format(metrics[key]) : '—');
  // A check that gets worse one way has one edge to its normal; brightness has two.
  const edges = typeof metrics.baseline_low === 'number' ? (typeof metrics.baseline_high === 'number' ? 'band' : 'bandFrom') : 'bandUpTo';
  return (
    <p className="note small" data-testid="baseline-note">
      {t('baseline.judged', { rule: t(`baseline.rules.${rule}`, { runs: n('baseline_runs') }) })}
      {typeof metrics.baseline_median === 'number' && (
        <>
          <br />
          {t(`baseline.${edges}`, { low: n('baseline_low'), high: n('baseline_high'), median: n('baseline_median'), spread: n('baseline_spread'), runs: n('baseline_runs') })}
        </>
      )}
    </p>
  );
}
