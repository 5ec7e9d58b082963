// The engine both hosts run (the Electron shell and the headless command): the store, the
// analysis pool, the worker and the EdgeApi service over them. A settings change restarts the
// worker with the new configuration; the store and the pool stay.
import { join } from 'node:path';
import type { ApiService } from '../../../shared/api/contract.ts';
import type { SettingsOverrides, SettingsView } from '../../../shared/api/settings.ts';
import { platformTopology, withEdgeQueueType, withTaskQueue } from '../broker/topology.ts';
import { TaskStatusReporter } from '../platform/task-status-reporter.ts';
import type { TlsOptions } from '../broker/supervisor.ts';
import { resolveWorkerConfig, type ConfigLayer, type WorkerConfig, type WorkerConfigInput } from '../config/worker-config.ts';
import { AnalysisPool } from '../diagnosis/pool/analysis-pool.ts';
import { rememberFfmpegOptionsIn } from '../diagnosis/source/ffmpeg-binary.ts';
import type { Logger } from '../log/logger.ts';
import { PlatformClient } from '../platform/platform-client.ts';
import type { SecretCodec } from '../store/cameras.ts';
import { makePrivate } from '../secrets/private-folder.ts';
import type { Recovery } from '../store/database.ts';
import { openStore, type Store } from '../store/store.ts';
import { SqliteWorkerStore } from '../worker/sqlite-worker-store.ts';
import { Worker } from '../worker/worker.ts';
import { createEdgeService } from './edge-service.ts';
import { effectiveSettings, overriddenSettings } from './settings-overrides.ts';
import { SettingsStore } from './settings-store.ts';

export interface EngineOptions {
  dataDir: string;
  secrets: SecretCodec;
  logger: Logger;
  version: string;
  /** The host's layer below the stored settings (the packaged app's bundled ffmpeg). */
  defaults?: WorkerConfigInput;
  /** Layers above the stored settings (config file, environment, flags), lowest first. */
  overrides?: ConfigLayer[];
  tls?: TlsOptions;
  samplesDir: string;
  /** Shown in the UI when secrets can only be kept in plain text. */
  secretStorageWarning?: string | null;
}

export type EngineOpen = { ok: true; engine: Engine } | { ok: false; message: string };

export class Engine {
  readonly store: Store;
  readonly pool: AnalysisPool;
  readonly settings: SettingsStore;
  readonly service: ApiService;
  private readonly options: EngineOptions;
  private readonly overriddenBy: SettingsOverrides;
  private workerValue: Worker;
  private configValue: WorkerConfig;
  private readonly workerListeners = new Set<(w: Worker) => void>();
  private lifecycle: Promise<void> = Promise.resolve();
  private stopped = false;
  private retentionTimer: NodeJS.Timeout | undefined;

  /** Set when the database was found corrupt at open and rebuilt from what could be read of it. */
  readonly recovery: Recovery | undefined;

  private constructor(options: EngineOptions, store: Store, config: WorkerConfig, recovery: Recovery | undefined) {
    this.options = options;
    this.recovery = recovery;
    this.store = store;
    this.pool = new AnalysisPool();
    this.settings = new SettingsStore(store, options.secrets);
    this.overriddenBy = overriddenSettings(options.overrides ?? []);
    this.configValue = config;
    this.workerValue = this.makeWorker(config);
    this.service = createEdgeService(this, options);
  }

  static open(options: EngineOptions): EngineOpen {
    try {
      makePrivate(options.dataDir);
    } catch (err) {
      return { ok: false, message: `cannot use the data folder ${options.dataDir}: ${err instanceof Error ? err.message : String(err)}` };
    }
    const opened = openStore({ path: join(options.dataDir, 'edge.db'), secrets: options.secrets });
    if (!opened.ok) return { ok: false, message: `cannot open the database: ${opened.message}` };
    // Again now that a new database and its journal exist.
    makePrivate(options.dataDir);
    rememberFfmpegOptionsIn(options.dataDir);
    if (opened.recovery) options.logger.error(`database was corrupt (${opened.recovery.reason}); moved to ${opened.recovery.movedTo}, a new one was created`);
    const config = Engine.resolve(options, new SettingsStore(opened.store, options.secrets));
    if (!config.ok) {
      opened.store.close();
      return config;
    }
    return { ok: true, engine: new Engine(options, opened.store, config.config, opened.recovery) };
  }

  private static resolve(options: EngineOptions, settings: SettingsStore): { ok: true; config: WorkerConfig } | { ok: false; message: string } {
    const stored = settings.saved() ? settings.asConfig() : {};
    const r = resolveWorkerConfig(options.defaults ?? {}, stored, ...(options.overrides ?? []).map((l) => l.config), { dataDir: options.dataDir });
    return r.ok ? r : { ok: false, message: `invalid configuration: ${r.message}` };
  }

  get worker(): Worker {
    return this.workerValue;
  }

  get config(): WorkerConfig {
    return this.configValue;
  }

  /** The settings as the UI shows them: saved values, except where a layer above decides. */
  settingsView(): SettingsView {
    const view = effectiveSettings(this.settings.view(), this.configValue, this.overriddenBy);
    // A password from a layer above is in effect, though the UI never sees it.
    const hasPlatformPassword = view.hasPlatformPassword || this.overriddenBy.platformPassword !== undefined;
    return { ...view, hasPlatformPassword, overriddenBy: this.overriddenBy };
  }

  /** A client of the platform's REST API, when a platform URL is configured. */
  platformClient(): PlatformClient | undefined {
    const c = this.configValue;
    return c.platformUrl ? new PlatformClient({ baseUrl: c.platformUrl, username: c.platformUsername, password: c.platformPassword }) : undefined;
  }

  /** Called with the new worker after each restart, so listeners can re-attach. */
  onWorker(listener: (w: Worker) => void): () => void {
    this.workerListeners.add(listener);
    return () => this.workerListeners.delete(listener);
  }

  start(): void {
    this.options.logger.info(`worker ${this.configValue.workerId} starting: concurrency ${this.configValue.concurrency}, data in ${this.options.dataDir}`);
    this.workerValue.start();
    if (!this.retentionTimer) {
      // Pruning works in small batches between tasks; once an hour keeps the cache within bounds.
      this.retentionTimer = setInterval(() => void this.prune(), 3_600_000);
      this.retentionTimer.unref();
      void this.prune();
    }
  }

  /** Drops results older than the retention period, then the oldest until the size bound holds. */
  async prune(): Promise<void> {
    if (this.stopped) return;
    const c = this.configValue;
    try {
      const r = await this.store.retention.prune({ maxAgeMs: c.retentionDays * 86_400_000, maxBytes: c.retentionMaxMb * 1024 * 1024 });
      if (r.results > 0) this.options.logger.info(`retention: removed ${r.results} results and ${r.snapshots} snapshots`);
    } catch (err) {
      this.options.logger.warn(`retention failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Applies stored settings: running tasks get `drainMs` to finish, then the worker starts anew. */
  restart(drainMs = 30_000): Promise<void> {
    return this.serially(async () => {
      if (this.stopped) return;
      const config = Engine.resolve(this.options, this.settings);
      if (!config.ok) throw new Error(config.message);
      await this.workerValue.shutdown(drainMs);
      this.configValue = config.config;
      this.workerValue = this.makeWorker(config.config);
      for (const l of this.workerListeners) l(this.workerValue);
      this.start();
    });
  }

  stop(drainMs = 30_000): Promise<void> {
    this.stopped = true;
    clearInterval(this.retentionTimer);
    return this.serially(async () => {
      await this.workerValue.shutdown(drainMs);
      await this.pool.close();
      this.store.close();
    });
  }

  /** Restarts and the final stop run one after another, never over each other. */
  private serially(step: () => Promise<void>): Promise<void> {
    const next = this.lifecycle.then(step);
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  private makeWorker(config: WorkerConfig): Worker {
    const base = platformTopology({
      ...(config.topology?.taskQueues ? { taskQueues: config.topology.taskQueues } : {}),
      ...(config.topology?.parkingQueue ? { parkingQueue: config.topology.parkingQueue } : {}),
      ...(config.topology?.declare ? { declare: config.topology.declare } : {}),
    });
    const topology = withEdgeQueueType(config.taskQueue ? withTaskQueue(base, config.taskQueue) : base, config.topology?.queueType ?? 'classic', config.taskQueue);
    // Call after configValue is set: the platform client follows the current configuration.
    const platform = this.platformClient();
    const worker = new Worker(config, {
      store: new SqliteWorkerStore(this.store),
      pool: this.pool,
      logger: this.options.logger,
      topology,
      platform,
      tls: this.options.tls,
      version: this.options.version,
    });
    if (platform) {
      // The platform's task rows follow the edge node's work (its only task update route).
      const reporter = new TaskStatusReporter(platform, config.workerId, this.options.logger);
      worker.on('task-start', (t) => reporter.report(t.taskId, 'RUNNING'));
      worker.on('task-done', (t) => reporter.report(t.taskId, t.status === 'done' ? 'COMPLETED' : 'FAILED'));
    }
    // Disk pressure: free what retention allows now rather than at the next hourly pass.
    worker.on('disk', (state) => {
      if (state.low) void this.prune();
    });
    return worker;
  }
}
