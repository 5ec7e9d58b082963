import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, tempDir } from './store-fixtures.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Starts the child, SIGKILLs it on its first "committed" line, returns every run it reported. */
function commitThenKill(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'durability-child.ts'), path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n') && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended without being killed: ${err}`));
      // Only complete lines count: a line cut by the kill was not necessarily printed after its commit.
      resolve(out.split('\n').slice(0, -1).map((line) => line.replace(/^committed /, '')));
    });
  });
}

/**
 * Reads an `strace -f -y` log in order and returns, for each "committed" line the child printed,
 * whether a flush (fsync/fdatasync) of the write-ahead log completed after the previous one.
 */
function flushedBeforeEachReport(log: string): boolean[] {
  const unfinished = new Map<string, string>();
  const reports: boolean[] = [];
  let flushed = false;
  for (const line of log.split('\n')) {
    const [pid = '', ...rest] = line.split(' ');
    const call = rest.join(' ').trim();
    const started = /^(fsync|fdatasync)\(\d+<([^>]+)>/.exec(call);
    if (started && call.endsWith('<unfinished ...>')) unfinished.set(pid, started[2]!);
    else if (started && call.endsWith('= 0') && started[2]!.endsWith('edge.db-wal')) flushed = true;
    else if (/^<\.\.\. (fsync|fdatasync) resumed>.*= 0$/.test(call) && unfinished.get(pid)?.endsWith('edge.db-wal')) flushed = true;
    else if (/^writev?\(1</.test(call) && call.includes('committed ')) {
      reports.push(flushed);
      flushed = false;
    }
  }
  return reports;
}

describe('durability', () => {
  it('flushes the write-ahead log to disk before it reports any commit (traced with strace)', async () => {
    const path = join(dir, 'edge.db');
    const log = join(dir, 'strace.log');
    const child = join(import.meta.dirname, 'durability-child.ts');
    const r = spawnSync('strace', ['-f', '-qq', '-y', '-e', 'trace=fsync,fdatasync,write,writev', '-e', 'signal=none', '-o', log, process.execPath, child, path, '20'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.error, 'strace is needed (apt-get install strace; npm test installs it)').toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(20);
    expect(flushedBeforeEachReport(readFileSync(log, 'utf8'))).toEqual(Array.from({ length: 20 }, () => true));
  });

  it('keeps a committed run, its results and its outbox row through kill -9', async () => {
    const path = join(dir, 'edge.db');
    const reported = await commitThenKill(path);
    expect(reported[0]).toBe('durable-0');
    // No clean close happened: the commits are in the write-ahead log, not yet in the main file.
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);

    const store = openTestStore(path);
    try {
      for (const runId of reported) {
        expect(store.findRun(runId)?.status).toBe('done');
        expect(store.results.forRun(runId).map((r) => r.diagnosis_type)).toEqual(['brightness', 'clarity']);
        expect(store.outboxForRun(runId)).toMatchObject({ messageId: `result-${runId}`, sentAt: null });
      }
      expect(store.pendingOutbox(1000).length).toBeGreaterThanOrEqual(reported.length);
    } finally {
      store.close();
    }
  });
});
