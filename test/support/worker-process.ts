// Runs `easysight-edge worker` as a real child process (from the TypeScript sources on Node 24),
// so tests can kill -9 it, stop it with SIGSTOP, and restart it on the same data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ENTRY = resolve(import.meta.dirname, '../../main/cli/easysight-edge.ts');
/** The shipped entry point: the compiled CLI in dist/ (needs `npm run build:main`). */
const BUILT_ENTRY = resolve(import.meta.dirname, '../../bin/easysight-edge.js');

export interface WorkerProcess {
  proc: ChildProcess;
  output: () => string;
  /** The dashboard address (with its token) the worker printed. */
  dashboardUrl(): string;
  /** Resolves when a line matching `pattern` has been logged (after `from` characters). */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<void>;
  signal(sig: NodeJS.Signals): void;
  /** SIGTERM and wait for a clean exit; returns the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
  exited: Promise<number | null>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'edge-worker-'));
}

/**
 * Resolves once the worker is connected and serving, unless `ready: false` (a worker that must wait first).
 * `built`: run the compiled JavaScript users run, not the sources (type stripping costs ~40 MB of RSS).
 */
export async function startWorker(options: { brokers: string[]; dataDir: string; args?: string[]; env?: Record<string, string>; ready?: boolean; built?: boolean }): Promise<WorkerProcess> {
  // Port 0: parallel tests each get a free port for the dashboard.
  const args = [options.built ? BUILT_ENTRY : ENTRY, 'worker', ...options.brokers.flatMap((b) => ['--broker', b]), '--data-dir', options.dataDir, '--port', '0', ...(options.args ?? [])];
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  proc.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const handle: WorkerProcess = {
    proc,
    output: () => text,
    dashboardUrl: () => /Dashboard: (\S+)/.exec(text)?.[1] ?? '',
    exited,
    async waitFor(pattern, timeoutMs = 20_000, from = 0) {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(text.slice(from))) {
        if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`worker exited before ${pattern}:\n${text}`);
        if (Date.now() > until) throw new Error(`worker did not log ${pattern} within ${timeoutMs} ms:\n${text}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    signal(sig) {
      proc.kill(sig);
    },
    async stop(timeoutMs = 20_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  if (options.ready === false) return handle;
  await handle.waitFor(/broker connected/);
  await handle.waitFor(/Dashboard: /);
  return handle;
}
