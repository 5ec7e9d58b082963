// One running task: progress over its cameras, time against its limit, and the hand-back button.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunningTaskView } from '../../../shared/api/views.ts';
import { useApi } from '../api/api-context.ts';
import { formatDuration } from '../format/duration.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { ProgressBar } from './ProgressBar.tsx';

export function RunningTaskRow({ task, now }: { task: RunningTaskView; now: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const [stopping, setStopping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const elapsedMs = Math.max(0, now - task.startedAt);
  const stop = async () => {
    setStopping(true);
    setError(null);
    const result = await api.stopTask({ runId: task.runId });
    if (!result.ok) {
      setStopping(false);
      setError(t('queue.stopFailed', { message: result.error.message }));
    }
  };
  return (
    <tr data-testid="queue-running-row" data-run-id={task.runId}>
      <td className="mono">{String(task.taskId)}</td>
      <td>{t('queue.camerasValue', { done: task.camerasDone, total: task.camerasTotal })}</td>
      <td className="small">{task.currentCameras.join(', ') || '—'}</td>
      <td className="mono">{formatDuration(elapsedMs / 1000)}</td>
      <td className="timeout-cell">
        <ProgressBar fraction={task.timeoutMs > 0 ? elapsedMs / task.timeoutMs : 0} label={t('queue.timeout')} />
        <span className="muted small">{formatDuration(task.timeoutMs / 1000)}</span>
      </td>
      <td>
        <button type="button" className="danger" data-testid="stop-task" disabled={stopping} onClick={() => void stop()}>
          {stopping ? t('queue.stopping') : t('queue.stop')}
        </button>
        {error && <ErrorNote message={error} />}
      </td>
    </tr>
  );
}
