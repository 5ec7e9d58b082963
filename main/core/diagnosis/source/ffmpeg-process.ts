// One ffmpeg child: spawned without a shell, stopped with SIGTERM and then SIGKILL, and only reported
// finished once the process is gone and every pipe is closed, so nothing can outlive a grab.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the binary could not be started at all (ENOENT, EACCES...). */
  spawnError?: Error;
}

export interface FfmpegProcess {
  stdout: Readable;
  stderr: Readable;
  /** Pipes for fd 3, 4... in order. */
  extra: Readable[];
  /** Idempotent. SIGTERM lets ffmpeg leave its blocking read; SIGKILL follows after `graceMs`. */
  stop(graceMs?: number): void;
  exited: Promise<FfmpegExit>;
}

export function startFfmpeg(path: string, args: readonly string[], extraPipes: number): FfmpegProcess {
  const stdio: ('ignore' | 'pipe')[] = ['ignore', 'pipe', 'pipe', ...Array<'pipe'>(extraPipes).fill('pipe')];
  const child: ChildProcess = spawn(path, args, { stdio, shell: false, windowsHide: true });
  let killTimer: NodeJS.Timeout | undefined;
  let stopping = false;

  const exited = new Promise<FfmpegExit>((done) => {
    let spawnError: Error | undefined;
    child.once('error', (error) => {
      spawnError = error;
      // No 'close' follows a failed spawn on every platform; a started process always closes.
      if (child.pid === undefined) done({ code: null, signal: null, spawnError });
    });
    child.once('close', (code, signal) => {
      clearTimeout(killTimer);
      done(spawnError ? { code, signal, spawnError } : { code, signal });
    });
  });

  return {
    stdout: child.stdout!,
    stderr: child.stderr!,
    extra: Array.from({ length: extraPipes }, (_, i) => child.stdio[3 + i] as Readable),
    stop(graceMs = 250) {
      if (stopping || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      stopping = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    },
    exited,
  };
}
