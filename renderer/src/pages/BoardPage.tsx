// The first page: every camera's health, worst first, with filters; live through the health event.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardCameraView } from '../../../shared/api/health-views.ts';
import { useApiEvent } from '../api/use-api-event.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { choices, countBuckets, filterBoard, mergeBoard, NO_BOARD_FILTER, type BoardFilter, type StateFilter } from '../board/board-filter.ts';
import { CheckName } from '../components/CheckName.tsx';
import { HealthStateBadge } from '../components/HealthStateBadge.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { Sparkline } from '../components/Sparkline.tsx';
import { formatDuration } from '../format/duration.ts';
import { formatDateTime } from '../format/time.ts';
import { useNow } from '../hooks/use-now.ts';

const BUCKETS = ['abnormal', 'turning', 'unknown', 'normal'] as const;

export function BoardPage({ onOpenCamera }: { onOpenCamera: (cameraId: number | string) => void }) {
  const { t, i18n } = useTranslation();
  const board = useApiQuery('board', {});
  const [filter, setFilter] = useState<BoardFilter>(NO_BOARD_FILTER);
  const now = useNow(30_000);
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
          <table className="table board-table">
            <thead>
              <tr>
                <th>{t('board.columns.state')}</th>
                <th>{t('board.columns.camera')}</th>
                <th>{t('board.columns.location')}</th>
                <th>{t('board.columns.group')}</th>
                <th>{t('board.columns.problem')}</th>
                <th>{t('board.columns.since')}</th>
                <th>{t('board.columns.lastChecked')}</th>
                <th>{t('board.columns.trend')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <BoardRow key={`${typeof c.cameraId}:${c.cameraId}`} camera={c} now={now} language={i18n.language} onOpen={onOpenCamera} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function BoardRow({ camera: c, now, language, onOpen }: { camera: BoardCameraView; now: number; language: string; onOpen: (id: number | string) => void }) {
  const { t } = useTranslation();
  const showProblem = c.state === 'abnormal' || c.pending?.toward === 'abnormal';
  return (
    <tr className={`board-row row-${c.state}`} data-testid="board-row" data-camera={String(c.cameraId)} onClick={() => onOpen(c.cameraId)}>
      <td className="nowrap">
        <HealthStateBadge camera={c} />
        {c.pending && (
          <span className="pending-note" data-testid="board-pending" title={t(`board.pending.${c.pending.toward}`, { runs: c.pending.runs })}>
            {c.pending.toward === 'abnormal' ? ' ▲' : ' ▼'}
            {c.pending.runs}
          </span>
        )}
      </td>
      <td>
        <button type="button" className="link" data-testid="board-camera" onClick={(e) => (e.stopPropagation(), onOpen(c.cameraId))}>
          {c.name}
        </button>
        {c.code && <span className="muted small"> {c.code}</span>}
        {!c.inInventory && <div className="muted small">{t('board.notInInventory')}</div>}
      </td>
      <td>{c.location ?? t('common.none')}</td>
      <td>{c.group ?? t('common.none')}</td>
      <td data-testid="board-problem">
        {showProblem && c.worstCheck ? (
          <>
            <CheckName type={c.worstCheck} />
            {c.message && <div className="muted small clamp">{c.message}</div>}
          </>
        ) : (
          t('common.none')
        )}
      </td>
      <td className="nowrap" data-testid="board-since">
        {c.since === null ? t('common.none') : t('board.sinceFor', { duration: formatDuration((now - c.since) / 1000) })}
      </td>
      <td className="nowrap">{formatDateTime(c.lastChecked, language)}</td>
      <td>
        <Sparkline points={c.recent} label={t('board.trendLabel', { count: c.recent.length })} />
      </td>
    </tr>
  );
}
