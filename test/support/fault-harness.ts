// Shared plumbing for the worker's fault tests: a cleanup stack, polling, and the jepsen-style
// checker (lost / duplicated / unexpected results per published run).
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import type { PeerResult } from './platform-peer.ts';

/** Cleanups run in reverse order in afterEach; one failing cleanup does not skip the others. */
export class Cleanups {
  private readonly stack: Array<() => Promise<unknown> | unknown> = [];

  add(fn: () => Promise<unknown> | unknown): void {
    this.stack.push(fn);
  }

  removeDirLater(dir: string): void {
    this.add(() => rmSync(dir, { recursive: true, force: true }));
  }

  async run(): Promise<void> {
    const errors: unknown[] = [];
    for (const fn of this.stack.splice(0).reverse()) {
      try {
        await fn();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it is true; throws with `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 100): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * Waits until `snapshot` (counts as text, the task queue's depth last) ends in '/0' and has not
 * changed for `quietMs`; returns that settled snapshot.
 */
export async function waitForSettled(snapshot: () => Promise<string>, timeoutMs: number, quietMs: number, what: string): Promise<string> {
  let last = '';
  let stableSince = Date.now();
  await waitUntil(
    async () => {
      const now = await snapshot();
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      }
      return now.endsWith('/0') && Date.now() - stableSince > quietMs;
    },
    timeoutMs,
    what,
    Math.min(500, quietMs / 4),
  );
  return last;
}

export interface JepsenCounts {
  published: number;
  /** Runs published that never got a result. */
  lost: number;
  /** Extra copies of a result beyond the first (allowed: consumers dedupe by message_id). */
  duplicated: number;
  /** Results for runs nobody published. */
  unexpected: number;
  /** Runs that got a result. */
  ok: number;
}

/** The rabbitmq/jepsen checker's numbers for the results the platform received (any number of peers). */
export function jepsenCounts(publishedRunIds: readonly string[], results: readonly PeerResult[]): JepsenCounts {
  const byRun = new Map<string, number>();
  for (const r of results) {
    const key = String(r.body.run_id ?? r.body.task_id);
    byRun.set(key, (byRun.get(key) ?? 0) + 1);
  }
  const published = new Set(publishedRunIds);
  let lost = 0;
  let duplicated = 0;
  let unexpected = 0;
  for (const id of published) {
    const n = byRun.get(id) ?? 0;
    if (n === 0) lost++;
    else duplicated += n - 1;
  }
  for (const [id, n] of byRun) if (!published.has(id)) unexpected += n;
  return { published: published.size, lost, duplicated, unexpected, ok: published.size - lost };
}

export function reportCounts(name: string, c: JepsenCounts, extra = ''): void {
  console.log(`faults ${name}: published=${c.published} lost=${c.lost} duplicated=${c.duplicated} unexpected=${c.unexpected}${extra ? ` ${extra}` : ''}`);
}

/** The run id the worker gives a platform task: task_id@created_at. */
export function runIdFor(taskId: number, createdAt: string): string {
  return `${taskId}@${createdAt}`;
}

/** Ready and unacknowledged messages of a queue, as the broker counts them (rabbitmqctl). */
export async function brokerQueueCounts(vhost: string, queue: string): Promise<{ ready: number; unacked: number }> {
  const { stdout } = await promisify(execFile)('rabbitmqctl', ['-q', 'list_queues', '-p', vhost, '--no-table-headers', 'name', 'messages_ready', 'messages_unacknowledged']);
  for (const line of stdout.split('\n')) {
    const [name, ready, unacked] = line.trim().split(/\s+/);
    if (name === queue) return { ready: Number(ready), unacked: Number(unacked) };
  }
  throw new Error(`queue ${queue} not found in vhost ${vhost}:\n${stdout}`);
}

/** Client connections the broker holds on a vhost (rabbitmqctl). */
export async function vhostConnections(vhost: string): Promise<number> {
  const { stdout } = await promisify(execFile)('rabbitmqctl', ['-q', 'list_connections', '--no-table-headers', 'vhost']);
  return stdout.split('\n').filter((l) => l.trim() === vhost).length;
}
