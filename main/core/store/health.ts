// camera_health: each camera's confirmed state, its latest run and its recent runs (the board's rows).
import { z } from 'zod';
import type { HealthPoint } from '../../../shared/api/health-views.ts';
import { STATUSES, type DiagnosisStatus } from '../../../shared/diagnosis/types.ts';
import type { HealthStreak } from '../health/transition.ts';
import { jsonColumn, parseRow, toJson } from './json-column.ts';
import { bindId, type Database, type Statement } from './sqlite.ts';

export interface HealthRecord extends HealthStreak {
  cameraId: number | string;
  cameraName: string;
  lastChecked: number | null;
  worstStatus: DiagnosisStatus | null;
  worstCheck: string | null;
  message: string | null;
  /** Oldest first. */
  recent: HealthPoint[];
  openAlertId: number | null;
}

const healthRow = z
  .object({
    camera_id: z.union([z.number(), z.string()]),
    camera_name: z.string(),
    state: z.enum(['unknown', 'normal', 'abnormal']),
    since: z.number().nullable(),
    last_checked: z.number().nullable(),
    worst_status: z.enum(STATUSES).nullable(),
    worst_check: z.string().nullable(),
    message: z.string().nullable(),
    pending_toward: z.enum(['abnormal', 'normal']).nullable(),
    pending_runs: z.number(),
    pending_since: z.number().nullable(),
    recent: jsonColumn(z.array(z.object({ at: z.number(), status: z.enum(STATUSES), score: z.number() }))),
    open_alert_id: z.number().nullable(),
  })
  .transform(
    (r): HealthRecord => ({
      cameraId: r.camera_id,
      cameraName: r.camera_name,
      state: r.state,
      since: r.since,
      pendingToward: r.pending_toward,
      pendingRuns: r.pending_runs,
      pendingSince: r.pending_since,
      lastChecked: r.last_checked,
      worstStatus: r.worst_status,
      worstCheck: r.worst_check,
      message: r.message,
      recent: r.recent,
      openAlertId: r.open_alert_id,
    }),
  );

export class HealthRepository {
  private readonly now: () => number;
  private readonly getStmt: Statement;
  private readonly listStmt: Statement;
  private readonly putStmt: Statement;

  constructor(db: Database, now: () => number) {
    this.now = now;
    this.getStmt = db.prepare('SELECT * FROM camera_health WHERE camera_id = ?');
    this.listStmt = db.prepare('SELECT * FROM camera_health');
    this.putStmt = db.prepare(`
      INSERT INTO camera_health (camera_id, camera_name, state, since, last_checked, worst_status, worst_check, message,
        pending_toward, pending_runs, pending_since, recent, open_alert_id, updated_at)
      VALUES (@camera_id, @camera_name, @state, @since, @last_checked, @worst_status, @worst_check, @message,
        @pending_toward, @pending_runs, @pending_since, @recent, @open_alert_id, @updated_at)
      ON CONFLICT (camera_id) DO UPDATE SET camera_name = excluded.camera_name, state = excluded.state, since = excluded.since,
        last_checked = excluded.last_checked, worst_status = excluded.worst_status, worst_check = excluded.worst_check,
        message = excluded.message, pending_toward = excluded.pending_toward, pending_runs = excluded.pending_runs,
        pending_since = excluded.pending_since, recent = excluded.recent, open_alert_id = excluded.open_alert_id,
        updated_at = excluded.updated_at`);
  }

  get(cameraId: number | string): HealthRecord | null {
    const row = this.getStmt.get(bindId(cameraId));
    return row === undefined ? null : parseRow(healthRow, row, 'camera_health');
  }

  list(): HealthRecord[] {
    return this.listStmt.all().map((row) => parseRow(healthRow, row, 'camera_health'));
  }

  put(r: HealthRecord): void {
    this.putStmt.run({
      camera_id: bindId(r.cameraId),
      camera_name: r.cameraName,
      state: r.state,
      since: r.since,
      last_checked: r.lastChecked,
      worst_status: r.worstStatus,
      worst_check: r.worstCheck,
      message: r.message,
      pending_toward: r.pendingToward,
      pending_runs: r.pendingRuns,
      pending_since: r.pendingSince,
      recent: toJson(r.recent),
      open_alert_id: r.openAlertId,
      updated_at: this.now(),
    });
  }
}
