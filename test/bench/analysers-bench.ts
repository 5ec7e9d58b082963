// Benchmark of the full analyser suite (all 16 checks: a reference frame and a 2-frame window)
// against the same measures computed with OpenCV (opencv_suite.py, Debian's python3-opencv), on
// natural footage (the OpenCV street scene) at 1920x1080 and 640x360. Run alone:
// `node test/bench/analysers-bench.ts` prints the tables.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { ALL_CHECKS } from '../../shared/diagnosis/types.ts';
import type { Frame, FrameSet } from '../../main/core/diagnosis/frame.ts';
import { runChecks } from '../../main/core/diagnosis/analysers/run-checks.ts';
import { ANALYSERS } from '../../main/core/diagnosis/analysers/registry.ts';
import { DEFAULT_THRESHOLDS } from '../../shared/diagnosis/thresholds.ts';
import { FrameFeatures } from '../../main/core/diagnosis/features/frame-features.ts';
import { pictureMode } from '../../main/core/diagnosis/verdict/picture-mode.ts';
import { table } from './table.ts';

const SYSTEM_PYTHON = '/usr/bin/python3';
const SUITE = resolve(import.meta.dirname, 'opencv_suite.py');
const STREET = '/usr/share/doc/opencv-doc/examples/data/vtest.avi';
const SIZES: ReadonlyArray<readonly [number, number]> = [
  [1920, 1080],
  [640, 360],
];
const WARMUP = 10;
/**
 * Ours and OpenCV take turns, ROUNDS times, ITERATIONS runs each per turn: a machine that slows
 * down for a while then slows both sides of a round, and the ratio is the median of the rounds'.
 */
const ROUNDS = 5;
const ITERATIONS = 16;

/** Milliseconds, medians over the rounds of each round's median; ratio: the median of the rounds' ratios. */
export interface Measure {
  oursMs: number;
  opencvMs: number;
  ratio: number;
  /** Ours, the fastest and slowest round: how noisy the machine was. */
  oursRangeMs: readonly [number, number];
}

export interface BenchRow {
  size: string;
  /** One run: reference frame + 2-frame window (3 frames), all 16 checks. */
  window: Measure;
  /** All 16 checks on one frame alone (window checks have nothing to compare and return at once); OpenCV: its intermediates and single-frame measures of that frame. */
  single: Measure;
  /** That frame's feature passes one by one, then the checks on the built features. */
  passesMs: Record<string, number>;
}

/** Every check's own work on one frame whose features are all built. */
function checksAlone(f: FrameFeatures): void {
  for (const type of ALL_CHECKS) ANALYSERS[type].analyse({ frames: [f], decodeErrors: 0 }, DEFAULT_THRESHOLDS[type]);
}

/** The feature passes, each after those it reads (so each is timed alone, its inputs cached), then the checks. */
const PASSES: ReadonlyArray<readonly [string, (f: FrameFeatures) => unknown]> = [
  ['planes', (f) => f.planes],
  ['luma', (f) => f.luma],
  ['gradients', (f) => f.gradients],
  ['colour', (f) => f.colour],
  ['thumbnail', (f) => f.thumbnail],
  ['checks', checksAlone],
  ['picture mode', pictureMode],
];

/** Three frames of the street scene one second apart, scaled to width x height: reference, then the window. */
function streetFrames(width: number, height: number): Frame[] {
  const r = spawnSync(
    ffmpegInstaller.path,
    ['-hide_banner', '-nostdin', '-loglevel', 'error', '-ss', '5', '-i', STREET, '-vf', `fps=1,scale=${width}:${height}`,
      '-frames:v', '3', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { maxBuffer: 1 << 28, timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.toString()}`);
  const size = width * height * 3;
  if (r.stdout.length !== 3 * size) throw new Error(`expected 3 frames, got ${r.stdout.length} bytes`);
  return [0, 1, 2].map((i) => ({ width, height, rgb: new Uint8Array(r.stdout.subarray(i * size, (i + 1) * size)), time: i }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Milliseconds of one full runChecks, median over ITERATIONS after `warmup` runs. */
function timeOurs(set: FrameSet, warmup: number): number {
  for (let i = 0; i < warmup; i++) runChecks(ALL_CHECKS, set, {});
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    runChecks(ALL_CHECKS, set, {});
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Adds to `times` (one list per pass) the milliseconds of each feature pass on one frame, ITERATIONS times after `warmup`, from fresh features each time. */
function timePasses(frame: Frame, warmup: number, times: number[][]): void {
  for (let i = 0; i < warmup + ITERATIONS; i++) {
    const features = new FrameFeatures(frame);
    PASSES.forEach(([, build], k) => {
      const start = performance.now();
      build(features);
      if (i >= warmup) times[k]!.push(performance.now() - start);
    });
  }
}

/** Milliseconds of the OpenCV suite on the same frames, as the script measures them: a whole run, and the newest frame alone. */
function timeOpenCv(frames: Frame[], dir: string): { perRun: number; oneFrame: number } {
  const { width, height } = frames[0]!;
  const path = join(dir, `frames-${width}x${height}.rgb`);
  writeFileSync(path, Buffer.concat(frames.map((f) => f.rgb!)));
  const r = spawnSync(SYSTEM_PYTHON, [SUITE, path, String(width), String(height), String(ITERATIONS)], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`opencv_suite.py failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { ms_per_run: number; ms_one_frame: number };
  return { perRun: out.ms_per_run, oneFrame: out.ms_one_frame };
}

function measure(ours: number[], opencv: number[]): Measure {
  return {
    oursMs: round(median(ours)),
    opencvMs: round(median(opencv)),
    ratio: round(median(ours.map((o, i) => o / opencv[i]!))),
    oursRangeMs: [round(Math.min(...ours)), round(Math.max(...ours))],
  };
}

export async function runAnalyserBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'easysight-bench-'));
  try {
    const rows: BenchRow[] = [];
    for (const [width, height] of SIZES) {
      const frames = streetFrames(width, height);
      const windowSet: FrameSet = { reference: frames[0]!, frames: frames.slice(1), decodeErrors: 0 };
      const singleSet: FrameSet = { frames: [frames[2]!], decodeErrors: 0 };
      const ours = { window: [] as number[], single: [] as number[] };
      const opencv = { window: [] as number[], single: [] as number[] };
      const passTimes = PASSES.map((): number[] => []);
      for (let turn = 0; turn < ROUNDS; turn++) {
        const warmup = turn === 0 ? WARMUP : 0;
        ours.window.push(timeOurs(windowSet, warmup));
        ours.single.push(timeOurs(singleSet, warmup));
        timePasses(frames[2]!, warmup, passTimes);
        const theirs = timeOpenCv(frames, dir);
        opencv.window.push(theirs.perRun);
        opencv.single.push(theirs.oneFrame);
      }
      rows.push({
        size: `${width}x${height}`,
        window: measure(ours.window, opencv.window),
        single: measure(ours.single, opencv.single),
        passesMs: Object.fromEntries(PASSES.map(([name], k) => [name, round(median(passTimes[k]!))])),
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

export function printAnalyserBench(rows: BenchRow[]): void {
  console.log(`== Analysers: all 16 checks on a street scene, ours vs the same measures in OpenCV (python3-opencv), taking turns over ${ROUNDS} rounds`);
  const line = (size: string, run: string, m: Measure, frames: number) => [
    size,
    run,
    m.oursMs.toFixed(2),
    `${m.oursRangeMs[0].toFixed(2)}-${m.oursRangeMs[1].toFixed(2)}`,
    m.opencvMs.toFixed(2),
    m.ratio.toFixed(2),
    (m.oursMs / frames).toFixed(2),
  ];
  console.log(
    table(
      ['frame size', 'run', 'ours ms', 'ours, rounds min-max', 'OpenCV ms', 'ratio ours/OpenCV', 'ours ms per frame'],
      rows.flatMap((r) => [line(r.size, 'reference + 2-frame window', r.window, 3), line(r.size, 'one frame alone', r.single, 1)]),
    ),
  );
  console.log('one frame alone, by part; ms, medians');
  for (const r of rows) console.log(`  ${r.size.padEnd(10)}  ${Object.entries(r.passesMs).map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')}`);
  console.log('goals: 640x360 under 5 ms per frame; 1920x1080 ratio <= 1.0');
}

if (import.meta.main) printAnalyserBench(await runAnalyserBench());
