// The preload bridge: exposes the EdgeApi as window.edge over IPC. It runs sandboxed, where only
// 'electron' (and a few Node modules) can be required, so it imports nothing else at run time: the
// method and event names are repeated here, checked against the contract at compile time. Built to
// one CommonJS file by main/shell/preload-build.ts (npm run build:preload).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEvent, ApiEvents, ApiInput, ApiMethod, ApiResult, EdgeApi } from '../../shared/api/contract.ts';

/** Every method of the contract, no more: a missing or extra name fails to compile. */
const METHODS = {
  status: true,
  setWorkerEnabled: true,
  queue: true,
  stopTask: true,
  results: true,
  result: true,
  snapshot: true,
  trend: true,
  cameras: true,
  saveCamera: true,
  removeCamera: true,
  importCameras: true,
  syncCameras: true,
  baselines: true,
  resetBaseline: true,
  diagnoseNow: true,
  samples: true,
  getSettings: true,
  updateSettings: true,
  logs: true,
  board: true,
  alerts: true,
  acknowledgeAlert: true,
  alertSettings: true,
  updateAlertSettings: true,
} as const satisfies Record<ApiMethod, true>;

const EVENTS = { status: true, queue: true, result: true, log: true, health: true } as const satisfies Record<ApiEvent, true>;

// Must equal ipcChannel() / ipcEventChannel() of shared/api/contract.ts (a test compares them).
const channel = (method: ApiMethod): string => `edge:${method}`;
const eventChannel = (event: ApiEvent): string => `edge-event:${event}`;

function invoker<M extends ApiMethod>(method: M): EdgeApi[M] {
  const call = (input: ApiInput<M>): Promise<ApiResult<M>> => ipcRenderer.invoke(channel(method), input) as Promise<ApiResult<M>>;
  return call as EdgeApi[M];
}

const methods = Object.fromEntries((Object.keys(METHODS) as ApiMethod[]).map((m) => [m, invoker(m)])) as { [M in ApiMethod]: EdgeApi[M] };

function on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
  if (!Object.hasOwn(EVENTS, event)) throw new TypeError(`unknown event: ${String(event)}`);
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const ch = eventChannel(event);
  // The page gets the payload only: the IPC event (with its sender) never crosses the bridge.
  const wrapped = (_event: IpcRendererEvent, payload: ApiEvents[E]): void => listener(payload);
  ipcRenderer.on(ch, wrapped);
  return () => {
    ipcRenderer.removeListener(ch, wrapped);
  };
}

const api = { ...methods, on } satisfies EdgeApi;

contextBridge.exposeInMainWorld('edge', api);
