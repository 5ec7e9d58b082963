// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from '../../renderer/src/api/http-client.ts';
import { pickClient, readToken } from '../../renderer/src/api/pick-client.ts';
import { makeStatus, MemoryApi } from './memory-api.ts';

/** Stands in for the browser's EventSource: records what was opened and lets the test push events. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readonly url: string;
  readyState = FakeEventSource.OPEN;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readonly listeners = new Map<string, Array<(e: MessageEvent<string>) => void>>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.opened.push(this);
  }

  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  push(type: string, data: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data: JSON.stringify(data) }));
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
}

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  sessionStorage.clear();
});

describe('HTTP client', () => {
  it('posts each method with the bearer token and returns the ApiResult', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { stopped: true } }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const api = createHttpClient('http://127.0.0.1:8790/', 'tok-123');
    expect(await api.stopTask({ runId: 'run-a' })).toEqual({ ok: true, value: { stopped: true } });
    expect(fetchMock).toHaveBeenCalledWith('http://127.0.0.1:8790/api/stopTask', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok-123' },
      body: '{"runId":"run-a"}',
    });
  });

  it('passes API errors through and turns 401 and network failures into unavailable', async () => {
    const answers = [
      new Response(JSON.stringify({ ok: false, error: { kind: 'invalid_input', message: 'workerId: too long' } }), { status: 400 }),
      new Response('no', { status: 401 }),
    ];
    vi.stubGlobal('fetch', vi.fn(async () => {
      const next = answers.shift();
      if (!next) throw new TypeError('Failed to fetch');
      return next;
    }));
    const api = createHttpClient('http://h', 't');
    expect(await api.updateSettings({ workerId: 'x' })).toEqual({ ok: false, error: { kind: 'invalid_input', message: 'workerId: too long' } });
    const refused = await api.status({});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.kind).toBe('unavailable');
    const down = await api.status({});
    expect(down.ok).toBe(false);
    if (!down.ok) expect(down.error).toEqual({ kind: 'unavailable', message: 'the edge server cannot be reached (Failed to fetch)' });
  });

  it('delivers Server-Sent Events and reopens a stream the server closed', async () => {
    vi.useFakeTimers();
    const api = createHttpClient('http://h', 'a b');
    const seen: string[] = [];
    const off = api.on('status', (s) => seen.push(s.broker));
    expect(FakeEventSource.opened).toHaveLength(1);
    const first = FakeEventSource.opened[0]!;
    expect(first.url).toBe('http://h/api/events?token=a%20b');
    first.push('status', makeStatus({ broker: 'reconnecting' }));
    expect(seen).toEqual(['reconnecting']);

    first.readyState = FakeEventSource.CLOSED;
    first.onerror?.();
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeEventSource.opened).toHaveLength(2);
    FakeEventSource.opened[1]!.push('status', makeStatus({ broker: 'connected' }));
    expect(seen).toEqual(['reconnecting', 'connected']);
    off();
    // Kept open a moment for the next page's listeners (a page switch drops them all briefly).
    expect(FakeEventSource.opened[1]!.readyState).toBe(FakeEventSource.OPEN);
    const again = api.on('status', (s) => seen.push(s.broker));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeEventSource.opened).toHaveLength(2);
    again();
    await vi.advanceTimersByTimeAsync(5000);
    expect(FakeEventSource.opened[1]!.readyState).toBe(FakeEventSource.CLOSED);
  });
});

describe('pickClient', () => {
  it('takes the token from the URL hash, keeps it for the tab and hides it', () => {
    window.history.replaceState(null, '', '/index.html#token=s3cr3t');
    expect(readToken()).toBe('s3cr3t');
    expect(window.location.hash).toBe('');
    expect(sessionStorage.getItem('easysight-edge-token')).toBe('s3cr3t');
    expect(readToken()).toBe('s3cr3t');
  });

  it('uses window.edge when the preload provides it', () => {
    const mem = new MemoryApi();
    window.edge = mem.api;
    try {
      expect(pickClient()).toBe(mem.api);
    } finally {
      delete window.edge;
    }
    expect(pickClient()).not.toBe(mem.api);
  });
});
