// A fake `electron` module for the shell's unit tests (the Electron binary is not available here).
// Use: vi.mock('electron', async () => (await import('./fake-electron.ts')).createFakeElectron());
// then `const fake = (await import('electron')) as unknown as FakeElectron`. Every object records
// the calls made to it; reset() puts everything back between tests.
import { EventEmitter } from 'node:events';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent<T extends object>(extra?: T): FakeEvent & T {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    ...(extra ?? {}),
  };
  return e as FakeEvent & T;
}

type Listener = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  destroyed = false;
  url = '';

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  visible: boolean;
  minimized = false;
  focused = false;
  destroyed = false;
  calls: string[] = [];
  loaded: Array<{ url: string }> = [];

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.visible = options.show !== false;
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push({ url });
    this.webContents.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
  }
  hide(): void {
    this.calls.push('hide');
    this.visible = false;
  }
  focus(): void {
    this.calls.push('focus');
    this.focused = true;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron: 'close' may be prevented; otherwise the window is destroyed and 'closed' fires. */
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  image: unknown;
  images: unknown[] = [];
  tooltip = '';
  title = '';
  menu: FakeMenu | null = null;
  menus: FakeMenu[] = [];
  destroyed = false;

  constructor(image: unknown) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setImage(image: unknown): void {
    this.image = image;
    this.images.push(image);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(text: string): void {
    this.title = text;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.menu = menu;
    if (menu) this.menus.push(menu);
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  readonly options: { title?: string; body?: string };
  shown = false;
  constructor(options: { title?: string; body?: string }) {
    super();
    this.options = options;
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

export interface FakeMenuItem {
  id?: string;
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: (item: { checked: boolean }, ...rest: unknown[]) => void;
}

export class FakeMenu {
  readonly items: FakeMenuItem[];
  constructor(items: FakeMenuItem[]) {
    this.items = items;
  }
  item(id: string): FakeMenuItem {
    const found = this.items.find((i) => i.id === id);
    if (!found) throw new Error(`no menu item ${id}`);
    return found;
  }
  /** Clicks like Electron: a checkbox flips its own state first. */
  click(id: string): void {
    const item = this.item(id);
    if (item.type === 'checkbox') item.checked = !item.checked;
    item.click?.({ checked: item.checked ?? false });
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  hasLock = true;
  locale = 'en-US';
  quitCalls = 0;
  quitted = false;
  exitCode: number | null = null;
  userModelId: string | null = null;
  loginItem: { openAtLogin: boolean; args?: string[] } = { openAtLogin: false };

  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  /** Like Electron: before-quit may be prevented; then every window gets 'close'. */
  quit(): void {
    this.quitCalls++;
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const w of FakeBrowserWindow.getAllWindows()) w.close();
    if (FakeBrowserWindow.getAllWindows().length === 0) this.quitted = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  getAppPath(): string {
    return '/opt/edge/app';
  }
  getPath(name: string): string {
    return `/home/user/.config/EasySight Edge/${name}`;
  }
  getVersion(): string {
    return '0.1.0';
  }
  getLocale(): string {
    return this.locale;
  }
  setAppUserModelId(id: string): void {
    this.userModelId = id;
  }
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void {
    this.loginItem = settings;
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return this.loginItem;
  }
}

type InvokeHandler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a handler as a renderer frame at `url` would. */
  async invoke(channel: string, url: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: url === null ? null : { url } }, ...args);
  }
}

class FakeIpcRenderer {
  invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly listeners = new Map<string, Set<Listener>>();
  reply: unknown = { ok: true, value: null };

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve(this.reply);
  }
  on(channel: string, listener: Listener): this {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
  /** Delivers a message from main: listeners get (event, ...args) like Electron's. */
  emit(channel: string, ...args: unknown[]): void {
    const event = { sender: this, senderId: 0, ports: [] };
    for (const l of this.listeners.get(channel) ?? []) (l as (...a: unknown[]) => unknown)(event, ...args);
  }
}

class FakeSafeStorage {
  available = true;
  backend: string | undefined = 'gnome_libsecret';
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(text: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.from(`sealed:${Buffer.from(text, 'utf8').toString('base64')}`);
  }
  decryptString(sealed: Buffer): string {
    const s = sealed.toString('utf8');
    if (!s.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(s.slice('sealed:'.length), 'base64').toString('utf8');
  }
  getSelectedStorageBackend(): string | undefined {
    return this.backend;
  }
}

class FakePowerSaveBlocker {
  private next = 1;
  readonly active = new Set<number>();
  started: string[] = [];
  start(type: string): number {
    this.started.push(type);
    const id = this.next++;
    this.active.add(id);
    return id;
  }
  stop(id: number): boolean {
    return this.active.delete(id);
  }
  isStarted(id: number): boolean {
    return this.active.has(id);
  }
}

class FakeSession {
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void) | null = null;
  permissionRequestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheckHandler: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

class FakeProtocol {
  privileged: Array<{ scheme: string; privileges?: Record<string, boolean> }> = [];
  readonly handlers = new Map<string, ProtocolHandler>();
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme has been registered: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
  /** Requests a URL as the page would: through the handler of its scheme. */
  async request(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${scheme}`);
    return handler(new Request(url, init));
  }
}

export function createFakeElectron() {
  const fake = {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: {
      built: [] as FakeMenu[],
      buildFromTemplate(template: FakeMenuItem[]): FakeMenu {
        const menu = new FakeMenu(template.map((i) => ({ ...i })));
        fake.Menu.built.push(menu);
        return menu;
      },
    },
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    contextBridge: {
      exposed: {} as Record<string, unknown>,
      exposeInMainWorld(key: string, api: unknown): void {
        fake.contextBridge.exposed[key] = api;
      },
    },
    safeStorage: new FakeSafeStorage(),
    powerMonitor: new EventEmitter(),
    powerSaveBlocker: new FakePowerSaveBlocker(),
    session: { defaultSession: new FakeSession() },
    protocol: new FakeProtocol(),
    nativeImage: {
      createFromPath: (path: string) => ({ path, isEmpty: () => false }),
    },
    dialog: {
      errors: [] as Array<{ title: string; content: string }>,
      showErrorBox(title: string, content: string): void {
        fake.dialog.errors.push({ title, content });
      },
    },
    reset(): void {
      fake.app.removeAllListeners();
      Object.assign(fake.app, { isPackaged: false, hasLock: true, locale: 'en-US', quitCalls: 0, quitted: false, exitCode: null, userModelId: null, loginItem: { openAtLogin: false } });
      FakeBrowserWindow.instances = [];
      FakeTray.instances = [];
      FakeNotification.instances = [];
      FakeNotification.supported = true;
      fake.Menu.built = [];
      fake.ipcMain.handlers.clear();
      fake.ipcMain.removeAllListeners();
      Object.assign(fake.ipcRenderer, { invoked: [], reply: { ok: true, value: null } });
      fake.ipcRenderer.listeners.clear();
      fake.contextBridge.exposed = {};
      Object.assign(fake.safeStorage, { available: true, backend: 'gnome_libsecret' });
      fake.powerMonitor.removeAllListeners();
      fake.powerSaveBlocker.active.clear();
      fake.powerSaveBlocker.started = [];
      Object.assign(fake.session.defaultSession, { headersListener: null, permissionRequestHandler: null, permissionCheckHandler: null });
      fake.dialog.errors = [];
      fake.protocol.privileged = [];
      fake.protocol.handlers.clear();
    },
  };
  return fake;
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
