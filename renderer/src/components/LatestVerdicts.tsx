// A camera's latest verdict per check, worst first: what is wrong with it now, in words.
import { useTranslation } from 'react-i18next';
import type { ResultView } from '../../../shared/api/views.ts';
import { STATUSES } from '../../../shared/diagnosis/types.ts';
import { findingHeadline } from '../format/finding.ts';
import { formatDateTime } from '../format/time.ts';
import { CheckName } from './CheckName.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** The newest row of each check, from rows newest first; worst status first, then newest. */
export function latestPerCheck(rows: readonly ResultView[]): ResultView[] {
  const seen = new Map<string, ResultView>();
  for (const r of rows) if (!seen.has(r.diagnosis_type)) seen.set(r.diagnosis_type, r);
  const rank = (r: ResultView) => STATUSES.indexOf(r.diagnosis_status);
  return [...seen.values()].sort((a, b) => rank(b) - rank(a) || b.created_at - a.created_at);
}

export function LatestVerdicts({ rows, onSelect }: { rows: readonly ResultView[]; onSelect?: (row: ResultView) => void }) {
  const { t, i18n } = useTranslation();
  const latest = latestPerCheck(rows);
  if (latest.length === 0) return <p className="muted">{t('findings.noLatest')}</p>;
  return (
    <table className="table compact" data-testid="latest-verdicts">
      <thead>
        <tr>
          <th>{t('results.type')}</th>
          <th>{t('results.status')}</th>
          <th>{t('findings.column')}</th>
          <th>{t('findings.checkedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {latest.map((r) => (
          <tr key={r.diagnosis_type} data-testid="latest-verdict" data-check={r.diagnosis_type} onClick={onSelect && (() => onSelect(r))}>
            <td className="nowrap">
              <CheckName type={r.diagnosis_type} />
            </td>
            <td>
              <StatusBadge status={r.diagnosis_status} />
            </td>
            <td>{findingHeadline(r, i18n.language)}</td>
            <td className="nowrap small">{formatDateTime(r.created_at, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
