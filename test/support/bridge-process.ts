// Runs `easysight-edge bridge` as a real child process (from the TypeScript sources), so tests can
// kill -9 it and start it again on the same database.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ENTRY = resolve(import.meta.dirname, '../../main/cli/easysight-edge.ts');

export interface BridgeProcess {
  proc: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<void>;
  kill(): Promise<void>;
  stop(timeoutMs?: number): Promise<number | null>;
  exited: Promise<number | null>;
}

export async function startBridge(options: { broker: string; database: string; args?: string[] }): Promise<BridgeProcess> {
  const args = [ENTRY, 'bridge', '--broker', options.broker, '--database', options.database, ...(options.args ?? [])];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  proc.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const running = () => proc.exitCode === null && proc.signalCode === null;
  const handle: BridgeProcess = {
    proc,
    output: () => text,
    exited,
    async waitFor(pattern, timeoutMs = 20_000, from = 0) {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(text.slice(from))) {
        if (!running()) throw new Error(`bridge exited before ${pattern}:\n${text}`);
        if (Date.now() > until) throw new Error(`bridge did not log ${pattern} within ${timeoutMs} ms:\n${text}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async kill() {
      if (running()) proc.kill('SIGKILL');
      await exited;
    },
    async stop(timeoutMs = 15_000) {
      if (!running()) return proc.exitCode;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  await handle.waitFor(/bridge consuming/);
  return handle;
}
