// What the UI sees: plain data shapes returned by the EdgeApi, on both transports.
import type { Finding } from '../diagnosis/finding.ts';
import type { CheckType, DiagnosisStatus } from '../diagnosis/types.ts';
import type { DiagnosisResultRow } from '../protocol/result-row.ts';

export type BrokerState = 'stopped' | 'connecting' | 'connected' | 'reconnecting';

export interface RunningTaskView {
  runId: string;
  taskId: number | string;
  camerasTotal: number;
  camerasDone: number;
  currentCameras: string[];
  startedAt: number;
  timeoutMs: number;
  priority: number;
}

export interface WaitingTaskView {
  runId: string;
  taskId: number | string;
  receivedAt: number;
  priority: number;
}

export interface TopologyWarningView {
  queue: string;
  /** 'conflict': held with other arguments, used as it is; 'down': its node is down; 'missing': gone. */
  kind: 'conflict' | 'down' | 'missing';
  /** The broker's own words. */
  detail: string;
}

export interface StatusView {
  workerId: string;
  version: string;
  enabled: boolean;
  broker: BrokerState;
  brokerDetail: string;
  /** host, vhost and user of the broker in use; never the password. */
  brokerEndpoint: { host: string; vhost: string; user: string } | null;
  connectedSince: string | null;
  lastHeartbeat: string | null;
  runningTasks: number;
  maxTasks: number;
  today: { done: number; failed: number; timedOut: number; parked: number };
  outboxBacklog: number;
  cpuPercent: number;
  memoryPercent: number;
  uptimeS: number;
  /** Queues that are not as declared: held with other arguments, on a node that is down, or gone. */
  topologyWarnings: TopologyWarningView[];
  /** Set when secrets can only be kept in plain text (Linux without a keyring). */
  secretStorageWarning: string | null;
  firstRun: boolean;
  /** Set while the data folder is below its free-space floor: the worker takes no tasks until there is room. */
  diskLow: { path: string; freeBytes: number; floorBytes: number } | null;
  /** Cameras probed at once now (adapts to CPU and probe latency, up to `ceiling`) and what it gives. */
  probes: ProbeFiguresView;
  /** Set when the database was found corrupt at start: where it was moved and what was carried over. */
  storeRecovery: { at: string; movedTo: string; unsentResults: number; cameras: number; settings: number; unreadable: string[] } | null;
}

export interface ProbeFiguresView {
  concurrency: number;
  running: number;
  ceiling: number;
  /** Probes finished over the last minute. */
  perMinute: number;
  /** Mean time of a probe that got a picture, over the last minute; null when none did. */
  meanLatencyMs: number | null;
}

export interface QueueView {
  running: RunningTaskView[];
  waiting: WaitingTaskView[];
  recent: Array<{ runId: string; taskId: number | string; status: string; finishedAt: number | null; camerasTotal: number }>;
  brokerQueues: Array<{ queue: string; messages: number; consumers: number }> | null;
}

export interface ResultView extends Omit<DiagnosisResultRow, 'thumbnail'> {
  id: number;
  run_id: string;
  created_at: number;
  has_snapshot: boolean;
  /** In both UI languages; null on rows stored by an older version (they show error_message and metrics.message). */
  finding: Finding | null;
  /** The task the result answered; null for a run that is not a platform task. */
  task_id: number | string | null;
}

export interface ResultPageView {
  rows: ResultView[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  next: { createdAt: number; id: number } | null;
}

export interface TrendView {
  type: CheckType;
  points: Array<{ time: number; score: number; status: DiagnosisStatus }>;
}

export interface CameraView {
  id: number | string;
  code: string | null;
  name: string;
  /** Without credentials. */
  streamUrl: string;
  backupStreamUrl: string | null;
  location: string | null;
  username: string | null;
  hasPassword: boolean;
  source: 'local' | 'import' | 'platform';
  /** Set when a task brought the camera: inline in the task message, or looked up on the platform for it. */
  origin: 'task' | 'lookup' | null;
  updatedAt: number;
}

/** A camera's learned normal of one check's headline value, in one picture mode. */
export interface BaselineEntryView {
  type: CheckType;
  mode: 'day' | 'night';
  median: number;
  /** Robust spread: MAD x 1.4826. */
  spread: number;
  /** Healthy runs it was learned from (the newest `window` of them). */
  runs: number;
  /** Enough runs (`minRuns`) to judge by; before that the platform's thresholds alone decide. */
  ready: boolean;
  updatedAt: number;
  /** A black-and-white camera's grey pictures are judged per band of light: the mean luma this one spans. */
  light?: { low: number; high: number };
}

export interface CameraBaselineView {
  cameraId: number | string;
  minRuns: number;
  window: number;
  /** Consecutive runs with a scene change; the baseline starts over when it is confirmed. */
  sceneChangeStreak: number;
  /** When the baseline last started over (operator reset or confirmed scene change). */
  resetAt: number | null;
  entries: BaselineEntryView[];
}

export interface DiagnoseNowView {
  cameraName: string;
  ok: boolean;
  failure: string | null;
  totalMs: number;
  results: Array<{ type: CheckType; status: DiagnosisStatus; score: number; value: number | null; threshold: Record<string, number>; message: { 'zh-CN': string; en: string }; detail: string | null }>;
  snapshot: string | null;
}

export interface LogView {
  time: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

export interface SampleClip {
  name: string;
  path: string;
}
