// Probe cost on a 1080p25 H.264 RTSP stream (keyframe every 2 s): our keyframe-only, scaled grab versus
// plain full-resolution decodes of the same stream. CPU is the ffmpeg children's, from the cutime and
// cstime of /proc/self/stat, which count every child this process has reaped.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { grabFrames } from '../../main/core/diagnosis/source/grab.ts';
import { FFMPEG, hdClip } from '../support/media.ts';
import { startRtspServer } from '../support/rtsp-server.ts';

export interface ProbeBenchRow {
  name: string;
  wallS: number;
  cpuS: number;
}

const PROBES = 5;
const GOP_SECONDS = 2;
const TICKS_PER_SECOND = 100;

function childCpuSeconds(): number {
  // Fields after the ")" of the command name: cutime and cstime are the 14th and 15th.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

/** A plain ffmpeg decode at full resolution (no skip_frame, no scale), output discarded. */
function plainDecode(url: string, output: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', url, '-map', '0:v:0', ...output, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`plain decode failed: ${stderr}`))));
  });
}

async function measure(name: string, probe: () => Promise<void>): Promise<ProbeBenchRow> {
  const cpu0 = childCpuSeconds();
  const wall0 = performance.now();
  for (let i = 0; i < PROBES; i++) await probe();
  return { name, wallS: (performance.now() - wall0) / 1000, cpuS: childCpuSeconds() - cpu0 };
}

export async function runProbeBench(): Promise<{ rows: ProbeBenchRow[]; ratio: number }> {
  const server = await startRtspServer({ '/hd': `file:${hdClip()}` });
  try {
    const url = server.url('/hd');
    // Warm the ffmpeg capability probe so it is not counted.
    await grabFrames({ source: url, mode: 'keyframe' });
    const ours = await measure(`ours: keyframe only, 640 px (x${PROBES})`, async () => {
      const outcome = await grabFrames({ source: url, mode: 'keyframe' });
      if (!outcome.ok) throw new Error(`probe failed: ${outcome.failure.message}`);
    });
    // Same time span: a camera joined at a random moment needs up to one GOP to reach a keyframe.
    const plainGop = await measure(`plain: full decode, 1920 px, one GOP = ${GOP_SECONDS} s (x${PROBES})`, () => plainDecode(url, ['-t', String(GOP_SECONDS)]));
    const plainFirst = await measure(`plain: first frame only, 1920 px (x${PROBES})`, () => plainDecode(url, ['-frames:v', '1']));
    return { rows: [ours, plainGop, plainFirst], ratio: plainGop.cpuS / Math.max(ours.cpuS, 1 / TICKS_PER_SECOND) };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, ratio } = await runProbeBench();
  console.log(['probe'.padEnd(52), 'wall s'.padStart(8), 'CPU s'.padStart(8)].join(' '));
  for (const r of rows) console.log([r.name.padEnd(52), r.wallS.toFixed(3).padStart(8), r.cpuS.toFixed(3).padStart(8)].join(' '));
  console.log(`CPU ratio plain (one GOP) / ours: ${ratio.toFixed(1)}x (goal >= 5x)`);
}
