// Alerts: open ones first, then acknowledged (waiting for the camera to recover), then resolved;
// live through the health event, so a new alert shows without a reload.
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertState, AlertView } from '../../../shared/api/health-views.ts';
import { useApiEvent } from '../api/use-api-event.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { AcknowledgeForm } from '../components/AcknowledgeForm.tsx';
import { AlertAcknowledgement, AlertCause, AlertResolved, AlertSeverity } from '../components/AlertCells.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { SnapshotImage } from '../components/SnapshotImage.tsx';
import { formatDateTime } from '../format/time.ts';

const TABS: readonly AlertState[] = ['open', 'acknowledged', 'resolved'];

export function AlertsPage({ onOpenCamera }: { onOpenCamera: (cameraId: number | string) => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<AlertState>('open');
  const alerts = useApiQuery('alerts', { state: tab, limit: 500 });
  const [acking, setAcking] = useState<number | null>(null);
  const [snapshot, setSnapshot] = useState<number | null>(null);
  // The event carries each changed alert whole: it joins or leaves this tab's list without a round trip.
  useApiEvent('health', (e) => {
    if (e.alerts.length === 0 || !alerts.data) return;
    let list = alerts.data;
    for (const { alert } of e.alerts) {
      list = list.filter((a) => a.id !== alert.id);
      if (alert.state === tab) list = [...list, alert];
    }
    alerts.set(list.sort((a, b) => b.id - a.id));
  });

  const acknowledged = (a: AlertView) => {
    setAcking(null);
    alerts.set((alerts.data ?? []).filter((x) => x.id !== a.id || x.state === tab));
    alerts.reload();
  };

  return (
    <div className="page alerts-page">
      <h1>{t('alerts.title')}</h1>
      <div className="alert-tabs" role="tablist">
        {TABS.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={tab === s} className={tab === s ? 'active' : ''} data-testid={`alerts-tab-${s}`} onClick={() => setTab(s)}>
            {t(`alerts.tabs.${s}`)}
          </button>
        ))}
      </div>
      {!alerts.data ? (
        <LoadState error={alerts.error} onRetry={alerts.reload} />
      ) : alerts.data.length === 0 ? (
        <p className="muted" data-testid="alerts-empty">
          {t(`alerts.empty.${tab}`)}
        </p>
      ) : (
        <table className="table alerts-table">
          <thead>
            <tr>
              <th>{t('alerts.columns.severity')}</th>
              <th>{t('alerts.columns.camera')}</th>
              <th>{t('alerts.columns.cause')}</th>
              <th>{t('alerts.columns.opened')}</th>
              <th>{t('alerts.columns.acknowledged')}</th>
              <th>{t('alerts.columns.resolved')}</th>
              <th>{t('alerts.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {alerts.data.map((a) => (
              <Fragment key={a.id}>
                <AlertRow alert={a} onOpenCamera={onOpenCamera} onAcknowledge={() => setAcking(a.id)} onSnapshot={() => setSnapshot(snapshot === a.id ? null : a.id)} />
                {acking === a.id && (
                  <tr>
                    <td colSpan={7}>
                      <AcknowledgeForm alert={a} onDone={acknowledged} onCancel={() => setAcking(null)} />
                    </td>
                  </tr>
                )}
                {snapshot === a.id && a.snapshotResultId !== null && (
                  <tr>
                    <td colSpan={7}>
                      <SnapshotImage resultId={a.snapshotResultId} alt={a.cameraName} testId="alert-snapshot" />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function AlertRow({ alert: a, onOpenCamera, onAcknowledge, onSnapshot }: { alert: AlertView; onOpenCamera: (id: number | string) => void; onAcknowledge: () => void; onSnapshot: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <tr data-testid="alert-row" data-alert={a.id} data-state={a.state}>
      <td className="nowrap">
        <AlertSeverity alert={a} />
      </td>
      <td>
        <button type="button" className="link" data-testid="alert-camera" onClick={() => onOpenCamera(a.cameraId)}>
          {a.cameraName}
        </button>
      </td>
      <td data-testid="alert-cause">
        <AlertCause alert={a} />
      </td>
      <td className="nowrap">{formatDateTime(a.openedAt, i18n.language)}</td>
      <td data-testid="alert-ack">
        <AlertAcknowledgement alert={a} />
      </td>
      <td className="nowrap">
        <AlertResolved alert={a} />
      </td>
      <td className="nowrap">
        {a.state === 'open' && (
          <button type="button" data-testid="alert-acknowledge" onClick={onAcknowledge}>
            {t('alerts.acknowledge')}
          </button>
        )}{' '}
        {a.snapshotResultId !== null && (
          <button type="button" className="link" data-testid="alert-snapshot-toggle" onClick={onSnapshot}>
            {t('alerts.snapshot')}
          </button>
        )}
      </td>
    </tr>
  );
}
