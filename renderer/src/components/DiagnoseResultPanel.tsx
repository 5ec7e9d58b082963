// The outcome of an on-demand diagnosis, live: a ticking "diagnosing" line, then each check's verdict.
import { useTranslation } from 'react-i18next';
import type { DiagnoseNowView } from '../../../shared/api/views.ts';
import { measureLine, type MeasureSource } from '../format/measure.ts';
import type { DiagnosisState } from '../hooks/use-diagnose-now.ts';
import { useNow } from '../hooks/use-now.ts';
import type { UiLanguage } from '../i18n/language.ts';
import { CheckName } from './CheckName.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { StatusBadge } from './StatusBadge.tsx';

export function DiagnoseResultPanel({ state }: { state: DiagnosisState }) {
  const { t, i18n } = useTranslation();
  const now = useNow(500, state.phase === 'running');
  if (state.phase === 'idle') return null;
  const language = i18n.language as UiLanguage;
  return (
    <section className="panel diagnose-result" data-testid="diagnose-result" data-phase={state.phase} aria-live="polite">
      {state.phase === 'running' && (
        <p className="running">{t('diagnose.running', { name: state.label, seconds: Math.max(0, Math.floor((now - state.startedAt) / 1000)) })}</p>
      )}
      {state.phase === 'failed' && <ErrorNote message={t('diagnose.failed', { reason: state.error.message })} />}
      {state.phase === 'done' && (
        <>
          <h3>{t('diagnose.title', { name: state.view.cameraName })}</h3>
          {!state.view.ok && (
            <>
              {/* The classified reason in the operator's language; the source's own words beneath it. */}
              <ErrorNote message={t('diagnose.failed', { reason: state.view.results[0]?.message[language] ?? '' })} />
              {state.view.failure && (
                <p className="small source-said" data-testid="diagnose-source-said">
                  <span className="muted">{t('findings.sourceSaid')}: </span>
                  <span className="mono">{state.view.failure}</span>
                </p>
              )}
            </>
          )}
          <div className="diagnose-body">
            {state.view.snapshot && <img className="snapshot" src={state.view.snapshot} alt={t('diagnose.snapshot')} />}
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('diagnose.type')}</th>
                  <th>{t('diagnose.status')}</th>
                  <th className="num">{t('diagnose.score')}</th>
                  <th>{t('diagnose.message')}</th>
                  <th>{t('findings.measured')}</th>
                </tr>
              </thead>
              <tbody>
                {state.view.results.map((r) => (
                  <tr key={r.type}>
                    <td>
                      <CheckName type={r.type} />
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="num">{Math.round(r.score)}</td>
                    <td>{r.message[language]}</td>
                    <td className="small">{measureLine(measureSource(r), t, language) ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">{t('diagnose.total', { seconds: (state.view.totalMs / 1000).toFixed(1) })}</p>
        </>
      )}
    </section>
  );
}

/** A verdict of "Diagnose now" read as a stored result is (its value and thresholds, and whether the camera gave no picture). */
function measureSource(r: DiagnoseNowView['results'][number]): MeasureSource {
  return { diagnosis_type: r.type, metrics: r.value === null ? {} : { value: r.value }, thresholds: r.threshold, finding: r.detail === null ? null : { detail: r.detail } };
}
