// Camera throughput of the whole worker path (issue 12): tasks of 13 simulated RTSP cameras with all 14
// platform checks, published to the real broker and run by a real worker process at default settings
// (the compiled JavaScript users run, built first), beside a sequential one-camera-at-a-time loop of the same probes in this process. Also the CPU use of
// the machine during the worker run, the worker's peak RSS, the probe concurrency it reached, and that
// no ffmpeg outlived the run. Run alone: `node test/bench/run.ts --only throughput`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { PLATFORM_CHECKS } from '../../shared/diagnosis/types.ts';
import { probeCamera } from '../../main/core/diagnosis/camera-probe.ts';
import { AnalysisPool } from '../../main/core/diagnosis/pool/analysis-pool.ts';
import { sleep, waitUntil } from '../support/fault-harness.ts';
import { cameraClip } from '../support/media.ts';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { ffmpegDescendants } from '../support/processes.ts';
import { startRtspServer, type RtspServer } from '../support/rtsp-server.ts';
import { createVhost } from '../support/vhost.ts';
import { table } from './table.ts';
import { startWorker, tempDataDir, type WorkerProcess } from '../support/worker-process.ts';

export interface ThroughputBenchResult {
  cameras: number;
  tasks: number;
  worker: {
    checksPerHour: number;
    /** Camera checks that got no picture (counted in the rate all the same). */
    failedChecks: number;
    /** Abnormal rows of cameras that gave a picture, by check. */
    abnormalRows: string[];
    seconds: number;
    cpuBusyPercent: number;
    /** CPU of the worker process and its ffmpeg children, in percent of all cores. */
    workerCpuPercent: number;
    rssPeakMb: number;
    concurrencyPeak: number;
    runningPeak: number;
    /** Probes running, averaged over the run's samples: with the rate, the time each probe holds its slot. */
    runningMean: number;
    /** The adaptive limit averaged over the samples, and how often a sample found it lower than the one before. */
    limitMean: number;
    limitCuts: number;
    /** The cuts the worker logged (the samples above can miss a cut made and undone between two). */
    cutLines: string[];
    probeLimit: number;
    meanLatencyMs: number | null;
    leftoverFfmpeg: number;
  };
  sequential: { checksPerHour: number; probes: number; failedChecks: number; cpuBusyPercent: number };
  /** The machine's CPU busy % over a few seconds before the benchmark started anything: other people's load. */
  backgroundCpuPercent: number;
}

const CAMERAS = 13;
const TASKS = Number(process.env.BENCH_THROUGHPUT_TASKS ?? 40);
// Sub-streams (640x360) decode at a quarter of the cost: a node probing them waits on its streams, not its CPU.
const STREAM = process.env.BENCH_THROUGHPUT_STREAM === 'sub' ? '640x360' : '1280x720';
const SEQUENTIAL_ROUNDS = 2;
const TICKS_PER_SECOND = 100;
const BACKGROUND_SECONDS = 5;

interface CpuTimes {
  busy: number;
  total: number;
}

function cpuTimes(): CpuTimes {
  // First line of /proc/stat: user nice system idle iowait irq softirq steal ...
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = fields[3]! + fields[4]!;
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

function busyPercent(from: CpuTimes, to: CpuTimes): number {
  return (100 * (to.busy - from.busy)) / Math.max(1, to.total - from.total);
}

/** CPU seconds of a process and of its children it has reaped (utime, stime, cutime, cstime). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** Every ffmpeg on the machine that reads from this server: orphans of a dead parent included. */
function ffmpegOnServer(port: number): number {
  let n = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('ffmpeg')) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`127.0.0.1:${port}/`)) n++;
    } catch {
      // ended while we looked
    }
  }
  return n;
}

interface StatusProbes {
  concurrency: number;
  running: number;
  ceiling: number;
  perMinute: number;
  meanLatencyMs: number | null;
}

async function probeStatus(worker: WorkerProcess): Promise<StatusProbes | undefined> {
  const u = new URL(worker.dashboardUrl());
  const token = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
  try {
    const r = await fetch(new URL('/api/status', u.origin), { headers: { authorization: `Bearer ${token}` } });
    const body = (await r.json()) as { ok: boolean; value: { probes: StatusProbes } };
    return body.ok ? body.value.probes : undefined;
  } catch {
    return undefined;
  }
}

interface BenchRow {
  camera_id: number;
  diagnosis_type: string;
  is_abnormal: boolean;
  image_timestamp: string | null;
}

/** Camera checks that got no picture, and abnormal rows: every simulated camera is healthy, so each is a false alarm. */
function rowFigures(results: Array<{ body: Record<string, unknown> }>): { failed: number; abnormal: string[] } {
  let failed = 0;
  const abnormal: string[] = [];
  for (const r of results) {
    const rows = (r.body.result as { results?: BenchRow[] }).results ?? [];
    failed += new Set(rows.filter((x) => x.image_timestamp === null).map((x) => x.camera_id)).size;
    for (const x of rows) if (x.is_abnormal && x.image_timestamp !== null) abnormal.push(x.diagnosis_type);
  }
  return { failed, abnormal };
}

async function sequential(server: RtspServer, cameras: string[]): Promise<ThroughputBenchResult['sequential']> {
  const pool = new AnalysisPool(1);
  try {
    let failed = 0;
    const cpu0 = cpuTimes();
    const t0 = performance.now();
    for (let round = 0; round < SEQUENTIAL_ROUNDS; round++) {
      for (const [i, mount] of cameras.entries()) {
        const d = await probeCamera({ camera: { id: i, source: server.url(mount) }, types: PLATFORM_CHECKS, frames: 8, width: 640, thumbnail: true, timeoutMs: 15_000, allowFiles: false }, pool);
        if (!d.ok) failed++;
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const probes = SEQUENTIAL_ROUNDS * cameras.length;
    return { checksPerHour: (probes * 3600) / seconds, probes, failedChecks: failed, cpuBusyPercent: busyPercent(cpu0, cpuTimes()) };
  } finally {
    await pool.close();
  }
}

async function throughWorker(server: RtspServer, cameras: string[]): Promise<ThroughputBenchResult['worker']> {
  const vhost = await createVhost();
  const peer = await PlatformPeer.connect(vhost.url);
  const worker = await startWorker({ brokers: [vhost.url], dataDir: tempDataDir(), built: true });
  try {
    const pid = worker.proc.pid!;
    const list = cameras.map((mount, i) => ({ id: i + 1, name: `cam-${i + 1}`, stream_url: server.url(mount) }));
    let concurrencyPeak = 0;
    let runningPeak = 0;
    let runningSum = 0;
    let limitSum = 0;
    let limitCuts = 0;
    let samples = 0;
    let rssPeakKb = 0;
    let last: StatusProbes | undefined;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const p = await probeStatus(worker);
        if (p) {
          if (last && p.concurrency < last.concurrency) limitCuts++;
          last = p;
          concurrencyPeak = Math.max(concurrencyPeak, p.concurrency);
          runningPeak = Math.max(runningPeak, p.running);
          runningSum += p.running;
          limitSum += p.concurrency;
          samples++;
        }
        rssPeakKb = Math.max(rssPeakKb, statusKb(pid, 'VmRSS'));
        await sleep(500);
      }
    })();
    const created = new Date().toISOString();
    const cpu0 = cpuTimes();
    const own0 = processCpuSeconds(pid);
    const t0 = performance.now();
    for (let t = 0; t < TASKS; t++) await peer.publishTask(platformTask(1000 + t, list, [...PLATFORM_CHECKS], created));
    await waitUntil(() => peer.results.length >= TASKS, 30 * 60_000, `${TASKS} results`, 50);
    const seconds = (performance.now() - t0) / 1000;
    const cpuBusy = busyPercent(cpu0, cpuTimes());
    const workerCpuPercent = (100 * (processCpuSeconds(pid) - own0)) / (seconds * availableParallelism());
    const meanLatencyMs = last?.meanLatencyMs ?? null;
    watching = false;
    await watch;
    rssPeakKb = Math.max(rssPeakKb, statusKb(pid, 'VmHWM'));
    // Every probe of the run is reaped once its result is in; then nothing may be left after the stop either.
    await waitUntil(() => ffmpegDescendants(pid).length === 0, 10_000, 'the worker to reap its ffmpeg processes').catch(() => undefined);
    const duringIdle = ffmpegDescendants(pid).length;
    await worker.stop();
    await sleep(500);
    const rows = rowFigures(peer.results);
    return {
      checksPerHour: (TASKS * cameras.length * 3600) / seconds,
      failedChecks: rows.failed,
      abnormalRows: rows.abnormal,
      seconds,
      cpuBusyPercent: cpuBusy,
      workerCpuPercent,
      rssPeakMb: rssPeakKb / 1024,
      concurrencyPeak,
      runningPeak,
      runningMean: samples === 0 ? 0 : runningSum / samples,
      limitMean: samples === 0 ? 0 : limitSum / samples,
      limitCuts,
      cutLines: worker.output().match(/probe limit cut .*/g) ?? [],
      probeLimit: last?.ceiling ?? 0,
      meanLatencyMs,
      leftoverFfmpeg: duringIdle + ffmpegOnServer(server.port),
    };
  } finally {
    await worker.stop();
    await peer.close();
    await vhost.remove();
  }
}

/** The worker runs as shipped, from dist/: compile the current sources first so the figures are theirs. */
function buildMain(): void {
  const r = spawnSync('npm', ['run', 'build:main'], { cwd: resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:main failed (status ${r.status}): ${r.stderr}`);
}

export async function runThroughputBench(): Promise<ThroughputBenchResult> {
  buildMain();
  const clip = cameraClip(STREAM);
  const idle0 = cpuTimes();
  await sleep(BACKGROUND_SECONDS * 1000);
  const backgroundCpuPercent = busyPercent(idle0, cpuTimes());
  const cameras = Array.from({ length: CAMERAS }, (_, i) => `/cam${i + 1}`);
  // Shared sessions: a probe joins a camera's stream under way, between keyframes, as on a real camera.
  const server = await startRtspServer(Object.fromEntries(cameras.map((m) => [m, `shared:${clip}`])));
  try {
    const seq = await sequential(server, cameras);
    const worker = await throughWorker(server, cameras);
    return { cameras: CAMERAS, tasks: TASKS, worker, sequential: seq, backgroundCpuPercent };
  } finally {
    await server.stop();
  }
}

function abnormalSummary(types: string[]): string {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return types.length === 0 ? '0' : `${types.length} (${[...counts].map(([t, n]) => `${t} ${n}`).join(', ')})`;
}

function cutsFor(w: ThroughputBenchResult['worker'], reason: string): number {
  return w.cutLines.filter((line) => line.includes(reason)).length;
}

export function printThroughputBench(r: ThroughputBenchResult): void {
  const w = r.worker;
  const s = r.sequential;
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log(`== Camera throughput: ${r.tasks} tasks of ${r.cameras} simulated RTSP cameras (${STREAM === '640x360' ? '360p25' : '720p25'} H.264, shared sessions), all 14 platform checks, through a worker process at default settings, vs a sequential one-camera-at-a-time loop of the same probes`);
  console.log(
    table(
      ['figure', 'worker', 'sequential', 'ratio worker/seq', 'goal'],
      [
        ['full camera checks per hour', n(w.checksPerHour), n(s.checksPerHour), (w.checksPerHour / s.checksPerHour).toFixed(2), '>= 25,000'],
        ['CPU busy % (whole machine, during the run)', w.cpuBusyPercent.toFixed(0), s.cpuBusyPercent.toFixed(0), '', '>= 75'],
        ['  of it the worker and its ffmpeg (% of all cores)', w.workerCpuPercent.toFixed(0), '', '', ''],
        [`  the machine before the run (${BACKGROUND_SECONDS} s, nothing of ours running)`, r.backgroundCpuPercent.toFixed(0), '', '', 'near 0 for figures that count'],
        ['worker RSS peak MB', w.rssPeakMb.toFixed(0), '', '', '<= 300'],
        [`probe concurrency reached (limit / running; ceiling ${w.probeLimit})`, `${w.concurrencyPeak} / ${w.runningPeak}`, '1', '', ''],
        ['probes running on average (sampled every 0.5 s); the limit on average, times cut', `${w.runningMean.toFixed(1)}; ${w.limitMean.toFixed(1)}, ${w.limitCuts}`, '1', '', ''],
        ['  cuts the worker logged: CPU saturated / probes got slower', `${cutsFor(w, 'the CPU is saturated')} / ${cutsFor(w, 'probes got slower')}`, '', '', ''],
        ['mean probe time s (last minute)', w.meanLatencyMs === null ? '-' : (w.meanLatencyMs / 1000).toFixed(2), '', '', ''],
        ['  a slot per probe s (running on average x run time / camera checks)', ((w.runningMean * w.seconds) / (r.tasks * r.cameras)).toFixed(2), '', '', ''],
        ['camera checks without a picture', String(w.failedChecks), String(s.failedChecks), '', '0'],
        ['abnormal rows (every camera is healthy: false alarms)', abnormalSummary(w.abnormalRows), '', '', '0'],
        ['ffmpeg left behind', String(w.leftoverFfmpeg), '', '', '0'],
        [`run time s (${r.tasks * r.cameras} camera checks; sequential ${s.probes})`, w.seconds.toFixed(0), '', '', ''],
      ],
    ),
  );
  for (const line of w.cutLines) console.log(`  worker: ${line}`);
}
