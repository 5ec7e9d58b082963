// baselines and baseline_cameras: each camera's recent healthy values per check and picture mode,
// one row per series with its newest values (a bounded window) and the light of the run each came
// from, and the camera's scene_change streak.
import { z } from 'zod';
import { ALL_CHECKS, type CheckType } from '../../../shared/diagnosis/types.ts';
import { jsonColumn, parseRow, toJson } from './json-column.ts';
import { bindId, describeError, type Database, type Statement } from './sqlite.ts';
import { storeFailure, type StoreFailure } from './store-error.ts';

export const PICTURE_MODES = ['day', 'night'] as const;
export type PictureMode = (typeof PICTURE_MODES)[number];

/** One check's recent healthy values on one camera in one picture mode. */
export interface BaselineSeries {
  type: CheckType;
  mode: PictureMode;
  /** Newest first, at most the window the writer keeps. */
  values: number[];
  /**
   * The mean luma of the run each value came from, in the same order; null, or past the end, where it
   * was not known. Kept for night series only (a colour picture is never judged by light): a day
   * series has none.
   */
  lights: ReadonlyArray<number | null>;
  updatedAt: number;
}

export interface BaselineHistory {
  series: BaselineSeries[];
  /** Consecutive runs whose scene_change check was abnormal. */
  sceneChangeStreak: number;
  resetAt: number | null;
}

export interface BaselineUpdate {
  /** Values of a healthy run; none when the run was not healthy. */
  samples: ReadonlyArray<{ type: CheckType; mode: PictureMode; value: number }>;
  /** The run's mean luma, kept beside each of its night values; absent or null when the run did not measure it. */
  light?: number | null;
  sceneChangeStreak: number;
  /** Forget every value before adding these (a confirmed scene change). */
  reset: boolean;
}

const valuesColumn = jsonColumn(z.array(z.number()));
const lightsColumn = jsonColumn(z.array(z.number().nullable()));

/** Lights aligned with the values, to store beside them: a series stored before lights were kept has none known. */
function alignedLights(values: readonly number[], lights: ReadonlyArray<number | null> | null): Array<number | null> {
  return values.map((_, i) => lights?.[i] ?? null);
}

const seriesRow = z
  .object({ check_type: z.enum(ALL_CHECKS), mode: z.enum(PICTURE_MODES), samples: valuesColumn, lights: lightsColumn.nullable(), updated_at: z.number() })
  .transform((r): BaselineSeries => ({ type: r.check_type, mode: r.mode, values: r.samples, lights: r.lights ?? [], updatedAt: r.updated_at }));

const storedSeries = z.object({ samples: valuesColumn, lights: lightsColumn.nullable() });

const cameraRow = z.object({ scene_change_streak: z.number().int().min(0), reset_at: z.number().nullable() });

export class BaselinesRepository {
  private readonly db: Database;
  private readonly now: () => number;
  private readonly seriesStmt: Statement;
  private readonly oneSeriesStmt: Statement;
  private readonly cameraStmt: Statement;
  private readonly saveStmt: Statement;
  private readonly clearStmt: Statement;
  private readonly streakStmt: Statement;
  private readonly resetStmt: Statement;

  constructor(db: Database, now: () => number) {
    this.db = db;
    this.now = now;
    this.seriesStmt = db.prepare('SELECT check_type, mode, samples, lights, updated_at FROM baselines WHERE camera_id = ?');
    this.oneSeriesStmt = db.prepare('SELECT samples, lights FROM baselines WHERE camera_id = ? AND check_type = ? AND mode = ?');
    this.cameraStmt = db.prepare('SELECT scene_change_streak, reset_at FROM baseline_cameras WHERE camera_id = ?');
    this.saveStmt = db.prepare(`
      INSERT INTO baselines (camera_id, check_type, mode, samples, lights, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (camera_id, check_type, mode) DO UPDATE SET samples = excluded.samples, lights = excluded.lights, updated_at = excluded.updated_at`);
    this.clearStmt = db.prepare('DELETE FROM baselines WHERE camera_id = ? RETURNING samples').pluck();
    this.streakStmt = db.prepare(`
      INSERT INTO baseline_cameras (camera_id, scene_change_streak) VALUES (?, ?)
      ON CONFLICT (camera_id) DO UPDATE SET scene_change_streak = excluded.scene_change_streak`);
    this.resetStmt = db.prepare(`
      INSERT INTO baseline_cameras (camera_id, scene_change_streak, reset_at) VALUES (?, ?, ?)
      ON CONFLICT (camera_id) DO UPDATE SET scene_change_streak = excluded.scene_change_streak, reset_at = excluded.reset_at`);
  }

  history(cameraId: number | string): BaselineHistory {
    const id = bindId(cameraId);
    const series = this.seriesStmt.all(id).map((r) => parseRow(seriesRow, r, 'baselines'));
    const camera = this.cameraStmt.get(id);
    const state = camera === undefined ? { scene_change_streak: 0, reset_at: null } : parseRow(cameraRow, camera, 'baseline_cameras');
    return { series, sceneChangeStreak: state.scene_change_streak, resetAt: state.reset_at };
  }

  /** Applies one run's outcome in one transaction (a savepoint inside the write batcher's). */
  update(cameraId: number | string, update: BaselineUpdate, window: number): { ok: true } | StoreFailure {
    if (!Number.isInteger(window) || window < 1) return storeFailure('invalid_input', `A baseline window of ${window} values is not a positive whole number.`);
    const bad = update.samples.find((s) => !Number.isFinite(s.value));
    if (bad) return storeFailure('invalid_input', `The ${bad.type} value of camera ${cameraId} is not a finite number; the baseline was not updated.`);
    const light = update.light ?? null;
    if (light !== null && !Number.isFinite(light)) return storeFailure('invalid_input', `The light of camera ${cameraId}'s run is not a finite number; the baseline was not updated.`);
    const id = bindId(cameraId);
    const at = this.now();
    const apply = this.db.transaction(() => {
      if (update.reset) {
        this.clearStmt.all(id);
        this.resetStmt.run(id, update.sceneChangeStreak, at);
      } else {
        this.streakStmt.run(id, update.sceneChangeStreak);
      }
      for (const s of update.samples) {
        const stored = this.oneSeriesStmt.get(id, s.type, s.mode);
        const before = stored === undefined ? { samples: [], lights: null } : parseRow(storedSeries, stored, 'baselines');
        const values = [s.value, ...before.samples].slice(0, window);
        const lights = s.mode === 'night' ? toJson([light, ...alignedLights(before.samples, before.lights)].slice(0, window)) : null;
        this.saveStmt.run(id, s.type, s.mode, toJson(values), lights, at);
      }
    });
    try {
      apply();
    } catch (error) {
      return storeFailure('write_failed', `The baseline of camera ${cameraId} was not updated: ${describeError(error)}.`);
    }
    return { ok: true };
  }

  /** Forgets everything learned about the camera; `removed` counts the values dropped. */
  reset(cameraId: number | string): { ok: true; removed: number } | StoreFailure {
    const id = bindId(cameraId);
    const apply = this.db.transaction(() => {
      const dropped = this.clearStmt.all(id) as string[];
      this.resetStmt.run(id, 0, this.now());
      return dropped.reduce((n, text) => n + parseRow(valuesColumn, text, 'baselines').length, 0);
    });
    try {
      return { ok: true, removed: apply() };
    } catch (error) {
      return storeFailure('write_failed', `The baseline of camera ${cameraId} was not reset: ${describeError(error)}.`);
    }
  }
}
