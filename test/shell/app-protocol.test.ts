import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appFilePath, contentType, handleAppProtocol, isAppProtocolUrl, registerAppScheme } from '../../main/shell/app-protocol.ts';
import { CSP } from '../../main/shell/window-policy.ts';
import { createFakeElectron } from './fake-electron.ts';

const INDEX = '<!doctype html><script type="module" src="./assets/index.js"></script>';
let base: string;
let root: string;
const { protocol } = createFakeElectron();

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'edge-app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'index.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'index.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'assets', 'my file.png'), 'png');
  // Beside the served folder, so a way out of it would find something.
  writeFileSync(join(base, 'secret.txt'), 'secret');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

beforeEach(() => {
  protocol.privileged = [];
  protocol.handlers.clear();
  handleAppProtocol(protocol, root, CSP);
});

const get = (url: string, init?: RequestInit) => protocol.request(url, init);

describe('app:// protocol', () => {
  it('is registered before ready as a standard, secure scheme with fetch', () => {
    registerAppScheme(protocol);
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(protocol.isProtocolHandled('app')).toBe(true);
    expect(APP_INDEX_URL).toBe('app://edge/index.html');
  });

  it('serves the files of the renderer folder with their content type and the CSP', async () => {
    const page = await get('app://edge/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(CSP).toBe("default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe(INDEX);

    const script = await get('app://edge/assets/index.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CSP);
    expect(await script.text()).toBe('export {};');
    expect((await get('app://edge/assets/index.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://edge/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml');
    const spaced = await get('app://edge/assets/my%20file.png');
    expect(spaced.headers.get('content-type')).toBe('image/png');
    expect(await spaced.text()).toBe('png');
  });

  it('a path that names no file gets index.html (the page routes itself); the root too', async () => {
    for (const url of ['app://edge/', 'app://edge/diagnose', 'app://edge/assets/', 'app://edge/index.html?x=1#/diagnose']) {
      const r = await get(url);
      expect(r.status, url).toBe(200);
      expect(r.headers.get('content-type'), url).toBe('text/html; charset=utf-8');
      expect(await r.text(), url).toBe(INDEX);
    }
  });

  it('refuses any path leaving the folder, encoded or not, with 404', async () => {
    for (const url of [
      'app://edge/..%2Fsecret.txt',
      'app://edge/assets/..%2F..%2Fsecret.txt',
      'app://edge/%2E%2E%2Fsecret.txt',
      `app://edge/assets${'/..%2F'.repeat(12)}etc/passwd`,
      'app://edge/index.html%00.png',
      'app://edge/%E0%A4%A',
    ]) {
      const r = await get(url);
      expect(r.status, url).toBe(404);
      expect(await r.text(), url).toBe('');
      expect(r.headers.get('content-security-policy'), url).toBe(CSP);
    }
    // The URL parser folds plain dot segments, and an absolute path is taken as relative to the
    // folder: both name no file there, so they get index.html, never the secret.
    expect(await (await get('app://edge/../secret.txt')).text()).toBe(INDEX);
    expect(await (await get(`app://edge/${encodeURIComponent(join(base, 'secret.txt'))}`)).text()).toBe(INDEX);
  });

  it('serves no other host and only GET and HEAD', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://edge:8080/index.html')).status).toBe(404);
    expect((await get('app://edge/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await get('app://edge/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await head.text()).toBe('');
  });

  it('maps URLs to files under the root only', () => {
    expect(appFilePath('/r', 'app://edge/assets/a.js')).toBe(join('/r', 'assets', 'a.js'));
    expect(appFilePath('/r', 'app://edge/')).toBe(join('/r', 'index.html'));
    expect(appFilePath('/r', 'app://edge/a/..%2F..%2Fx')).toBeNull();
    expect(appFilePath('/r', 'file:///r/index.html')).toBeNull();
    expect(isAppProtocolUrl('app://edge/index.html#/x')).toBe(true);
    expect(isAppProtocolUrl('app://edge.evil/index.html')).toBe(false);
    expect(isAppProtocolUrl('garbage')).toBe(false);
  });

  it('content types by extension, binary for the unknown', () => {
    expect(contentType('a.MJS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('a.woff2')).toBe('font/woff2');
    expect(contentType('a.json')).toBe('application/json; charset=utf-8');
    expect(contentType('a.bin')).toBe('application/octet-stream');
    expect(contentType('LICENSE')).toBe('application/octet-stream');
  });
});
