// Recent log lines at or above a level, with new lines appended as they are written.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogView } from '../../../shared/api/views.ts';
import { useApiEvent } from '../api/use-api-event.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { LoadState } from '../components/LoadState.tsx';
import { formatDateTime } from '../format/time.ts';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];
const LIMIT = 500;

export function LogsPage() {
  const { t, i18n } = useTranslation();
  const [level, setLevel] = useState<Level>('info');
  const logs = useApiQuery('logs', { level, limit: LIMIT });
  const [live, setLive] = useState<{ level: Level; lines: LogView[] }>({ level, lines: [] });
  // Lines that arrived before the last reload are in its answer already.
  const liveLines = live.level === level ? live.lines : [];

  useApiEvent('log', (line) => {
    if (LEVELS.indexOf(line.level) < LEVELS.indexOf(level)) return;
    setLive((old) => ({ level, lines: [...(old.level === level ? old.lines : []), line].slice(-LIMIT) }));
  });

  const lines = [...(logs.data ?? []), ...liveLines].slice(-LIMIT);
  return (
    <div className="page">
      <h1>{t('logs.title')}</h1>
      <div className="toolbar">
        <label>
          {t('logs.level')}{' '}
          <select
            data-testid="logs-level"
            value={level}
            onChange={(e) => {
              setLevel(e.target.value as Level);
              setLive({ level: e.target.value as Level, lines: [] });
            }}
          >
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`levels.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!logs.data ? (
        <LoadState error={logs.error} onRetry={logs.reload} />
      ) : lines.length === 0 ? (
        <p className="muted">{t('logs.empty')}</p>
      ) : (
        <div className="panel log-panel">
          <table className="table compact logs">
            <thead>
              <tr>
                <th>{t('logs.time')}</th>
                <th>{t('logs.level')}</th>
                <th>{t('logs.message')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, i) => (
                <tr key={`${line.time}-${i}`} data-testid="log-row" className={`log-${line.level}`}>
                  <td className="mono nowrap">{formatDateTime(line.time, i18n.language)}</td>
                  <td>
                    <span className={`badge level-${line.level}`}>{t(`levels.${line.level}`)}</span>
                  </td>
                  <td className="mono">{line.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
