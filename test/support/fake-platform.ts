// Plays the EasySight platform's REST API on 127.0.0.1: auth with expiring tokens, cameras, and the
// worker routes, recording every call so tests can check what the edge node did.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePlatform {
  url: string;
  calls: Array<{ method: string; path: string; body: unknown; auth: string | undefined }>;
  /** Makes every issued access token invalid, as after expiry. */
  expireTokens(): void;
  /** Forget registered workers: the next heartbeat gets 404. */
  forgetWorkers(): void;
  registered: Set<string>;
  /** Registrations take this long to answer (the platform's database write), 0 by default. */
  registerDelayMs: number;
  /** The next this many task status updates answer 503, as a platform restarting would. */
  failTaskStatus(times: number): void;
  stop(): Promise<void>;
}

export async function startFakePlatform(cameras: Array<Record<string, unknown>>, user = 'edge', password = 'pw'): Promise<FakePlatform> {
  let generation = 0;
  const valid = new Set<string>();
  const registered = new Set<string>();
  const calls: FakePlatform['calls'] = [];
  let statusFailures = 0;
  const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const issue = (res: ServerResponse) => {
    const access = `a${++generation}`;
    valid.add(access);
    json(res, 200, { access_token: access, refresh_token: `r${generation}`, token_type: 'bearer' });
  };
  const server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://p');
      const body: unknown = text ? JSON.parse(text) : undefined;
      calls.push({ method: req.method ?? '', path: url.pathname + url.search, body, auth: req.headers.authorization });
      const b = (body ?? {}) as Record<string, unknown>;
      const authed = valid.has((req.headers.authorization ?? '').replace('Bearer ', ''));
      if (url.pathname === '/api/v1/auth/login') return b.username === user && b.password === password ? issue(res) : json(res, 401, { detail: 'bad credentials' });
      if (url.pathname === '/api/v1/auth/refresh') return typeof b.refresh_token === 'string' ? issue(res) : json(res, 401, {});
      if (url.pathname === '/api/v1/diagnosis/worker/register') {
        setTimeout(() => {
          registered.add(String(b.worker_id));
          json(res, 200, { ok: true });
        }, handle.registerDelayMs);
        return;
      }
      if (url.pathname === '/api/v1/diagnosis/worker/heartbeat') return registered.has(String(b.worker_id)) ? json(res, 200, { ok: true }) : json(res, 404, { detail: 'unknown worker' });
      if (url.pathname === '/api/v1/diagnosis/worker/unregister') {
        registered.delete(url.searchParams.get('worker_id') ?? '');
        return json(res, 200, { ok: true });
      }
      // The platform's worker route (no auth): {status: RUNNING|COMPLETED|FAILED, worker_id}.
      if (/^\/api\/v1\/diagnosis\/worker\/tasks\/\d+\/status$/.test(url.pathname)) {
        if (statusFailures > 0) {
          statusFailures--;
          return json(res, 503, { detail: 'restarting' });
        }
        return ['RUNNING', 'COMPLETED', 'FAILED'].includes(String(b.status)) ? json(res, 200, { message: 'ok' }) : json(res, 500, { detail: 'bad status' });
      }
      if (!authed) return json(res, 401, { detail: 'token expired' });
      const one = /^\/api\/v1\/cameras\/([^/]+)$/.exec(url.pathname);
      if (one) {
        const c = cameras.find((x) => String(x.id) === decodeURIComponent(one[1]!));
        return c ? json(res, 200, c) : json(res, 404, { detail: 'not found' });
      }
      if (url.pathname === '/api/v1/cameras/') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const size = Number(url.searchParams.get('page_size') ?? 100);
        // The platform's CameraListResponse (asmoyou/EasySight 22151b8, routers/cameras.py); page_size at most 100.
        if (size > 100) return json(res, 422, { detail: 'page_size: ensure this value is less than or equal to 100' });
        return json(res, 200, { cameras: cameras.slice((page - 1) * size, page * size), total: cameras.length, page, page_size: size, total_pages: Math.ceil(cameras.length / size) });
      }
      json(res, 404, {});
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const handle: FakePlatform = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    registered,
    expireTokens: () => valid.clear(),
    forgetWorkers: () => registered.clear(),
    failTaskStatus: (times) => {
      statusFailures = times;
    },
    registerDelayMs: 0,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
  return handle;
}
