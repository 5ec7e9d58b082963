// Starts test/support/rtsp-server.py (a GStreamer RTSP camera) on a free 127.0.0.1 port.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface RtspServer {
  port: number;
  /** URL of an open mount (file: or audio). */
  url(mount: string): string;
  /** URL of a mount behind basic auth (auth:), without credentials. */
  authUrl(mount: string): string;
  stop(): Promise<void>;
}

/** `mounts` maps a path (e.g. '/cam') to a spec of rtsp-server.py: file:PATH, shared:PATH, nosprop:PATH, auth:USER:PASS:PATH, live:GOP_SECONDS or audio. */
export async function startRtspServer(mounts: Record<string, string>): Promise<RtspServer> {
  const script = resolve(import.meta.dirname, 'rtsp-server.py');
  const specs = Object.entries(mounts).map(([mount, spec]) => `${mount}=${spec}`);
  // Port 0: the server binds a free port and reports it, so parallel test files never collide.
  // Own process group, so teardown reaches every thread and helper of the server.
  const child = spawn('/usr/bin/python3', [script, '0', ...specs], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = once(child, 'exit');

  const [port, authPort] = await new Promise<[number, number]>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`RTSP server did not start in 20 s: ${stderr}`)), 20_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^READY (\d+) (\d+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        done([Number(m[1]), Number(m[2])]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`RTSP server exited with ${code}: ${stderr}`));
    });
  }).catch((error: unknown) => {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    throw error;
  });

  return {
    port,
    url: (mount) => `rtsp://127.0.0.1:${port}${mount}`,
    authUrl: (mount) => `rtsp://127.0.0.1:${authPort}${mount}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
  };
}
