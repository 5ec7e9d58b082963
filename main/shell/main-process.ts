// The Electron main process: single instance, secure window, tray, IPC, power and login item, and
// the engine's lifecycle (drained before the app exits). Thin: decisions live in the pure modules
// next to it, the work in the engine.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, powerMonitor, powerSaveBlocker, protocol, safeStorage, session, Tray } from 'electron';
import * as fs from 'node:fs';
import type { ApiService, ApiMethod } from '../../shared/api/contract.ts';
import type { SettingsView } from '../../shared/api/settings.ts';
import type { HealthEvent } from '../../shared/api/health-views.ts';
import type { NoticeTarget } from '../core/alerts/notify-policy.ts';
import type { StatusView } from '../../shared/api/views.ts';
import { dispatch } from '../core/api/dispatch.ts';
import { APP_INDEX_URL, handleAppProtocol, registerAppScheme } from './app-protocol.ts';
import type { EngineFactory, EngineHandle } from './engine.ts';
import { registerIpc } from './ipc.ts';
import { createNotifier } from './notifier.ts';
import { HIDDEN_ARG, setStartAtLogin } from './login-item.ts';
import { watchPower, type PowerWatch } from './power.ts';
import { resourcePaths, type ResourcePaths } from './resources.ts';
import { safeStorageCodec, secretStorageWarning } from './secrets.ts';
import { TrayController } from './tray.ts';
import { errorTrayState, resolveLanguage, trayStateFromStatus, type Language, type TrayState } from './tray-model.ts';
import { appOrigin, applySessionPolicy, CSP, DEV_CSP, devServerUrl, installWebContentsPolicy, isAppUrl, windowOptions, type AppOrigin } from './window-policy.ts';

export interface ShellLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface RunOptions {
  openEngine: EngineFactory;
  log: ShellLog;
  argv: string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  resourcesPath: string;
  home: string;
  execPath: string;
  /** How long running tasks get to finish when the app quits. */
  drainMs?: number;
  /** SIGINT/SIGTERM quit gracefully (a logout on Linux sends SIGTERM). */
  signals?: { on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
}

/** What runApp exposes (for tests and diagnostics). */
export interface AppShell {
  /** Resolves when the window, tray and engine are up (or the engine failed). */
  readonly ready: Promise<void>;
  isQuitting(): boolean;
  window(): BrowserWindow | null;
  tray(): TrayController | null;
}

export const DEFAULT_DRAIN_MS = 30_000;
/** After the drain deadline, this long more before the process exits regardless. */
const HARD_EXIT_GRACE_MS = 15_000;

/** The service with a hook after each successful settings update (tray language, login item). */
export function observeSettings(service: ApiService, onSettings: (settings: SettingsView) => void): ApiService {
  return new Proxy(service, {
    get(target, property, receiver) {
      if (property === 'updateSettings') {
        return async (input: Parameters<ApiService['updateSettings']>[0]) => {
          const view = await target.updateSettings(input);
          onSettings(view);
          return view;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function runApp(options: RunOptions): AppShell {
  const { log } = options;
  const drainMs = options.drainMs ?? DEFAULT_DRAIN_MS;
  let quitting = false;
  let drained = false;
  let draining = false;
  let win: BrowserWindow | null = null;
  let tray: TrayController | null = null;
  let engine: EngineHandle | null = null;
  let service: ApiService | null = null;
  let power: PowerWatch | null = null;
  const cleanups: Array<() => void> = [];

  // Scheme privileges can only be given before the app is ready, and this runs at startup.
  registerAppScheme(protocol);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve(), isQuitting: () => true, window: () => null, tray: () => null };
  }

  const paths: ResourcePaths = resourcePaths({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: options.resourcesPath,
    platform: options.platform,
    arch: options.arch,
  });
  const devUrl = devServerUrl(options.env, app.isPackaged);
  const origin: AppOrigin = appOrigin(devUrl);
  const locale = (): string => app.getLocale();
  let language: Language = resolveLanguage('auto', locale());
  let trayState: TrayState = errorTrayState('');
  let attention = 0;

  const load = (w: BrowserWindow, hash?: string): void => {
    const page = devUrl ? (devUrl.split('#')[0] ?? devUrl) : APP_INDEX_URL;
    const loading = w.loadURL(hash ? `${page}#${hash}` : page);
    loading.catch((err: unknown) => log.error(`cannot load the window: ${message(err)}`));
  };

  const createWindow = (show: boolean): BrowserWindow => {
    const w = new BrowserWindow(windowOptions({ preload: paths.preload, icon: paths.appIcon, show: false }));
    // Close to tray: only quitting closes the window.
    w.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      w.hide();
    });
    w.on('closed', () => {
      if (win === w) win = null;
    });
    if (show) w.once('ready-to-show', () => w.show());
    load(w);
    return w;
  };

  const showWindow = (): BrowserWindow => {
    if (!win || win.isDestroyed()) win = createWindow(true);
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  };

  const applyStatus = (status: StatusView): void => {
    trayState = trayStateFromStatus(status, attention);
    tray?.update(trayState);
    power?.tasksRunning(status.runningTasks);
  };

  /** The renderer routes #/camera/<id> and #/alerts (renderer/src/route.ts). */
  const openTarget = (target: NoticeTarget): void => load(showWindow(), target.page === 'camera' ? `/camera/${encodeURIComponent(String(target.cameraId))}` : '/alerts');
  const notify = createNotifier({
    isSupported: () => Notification.isSupported(),
    create: (o) => new Notification({ title: o.title, body: o.body, icon: paths.appIcon }),
    settings: () => call('alertSettings', {}),
    language: () => language,
    open: openTarget,
  });
  const applyHealth = (event: HealthEvent): void => {
    attention = event.attention;
    trayState = { ...trayState, attention };
    tray?.update(trayState);
    notify(event).catch((err: unknown) => log.warn(`cannot show a notification: ${message(err)}`));
  };

  const applySettings = (settings: SettingsView): void => {
    language = resolveLanguage(settings.language, locale());
    tray?.setLanguage(language);
    // Unpackaged, the executable is the development Electron: never register it to start at login.
    if (!app.isPackaged) return;
    try {
      setStartAtLogin(settings.startAtLogin, { platform: options.platform, app, env: options.env, home: options.home, execPath: options.execPath, fs });
    } catch (err) {
      log.warn(`cannot change start at login: ${message(err)}`);
    }
  };

  const call = async <M extends ApiMethod>(method: M, input: unknown) => {
    if (!service) return null;
    const result = await dispatch(service, method, input);
    if (!result.ok) log.warn(`${method} failed: ${result.error.message}`);
    return result.ok ? result.value : null;
  };

  const createTray = (): TrayController =>
    new TrayController(
      {
        createTray: (image) => new Tray(image),
        buildMenu: (template) => Menu.buildFromTemplate(template),
        image: (icon) => nativeImage.createFromPath(paths.trayIcon(icon)),
        showsTitle: options.platform === 'darwin',
        actions: {
          setEnabled: (on) => {
            void call('setWorkerEnabled', { enabled: on }).then((status) => {
              if (status) applyStatus(status);
              else tray?.update(trayState);
            });
          },
          open: () => void showWindow(),
          // The renderer acts on #/diagnose (renderer/src/hooks/use-diagnose-hash.ts).
          diagnose: () => load(showWindow(), '/diagnose'),
          alerts: () => openTarget({ page: 'alerts' }),
          quit: () => app.quit(),
        },
      },
      trayState,
      language,
    );

  const start = async (): Promise<void> => {
    await app.whenReady();
    if (options.platform === 'win32') app.setAppUserModelId('com.easysight.edge');
    applySessionPolicy(session.defaultSession, devUrl ? DEV_CSP : CSP);
    handleAppProtocol(protocol, paths.renderer, CSP);

    const warning = secretStorageWarning(safeStorage, language);
    if (warning) log.warn(warning);
    const opened = await options.openEngine({
      dataDir: app.getPath('userData'),
      secrets: safeStorageCodec(safeStorage),
      secretStorageWarning: warning,
      samplesDir: paths.samples,
      ffmpegPath: paths.ffmpeg,
      version: app.getVersion(),
    });
    if (!opened.ok) {
      log.error(`the engine cannot start: ${opened.message}`);
      dialog.showErrorBox('EasySight Edge', opened.message);
      app.quit();
      return;
    }
    const current = opened.engine;
    engine = current;
    service = observeSettings(current.service, applySettings);
    cleanups.push(registerIpc({ ipcMain, service, isTrustedUrl: (url) => isAppUrl(url, origin), getWindow: () => win }));
    const startHidden = options.argv.includes(HIDDEN_ARG);
    win = createWindow(!startHidden);

    const settings = await call('getSettings', {});
    if (settings) applySettings(settings);
    const open = await call('alerts', { state: 'open', limit: 1000 });
    attention = open ? new Set(open.map((a) => `${typeof a.cameraId}:${a.cameraId}`)).size : 0;
    const status = await call('status', {});
    trayState = status ? trayStateFromStatus(status, attention) : errorTrayState('status unavailable');
    tray = createTray();
    power = watchPower({ powerMonitor, powerSaveBlocker, worker: () => current.worker, onError: (m) => log.warn(m) });
    cleanups.push(current.service.subscribe('status', applyStatus));
    cleanups.push(current.service.subscribe('health', applyHealth));
    current.start();
  };

  // Quitting drains the worker first: before-quit is held until engine.stop() is done.
  app.on('before-quit', (event) => {
    quitting = true;
    if (!engine || drained) return;
    event.preventDefault();
    if (draining) return;
    draining = true;
    win?.hide();
    for (const cleanup of cleanups.splice(0)) cleanup();
    power?.dispose();
    const hardExit = setTimeout(() => {
      log.error('the worker did not stop in time; exiting');
      app.exit(1);
    }, drainMs + HARD_EXIT_GRACE_MS);
    hardExit.unref?.();
    log.info(`quitting: running tasks get ${Math.round(drainMs / 1000)} s to finish`);
    engine
      .stop(drainMs)
      .catch((err: unknown) => log.error(`stopping the engine failed: ${message(err)}`))
      .finally(() => {
        clearTimeout(hardExit);
        drained = true;
        tray?.destroy();
        tray = null;
        app.quit();
      });
  });
  // A tray app keeps running with no window; only the tray's Quit ends it.
  app.on('window-all-closed', () => undefined);
  app.on('second-instance', () => void showWindow());
  app.on('activate', () => void showWindow());
  installWebContentsPolicy(app, origin);
  options.signals?.on('SIGINT', () => app.quit());
  options.signals?.on('SIGTERM', () => app.quit());

  const ready = start().catch((err: unknown) => {
    log.error(`startup failed: ${message(err)}`);
    dialog.showErrorBox('EasySight Edge', message(err));
    app.quit();
  });
  return { ready, isQuitting: () => quitting, window: () => win, tray: () => tray };
}
