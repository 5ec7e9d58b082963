// An HTTP snapshot camera that answers after a delay and counts how many probes it serves at once:
// the far side's view of the worker's concurrency.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SAMPLES } from './media.ts';

export interface SlowCamera {
  /** URL of camera `name`; each request is answered after `delayMs`. */
  url(name: string): string;
  requests: number;
  inFlight: number;
  maxInFlight: number;
  /** Requests per camera name. */
  perCamera: Map<string, number>;
  delayMs: number;
  stop(): Promise<void>;
}

export async function startSlowCamera(delayMs: number): Promise<SlowCamera> {
  const jpeg = readFileSync(join(SAMPLES, 'building.jpg'));
  const open = new Set<ServerResponse>();
  const state: SlowCamera = {
    url: () => '',
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    perCamera: new Map(),
    delayMs,
    stop: async () => undefined,
  };
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://cam').pathname.slice(1);
    state.requests++;
    state.perCamera.set(name, (state.perCamera.get(name) ?? 0) + 1);
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    open.add(res);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      state.inFlight--;
      open.delete(res);
    };
    res.on('close', finish);
    setTimeout(() => {
      if (!res.destroyed) res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length }).end(jpeg);
    }, state.delayMs);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  state.url = (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}.jpg`;
  state.stop = async () => {
    for (const r of open) r.destroy();
    await new Promise((done) => server.close(done));
  };
  return state;
}
