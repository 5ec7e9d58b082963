// A diagnosis status (normal / warning / error / critical), translated and coloured.
import { useTranslation } from 'react-i18next';
import { STATUSES, type DiagnosisStatus } from '../../../shared/diagnosis/types.ts';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = (STATUSES as readonly string[]).includes(status);
  return <span className={`badge status-${known ? status : 'unknown'}`}>{known ? t(`statuses.${status as DiagnosisStatus}`) : status}</span>;
}
