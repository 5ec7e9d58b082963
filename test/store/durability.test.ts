import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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

describe('durability', () => {
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
