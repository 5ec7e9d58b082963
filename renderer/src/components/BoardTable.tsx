// The board's rows as a virtualized table, like the results: only the rows in view (plus a few) are
// in the DOM, so 2,000 cameras open as fast as 20. Rows have one fixed height.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardCameraView } from '../../../shared/api/health-views.ts';
import { formatDuration } from '../format/duration.ts';
import { formatDateTime } from '../format/time.ts';
import { useNow } from '../hooks/use-now.ts';
import { CheckName } from './CheckName.tsx';
import { HealthStateBadge } from './HealthStateBadge.tsx';
import { Sparkline } from './Sparkline.tsx';

const ROW_HEIGHT = 48;
const key = (c: BoardCameraView) => `${typeof c.cameraId}:${c.cameraId}`;

export function BoardTable({ rows, onOpen }: { rows: readonly BoardCameraView[]; onOpen: (cameraId: number | string) => void }) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow(30_000);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => (rows[index] ? key(rows[index]) : index),
  });
  return (
    <div className="vtable board-table" role="table" aria-rowcount={rows.length}>
      <div className="vtable-head" role="row">
        <span role="columnheader">{t('board.columns.state')}</span>
        <span role="columnheader">{t('board.columns.camera')}</span>
        <span role="columnheader">{t('board.columns.location')}</span>
        <span role="columnheader">{t('board.columns.group')}</span>
        <span role="columnheader">{t('board.columns.problem')}</span>
        <span role="columnheader">{t('board.columns.since')}</span>
        <span role="columnheader">{t('board.columns.lastChecked')}</span>
        <span role="columnheader">{t('board.columns.trend')}</span>
      </div>
      <div className="vtable-body" ref={scrollRef} data-testid="board-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const c = rows[item.index];
            return c ? <BoardRow key={item.key} camera={c} now={now} top={item.start} index={item.index} onOpen={onOpen} /> : null;
          })}
        </div>
      </div>
    </div>
  );
}

function BoardRow({ camera: c, now, top, index, onOpen }: { camera: BoardCameraView; now: number; top: number; index: number; onOpen: (id: number | string) => void }) {
  const { t, i18n } = useTranslation();
  const showProblem = c.state === 'abnormal' || c.pending?.toward === 'abnormal';
  return (
    <div
      role="row"
      tabIndex={0}
      aria-rowindex={index + 1}
      className={`vtable-row board-row row-${c.state}`}
      data-testid="board-row"
      data-camera={String(c.cameraId)}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      onClick={() => onOpen(c.cameraId)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(c.cameraId);
      }}
    >
      <span role="cell">
        <HealthStateBadge camera={c} />
        {c.pending && (
          <span className="pending-note" data-testid="board-pending" title={t(`board.pending.${c.pending.toward}`, { runs: c.pending.runs })}>
            {c.pending.toward === 'abnormal' ? ' ▲' : ' ▼'}
            {c.pending.runs}
          </span>
        )}
      </span>
      <span role="cell" className="two-lines">
        <button type="button" className="link" data-testid="board-camera" onClick={(e) => (e.stopPropagation(), onOpen(c.cameraId))}>
          {c.name}
        </button>
        <span className="muted small">{c.inInventory ? (c.code ?? '') : t('board.notInInventory')}</span>
      </span>
      <span role="cell">{c.location ?? t('common.none')}</span>
      <span role="cell">{c.group ?? t('common.none')}</span>
      <span role="cell" className="two-lines" data-testid="board-problem">
        {showProblem && c.worstCheck ? (
          <>
            <CheckName type={c.worstCheck} />
            {c.message && <span className="muted small">{c.message}</span>}
          </>
        ) : (
          t('common.none')
        )}
      </span>
      <span role="cell" data-testid="board-since">
        {c.since === null ? t('common.none') : t('board.sinceFor', { duration: formatDuration((now - c.since) / 1000) })}
      </span>
      <span role="cell">{formatDateTime(c.lastChecked, i18n.language)}</span>
      <span role="cell">
        <Sparkline points={c.recent} label={t('board.trendLabel', { count: c.recent.length })} />
      </span>
    </div>
  );
}
