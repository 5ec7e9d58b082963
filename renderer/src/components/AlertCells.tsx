// The cells an alert shows wherever it is listed (the Alerts page, a camera's page): its severity,
// its cause in the operator's language, who acknowledged it and when, and when it was resolved.
import { useTranslation } from 'react-i18next';
import type { AlertView } from '../../../shared/api/health-views.ts';
import { localized } from '../format/localized.ts';
import { formatDateTime } from '../format/time.ts';
import { CheckName } from './CheckName.tsx';

const SEVERITY_TONE = { warning: 'status-warning', error: 'status-error', critical: 'status-critical' } as const;

export function AlertSeverity({ alert }: { alert: AlertView }) {
  const { t } = useTranslation();
  return <span className={`badge nowrap ${SEVERITY_TONE[alert.severity]}`}>{t(`alerts.severities.${alert.severity}`)}</span>;
}

export function AlertCause({ alert }: { alert: AlertView }) {
  const { i18n } = useTranslation();
  return (
    <>
      <CheckName type={alert.check} />
      {alert.message && <div className="muted small">{localized(alert.message, i18n.language)}</div>}
    </>
  );
}

export function AlertAcknowledgement({ alert }: { alert: AlertView }) {
  const { t, i18n } = useTranslation();
  if (alert.acknowledgedAt === null) return null;
  return (
    <>
      <div className="nowrap">{t('alerts.acknowledgedBy', { who: alert.acknowledgedBy ?? '', when: formatDateTime(alert.acknowledgedAt, i18n.language) })}</div>
      {alert.note && <div className="muted small">{alert.note}</div>}
    </>
  );
}

export function AlertResolved({ alert }: { alert: AlertView }) {
  const { t, i18n } = useTranslation();
  return <>{alert.resolvedAt === null ? t('common.none') : formatDateTime(alert.resolvedAt, i18n.language)}</>;
}
