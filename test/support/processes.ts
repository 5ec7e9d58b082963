// Reads the process tree from /proc, to prove that no child process is left behind.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  command: string;
  /** The full argument list (argv), empty when the process ended while we read. */
  args: string[];
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    } catch {
      // the task ended while we read
    }
  }
  return out;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function argsOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** Every living descendant of `root` (default: this process). */
export function descendants(root = process.pid): ProcessInfo[] {
  const seen: ProcessInfo[] = [];
  const queue = childrenOf(root);
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const command = commandOf(pid);
    if (!command) continue;
    seen.push({ pid, command, args: argsOf(pid) });
    queue.push(...childrenOf(pid));
  }
  return seen;
}

/** Descendants that are ffmpeg processes (the ones the engine starts and must always reap). */
export function ffmpegDescendants(root = process.pid): ProcessInfo[] {
  return descendants(root).filter((p) => p.command.startsWith('ffmpeg'));
}
