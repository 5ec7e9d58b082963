// One camera's learned normal per check and picture mode, and the operator's reset (after the
// camera was moved or re-aimed). Reset asks once more on the same button.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BaselineEntryView } from '../../../shared/api/views.ts';
import { ALL_CHECKS } from '../../../shared/diagnosis/types.ts';
import { useApi } from '../api/api-context.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { formatDateTime } from '../format/time.ts';
import { CheckName } from './CheckName.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { LoadState } from './LoadState.tsx';

interface Props {
  cameraId: number | string;
  /** Shown in the title when the panel sits among several cameras. */
  cameraName?: string;
  onClose?: () => void;
}

/** Check order as everywhere else, day before night, darker light before brighter. */
function byCheck(a: BaselineEntryView, b: BaselineEntryView): number {
  return ALL_CHECKS.indexOf(a.type) - ALL_CHECKS.indexOf(b.type) || (a.mode === b.mode ? 0 : a.mode === 'day' ? -1 : 1) || (a.light?.low ?? -1) - (b.light?.low ?? -1);
}

export function BaselinePanel({ cameraId, cameraName, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const baseline = useApiQuery('baselines', { cameraId });
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const number = new Intl.NumberFormat(i18n.language, { maximumSignificantDigits: 4 });
  const view = baseline.data;

  const reset = async () => {
    setConfirming(false);
    const result = await api.resetBaseline({ cameraId });
    if (result.ok) setMessage({ text: t('baseline.resetDone', { count: result.value.removed }), error: false });
    else setMessage({ text: t('baseline.resetFailed', { message: result.error.message }), error: true });
    baseline.reload();
  };

  return (
    <section className="panel" data-testid="baseline-panel" data-camera-id={String(cameraId)}>
      <header className="row spread">
        <h2>{cameraName ? t('baseline.titleFor', { name: cameraName }) : t('baseline.title')}</h2>
        <span className="actions">
          <button
            type="button"
            className="danger"
            data-testid="baseline-reset"
            title={t('baseline.resetHint')}
            onClick={() => (confirming ? void reset() : setConfirming(true))}
            onBlur={() => setConfirming(false)}
          >
            {confirming ? t('baseline.confirmReset') : t('baseline.reset')}
          </button>
          {onClose && (
            <button type="button" data-testid="baseline-close" onClick={onClose}>
              {t('baseline.close')}
            </button>
          )}
        </span>
      </header>
      {message &&
        (message.error ? (
          <ErrorNote message={message.text} />
        ) : (
          <p className="note" role="status" data-testid="baseline-message">
            {message.text}
          </p>
        ))}
      {!view ? (
        <LoadState error={baseline.error} onRetry={baseline.reload} />
      ) : (
        <>
          <p className="muted small">{t('baseline.hint', { minRuns: view.minRuns, window: view.window })}</p>
          {view.sceneChangeStreak > 0 && (
            <p className="note note-warning" data-testid="baseline-scene-change">
              {t('baseline.sceneChange', { count: view.sceneChangeStreak })}
            </p>
          )}
          {view.resetAt !== null && <p className="muted small">{t('baseline.resetAt', { time: formatDateTime(view.resetAt, i18n.language) })}</p>}
          {view.entries.length === 0 ? (
            <p className="muted" data-testid="baseline-empty">
              {t('baseline.empty', { minRuns: view.minRuns })}
            </p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('baseline.check')}</th>
                  <th>{t('baseline.mode')}</th>
                  <th>{t('baseline.median')}</th>
                  <th>{t('baseline.spread')}</th>
                  <th>{t('baseline.runs')}</th>
                  <th>{t('baseline.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {[...view.entries].sort(byCheck).map((e) => (
                  <tr key={`${e.type}/${e.mode}/${e.light?.low ?? ''}`} data-testid="baseline-row" data-check={e.type} data-mode={e.mode}>
                    <td>
                      <CheckName type={e.type} />
                    </td>
                    <td>
                      {e.light
                        ? t('baseline.modeInLight', { mode: t(`baseline.modes.${e.mode}`), low: Math.round(e.light.low), high: Math.round(e.light.high) })
                        : t(`baseline.modes.${e.mode}`)}
                    </td>
                    <td className="mono">{number.format(e.median)}</td>
                    <td className="mono">{number.format(e.spread)}</td>
                    <td>{e.ready ? e.runs : <span className="badge">{t('baseline.learning', { runs: e.runs, minRuns: view.minRuns })}</span>}</td>
                    <td className="small">{formatDateTime(e.updatedAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
