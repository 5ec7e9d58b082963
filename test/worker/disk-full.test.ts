// A full disk once crashed the worker (an uncaught ENOSPC from the log file) and, started again on
// it, left a process that printed one line and served nothing. Now disk pressure is a state: below
// the floor the worker keeps its broker connection, takes no tasks (they wait in the queue), says
// why in status and heartbeat, and takes them again by itself once there is room.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { brokerQueueCounts, Cleanups, sleep, waitUntil } from '../support/fault-harness.ts';
import { platformTask } from '../support/platform-peer.ts';
import { workerRig } from '../support/worker-rig.ts';
import { startWorker } from '../support/worker-process.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

const FLOOR_MB = 16;
const isRoot = process.getuid?.() === 0;

/** A small file system of its own for the data folder, so the test can fill it. */
function smallDisk(sizeMb: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'edge-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]);
  cleanups.add(() => {
    execFileSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Fills the disk until `leaveBytes` are free (0: completely full). */
function fill(dir: string, leaveBytes: number): string {
  const path = join(dir, `fill-${Math.random().toString(36).slice(2)}`);
  const size = Math.max(0, freeBytes(dir) - leaveBytes);
  try {
    writeFileSync(path, Buffer.alloc(size));
  } catch {
    // Completely full: the write stops at ENOSPC, which is what was asked for.
  }
  return path;
}

async function status(dashboardUrl: string): Promise<{ diskLow: { freeBytes: number } | null; enabled: boolean }> {
  const u = new URL(dashboardUrl);
  const token = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
  const r = await fetch(new URL('/api/status', u.origin), { headers: { authorization: `Bearer ${token}` } });
  const body = (await r.json()) as { ok: boolean; value: { diskLow: { freeBytes: number } | null; enabled: boolean } };
  return body.value;
}

describe.skipIf(!isRoot)('worker on a full disk', () => {
  it('stops taking tasks below the floor, stays up and connected through a completely full disk, and resumes by itself', async () => {
    const r = await workerRig(cleanups, 0);
    const disk = smallDisk(64);
    const dataDir = join(disk, 'data');
    const worker = await startWorker({ brokers: [r.vhost.url], dataDir, env: { EDGE_DISK_FLOOR_MB: String(FLOOR_MB) }, args: ['--heartbeat-interval', '1'] });
    cleanups.add(() => worker.stop());
    await waitUntil(async () => (await r.peer.queue('diagnosis.tasks')).consumers === 1, 20_000, 'the worker to consume');

    const nearlyFull = fill(disk, 4 * 1024 * 1024);
    await worker.waitFor(/disk nearly full: \d+ MB free/, 10_000);
    await waitUntil(async () => (await r.peer.queue('diagnosis.tasks')).consumers === 0, 10_000, 'the consumer to be cancelled');
    expect((await status(worker.dashboardUrl())).diskLow?.freeBytes).toBeLessThan(FLOOR_MB * 1024 * 1024);
    await waitUntil(() => r.peer.heartbeats.some((h) => (h.info as { status?: string }).status === 'disk_low'), 10_000, 'a disk_low heartbeat');

    const createdAt = new Date().toISOString();
    await r.peer.publishTask(platformTask(7100, [{ id: 7100, name: 'cam', stream_url: r.camera.url('cam') }], ['brightness'], createdAt));
    const full = fill(disk, 0);
    expect(freeBytes(disk)).toBeLessThan(64 * 1024);
    await sleep(4000);
    expect(await brokerQueueCounts(r.vhost.name, 'diagnosis.tasks'), 'the task waits in the queue').toEqual({ ready: 1, unacked: 0 });
    expect(worker.proc.exitCode, worker.output()).toBeNull();
    expect((await status(worker.dashboardUrl())).diskLow).not.toBeNull();

    rmSync(full);
    rmSync(nearlyFull);
    await worker.waitFor(/disk has room again/, 10_000);
    await waitUntil(() => r.peer.results.some((x) => x.body.task_id === 7100), 30_000, 'the task to be served after the disk has room');
    expect((await status(worker.dashboardUrl())).diskLow).toBeNull();
    expect(worker.output()).not.toMatch(/unexpected failure|ENOSPC.*\n\s+at /);
    const log = readFileSync(join(dataDir, 'logs', 'edge.log'), 'utf8');
    expect(log).toMatch(/disk has room again/);
  }, 90_000);

  it('started on a completely full disk, says it waits for room, then starts by itself', async () => {
    const r = await workerRig(cleanups, 0);
    const disk = smallDisk(64);
    const dataDir = join(disk, 'data');
    const first = await startWorker({ brokers: [r.vhost.url], dataDir, env: { EDGE_DISK_FLOOR_MB: String(FLOOR_MB) } });
    await first.stop();
    const full = fill(disk, 0);

    const worker = await startWorker({ brokers: [r.vhost.url], dataDir, env: { EDGE_DISK_FLOOR_MB: String(FLOOR_MB) }, ready: false });
    cleanups.add(() => worker.stop());
    await worker.waitFor(/disk nearly full: 0 MB free .* waiting until \d+ MB are free before starting/, 15_000);
    await sleep(3000);
    expect(worker.proc.exitCode, worker.output()).toBeNull();
    expect(worker.output()).not.toMatch(/unexpected failure/);

    rmSync(full);
    await worker.waitFor(/broker connected/, 20_000);
    await worker.waitFor(/Dashboard: /, 10_000);
    const createdAt = new Date().toISOString();
    await r.peer.publishTask(platformTask(7200, [{ id: 7200, name: 'cam', stream_url: r.camera.url('cam') }], ['brightness'], createdAt));
    await waitUntil(() => r.peer.results.some((x) => x.body.task_id === 7200), 30_000, 'a task served after the wait');
  }, 90_000);
});
