// A seeded generator of hostile task messages for the standing fuzz test: bodies, header types and
// sizes, properties and camera URLs, each message with a message id the accounting can follow.
import type { Options } from 'amqplib';

/** Mulberry32: small, fast and the same sequence on every machine for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HostileMessage {
  index: number;
  kind: string;
  body: Buffer;
  options: Options.Publish & { messageId: string };
  /** The task id a result would carry, when the message has a readable one. */
  taskId?: string | number;
  /** A camera URL that must never be opened by ffmpeg as a local file. */
  localTarget?: string;
}

const CREATED = '2025-08-13T08:00:00+00:00';

/** Camera URLs that must be refused or fail fast: local files, other protocols, shells, closed ports. */
export const HOSTILE_URLS = [
  'file:///etc/passwd', '/etc/passwd', '../../etc/shadow', 'concat:/etc/passwd|/etc/hosts', 'subfile,,start,0,end,100,,:/etc/passwd',
  'pipe:0', 'data:image/jpeg;base64,AAAA', 'ftp://127.0.0.1/cam.jpg', 'javascript:alert(1)', '-f lavfi -i testsrc', 'rtsp://x/$(touch /tmp/fuzz-pwned)',
  'http://127.0.0.1:9/;touch /tmp/fuzz-pwned;', 'rtsp://127.0.0.1:9/live', 'http://127.0.0.1:9/snap.jpg', 'rtsp://%E0%A4%A:%zz@127.0.0.1:9/s',
  'http://127.0.0.1:9/a.jpg\r\nX-Injected: 1', 'rtsp://127.0.0.1:9/a\u0000b', 'file:///proc/self/environ', 'tcp://127.0.0.1:9', 'udp://127.0.0.1:9',
  'hls+http://127.0.0.1:9/x.m3u8', 'async:file:/etc/passwd', 'cache:file:/etc/passwd', 'crypto:file:/etc/passwd', 'gopher://127.0.0.1:9/',
];

const LOCAL = /^(file:|\/|\.\.|concat:|subfile|pipe:|async:|cache:|crypto:)/;

const WEIRD_STRINGS = ['', ' ', '\ud800', '\udfff', '巡检'.repeat(50), 'x'.repeat(5000), '__proto__', 'constructor', '<script>alert(1)</script>', '%00', '../../', '\u0000', '😀', 'null'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

/** A table with a key '!': amqplib writes it only when '!' is inherited, and reads it back as its own. */
function tableWithBang(type: string): Record<string, unknown> {
  const t = Object.create({ '!': type }) as Record<string, unknown>;
  t.value = 1;
  return t;
}

function headerValue(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * 14);
  switch (k) {
    case 0: return pick(r, WEIRD_STRINGS);
    case 1: return Math.floor(r() * 2 ** 31) - 2 ** 30;
    case 2: return { '!': 'double', value: pick(r, [-1e30, 1e300, -0, 0.5, 2 ** 63, -(2 ** 63) * 4]) };
    case 3: return r() < 0.5;
    case 4: return null;
    case 5: return Buffer.from(Array.from({ length: Math.floor(r() * 64) }, () => Math.floor(r() * 256)));
    case 6: return { '!': 'timestamp', value: Math.floor(r() * 2e9) };
    case 7: return tableWithBang(pick(r, ['bogus', 'timestamp', 'decimal', 'long']));
    case 8: return depth < 3 ? [headerValue(r, depth + 1), headerValue(r, depth + 1)] : 1;
    case 9: return depth < 3 ? { a: headerValue(r, depth + 1), b: headerValue(r, depth + 1) } : 'deep';
    case 10: return 'h'.repeat(Math.floor(r() * 8000));
    case 11: return { '!': 'decimal', value: { places: Math.floor(r() * 5), digits: Math.floor(r() * 1e6) } };
    case 12: return { '!': 'float', value: r() * 100 };
    default: return pick(r, [-1, 2 ** 53, -(2 ** 53), 128, 40_000]);
  }
}

function headers(r: () => number): Record<string, unknown> | undefined {
  if (r() < 0.4) return undefined;
  const out: Record<string, unknown> = {};
  const n = 1 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) out[pick(r, ['x-t', 'x-retry', 'x-death', 'trace', 'k'.repeat(1 + Math.floor(r() * 200)), `h${i}`, '!', 'value'])] = headerValue(r);
  return out;
}

function envelope(taskId: unknown, data: Record<string, unknown>, r: () => number): Record<string, unknown> {
  return {
    task_id: taskId,
    task_type: pick(r, ['diagnosis', 'diagnosis', 'event', '', 7]),
    created_at: r() < 0.9 ? CREATED : pick(r, WEIRD_STRINGS),
    priority: pick(r, [5, 0, 10, -1, 1000, '5', null]),
    data: { task_id: taskId, camera_ids: [], diagnosis_types: ['brightness'], diagnosis_config: {}, threshold_config: {}, ...data },
  };
}

export function hostileMessage(index: number, r: () => number): HostileMessage {
  const messageId = `fz-${index}`;
  const options: Options.Publish & { messageId: string } = {
    messageId,
    persistent: r() < 0.7,
    priority: Math.floor(r() * 256),
    ...(r() < 0.5 ? { timestamp: Math.floor(r() * 2e9) } : {}),
    ...(r() < 0.3 ? { contentType: pick(r, ['application/json', 'text/plain', 'x'.repeat(200), '']) } : {}),
    ...(r() < 0.2 ? { correlationId: pick(r, ['c', 'x'.repeat(255)]), replyTo: 'nowhere' } : {}),
  };
  const h = headers(r);
  if (h) options.headers = h;
  const taskId = `fz-${index}`;
  const kind = Math.floor(r() * 10);
  switch (kind) {
    case 0:
      return { index, kind: 'random bytes', body: Buffer.from(Array.from({ length: Math.floor(r() * 3000) }, () => Math.floor(r() * 256))), options };
    case 1: {
      const full = JSON.stringify(envelope(taskId, { camera_ids: [1] }, r));
      return { index, kind: 'truncated JSON', body: Buffer.from(full.slice(0, Math.floor(r() * full.length))), options };
    }
    case 2:
    case 3:
    case 4: {
      const url = pick(r, HOSTILE_URLS);
      const camera = { id: index, name: pick(r, WEIRD_STRINGS), stream_url: url, ...(r() < 0.3 ? { username: pick(r, WEIRD_STRINGS), password: pick(r, WEIRD_STRINGS) } : {}) };
      const types = r() < 0.8 ? ['brightness'] : [pick(r, ['telepathy', '__proto__', 'noise', 'freeze'])];
      return { index, kind: 'hostile camera URL', body: Buffer.from(JSON.stringify(envelope(taskId, { camera_ids: [index], cameras: [camera], diagnosis_types: types }, r))), options, taskId, ...(LOCAL.test(url) ? { localTarget: url } : {}) };
    }
    case 5:
      return { index, kind: 'unknown camera', body: Buffer.from(JSON.stringify(envelope(taskId, { camera_ids: [900_000 + index] }, r))), options, taskId };
    case 6: {
      const weird = pick(r, [`${taskId}\ud800`, { id: taskId }, [taskId], null, true, 1.5, '']);
      return { index, kind: 'weird task id', body: Buffer.from(JSON.stringify(envelope(weird, { camera_ids: [1] }, r))), options };
    }
    case 7: {
      const field = pick(r, ['data', 'camera_ids', 'diagnosis_types', 'threshold_config', 'cameras']);
      const value = pick(r, [null, 'x', 7, [null], { a: 1 }, Array.from({ length: 20_000 }, (_, i) => i)]);
      const e = envelope(taskId, {}, r);
      if (field === 'data') e.data = value;
      else (e.data as Record<string, unknown>)[field] = value;
      return { index, kind: `mistyped ${field}`, body: Buffer.from(JSON.stringify(e)), options, taskId };
    }
    case 8: {
      const depth = 50 + Math.floor(r() * 5000);
      return { index, kind: 'deep nesting', body: Buffer.from(`{"task_id":"${taskId}","data":${'['.repeat(depth)}${']'.repeat(depth)}}`), options, taskId };
    }
    default: {
      // Now and then a body past the size limit, parked unread.
      const big = r() < 0.02;
      return { index, kind: big ? 'oversized body' : 'non-JSON text', body: big ? Buffer.alloc(1024 * 1024 + 10, 0x61) : Buffer.from(pick(r, WEIRD_STRINGS) + ' not a task'), options };
    }
  }
}
