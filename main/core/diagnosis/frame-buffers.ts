// Frame buffers are recycled instead of allocated for every frame and freed after its analysis. A
// frame is 0.2-0.7 MB, a size glibc serves from its heap once the first such block was freed (its mmap
// threshold follows the largest block freed), and a heap churned by dozens of probes at once
// fragments: the worker's RSS grew far beyond the frames in flight. The analysis pool hands each job's
// buffers back; the free list is bounded, so a burst's leftovers go back to the allocator.
export class FrameBuffers {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private held = 0;
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** A buffer of exactly `bytes`, recycled when one is free; its content is whatever it held before. */
  take(bytes: number): Uint8Array {
    const buffer = this.free.get(bytes)?.pop();
    if (!buffer) return new Uint8Array(bytes);
    this.held -= bytes;
    return new Uint8Array(buffer);
  }

  /** Buffers nothing refers to any more (detached or empty ones are skipped). */
  give(buffers: Iterable<ArrayBuffer>): void {
    for (const buffer of buffers) {
      const bytes = buffer.byteLength;
      if (bytes === 0 || this.held + bytes > this.maxBytes) continue;
      const list = this.free.get(bytes);
      if (list) list.push(buffer);
      else this.free.set(bytes, [buffer]);
      this.held += bytes;
    }
  }

  /** Bytes on the free list. */
  get heldBytes(): number {
    return this.held;
  }
}

/** The process's frame buffers: the grabs take from it, the analysis pool gives back. */
export const frameBuffers = new FrameBuffers(16 * 1024 * 1024);
