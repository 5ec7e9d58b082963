import { describe, expect, it } from 'vitest';
import { API_EVENTS, API_METHOD_NAMES, ipcChannel, ipcEventChannel } from '../../shared/api/contract.ts';
import { registerIpc } from '../../main/shell/ipc.ts';
import { appOrigin, isAppUrl } from '../../main/shell/window-policy.ts';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron.ts';
import { fakeService, statusView } from './fake-service.ts';

const origin = appOrigin(null);
const APP = 'app://edge/index.html';

function setUp() {
  const electron = createFakeElectron();
  const service = fakeService();
  const win = new FakeBrowserWindow();
  let current: FakeBrowserWindow | null = win;
  const dispose = registerIpc({ ipcMain: electron.ipcMain, service, isTrustedUrl: (url) => isAppUrl(url, origin), getWindow: () => current });
  return { ipcMain: electron.ipcMain, service, win, dispose, closeWindow: () => (current = null) };
}

describe('IPC', () => {
  it('registers a handler for every method of the contract, and only those', () => {
    const { ipcMain } = setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHOD_NAMES.map(ipcChannel).sort());
  });

  it('serves a call from the app page through dispatch', async () => {
    const { ipcMain, service } = setUp();
    await expect(ipcMain.invoke(ipcChannel('status'), `${APP}#/overview`, {})).resolves.toEqual({ ok: true, value: service.status_ });
    await expect(ipcMain.invoke(ipcChannel('stopTask'), APP, { runId: 'run-1' })).resolves.toEqual({ ok: true, value: { stopped: true } });
    expect(service.calls).toEqual([
      { method: 'status', input: {} },
      { method: 'stopTask', input: { runId: 'run-1' } },
    ]);
  });

  it('invalid input is an invalid_input error, and the service is not called', async () => {
    const { ipcMain, service } = setUp();
    const r = await ipcMain.invoke(ipcChannel('setWorkerEnabled'), APP, { enabled: 'yes' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    const extra = await ipcMain.invoke(ipcChannel('status'), APP, { evil: true });
    expect(extra).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(service.calls).toEqual([]);
  });

  it('service failures come back as ApiErrors', async () => {
    const { ipcMain } = setUp();
    await expect(ipcMain.invoke(ipcChannel('cameras'), APP, {})).resolves.toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('rejects calls from a foreign frame with unavailable, without calling the service', async () => {
    const { ipcMain, service } = setUp();
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'file:///opt/edge/app/dist/renderer/index.html', 'app://evil/index.html', 'about:blank', 'not a url']) {
      const r = await ipcMain.invoke(ipcChannel('getSettings'), url, {});
      expect(r, url).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    }
    await expect(ipcMain.invoke(ipcChannel('getSettings'), null, {})).resolves.toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(service.calls).toEqual([]);
  });

  it('accepts the dev server origin only when one is configured', async () => {
    const electron = createFakeElectron();
    const service = fakeService();
    const dev = appOrigin('http://localhost:5173/');
    registerIpc({ ipcMain: electron.ipcMain, service, isTrustedUrl: (url) => isAppUrl(url, dev), getWindow: () => null });
    await expect(electron.ipcMain.invoke(ipcChannel('status'), 'http://localhost:5173/#/x', {})).resolves.toMatchObject({ ok: true });
    await expect(electron.ipcMain.invoke(ipcChannel('status'), 'http://localhost:5174/', {})).resolves.toMatchObject({ ok: false });
    const { ipcMain } = setUp();
    await expect(ipcMain.invoke(ipcChannel('status'), 'http://localhost:5173/', {})).resolves.toMatchObject({ ok: false });
  });

  it('forwards every service event to the window as the payload alone', () => {
    const { service, win } = setUp();
    for (const e of API_EVENTS) expect(service.listenerCount(e)).toBe(1);
    const status = statusView({ runningTasks: 2 });
    service.emitEvent('status', status);
    service.emitEvent('log', { time: 't', level: 'info', message: 'hello' });
    expect(win.webContents.sent).toEqual([
      { channel: ipcEventChannel('status'), args: [status] },
      { channel: ipcEventChannel('log'), args: [{ time: 't', level: 'info', message: 'hello' }] },
    ]);
  });

  it('drops events while there is no live window', () => {
    const { service, win, closeWindow } = setUp();
    win.destroy();
    service.emitEvent('queue', { running: [], waiting: [], recent: [], brokerQueues: null });
    closeWindow();
    service.emitEvent('queue', { running: [], waiting: [], recent: [], brokerQueues: null });
    expect(win.webContents.sent).toEqual([]);
  });

  it('dispose removes the handlers and the subscriptions', () => {
    const { ipcMain, service, dispose } = setUp();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    for (const e of API_EVENTS) expect(service.listenerCount(e)).toBe(0);
  });
});
