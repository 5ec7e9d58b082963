// Collects one of ffmpeg's raw picture outputs (packed RGB24, or 8-bit luma) and cuts it into frames
// once the output size is known (the size comes from stderr, which may arrive after the first bytes of
// stdout). Each frame is copied into a buffer of its own (a recycled one, see frame-buffers.ts) as its
// bytes arrive: pipe chunks die young instead of piling up until the end, nothing is concatenated,
// and the analysis pool can take each frame's buffer without a copy.
import { frameBuffers } from '../frame-buffers.ts';
import type { Size } from './stderr-reader.ts';

export class RawFrameReader {
  /** Bytes that came before the frame size was known. */
  private pending: Buffer[] = [];
  private readonly filled: Uint8Array[] = [];
  private current: Uint8Array | null = null;
  private at = 0;
  private frameBytes = 0;
  private bytes = 0;
  private whole = 0;
  readonly limit: number;
  private readonly bytesPerPixel: number;
  private readonly newestOnly: boolean;

  /**
   * `limit` caps what is read: a frame bigger than expected must not eat the memory. With
   * `newestOnly`, one buffer holds the newest whole frame and is overwritten by the next one: a
   * frame cut off at the end leaves nothing (ffmpeg only cuts a frame when it did not end normally).
   */
  constructor(limit: number, bytesPerPixel: 1 | 3, newestOnly = false) {
    this.limit = limit;
    this.bytesPerPixel = bytesPerPixel;
    this.newestOnly = newestOnly;
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
    const frameBytes = size.width * size.height * this.bytesPerPixel;
    if (this.frameBytes !== 0 || frameBytes === 0) return;
    this.frameBytes = frameBytes;
    for (const chunk of this.pending) this.fill(chunk);
    this.pending = [];
  }

  /** Whole frames that went through, kept or not. */
  get frameCount(): number {
    return this.whole;
  }

  /** Whole frames only, oldest first (with newestOnly, the newest alone); a cut-off last frame is dropped. */
  buffers(size: Size): Uint8Array[] {
    this.setSize(size);
    if (this.frameBytes !== size.width * size.height * this.bytesPerPixel || this.frameBytes === 0) return [];
    return this.filled;
  }

  private next(): Uint8Array {
    if (this.newestOnly && this.filled.length > 0) return this.filled.pop()!;
    return frameBuffers.take(this.frameBytes);
  }

  private fill(chunk: Buffer): void {
    let from = 0;
    while (from < chunk.length) {
      this.current ??= this.next();
      const n = Math.min(chunk.length - from, this.frameBytes - this.at);
      this.current.set(chunk.subarray(from, from + n), this.at);
      this.at += n;
      from += n;
      if (this.at === this.frameBytes) {
        this.filled.push(this.current);
        this.current = null;
        this.at = 0;
        this.whole++;
      }
    }
  }
}
