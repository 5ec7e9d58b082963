// The EdgeApi over HTTP against a real engine: token, routes, validation, events, static files.
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../main/core/api/engine.ts';
import type { UiServer } from '../../main/cli/http-server.ts';
import type { Logger } from '../../main/core/log/logger.ts';
import { openEngine, serve } from '../support/engine-rig.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';
import { tempDataDir } from '../support/worker-process.ts';

let vhost: TestVhost;
let dataDir: string;
let engine: Engine;
let logger: Logger;
let server: UiServer;

beforeEach(async () => {
  vhost = await createVhost();
  dataDir = tempDataDir();
  ({ engine, logger } = await openEngine(dataDir, { brokers: [vhost.url] }));
  engine.start();
  server = await serve(engine);
});

afterEach(async () => {
  await server.close();
  await engine.stop(2000);
  await vhost.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(method: string, body?: unknown, token: string | null = server.token): Promise<{ status: number; json: { ok: boolean; value?: unknown; error?: { kind: string; message: string } } }> {
  const res = await fetch(`${server.url}/api/${method}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as never };
}

describe('headless UI server', () => {
  it('binds 127.0.0.1 and answers 401 without the token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.dashboardUrl).toBe(`${server.url}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    expect((await api('status', undefined, null)).status).toBe(401);
    expect((await api('status', undefined, 'wrong')).status).toBe(401);
    const res = await fetch(`${server.url}/api/status?token=${server.token}`);
    expect(res.status).toBe(200);
  });

  it('GET /api/status returns the worker status', async () => {
    await expect.poll(async () => ((await api('status')).json.value as { broker: string }).broker, { timeout: 10_000 }).toBe('connected');
    const { json } = await api('status');
    expect(json.ok).toBe(true);
    expect(json.value).toMatchObject({ enabled: true, maxTasks: 4, brokerEndpoint: { host: '127.0.0.1:5672', vhost: vhost.name, user: 'guest' } });
    expect(JSON.stringify(json.value)).not.toMatch(/guest:guest|password/i);
  });

  it('validates input with the contract and says what is wrong', async () => {
    const bad = await api('updateSettings', { concurrency: 0 });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ kind: 'invalid_input', message: expect.stringMatching(/concurrency/) });
    expect((await api('nope', {})).status).toBe(404);
    const notJson = await fetch(`${server.url}/api/status`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('keeps secrets out of every answer', async () => {
    const saved = await api('updateSettings', { brokerPassword: 's3cret-pw', platformPassword: 'plat-pw' });
    expect(saved.json.ok).toBe(true);
    expect(saved.json.value).toMatchObject({ hasBrokerPassword: true, hasPlatformPassword: true });
    expect(JSON.stringify(saved.json)).not.toMatch(/s3cret-pw|plat-pw/);
    expect(JSON.stringify((await api('getSettings')).json)).not.toMatch(/s3cret-pw|plat-pw/);
  });

  it('streams events over SSE', async () => {
    const res = await fetch(`${server.url}/api/events?token=${server.token}`);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    await engine.worker.setEnabled(false);
    let text = '';
    const until = Date.now() + 5000;
    while (!text.includes('event: status') && Date.now() < until) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toMatch(/event: status\ndata: \{.*"enabled":false/);
  });

  it('serves the built dashboard, refuses foreign Host headers and paths outside it', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toMatch(/<div id="root">/);
    const status = await new Promise<number>((resolve) => {
      request(`${server.url}/api/status`, { headers: { host: 'evil.example:80', authorization: `Bearer ${server.token}` } }, (r) => resolve(r.statusCode ?? 0)).end();
    });
    expect(status).toBe(421);
    const traversal = await new Promise<string>((resolve) => {
      request(`${server.url}/..%2f..%2fpackage.json`, (r) => {
        let body = '';
        r.on('data', (c: Buffer) => (body += c.toString()));
        r.on('end', () => resolve(body));
      }).end();
    });
    expect(traversal).not.toMatch(/"name": "easysight-edge"/);
    for (const path of ['/%E0%A4%A', '/%zz', '/assets/%']) expect((await fetch(`${server.url}${path}`)).status, path).toBe(400);
  });

  it('checks the Host header whatever address it is bound to', async () => {
    const other = await serve(engine, { host: 'localhost' });
    try {
      const port = new URL(other.url).port;
      const statusWith = (host: string) =>
        new Promise<number>((resolve) => {
          request(`http://127.0.0.1:${port}/api/status`, { headers: { host, authorization: `Bearer ${other.token}` } }, (r) => resolve(r.statusCode ?? 0)).end();
        });
      expect(await statusWith('evil.example')).toBe(421);
      expect(await statusWith(`evil.example:${port}`)).toBe(421);
      expect(await statusWith(`localhost:${port}`)).toBe(200);
      expect(await statusWith(`LOCALHOST:${port}`)).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('cuts off an event stream whose client stops reading, instead of buffering for it', async () => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET /api/events?token=${server.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    socket.pause();
    // A log flood of about 32 MB of events for a client that reads none of them.
    const line = 'x'.repeat(4000);
    for (let i = 0; i < 8000; i++) {
      logger.info(line);
      if (i % 200 === 0) await new Promise((r) => setImmediate(r));
    }
    // Now read: a stream that was cut ends after what was already in flight.
    let received = 0;
    const ended = new Promise<boolean>((resolve) => {
      socket.once('close', () => resolve(true));
      setTimeout(() => resolve(false), 10_000);
    });
    socket.on('data', (d: Buffer) => (received += d.length));
    socket.resume();
    expect(await ended, 'the server kept the stream of a reader that did not read').toBe(true);
    expect(received).toBeLessThan(24 * 1024 * 1024);
    socket.destroy();
  }, 60_000);

  it('caps the event streams open at once', async () => {
    const streams: AbortController[] = [];
    try {
      for (let i = 0; i < 16; i++) {
        const stop = new AbortController();
        streams.push(stop);
        expect((await fetch(`${server.url}/api/events?token=${server.token}`, { signal: stop.signal })).status).toBe(200);
      }
      const refused = await fetch(`${server.url}/api/events?token=${server.token}`);
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/too many event streams/);
    } finally {
      for (const s of streams) s.abort();
    }
    await expect.poll(async () => (await fetch(`${server.url}/api/events?token=${server.token}`, { signal: AbortSignal.timeout(2000) })).status, { timeout: 5000 }).toBe(200);
  });
});

describe('settings', () => {
  it('round-trip, restart the worker with them, and survive a restart of the engine', async () => {
    const saved = await api('updateSettings', { concurrency: 5, workerId: 'edge-room-2', language: 'zh-CN', brokerUrls: [vhost.url.replace('guest:guest@', '')] });
    expect(saved.json.value).toMatchObject({ concurrency: 5, workerId: 'edge-room-2', language: 'zh-CN' });
    // The rig's flags decide the brokers and the heartbeat: the dashboard is told so.
    expect((saved.json.value as { overriddenBy: unknown }).overriddenBy).toEqual({ brokerUrls: 'command-line', brokerUsername: 'command-line', heartbeatIntervalS: 'command-line' });
    await expect.poll(async () => ((await api('status')).json.value as { maxTasks: number; workerId: string }).workerId, { timeout: 20_000 }).toBe('edge-room-2');
    await server.close();
    await engine.stop(2000);
    ({ engine } = await openEngine(dataDir, {}));
    engine.start();
    server = await serve(engine);
    const again = await api('getSettings');
    expect(again.json.value).toMatchObject({ concurrency: 5, workerId: 'edge-room-2', language: 'zh-CN', overriddenBy: { heartbeatIntervalS: 'command-line' } });
    expect(again.json.value).not.toHaveProperty('overriddenBy.brokerUrls');
    await expect.poll(async () => ((await api('status')).json.value as { maxTasks: number }).maxTasks, { timeout: 10_000 }).toBe(5);
  });
});
