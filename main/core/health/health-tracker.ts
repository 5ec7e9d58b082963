// Moves each camera's health with every stored run, inside the transaction that stores the run:
// a confirmed fault opens an alert with its cause and snapshot, a confirmed recovery resolves it.
import type { AlertSeverity } from '../../../shared/alerts/alert-settings.ts';
import type { AlertView } from '../../../shared/api/health-views.ts';
import type { AlertsRepository } from '../store/alerts.ts';
import type { HealthRecord, HealthRepository } from '../store/health.ts';
import { runOutcomes, STATUS_RANK, type HealthRow } from './run-outcome.ts';
import { nextStreak, UNKNOWN } from './transition.ts';

/** Runs kept per camera for the board's sparkline. */
export const RECENT_RUNS = 20;

export interface HealthChanges {
  cameras: HealthRecord[];
  alerts: Array<{ alert: AlertView; change: 'opened' | 'escalated' | 'resolved' }>;
}

export class HealthTracker {
  private readonly health: HealthRepository;
  private readonly alerts: AlertsRepository;
  private readonly confirmRuns: () => number;

  constructor(health: HealthRepository, alerts: AlertsRepository, confirmRuns: () => number) {
    this.health = health;
    this.alerts = alerts;
    this.confirmRuns = confirmRuns;
  }

  /** Call inside the transaction that stores `rows` (one run's), at the run's time. */
  record(rows: readonly HealthRow[], at: number): HealthChanges {
    const changes: HealthChanges = { cameras: [], alerts: [] };
    const confirmRuns = this.confirmRuns();
    for (const outcome of runOutcomes(rows)) {
      const before = this.health.get(outcome.cameraId);
      const { streak, change } = nextStreak(before ?? UNKNOWN, outcome.abnormal, at, confirmRuns);
      let openAlertId = before?.openAlertId ?? null;
      // A row marked abnormal with a 'normal' status (a task's own verdict) still warns.
      const severity: AlertSeverity = outcome.worstStatus === 'normal' ? 'warning' : outcome.worstStatus;
      const cause = { severity, check: outcome.worstCheck, message: outcome.message, snapshotResultId: outcome.snapshotResultId };
      if (change === 'went_abnormal') {
        const alert = this.alerts.open({ ...cause, cameraId: outcome.cameraId, cameraName: outcome.cameraName, openedAt: at });
        openAlertId = alert.id;
        changes.alerts.push({ alert, change: 'opened' });
      } else if (streak.state === 'abnormal' && outcome.abnormal && openAlertId !== null) {
        const current = this.alerts.get(openAlertId);
        if (current && current.state !== 'resolved' && STATUS_RANK[severity] > STATUS_RANK[current.severity]) {
          const alert = this.alerts.escalate(openAlertId, cause);
          if (alert) changes.alerts.push({ alert, change: 'escalated' });
        }
      } else if (change === 'recovered') {
        for (const alert of this.alerts.resolveCamera(outcome.cameraId, at)) changes.alerts.push({ alert, change: 'resolved' });
        openAlertId = null;
      }
      const record: HealthRecord = {
        ...streak,
        cameraId: outcome.cameraId,
        cameraName: outcome.cameraName,
        lastChecked: at,
        worstStatus: outcome.worstStatus,
        worstCheck: outcome.worstCheck,
        message: outcome.message,
        recent: [...(before?.recent ?? []), { at, status: outcome.worstStatus, score: outcome.lowestScore }].slice(-RECENT_RUNS),
        openAlertId,
      };
      this.health.put(record);
      changes.cameras.push(record);
    }
    return changes;
  }
}
