// Worker health at a glance: the switch, the broker, today's work and the machine's load.
import { useTranslation } from 'react-i18next';
import { useApiEvent } from '../api/use-api-event.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { BrokerBadge } from '../components/BrokerBadge.tsx';
import { FirstRunPanel } from '../components/FirstRunPanel.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { Stat } from '../components/Stat.tsx';
import { WarningList } from '../components/WarningList.tsx';
import { WorkerToggle } from '../components/WorkerToggle.tsx';
import { formatDuration } from '../format/duration.ts';
import { formatDateTime } from '../format/time.ts';
import type { PageName } from '../route.ts';

/** `sample` shows the first-run panel (with its sample diagnosis) whatever the node's state. */
export function OverviewPage({ onNavigate, sample = false }: { onNavigate: (page: PageName) => void; sample?: boolean }) {
  const { t, i18n } = useTranslation();
  const status = useApiQuery('status', {});
  const cameras = useApiQuery('cameras', {});
  useApiEvent('status', status.set);

  const s = status.data;
  if (!s) return <LoadState error={status.error} onRetry={status.reload} />;
  const firstRun = sample || s.firstRun || (s.broker !== 'connected' && cameras.data !== null && cameras.data.length === 0);
  const lang = i18n.language;
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const disk = s.diskLow ? [t('overview.diskLow', { free: mb(s.diskLow.freeBytes), floor: mb(s.diskLow.floorBytes), path: s.diskLow.path })] : [];
  const r = s.storeRecovery;
  const recovered = r ? [t('overview.storeRecovery', { at: formatDateTime(r.at, lang), results: r.unsentResults, cameras: r.cameras, settings: r.settings, movedTo: r.movedTo })] : [];
  const queues = s.topologyWarnings.map((w) => t(`queueWarnings.${w.kind}`, { queue: w.queue, detail: w.detail }));
  const warnings = [...recovered, ...disk, ...queues, ...(s.secretStorageWarning ? [s.secretStorageWarning] : [])];

  return (
    <div className="page">
      <h1>{t('overview.title')}</h1>
      <WarningList warnings={warnings} />
      {firstRun && <FirstRunPanel onNavigate={onNavigate} />}
      <div className="cards">
        <section className="panel">
          <h2>{t('overview.worker')}</h2>
          <WorkerToggle status={s} onChange={status.set} />
          <div className="stats">
            <Stat label={t('overview.slots')} testId="slots">
              {t('overview.slotsValue', { used: s.runningTasks, max: s.maxTasks })}
            </Stat>
            <Stat label={t('overview.outbox')} testId="outbox">
              {s.outboxBacklog}
            </Stat>
          </div>
        </section>
        <section className="panel">
          <h2>
            {t('overview.broker')} <BrokerBadge state={s.broker} detail={s.brokerDetail} />
          </h2>
          {s.brokerDetail && <p className="muted small">{s.brokerDetail}</p>}
          <dl className="facts">
            <dt>{t('overview.host')}</dt>
            <dd data-testid="broker-host">{s.brokerEndpoint?.host ?? '—'}</dd>
            <dt>{t('overview.vhost')}</dt>
            <dd>{s.brokerEndpoint?.vhost ?? '—'}</dd>
            <dt>{t('overview.user')}</dt>
            <dd>{s.brokerEndpoint?.user ?? '—'}</dd>
            <dt>{t('overview.connectedSince')}</dt>
            <dd>{formatDateTime(s.connectedSince, lang)}</dd>
            <dt>{t('overview.lastHeartbeat')}</dt>
            <dd>{formatDateTime(s.lastHeartbeat, lang)}</dd>
          </dl>
        </section>
        <section className="panel">
          <h2>{t('overview.today')}</h2>
          <div className="stats">
            <Stat label={t('overview.done')} testId="today-done">
              {s.today.done}
            </Stat>
            <Stat label={t('overview.failed')} testId="today-failed">
              {s.today.failed}
            </Stat>
            <Stat label={t('overview.timedOut')} testId="today-timed-out">
              {s.today.timedOut}
            </Stat>
            <Stat label={t('overview.parked')}>{s.today.parked}</Stat>
          </div>
        </section>
        <section className="panel">
          <h2>{t('probes.title')}</h2>
          <div className="stats">
            <Stat label={t('probes.concurrency')} testId="probe-concurrency">
              {t('probes.concurrencyValue', { running: s.probes.running, limit: s.probes.concurrency, ceiling: s.probes.ceiling })}
            </Stat>
            <Stat label={t('probes.perMinute')} testId="probes-per-minute">
              {s.probes.perMinute}
            </Stat>
            <Stat label={t('probes.latency')} testId="probe-latency">
              {s.probes.meanLatencyMs === null ? '—' : t('probes.latencyValue', { seconds: (s.probes.meanLatencyMs / 1000).toFixed(2) })}
            </Stat>
          </div>
          <p className="muted small">{t('probes.adaptHint')}</p>
        </section>
        <section className="panel">
          <h2>{t('app.worker', { id: s.workerId })}</h2>
          <div className="stats">
            <Stat label={t('overview.cpu')}>{Math.round(s.cpuPercent)}%</Stat>
            <Stat label={t('overview.memory')}>{Math.round(s.memoryPercent)}%</Stat>
            <Stat label={t('overview.uptime')}>{formatDuration(s.uptimeS)}</Stat>
            <Stat label={t('overview.version')}>{s.version}</Stat>
          </div>
        </section>
      </div>
    </div>
  );
}
