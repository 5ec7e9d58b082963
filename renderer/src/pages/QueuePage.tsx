// The local queue: what runs now, what waits for a slot, what just finished, and the broker's backlog.
import { useTranslation } from 'react-i18next';
import { useApiEvent } from '../api/use-api-event.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { LoadState } from '../components/LoadState.tsx';
import { RunningTaskRow } from '../components/RunningTaskRow.tsx';
import { RunStatusBadge } from '../components/RunStatusBadge.tsx';
import { formatDateTime } from '../format/time.ts';
import { useNow } from '../hooks/use-now.ts';

export function QueuePage() {
  const { t, i18n } = useTranslation();
  const queue = useApiQuery('queue', {});
  useApiEvent('queue', queue.set);
  useApiEvent('result', queue.reload);
  const now = useNow(1000, (queue.data?.running.length ?? 0) > 0);
  const q = queue.data;
  if (!q) return <LoadState error={queue.error} onRetry={queue.reload} />;
  const lang = i18n.language;

  return (
    <div className="page">
      <h1>{t('queue.title')}</h1>
      <section className="panel">
        <h2>{t('queue.running')}</h2>
        {q.running.length === 0 ? (
          <p className="muted">{t('queue.noneRunning')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('queue.taskId')}</th>
                <th>{t('queue.cameras')}</th>
                <th>{t('queue.current')}</th>
                <th>{t('queue.elapsed')}</th>
                <th>{t('queue.timeout')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {q.running.map((task) => (
                <RunningTaskRow key={task.runId} task={task} now={now} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="cards two">
        <section className="panel">
          <h2>{t('queue.waiting')}</h2>
          {q.waiting.length === 0 ? (
            <p className="muted">{t('queue.noneWaiting')}</p>
          ) : (
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('queue.taskId')}</th>
                  <th>{t('queue.receivedAt')}</th>
                  <th className="num">{t('queue.priority')}</th>
                </tr>
              </thead>
              <tbody>
                {q.waiting.map((w) => (
                  <tr key={w.runId} data-testid="queue-waiting-row">
                    <td className="mono">{String(w.taskId)}</td>
                    <td>{formatDateTime(w.receivedAt, lang)}</td>
                    <td className="num">{w.priority}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel">
          <h2>{t('queue.brokerQueues')}</h2>
          {q.brokerQueues === null ? (
            <p className="muted">{t('queue.brokerUnknown')}</p>
          ) : (
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('queue.queueName')}</th>
                  <th className="num">{t('queue.messages')}</th>
                  <th className="num">{t('queue.consumers')}</th>
                </tr>
              </thead>
              <tbody>
                {q.brokerQueues.map((b) => (
                  <tr key={b.queue} data-testid="broker-queue-row">
                    <td className="mono">{b.queue}</td>
                    <td className="num">{b.messages}</td>
                    <td className="num">{b.consumers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <section className="panel">
        <h2>{t('queue.recent')}</h2>
        {q.recent.length === 0 ? (
          <p className="muted">{t('queue.noneRecent')}</p>
        ) : (
          <table className="table compact">
            <thead>
              <tr>
                <th>{t('queue.taskId')}</th>
                <th>{t('queue.status')}</th>
                <th className="num">{t('queue.cameras')}</th>
                <th>{t('queue.finishedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {q.recent.map((r) => (
                <tr key={r.runId} data-testid="queue-recent-row">
                  <td className="mono">{String(r.taskId)}</td>
                  <td>
                    <RunStatusBadge status={r.status} />
                  </td>
                  <td className="num">{r.camerasTotal}</td>
                  <td>{formatDateTime(r.finishedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
