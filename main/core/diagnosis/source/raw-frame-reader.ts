// Collects ffmpeg's raw RGB24 output and cuts it into frames once the output size is known (the size
// comes from stderr, which may arrive after the first bytes of stdout). Each frame is copied into a
// buffer of its own as its bytes arrive: pipe chunks die young instead of piling up until the end,
// nothing is concatenated, and the analysis pool can take each frame's buffer without a copy.
import type { Frame } from '../frame.ts';
import type { Size } from './stderr-reader.ts';

export class RawFrameReader {
  /** Bytes that came before the frame size was known. */
  private pending: Buffer[] = [];
  private readonly filled: Uint8Array[] = [];
  private current: Uint8Array | null = null;
  private at = 0;
  private frameBytes = 0;
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
    if (this.frameBytes === 0) this.pending.push(chunk);
    else this.fill(chunk);
    return true;
  }

  /** Once ffmpeg has said it: the bytes so far and every later chunk go straight into frames. */
  setSize(size: Size): void {
    const frameBytes = size.width * size.height * 3;
    if (this.frameBytes !== 0 || frameBytes === 0) return;
    this.frameBytes = frameBytes;
    for (const chunk of this.pending) this.fill(chunk);
    this.pending = [];
  }

  get length(): number {
    return this.bytes;
  }

  /** Whole frames only; a cut-off last frame is dropped. `times` pairs with frames by index. */
  frames(size: Size, times: readonly number[]): Frame[] {
    this.setSize(size);
    if (this.frameBytes !== size.width * size.height * 3 || this.frameBytes === 0) return [];
    const first = times[0] ?? 0;
    return this.filled.map((rgb, i) => ({ width: size.width, height: size.height, rgb, time: (times[i] ?? first) - first }));
  }

  private fill(chunk: Buffer): void {
    let from = 0;
    while (from < chunk.length) {
      this.current ??= new Uint8Array(this.frameBytes);
      const n = Math.min(chunk.length - from, this.frameBytes - this.at);
      this.current.set(chunk.subarray(from, from + n), this.at);
      this.at += n;
      from += n;
      if (this.at === this.frameBytes) {
        this.filled.push(this.current);
        this.current = null;
        this.at = 0;
      }
    }
  }
}
