// Test media for the frame-source tests, generated once with the bundled ffmpeg and cached in
// test-artifacts/ (natural footage from the OpenCV samples where possible).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';

export const FFMPEG = ffmpegInstaller.path;
export const SAMPLES = '/usr/share/doc/opencv-doc/examples/data';
export const MEDIA_DIR = resolve(import.meta.dirname, '../../test-artifacts/source-media');

export function ffmpeg(args: string[]): void {
  const r = spawnSync(FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${r.stderr}`);
}

/** Builds `name` in the media folder once; concurrent test files race safely through a rename. */
export function cached(name: string, build: (tmpPath: string) => void): string {
  mkdirSync(MEDIA_DIR, { recursive: true });
  const path = join(MEDIA_DIR, name);
  if (existsSync(path)) return path;
  const dot = name.lastIndexOf('.');
  const tmp = join(MEDIA_DIR, `${name.slice(0, dot)}.tmp-${process.pid}${name.slice(dot)}`);
  build(tmp);
  renameSync(tmp, path);
  return path;
}

const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-bf', '0'];

/** 60 s of the street scene (vtest.avi, looped), 384x288 at 10 fps, a keyframe every 2 s. */
export function streetClip(): string {
  return cached('street-384x288.mp4', (tmp) =>
    ffmpeg(['-stream_loop', '1', '-i', join(SAMPLES, 'vtest.avi'), '-t', '60', '-vf', 'scale=384:288', '-r', '10',
      ...H264, '-g', '20', '-keyint_min', '20', '-sc_threshold', '0', '-an', '-movflags', '+faststart', tmp]));
}

/** 20 s of 1080p25 H.264 with motion in every frame (keyframe every 2 s), for the probe benchmark. */
export function hdClip(): string {
  return cached('testsrc-1920x1080.mp4', (tmp) =>
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=25', '-t', '20', ...H264, '-preset', 'veryfast',
      '-g', '50', '-keyint_min', '50', '-sc_threshold', '0', '-movflags', '+faststart', tmp]));
}

/**
 * About six minutes of the street scene at 1280x720, 25 fps (the 10 fps source played at 25: every frame
 * differs, as a camera's), a keyframe every 2 s: a camera for the throughput benchmark, long enough that a
 * shared RTSP session keeps playing through a run.
 */
export function cameraClip(size: '1280x720' | '640x360' = '1280x720'): string {
  return cached(`street-${size}-25fps.mp4`, (tmp) =>
    ffmpeg(['-stream_loop', '11', '-r', '25', '-i', join(SAMPLES, 'vtest.avi'), '-vf', `scale=${size.replace('x', ':')}`, '-r', '25',
      ...H264, '-crf', '28', '-g', '50', '-keyint_min', '50', '-sc_threshold', '0', '-an', '-movflags', '+faststart', tmp]));
}

/** An HLS playlist with 2 s segments of the street clip; segment names are relative to the playlist. */
export function hlsDir(): string {
  const dir = join(MEDIA_DIR, 'hls');
  cached('hls.done', (tmp) => {
    mkdirSync(dir, { recursive: true });
    ffmpeg(['-i', streetClip(), '-t', '10', '-c', 'copy', '-f', 'hls', '-hls_time', '2', '-hls_list_size', '0',
      '-hls_segment_filename', join(dir, 'seg%03d.ts'), join(dir, 'index.m3u8')]);
    writeFileSync(tmp, '');
  });
  return dir;
}

/** Five JPEG frames of the street scene, the parts of an MJPEG stream. */
export function mjpegFrames(): Buffer[] {
  const dir = join(MEDIA_DIR, 'mjpeg');
  cached('mjpeg.done', (tmp) => {
    mkdirSync(dir, { recursive: true });
    ffmpeg(['-i', join(SAMPLES, 'vtest.avi'), '-frames:v', '5', '-q:v', '4', join(dir, 'f%d.jpg')]);
    writeFileSync(tmp, '');
  });
  return [1, 2, 3, 4, 5].map((i) => readFileSync(join(dir, `f${i}.jpg`)));
}

/** The first `fraction` of a file's bytes. */
export function truncated(source: string, fraction: number, name: string): string {
  return cached(name, (tmp) => {
    const bytes = readFileSync(source);
    writeFileSync(tmp, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  });
}

/** A PNG whose header claims 20000x20000 pixels (1.2 GB as RGB) with only a token of image data. */
export function hugePng(): string {
  return cached('huge-20000x20000.png', (tmp) => {
    const chunk = (type: string, data: Buffer): Buffer => {
      const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([len, body, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20000, 0);
    ihdr.writeUInt32BE(20000, 4);
    ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    writeFileSync(tmp, Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]));
  });
}

/** A Y4M stream whose header claims 30000x30000 pixels, followed by a few bytes of frame data. */
export function hugeY4m(): string {
  return cached('huge-30000x30000.y4m', (tmp) =>
    writeFileSync(tmp, Buffer.concat([Buffer.from('YUV4MPEG2 W30000 H30000 F25:1 Ip A1:1 C420jpeg\nFRAME\n'), Buffer.alloc(4096, 128)])));
}

/** 64 KiB of deterministic pseudo-random bytes: no container, no codec. */
export function garbageFile(): string {
  return cached('garbage.bin', (tmp) => {
    const bytes = Buffer.alloc(65536);
    let x = 2463534242;
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 0xff;
    }
    writeFileSync(tmp, bytes);
  });
}

export function emptyFile(): string {
  return cached('empty.mp4', (tmp) => writeFileSync(tmp, ''));
}
