// Every clip of the evaluation: each scene's healthy day and night streams, and the faults
// injected into them, rendered with ffmpeg and H.264 as a camera would send them. Clips are cached
// in test-artifacts/eval/clips under a hash of their ffmpeg command, so a changed recipe renders anew.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DEFAULT_BASELINE_OPTIONS } from '../../main/core/baselines/options.ts';
import { FFMPEG } from '../support/media.ts';
import { FAULTS, type Fault, type FaultFilters, type Strength } from './faults.ts';
import { CLIP_SECONDS, CORPUS_DIR, SCENES, type Scene } from './scenes.ts';

export const CLIPS_DIR = resolve(import.meta.dirname, '../../test-artifacts/eval/clips');

export type Variant = 'day' | 'night';

export interface Clip {
  /** scene/variant/fault-strength, e.g. street/night/blur-clear; healthy clips end in /healthy. */
  id: string;
  scene: Scene;
  variant: Variant;
  fault?: Fault;
  strength?: Strength;
  /** Another healthy run of the scene's camera (1..HISTORY_RUNS), seen before the judged clips: its history. */
  run?: number;
  path: string;
}

/** Healthy runs a camera has seen before its clips are judged "with history": as many as it needs to trust its normal. */
export const HISTORY_RUNS = DEFAULT_BASELINE_OPTIONS.minRuns;
/** Seconds between the starts of a video scene's runs: each run sees other people and other light. */
const RUN_SPACING = 10;

/**
 * The night picture of a day scene, made from it: no colour (IR cut filter open), about half the
 * light, and the sensor noise of high gain (luma only: an IR picture has no colour noise).
 */
const NIGHT = 'hue=s=0,lutyuv=y=val*0.5+6';
const SENSOR_NOISE: Record<Variant, string> = { day: 'noise=alls=3:allf=t', night: 'noise=c0s=8:c0f=t' };

/**
 * A camera's usual rate control: variable bitrate at a set quality (CRF 23), capped at 0.2 bits
 * per pixel (5 Mbit/s at 1080p12.5), so a busy or noisy picture loses detail to the cap.
 */
const QUALITY = 23;
const MAX_BITS_PER_PIXEL = 0.2;

function sourceInput(scene: Scene, run: number | undefined): string[] {
  const s = scene.source;
  if (s.kind === 'video') return ['-ss', String(s.start + (run ?? 0) * (s.spacing ?? RUN_SPACING)), '-i', s.file];
  return ['-loop', '1', '-framerate', String(scene.fps), '-i', s.file];
}

function framing(scene: Scene): string[] {
  const { width: w, height: h, source } = scene;
  if (source.kind === 'pan') {
    // Large enough for the window to travel for the whole clip; the window moves at `speed` widths per second.
    const travel = Math.ceil(w * (1 + source.speed * CLIP_SECONDS) + 4);
    const zoom = `max(${h}/ih,${travel}/iw)`;
    return [`scale=w='2*ceil(iw*${zoom}/2)':h='2*ceil(ih*${zoom}/2)'`, `crop=${w}:${h}:x='min(iw-ow,t*${(source.speed * w).toFixed(2)})':y='(ih-oh)/2'`];
  }
  const fit = [`scale=${w}:${h}:force_original_aspect_ratio=increase`, `crop=${w}:${h}`];
  return source.kind === 'video' ? [`fps=${scene.fps}`, ...fit] : fit;
}

/** A run of the camera other than the judged one has other sensor noise (a photo's scene is otherwise the same). */
function sensorNoise(variant: Variant, run: number | undefined): string {
  if (run === undefined) return SENSOR_NOISE[variant];
  // all_seed reseeds every plane's noise (c0_seed alone leaves the luma noise as it was).
  return `${SENSOR_NOISE[variant]}:all_seed=${run}`;
}

function filterChain(scene: Scene, variant: Variant, filters: FaultFilters, run: number | undefined): string {
  const chain = [...framing(scene), 'setsar=1', 'format=yuv420p'];
  if (scene.look) chain.push(scene.look);
  if (variant === 'night') chain.push(NIGHT);
  if (filters.optics) chain.push(filters.optics);
  // Real footage has its own sensor noise by day; a photo gets a live camera's.
  if (scene.source.kind !== 'video' || variant === 'night') chain.push(sensorNoise(variant, run));
  if (filters.stream) chain.push(filters.stream);
  chain.push('format=yuv420p');
  return `[0:v]${chain.join(',')}[out]`;
}

function encoder(scene: Scene, gop: number, maxBitsPerPixel: number): string[] {
  const kbps = Math.round((scene.width * scene.height * scene.fps * maxBitsPerPixel) / 1000);
  return ['-c:v', 'libx264', '-preset', 'superfast', '-threads', '1', '-profile:v', 'main', '-bf', '0', '-g', String(gop),
    '-keyint_min', String(gop), '-sc_threshold', '0', '-crf', String(QUALITY), '-maxrate', `${kbps}k`, '-bufsize', `${2 * kbps}k`];
}

export function clipArgs(clip: Clip): string[] {
  const filters = clip.fault && clip.strength ? clip.fault.strengths[clip.strength]!({ width: clip.scene.width, height: clip.scene.height }) : {};
  return ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...sourceInput(clip.scene, clip.run), '-filter_complex',
    filterChain(clip.scene, clip.variant, filters, clip.run), '-map', '[out]', '-an', '-t', String(CLIP_SECONDS),
    ...encoder(clip.scene, filters.gop ?? clip.scene.gop, filters.maxBitsPerPixel ?? MAX_BITS_PER_PIXEL), '-f', 'mp4'];
}

function corrupts(clip: Clip): boolean {
  return clip.fault !== undefined && clip.strength !== undefined && clip.fault.strengths[clip.strength]!({ width: 1, height: 1 }).corrupt === true;
}

function makeClip(scene: Scene, variant: Variant, fault?: Fault, strength?: Strength, run?: number): Clip {
  const name = fault && strength ? `${fault.id}-${strength}` : run !== undefined ? `history-${run}` : 'healthy';
  const clip: Clip = { id: `${scene.id}/${variant}/${name}`, scene, variant, path: '' };
  if (fault && strength) Object.assign(clip, { fault, strength });
  if (run !== undefined) clip.run = run;
  // The corpus folder is left out of the hash, so a copy of the repository shares the rendered clips.
  const recipe = clipArgs(clip).join('\u0000').replaceAll(CORPUS_DIR, '<corpus>');
  const hash = createHash('sha1').update(recipe).update(corrupts(clip) ? 'corrupt' : '').digest('hex').slice(0, 10);
  clip.path = join(CLIPS_DIR, scene.id, `${variant}-${name}-${hash}.mp4`);
  return clip;
}

/** The clips of the given scenes: healthy day and night, every fault at both strengths by day, the night faults at clear strength. */
export function corpusClips(scenes: readonly Scene[] = SCENES): Clip[] {
  const clips: Clip[] = [];
  for (const scene of scenes) {
    clips.push(makeClip(scene, 'day'), makeClip(scene, 'night'));
    for (const fault of FAULTS) {
      for (const strength of ['clear', 'borderline'] as const) if (fault.strengths[strength]) clips.push(makeClip(scene, 'day', fault, strength));
      if (fault.night && fault.strengths.clear) clips.push(makeClip(scene, 'night', fault, 'clear'));
    }
  }
  return clips;
}

/** The healthy runs each scene's camera sees before its clips are judged, day and night, in the order it sees them. */
export function historyClips(scenes: readonly Scene[] = SCENES): Clip[] {
  const clips: Clip[] = [];
  for (const scene of scenes) {
    for (let run = 1; run <= HISTORY_RUNS; run++) clips.push(makeClip(scene, 'day', undefined, undefined, run), makeClip(scene, 'night', undefined, undefined, run));
  }
  return clips;
}

/** Flips bytes between 30% and 70% of the file (the middle of the media data), deterministically per clip. */
function corrupt(path: string, seed: string): void {
  const bytes = readFileSync(path);
  let s = createHash('sha1').update(seed).digest().readUInt32LE(0) & 0x7fffffff;
  for (let i = 0; i < 60; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    bytes[Math.floor(bytes.length * (0.3 + 0.4 * (s / 0x7fffffff)))] = s & 0xff;
  }
  writeFileSync(path, bytes);
}

function render(clip: Clip): Promise<void> {
  const tmp = `${clip.path}.tmp-${process.pid}.mp4`;
  return new Promise((done, fail) => {
    const child = spawn(FFMPEG, [...clipArgs(clip), tmp], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`ffmpeg for ${clip.id} failed: ${stderr}`));
      if (corrupts(clip)) corrupt(tmp, clip.id);
      renameSync(tmp, clip.path);
      done();
    });
  });
}

/** Removes renders of this clip from an older recipe (the same name with another hash). */
function removeStale(clip: Clip): void {
  const dir = dirname(clip.path);
  const own = basename(clip.path);
  const stem = own.slice(0, own.lastIndexOf('-') + 1);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.startsWith(stem) && f !== own) rmSync(join(dir, f), { force: true });
}

/** Renders the clips not rendered yet, `parallel` ffmpeg processes at a time. */
export async function renderClips(clips: readonly Clip[], parallel: number, progress?: (done: number, total: number) => void): Promise<void> {
  const todo = clips.filter((c) => !existsSync(c.path));
  for (const clip of todo) removeStale(clip);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < todo.length) {
      const clip = todo[next++]!;
      await render(clip);
      progress?.(++done, todo.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
}
