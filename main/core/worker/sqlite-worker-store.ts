// The worker's view of the SQLite store. Writes on the task path go through the store's write
// batcher, so concurrent tasks share fsyncs instead of giving up durability.
import { mkdirSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { z } from 'zod';
import { CameraBaselines } from '../baselines/camera-baselines.ts';
import { SqliteBaselineBook } from '../baselines/sqlite-baseline-book.ts';
import type { ColourFrame, Frame } from '../diagnosis/frame.ts';
import { snapshotFile, snapshotRelativePath } from '../store/snapshots.ts';
import type { Store } from '../store/store.ts';
import type { CameraInventory, InventoryCamera, ResolvedCamera } from './camera-resolver.ts';
import type { OutboxRow } from './outbox-relay.ts';
import type { RunCompletion, RunStart, StoredRunStatus, WorkerStore } from './worker-store.ts';

export class SqliteWorkerStore implements WorkerStore {
  private readonly store: Store;
  readonly cameras: CameraInventory;
  readonly baselines: CameraBaselines;

  constructor(store: Store) {
    this.store = store;
    this.baselines = new CameraBaselines(new SqliteBaselineBook(store));
    this.cameras = { find: (id) => this.inventoryCamera(id) };
  }

  findRun(runId: string): { status: StoredRunStatus; attempts: number } | undefined {
    return this.store.runs.state(runId) ?? undefined;
  }

  async startRun(run: RunStart, durable: boolean): Promise<number> {
    const write = this.store.batcher.submit(() => this.store.runs.begin({ ...run, createdAt: run.createdAt ?? null, scheduledAt: run.scheduledAt ?? null }) ?? 0, {
      lazy: !durable,
    });
    if (!durable) {
      void write;
      return (this.store.runs.state(run.runId)?.attempts ?? 0) + 1;
    }
    const r = await write;
    if (!r.ok) throw new Error(r.message);
    return r.value;
  }

  releaseRun(runId: string): void {
    void this.store.batcher.submit(() => this.store.runs.release(runId), { lazy: true });
  }

  progress(runId: string, camerasDone: number): void {
    void this.store.batcher.submit(() => this.store.runs.progress(runId, camerasDone), { lazy: true });
  }

  async completeRun(c: RunCompletion): Promise<void> {
    // The database keeps snapshot paths relative to its snapshots folder, so the folder can move.
    const rows = c.rows.map(({ thumbnail: _thumbnail, ...row }) => ({
      ...row,
      snapshot_path: row.snapshot_path ? relative(this.store.snapshotsRoot, row.snapshot_path).split(sep).join('/') : null,
    }));
    const outcome = await this.store.completeRun(
      { ...c.run, createdAt: c.run.createdAt ?? null, scheduledAt: c.run.scheduledAt ?? null, status: c.status, error: c.error ?? null },
      rows,
      { messageId: c.outbox.messageId, exchange: c.outbox.exchange, routingKey: c.outbox.routingKey, body: c.outbox.body, headers: c.outbox.headers },
    );
    // Not stored means not acked: the broker will deliver the task again.
    if (!outcome.ok) throw new Error(outcome.message);
  }

  resendRun(runId: string): boolean {
    const row = this.store.outboxForRun(runId);
    return row ? this.store.outbox.resend(row.id) : false;
  }

  pendingOutbox(limit: number, now: number, afterId: number): OutboxRow[] {
    return this.store.outbox.pending(limit, now, afterId).map((r) => ({
      id: r.id,
      messageId: r.messageId,
      exchange: r.exchange,
      routingKey: r.routingKey,
      body: r.body,
      headers: r.headers,
      attempts: r.attempts,
    }));
  }

  async markSent(id: number, now: number): Promise<void> {
    // Lazy: a mark lost in a power cut only means the result is sent once more (consumers dedupe
    // by message_id). The relay keeps the row in flight until this resolves, so it is not re-read.
    await this.store.batcher.submit(() => this.store.outbox.markSent(id, now), { lazy: true });
  }

  async markFailed(id: number, error: string, nextAttemptAt: number): Promise<void> {
    await this.store.batcher.submit(() => this.store.outbox.markFailed(id, error, nextAttemptAt), { lazy: true });
  }

  async replaceBody(id: number, body: Buffer): Promise<void> {
    // Not stored means the row keeps its old body: the broker refuses it again and it is trimmed again.
    await this.store.batcher.submit(() => this.store.outbox.replaceBody(id, body));
  }

  outboxBacklog(): number {
    return this.store.outboxBacklog().pending;
  }

  countsToday(): { done: number; failed: number; timed_out: number; parked: number } {
    return this.store.runs.countsToday();
  }

  reference(cameraId: number | string): Frame | undefined {
    const f = this.store.references.load(cameraId);
    return f ? { width: f.width, height: f.height, rgb: new Uint8Array(f.rgb), time: 0 } : undefined;
  }

  saveReference(cameraId: number | string, frame: ColourFrame): void {
    this.store.references.save(cameraId, { width: frame.width, height: frame.height, rgb: frame.rgb, capturedAt: Date.now() });
  }

  snapshotPath(runId: string, cameraId: number | string): string | undefined {
    const file = snapshotFile(this.store.snapshotsRoot, snapshotRelativePath(runId, cameraId, Date.now()));
    if (!file) return undefined;
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch {
      // No room or no permission for snapshots: diagnose the camera anyway, without one.
      return undefined;
    }
    return file;
  }

  getSetting(key: string): unknown {
    const r = this.store.settings.get(key, z.unknown());
    return r.ok ? r.value : undefined;
  }

  setSetting(key: string, value: unknown): void {
    const r = this.store.settings.set(key, z.unknown(), value);
    if (!r.ok) throw new Error(r.message);
  }

  event(level: 'info' | 'warn' | 'error', kind: string, message: string, data?: Record<string, unknown>): void {
    this.store.events.add({ level, kind, message, data });
  }

  rememberCameras(cameras: readonly ResolvedCamera[]): void {
    const brought = cameras.filter((c) => c.origin === 'inline' || c.origin === 'platform');
    if (brought.length === 0) return;
    void this.store.batcher.submit(
      () => {
        for (const c of brought) {
          const kept = this.store.cameras.rememberFromTask({
            id: c.id,
            name: c.name,
            code: c.code ?? null,
            streamUrl: c.source,
            backupStreamUrl: c.backupSource ?? null,
            location: c.location ?? null,
            username: c.username ?? null,
            password: c.password,
            source: 'platform',
            origin: c.origin === 'inline' ? 'task' : 'lookup',
          });
          if (!kept.ok) this.event('warn', 'camera.not-kept', kept.message, { cameraId: c.id });
        }
      },
      { lazy: true },
    );
  }

  private inventoryCamera(id: number | string): InventoryCamera | undefined {
    const c = this.store.cameras.get(id);
    // The platform stays the source of a camera it was asked for: each task asks it again.
    if (!c || c.origin === 'lookup') return undefined;
    const creds = this.store.cameras.credentials(id);
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      stream_url: c.streamUrl,
      backup_stream_url: c.backupStreamUrl,
      location: c.location,
      username: creds.ok ? creds.username : c.username,
      password: creds.ok ? creds.password : null,
      synced: c.source === 'platform',
    };
  }
}
