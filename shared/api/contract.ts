// The one EdgeApi contract: every method and event is declared here once. The IPC handlers, the
// preload bridge, the HTTP routes and both clients are generated from these tables, so the two
// transports cannot drift. Inputs are parsed with these schemas on the serving side.
import { z } from 'zod';
import { ALL_CHECKS, STATUSES } from '../diagnosis/types.ts';
import { alertSettingsSchema, type AlertSettings } from '../alerts/alert-settings.ts';
import type { AlertView, BoardCameraView, HealthEvent } from './health-views.ts';
import { settingsUpdateSchema, type SettingsView } from './settings.ts';
import type { CameraBaselineView, CameraView, DiagnoseNowView, LogView, QueueView, ResultPageView, ResultView, SampleClip, StatusView, TrendView } from './views.ts';

const id = z.union([z.number().int(), z.string().trim().min(1).max(200)]);
const none = z.object({}).strict();

export const cameraInputSchema = z.object({
  id,
  name: z.string().trim().min(1, 'a name is needed').max(200),
  code: z.string().trim().max(200).nullable().optional(),
  streamUrl: z.string().trim().min(1, 'a stream URL is needed').max(4096),
  backupStreamUrl: z.string().trim().max(4096).nullable().optional(),
  location: z.string().trim().max(500).nullable().optional(),
  username: z.string().max(200).nullable().optional(),
  /** Write-only: absent keeps the stored one, null removes it. */
  password: z.string().max(500).nullable().optional(),
});

export type CameraInput = z.infer<typeof cameraInputSchema>;

/** Each method: its input schema, and (as a type) what it returns. */
export const API_METHODS = {
  status: none,
  setWorkerEnabled: z.object({ enabled: z.boolean(), stopRunning: z.boolean().optional() }).strict(),
  queue: none,
  stopTask: z.object({ runId: z.string().min(1).max(500) }).strict(),
  results: z
    .object({
      cameraId: id.optional(),
      /** The camera's name as stored with its results, for cameras that are not in the inventory. */
      cameraName: z.string().trim().min(1).max(200).optional(),
      type: z.enum(ALL_CHECKS).optional(),
      status: z.enum(STATUSES).optional(),
      abnormal: z.boolean().optional(),
      from: z.number().optional(),
      to: z.number().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      before: z.object({ createdAt: z.number(), id: z.number().int() }).optional(),
    })
    .strict(),
  result: z.object({ id: z.number().int() }).strict(),
  snapshot: z.object({ resultId: z.number().int() }).strict(),
  trend: z.object({ cameraId: id, from: z.number(), to: z.number() }).strict(),
  cameras: none,
  saveCamera: cameraInputSchema,
  removeCamera: z.object({ id }).strict(),
  importCameras: z.object({ format: z.enum(['csv', 'json']), text: z.string().max(5_000_000) }).strict(),
  syncCameras: none,
  baselines: z.object({ cameraId: id }).strict(),
  resetBaseline: z.object({ cameraId: id }).strict(),
  diagnoseNow: z
    .object({ cameraId: id.optional(), sample: z.string().max(200).optional(), types: z.array(z.enum(ALL_CHECKS)).max(16).optional() })
    .strict()
    .refine((v) => (v.cameraId === undefined) !== (v.sample === undefined), 'name a camera or a sample clip'),
  samples: none,
  getSettings: none,
  updateSettings: settingsUpdateSchema,
  logs: z.object({ level: z.enum(['debug', 'info', 'warn', 'error']).optional(), limit: z.number().int().min(1).max(2000).optional() }).strict(),
  board: none,
  alerts: z
    .object({
      state: z.enum(['open', 'acknowledged', 'resolved']).optional(),
      cameraId: id.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      /** The id of the last alert of the previous page. */
      before: z.number().int().optional(),
    })
    .strict(),
  acknowledgeAlert: z
    .object({ id: z.number().int(), by: z.string().trim().min(1, 'the operator\'s name is needed').max(100), note: z.string().trim().max(2000).optional() })
    .strict(),
  alertSettings: none,
  updateAlertSettings: alertSettingsSchema,
} as const;

export type ApiMethod = keyof typeof API_METHODS;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API_METHODS)[M]>;
export type ParsedInput<M extends ApiMethod> = z.output<(typeof API_METHODS)[M]>;

export interface ApiOutputs {
  status: StatusView;
  setWorkerEnabled: StatusView;
  queue: QueueView;
  stopTask: { stopped: boolean };
  results: ResultPageView;
  result: ResultView | null;
  snapshot: { dataUrl: string | null };
  trend: TrendView[];
  cameras: CameraView[];
  saveCamera: CameraView;
  removeCamera: { removed: boolean };
  importCameras: { imported: number; errors: string[] };
  syncCameras: { synced: number };
  baselines: CameraBaselineView;
  /** `removed`: the learned values dropped; the scene_change reference is dropped too. */
  resetBaseline: { removed: number };
  diagnoseNow: DiagnoseNowView;
  samples: SampleClip[];
  getSettings: SettingsView;
  /** `workerRestarts`: the change is one the worker uses, so it restarts now (running tasks get a short drain). */
  updateSettings: SettingsView & { workerRestarts: boolean };
  logs: LogView[];
  board: BoardCameraView[];
  alerts: AlertView[];
  acknowledgeAlert: AlertView;
  alertSettings: AlertSettings;
  updateAlertSettings: AlertSettings;
}

/** Events pushed to the UI. */
export interface ApiEvents {
  status: StatusView;
  queue: QueueView;
  result: { runId: string; taskId: number | string; status: string };
  log: LogView;
  /** A camera's health or an alert changed (a run was stored, an alert acknowledged). */
  health: HealthEvent;
}

export const API_EVENTS = ['status', 'queue', 'result', 'log', 'health'] as const satisfies ReadonlyArray<keyof ApiEvents>;
export type ApiEvent = keyof ApiEvents;

/** An error the UI can show: a kind and a message a person can act on. */
export interface ApiError {
  kind: 'invalid_input' | 'not_found' | 'unavailable' | 'failed';
  message: string;
}

export type ApiResult<M extends ApiMethod> = { ok: true; value: ApiOutputs[M] } | { ok: false; error: ApiError };

/** The EdgeApi as the renderer uses it, whichever transport carries it. */
export type EdgeApi = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResult<M>>;
} & {
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

/** IPC channel names derived from the table. */
export const ipcChannel = (method: ApiMethod): string => `edge:${method}`;
export const ipcEventChannel = (event: ApiEvent): string => `edge-event:${event}`;

/** The serving side: one handler per method, given the parsed input. Throw an ApiFailure for errors. */
export type ApiService = {
  [M in ApiMethod]: (input: ParsedInput<M>) => Promise<ApiOutputs[M]>;
} & {
  subscribe<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

export class ApiFailure extends Error {
  readonly kind: ApiError['kind'];

  constructor(kind: ApiError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

export const API_METHOD_NAMES = Object.keys(API_METHODS) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_METHODS, name);
}
