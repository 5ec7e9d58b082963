// A task run's outcome (done / failed / timed out / parked), translated and coloured.
import { useTranslation } from 'react-i18next';

const CLASS: Record<string, string> = { done: 'normal', failed: 'error', timed_out: 'warning', parked: 'critical' };
const KNOWN = ['received', 'running', 'done', 'failed', 'timed_out', 'parked'] as const;

export function RunStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = (KNOWN as readonly string[]).includes(status);
  return <span className={`badge status-${CLASS[status] ?? 'unknown'}`}>{known ? t(`runStatuses.${status as (typeof KNOWN)[number]}`) : status}</span>;
}
