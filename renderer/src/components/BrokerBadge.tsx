// The broker connection state as a coloured badge (green connected, amber on the way, grey stopped).
import { useTranslation } from 'react-i18next';
import type { BrokerState } from '../../../shared/api/views.ts';

export function BrokerBadge({ state, detail }: { state: BrokerState; detail?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge broker-${state}`} data-testid="broker-state" data-state={state} title={detail}>
      {t(`broker.${state}`)}
    </span>
  );
}
