// EdgeApi over IPC: one ipcMain.handle per method of the contract, each checking that the call comes
// from the app's own page and then serving it through dispatch() (input validation, error mapping).
// Service events are forwarded to the window as payloads only, never with an IPC event object.
import { API_EVENTS, API_METHOD_NAMES, ipcChannel, ipcEventChannel, type ApiMethod, type ApiResult, type ApiService } from '../../shared/api/contract.ts';
import { dispatch } from '../core/api/dispatch.ts';

/** What a handler needs from Electron's IpcMainInvokeEvent. */
export interface SenderEvent {
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of Electron's IpcMain this uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The part of BrowserWindow this uses to push events. */
export interface EventTarget {
  isDestroyed(): boolean;
  readonly webContents: { send(channel: string, ...args: unknown[]): void; isDestroyed(): boolean };
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  service: ApiService;
  /** True for the app's own page (window-policy isAppUrl). */
  isTrustedUrl(url: string): boolean;
  getWindow(): EventTarget | null;
}

type Handlers = { [M in ApiMethod]: (input: unknown) => Promise<ApiResult<M>> };

/** One handler per method: a method missing here fails to compile. */
function handlers(service: ApiService): Handlers {
  const serve =
    <M extends ApiMethod>(method: M) =>
    (input: unknown): Promise<ApiResult<M>> =>
      dispatch(service, method, input);
  return {
    status: serve('status'),
    setWorkerEnabled: serve('setWorkerEnabled'),
    queue: serve('queue'),
    stopTask: serve('stopTask'),
    results: serve('results'),
    result: serve('result'),
    snapshot: serve('snapshot'),
    trend: serve('trend'),
    cameras: serve('cameras'),
    saveCamera: serve('saveCamera'),
    removeCamera: serve('removeCamera'),
    importCameras: serve('importCameras'),
    syncCameras: serve('syncCameras'),
    baselines: serve('baselines'),
    resetBaseline: serve('resetBaseline'),
    diagnoseNow: serve('diagnoseNow'),
    samples: serve('samples'),
    getSettings: serve('getSettings'),
    updateSettings: serve('updateSettings'),
    logs: serve('logs'),
    board: serve('board'),
    alerts: serve('alerts'),
    acknowledgeAlert: serve('acknowledgeAlert'),
    alertSettings: serve('alertSettings'),
    updateAlertSettings: serve('updateAlertSettings'),
  };
}

export function foreignSenderResult(url: string | undefined): ApiResult<ApiMethod> {
  return { ok: false, error: { kind: 'unavailable', message: `calls from ${url ? new URL(url).protocol : 'an unknown frame'} are not served` } };
}

/** Registers every handler and the event forwarding; returns the function that undoes both. */
export function registerIpc(deps: IpcDeps): () => void {
  const table = handlers(deps.service);
  for (const method of API_METHOD_NAMES) {
    const handler = table[method];
    deps.ipcMain.handle(ipcChannel(method), async (event, input) => {
      const url = event.senderFrame?.url;
      if (url === undefined || !deps.isTrustedUrl(url)) return foreignSenderResult(url && URL.canParse(url) ? url : undefined);
      return handler(input);
    });
  }
  const unsubscribe = API_EVENTS.map((name) =>
    deps.service.subscribe(name, (payload) => {
      const win = deps.getWindow();
      if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
      win.webContents.send(ipcEventChannel(name), payload);
    }),
  );
  return () => {
    for (const method of API_METHOD_NAMES) deps.ipcMain.removeHandler(ipcChannel(method));
    for (const off of unsubscribe) off();
  };
}
