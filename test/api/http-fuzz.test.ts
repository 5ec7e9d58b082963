// The standing HTTP fuzz of the local server: API methods with random inputs and static routes
// with hostile paths, methods, Host headers, tokens and bodies. Nothing may answer 500, leak a
// secret or the token, or take the server down.
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/api/contract.ts';
import type { Engine } from '../../main/core/api/engine.ts';
import type { UiServer } from '../../main/cli/http-server.ts';
import { openEngine, serve } from '../support/engine-rig.ts';
import { prng } from '../support/hostile-messages.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';
import { tempDataDir } from '../support/worker-process.ts';

const COUNT = 2000;
const SECRETS = ['fuzz-broker-Pa55', 'fuzz-platform-Pa55'];
/** Methods that start work (ffmpeg, a platform sync) are fuzzed through their input checks only. */
const WORKING = new Set(['diagnoseNow', 'syncCameras', 'setWorkerEnabled', 'stopTask', 'updateSettings']);

let vhost: TestVhost;
let dataDir: string;
let engine: Engine;
let server: UiServer;

beforeAll(async () => {
  vhost = await createVhost();
  dataDir = tempDataDir();
  ({ engine } = await openEngine(dataDir, { brokers: [vhost.url] }));
  engine.start();
  engine.settings.update({ brokerPassword: SECRETS[0], platformUrl: 'http://127.0.0.1:9', platformPassword: SECRETS[1] });
  server = await serve(engine);
});

afterAll(async () => {
  await server.close();
  await engine.stop(2000);
  await vhost.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function value(r: () => number, depth = 0): unknown {
  switch (Math.floor(r() * 11)) {
    case 0: return null;
    case 1: return Math.floor(r() * 2e9) - 1e9;
    case 2: return pick(r, [1e308, -0, 0.5, Number.MAX_SAFE_INTEGER + 2]);
    case 3: return pick(r, ['', 'x', '\ud800', '../../etc/passwd', 'file:///etc/passwd', '<img src=x onerror=alert(1)>', '巡检', 'a'.repeat(10_000), '__proto__']);
    case 4: return r() < 0.5;
    case 5: return depth < 4 ? Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1)) : [];
    case 6: return depth < 4 ? Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, () => [pick(r, ['id', 'cameraId', 'limit', 'level', 'format', 'text', '__proto__', 'constructor', 'ffmpegPath', 'brokerUrls', 'x']), value(r, depth + 1)])) : {};
    case 7: return { id: pick(r, [1, 'cam', -1, 1.5]), limit: pick(r, [0, 1, 5000]) };
    case 8: return { format: pick(r, ['csv', 'json', 'xml']), text: pick(r, ['id,name,stream_url\n1,a,rtsp://127.0.0.1:9/', '[{"id":1}]', 'garbage']) };
    case 9: return { cameraId: pick(r, [1, 'x', null]) };
    default: return pick(r, [{}, [], 'null', 7]);
  }
}

interface Answer {
  status: number;
  body: string;
}

function send(path: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((resolve) => {
    // A fresh connection each: a kept-alive socket the server closed after a refused upload would fail the next request.
    const req = request({ host: '127.0.0.1', port, path, method, headers, timeout: 10_000, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text.length < 1_000_000 ? (text += c.toString()) : undefined));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: -1, body: err.message }));
    req.end(body);
  });
}

describe('HTTP fuzz of the local server', () => {
  it(`answers ${COUNT} hostile requests without a 500, a leaked secret or a crash`, async () => {
    const r = prng(Number(process.env.EDGE_FUZZ_SEED ?? 20261130));
    const { port } = new URL(server.url);
    const methods = Object.keys(API_METHODS);
    const statuses = new Map<number, number>();
    const problems: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const api = r() < 0.7;
      // The event stream never ends by design: it has tests of its own.
      const name = r() < 0.9 ? pick(r, methods) : pick(r, ['nope', '%zz', '..%2f..%2fpackage.json', 'status/../status', '__proto__', 'events/x', '']);
      const junk = pick(r, ['', '/..', '/%2e%2e/%2e%2e/etc/passwd', '/%E0%A4%A', '/%', '/%00', '//', '/index.html', '/assets/../../package.json', `/${'a'.repeat(4000)}`, '/\u00e9', '/?x=%zz']);
      const path = api ? `/api/${name}${r() < 0.1 ? junk : ''}${r() < 0.2 ? `?token=${pick(r, [server.token, 'x', '%zz'])}` : ''}` : junk || '/';
      const method = pick(r, ['GET', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH']);
      const headers: Record<string, string> = { host: pick(r, [`127.0.0.1:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`, '']) };
      const auth = r();
      if (auth < 0.6) headers.authorization = `Bearer ${server.token}`;
      else if (auth < 0.8) headers.authorization = pick(r, ['Bearer x', 'Basic Zm9v', `Bearer ${server.token}x`, 'Bearer']);
      if (r() < 0.3) headers['content-type'] = pick(r, ['application/json', 'text/plain', 'multipart/form-data; boundary=x']);
      let body: Buffer | undefined;
      if (method !== 'GET' && method !== 'HEAD') {
        const kind = r();
        if (api && WORKING.has(name) && kind < 0.9) body = Buffer.from('{"__not":"an input"}');
        else if (kind < 0.7) body = Buffer.from(JSON.stringify(value(r)) ?? 'null');
        else if (kind < 0.85) body = Buffer.from(Array.from({ length: Math.floor(r() * 2000) }, () => Math.floor(r() * 256)));
        else if (kind < 0.95) body = Buffer.from('{"a":'.repeat(5000));
        else body = Buffer.alloc(2 * 1024 * 1024, 0x20);
      }
      const answer = await send(path, method, headers, body);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const what = `${method} ${path.slice(0, 80)} -> ${answer.status}`;
      if (answer.status >= 500) problems.push(`${what}: ${answer.body.slice(0, 200)}`);
      // A request refused before its body was read (no token, wrong Host, no such route) may see its upload cut.
      const cutUpload = body !== undefined && /EPIPE|ECONNRESET|socket hang up/.test(answer.body);
      if (answer.status === -1 && !cutUpload) problems.push(`${what}: ${answer.body}`);
      for (const secret of [...SECRETS, server.token]) if (answer.body.includes(secret)) problems.push(`${what}: leaks ${secret.slice(0, 6)}…`);
    }
    console.log(`http fuzz: ${COUNT} requests, statuses ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`).join(' ')}`);
    expect(problems).toEqual([]);
    const alive = await send('/api/status', 'GET', { host: `127.0.0.1:${port}`, authorization: `Bearer ${server.token}` });
    expect(alive.status).toBe(200);
  }, 240_000);
});
