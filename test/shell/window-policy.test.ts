import { describe, expect, it } from 'vitest';
import { appOrigin, applySessionPolicy, CSP, devServerUrl, hardenWebContents, installWebContentsPolicy, isAppUrl, windowOptions, withCsp } from '../../main/shell/window-policy.ts';
import { createFakeElectron, fakeEvent, FakeWebContents } from './fake-electron.ts';

const origin = appOrigin(null);

describe('window policy', () => {
  it('webPreferences: isolated, sandboxed, no node, web security, our preload', () => {
    const o = windowOptions({ preload: '/p/preload.cjs', icon: '/i/app.png', show: false });
    expect(o.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/p/preload.cjs', webviewTag: false, allowRunningInsecureContent: false });
    expect(o.show).toBe(false);
    expect(o.icon).toBe('/i/app.png');
  });

  it('CSP header replaces any the response had', () => {
    expect(CSP).toBe("default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'");
    const h = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] }, CSP);
    expect(h).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CSP] });
    expect(withCsp(undefined, CSP)).toEqual({ 'Content-Security-Policy': [CSP] });
  });

  it('session: sets the CSP on responses and denies every permission', () => {
    const ses = createFakeElectron().session.defaultSession;
    applySessionPolicy(ses, CSP);
    let headers: Record<string, string[]> | undefined;
    ses.headersListener?.({ responseHeaders: { 'X-A': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'X-A': ['1'], 'Content-Security-Policy': [CSP] });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      let granted: boolean | undefined;
      ses.permissionRequestHandler?.({}, permission, (g) => (granted = g), {});
      expect(granted, permission).toBe(false);
      expect(ses.permissionCheckHandler?.(null, permission, 'file://', {})).toBe(false);
    }
  });

  it('navigation: only within app://edge/', () => {
    const wc = new FakeWebContents();
    hardenWebContents(wc, origin);
    const nav = (url: string) => {
      const e = fakeEvent({ url });
      wc.emit('will-navigate', e);
      return e.defaultPrevented;
    };
    expect(nav('https://evil.example/')).toBe(true);
    expect(nav('file:///etc/passwd')).toBe(true);
    expect(nav('file:///opt/edge/app/dist/renderer/index.html')).toBe(true);
    expect(nav('app://other/index.html')).toBe(true);
    expect(nav('app://edge/index.html#/results')).toBe(false);
    expect(nav('app://edge/')).toBe(false);
    const webview = fakeEvent();
    wc.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('new windows are denied, whatever the URL', () => {
    const wc = new FakeWebContents();
    hardenWebContents(wc, origin);
    expect(wc.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'app://edge/index.html' })).toEqual({ action: 'deny' });
  });

  it('is installed on every web contents the app creates', () => {
    const { app } = createFakeElectron();
    installWebContentsPolicy(app, origin);
    const wc = new FakeWebContents();
    app.emit('web-contents-created', {}, wc);
    expect(wc.windowOpenHandler).not.toBeNull();
    const e = fakeEvent({ url: 'https://evil.example/' });
    wc.emit('will-navigate', e);
    expect(e.defaultPrevented).toBe(true);
  });

  it('app URL: app://edge/ (any path, hash or query), or the dev origin; never file://', () => {
    expect(isAppUrl('app://edge/index.html?x=1#/a', origin)).toBe(true);
    expect(isAppUrl('app://edge/assets/index.js', origin)).toBe(true);
    expect(isAppUrl('app://edge.evil/index.html', origin)).toBe(false);
    expect(isAppUrl('app://edge:1/index.html', origin)).toBe(false);
    expect(isAppUrl('apps://edge/index.html', origin)).toBe(false);
    expect(isAppUrl('file:///opt/edge/app/dist/renderer/index.html', origin)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', origin)).toBe(false);
    const dev = appOrigin('http://localhost:5173/');
    expect(isAppUrl('app://edge/index.html', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isAppUrl('garbage', dev)).toBe(false);
  });

  it('dev server only unpackaged and on loopback', () => {
    expect(devServerUrl({ EDGE_DEV_SERVER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173/');
    expect(devServerUrl({ EDGE_DEV_SERVER_URL: 'http://localhost:5173' }, true)).toBeNull();
    expect(devServerUrl({ EDGE_DEV_SERVER_URL: 'http://10.0.0.9:5173' }, false)).toBeNull();
    expect(devServerUrl({ EDGE_DEV_SERVER_URL: 'file:///x' }, false)).toBeNull();
    expect(devServerUrl({}, false)).toBeNull();
  });
});
