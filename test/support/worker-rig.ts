// A worker under test with its own vhost, platform peer, slow camera and data folder, plus the moves
// the fault tests share: publish numbered tasks, kill -9 the worker, wait for every run's result.
import { existsSync, readFileSync } from 'node:fs';
import { jepsenCounts, runIdFor, sleep, waitUntil, type Cleanups } from './fault-harness.ts';
import { PlatformPeer, platformTask, type PeerResult } from './platform-peer.ts';
import { ffmpegDescendants } from './processes.ts';
import { startSlowCamera, type SlowCamera } from './slow-camera.ts';
import { createVhost, type TestVhost } from './vhost.ts';
import { startWorker, tempDataDir, type WorkerProcess } from './worker-process.ts';

export interface Rig {
  vhost: TestVhost;
  peer: PlatformPeer;
  camera: SlowCamera;
  dataDir: string;
  /** Starts a worker on this rig's data folder; stopped (or killed) after the test. */
  start(options?: { brokers?: string[]; args?: string[]; env?: Record<string, string> }): Promise<WorkerProcess>;
}

export async function workerRig(cleanups: Cleanups, cameraDelayMs: number): Promise<Rig> {
  const vhost = await createVhost();
  cleanups.add(() => vhost.remove());
  const camera = await startSlowCamera(cameraDelayMs);
  cleanups.add(() => camera.stop());
  const peer = await PlatformPeer.connect(vhost.url);
  cleanups.add(() => peer.close());
  const dataDir = tempDataDir();
  cleanups.removeDirLater(dataDir);
  return {
    vhost,
    peer,
    camera,
    dataDir,
    async start(options = {}) {
      const worker = await startWorker({ brokers: options.brokers ?? [vhost.url], dataDir, args: options.args, env: options.env });
      cleanups.add(async () => {
        // A stopped (SIGSTOP) worker would never drain.
        if (worker.proc.exitCode === null && worker.proc.signalCode === null) worker.signal('SIGCONT');
        await worker.stop(15_000);
      });
      return worker;
    },
  };
}

/** Publishes `n` one-camera tasks (each its own camera name) and returns their run ids. */
export async function publishTasks(r: Rig, n: number, firstTaskId: number): Promise<string[]> {
  const runIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const taskId = firstTaskId + i;
    const createdAt = new Date(Date.UTC(2025, 7, 13, 8, 0, i)).toISOString();
    await r.peer.publishTask(platformTask(taskId, [{ id: taskId, name: `cam-${taskId}`, stream_url: r.camera.url(`cam-${taskId}`) }], ['brightness'], createdAt));
    runIds.push(runIdFor(taskId, createdAt));
  }
  return runIds;
}

/** A living (not zombie) ffmpeg process. */
function isFfmpeg(pid: number): boolean {
  try {
    if (!existsSync(`/proc/${pid}`) || !readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('ffmpeg')) return false;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * kill -9, as a crash or power cut would. The worker's ffmpeg children become orphans (no longer our
 * descendants, so the leftover check cannot see them): they are reaped here after the test.
 */
export async function killHard(cleanups: Cleanups, worker: WorkerProcess): Promise<void> {
  const orphans = ffmpegDescendants(worker.proc.pid).map((p) => p.pid);
  cleanups.add(async () => {
    for (let i = 0; i < 20 && orphans.some(isFfmpeg); i++) await sleep(100);
    for (const pid of orphans.filter(isFfmpeg)) process.kill(pid, 'SIGKILL');
  });
  worker.signal('SIGKILL');
  await worker.exited;
}

export async function allAnswered(r: Rig, runIds: readonly string[], timeoutMs: number, results: () => readonly PeerResult[] = () => r.peer.results): Promise<void> {
  await waitUntil(() => jepsenCounts(runIds, results()).lost === 0, timeoutMs, `results of all ${runIds.length} runs (${JSON.stringify(jepsenCounts(runIds, results()))})`);
  // Late duplicates (re-sent after a redelivery) arrive within moments; count them too.
  await sleep(1500);
}
