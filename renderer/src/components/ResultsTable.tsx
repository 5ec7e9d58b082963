// The results as a virtualized table: only the rows in view (plus a few) are in the DOM, so 100k
// cached rows scroll as smoothly as 100. Rows have one fixed height, which keeps the maths exact.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultView } from '../../../shared/api/views.ts';
import { findingHeadline } from '../format/finding.ts';
import { formatDateTime } from '../format/time.ts';
import { CheckName } from './CheckName.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const ROW_HEIGHT = 36;
/** Ask for the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 100;

interface Props {
  rows: ResultView[];
  hasMore: boolean;
  loading: boolean;
  selectedId: number | null;
  onNeedMore: () => void;
  onSelect: (row: ResultView) => void;
  onOpenCamera: (cameraId: number | string) => void;
}

export function ResultsTable({ rows, hasMore, loading, selectedId, onNeedMore, onSelect, onOpenCamera }: Props) {
  const { t, i18n } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loading && lastIndex >= rows.length - PREFETCH_ROWS) onNeedMore();
  }, [hasMore, loading, lastIndex, rows.length, onNeedMore]);

  const lang = i18n.language;
  return (
    <div className="vtable" role="table" aria-rowcount={rows.length}>
      <div className="vtable-head" role="row">
        <span role="columnheader">{t('results.time')}</span>
        <span role="columnheader">{t('results.camera')}</span>
        <span role="columnheader">{t('results.type')}</span>
        <span role="columnheader">{t('results.status')}</span>
        <span role="columnheader">{t('findings.column')}</span>
        <span role="columnheader">{t('findings.task')}</span>
        <span role="columnheader" className="num">
          {t('results.score')}
        </span>
      </div>
      <div className="vtable-body" ref={scrollRef} data-testid="results-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div
                key={item.key}
                role="row"
                tabIndex={0}
                data-testid="result-row"
                data-result-id={row.id}
                aria-rowindex={item.index + 1}
                aria-selected={row.id === selectedId}
                className={row.id === selectedId ? 'vtable-row selected' : row.is_abnormal ? 'vtable-row abnormal' : 'vtable-row'}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect(row)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onSelect(row);
                }}
              >
                <span role="cell" className="mono">
                  {formatDateTime(row.created_at, lang)}
                </span>
                <span role="cell">
                  {row.camera_id === null ? (
                    row.camera_name
                  ) : (
                    <button
                      type="button"
                      className="link"
                      data-testid="camera-link"
                      onClick={(e) => {
                        e.stopPropagation();
                        if (row.camera_id !== null) onOpenCamera(row.camera_id);
                      }}
                    >
                      {row.camera_name || String(row.camera_id)}
                    </button>
                  )}
                </span>
                <span role="cell">
                  <CheckName type={row.diagnosis_type} />
                </span>
                <span role="cell">
                  <StatusBadge status={row.diagnosis_status} />
                </span>
                <span role="cell" data-testid="result-finding" title={findingHeadline(row, lang)}>
                  {findingHeadline(row, lang)}
                </span>
                <span role="cell" className={row.task_id === null ? 'small' : 'mono small'} data-testid="result-task">
                  {row.task_id === null ? t('findings.manual') : String(row.task_id)}
                </span>
                <span role="cell" className="num">
                  {Math.round(row.score)}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      <div className="vtable-foot muted small" data-testid="results-count">
        {loading && rows.length > 0 ? t('results.loadingMore') : hasMore ? t('results.loaded', { count: rows.length }) : t('results.loadedAll', { count: rows.length })}
      </div>
    </div>
  );
}
