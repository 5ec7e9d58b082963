// What a page shows before its data is there: a loading line, or the failure with a retry.
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/contract.ts';
import { ErrorNote } from './ErrorNote.tsx';

export function LoadState({ error, onRetry }: { error: ApiError | null; onRetry: () => void }) {
  const { t } = useTranslation();
  if (!error) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div>
      <ErrorNote message={t('common.loadFailed', { message: error.message })} />
      <button type="button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
