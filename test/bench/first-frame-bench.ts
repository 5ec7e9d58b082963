// Time to the first verdict of a single-frame check (`diagnose --frames 1 --types brightness`, run
// in-process from the call to the printed verdict) on the two kinds of simulated camera, beside plain
// ffmpeg's first decoded frame of the same stream in the same run, the two taking turns. Both the
// bundled ffmpeg and Debian's /usr/bin/ffmpeg (when installed) are measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { runDiagnose } from '../../main/cli/diagnose-command.ts';
import { FFMPEG, streetClip } from '../support/media.ts';
import { startRtspServer } from '../support/rtsp-server.ts';
import { table } from './table.ts';

export interface FirstFrameRow {
  camera: string;
  ffmpeg: string;
  /** Medians over the rounds, in seconds. */
  oursS: number;
  plainS: number;
  /** Our checks that found no picture (a signal_loss verdict) within 5 s. */
  oursFailures: number;
}

export interface FirstFrameBench {
  rows: FirstFrameRow[];
  /** The first check of a process per ffmpeg, which also learns what that binary supports. */
  cold: Array<{ ffmpeg: string; oursS: number }>;
  rounds: number;
}

const ROUNDS = 5;
const DEBIAN_FFMPEG = '/usr/bin/ffmpeg';

interface Camera {
  name: string;
  mount: string;
  spec: string;
  /** The fastest plain ffmpeg known for this kind (issue 12): keyframe skipping only where the stream is joined mid-GOP. */
  plain: string[];
}

const TINY_PROBE = ['-analyzeduration', '1', '-probesize', '32'];

function cameras(): Camera[] {
  return [
    { name: 'live x264, GOP 2 s, shared session', mount: '/live2', spec: 'live:2', plain: [...TINY_PROBE, '-skip_frame', 'nokey'] },
    { name: 'live x264, GOP 10 s, shared session', mount: '/live10', spec: 'live:10', plain: [...TINY_PROBE, '-skip_frame', 'nokey'] },
    { name: 'file-fed, sprop-parameter-sets in the SDP', mount: '/file', spec: `file:${streetClip()}`, plain: TINY_PROBE },
    { name: 'file-fed, shared, no parameter sets in SDP', mount: '/bare', spec: `nosprop:${streetClip()}`, plain: [...TINY_PROBE, '-skip_frame', 'nokey'] },
  ];
}

/** Seconds from spawning ffmpeg to the first byte of its first decoded frame. */
function plainFirstFrame(binary: string, url: string, probe: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(binary, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', ...probe, '-i', url, '-map', '0:v:0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let first = 0;
    let stderr = '';
    child.stdout.on('data', () => (first ||= performance.now() - started));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', () => (first ? done(first / 1000) : fail(new Error(`plain ffmpeg gave no frame: ${stderr}`))));
  });
}

/** Seconds from calling `diagnose` to its printed verdict, and whether the verdict is signal_loss. */
async function oursFirstVerdict(binary: string, url: string): Promise<{ seconds: number; lost: boolean }> {
  let verdictAt = 0;
  let printed = '';
  const started = performance.now();
  const code = await runDiagnose([url, '--frames', '1', '--types', 'brightness', '--ffmpeg', binary, '--lang', 'en', '--timeout', '5'], {
    out: (text) => {
      verdictAt ||= performance.now();
      printed += text;
    },
    err: (text) => (printed += text),
    env: {},
    onInterrupt: () => undefined,
    offInterrupt: () => undefined,
  });
  const lost = /signal_loss/.test(printed);
  if (code === 2 || !(lost || /brightness/.test(printed))) throw new Error(`diagnose failed (${code}): ${printed}`);
  return { seconds: (verdictAt - started) / 1000, lost };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A viewer holding each live session open from the start, as an NVR does: probes join a running stream. */
function holdOpen(url: string): ChildProcess {
  return spawn(FFMPEG, ['-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', url, '-f', 'null', '-'], { stdio: 'ignore' });
}

export async function runFirstFrameBench(): Promise<FirstFrameBench> {
  const list = cameras();
  const server = await startRtspServer(Object.fromEntries(list.map((c) => [c.mount, c.spec])));
  const holders = list.filter((c) => /^(live|nosprop):/.test(c.spec)).map((c) => holdOpen(server.url(c.mount)));
  const binaries = [{ name: 'bundled', path: FFMPEG }, ...(existsSync(DEBIAN_FFMPEG) ? [{ name: 'Debian', path: DEBIAN_FFMPEG }] : [])];
  try {
    await new Promise((r) => setTimeout(r, 2500));
    const cold: FirstFrameBench['cold'] = [];
    for (const binary of binaries) cold.push({ ffmpeg: binary.name, oursS: (await oursFirstVerdict(binary.path, server.url('/file'))).seconds });
    const rows: FirstFrameRow[] = [];
    for (const camera of list) {
      for (const binary of binaries) {
        const ours: number[] = [];
        const plain: number[] = [];
        let oursFailures = 0;
        for (let i = 0; i < ROUNDS; i++) {
          const verdict = await oursFirstVerdict(binary.path, server.url(camera.mount));
          ours.push(verdict.seconds);
          if (verdict.lost) oursFailures++;
          plain.push(await plainFirstFrame(binary.path, server.url(camera.mount), camera.plain));
        }
        rows.push({ camera: camera.name, ffmpeg: binary.name, oursS: median(ours), plainS: median(plain), oursFailures });
      }
    }
    return { rows, cold, rounds: ROUNDS };
  } finally {
    for (const holder of holders) {
      holder.kill('SIGKILL');
      await once(holder, 'close');
    }
    await server.stop();
  }
}

export function printFirstFrameBench(b: FirstFrameBench): void {
  console.log(`== First verdict of \`diagnose --frames 1 --types brightness\` (in-process, call to printed verdict) vs plain ffmpeg's first decoded frame, median of ${b.rounds}`);
  console.log(
    table(
      ['camera', 'ffmpeg', 'ours s', 'no picture', 'plain s', 'ratio ours/plain', 'goal'],
      b.rows.map((r) => [r.camera, r.ffmpeg, r.oursS.toFixed(3), `${r.oursFailures}/${b.rounds}`, r.plainS.toFixed(3), (r.oursS / r.plainS).toFixed(2), '<= 0.4 s, no picture 0']),
    ),
  );
  for (const c of b.cold) console.log(`first check of a process (${c.ffmpeg} ffmpeg; learns the binary's options first): ${c.oursS.toFixed(3)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) printFirstFrameBench(await runFirstFrameBench());
