// The local result cache: filters, a virtualized table paged by keyset, and a detail panel.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultView } from '../../../shared/api/views.ts';
import type { CameraView } from '../../../shared/api/views.ts';
import { useApiEvent } from '../api/use-api-event.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { NO_FILTERS, ResultFilters, toResultFilter, type FilterFields } from '../components/ResultFilters.tsx';
import { ResultDetail } from '../components/ResultDetail.tsx';
import { ResultsTable } from '../components/ResultsTable.tsx';
import { useResultPages } from '../hooks/use-result-pages.ts';

const NO_CAMERAS: CameraView[] = [];

export function ResultsPage({ onOpenCamera }: { onOpenCamera: (cameraId: number | string) => void }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<FilterFields>(NO_FILTERS);
  const cameras = useApiQuery('cameras', {});
  const known = cameras.data ?? NO_CAMERAS;
  const filter = useMemo(() => toResultFilter(fields, known), [fields, known]);
  const pages = useResultPages(filter);
  const [selected, setSelected] = useState<ResultView | null>(null);
  // New results are offered, not pushed in: the operator may be reading somewhere down the list.
  const [fresh, setFresh] = useState(false);
  useApiEvent('result', () => setFresh(true));

  const showFresh = () => {
    setFresh(false);
    pages.reload();
  };

  return (
    <div className={selected ? 'page results-page with-detail' : 'page results-page'}>
      <h1>{t('results.title')}</h1>
      <ResultFilters value={fields} cameras={known} onChange={setFields} />
      {fresh && (
        <button type="button" className="fresh" data-testid="results-fresh" onClick={showFresh}>
          {t('results.newResults')}
        </button>
      )}
      {pages.error && <ErrorNote message={t('common.loadFailed', { message: pages.error.message })} />}
      <div className="results-layout">
        {pages.rows.length === 0 && !pages.loading ? (
          <p className="muted">{t('results.empty')}</p>
        ) : (
          <ResultsTable
            rows={pages.rows}
            hasMore={pages.hasMore}
            loading={pages.loading}
            selectedId={selected?.id ?? null}
            onNeedMore={pages.loadMore}
            onSelect={setSelected}
            onOpenCamera={onOpenCamera}
          />
        )}
        {selected && <ResultDetail row={selected} onClose={() => setSelected(null)} onOpenCamera={onOpenCamera} />}
      </div>
    </div>
  );
}
