// The local camera inventory: add, edit, remove, import, sync from the platform, diagnose one now,
// and see or reset a camera's learned normal.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../../shared/api/views.ts';
import { useApi } from '../api/api-context.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { BaselinePanel } from '../components/BaselinePanel.tsx';
import { CameraForm } from '../components/CameraForm.tsx';
import { CameraImport } from '../components/CameraImport.tsx';
import { CameraRow } from '../components/CameraRow.tsx';
import { DiagnoseResultPanel } from '../components/DiagnoseResultPanel.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { useDiagnoseNow } from '../hooks/use-diagnose-now.ts';

type Editing = { camera: CameraView | null } | null;

export function CamerasPage({ onOpenCamera }: { onOpenCamera: (cameraId: number | string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const cameras = useApiQuery('cameras', {});
  const settings = useApiQuery('getSettings', {});
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [baselineOf, setBaselineOf] = useState<CameraView | null>(null);
  const { state: diagnosis, run: diagnose } = useDiagnoseNow();
  const canSync = (settings.data?.platformUrl ?? '') !== '';

  const remove = async (camera: CameraView) => {
    const result = await api.removeCamera({ id: camera.id });
    if (result.ok) cameras.reload();
    else setMessage({ text: t('cameras.removeFailed', { message: result.error.message }), error: true });
  };

  const sync = async () => {
    setSyncing(true);
    const result = await api.syncCameras({});
    setSyncing(false);
    if (result.ok) {
      setMessage({ text: t('cameras.synced', { count: result.value.synced }), error: false });
      cameras.reload();
    } else {
      setMessage({ text: t('cameras.syncFailed', { message: result.error.message }), error: true });
    }
  };

  return (
    <div className="page">
      <h1>{t('cameras.title')}</h1>
      <div className="toolbar">
        <button type="button" className="primary" data-testid="camera-add" onClick={() => setEditing({ camera: null })}>
          {t('cameras.add')}
        </button>
        <CameraImport onImported={cameras.reload} />
        <span className="sync">
          <button type="button" data-testid="camera-sync" disabled={!canSync || syncing} onClick={() => void sync()} aria-describedby={canSync ? undefined : 'sync-hint'}>
            {syncing ? t('cameras.syncing') : t('cameras.sync')}
          </button>
          {!canSync && settings.data && (
            <span id="sync-hint" className="muted small" data-testid="sync-hint">
              {t('cameras.syncHint')}
            </span>
          )}
        </span>
      </div>
      {message &&
        (message.error ? (
          <ErrorNote message={message.text} />
        ) : (
          <p className="note" role="status" data-testid="cameras-message">
            {message.text}
          </p>
        ))}
      {editing && (
        <CameraForm
          key={editing.camera ? String(editing.camera.id) : 'new'}
          camera={editing.camera}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            cameras.reload();
          }}
        />
      )}
      {baselineOf && <BaselinePanel key={String(baselineOf.id)} cameraId={baselineOf.id} cameraName={baselineOf.name} onClose={() => setBaselineOf(null)} />}
      <DiagnoseResultPanel state={diagnosis} />
      <section className="panel">
        {!cameras.data ? (
          <LoadState error={cameras.error} onRetry={cameras.reload} />
        ) : cameras.data.length === 0 ? (
          <p className="muted">{t('cameras.empty')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('cameras.id')}</th>
                <th>{t('cameras.name')}</th>
                <th>{t('cameras.location')}</th>
                <th>{t('cameras.streamUrl')}</th>
                <th>{t('cameras.username')}</th>
                <th>{t('cameras.source')}</th>
                <th>{t('cameras.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {cameras.data.map((camera) => (
                <CameraRow
                  key={String(camera.id)}
                  camera={camera}
                  diagnosing={diagnosis.phase === 'running'}
                  onEdit={() => setEditing({ camera })}
                  onRemove={() => void remove(camera)}
                  onDiagnose={() => diagnose({ cameraId: camera.id }, camera.name)}
                  onBaseline={() => setBaselineOf(camera)}
                  onOpenHistory={() => onOpenCamera(camera.id)}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
