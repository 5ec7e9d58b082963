// What the worker needs from the local store; the SQLite store implements it (store/worker-store-adapter).
import type { Finding } from '../../../shared/diagnosis/finding.ts';
import type { DiagnosisResultRow } from '../../../shared/protocol/result-row.ts';
import type { CameraBaselines } from '../baselines/camera-baselines.ts';
import type { ColourFrame, Frame } from '../diagnosis/frame.ts';
import type { CameraInventory, ResolvedCamera } from './camera-resolver.ts';
import type { OutboxStore } from './outbox-relay.ts';

export type StoredRunStatus = 'received' | 'running' | 'done' | 'failed' | 'timed_out' | 'parked';

export interface RunStart {
  runId: string;
  taskId: number | string;
  createdAt?: string;
  scheduledAt?: string;
  priority: number;
  camerasTotal: number;
  envelope: unknown;
}

export interface OutboxMessage {
  messageId: string;
  exchange: string;
  routingKey: string;
  body: Buffer;
  headers?: Record<string, unknown>;
}

export interface RunCompletion {
  run: RunStart;
  status: 'done' | 'failed' | 'timed_out' | 'parked';
  /** `finding`: the row's message and advice in both UI languages (the platform row holds zh-CN only). */
  rows: Array<DiagnosisResultRow & { snapshot_path?: string | null; finding?: Finding }>;
  outbox: OutboxMessage;
  error?: string;
}

export interface WorkerStore extends OutboxStore {
  findRun(runId: string): { status: StoredRunStatus; attempts: number } | undefined;
  /**
   * Records that a run starts and returns how many times it was started (1 on a first start).
   * With `durable` it resolves after the commit; without, the write joins the next group commit.
   */
  startRun(run: RunStart, durable: boolean): Promise<number>;
  /** A run handed back on purpose (stopped, switched off): its start is not counted as a crash. */
  releaseRun(runId: string): void;
  progress(runId: string, camerasDone: number): void;
  /** Results, run status and outbox row in one durable transaction; resolves after the commit. */
  completeRun(completion: RunCompletion): Promise<void>;
  /** Marks the stored result of a finished run to be sent again; false when there is none. */
  resendRun(runId: string): boolean;
  outboxBacklog(): number;
  countsToday(): { done: number; failed: number; timed_out: number; parked: number };
  cameras: CameraInventory;
  /** Keeps the cameras a task brought (inline or looked up on the platform) in the local inventory. */
  rememberCameras?(cameras: readonly ResolvedCamera[]): void;
  reference(cameraId: number | string): Frame | undefined;
  saveReference(cameraId: number | string, frame: ColourFrame): void;
  /** Each camera's learned normal; without it the platform's absolute thresholds alone decide. */
  baselines?: CameraBaselines;
  /** Where to keep this camera's snapshot; undefined when no snapshot can be kept (the probe goes on). */
  snapshotPath(runId: string, cameraId: number | string): string | undefined;
  getSetting(key: string): unknown;
  setSetting(key: string, value: unknown): void;
  event(level: 'info' | 'warn' | 'error', kind: string, message: string, data?: Record<string, unknown>): void;
}
