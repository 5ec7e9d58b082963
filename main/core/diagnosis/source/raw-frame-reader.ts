// Collects ffmpeg's raw RGB24 output and cuts it into frames once the output size is known (the size
// comes from stderr, which may arrive after the first bytes of stdout).
import type { Frame } from '../frame.ts';
import type { Size } from './stderr-reader.ts';

export class RawFrameReader {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  readonly limit: number;

  /** `limit` caps what is buffered: a frame bigger than expected must not eat the memory. */
  constructor(limit: number) {
    this.limit = limit;
  }

  /** Returns false when the data went over the limit (the caller stops ffmpeg). */
  push(chunk: Buffer): boolean {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return false;
    this.chunks.push(chunk);
    return true;
  }

  get length(): number {
    return this.bytes;
  }

  /** Whole frames only; a cut-off last frame is dropped. `times` pairs with frames by index. */
  frames(size: Size, times: readonly number[]): Frame[] {
    const frameBytes = size.width * size.height * 3;
    if (frameBytes === 0) return [];
    const all = Buffer.concat(this.chunks);
    const first = times[0] ?? 0;
    const frames: Frame[] = [];
    for (let i = 0; (i + 1) * frameBytes <= all.length; i++) {
      const rgb = new Uint8Array(all.buffer, all.byteOffset + i * frameBytes, frameBytes);
      frames.push({ width: size.width, height: size.height, rgb, time: (times[i] ?? first) - first });
    }
    return frames;
  }
}
