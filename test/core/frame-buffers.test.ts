// Frame buffers are recycled by exact size, and the free list stays under its bound.
import { describe, expect, it } from 'vitest';
import { FrameBuffers } from '../../main/core/diagnosis/frame-buffers.ts';

describe('FrameBuffers', () => {
  it('gives back a freed buffer of the same size, and a new one for any other size', () => {
    const buffers = new FrameBuffers(1 << 20);
    const a = buffers.take(1000);
    buffers.give([a.buffer as ArrayBuffer]);
    expect(buffers.heldBytes).toBe(1000);
    expect(buffers.take(1000).buffer).toBe(a.buffer);
    expect(buffers.heldBytes).toBe(0);
    buffers.give([a.buffer as ArrayBuffer]);
    const other = buffers.take(2000);
    expect(other.buffer).not.toBe(a.buffer);
    expect(other.byteLength).toBe(2000);
    expect(buffers.heldBytes).toBe(1000);
  });

  it('keeps no more than its bound and skips detached buffers', () => {
    const buffers = new FrameBuffers(2500);
    buffers.give([new ArrayBuffer(1000), new ArrayBuffer(1000), new ArrayBuffer(1000)]);
    expect(buffers.heldBytes).toBe(2000);
    const moved = new ArrayBuffer(1000);
    structuredClone(moved, { transfer: [moved] });
    buffers.give([moved]);
    expect(buffers.heldBytes).toBe(2000);
  });
});
