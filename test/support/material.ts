// Test material for the analysers: natural photos and footage from the OpenCV samples, and faults
// made from them with ffmpeg filters, decoded to packed RGB24 frames at analysis size (640 wide).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame } from '../../main/core/diagnosis/frame.ts';
import { FFMPEG, SAMPLES } from './media.ts';

export { SAMPLES };
const MATERIAL_DIR = resolve(import.meta.dirname, '../../test-artifacts/analyser-material');

export interface MaterialSpec {
  /** ffmpeg input arguments, e.g. photo('building.jpg') or clip('vtest.avi', 2). */
  input: string[];
  /** Filters applied after scaling (the fault), comma-separated. */
  fault?: string;
  /** Largest width: bigger pictures are scaled down to it, smaller ones kept (upscaling blurs). */
  width?: number;
  /** Frames to decode, and the rate they are taken at (seconds between frames = 1/fps). */
  count?: number;
  fps?: number;
}

/** A still photo as an endless input. */
export function photo(name: string): string[] {
  return ['-loop', '1', '-i', join(SAMPLES, name)];
}

/** A sample clip from `start` seconds. */
export function clip(name: string, start = 0): string[] {
  return ['-ss', String(start), '-i', join(SAMPLES, name)];
}

/** A lavfi source, e.g. 'color=c=blue:s=640x360'. */
export function lavfi(source: string): string[] {
  return ['-f', 'lavfi', '-i', source];
}

const memo = new Map<string, Frame[]>();

/** Decodes the material to frames (memoised per process: tests share the same inputs). */
export function material(spec: MaterialSpec): Frame[] {
  const width = spec.width ?? 640;
  const count = spec.count ?? 1;
  const fps = spec.fps ?? 1;
  // The fps filter would drop the only frame of a one-frame input, so it is only used for windows.
  const filters = [...(count > 1 ? [`fps=${fps}`] : []), `scale=w=min(${width}\\,iw):h=-2:flags=area`, 'setsar=1'];
  if (spec.fault) filters.push(spec.fault);
  filters.push('format=rgb24');
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', ...spec.input, '-an', '-vf', filters.join(','),
    '-frames:v', String(count), '-f', 'image2pipe', '-c:v', 'ppm', '-'];
  const key = args.join('\u0000');
  const known = memo.get(key);
  if (known) return known;
  const r = spawnSync(FFMPEG, args, { maxBuffer: 1 << 30, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${r.stderr.toString()}`);
  const frames = parsePpmStream(r.stdout, fps);
  if (frames.length !== count) throw new Error(`ffmpeg produced ${frames.length} of ${count} frames`);
  memo.set(key, frames);
  return frames;
}

/** Splits ffmpeg's image2pipe PPM output (P6 header, then packed RGB24) into frames. */
function parsePpmStream(bytes: Buffer, fps: number): Frame[] {
  const frames: Frame[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const fields: string[] = [];
    while (fields.length < 4) {
      while (bytes[pos] === 0x20 || bytes[pos] === 0x0a) pos++;
      const start = pos;
      while (pos < bytes.length && bytes[pos] !== 0x20 && bytes[pos] !== 0x0a) pos++;
      fields.push(bytes.subarray(start, pos).toString('ascii'));
    }
    pos++;
    const [magic, w, h] = fields;
    const width = Number(w);
    const height = Number(h);
    if (magic !== 'P6' || !(width > 0 && height > 0)) throw new Error('unexpected ffmpeg PPM output');
    const size = width * height * 3;
    frames.push({ width, height, rgb: new Uint8Array(bytes.buffer, bytes.byteOffset + pos, size), time: frames.length / fps });
    pos += size;
  }
  return frames;
}

/**
 * Encodes `input` with the given codec arguments (then `mangle`s the bytes) into test-artifacts
 * once, and returns ffmpeg input arguments for it (low-bitrate mosaic, corrupted streams).
 */
export function encoded(name: string, input: string[], codecArgs: string[], mangle?: (bytes: Buffer) => void): string[] {
  mkdirSync(MATERIAL_DIR, { recursive: true });
  const path = join(MATERIAL_DIR, name);
  if (!existsSync(path)) {
    // Concurrent test files race safely: each builds its own file and renames it into place.
    const tmp = join(MATERIAL_DIR, `${process.pid}-${name}`);
    const r = spawnSync(FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...input, '-an', ...codecArgs, tmp], {
      timeout: 60_000,
    });
    if (r.status !== 0) throw new Error(`ffmpeg encode of ${name} failed: ${r.stderr.toString()}`);
    if (mangle) {
      const bytes = readFileSync(tmp);
      mangle(bytes);
      writeFileSync(tmp, bytes);
    }
    renameSync(tmp, path);
  }
  return ['-i', path];
}
