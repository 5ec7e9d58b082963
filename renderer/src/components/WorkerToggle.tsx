// The worker's on/off switch. Switching off drains: running tasks finish, no new ones are taken.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusView } from '../../../shared/api/views.ts';
import { useApi } from '../api/api-context.ts';
import { ErrorNote } from './ErrorNote.tsx';

export function WorkerToggle({ status, onChange }: { status: StatusView; onChange: (status: StatusView) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    const result = await api.setWorkerEnabled({ enabled });
    setBusy(false);
    if (result.ok) onChange(result.value);
    else setError(result.error.message);
  };
  return (
    <div className="worker-toggle">
      <label className="switch">
        <input type="checkbox" role="switch" data-testid="worker-toggle" checked={status.enabled} disabled={busy} onChange={(e) => void toggle(e.target.checked)} />
        <span className="switch-track" aria-hidden="true" />
        <span>{status.enabled ? t('overview.workerOn') : t('overview.workerOff')}</span>
      </label>
      {status.enabled && status.runningTasks > 0 && <p className="muted small">{t('overview.drainHint')}</p>}
      {error && <ErrorNote message={error} />}
    </div>
  );
}
