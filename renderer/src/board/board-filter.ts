// The board's filters and counts, on the rows the API gave (already worst first).
import type { BoardCameraView } from '../../../shared/api/health-views.ts';
import { compareBoard } from '../../../shared/alerts/board-order.ts';

export type StateFilter = 'all' | 'abnormal' | 'turning' | 'unknown' | 'normal';

export interface BoardFilter {
  state: StateFilter;
  location: string;
  group: string;
  search: string;
}

export const NO_BOARD_FILTER: BoardFilter = { state: 'all', location: '', group: '', search: '' };

/** Which summary bucket a camera is in: one each, the same order as the board. */
export function bucketOf(c: BoardCameraView): Exclude<StateFilter, 'all'> {
  if (c.state === 'abnormal') return 'abnormal';
  if (c.pending?.toward === 'abnormal') return 'turning';
  return c.state === 'unknown' ? 'unknown' : 'normal';
}

export function filterBoard(rows: readonly BoardCameraView[], f: BoardFilter): BoardCameraView[] {
  const needle = f.search.trim().toLocaleLowerCase();
  return rows.filter(
    (c) =>
      (f.state === 'all' || bucketOf(c) === f.state) &&
      (f.location === '' || c.location === f.location) &&
      (f.group === '' || c.group === f.group) &&
      (needle === '' || c.name.toLocaleLowerCase().includes(needle) || (c.code ?? '').toLocaleLowerCase().includes(needle) || String(c.cameraId).toLocaleLowerCase() === needle),
  );
}

export function countBuckets(rows: readonly BoardCameraView[]): Record<Exclude<StateFilter, 'all'>, number> {
  const counts = { abnormal: 0, turning: 0, unknown: 0, normal: 0 };
  for (const c of rows) counts[bucketOf(c)]++;
  return counts;
}

/** The distinct non-empty values of a field, sorted, for a filter's choices. */
export function choices(rows: readonly BoardCameraView[], field: 'location' | 'group'): string[] {
  return [...new Set(rows.map((c) => c[field]).filter((v): v is string => v !== null && v !== ''))].sort((a, b) => a.localeCompare(b));
}

/** The rows with pushed changes applied, worst first again. */
export function mergeBoard(rows: readonly BoardCameraView[], changed: readonly BoardCameraView[]): BoardCameraView[] {
  if (changed.length === 0) return [...rows];
  const key = (c: BoardCameraView) => `${typeof c.cameraId}:${c.cameraId}`;
  const byKey = new Map(rows.map((c) => [key(c), c]));
  for (const c of changed) byKey.set(key(c), c);
  return [...byKey.values()].sort(compareBoard);
}
