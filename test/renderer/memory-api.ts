// An in-memory EdgeApi for component tests: realistic data, 100k results made on demand by index,
// a record of every call, scripted failures and events pushed like the real transports push them.
import { API_METHOD_NAMES, type ApiError, type ApiEvent, type ApiEvents, type ApiInput, type ApiMethod, type ApiOutputs, type ApiResult, type EdgeApi } from '../../shared/api/contract.ts';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../../shared/alerts/alert-settings.ts';
import type { AlertView, BoardCameraView } from '../../shared/api/health-views.ts';
import { DEFAULT_SETTINGS, type Settings, type SettingsView } from '../../shared/api/settings.ts';
import type { CameraBaselineView, CameraView, DiagnoseNowView, LogView, QueueView, ResultView, SampleClip, StatusView, TrendView } from '../../shared/api/views.ts';
import { DEFAULT_THRESHOLDS } from '../../shared/diagnosis/thresholds.ts';
import type { Finding } from '../../shared/diagnosis/finding.ts';
import { ALL_CHECKS, type DiagnosisStatus } from '../../shared/diagnosis/types.ts';

export const RESULT_COUNT = 100_000;
/** The newest result's time; each older one is 30 s earlier. */
export const NEWEST_AT = Date.UTC(2026, 10, 20, 8, 0, 0);
const STEP_MS = 30_000;
const CAMERA_COUNT = 50;
export const SNAPSHOT_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function statusAt(i: number): DiagnosisStatus {
  if (i % 23 === 0) return 'critical';
  if (i % 11 === 0) return 'error';
  if (i % 7 === 0) return 'warning';
  return 'normal';
}

function findingAt(status: DiagnosisStatus): Finding {
  if (status === 'normal') return { message: { 'zh-CN': '画面正常', en: 'Picture is fine' }, suggestions: [] };
  return { message: { 'zh-CN': '画面模糊', en: 'Picture blurred' }, suggestions: [{ 'zh-CN': '清洁镜头并重新对焦', en: 'Clean the lens and refocus' }] };
}

/** Result number i, 0 being the newest: made from its index alone, so none is stored. */
export function resultAt(i: number): ResultView {
  const type = ALL_CHECKS[i % ALL_CHECKS.length]!;
  const camera = (i % CAMERA_COUNT) + 1;
  const status = statusAt(i);
  const thresholds = DEFAULT_THRESHOLDS[type];
  return {
    id: RESULT_COUNT - i,
    run_id: `run-${Math.floor(i / 100)}`,
    created_at: NEWEST_AT - i * STEP_MS,
    has_snapshot: i % 3 === 0,
    camera_id: camera,
    camera_name: `Gate ${camera}`,
    diagnosis_type: type,
    diagnosis_status: status,
    score: status === 'normal' ? 85 : status === 'warning' ? 50 : 20,
    threshold: Object.values(thresholds)[0] ?? null,
    thresholds,
    is_abnormal: status !== 'normal',
    processing_time: 12 + (i % 40),
    error_message: status === 'normal' ? null : '清洁镜头并重新对焦',
    suggestions: status === 'normal' ? [] : ['清洁镜头并重新对焦'],
    // Every 50th row, from the third, was stored before findings were kept in both languages: its
    // message is in the metrics, in the platform's language.
    metrics: { value: 0.42 + (i % 10) / 100, frames: 5, ...(i % 50 === 2 ? { message: '画面清晰' } : {}) },
    image_timestamp: null,
    finding: i % 50 === 2 ? null : findingAt(status),
    // Every 100th row, from the second, is a "Diagnose now" of the operator: no task.
    task_id: i % 100 === 1 ? null : 1000 + Math.floor(i / 100),
  };
}

function matches(row: ResultView, input: ApiInput<'results'>): boolean {
  if (input.cameraId !== undefined && String(row.camera_id) !== String(input.cameraId)) return false;
  if (input.cameraName !== undefined && row.camera_name !== input.cameraName) return false;
  if (input.type !== undefined && row.diagnosis_type !== input.type) return false;
  if (input.status !== undefined && row.diagnosis_status !== input.status) return false;
  if (input.abnormal !== undefined && row.is_abnormal !== input.abnormal) return false;
  if (input.from !== undefined && row.created_at < input.from) return false;
  if (input.to !== undefined && row.created_at >= input.to) return false;
  return true;
}

export function makeStatus(over: Partial<StatusView> = {}): StatusView {
  return {
    workerId: 'edge-007',
    version: '0.1.0',
    enabled: true,
    broker: 'connected',
    brokerDetail: '',
    brokerEndpoint: { host: 'mq.example.local:5672', vhost: '/easysight', user: 'edge' },
    connectedSince: new Date(NEWEST_AT - 3_600_000).toISOString(),
    lastHeartbeat: new Date(NEWEST_AT).toISOString(),
    runningTasks: 2,
    maxTasks: 3,
    today: { done: 41, failed: 3, timedOut: 1, parked: 0 },
    outboxBacklog: 7,
    cpuPercent: 37.4,
    memoryPercent: 52.1,
    uptimeS: 93_784,
    topologyWarnings: [],
    secretStorageWarning: null,
    firstRun: false,
    diskLow: null,
    probes: { concurrency: 12, running: 9, ceiling: 24, perMinute: 318, meanLatencyMs: 2450 },
    storeRecovery: null,
    ...over,
  };
}

function makeQueue(): QueueView {
  const now = Date.now();
  return {
    running: [
      { runId: 'run-a', taskId: 1201, camerasTotal: 12, camerasDone: 5, currentCameras: ['Gate 6', 'Gate 7'], startedAt: now - 65_000, timeoutMs: 300_000, priority: 5 },
      { runId: 'run-b', taskId: 'patrol-9', camerasTotal: 3, camerasDone: 0, currentCameras: ['Lobby'], startedAt: now - 280_000, timeoutMs: 300_000, priority: 1 },
    ],
    waiting: [{ runId: 'run-c', taskId: 1202, receivedAt: now - 5000, priority: 5 }],
    recent: [{ runId: 'run-z', taskId: 1199, status: 'done', finishedAt: now - 120_000, camerasTotal: 8 }],
    brokerQueues: [{ queue: 'easysight.diagnosis.tasks', messages: 17, consumers: 4 }],
  };
}

function makeCameras(): CameraView[] {
  return [
    { id: 1, code: 'C-001', name: 'Gate 1', streamUrl: 'rtsp://10.0.0.11/stream1', backupStreamUrl: null, location: 'North gate', username: 'admin', hasPassword: true, source: 'local', origin: null, updatedAt: NEWEST_AT },
    { id: 'lobby', code: null, name: 'Lobby', streamUrl: 'rtsp://10.0.0.12/main', backupStreamUrl: null, location: 'Lobby', username: null, hasPassword: false, source: 'import', origin: null, updatedAt: NEWEST_AT },
  ];
}

function makeLogs(): LogView[] {
  const at = (s: number) => new Date(NEWEST_AT + s * 1000).toISOString();
  return [
    { time: at(0), level: 'debug', message: 'prefetch window 3' },
    { time: at(1), level: 'info', message: 'connected to mq.example.local' },
    { time: at(2), level: 'warn', message: 'camera Gate 9 answered slowly' },
    { time: at(3), level: 'error', message: 'camera Gate 12 stream could not be opened' },
  ];
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** A camera with a day normal for three checks, a night normal still learning, and one scene change run. */
export function makeBaseline(cameraId: number | string): CameraBaselineView {
  const at = NEWEST_AT - 600_000;
  return {
    cameraId,
    minRuns: 5,
    window: 30,
    sceneChangeStreak: 1,
    resetAt: null,
    entries: [
      { type: 'brightness', mode: 'day', median: 121.5, spread: 6.2, runs: 30, ready: true, updatedAt: at },
      { type: 'clarity', mode: 'day', median: 64.25, spread: 3.1, runs: 30, ready: true, updatedAt: at },
      { type: 'noise', mode: 'day', median: 2.84, spread: 0.21, runs: 30, ready: true, updatedAt: at },
      { type: 'brightness', mode: 'night', median: 41, spread: 2.5, runs: 3, ready: false, updatedAt: at },
    ],
  };
}

function diagnosis(name: string): DiagnoseNowView {
  return {
    cameraName: name,
    ok: true,
    failure: null,
    totalMs: 2340,
    results: [
      { type: 'brightness', status: 'normal', score: 88, value: 121, threshold: { brightness_min: 30, brightness_max: 220 }, message: { 'zh-CN': '亮度正常', en: 'Brightness is fine' }, detail: null },
      { type: 'occlusion', status: 'critical', score: 12, value: 0.71, threshold: { occlusion_threshold: 0.3, occlusion_severe_threshold: 0.6 }, message: { 'zh-CN': '画面被大面积遮挡', en: 'Most of the image is covered' }, detail: null },
    ],
    snapshot: SNAPSHOT_URL,
  };
}

/** A board camera: healthy unless told otherwise, with a flat sparkline of six runs. */
export function boardCamera(over: Partial<BoardCameraView> & { cameraId: number | string; name: string }): BoardCameraView {
  return {
    code: null,
    location: null,
    group: null,
    inInventory: true,
    state: 'normal',
    since: NEWEST_AT - 86_400_000,
    lastChecked: NEWEST_AT,
    worstStatus: 'normal',
    worstCheck: 'brightness',
    message: null,
    pending: null,
    recent: Array.from({ length: 6 }, (_, n) => ({ at: NEWEST_AT - (5 - n) * 600_000, status: 'normal' as const, score: 90 })),
    openAlertId: null,
    ...over,
  };
}

function makeBoard(): BoardCameraView[] {
  const bad = Array.from({ length: 6 }, (_, n) => ({ at: NEWEST_AT - (5 - n) * 600_000, status: n < 3 ? ('normal' as const) : ('critical' as const), score: n < 3 ? 90 : 10 }));
  return [
    boardCamera({ cameraId: 1, name: 'Gate 1', code: 'C-001', location: 'North gate', group: 'Perimeter', state: 'abnormal', since: NEWEST_AT - 1_800_000, worstStatus: 'critical', worstCheck: 'occlusion', message: { 'zh-CN': '画面大部分被遮挡', en: 'Most of the image is covered' }, recent: bad, openAlertId: 7 }),
    boardCamera({ cameraId: 'lobby', name: 'Lobby', location: 'Lobby', group: 'Indoor', pending: { toward: 'abnormal', runs: 1 }, worstStatus: 'warning', worstCheck: 'clarity' }),
    boardCamera({ cameraId: 3, name: 'Car park', code: 'C-003', location: 'Car park', group: 'Perimeter' }),
    boardCamera({ cameraId: 44, name: 'Gate 44', inInventory: false, state: 'unknown', since: null, worstStatus: null, worstCheck: null, recent: [] }),
  ];
}

function makeAlerts(): AlertView[] {
  return [
    { id: 7, cameraId: 1, cameraName: 'Gate 1', severity: 'critical', state: 'open', check: 'occlusion', message: { 'zh-CN': '画面大部分被遮挡', en: 'Most of the image is covered' }, snapshotResultId: RESULT_COUNT, openedAt: NEWEST_AT - 1_800_000, acknowledgedAt: null, acknowledgedBy: null, note: null, resolvedAt: null },
    { id: 5, cameraId: 3, cameraName: 'Car park', severity: 'error', state: 'acknowledged', check: 'signal_loss', message: { 'zh-CN': '无画面', en: 'No picture' }, snapshotResultId: null, openedAt: NEWEST_AT - 7_200_000, acknowledgedAt: NEWEST_AT - 7_000_000, acknowledgedBy: 'Wang', note: 'Maintenance called', resolvedAt: null },
    { id: 2, cameraId: 3, cameraName: 'Car park', severity: 'warning', state: 'resolved', check: 'clarity', message: { 'zh-CN': '画面模糊', en: 'Blurred' }, snapshotResultId: null, openedAt: NEWEST_AT - 86_400_000, acknowledgedAt: null, acknowledgedBy: null, note: null, resolvedAt: NEWEST_AT - 80_000_000 },
  ];
}

type Handlers = { [M in ApiMethod]: (input: ApiInput<M>) => ApiOutputs[M] | Promise<ApiOutputs[M]> };

export interface MemoryApiOptions {
  status?: Partial<StatusView>;
  cameras?: CameraView[];
  settings?: Partial<SettingsView>;
  samples?: SampleClip[];
}

export class MemoryApi {
  readonly calls: Array<{ method: ApiMethod; input: unknown }> = [];
  status: StatusView;
  queue: QueueView = makeQueue();
  cameras: CameraView[];
  settings: SettingsView;
  samples: SampleClip[];
  logs: LogView[] = makeLogs();
  /** Learned normals by camera id (as a string); a camera not here has none yet. */
  baselines = new Map<string, CameraBaselineView>([['1', makeBaseline(1)]]);
  board: BoardCameraView[] = makeBoard();
  alerts: AlertView[] = makeAlerts();
  alertSettings: AlertSettings = DEFAULT_ALERT_SETTINGS;
  /** While set, diagnoseNow waits for it: lets a test see the "running" state. */
  diagnosisGate: Promise<void> | null = null;
  readonly #failures = new Map<ApiMethod, ApiError>();
  readonly #listeners = new Map<ApiEvent, Set<(payload: never) => void>>();
  readonly api: EdgeApi;

  constructor(options: MemoryApiOptions = {}) {
    this.status = makeStatus(options.status);
    this.cameras = options.cameras ?? makeCameras();
    this.settings = { ...DEFAULT_SETTINGS, hasBrokerPassword: true, hasPlatformPassword: false, overriddenBy: {}, ...options.settings };
    this.samples = options.samples ?? [
      { name: 'covered-lens.mp4', path: '/samples/covered-lens.mp4' },
      { name: 'good.mp4', path: '/samples/good.mp4' },
    ];
    const handlers = this.#handlers();
    const methods = Object.fromEntries(
      API_METHOD_NAMES.map((method) => [
        method,
        async (input: unknown): Promise<ApiResult<ApiMethod>> => {
          this.calls.push({ method, input });
          const failure = this.#failures.get(method);
          if (failure) {
            this.#failures.delete(method);
            return { ok: false, error: failure };
          }
          const handler = handlers[method] as (input: unknown) => unknown;
          return { ok: true, value: (await handler(input)) as ApiOutputs[ApiMethod] };
        },
      ]),
    );
    this.api = { ...methods, on: (event, listener) => this.#on(event, listener) } as EdgeApi;
  }

  /** The inputs of every call of one method, oldest first. */
  inputsOf<M extends ApiMethod>(method: M): Array<ApiInput<M>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.input as ApiInput<M>);
  }

  /** The next call of `method` answers with this error. */
  failNext(method: ApiMethod, error: ApiError): void {
    this.#failures.set(method, error);
  }

  emit<E extends ApiEvent>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (p: ApiEvents[E]) => void)(payload);
  }

  listenerCount(event: ApiEvent): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  #on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  #handlers(): Handlers {
    return {
      status: () => this.status,
      setWorkerEnabled: ({ enabled }) => (this.status = { ...this.status, enabled }),
      queue: () => this.queue,
      stopTask: ({ runId }) => {
        const before = this.queue.running.length;
        this.queue = { ...this.queue, running: this.queue.running.filter((r) => r.runId !== runId) };
        return { stopped: this.queue.running.length < before };
      },
      results: (input) => {
        const limit = input.limit ?? 100;
        // Keyset: rows strictly older than `before`. Times fall with the index, so that is the index after it.
        let i = input.before ? RESULT_COUNT - input.before.id + 1 : 0;
        const rows: ResultView[] = [];
        for (; i < RESULT_COUNT && rows.length < limit; i++) {
          const row = resultAt(i);
          if (matches(row, input)) rows.push(row);
        }
        const last = rows[rows.length - 1];
        return { rows, next: rows.length === limit && i < RESULT_COUNT && last ? { createdAt: last.created_at, id: last.id } : null };
      },
      result: ({ id }) => (id >= 1 && id <= RESULT_COUNT ? resultAt(RESULT_COUNT - id) : null),
      snapshot: ({ resultId }) => ({ dataUrl: resultAt(RESULT_COUNT - resultId).has_snapshot ? SNAPSHOT_URL : null }),
      trend: ({ from, to }): TrendView[] =>
        (['brightness', 'occlusion'] as const).map((type, k) => ({
          type,
          points: Array.from({ length: 24 }, (_, n) => ({ time: from + ((to - from) * n) / 23, score: k === 0 ? 80 + (n % 5) : 70 - n * 2, status: 'normal' as const })),
        })),
      cameras: () => this.cameras,
      saveCamera: (input) => {
        const { password, ...rest } = input;
        const saved: CameraView = {
          ...rest,
          code: rest.code ?? null,
          backupStreamUrl: rest.backupStreamUrl ?? null,
          location: rest.location ?? null,
          username: rest.username ?? null,
          hasPassword: password !== undefined && password !== null,
          source: 'local',
          origin: null,
          updatedAt: Date.now(),
        };
        this.cameras = [...this.cameras.filter((c) => String(c.id) !== String(input.id)), saved];
        return saved;
      },
      removeCamera: ({ id }) => {
        const before = this.cameras.length;
        this.cameras = this.cameras.filter((c) => String(c.id) !== String(id));
        return { removed: this.cameras.length < before };
      },
      importCameras: ({ text }) => {
        const lines = text.split('\n').filter((l) => l.trim() !== '');
        const errors: string[] = [];
        let imported = 0;
        lines.slice(1).forEach((line, n) => {
          if (line.split(',').length < 3) errors.push(`line ${n + 2}: a stream URL is needed`);
          else imported++;
        });
        return { imported, errors };
      },
      syncCameras: () => ({ synced: 12 }),
      baselines: ({ cameraId }) => this.baselines.get(String(cameraId)) ?? { cameraId, minRuns: 5, window: 30, sceneChangeStreak: 0, resetAt: null, entries: [] },
      resetBaseline: ({ cameraId }) => {
        const before = this.baselines.get(String(cameraId));
        const removed = before?.entries.reduce((n, e) => n + e.runs, 0) ?? 0;
        this.baselines.set(String(cameraId), { cameraId, minRuns: 5, window: 30, sceneChangeStreak: 0, resetAt: Date.now(), entries: [] });
        return { removed };
      },
      diagnoseNow: async (input) => {
        if (this.diagnosisGate) await this.diagnosisGate;
        const camera = this.cameras.find((c) => String(c.id) === String(input.cameraId));
        return diagnosis(camera?.name ?? input.sample ?? '?');
      },
      samples: () => this.samples,
      getSettings: () => this.settings,
      updateSettings: (input) => {
        const { brokerPassword, platformPassword, ...rest } = input;
        // As the engine: a field a layer above decides keeps showing that layer's value.
        const decided = Object.fromEntries(Object.keys(this.settings.overriddenBy).map((k) => [k, this.settings[k as keyof Settings]]));
        const before = JSON.stringify({ ...this.settings, language: null });
        this.settings = {
          ...this.settings,
          ...rest,
          ...decided,
          hasBrokerPassword: brokerPassword === undefined ? this.settings.hasBrokerPassword : brokerPassword !== null,
          hasPlatformPassword: platformPassword === undefined ? this.settings.hasPlatformPassword : platformPassword !== null,
        };
        // As the engine: any change but the language restarts the worker.
        return { ...this.settings, workerRestarts: JSON.stringify({ ...this.settings, language: null }) !== before || brokerPassword !== undefined || platformPassword !== undefined };
      },
      logs: ({ level, limit }) => this.logs.filter((l) => LEVELS.indexOf(l.level) >= LEVELS.indexOf(level ?? 'debug')).slice(-(limit ?? 200)),
      board: () => this.board,
      alerts: ({ state, cameraId }) => this.alerts.filter((a) => (state === undefined || a.state === state) && (cameraId === undefined || String(a.cameraId) === String(cameraId))),
      acknowledgeAlert: ({ id, by, note }) => {
        const alert = this.alerts.find((a) => a.id === id);
        if (!alert) throw new Error(`no alert ${id}`);
        const acked: AlertView = { ...alert, state: alert.state === 'open' ? 'acknowledged' : alert.state, acknowledgedBy: by, acknowledgedAt: Date.now(), note: note ?? null };
        this.alerts = this.alerts.map((a) => (a.id === id ? acked : a));
        return acked;
      },
      alertSettings: () => this.alertSettings,
      updateAlertSettings: (input) => (this.alertSettings = input),
    };
  }
}
