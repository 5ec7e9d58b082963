// The EdgeApi implementation over the engine: what the window and the headless server both call.
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ApiFailure, type ApiEvent, type ApiEvents, type ApiService, type CameraInput } from '../../../shared/api/contract.ts';
import type { CameraBaselineView, CameraView, QueueView, ResultView, SampleClip } from '../../../shared/api/views.ts';
import type { HealthEvent } from '../../../shared/api/health-views.ts';
import { readAlertSettings, saveAlertSettings } from '../alerts/alert-settings-store.ts';
import { CameraBaselines } from '../baselines/camera-baselines.ts';
import { boardRow, buildBoard } from '../health/board.ts';
import type { HealthChanges } from '../health/health-tracker.ts';
import { SqliteBaselineBook } from '../baselines/sqlite-baseline-book.ts';
import type { StoredResult } from '../store/results.ts';
import { snapshotFile } from '../store/snapshots.ts';
import type { CameraRecord } from '../store/cameras.ts';
import type { Logger } from '../log/logger.ts';
import { SystemLoad } from '../worker/system-load.ts';
import type { Worker } from '../worker/worker.ts';
import type { Engine } from './engine.ts';
import { parseCameraImport } from './camera-import.ts';
import { diagnoseNow } from './diagnose-now.ts';
import { manualRun } from './record-manual-run.ts';
import { statusView } from './status-view.ts';

const SAMPLE_EXTENSIONS = new Set(['.mp4', '.mkv', '.avi', '.ts', '.jpg', '.png']);
const MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024;

export interface ServiceOptions {
  logger: Logger;
  version: string;
  samplesDir: string;
  secretStorageWarning?: string | null;
}

function cameraView(c: CameraRecord): CameraView {
  const { extra: _extra, ...view } = c;
  return view;
}

function resultView(r: StoredResult): ResultView {
  const { snapshot_path, ...rest } = r;
  return { ...rest, has_snapshot: snapshot_path !== null };
}

function baselineView(cameraId: number | string, baselines: CameraBaselines): CameraBaselineView {
  const learned = baselines.learned(cameraId);
  return {
    cameraId,
    minRuns: baselines.options.minRuns,
    window: baselines.options.window,
    sceneChangeStreak: learned.sceneChangeStreak,
    resetAt: learned.resetAt,
    entries: learned.baselines.map(({ type, mode, median, spread, runs, ready, updatedAt, light }) => ({ type, mode, median, spread, runs, ready, updatedAt, ...(light ? { light } : {}) })),
  };
}

export function createEdgeService(engine: Engine, options: ServiceOptions): ApiService {
  const events = new EventEmitter();
  const baselines = new CameraBaselines(new SqliteBaselineBook(engine.store));
  events.setMaxListeners(100);
  const load = new SystemLoad();
  const startedAt = Date.now();
  const emit = <E extends ApiEvent>(event: E, payload: ApiEvents[E]) => events.emit(event, payload);

  const status = () =>
    statusView({
      worker: engine.worker,
      store: engine.store,
      config: engine.config,
      load,
      version: options.version,
      startedAt,
      secretStorageWarning: options.secretStorageWarning ?? null,
      settingsSaved: engine.settings.saved(),
      recovery: engine.recovery,
    });

  const queue = async (): Promise<QueueView> => {
    const s = engine.worker.status();
    const brokerQueues = await engine.worker.queueStatus().catch(() => undefined);
    return {
      running: s.running,
      waiting: s.waiting,
      recent: engine.store.runs
        .recent(20)
        .filter((r) => r.status !== 'received' && r.status !== 'running')
        .map((r) => ({ runId: r.runId, taskId: r.taskId, status: r.status, finishedAt: r.finishedAt, camerasTotal: r.camerasTotal })),
      brokerQueues: brokerQueues ?? null,
    };
  };

  // Follow the current worker across restarts; queue pushes are coalesced like the worker's status.
  let queueTimer: NodeJS.Timeout | undefined;
  const pushQueue = () => {
    if (queueTimer || events.listenerCount('queue') === 0) return;
    queueTimer = setTimeout(() => {
      queueTimer = undefined;
      if (engine.store.isOpen) void queue().then((q) => emit('queue', q));
    }, 250);
    queueTimer.unref();
  };
  const attach = (w: Worker) => {
    w.on('status', () => emit('status', status()));
    w.on('task-start', pushQueue);
    w.on('task-done', (done) => {
      emit('result', done);
      pushQueue();
    });
  };
  attach(engine.worker);
  engine.onWorker(attach);
  options.logger.subscribe((e) => emit('log', { time: e.time, level: e.level, message: e.message }));

  const healthEvent = (changes: Pick<HealthChanges, 'cameras'> & { alerts: HealthEvent['alerts'] }): HealthEvent => ({
    cameras: changes.cameras.map((h) => boardRow(h, engine.store.cameras.get(h.cameraId), h.cameraId)),
    alerts: changes.alerts,
    attention: engine.store.alerts.attention(),
  });
  // Sent once the run's transaction committed: what the UI shows is on disk.
  engine.store.onHealthChange((changes) => {
    emit('health', healthEvent(changes));
    for (const { alert, change } of changes.alerts) {
      const cause = `${alert.check}${alert.message ? `: ${alert.message.en}` : ''}`;
      if (change === 'opened') options.logger.warn(`alert ${alert.id}: camera ${alert.cameraName} is abnormal (${alert.severity}, ${cause})`);
      else options.logger.info(`alert ${alert.id}: camera ${alert.cameraName} recovered`);
    }
  });

  const samples = (): SampleClip[] => {
    if (!existsSync(options.samplesDir)) return [];
    return readdirSync(options.samplesDir)
      .filter((f) => SAMPLE_EXTENSIONS.has(extname(f).toLowerCase()))
      .sort()
      .map((name) => ({ name, path: join(options.samplesDir, name) }));
  };

  const saveCamera = (input: CameraInput, source: CameraRecord['source']): CameraView => {
    const w = engine.store.cameras.upsert({ ...input, source });
    if (!w.ok) throw new ApiFailure('invalid_input', w.message);
    return cameraView(w.camera);
  };

  return {
    status: async () => status(),
    setWorkerEnabled: async ({ enabled, stopRunning }) => {
      await engine.worker.setEnabled(enabled, { stopRunning });
      return status();
    },
    queue,
    stopTask: async ({ runId }) => ({ stopped: engine.worker.stopTask(runId) }),
    results: async ({ limit, before, ...filter }) => {
      const page = engine.store.results.latest(filter, { limit: limit ?? 200, before });
      return { rows: page.rows.map(resultView), next: page.next };
    },
    result: async ({ id }) => {
      const r = engine.store.results.get(id);
      return r ? resultView(r) : null;
    },
    snapshot: async ({ resultId }) => {
      const r = engine.store.results.get(resultId);
      if (!r?.snapshot_path) return { dataUrl: null };
      const file = snapshotFile(engine.store.snapshotsRoot, r.snapshot_path);
      if (!file || !existsSync(file) || statSync(file).size > MAX_SNAPSHOT_BYTES) return { dataUrl: null };
      return { dataUrl: `data:image/jpeg;base64,${readFileSync(file).toString('base64')}` };
    },
    trend: async ({ cameraId, from, to }) =>
      engine.store.results.trend(cameraId, { from, to }).map((s) => ({ type: s.type, points: s.points.map((p) => ({ time: p.at, score: p.score, status: p.status })) })),
    cameras: async () => engine.store.cameras.list().map(cameraView),
    saveCamera: async (input) => saveCamera(input, 'local'),
    removeCamera: async ({ id }) => ({ removed: engine.store.cameras.remove(id) }),
    importCameras: async ({ format, text }) => {
      const parsed = parseCameraImport(format, text);
      let imported = 0;
      const errors = [...parsed.errors];
      for (const c of parsed.cameras) {
        const w = engine.store.cameras.upsert({ ...c, source: 'import' });
        if (w.ok) imported++;
        else errors.push(`camera ${c.id}: ${w.message}`);
      }
      return { imported, errors };
    },
    syncCameras: async () => {
      const platform = engine.platformClient();
      if (!platform) throw new ApiFailure('unavailable', 'No platform URL is configured: set it in Settings to sync cameras.');
      let synced = 0;
      for (let page = 1; page <= 1000; page++) {
        const r = await platform.cameraPage(page, 100);
        if (!r.ok) throw new ApiFailure('failed', r.error.message);
        for (const c of r.value) {
          // An inactive camera is not diagnosed on the platform either.
          if (!c.stream_url || c.is_active === false) continue;
          const w = engine.store.cameras.upsert({
            id: c.id,
            name: c.name ?? c.code ?? String(c.id),
            code: c.code ?? null,
            streamUrl: c.stream_url,
            backupStreamUrl: c.backup_stream_url ?? null,
            location: c.location ?? null,
            username: c.username ?? null,
            password: c.password ?? undefined,
            source: 'platform',
          });
          if (w.ok) synced++;
        }
        if (r.value.length < 100) break;
      }
      return { synced };
    },
    diagnoseNow: async ({ cameraId, sample, types }) => {
      const overrides = engine.settings.get().thresholds;
      if (sample !== undefined) {
        const clip = samples().find((s) => s.name === sample);
        if (!clip) throw new ApiFailure('not_found', `no sample clip named ${sample}`);
        return diagnoseNow({ camera: { name: clip.name, source: clip.path }, types, overrides, ffmpegPath: engine.config.ffmpegPath, pool: engine.pool });
      }
      const camera = cameraId === undefined ? null : engine.store.cameras.get(cameraId);
      if (!camera || cameraId === undefined) throw new ApiFailure('not_found', `no camera ${String(cameraId)} in the local inventory`);
      const creds = engine.store.cameras.credentials(cameraId);
      const reference = engine.store.references.load(cameraId);
      const run = manualRun(engine.store, cameraId, options.logger);
      return diagnoseNow({
        camera: { id: camera.id, name: camera.name, source: camera.streamUrl, username: creds.ok ? (creds.username ?? undefined) : undefined, password: creds.ok ? (creds.password ?? undefined) : undefined },
        types,
        overrides,
        reference: reference ? { width: reference.width, height: reference.height, rgb: new Uint8Array(reference.rgb), time: 0 } : undefined,
        ffmpegPath: engine.config.ffmpegPath,
        pool: engine.pool,
        baselines,
        snapshotPath: run.snapshotPath,
        record: async (d) => {
          await run.record(d);
          emit('result', { runId: run.runId, taskId: 'diagnose-now', status: 'done' });
        },
      });
    },
    baselines: async ({ cameraId }) => baselineView(cameraId, baselines),
    resetBaseline: async ({ cameraId }) => {
      // After a move or re-aim the old picture is no reference either: the next run takes a new one.
      const reset = engine.store.baselines.reset(cameraId);
      if (!reset.ok) throw new ApiFailure('failed', reset.message);
      engine.store.references.remove(cameraId);
      options.logger.info(`baseline of camera ${String(cameraId)} reset by the operator (${reset.removed} learned values dropped)`);
      return { removed: reset.removed };
    },
    samples: async () => samples(),
    getSettings: async () => engine.settingsView(),
    updateSettings: async (change) => {
      const workerSettings = () => JSON.stringify(engine.settings.saved() ? engine.settings.asConfig() : {});
      const before = workerSettings();
      try {
        engine.settings.update(change);
      } catch (err) {
        throw new ApiFailure('invalid_input', err instanceof Error ? err.message : String(err));
      }
      // Only a change the worker uses restarts it (not the language, say). Running tasks get a
      // short drain; the new settings take effect on the new worker.
      const workerRestarts = workerSettings() !== before;
      if (workerRestarts) {
        options.logger.info('settings saved: the worker restarts to use them');
        void engine.restart(10_000).catch((err: unknown) => options.logger.error(`settings saved, but the worker did not restart: ${String(err)}`));
      }
      return { ...engine.settingsView(), workerRestarts };
    },
    logs: async ({ level, limit }) => options.logger.recent(limit ?? 500, level ?? 'debug').map((e) => ({ time: e.time, level: e.level, message: e.message })),
    board: async () => buildBoard(engine.store.cameras.list(), engine.store.health.list()),
    alerts: async (query) => engine.store.alerts.list(query),
    acknowledgeAlert: async ({ id, by, note }) => {
      const alert = engine.store.alerts.acknowledge(id, by, note === undefined || note === '' ? null : note, Date.now());
      if (!alert) throw new ApiFailure('not_found', `no alert ${id}`);
      options.logger.info(`alert ${id} (camera ${alert.cameraName}) acknowledged by ${by}`);
      const health = engine.store.health.get(alert.cameraId);
      emit('health', healthEvent({ cameras: health ? [health] : [], alerts: [{ alert, change: 'acknowledged' }] }));
      return alert;
    },
    alertSettings: async () => readAlertSettings(engine.store.settings),
    updateAlertSettings: async (value) => {
      try {
        return saveAlertSettings(engine.store.settings, value);
      } catch (err) {
        throw new ApiFailure('failed', err instanceof Error ? err.message : String(err));
      }
    },
    subscribe(event, listener) {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
  };
}
