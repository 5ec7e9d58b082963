// One result in full: its snapshot, and the measured value against each threshold the check used.
import { useTranslation } from 'react-i18next';
import type { ResultView } from '../../../shared/api/views.ts';
import { formatDateTime } from '../format/time.ts';
import { BaselineNote } from './BaselineNote.tsx';
import { CheckName } from './CheckName.tsx';
import { SnapshotImage } from './SnapshotImage.tsx';
import { StatusBadge } from './StatusBadge.tsx';

export function ResultDetail({ row, onClose, onOpenCamera }: { row: ResultView; onClose: () => void; onOpenCamera: (cameraId: number | string) => void }) {
  const { t, i18n } = useTranslation();
  const value = row.metrics.value;
  const otherMetrics = Object.entries(row.metrics).filter(([k]) => k !== 'value');
  return (
    <aside className="panel detail" data-testid="result-detail" aria-label={t('detail.title', { id: row.id })}>
      <header className="detail-head">
        <h2>{t('detail.title', { id: row.id })}</h2>
        <button type="button" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      <p>
        <strong>{row.camera_name}</strong> · <CheckName type={row.diagnosis_type} /> · <StatusBadge status={row.diagnosis_status} /> · {Math.round(row.score)}
      </p>
      <p className="muted small">{formatDateTime(row.created_at, i18n.language)}</p>
      {row.has_snapshot ? <SnapshotImage key={row.id} resultId={row.id} alt={t('detail.snapshot')} testId="result-snapshot" /> : <p className="muted">{t('detail.noSnapshot')}</p>}
      <table className="table compact" data-testid="result-thresholds">
        <thead>
          <tr>
            <th>{t('detail.key')}</th>
            <th className="num">{t('detail.threshold')}</th>
            <th className="num">{t('detail.value')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(row.thresholds).map(([key, limit]) => (
            <tr key={key}>
              <td className="mono">{key}</td>
              <td className="num">{limit}</td>
              <td className="num">{value === undefined ? '—' : String(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <BaselineNote metrics={row.metrics} />
      {otherMetrics.length > 0 && (
        <>
          <h3>{t('detail.metrics')}</h3>
          <dl className="facts small">
            {otherMetrics.map(([k, v]) => (
              <div key={k} className="fact">
                <dt className="mono">{k}</dt>
                <dd>{String(v)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {row.error_message && (
        <p className="note note-error">
          {t('detail.error')}: {row.error_message}
        </p>
      )}
      {row.suggestions.length > 0 && (
        <>
          <h3>{t('detail.suggestions')}</h3>
          <ul>
            {row.suggestions.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">
        {t('detail.processingTime')}: {row.processing_time} ms
      </p>
      {row.camera_id !== null && (
        <button type="button" onClick={() => row.camera_id !== null && onOpenCamera(row.camera_id)}>
          {t('detail.openCamera')}
        </button>
      )}
    </aside>
  );
}
