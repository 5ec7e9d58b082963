// Time to the first verdict of a single-frame check (`diagnose --frames 1 --types brightness`, run
// in-process from the call to the printed verdict) on the two kinds of simulated camera, beside plain
// ffmpeg's first decoded frame of the same stream in the same run, the two taking turns; then the same
// for a window check (`diagnose --types freeze,brightness`: 8 frames over 2 s), beside plain ffmpeg
// decoding the same 2 s of the stream. Both the bundled ffmpeg and Debian's /usr/bin/ffmpeg (when
// installed) are measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDiagnose } from '../../main/cli/diagnose-command.ts';
import { median } from '../../main/core/baselines/robust-stats.ts';
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
  /** The same figures for a window check, against plain ffmpeg's 2 s of decoded frames. */
  windowRows: FirstFrameRow[];
  windowRounds: number;
  /** The first check of a process per ffmpeg, which also learns what that binary supports. */
  cold: Array<{ ffmpeg: string; oursS: number }>;
  /** The command as a user types it: a new process each time, from its start to the printed verdict. */
  commandLine: CommandLineRow[];
  rounds: number;
}

export interface CommandLineRow {
  camera: string;
  ffmpeg: string;
  /** The first start with an empty data folder: it also learns what the binary supports. */
  firstS: number;
  /** Median of the starts after it. */
  laterS: number;
}

const ROUNDS = 5;
const WINDOW_ROUNDS = 3;
/** diagnose's default window: 8 frames over 2 s. */
const WINDOW_S = 2;
const DEBIAN_FFMPEG = '/usr/bin/ffmpeg';
const COMMAND_ROUNDS = 3;
const CLI = fileURLToPath(new URL('../../bin/easysight-edge.js', import.meta.url));

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

/**
 * Seconds from spawning ffmpeg to 2 s of decoded frames: its first frame at least 1.95 s (a 2 s window's
 * last frame at 20 fps and more, the frame closing it below that) after its first one. Windows need every
 * frame, so no keyframe skipping.
 */
function plainWindow(binary: string, url: string): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-rtsp_transport', 'tcp', ...TINY_PROBE, '-i', url, '-map', '0:v:0', '-vf', 'showinfo', '-f', 'null', '-'];
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let firstPts: number | null = null;
    let windowAt = 0;
    let partial = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const pts = /\] n:\s*\d+ pts:\s*\S+ pts_time:(\S+)/.exec(line);
        if (!pts || windowAt) continue;
        firstPts ??= Number(pts[1]);
        if (Number(pts[1]) - firstPts >= WINDOW_S - 0.05) {
          windowAt = performance.now() - started;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('error', fail);
    child.on('close', () => (windowAt ? done(windowAt / 1000) : fail(new Error('plain ffmpeg gave no 2 s of frames'))));
  });
}

/** Seconds from calling `diagnose` to its printed verdict, and whether the verdict is signal_loss. */
/**
 * In-process checks keep what each ffmpeg understands in `dataDir`, not in the user's data folder: the
 * first check of each binary learns it.
 */
async function oursFirstVerdict(dataDir: string, binary: string, url: string, window = false): Promise<{ seconds: number; lost: boolean }> {
  let verdictAt = 0;
  let printed = '';
  const started = performance.now();
  // Default frames (8) with a window check: one 2 s window serves both checks.
  const check = window ? ['--types', 'freeze,brightness', '--timeout', '8'] : ['--frames', '1', '--types', 'brightness', '--timeout', '5'];
  const code = await runDiagnose([url, ...check, '--ffmpeg', binary, '--lang', 'en'], {
    out: (text) => {
      verdictAt ||= performance.now();
      printed += text;
    },
    err: (text) => (printed += text),
    env: { EDGE_DATA_DIR: dataDir },
    onInterrupt: () => undefined,
    offInterrupt: () => undefined,
  });
  const lost = /signal_loss/.test(printed);
  if (code === 2 || !(lost || /brightness/.test(printed))) throw new Error(`diagnose failed (${code}): ${printed}`);
  return { seconds: (verdictAt - started) / 1000, lost };
}

/** Seconds from spawning `easysight-edge diagnose` to its first printed byte (the verdict table). */
async function commandLineVerdict(binary: string, url: string, dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'diagnose', url, '--frames', '1', '--types', 'brightness', '--timeout', '5', '--ffmpeg', binary, '--lang', 'en'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EDGE_DATA_DIR: dataDir },
  });
  let printedAt = 0;
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => {
    printedAt ||= performance.now();
    printed += chunk.toString();
  });
  const [code] = (await once(child, 'close')) as [number | null];
  if (code === 2 || !/brightness/.test(printed)) throw new Error(`diagnose failed (${code}): ${printed}`);
  return (printedAt - started) / 1000;
}

async function measureCommandLine(list: readonly Camera[], binaries: ReadonlyArray<{ name: string; path: string }>, url: (mount: string) => string): Promise<CommandLineRow[]> {
  const rows: CommandLineRow[] = [];
  for (const camera of list.filter((c) => c.mount === '/live2' || c.mount === '/file')) {
    for (const binary of binaries) {
      const dataDir = mkdtempSync(join(tmpdir(), 'first-frame-cli-'));
      try {
        const firstS = await commandLineVerdict(binary.path, url(camera.mount), dataDir);
        const later: number[] = [];
        for (let i = 0; i < COMMAND_ROUNDS; i++) later.push(await commandLineVerdict(binary.path, url(camera.mount), dataDir));
        rows.push({ camera: camera.name, ffmpeg: binary.name, firstS, laterS: median(later) });
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  return rows;
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
  const dataDir = mkdtempSync(join(tmpdir(), 'first-frame-'));
  try {
    await new Promise((r) => setTimeout(r, 2500));
    const cold: FirstFrameBench['cold'] = [];
    for (const binary of binaries) cold.push({ ffmpeg: binary.name, oursS: (await oursFirstVerdict(dataDir, binary.path, server.url('/file'))).seconds });
    // Ours and plain ffmpeg alternate, round after round, so both see the same moments of the machine.
    const measure = async (rounds: number, window: boolean): Promise<FirstFrameRow[]> => {
      const out: FirstFrameRow[] = [];
      for (const camera of list) {
        for (const binary of binaries) {
          const url = server.url(camera.mount);
          const ours: number[] = [];
          const plain: number[] = [];
          let oursFailures = 0;
          for (let i = 0; i < rounds; i++) {
            const verdict = await oursFirstVerdict(dataDir, binary.path, url, window);
            ours.push(verdict.seconds);
            if (verdict.lost) oursFailures++;
            plain.push(window ? await plainWindow(binary.path, url) : await plainFirstFrame(binary.path, url, camera.plain));
          }
          out.push({ camera: camera.name, ffmpeg: binary.name, oursS: median(ours), plainS: median(plain), oursFailures });
        }
      }
      return out;
    };
    const rows = await measure(ROUNDS, false);
    const windowRows = await measure(WINDOW_ROUNDS, true);
    const commandLine = await measureCommandLine(list, binaries, (mount) => server.url(mount));
    return { rows, cold, commandLine, rounds: ROUNDS, windowRows, windowRounds: WINDOW_ROUNDS };
  } finally {
    for (const holder of holders) {
      // A viewer of a file-fed session has ended with its 60 s clip when the run lasts longer.
      if (holder.exitCode !== null || holder.signalCode !== null) continue;
      holder.kill('SIGKILL');
      await once(holder, 'close');
    }
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
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
  console.log('');
  console.log(`== The same check typed at the command line: \`easysight-edge diagnose <url> --frames 1 --types brightness\`, a new process each time, from its start to the printed verdict`);
  console.log(
    table(
      ['camera', 'ffmpeg', 'first start s (empty data folder)', `later starts s (median of ${COMMAND_ROUNDS})`, 'plain ffmpeg s (above)', 'goal'],
      b.commandLine.map((r) => [r.camera, r.ffmpeg, r.firstS.toFixed(3), r.laterS.toFixed(3), b.rows.find((x) => x.camera === r.camera && x.ffmpeg === r.ffmpeg)?.plainS.toFixed(3) ?? '-', '<= 0.4 s']),
    ),
  );
  console.log('');
  console.log(`== Verdict of a window check \`diagnose --types freeze,brightness\` (8 frames over ${WINDOW_S} s; in-process, call to printed verdict) vs plain ffmpeg's ${WINDOW_S} s of decoded frames after its first, median of ${b.windowRounds}`);
  console.log(
    table(
      ['camera', 'ffmpeg', 'ours s', 'no picture', 'plain s', 'ours - plain s', 'goal'],
      b.windowRows.map((r) => [r.camera, r.ffmpeg, r.oursS.toFixed(3), `${r.oursFailures}/${b.windowRounds}`, r.plainS.toFixed(3), (r.oursS - r.plainS).toFixed(3), `<= ${(WINDOW_S + 0.4).toFixed(1)} s (window + 0.4 s), no picture 0`]),
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) printFirstFrameBench(await runFirstFrameBench());
