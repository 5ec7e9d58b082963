// The first page: every camera's health, worst first, with filters; live through the health event.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiEvent } from '../api/use-api-event.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { choices, countBuckets, filterBoard, mergeBoard, NO_BOARD_FILTER, type BoardFilter, type StateFilter } from '../board/board-filter.ts';
import { BoardTable } from '../components/BoardTable.tsx';
import { LoadState } from '../components/LoadState.tsx';

const BUCKETS = ['abnormal', 'turning', 'unknown', 'normal'] as const;

export function BoardPage({ onOpenCamera }: { onOpenCamera: (cameraId: number | string) => void }) {
  const { t } = useTranslation();
  const board = useApiQuery('board', {});
  const [filter, setFilter] = useState<BoardFilter>(NO_BOARD_FILTER);
  const { data, set } = board;
  useApiEvent('health', (e) => {
    if (data && e.cameras.length > 0) set(mergeBoard(data, e.cameras));
  });

  const rows = data ?? [];
  const shown = useMemo(() => filterBoard(rows, filter), [rows, filter]);
  const counts = useMemo(() => countBuckets(rows), [rows]);
  const locations = useMemo(() => choices(rows, 'location'), [rows]);
  const groups = useMemo(() => choices(rows, 'group'), [rows]);
  const change = <K extends keyof BoardFilter>(key: K, value: BoardFilter[K]) => setFilter((f) => ({ ...f, [key]: value }));

  if (!data) return <LoadState error={board.error} onRetry={board.reload} />;
  return (
    <div className="page board-page">
      <h1>{t('board.title')}</h1>
      <div className="board-summary" role="group" aria-label={t('board.filters.state')}>
        {BUCKETS.map((b) => (
          <button
            key={b}
            type="button"
            className={`summary-chip bucket-${b}${filter.state === b ? ' active' : ''}`}
            aria-pressed={filter.state === b}
            data-testid={`board-count-${b}`}
            onClick={() => change('state', filter.state === b ? 'all' : b)}
          >
            <span className="summary-count">{counts[b]}</span> {t(`board.summary.${b}`)}
          </button>
        ))}
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('board.filters.state')}</span>
          <select data-testid="board-filter-state" value={filter.state} onChange={(e) => change('state', e.target.value as StateFilter)}>
            <option value="all">{t('board.filters.all')}</option>
            <option value="abnormal">{t('board.states.abnormal')}</option>
            <option value="turning">{t('board.filters.turning')}</option>
            <option value="unknown">{t('board.states.unknown')}</option>
            <option value="normal">{t('board.states.normal')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('board.filters.location')}</span>
          <select data-testid="board-filter-location" value={filter.location} onChange={(e) => change('location', e.target.value)}>
            <option value="">{t('board.filters.all')}</option>
            {locations.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('board.filters.group')}</span>
          <select data-testid="board-filter-group" value={filter.group} onChange={(e) => change('group', e.target.value)}>
            <option value="">{t('board.filters.all')}</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('board.filters.search')}</span>
          <input type="search" data-testid="board-search" placeholder={t('board.filters.searchPlaceholder')} value={filter.search} onChange={(e) => change('search', e.target.value)} />
        </label>
      </form>
      {rows.length === 0 ? (
        <p className="muted" data-testid="board-empty">
          {t('board.empty')}
        </p>
      ) : shown.length === 0 ? (
        <p className="muted" data-testid="board-no-match">
          {t('board.noMatch')}
        </p>
      ) : (
        <>
          <p className="muted small" data-testid="board-shown">
            {t('board.shown', { shown: shown.length, total: rows.length })}
          </p>
          <BoardTable rows={shown} onOpen={onOpenCamera} />
        </>
      )}
    </div>
  );
}
