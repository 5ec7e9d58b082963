// Memory per probe in flight (issue 12): a fixed number of window probes (all 14 platform checks) kept
// running at once on 13 simulated RTSP cameras (720p25 H.264, shared sessions) in this process, with no
// adaptive limit in the way, so the figure does not depend on what else loads the machine. The
// reference is the same process's RSS before the probes. Each level runs in a process of its own
// (probe-memory-level.ts): a heap grown by one level is not returned before the next.
// Run alone: `node test/bench/run.ts --only probe-memory`.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { PLATFORM_CHECKS } from '../../shared/diagnosis/types.ts';
import { probeCamera } from '../../main/core/diagnosis/camera-probe.ts';
import { AnalysisPool } from '../../main/core/diagnosis/pool/analysis-pool.ts';
import { sleep } from '../support/fault-harness.ts';
import { cameraClip } from '../support/media.ts';
import { startRtspServer, type RtspServer } from '../support/rtsp-server.ts';
import { table } from './table.ts';

export interface ProbeMemoryRow {
  inFlight: number;
  probes: number;
  failed: number;
  seconds: number;
  meanProbeS: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  /** Peak of the ArrayBuffer memory (frames, pipe chunks, the free list of frame buffers). */
  arrayBuffersPeakMb: number;
}

const CAMERAS = 13;
const IN_FLIGHT = [24, 40];
const SECONDS = Number(process.env.BENCH_PROBE_MEMORY_SECONDS ?? 30);
const MB = 1024 * 1024;

async function hold(server: RtspServer, pool: AnalysisPool, inFlight: number): Promise<ProbeMemoryRow> {
  const cameras = Array.from({ length: CAMERAS }, (_, i) => server.url(`/cam${i + 1}`));
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  let arrayBuffersPeak = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    arrayBuffersPeak = Math.max(arrayBuffersPeak, m.arrayBuffers);
  }, 100);
  let probes = 0;
  let failed = 0;
  let probeMs = 0;
  let next = 0;
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        const i = next++ % CAMERAS;
        const d = await probeCamera({ camera: { id: i, source: cameras[i]! }, types: PLATFORM_CHECKS, frames: 8, width: 640, thumbnail: true, timeoutMs: 15_000, allowFiles: false }, pool);
        if (d.ok) {
          probes++;
          probeMs += d.totalMs;
        } else failed++;
      }
    }),
  );
  clearInterval(sampler);
  return {
    inFlight,
    probes,
    failed,
    seconds: (performance.now() - t0) / 1000,
    meanProbeS: probes === 0 ? 0 : probeMs / probes / 1000,
    rssBeforeMb: rssBefore / MB,
    rssPeakMb: rssPeak / MB,
    arrayBuffersPeakMb: arrayBuffersPeak / MB,
  };
}

/** One level in this process: the 13 cameras, the pool, `inFlight` probes at once. */
export async function runProbeMemoryLevel(inFlight: number): Promise<ProbeMemoryRow> {
  const clip = cameraClip();
  const server = await startRtspServer(Object.fromEntries(Array.from({ length: CAMERAS }, (_, i) => [`/cam${i + 1}`, `shared:${clip}`])));
  const pool = new AnalysisPool();
  try {
    // The shared sessions start playing when the server starts; the probes join them under way.
    await sleep(2000);
    return await hold(server, pool, inFlight);
  } finally {
    await pool.close();
    await server.stop();
  }
}

export function runProbeMemoryBench(): ProbeMemoryRow[] {
  cameraClip();
  const level = resolve(import.meta.dirname, 'probe-memory-level.ts');
  return IN_FLIGHT.map((n) => {
    const r = spawnSync(process.execPath, [level, String(n)], { encoding: 'utf8', timeout: (SECONDS + 120) * 1000 });
    if (r.status !== 0) throw new Error(`probe-memory-level.ts ${n} failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ProbeMemoryRow;
  });
}

export function printProbeMemoryBench(rows: ProbeMemoryRow[]): void {
  console.log(`== Memory per probe in flight: window probes (8 frames, all 14 platform checks) held at a fixed number at once for ${SECONDS} s on ${CAMERAS} simulated RTSP cameras, in one process, vs its RSS before`);
  console.log(
    table(
      ['probes at once', 'RSS before MB', 'RSS peak MB', 'MB per probe in flight', 'ArrayBuffers peak MB', 'probes (failed)', 'mean probe s', 'checks per hour'],
      rows.map((r) => [
        String(r.inFlight),
        r.rssBeforeMb.toFixed(0),
        r.rssPeakMb.toFixed(0),
        ((r.rssPeakMb - r.rssBeforeMb) / r.inFlight).toFixed(1),
        r.arrayBuffersPeakMb.toFixed(0),
        `${r.probes} (${r.failed})`,
        r.meanProbeS.toFixed(2),
        ((r.probes * 3600) / r.seconds).toFixed(0),
      ]),
    ),
  );
}
