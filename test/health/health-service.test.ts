// The EdgeApi's health methods and event over a real engine and SQLite file (no broker needed):
// the board joins the inventory and the cameras seen in results, a committed run pushes the change,
// an acknowledgement is recorded and pushed, alert settings are validated and kept.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/core/api/dispatch.ts';
import { Engine } from '../../main/core/api/engine.ts';
import { Logger } from '../../main/core/log/logger.ts';
import { fileKeyCodec } from '../../main/core/secrets/file-key-codec.ts';
import type { HealthEvent } from '../../shared/api/health-views.ts';
import { ROOT } from '../support/engine-rig.ts';
import { tempDataDir } from '../support/worker-process.ts';
import { finishedRun, resultMessage, resultRow } from '../store/store-fixtures.ts';

let engine: Engine | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await engine?.stop(0);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function open(): Engine {
  dataDir = tempDataDir();
  const r = Engine.open({ dataDir, secrets: fileKeyCodec(join(dataDir, 'secret.key')), logger: new Logger(), version: 'test', samplesDir: join(ROOT, 'resources', 'samples') });
  if (!r.ok) throw new Error(r.message);
  return r.engine;
}

const dark = { diagnosis_status: 'error' as const, is_abnormal: true, score: 20, error_message: 'Picture too dark', suggestions: ['Check the lighting'] };

describe('health through the EdgeApi', () => {
  it('board, live event, alerts, acknowledgement and alert settings', async () => {
    engine = open();
    const e = engine;
    const cam = e.store.cameras.upsert({ id: 5, name: 'Dock', code: 'D-5', streamUrl: 'rtsp://10.0.0.5/', location: 'Warehouse', extra: { group: 'Logistics' }, source: 'import' });
    expect(cam.ok).toBe(true);
    const events: HealthEvent[] = [];
    e.service.subscribe('health', (ev) => events.push(ev));

    for (const [i, rows] of [[resultRow(5, 'brightness', dark), resultRow('yard', 'brightness')], [resultRow(5, 'brightness', dark)]].entries()) {
      const outcome = await e.store.completeRun(finishedRun(`r${i}`, { finishedAt: 1000 * (i + 1) }), rows, resultMessage(`r${i}`));
      expect(outcome.ok).toBe(true);
    }
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ attention: 1, cameras: [{ cameraId: 5, name: 'Dock', group: 'Logistics', state: 'abnormal' }], alerts: [{ change: 'opened', alert: { cameraId: 5, check: 'brightness', message: 'Picture too dark' } }] });

    const board = await dispatch(e.service, 'board', {});
    expect(board.ok && board.value.map((c) => [c.cameraId, c.name, c.state, c.inInventory, c.location])).toEqual([
      [5, 'Dock', 'abnormal', true, 'Warehouse'],
      ['yard', 'camera yard', 'normal', false, null],
    ]);

    const listed = await dispatch(e.service, 'alerts', { state: 'open' });
    const alert = listed.ok ? listed.value[0] : undefined;
    expect(alert).toMatchObject({ cameraName: 'camera 5', severity: 'error', state: 'open' });
    expect(await dispatch(e.service, 'acknowledgeAlert', { id: alert!.id, by: '  ' })).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(await dispatch(e.service, 'acknowledgeAlert', { id: 999, by: 'Li' })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    const acked = await dispatch(e.service, 'acknowledgeAlert', { id: alert!.id, by: 'Li Na', note: 'Lamp replaced tomorrow' });
    expect(acked).toMatchObject({ ok: true, value: { state: 'acknowledged', acknowledgedBy: 'Li Na', note: 'Lamp replaced tomorrow' } });
    expect(events.at(-1)).toMatchObject({ attention: 0, alerts: [{ change: 'acknowledged' }], cameras: [{ cameraId: 5 }] });

    expect(await dispatch(e.service, 'updateAlertSettings', { confirmRuns: 0, notify: { warning: true, error: true, critical: true, recovered: true }, quietHours: { enabled: false, start: '22:00', end: '07:00' } })).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    const saved = await dispatch(e.service, 'updateAlertSettings', { confirmRuns: 1, notify: { warning: true, error: true, critical: true, recovered: false }, quietHours: { enabled: true, start: '23:00', end: '06:30' } });
    expect(saved.ok).toBe(true);
    expect(await dispatch(e.service, 'alertSettings', {})).toEqual(saved);
    // One healthy run now recovers the camera.
    await e.store.completeRun(finishedRun('r9', { finishedAt: 9000 }), [resultRow(5, 'brightness')], resultMessage('r9'));
    expect(events.at(-1)).toMatchObject({ alerts: [{ change: 'resolved', alert: { id: alert!.id, state: 'resolved' } }], cameras: [{ state: 'normal' }] });
  });
});
