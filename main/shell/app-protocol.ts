// The window's page comes from app://edge/, a privileged scheme served from the built renderer
// folder only. file:// would not do: with the grantFileProtocolExtraPrivileges fuse off, Chromium
// refuses module scripts from file://, and file:// would let the page reach any file on the disk.
import type { CustomScheme } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'edge';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Standard and secure: a real origin ('self' in the CSP, relative URLs) and a secure context. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } };

/** The part of Electron's Protocol this uses. */
export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** True for app://edge/ URLs: the scheme's only origin. */
export function isAppProtocolUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

/**
 * The file under `root` an app:// URL names, or null when the URL is not ours or its path leaves
 * `root` (after percent-decoding, so %2F and %5C cannot smuggle separators past the URL parser).
 */
export function appFilePath(root: string, url: string): string | null {
  if (!isAppProtocolUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${sep}${path}`);
  const inside = relative(base, file);
  if (inside.startsWith('..') || isAbsolute(inside)) return null;
  return inside === '' ? join(base, 'index.html') : file;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function refusal(status: number, csp: string): Response {
  return new Response(null, { status, headers: { 'Content-Security-Policy': csp } });
}

/** Answers one request: the file, index.html for a path that names no file (the page routes in-app), or 404. */
export async function serveAppRequest(request: Request, root: string, csp: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, csp);
  const named = appFilePath(root, request.url);
  if (named === null) return refusal(404, csp);
  const file = (await isFile(named)) ? named : join(resolve(root), 'index.html');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return refusal(404, csp);
  }
  const headers = { 'Content-Type': contentType(file), 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/** Before the app is ready: privileges can only be given to a scheme then. */
export function registerAppScheme(protocol: ProtocolLike): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Once ready: app://edge/<path> serves the files of `root` and nothing else. */
export function handleAppProtocol(protocol: ProtocolLike, root: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, root, csp));
}
