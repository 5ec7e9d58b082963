// Security policy of every window: webPreferences, the CSP header, permission requests, navigation
// and new windows (Electron's security checklist, see shared/docs/electron.md). Decisions are pure
// functions; the install functions only attach them to the Electron objects they are given.
import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import { isAppProtocolUrl } from './app-protocol.ts';

export const CSP = "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'";
/** The Vite dev server injects the React refresh preamble inline; only ever used unpackaged. */
export const DEV_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";

/** Where the app's own page lives besides app://edge/: the Vite dev server in development. */
export interface AppOrigin {
  /** http(s) origin of the Vite dev server, or null. */
  devOrigin: string | null;
}

export function appOrigin(devServerUrl: string | null): AppOrigin {
  return { devOrigin: devServerUrl ? new URL(devServerUrl).origin : null };
}

/** The dev server URL from the environment, only unpackaged and only on the loopback interface. */
export function devServerUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): string | null {
  const raw = env.EDGE_DEV_SERVER_URL;
  if (isPackaged || !raw || !URL.canParse(raw)) return null;
  const u = new URL(raw);
  if (u.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) return null;
  return u.href;
}

/** True for the app's own origin, app://edge/ (or the dev server), never for file:// or another origin. */
export function isAppUrl(url: string, origin: AppOrigin): boolean {
  if (isAppProtocolUrl(url)) return true;
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return origin.devOrigin !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === origin.devOrigin;
}

export function windowOptions(args: { preload: string; icon?: string; show: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'EasySight Edge',
    show: args.show,
    ...(args.icon ? { icon: args.icon } : {}),
    webPreferences: {
      preload: args.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Response headers with our CSP in place of any the response brought (in any letter case). */
export function withCsp(headers: Record<string, string[] | string> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** The part of Session this uses. */
export interface SessionLike {
  webRequest: {
    onHeadersReceived(
      listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void,
    ): void;
  };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** CSP header on every response; every permission request and check is denied. */
export function applySessionPolicy(session: SessionLike, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders, csp) }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The part of WebContents this uses. */
export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/** Navigation stays on the app's origin; no new windows, no webviews. Nothing is opened externally. */
export function hardenWebContents(contents: WebContentsLike, origin: AppOrigin): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Hardens every web contents the app creates, including ones created later. */
export function installWebContentsPolicy(app: { on(event: 'web-contents-created', listener: (event: unknown, contents: WebContents) => void): unknown }, origin: AppOrigin): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin));
}
