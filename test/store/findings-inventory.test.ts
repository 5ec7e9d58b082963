// Issue 11 items 3 and 4 on a real SQLite file: findings kept in both languages beside the
// platform's one-language row, rows from before still readable, cameras a task brought kept in
// the inventory (sealed, without overwriting the operator's), "Diagnose now" runs kept apart from tasks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureResult } from '../../main/core/diagnosis/failure-result.ts';
import type { CameraDiagnosis } from '../../main/core/diagnosis/camera-probe.ts';
import { findingOf, toResultRows } from '../../main/core/diagnosis/result-rows.ts';
import { sourceFailure } from '../../main/core/diagnosis/source/failure.ts';
import { migrate, MIGRATIONS } from '../../main/core/store/migrations.ts';
import { manualRunId } from '../../main/core/store/runs.ts';
import { openSqlite } from '../../main/core/store/sqlite.ts';
import { DEFAULT_THRESHOLDS } from '../../shared/diagnosis/thresholds.ts';
import { aesCodec, finishedRun, openTestStore, resultMessage, resultRow, useTestStore } from './store-fixtures.ts';

const t = useTestStore();

function frozenCamera(): CameraDiagnosis {
  return {
    camera: { id: 7, name: 'Gate 7', source: 'rtsp://192.0.2.7/main' },
    ok: true,
    capturedAt: '2026-11-30T08:00:00.000Z',
    totalMs: 900,
    results: [
      {
        type: 'freeze',
        status: 'error',
        score: 20,
        threshold: { ...DEFAULT_THRESHOLDS.freeze },
        metrics: { value: 0, spanSeconds: 1.8 },
        message: { 'zh-CN': '画面冻结（1.8 秒内画面重复）', en: 'Picture frozen (the same picture repeated within 1.8 s)' },
        processingTimeMs: 4,
      },
    ],
  };
}

function unreachableCamera(): CameraDiagnosis {
  const failure = sourceFailure('auth_failed', 'The source rtsp://192.0.2.8/main rejected the credentials (check user name and password). ffmpeg: "401 Unauthorized"');
  return { camera: { id: 8, name: 'Gate 8', source: 'rtsp://192.0.2.8/main' }, ok: false, failure, capturedAt: '2026-11-30T08:00:00.000Z', totalMs: 300, results: [failureResult(failure, 300, true)] };
}

function storedRows(d: CameraDiagnosis) {
  return toResultRows(d).map(({ thumbnail: _t, ...row }, i) => ({ ...row, finding: findingOf(d.results[i]!) }));
}

describe('findings in both languages', () => {
  it('keeps message, advice and the raw source words in zh-CN and en beside the zh-CN platform row, across a reopen', () => {
    const rows = [...storedRows(frozenCamera()), ...storedRows(unreachableCamera())];
    expect(t.store.completeRunNow(finishedRun('12@a'), rows, resultMessage('12@a')).ok).toBe(true);
    t.store.close();
    t.store = openTestStore(t.path);

    const [failed, frozen] = t.store.results.latest().rows;
    expect(frozen!.finding).toEqual({
      message: { 'zh-CN': '画面冻结（1.8 秒内画面重复）', en: 'Picture frozen (the same picture repeated within 1.8 s)' },
      suggestions: [{ 'zh-CN': '重启摄像机或编码器，检查码流', en: 'Restart the camera or encoder and check the stream' }],
    });
    // The platform's row is as before: zh-CN.
    expect(frozen!.error_message).toBe('画面冻结（1.8 秒内画面重复）');
    expect(frozen!.suggestions).toEqual(['重启摄像机或编码器，检查码流']);
    expect(frozen!.task_id).toBe(12);

    // A camera that could not be opened: the classified reason is the headline, in both languages,
    // the advice fits the reason, and ffmpeg's own words are the detail.
    expect(failed!.finding!.message).toEqual({ 'zh-CN': '视频信号丢失：认证失败（用户名或密码错误）', en: 'Signal lost: Authentication failed (wrong user name or password)' });
    expect(failed!.finding!.suggestions[0]).toEqual({ 'zh-CN': '核对摄像机的用户名和密码', en: "Check the camera's user name and password" });
    expect(failed!.finding!.detail).toContain('ffmpeg: "401 Unauthorized"');
    expect(failed!.error_message).toContain('auth_failed: ');
    expect(failed!.suggestions).toEqual(['检查摄像机供电、网络与视频线缆']);
  });

  it('reads rows stored before findings were kept, after migrating an older file', () => {
    t.store.close();
    const path = join(t.dir, 'old.db');
    const db = openSqlite(path, 1000);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 2))).toMatchObject({ ok: true, to: 2 });
    db.prepare(`INSERT INTO runs (run_id, task_id, status, received_at, envelope) VALUES ('5@x', 5, 'done', 1, '{}')`).run();
    db.prepare(
      `INSERT INTO results (run_id, camera_id, camera_name, diagnosis_type, diagnosis_status, score, threshold, thresholds, is_abnormal,
        processing_time, error_message, suggestions, metrics, image_timestamp, snapshot_path, created_at)
       VALUES ('5@x', 3, 'Gate 3', 'noise', 'warning', 50, 15, '{"noise_max":15}', 1, 2, '噪声干扰', '["调整增益"]', '{"value":17,"message":"噪声干扰"}', NULL, NULL, 10)`,
    ).run();
    db.close();
    t.store = openTestStore(path);
    const [old] = t.store.results.latest().rows;
    expect(old).toMatchObject({ camera_name: 'Gate 3', finding: null, error_message: '噪声干扰', task_id: 5 });
    expect(t.store.cameras.list()).toEqual([]);
  });

  it('finds a camera not in the inventory by the name its results carry', () => {
    const rows = [resultRow(1, 'brightness', { camera_name: 'Gate 1' }), resultRow('x-2', 'brightness', { camera_name: 'Lobby east' })];
    expect(t.store.completeRunNow(finishedRun('12@b'), rows, resultMessage('12@b')).ok).toBe(true);
    expect(t.store.results.latest({ cameraName: 'Lobby east' }).rows.map((r) => r.camera_id)).toEqual(['x-2']);
    expect(t.store.results.latest({ cameraName: 'Lobby' }).rows).toEqual([]);
  });
});

describe('"Diagnose now" runs', () => {
  it('join the camera history without counting or listing as tasks', async () => {
    expect(t.store.completeRunNow(finishedRun('12@c', { finishedAt: Date.now() }), [resultRow(7, 'freeze')], resultMessage('12@c')).ok).toBe(true);
    const runId = manualRunId(7, Date.now());
    const stored = await t.store.recordLocalRun(
      { runId, taskId: 'diagnose-now', status: 'done', camerasTotal: 1, envelope: { cameraId: 7 } },
      storedRows(frozenCamera()),
    );
    expect(stored).toEqual({ ok: true, value: 1 });
    const rows = t.store.results.latest({ cameraId: 7 }).rows;
    expect(rows.map((r) => [r.run_id, r.task_id])).toEqual([
      [runId, null],
      ['12@c', 12],
    ]);
    expect(t.store.results.trend(7, { from: 0, to: Date.now() + 1 })[0]!.points).toHaveLength(2);
    expect(t.store.runs.recent(10).map((r) => r.runId)).toEqual(['12@c']);
    expect(t.store.runs.countsToday().done).toBe(1);
    // No outbox message: nothing is sent to the platform for it.
    expect(t.store.outboxBacklog().pending).toBe(1);
  });
});

describe('cameras a task brought', () => {
  const brought = { id: 31, name: 'Dock 31', code: 'D-31', streamUrl: 'rtsp://ops:Dock-Pa55@192.0.2.31/ch1', location: 'Dock', source: 'platform' as const, origin: 'task' as const };

  it('are kept with their origin, the password sealed, and written again only when they change', () => {
    const first = t.store.cameras.rememberFromTask(brought);
    expect(first).toMatchObject({ ok: true, changed: true, camera: { id: 31, name: 'Dock 31', origin: 'task', source: 'platform', streamUrl: 'rtsp://192.0.2.31/ch1', username: 'ops', hasPassword: true } });
    expect(t.store.cameras.credentials(31)).toEqual({ ok: true, username: 'ops', password: 'Dock-Pa55' });
    t.store.close();
    const bytes = Buffer.concat(readdirSync(t.dir).filter((f) => f.startsWith('edge.db')).map((f) => readFileSync(join(t.dir, f))));
    expect(bytes.includes(Buffer.from('Dock-Pa55'))).toBe(false);
    t.store = openTestStore(t.path, { secrets: aesCodec() });

    // Another key: the stored password cannot be read, so the same camera is written again, sealed anew.
    expect(t.store.cameras.rememberFromTask(brought).changed).toBe(true);
    const updatedAt = t.store.cameras.get(31)!.updatedAt;
    expect(t.store.cameras.rememberFromTask(brought)).toMatchObject({ ok: true, changed: false });
    expect(t.store.cameras.rememberFromTask({ ...brought, streamUrl: 'rtsp://192.0.2.31/ch2' })).toMatchObject({ changed: true, camera: { streamUrl: 'rtsp://192.0.2.31/ch2', hasPassword: true } });
    expect(t.store.cameras.get(31)!.updatedAt).toBeGreaterThanOrEqual(updatedAt);
    expect(t.store.cameras.rememberFromTask({ ...brought, streamUrl: 'rtsp://192.0.2.31/ch2', origin: 'lookup' })).toMatchObject({ camera: { origin: 'lookup' } });
  });

  it('never overwrite a camera the operator saved, imported or synced', () => {
    expect(t.store.cameras.upsert({ id: 31, name: 'Dock (entered here)', streamUrl: 'rtsp://192.0.2.99/x', source: 'local' }).ok).toBe(true);
    expect(t.store.cameras.rememberFromTask(brought)).toMatchObject({ ok: true, changed: false, camera: { name: 'Dock (entered here)', origin: null, source: 'local' } });
    // The operator's own sync takes a task camera over: it is no longer marked as brought by a task.
    t.store.cameras.rememberFromTask({ ...brought, id: 32 });
    expect(t.store.cameras.upsert({ id: 32, name: 'Dock 32', streamUrl: 'rtsp://192.0.2.32/ch1', source: 'platform' }).ok).toBe(true);
    expect(t.store.cameras.get(32)!.origin).toBeNull();
  });
});
