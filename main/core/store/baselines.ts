// baseline_samples and baseline_cameras: each camera's recent healthy values per check and picture
// mode, kept to a bounded window, and its scene_change streak.
import { z } from 'zod';
import { ALL_CHECKS, type CheckType } from '../../../shared/diagnosis/types.ts';
import { parseRow } from './json-column.ts';
import { bindId, describeError, type Database, type Statement } from './sqlite.ts';
import { storeFailure, type StoreFailure } from './store-error.ts';

export const PICTURE_MODES = ['day', 'night'] as const;
export type PictureMode = (typeof PICTURE_MODES)[number];

export interface BaselineSample {
  type: CheckType;
  mode: PictureMode;
  value: number;
  takenAt: number;
}

export interface BaselineHistory {
  /** Newest first. */
  samples: BaselineSample[];
  /** Consecutive runs whose scene_change check was abnormal. */
  sceneChangeStreak: number;
  resetAt: number | null;
}

export interface BaselineUpdate {
  /** Values of a healthy run; none when the run was not healthy. */
  samples: ReadonlyArray<Omit<BaselineSample, 'takenAt'>>;
  sceneChangeStreak: number;
  /** Forget every sample before adding these (a confirmed scene change). */
  reset: boolean;
}

const sampleRow = z
  .object({ check_type: z.enum(ALL_CHECKS), mode: z.enum(PICTURE_MODES), value: z.number(), taken_at: z.number() })
  .transform((r): BaselineSample => ({ type: r.check_type, mode: r.mode, value: r.value, takenAt: r.taken_at }));

const cameraRow = z.object({ scene_change_streak: z.number().int().min(0), reset_at: z.number().nullable() });

export class BaselinesRepository {
  private readonly db: Database;
  private readonly now: () => number;
  private readonly samplesStmt: Statement;
  private readonly cameraStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly trimStmt: Statement;
  private readonly clearStmt: Statement;
  private readonly streakStmt: Statement;
  private readonly resetStmt: Statement;

  constructor(db: Database, now: () => number) {
    this.db = db;
    this.now = now;
    this.samplesStmt = db.prepare('SELECT check_type, mode, value, taken_at FROM baseline_samples WHERE camera_id = ? ORDER BY id DESC');
    this.cameraStmt = db.prepare('SELECT scene_change_streak, reset_at FROM baseline_cameras WHERE camera_id = ?');
    this.insertStmt = db.prepare('INSERT INTO baseline_samples (camera_id, check_type, mode, value, taken_at) VALUES (?, ?, ?, ?, ?)');
    // Keeps the newest `window` samples of one camera, check and mode.
    this.trimStmt = db.prepare(`
      DELETE FROM baseline_samples WHERE camera_id = @camera AND check_type = @type AND mode = @mode AND id <= (
        SELECT id FROM baseline_samples WHERE camera_id = @camera AND check_type = @type AND mode = @mode ORDER BY id DESC LIMIT 1 OFFSET @window)`);
    this.clearStmt = db.prepare('DELETE FROM baseline_samples WHERE camera_id = ?');
    this.streakStmt = db.prepare(`
      INSERT INTO baseline_cameras (camera_id, scene_change_streak) VALUES (?, ?)
      ON CONFLICT (camera_id) DO UPDATE SET scene_change_streak = excluded.scene_change_streak`);
    this.resetStmt = db.prepare(`
      INSERT INTO baseline_cameras (camera_id, scene_change_streak, reset_at) VALUES (?, ?, ?)
      ON CONFLICT (camera_id) DO UPDATE SET scene_change_streak = excluded.scene_change_streak, reset_at = excluded.reset_at`);
  }

  history(cameraId: number | string): BaselineHistory {
    const id = bindId(cameraId);
    const samples = this.samplesStmt.all(id).map((r) => parseRow(sampleRow, r, 'baseline_samples'));
    const camera = this.cameraStmt.get(id);
    const state = camera === undefined ? { scene_change_streak: 0, reset_at: null } : parseRow(cameraRow, camera, 'baseline_cameras');
    return { samples, sceneChangeStreak: state.scene_change_streak, resetAt: state.reset_at };
  }

  /** Applies one run's outcome in one transaction (a savepoint inside the write batcher's). */
  update(cameraId: number | string, update: BaselineUpdate, window: number): { ok: true } | StoreFailure {
    if (!Number.isInteger(window) || window < 1) return storeFailure('invalid_input', `A baseline window of ${window} samples is not a positive whole number.`);
    const bad = update.samples.find((s) => !Number.isFinite(s.value));
    if (bad) return storeFailure('invalid_input', `The ${bad.type} value of camera ${cameraId} is not a finite number; the baseline was not updated.`);
    const id = bindId(cameraId);
    const at = this.now();
    const apply = this.db.transaction(() => {
      if (update.reset) {
        this.clearStmt.run(id);
        this.resetStmt.run(id, update.sceneChangeStreak, at);
      } else {
        this.streakStmt.run(id, update.sceneChangeStreak);
      }
      for (const s of update.samples) {
        this.insertStmt.run(id, s.type, s.mode, s.value, at);
        this.trimStmt.run({ camera: id, type: s.type, mode: s.mode, window });
      }
    });
    try {
      apply();
    } catch (error) {
      return storeFailure('write_failed', `The baseline of camera ${cameraId} was not updated: ${describeError(error)}.`);
    }
    return { ok: true };
  }

  /** Forgets everything learned about the camera; returns how many samples were dropped. */
  reset(cameraId: number | string): { ok: true; removed: number } | StoreFailure {
    const id = bindId(cameraId);
    const apply = this.db.transaction(() => {
      const removed = this.clearStmt.run(id).changes;
      this.resetStmt.run(id, 0, this.now());
      return removed;
    });
    try {
      return { ok: true, removed: apply() };
    } catch (error) {
      return storeFailure('write_failed', `The baseline of camera ${cameraId} was not reset: ${describeError(error)}.`);
    }
  }
}
