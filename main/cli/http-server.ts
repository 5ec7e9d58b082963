// The headless UI server: the EdgeApi over HTTP (+ server-sent events) and the built renderer, on
// 127.0.0.1 by default, every API call guarded by a random token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { API_EVENTS, isApiMethod, type ApiService } from '../../shared/api/contract.ts';
import { dispatch } from '../core/api/dispatch.ts';

const MAX_BODY = 6 * 1024 * 1024;
const CSP = "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface UiServerOptions {
  service: ApiService;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  token?: string;
}

export interface UiServer {
  url: string;
  /** The dashboard address with the token in its fragment (never sent to the server in requests). */
  dashboardUrl: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as unknown);
}

function serveStatic(staticDir: string, pathname: string, res: ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('malformed percent-encoding in the path');
    return;
  }
  const rel = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(staticDir, rel));
  const inside = file.startsWith(normalize(staticDir) + sep);
  // Unknown paths get the app (client-side pages); a path escaping the folder gets nothing.
  const target = inside && existsSync(file) && statSync(file).isFile() ? file : join(staticDir, 'index.html');
  if (!inside || !existsSync(target)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found (build the UI with npm run build)');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'cache-control': target.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  res.end(readFileSync(target));
}

/** Event streams at once: a dashboard needs one per open window. */
const MAX_EVENT_STREAMS = 16;
/** A client that lets this much go unread is cut off (its EventSource reconnects and reloads). */
const MAX_UNREAD_BYTES = 1024 * 1024;

function serveEvents(service: ApiService, req: IncomingMessage, res: ServerResponse, open: Set<ServerResponse>): void {
  if (open.size >= MAX_EVENT_STREAMS) {
    send(res, 503, { ok: false, error: { kind: 'unavailable', message: `too many event streams open (${MAX_EVENT_STREAMS}); close other dashboard windows` } });
    return;
  }
  open.add(res);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  const write = (text: string) => {
    if (res.writableLength > MAX_UNREAD_BYTES) res.destroy();
    else res.write(text);
  };
  write(': connected\n\n');
  const offs = API_EVENTS.map((event) => service.subscribe(event, (payload) => write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)));
  const ping = setInterval(() => write(': ping\n\n'), 15_000);
  res.on('close', () => {
    open.delete(res);
    clearInterval(ping);
    for (const off of offs) off();
  });
}

/** Host headers this server answers to: loopback names, and the address it is bound to with this machine's names. */
function allowedHostsFor(host: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  const wildcard = host === '0.0.0.0' || host === '::';
  if (!wildcard) names.add(host.includes(':') ? `[${host}]` : host);
  else {
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.family === 'IPv6' ? `[${a.address}]` : a.address);
  }
  return new Set([...names].map((n) => `${n}:${port}`));
}

export async function startUiServer(o: UiServerOptions): Promise<UiServer> {
  const host = o.host ?? '127.0.0.1';
  const token = o.token ?? randomBytes(24).toString('hex');
  let allowedHosts = new Set<string>();
  const eventStreams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void (async () => {
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      // A page on another site must not reach this server through a rebound DNS name, whatever it is bound to.
      if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
        send(res, 421, { ok: false, error: { kind: 'unavailable', message: 'wrong Host header' } });
        return;
      }
      // Origin-form only ('/path'): '//x' would read as a host, and an absolute URL is for proxies.
      const target = req.url ?? '/';
      if (!target.startsWith('/') || !URL.canParse(`http://local${target}`)) {
        send(res, 400, { ok: false, error: { kind: 'invalid_input', message: 'the request target must be a path such as /api/status' } });
        return;
      }
      const url = new URL(`http://local${target}`);
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.writeHead(405).end();
          return;
        }
        serveStatic(o.staticDir, url.pathname, res);
        return;
      }
      const bearer = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? null;
      if (!sameToken(bearer ?? url.searchParams.get('token'), token)) {
        send(res, 401, { ok: false, error: { kind: 'unavailable', message: 'missing or wrong token: open the dashboard address printed at start' } });
        return;
      }
      const name = url.pathname.slice('/api/'.length);
      if (name === 'events' && req.method === 'GET') {
        serveEvents(o.service, req, res, eventStreams);
        return;
      }
      if (!isApiMethod(name)) {
        send(res, 404, { ok: false, error: { kind: 'not_found', message: `no API method ${name}` } });
        return;
      }
      let input: unknown = {};
      if (req.method === 'POST') {
        try {
          input = await readBody(req);
        } catch (err) {
          send(res, 400, { ok: false, error: { kind: 'invalid_input', message: (err as Error).message } });
          return;
        }
      } else if (req.method !== 'GET') {
        send(res, 405, { ok: false, error: { kind: 'invalid_input', message: 'use GET or POST' } });
        return;
      }
      const result = await dispatch(o.service, name, input);
      send(res, result.ok ? 200 : result.error.kind === 'invalid_input' ? 400 : result.error.kind === 'not_found' ? 404 : 500, result);
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { kind: 'failed', message: String(err) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostsFor(host, port);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    dashboardUrl: `${url}/#token=${token}`,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
