// The baseline tables on a real SQLite file: bounded windows, day and night apart, reset, streak.
import { describe, expect, it } from 'vitest';
import type { PictureMode } from '../../main/core/store/baselines.ts';
import { bindId, openSqlite } from '../../main/core/store/sqlite.ts';
import type { CheckType } from '../../shared/diagnosis/types.ts';
import { openTestStore, useTestStore } from './store-fixtures.ts';

const t = useTestStore();

const valuesOf = (cameraId: number | string, type: CheckType, mode: PictureMode = 'day') =>
  t.store.baselines.history(cameraId).series.find((s) => s.type === type && s.mode === mode)?.values ?? [];

describe('baselines repository', () => {
  it('keeps the newest values per camera, check and mode, newest first, and survives a reopen', () => {
    const { store } = t;
    for (let i = 0; i < 40; i++) {
      expect(store.baselines.update(7, { samples: [{ type: 'clarity', mode: 'day', value: i }], sceneChangeStreak: 0, reset: false }, 30)).toEqual({ ok: true });
    }
    store.baselines.update(7, { samples: [{ type: 'clarity', mode: 'night', value: 5 }, { type: 'noise', mode: 'day', value: 2.5 }], sceneChangeStreak: 0, reset: false }, 30);
    store.baselines.update('lobby', { samples: [{ type: 'clarity', mode: 'day', value: 99 }], sceneChangeStreak: 0, reset: false }, 30);
    store.close();

    t.store = openTestStore(t.path);
    expect(valuesOf(7, 'clarity')).toEqual(Array.from({ length: 30 }, (_, i) => 39 - i));
    expect(valuesOf(7, 'clarity', 'night')).toEqual([5]);
    expect(valuesOf(7, 'noise')).toEqual([2.5]);
    expect(t.store.baselines.history(7).series).toHaveLength(3);
    expect(valuesOf('lobby', 'clarity')).toEqual([99]);
    // An integer id and its string form are different cameras, as in the results table.
    expect(t.store.baselines.history('7').series).toEqual([]);
  });

  it("keeps each night value's run light beside it, none for day values, and reads a series stored before lights as lights unknown", () => {
    const b = t.store.baselines;
    b.update(4, { samples: [{ type: 'noise', mode: 'night', value: 3 }], light: 58.5, sceneChangeStreak: 0, reset: false }, 3);
    b.update(4, { samples: [{ type: 'noise', mode: 'night', value: 4 }], sceneChangeStreak: 0, reset: false }, 3);
    for (const light of [120, 121]) b.update(4, { samples: [{ type: 'noise', mode: 'night', value: 2 }, { type: 'noise', mode: 'day', value: 1 }], light, sceneChangeStreak: 0, reset: false }, 3);
    expect(b.history(4).series.map(({ mode, values, lights }) => ({ mode, values, lights })).sort((x, y) => x.mode.localeCompare(y.mode))).toEqual([
      { mode: 'day', values: [1, 1], lights: [] },
      { mode: 'night', values: [2, 2, 4], lights: [121, 120, null] },
    ]);
    const raw = openSqlite(t.path, 1000);
    raw.prepare(`INSERT INTO baselines (camera_id, check_type, mode, samples, updated_at) VALUES (5, 'noise', 'night', '[1,2]', 1)`).run();
    raw.close();
    expect(b.history(5).series).toMatchObject([{ values: [1, 2], lights: [] }]);
    b.update(5, { samples: [{ type: 'noise', mode: 'night', value: 3 }], light: 90, sceneChangeStreak: 0, reset: false }, 30);
    expect(b.history(5).series).toMatchObject([{ values: [3, 1, 2], lights: [90, null, null] }]);
    expect(b.update(5, { samples: [{ type: 'noise', mode: 'night', value: 3 }], light: Number.NaN, sceneChangeStreak: 0, reset: false }, 30)).toMatchObject({ ok: false, kind: 'invalid_input' });
  });

  it('keeps the scene_change streak, and a confirmed scene change starts the history over', () => {
    const b = t.store.baselines;
    b.update(3, { samples: [{ type: 'brightness', mode: 'day', value: 120 }, { type: 'noise', mode: 'night', value: 4 }], sceneChangeStreak: 0, reset: false }, 30);
    b.update(3, { samples: [], sceneChangeStreak: 1, reset: false }, 30);
    expect(b.history(3)).toMatchObject({ sceneChangeStreak: 1, resetAt: null });
    expect(b.history(3).series).toHaveLength(2);
    b.update(3, { samples: [{ type: 'brightness', mode: 'day', value: 60 }], sceneChangeStreak: 2, reset: true }, 30);
    const h = b.history(3);
    expect(h.series).toMatchObject([{ type: 'brightness', mode: 'day', values: [60] }]);
    expect(h.sceneChangeStreak).toBe(2);
    expect(h.resetAt).toBeTypeOf('number');
  });

  it('resets one camera on request and says how many values it dropped', () => {
    const b = t.store.baselines;
    for (let i = 0; i < 4; i++) b.update(1, { samples: [{ type: 'noise', mode: 'day', value: i }, { type: 'noise', mode: 'night', value: i }], sceneChangeStreak: 1, reset: false }, 30);
    b.update(2, { samples: [{ type: 'noise', mode: 'day', value: 9 }], sceneChangeStreak: 0, reset: false }, 30);
    expect(b.reset(1)).toEqual({ ok: true, removed: 8 });
    expect(b.history(1)).toMatchObject({ series: [], sceneChangeStreak: 0 });
    expect(valuesOf(2, 'noise')).toEqual([9]);
    expect(b.reset(99)).toEqual({ ok: true, removed: 0 });
  });

  it('refuses values it cannot store, and writes nothing of that update', () => {
    const b = t.store.baselines;
    const bad = b.update(1, { samples: [{ type: 'noise', mode: 'day', value: 1 }, { type: 'clarity', mode: 'day', value: Number.NaN }], sceneChangeStreak: 0, reset: false }, 30);
    expect(bad).toMatchObject({ ok: false, kind: 'invalid_input' });
    expect(b.update(1, { samples: [], sceneChangeStreak: 0, reset: false }, 0)).toMatchObject({ ok: false, kind: 'invalid_input' });
    expect(b.history(1).series).toEqual([]);
  });

  it('reads a row edited into a shape it does not know as an error, not as a baseline', () => {
    const raw = openSqlite(t.path, 1000);
    raw.prepare(`INSERT INTO baselines (camera_id, check_type, mode, samples, updated_at) VALUES (?, 'clarity', 'day', '[1, "two"]', 0)`).run(bindId(5));
    raw.close();
    expect(() => t.store.baselines.history(5)).toThrow(/baselines.*edited by hand/);
    expect(t.store.baselines.update(5, { samples: [{ type: 'clarity', mode: 'day', value: 3 }], sceneChangeStreak: 0, reset: false }, 30)).toMatchObject({ ok: false, kind: 'write_failed' });
  });
});
