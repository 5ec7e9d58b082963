import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHOD_NAMES, ipcChannel } from '../../shared/api/contract.ts';
import type { EngineFactory, ShellEngineOptions } from '../../main/shell/engine.ts';
import type { WorkerSwitch } from '../../main/shell/power.ts';
import { runApp, type AppShell } from '../../main/shell/main-process.ts';
import type { AlertView } from '../../shared/api/health-views.ts';
import { fakeEvent, FakeNotification, FakeTray, type FakeBrowserWindow, type FakeElectron, type FakeMenu } from './fake-electron.ts';
import { fakeService, statusView } from './fake-service.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).createFakeElectron());

const fake = (await import('electron')) as unknown as FakeElectron;
const APP_PAGE = 'app://edge/index.html';

function fakeEngine() {
  const service = fakeService();
  const worker: WorkerSwitch & { enabled: boolean; calls: unknown[] } = {
    enabled: true,
    calls: [],
    async setEnabled(on, options) {
      worker.calls.push({ on, options });
      worker.enabled = on;
    },
  };
  let finish: () => void = () => undefined;
  const engine = {
    service,
    worker,
    started: 0,
    stops: [] as Array<number | undefined>,
    start() {
      engine.started++;
    },
    stop(drainMs?: number) {
      engine.stops.push(drainMs);
      return new Promise<void>((resolve) => (finish = resolve));
    },
    finishStop: () => finish(),
  };
  return engine;
}

function start(options: { argv?: string[]; fail?: string; env?: NodeJS.ProcessEnv } = {}) {
  const engine = fakeEngine();
  const opened: ShellEngineOptions[] = [];
  const openEngine: EngineFactory = async (o) => {
    opened.push(o);
    return options.fail ? { ok: false, message: options.fail } : { ok: true, engine };
  };
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(`info ${m}`), warn: (m: string) => logs.push(`warn ${m}`), error: (m: string) => logs.push(`error ${m}`) };
  const signals = new EventEmitter();
  const shell: AppShell = runApp({
    openEngine,
    log,
    argv: options.argv ?? ['/opt/edge/easysight-edge'],
    env: options.env ?? {},
    platform: 'linux',
    arch: 'x64',
    resourcesPath: '/opt/edge/resources',
    home: '/home/u',
    execPath: '/opt/edge/easysight-edge',
    drainMs: 5000,
    signals: signals as unknown as { on(s: 'SIGINT' | 'SIGTERM', l: () => void): unknown },
  });
  const win = () => shell.window() as unknown as FakeBrowserWindow;
  const menu = () => FakeTray.instances[0]?.menu as FakeMenu;
  return { shell, engine, opened, logs, signals, win, menu };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('main process', () => {
  beforeEach(() => fake.reset());

  it('a second instance quits at once', () => {
    fake.app.hasLock = false;
    const { shell, opened } = start();
    expect(fake.app.quitCalls).toBe(1);
    expect(shell.window()).toBeNull();
    expect(opened).toEqual([]);
  });

  it('on ready: engine with the safeStorage codec, IPC, a secure window and the tray', async () => {
    fake.safeStorage.backend = 'basic_text';
    const { shell, engine, opened, win } = start();
    await shell.ready;
    expect(opened).toHaveLength(1);
    const o = opened[0] as ShellEngineOptions;
    expect(o.dataDir).toBe(fake.app.getPath('userData'));
    expect(o.secrets.decrypt(o.secrets.encrypt('pw'))).toBe('pw');
    expect(o.secretStorageWarning).toMatch(/No system keyring/);
    expect(o.samplesDir).toBe('/opt/edge/app/resources/samples');
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(API_METHOD_NAMES.map(ipcChannel).sort());
    expect(win().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/opt/edge/app/dist/main/shell/preload.cjs' });
    expect(win().loaded).toEqual([{ url: 'app://edge/index.html' }]);
    expect(fake.session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(FakeTray.instances).toHaveLength(1);
    expect(FakeTray.instances[0]?.tooltip).toBe('Running · 0 of 3 tasks');
    expect(engine.started).toBe(1);
    // shown once ready
    expect(win().visible).toBe(false);
    win().emit('ready-to-show');
    expect(win().visible).toBe(true);
  });

  it('app:// is privileged before ready and served from dist/renderer once ready', async () => {
    const { shell } = start();
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.protocol.isProtocolHandled('app')).toBe(false);
    await shell.ready;
    expect(fake.protocol.isProtocolHandled('app')).toBe(true);
    // The fake app folder does not exist: even index.html is a 404, and nothing outside is reached.
    const r = await fake.protocol.request('app://edge/..%2F..%2F..%2Fetc%2Fpasswd');
    expect(r.status).toBe(404);
  });

  it('the dev server, when set unpackaged, is loaded and trusted; file:// never is', async () => {
    const { shell, win } = start({ env: { EDGE_DEV_SERVER_URL: 'http://localhost:5173/' } });
    await shell.ready;
    expect(win().loaded).toEqual([{ url: 'http://localhost:5173/' }]);
    await expect(fake.ipcMain.invoke(ipcChannel('status'), 'http://localhost:5173/#/x', {})).resolves.toMatchObject({ ok: true });
    await expect(fake.ipcMain.invoke(ipcChannel('status'), APP_PAGE, {})).resolves.toMatchObject({ ok: true });
    await expect(fake.ipcMain.invoke(ipcChannel('status'), 'file:///opt/edge/app/dist/renderer/index.html', {})).resolves.toMatchObject({ ok: false });
  });

  it('serves IPC from the window page through the engine service', async () => {
    const { shell, engine } = start();
    await shell.ready;
    await expect(fake.ipcMain.invoke(ipcChannel('status'), APP_PAGE, {})).resolves.toEqual({ ok: true, value: engine.service.status_ });
    await expect(fake.ipcMain.invoke(ipcChannel('status'), 'https://evil.example/', {})).resolves.toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });

  it('alerts: the tray counts cameras needing attention; a new alert notifies, and its click opens the camera', async () => {
    const alert = (id: number, cameraId: number, state: AlertView['state']): AlertView => ({
      id,
      cameraId,
      cameraName: `Gate ${cameraId}`,
      severity: 'critical',
      state,
      check: 'occlusion',
      message: 'Most of the image is covered',
      snapshotResultId: null,
      openedAt: 1,
      acknowledgedAt: null,
      acknowledgedBy: null,
      note: null,
      resolvedAt: null,
    });
    const { shell, engine, win } = start();
    engine.service.alerts_ = [alert(1, 4, 'open'), alert(2, 4, 'open'), alert(3, 5, 'acknowledged')];
    await shell.ready;
    const tray = FakeTray.instances[0] as FakeTray;
    expect(tray.tooltip).toBe('1 camera needs attention · Running · 0 of 3 tasks');
    expect(tray.image).toMatchObject({ path: '/opt/edge/app/resources/icons/tray-attention.png' });

    engine.service.emitEvent('health', { cameras: [], alerts: [{ alert: alert(9, 12, 'open'), change: 'opened' }], attention: 2 });
    await tick();
    expect(tray.tooltip).toBe('2 cameras need attention · Running · 0 of 3 tasks');
    expect(FakeNotification.instances.map((n) => [n.options.title, n.options.body, n.shown])).toEqual([['Gate 12: critical fault', 'Occlusion: Most of the image is covered', true]]);
    FakeNotification.instances[0]?.emit('click');
    expect(win().loaded.at(-1)).toEqual({ url: 'app://edge/index.html#/camera/12' });
    (tray.menu as FakeMenu).click('alerts');
    expect(win().loaded.at(-1)).toEqual({ url: 'app://edge/index.html#/alerts' });

    // A switched-off severity raises nothing; the count still follows.
    engine.service.alertSettings_ = { ...engine.service.alertSettings_, notify: { ...engine.service.alertSettings_.notify, critical: false } };
    engine.service.emitEvent('health', { cameras: [], alerts: [{ alert: alert(10, 13, 'open'), change: 'opened' }], attention: 0 });
    await tick();
    expect(FakeNotification.instances).toHaveLength(1);
    expect(tray.tooltip).toBe('Running · 0 of 3 tasks');
    expect(tray.image).toMatchObject({ path: '/opt/edge/app/resources/icons/tray-running.png' });
  });

  it('--hidden starts in the tray', async () => {
    const { shell, win } = start({ argv: ['/x', '--hidden'] });
    await shell.ready;
    win().emit('ready-to-show');
    expect(win().visible).toBe(false);
  });

  it('close hides to the tray unless quitting', async () => {
    const { shell, win } = start();
    await shell.ready;
    win().show();
    win().close();
    expect(win().destroyed).toBe(false);
    expect(win().visible).toBe(false);
    expect(shell.isQuitting()).toBe(false);
  });

  it('a second launch restores and focuses the window', async () => {
    const { shell, win } = start();
    await shell.ready;
    win().minimize();
    win().hide();
    fake.app.emit('second-instance', fakeEvent(), ['/x'], '/');
    expect(win().calls.slice(-3)).toEqual(['restore', 'show', 'focus']);
    expect(win().visible).toBe(true);
  });

  it('tray menu: the checkbox switches the worker through the service', async () => {
    const { shell, engine, menu } = start();
    await shell.ready;
    menu().click('enabled');
    await tick();
    expect(engine.service.calls.at(-1)).toEqual({ method: 'setWorkerEnabled', input: { enabled: false } });
    expect(FakeTray.instances[0]?.tooltip).toBe('Paused');
    expect(menu().item('enabled').checked).toBe(false);
  });

  it('tray menu: open shows the window, diagnose opens the diagnose page', async () => {
    const { shell, menu, win } = start({ argv: ['/x', '--hidden'] });
    await shell.ready;
    menu().click('open');
    expect(win().visible).toBe(true);
    win().hide();
    menu().click('diagnose');
    expect(win().visible).toBe(true);
    expect(win().loaded.at(-1)).toEqual({ url: 'app://edge/index.html#/diagnose' });
  });

  it('status events update the tray and the power blocker', async () => {
    const { shell, engine } = start();
    await shell.ready;
    engine.service.emitEvent('status', statusView({ runningTasks: 2 }));
    expect(FakeTray.instances[0]?.tooltip).toBe('Running · 2 of 3 tasks');
    expect(fake.powerSaveBlocker.active.size).toBe(1);
    engine.service.emitEvent('status', statusView({ broker: 'reconnecting', brokerDetail: 'ECONNREFUSED', runningTasks: 0 }));
    expect(FakeTray.instances[0]?.tooltip).toBe('Reconnecting: ECONNREFUSED');
    expect(fake.powerSaveBlocker.active.size).toBe(0);
  });

  it('sleep pauses the current worker without saving and wake resumes it', async () => {
    const { shell, engine } = start();
    await shell.ready;
    fake.powerMonitor.emit('suspend');
    fake.powerMonitor.emit('resume');
    expect(engine.worker.calls).toEqual([
      { on: false, options: { persist: false, stopRunning: true } },
      { on: true, options: { persist: false } },
    ]);
  });

  it('a settings change through IPC switches the tray language', async () => {
    const { shell } = start();
    await shell.ready;
    await fake.ipcMain.invoke(ipcChannel('updateSettings'), APP_PAGE, { language: 'zh-CN' });
    expect(FakeTray.instances[0]?.tooltip).toBe('运行中 · 0/3 个任务');
  });

  it('quit from the tray drains the worker, then quits', async () => {
    const { shell, engine, menu, win } = start();
    await shell.ready;
    const window = win();
    menu().click('quit');
    expect(shell.isQuitting()).toBe(true);
    expect(engine.stops).toEqual([5000]);
    expect(fake.app.quitted).toBe(false);
    expect(win().visible).toBe(false);
    expect(fake.ipcMain.handlers.size).toBe(0);
    // quitting again while draining does not stop twice
    fake.app.quit();
    expect(engine.stops).toHaveLength(1);
    engine.finishStop();
    await tick();
    expect(fake.app.quitted).toBe(true);
    expect(window.destroyed).toBe(true);
    expect(shell.window()).toBeNull();
    expect(FakeTray.instances[0]?.destroyed).toBe(true);
  });

  it('SIGTERM quits the same way', async () => {
    const { shell, engine, signals } = start();
    await shell.ready;
    signals.emit('SIGTERM');
    expect(engine.stops).toEqual([5000]);
  });

  it('before-quit sets the quit flag and lets windows close when there is no engine', () => {
    const { shell } = start();
    const e = fakeEvent();
    fake.app.emit('before-quit', e);
    expect(shell.isQuitting()).toBe(true);
    expect(e.defaultPrevented).toBe(false);
  });

  it('an engine that cannot start is shown and the app quits', async () => {
    const { shell } = start({ fail: 'cannot open the database: disk full' });
    await shell.ready;
    expect(fake.dialog.errors).toEqual([{ title: 'EasySight Edge', content: 'cannot open the database: disk full' }]);
    expect(fake.app.quitted).toBe(true);
    expect(shell.window()).toBeNull();
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('every web contents gets the navigation policy', async () => {
    start();
    const wc = new EventEmitter() as EventEmitter & { setWindowOpenHandler(h: () => unknown): void; handler?: () => unknown };
    wc.setWindowOpenHandler = (h) => (wc.handler = h);
    fake.app.emit('web-contents-created', {}, wc);
    expect(wc.handler?.()).toEqual({ action: 'deny' });
  });
});
