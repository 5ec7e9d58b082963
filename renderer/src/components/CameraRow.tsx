// One camera of the inventory with its actions. Removing asks once more on the same button.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../../shared/api/views.ts';

interface Props {
  camera: CameraView;
  diagnosing: boolean;
  onEdit: () => void;
  onRemove: () => void;
  onDiagnose: () => void;
  onBaseline: () => void;
  onOpenHistory: () => void;
}

export function CameraRow({ camera, diagnosing, onEdit, onRemove, onDiagnose, onBaseline, onOpenHistory }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid="camera-row" data-camera-id={String(camera.id)}>
      <td className="mono">{String(camera.id)}</td>
      <td>
        <button type="button" className="link" data-testid="camera-history" onClick={onOpenHistory}>
          {camera.name}
        </button>
      </td>
      <td className="small">{camera.location ?? '—'}</td>
      <td className="mono small ellipsis" title={camera.streamUrl}>
        {camera.streamUrl}
      </td>
      <td className="small">
        {camera.username ?? '—'} {camera.hasPassword && <span className="badge neutral">{t('common.set')}</span>}
      </td>
      <td className="small" data-testid="camera-source">
        {camera.origin ? t(`findings.origins.${camera.origin}`) : t(`cameras.sources.${camera.source}`)}
      </td>
      <td className="actions">
        <button type="button" data-testid="camera-diagnose" disabled={diagnosing} onClick={onDiagnose}>
          {t('cameras.diagnose')}
        </button>
        <button type="button" data-testid="camera-baseline" onClick={onBaseline}>
          {t('baseline.open')}
        </button>
        <button type="button" data-testid="camera-edit" onClick={onEdit}>
          {t('common.edit')}
        </button>
        <button
          type="button"
          className="danger"
          data-testid="camera-remove"
          onClick={() => {
            if (confirming) onRemove();
            else setConfirming(true);
          }}
          onBlur={() => setConfirming(false)}
        >
          {confirming ? t('common.confirmRemove') : t('common.remove')}
        </button>
      </td>
    </tr>
  );
}
