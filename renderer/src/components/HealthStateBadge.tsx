// A camera's confirmed state as a pill: abnormal ones in the colour of their worst status.
import { useTranslation } from 'react-i18next';
import type { BoardCameraView } from '../../../shared/api/health-views.ts';

export function HealthStateBadge({ camera }: { camera: Pick<BoardCameraView, 'state' | 'worstStatus'> }) {
  const { t } = useTranslation();
  const tone = camera.state === 'abnormal' ? `status-${camera.worstStatus === 'normal' || camera.worstStatus === null ? 'warning' : camera.worstStatus}` : camera.state === 'normal' ? 'status-normal' : '';
  return (
    <span className={`badge nowrap ${tone}`} data-testid="health-state" data-state={camera.state}>
      {t(`board.states.${camera.state}`)}
    </span>
  );
}
