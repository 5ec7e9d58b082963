// One camera's alerts on its page, newest first (its unresolved one, if any, is the newest): state,
// severity, cause in the operator's language, when raised, acknowledged and resolved. An open alert
// is acknowledged in place; changes arrive with the health event, without a reload.
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertState, AlertView } from '../../../shared/api/health-views.ts';
import { useApiEvent } from '../api/use-api-event.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { formatDateTime } from '../format/time.ts';
import { AcknowledgeForm } from './AcknowledgeForm.tsx';
import { AlertAcknowledgement, AlertCause, AlertResolved, AlertSeverity } from './AlertCells.tsx';
import { LoadState } from './LoadState.tsx';

/** Enough history for a shift's handover; older ones are on the Alerts page. */
const RECENT_ALERTS = 20;
const STATE_TONE: Record<AlertState, string> = { open: 'status-critical', acknowledged: 'status-warning', resolved: 'status-normal' };

function merged(list: readonly AlertView[], changed: readonly AlertView[]): AlertView[] {
  const byId = new Map(list.map((a) => [a.id, a]));
  for (const a of changed) byId.set(a.id, a);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, RECENT_ALERTS);
}

export function CameraAlerts({ cameraId }: { cameraId: number | string }) {
  const { t, i18n } = useTranslation();
  const alerts = useApiQuery('alerts', { cameraId, limit: RECENT_ALERTS });
  const [acking, setAcking] = useState<number | null>(null);
  useApiEvent('health', (e) => {
    const mine = e.alerts.map((c) => c.alert).filter((a) => String(a.cameraId) === String(cameraId));
    if (mine.length > 0 && alerts.data) alerts.set(merged(alerts.data, mine));
  });

  if (!alerts.data) return <LoadState error={alerts.error} onRetry={alerts.reload} />;
  if (alerts.data.length === 0) {
    return (
      <p className="muted" data-testid="camera-alerts-empty">
        {t('camera.noAlerts')}
      </p>
    );
  }
  const data = alerts.data;
  return (
    <table className="table" data-testid="camera-alerts">
      <thead>
        <tr>
          <th>{t('alerts.columns.state')}</th>
          <th>{t('alerts.columns.severity')}</th>
          <th>{t('alerts.columns.cause')}</th>
          <th>{t('alerts.columns.opened')}</th>
          <th>{t('alerts.columns.acknowledged')}</th>
          <th>{t('alerts.columns.resolved')}</th>
          <th>{t('alerts.columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {data.map((a) => (
          <Fragment key={a.id}>
            <tr data-testid="camera-alert" data-alert={a.id} data-state={a.state}>
              <td className="nowrap">
                <span className={`badge nowrap ${STATE_TONE[a.state]}`}>{t(`alerts.tabs.${a.state}`)}</span>
              </td>
              <td className="nowrap">
                <AlertSeverity alert={a} />
              </td>
              <td data-testid="camera-alert-cause">
                <AlertCause alert={a} />
              </td>
              <td className="nowrap">{formatDateTime(a.openedAt, i18n.language)}</td>
              <td>
                <AlertAcknowledgement alert={a} />
              </td>
              <td className="nowrap">
                <AlertResolved alert={a} />
              </td>
              <td className="nowrap">
                {a.state === 'open' && (
                  <button type="button" data-testid="camera-alert-acknowledge" onClick={() => setAcking(a.id)}>
                    {t('alerts.acknowledge')}
                  </button>
                )}
              </td>
            </tr>
            {acking === a.id && (
              <tr>
                <td colSpan={7}>
                  <AcknowledgeForm
                    alert={a}
                    onDone={(done) => {
                      setAcking(null);
                      alerts.set(merged(data, [done]));
                    }}
                    onCancel={() => setAcking(null)}
                  />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
