// alerts: a camera confirmed bad opens one; the operator acknowledges it (who, when, a note); the
// camera's confirmed recovery resolves it. Rows are kept as the camera's alert history.
import { z } from 'zod';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../../shared/alerts/alert-settings.ts';
import type { AlertState, AlertView } from '../../../shared/api/health-views.ts';
import { parseRow } from './json-column.ts';
import { bindId, type Database, type SqlValue, type Statement } from './sqlite.ts';

export interface AlertOpen {
  cameraId: number | string;
  cameraName: string;
  severity: AlertSeverity;
  check: string;
  message: string | null;
  snapshotResultId: number | null;
  openedAt: number;
}

export interface AlertQuery {
  state?: AlertState;
  cameraId?: number | string;
  limit?: number;
  before?: number;
}

const alertRow = z
  .object({
    id: z.number(),
    camera_id: z.union([z.number(), z.string()]),
    camera_name: z.string(),
    severity: z.enum(ALERT_SEVERITIES),
    state: z.enum(['open', 'acknowledged', 'resolved']),
    check_type: z.string(),
    message: z.string().nullable(),
    snapshot_result_id: z.number().nullable(),
    opened_at: z.number(),
    acknowledged_at: z.number().nullable(),
    acknowledged_by: z.string().nullable(),
    note: z.string().nullable(),
    resolved_at: z.number().nullable(),
  })
  .transform(
    (r): AlertView => ({
      id: r.id,
      cameraId: r.camera_id,
      cameraName: r.camera_name,
      severity: r.severity,
      state: r.state,
      check: r.check_type,
      message: r.message,
      snapshotResultId: r.snapshot_result_id,
      openedAt: r.opened_at,
      acknowledgedAt: r.acknowledged_at,
      acknowledgedBy: r.acknowledged_by,
      note: r.note,
      resolvedAt: r.resolved_at,
    }),
  );

export class AlertsRepository {
  private readonly db: Database;
  private readonly insertStmt: Statement;
  private readonly getStmt: Statement;
  private readonly ackStmt: Statement;
  private readonly unresolvedStmt: Statement;
  private readonly resolveStmt: Statement;
  private readonly attentionStmt: Statement;
  private readonly escalateStmt: Statement;
  private readonly queries = new Map<string, Statement>();

  constructor(db: Database) {
    this.db = db;
    this.insertStmt = db.prepare(`
      INSERT INTO alerts (camera_id, camera_name, severity, state, check_type, message, snapshot_result_id, opened_at)
      VALUES (?, ?, ?, 'open', ?, ?, ?, ?)`);
    this.getStmt = db.prepare('SELECT * FROM alerts WHERE id = ?');
    this.ackStmt = db.prepare(`UPDATE alerts SET state = CASE state WHEN 'open' THEN 'acknowledged' ELSE state END,
      acknowledged_at = ?, acknowledged_by = ?, note = ? WHERE id = ?`);
    this.unresolvedStmt = db.prepare("SELECT id FROM alerts WHERE camera_id = ? AND state <> 'resolved'").pluck();
    this.resolveStmt = db.prepare("UPDATE alerts SET state = 'resolved', resolved_at = ? WHERE id = ?");
    this.escalateStmt = db.prepare(`UPDATE alerts SET severity = ?, check_type = ?, message = ?, snapshot_result_id = coalesce(?, snapshot_result_id), state = 'open'
      WHERE id = ? AND state <> 'resolved'`);
    this.attentionStmt = db.prepare("SELECT count(DISTINCT camera_id) FROM alerts WHERE state = 'open'").pluck();
  }

  open(a: AlertOpen): AlertView {
    const id = Number(this.insertStmt.run(bindId(a.cameraId), a.cameraName, a.severity, a.check, a.message, a.snapshotResultId, a.openedAt).lastInsertRowid);
    return this.get(id) as AlertView;
  }

  get(id: number): AlertView | null {
    const row = this.getStmt.get(id);
    return row === undefined ? null : parseRow(alertRow, row, 'alerts');
  }

  /** Records who acknowledged and when; an alert resolved meanwhile keeps its state but takes the note. */
  acknowledge(id: number, by: string, note: string | null, at: number): AlertView | null {
    if (this.ackStmt.run(at, by, note, id).changes === 0) return null;
    return this.get(id);
  }

  /** A worse finding on an unresolved alert: the new severity and cause, and open again for attention (an earlier acknowledgement stays recorded). */
  escalate(id: number, to: Omit<AlertOpen, 'cameraId' | 'cameraName' | 'openedAt'>): AlertView | null {
    if (this.escalateStmt.run(to.severity, to.check, to.message, to.snapshotResultId, id).changes === 0) return null;
    return this.get(id);
  }

  /** Resolves every unresolved alert of the camera; returns them as resolved. */
  resolveCamera(cameraId: number | string, at: number): AlertView[] {
    const ids = this.unresolvedStmt.all(bindId(cameraId)) as number[];
    for (const id of ids) this.resolveStmt.run(at, id);
    return ids.map((id) => this.get(id) as AlertView);
  }

  /** Cameras with an alert nobody has acknowledged yet. */
  attention(): number {
    return this.attentionStmt.get() as number;
  }

  /** Newest first. */
  list(q: AlertQuery = {}): AlertView[] {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (q.state !== undefined) {
      where.push('state = ?');
      params.push(q.state);
    }
    if (q.cameraId !== undefined) {
      where.push('camera_id = ?');
      params.push(bindId(q.cameraId));
    }
    if (q.before !== undefined) {
      where.push('id < ?');
      params.push(q.before);
    }
    params.push(Math.max(1, Math.min(1000, q.limit ?? 200)));
    const sql = `SELECT * FROM alerts${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    let stmt = this.queries.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      this.queries.set(sql, stmt);
    }
    return stmt.all(...params).map((row) => parseRow(alertRow, row, 'alerts'));
  }
}
