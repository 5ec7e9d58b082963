// One result in full, in words: what was found, the measure against its limit with units, what to
// do, and the snapshot; the raw thresholds and measures are folded under "Details".
import { useTranslation } from 'react-i18next';
import type { ResultView } from '../../../shared/api/views.ts';
import { isCheckType } from '../../../shared/diagnosis/types.ts';
import { findingDetail, findingHeadline, findingSuggestions } from '../format/finding.ts';
import { measureLine } from '../format/measure.ts';
import { formatDateTime } from '../format/time.ts';
import { BaselineNote } from './BaselineNote.tsx';
import { SnapshotImage } from './SnapshotImage.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** Without `onOpenCamera` (on the camera's own page) there is no link to the camera's history. */
export function ResultDetail({ row, onClose, onOpenCamera }: { row: ResultView; onClose: () => void; onOpenCamera?: (cameraId: number | string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const check = isCheckType(row.diagnosis_type) ? t(`checks.${row.diagnosis_type}`) : row.diagnosis_type;
  const title = t('findings.title', { check, camera: row.camera_name || String(row.camera_id ?? '') });
  const headline = findingHeadline(row, lang);
  const detail = findingDetail(row);
  const measure = measureLine(row, t, lang);
  const suggestions = findingSuggestions(row, lang);
  const metrics = Object.entries(row.metrics).filter(([k]) => k !== 'message');
  return (
    <aside className="panel detail" data-testid="result-detail" aria-label={title}>
      <header className="detail-head">
        <h2>{title}</h2>
        <button type="button" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      <p className="row">
        <StatusBadge status={row.diagnosis_status} />
        <span className="muted small">
          {formatDateTime(row.created_at, lang)} · {row.task_id === null ? t('findings.manual') : `${t('findings.task')} ${String(row.task_id)}`}
        </span>
      </p>
      <p className={`finding finding-${row.diagnosis_status}`} data-testid="result-finding-text">
        {headline}
      </p>
      {detail !== null && (
        <p className="small source-said" data-testid="result-source-said">
          <span className="muted">{t('findings.sourceSaid')}: </span>
          <span className="mono">{detail}</span>
        </p>
      )}
      {measure !== null && (
        <p data-testid="result-measure">
          <span className="muted">{t('findings.measured')}: </span>
          {measure}
        </p>
      )}
      <BaselineNote metrics={row.metrics} />
      {suggestions.length > 0 && (
        <>
          <h3>{t('detail.suggestions')}</h3>
          <ul data-testid="result-suggestions">
            {suggestions.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
      {row.has_snapshot ? <SnapshotImage key={row.id} resultId={row.id} alt={t('detail.snapshot')} testId="result-snapshot" /> : <p className="muted">{t('detail.noSnapshot')}</p>}
      <details data-testid="result-raw">
        <summary>{t('findings.details')}</summary>
        <table className="table compact" data-testid="result-thresholds">
          <thead>
            <tr>
              <th>{t('detail.key')}</th>
              <th className="num">{t('detail.threshold')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(row.thresholds).map(([key, limit]) => (
              <tr key={key}>
                <td className="mono">{key}</td>
                <td className="num">{limit}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {metrics.length > 0 && (
          <>
            <h3>{t('detail.metrics')}</h3>
            <dl className="facts small">
              {metrics.map(([k, v]) => (
                <div key={k} className="fact">
                  <dt className="mono">{k}</dt>
                  <dd>{String(v)}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
        <p className="muted small">
          {t('detail.processingTime')}: {row.processing_time} ms · {t('findings.run')} <span className="mono">{row.run_id}</span> · #{row.id}
        </p>
      </details>
      {row.camera_id !== null && onOpenCamera && (
        <button type="button" onClick={() => row.camera_id !== null && onOpenCamera(row.camera_id)}>
          {t('detail.openCamera')}
        </button>
      )}
    </aside>
  );
}
