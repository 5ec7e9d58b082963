// Camera health and alerts on a real SQLite file: confirmed transitions only, alerts opened with
// their cause and snapshot, acknowledged, resolved on recovery; committed state survives a reopen.
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../main/core/store/migrations.ts';
import { openSqlite } from '../../main/core/store/sqlite.ts';
import { saveAlertSettings } from '../../main/core/alerts/alert-settings-store.ts';
import type { HealthChanges } from '../../main/core/health/health-tracker.ts';
import { DEFAULT_ALERT_SETTINGS } from '../../shared/alerts/alert-settings.ts';
import { finishedRun, openTestStore, resultMessage, resultRow, useTestStore } from '../store/store-fixtures.ts';

const t = useTestStore();
let n = 0;

/** One run of camera 1 (and a healthy camera 'yard'), `bad` making its occlusion check critical. */
async function run(bad: boolean, at: number, store = t.store): Promise<void> {
  const id = `run-${++n}`;
  const rows = [
    resultRow(1, 'brightness'),
    resultRow(1, 'occlusion', bad ? { diagnosis_status: 'critical', is_abnormal: true, score: 8, error_message: 'Most of the image is covered', suggestions: ['Clear what covers the lens'], snapshot_path: `s/${id}.jpg` } : {}),
    resultRow('yard', 'brightness'),
  ];
  const outcome = await store.completeRun(finishedRun(id, { finishedAt: at }), rows, resultMessage(id));
  expect(outcome.ok).toBe(true);
}

describe('camera health', () => {
  it('one bad run does not change the state; two in a row do, and open one alert with the cause and snapshot', async () => {
    const seen: HealthChanges[] = [];
    t.store.onHealthChange((c) => seen.push(c));
    await run(false, 1000);
    expect(t.store.health.get(1)).toMatchObject({ state: 'normal', since: 1000, lastChecked: 1000, pendingRuns: 0 });
    await run(true, 2000);
    expect(t.store.health.get(1)).toMatchObject({ state: 'normal', since: 1000, pendingToward: 'abnormal', pendingRuns: 1, worstStatus: 'critical', worstCheck: 'occlusion' });
    expect(t.store.alerts.list()).toEqual([]);
    await run(false, 3000);
    expect(t.store.health.get(1)).toMatchObject({ state: 'normal', pendingToward: null, pendingRuns: 0 });
    await run(true, 4000);
    await run(true, 5000);
    const bad = t.store.health.get(1);
    expect(bad).toMatchObject({ state: 'abnormal', since: 4000, worstCheck: 'occlusion', message: 'Most of the image is covered' });
    expect(bad?.recent.map((p) => p.status)).toEqual(['normal', 'critical', 'normal', 'critical', 'critical']);
    const [alert] = t.store.alerts.list();
    const snapshotRow = t.store.results.get(alert!.snapshotResultId!);
    expect(alert).toMatchObject({ cameraId: 1, severity: 'critical', state: 'open', check: 'occlusion', message: 'Most of the image is covered', openedAt: 5000, resolvedAt: null });
    expect(snapshotRow).toMatchObject({ run_id: `run-${n}`, camera_id: 1, snapshot_path: `s/run-${n}.jpg` });
    expect(bad?.openAlertId).toBe(alert!.id);
    expect(t.store.alerts.attention()).toBe(1);
    expect(t.store.health.get('yard')).toMatchObject({ state: 'normal' });
    // Listeners hear of every committed run; only the confirming one carries the alert.
    expect(seen).toHaveLength(5);
    expect(seen.flatMap((c) => c.alerts)).toEqual([{ alert, change: 'opened' }]);
  });

  it('stays abnormal through one good run, recovers after two and resolves the alert (acknowledged or not)', async () => {
    await run(true, 1000);
    await run(true, 2000);
    const id = t.store.alerts.list()[0]!.id;
    const acked = t.store.alerts.acknowledge(id, 'Wang Fang', 'Maintenance called', 2500);
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Wang Fang', acknowledgedAt: 2500, note: 'Maintenance called' });
    expect(t.store.alerts.attention()).toBe(0);
    await run(false, 3000);
    expect(t.store.health.get(1)).toMatchObject({ state: 'abnormal', pendingToward: 'normal', pendingRuns: 1 });
    expect(t.store.alerts.get(id)?.state).toBe('acknowledged');
    const seen: HealthChanges[] = [];
    t.store.onHealthChange((c) => seen.push(c));
    await run(false, 4000);
    expect(t.store.health.get(1)).toMatchObject({ state: 'normal', since: 3000, openAlertId: null });
    expect(t.store.alerts.get(id)).toMatchObject({ state: 'resolved', resolvedAt: 4000, acknowledgedBy: 'Wang Fang' });
    expect(seen[0]?.alerts).toMatchObject([{ change: 'resolved', alert: { id, state: 'resolved' } }]);
    expect(t.store.alerts.list({ state: 'resolved' }).map((a) => a.id)).toEqual([id]);
    expect(t.store.alerts.list({ state: 'open' })).toEqual([]);
  });

  it('checks that could not run (a stopped or timed-out task) give no verdict on the camera', async () => {
    await run(false, 1000);
    const notRun = { diagnosis_status: 'error' as const, is_abnormal: true, score: 0, error_message: 'timeout: the task ran out of time', suggestions: [] };
    for (const [i, at] of [2000, 3000].entries()) {
      const id = `cut-${i}`;
      const outcome = await t.store.completeRun(finishedRun(id, { finishedAt: at, status: 'timed_out' }), [resultRow(1, 'brightness', notRun), resultRow(1, 'occlusion', notRun)], resultMessage(id));
      expect(outcome.ok).toBe(true);
    }
    expect(t.store.health.get(1)).toMatchObject({ state: 'normal', pendingRuns: 0, lastChecked: 1000 });
    expect(t.store.alerts.list()).toEqual([]);
  });

  it('a camera getting worse escalates its unresolved alert, open again even if acknowledged; a milder run does not lower it', async () => {
    const finding = (status: 'warning' | 'critical', check: 'clarity' | 'signal_loss', message: string) =>
      resultRow(1, check, { diagnosis_status: status, is_abnormal: true, score: 10, error_message: message, suggestions: ['Have it looked at'] });
    const store = async (id: string, at: number, row: ReturnType<typeof resultRow>) => expect((await t.store.completeRun(finishedRun(id, { finishedAt: at }), [row], resultMessage(id))).ok).toBe(true);
    await store('w1', 1000, finding('warning', 'clarity', 'Blurred'));
    await store('w2', 2000, finding('warning', 'clarity', 'Blurred'));
    const id = t.store.alerts.list()[0]!.id;
    t.store.alerts.acknowledge(id, 'Wang', null, 2500);
    const seen: HealthChanges[] = [];
    t.store.onHealthChange((c) => seen.push(c));
    await store('c1', 3000, finding('critical', 'signal_loss', 'No picture'));
    expect(t.store.alerts.get(id)).toMatchObject({ severity: 'critical', check: 'signal_loss', message: 'No picture', state: 'open', acknowledgedBy: 'Wang', openedAt: 2000 });
    expect(seen[0]?.alerts).toMatchObject([{ change: 'escalated', alert: { id, severity: 'critical' } }]);
    expect(t.store.alerts.attention()).toBe(1);
    await store('w3', 4000, finding('warning', 'clarity', 'Blurred'));
    expect(t.store.alerts.get(id)).toMatchObject({ severity: 'critical', check: 'signal_loss' });
    expect(t.store.alerts.list()).toHaveLength(1);
  });

  it('takes the number of confirming runs from the alert settings', async () => {
    saveAlertSettings(t.store.settings, { ...DEFAULT_ALERT_SETTINGS, confirmRuns: 3 });
    await run(true, 1000);
    await run(true, 2000);
    expect(t.store.health.get(1)?.state).toBe('unknown');
    await run(true, 3000);
    expect(t.store.health.get(1)).toMatchObject({ state: 'abnormal', since: 1000 });
    saveAlertSettings(t.store.settings, { ...DEFAULT_ALERT_SETTINGS, confirmRuns: 1 });
    await run(false, 4000);
    expect(t.store.health.get(1)).toMatchObject({ state: 'normal', since: 4000 });
    expect(t.store.alerts.list()[0]?.state).toBe('resolved');
  });

  it('a listener that throws does not turn a stored run into a failed write', async () => {
    t.store.onHealthChange(() => {
      throw new Error('the event stream is gone');
    });
    await run(false, 1000);
    expect(t.store.health.get(1)?.state).toBe('normal');
    expect(t.store.events.recent({ kind: 'health.listener_failed' })[0]?.message).toContain('the event stream is gone');
  });

  it('a run that is not stored changes nothing and tells nobody', async () => {
    await run(true, 1000);
    const seen: HealthChanges[] = [];
    t.store.onHealthChange((c) => seen.push(c));
    // The outbox message id is taken: the whole completion rolls back, health included.
    const outcome = t.store.completeRunNow(finishedRun('dup', { finishedAt: 2000 }), [resultRow(1, 'occlusion', { diagnosis_status: 'critical', is_abnormal: true, suggestions: ['Clear what covers the lens'] })], resultMessage('dup', `result-run-${n}`));
    expect(outcome.ok).toBe(false);
    expect(t.store.health.get(1)).toMatchObject({ pendingRuns: 1, lastChecked: 1000 });
    expect(t.store.alerts.list()).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('keeps the state across a reopen of the file, and a new file starts cameras with old results as unknown', async () => {
    await run(true, 1000);
    await run(true, 2000);
    t.store.close();
    t.store = openTestStore(t.path);
    expect(t.store.health.get(1)).toMatchObject({ state: 'abnormal', since: 1000 });
    expect(t.store.alerts.list({ state: 'open' })).toHaveLength(1);
  });

  it('migration 3 lists the cameras of results stored before it as unknown', async () => {
    t.store.close();
    const path = `${t.path}.v2`;
    const db = openSqlite(path, 5000);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 2)).ok).toBe(true);
    db.prepare("INSERT INTO runs (run_id, task_id, status, received_at, envelope) VALUES ('old', 1, 'done', 1, '{}')").run();
    const insert = db.prepare(`INSERT INTO results (run_id, camera_id, camera_name, diagnosis_type, diagnosis_status, score, thresholds, is_abnormal,
      processing_time, suggestions, metrics, created_at) VALUES ('old', ?, ?, ?, 'normal', 90, '{}', 0, 1, '[]', '{}', ?)`);
    insert.run(9, 'Dock', 'brightness', 500);
    insert.run(9, 'Dock', 'clarity', 700);
    insert.run(null, 'a sample clip', 'clarity', 700);
    db.close();
    t.store = openTestStore(path);
    expect(t.store.health.list()).toMatchObject([{ cameraId: 9, cameraName: 'Dock', state: 'unknown', lastChecked: 700, recent: [] }]);
  });
});
