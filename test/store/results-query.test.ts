import { beforeEach, describe, expect, it } from 'vitest';
import type { DiagnosisStatus } from '../../shared/diagnosis/types.ts';
import type { ResultCursor, ResultFilter } from '../../main/core/store/results.ts';
import { openSqlite } from '../../main/core/store/sqlite.ts';
import { finishedRun, resultMessage, resultRow, useTestStore } from './store-fixtures.ts';

const t = useTestStore();
const T0 = Date.UTC(2025, 7, 13, 0, 0, 0);
const STATUSES: DiagnosisStatus[] = ['normal', 'warning', 'error', 'critical'];

beforeEach(() => {
  // 50 runs, one a minute, over cameras 1..3 with 4 types each: 600 rows.
  for (let r = 0; r < 50; r++) {
    const rows = [1, 2, 3].flatMap((cam) =>
      (['brightness', 'clarity', 'noise', 'freeze'] as const).map((type, k) =>
        resultRow(cam, type, { diagnosis_status: STATUSES[(r + cam + k) % 4], is_abnormal: (r + cam + k) % 4 !== 0, score: (r * 7 + cam * 3 + k) % 100 }),
      ),
    );
    t.store.completeRunNow(finishedRun(`run-${r}`, { finishedAt: T0 + r * 60_000 }), rows, resultMessage(`run-${r}`));
  }
});

function allPages(filter: ResultFilter, limit: number): { ids: number[]; pages: number } {
  const ids: number[] = [];
  let before: ResultCursor | undefined;
  let pages = 0;
  for (;;) {
    const page = t.store.results.latest(filter, { limit, ...(before === undefined ? {} : { before }) });
    pages += 1;
    ids.push(...page.rows.map((r) => r.id));
    if (page.next === null) return { ids, pages };
    before = page.next;
  }
}

describe('results queries', () => {
  it('pages by keyset through every matching row, newest first, without gaps or repeats', () => {
    const filter: ResultFilter = { cameraId: 2, type: 'clarity' };
    const { ids, pages } = allPages(filter, 7);
    expect(ids).toHaveLength(50);
    expect(pages).toBe(8);
    expect(new Set(ids).size).toBe(50);
    // Rows of one run share created_at; within it, and across runs, ids fall.
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const rows = t.store.results.latest(filter, { limit: 100 }).rows;
    expect(rows.every((r) => r.camera_id === 2 && r.diagnosis_type === 'clarity')).toBe(true);
    expect(rows[0]?.run_id).toBe('run-49');
  });

  it('keeps a page stable when new rows arrive while the operator scrolls', () => {
    const first = t.store.results.latest({}, { limit: 100 });
    t.store.completeRunNow(finishedRun('newer', { finishedAt: T0 + 999 * 60_000 }), [resultRow(1, 'brightness')], resultMessage('newer'));
    const second = t.store.results.latest({}, { limit: 100, ...(first.next === null ? {} : { before: first.next }) });
    expect(second.rows[0]?.id).toBe((first.rows.at(-1)?.id ?? 0) - 1);
  });

  it('filters by status, abnormality and time range', () => {
    const critical = allPages({ status: 'critical' }, 1000).ids;
    expect(critical).toHaveLength(150);
    const abnormal = t.store.results.latest({ abnormal: true, cameraId: 1 }, { limit: 1000 }).rows;
    expect(abnormal).toHaveLength(150);
    expect(abnormal.every((r) => r.is_abnormal && r.diagnosis_status !== 'normal')).toBe(true);
    const window = t.store.results.latest({ from: T0 + 10 * 60_000, to: T0 + 20 * 60_000 }, { limit: 1000 }).rows;
    expect(new Set(window.map((r) => r.run_id))).toEqual(new Set(Array.from({ length: 10 }, (_, i) => `run-${10 + i}`)));
    expect(t.store.results.latest({ cameraId: 'no-such' }).rows).toEqual([]);
  });

  it('gives a per-camera score trend per type, oldest first, capped per type', () => {
    const series = t.store.results.trend(3, { from: T0, to: T0 + 50 * 60_000, types: ['clarity', 'noise'] });
    expect(series.map((s) => s.type)).toEqual(['clarity', 'noise']);
    const clarity = series[0]?.points ?? [];
    expect(clarity).toHaveLength(50);
    expect(clarity[0]).toEqual({ at: T0, score: (0 * 7 + 3 * 3 + 1) % 100, status: STATUSES[(0 + 3 + 1) % 4] });
    expect(clarity.map((p) => p.at)).toEqual([...clarity.map((p) => p.at)].sort((a, b) => a - b));

    const capped = t.store.results.trend(3, { from: T0, to: T0 + 50 * 60_000, maxPoints: 5 });
    expect(capped).toHaveLength(4);
    expect(capped.every((s) => s.points.length === 5)).toBe(true);
    expect(capped[0]?.points.at(-1)?.at).toBe(T0 + 49 * 60_000);
  });

  it('uses an index for the filtered latest-N queries', () => {
    const db = openSqlite(t.path, 1000);
    const plan = (where: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM results WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT 100`).all() as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | ');
    const cases: Array<[string, RegExp]> = [
      ['1', /results_time/],
      ['camera_id = 1', /results_camera/],
      ['camera_id = 1 AND created_at >= 5 AND created_at < 9', /results_camera \(camera_id=\? AND created_at>\? AND created_at<\?\)/],
      ["diagnosis_type = 'noise'", /results_type/],
      ["diagnosis_status = 'error' AND (created_at, id) < (5, 9)", /results_status/],
      ['is_abnormal = 1 AND created_at >= 5', /results_time/],
    ];
    for (const [where, index] of cases) {
      expect(plan(where)).toMatch(index);
      // Read in order from the index: never a sort of every matching row.
      expect(plan(where)).not.toMatch(/TEMP B-TREE/);
    }
    db.close();
  });
});

describe('results of a type this version does not know', () => {
  it('are stored, read back by id and in pages, and left out of trends', () => {
    t.store.completeRunNow(finishedRun('run-unknown', { finishedAt: T0 + 100 * 60_000 }), [resultRow(1, 'sharpness'), resultRow(1, 'brightness')], resultMessage('run-unknown'));
    const page = t.store.results.latest({ cameraId: 1 }, { limit: 2 });
    expect(page.rows.map((r) => r.diagnosis_type).sort()).toEqual(['brightness', 'sharpness']);
    const unknown = page.rows.find((r) => r.diagnosis_type === 'sharpness')!;
    expect(t.store.results.get(unknown.id)?.diagnosis_type).toBe('sharpness');
    expect(t.store.results.get(987_654)).toBeNull();
    const trend = t.store.results.trend(1, { from: T0, to: T0 + 200 * 60_000 });
    expect(trend.map((s) => s.type)).not.toContain('sharpness');
    expect(trend.map((s) => s.type)).toContain('brightness');
  });
});
