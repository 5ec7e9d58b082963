// A result's stored frame, fetched as a data URL when shown.
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/use-api-query.ts';

export function SnapshotImage({ resultId, alt, testId }: { resultId: number; alt: string; testId?: string }) {
  const { t } = useTranslation();
  const snapshot = useApiQuery('snapshot', { resultId });
  if (snapshot.loading && !snapshot.data) return <p className="muted">{t('common.loading')}</p>;
  const url = snapshot.data?.dataUrl;
  if (!url) return <p className="muted">{t('detail.noSnapshot')}</p>;
  return <img className="snapshot" src={url} alt={alt} data-testid={testId} />;
}
