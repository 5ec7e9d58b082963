// The analysers run in worker threads: results come back whole and the main thread stays free. A
// one-camera command runs them on its own thread instead, with the same results.
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisPool } from '../../main/core/diagnosis/pool/analysis-pool.ts';
import { InlineAnalysis } from '../../main/core/diagnosis/pool/inline-analysis.ts';
import { frameBuffers } from '../../main/core/diagnosis/frame-buffers.ts';
import type { Frame } from '../../main/core/diagnosis/frame.ts';
import { ALL_CHECKS } from '../../shared/diagnosis/types.ts';

function gradientFrame(width: number, height: number, time: number): Frame {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const v = ((x * 7) ^ (y * 13)) & 0xff;
      rgb[i] = v;
      rgb[i + 1] = (v + 40) & 0xff;
      rgb[i + 2] = (v + 90) & 0xff;
    }
  }
  return { width, height, rgb, time };
}

const pool = new AnalysisPool(2);
afterAll(() => pool.close());

describe('AnalysisPool', () => {
  it('analyses a window of luma frames whose newest alone has colours, and hands the buffers back for reuse', async () => {
    const colour = gradientFrame(320, 180, 1);
    const luma = (time: number): Frame => ({ width: 320, height: 180, gray: gradientFrame(320, 180, time).rgb!.filter((_, i) => i % 3 === 0), time });
    const frames = [luma(0), luma(0.25), { ...colour, gray: luma(1).gray! }];
    // First in the file: the free list is still far from its bound.
    const before = frameBuffers.heldBytes;
    const results = await pool.run({ types: ALL_CHECKS, frameSet: { frames, decodeErrors: 0 }, thresholds: {} });
    expect(results.filter((r) => r.error !== undefined)).toEqual([]);
    expect(frameBuffers.heldBytes - before).toBe(3 * 320 * 180 + 320 * 180 * 3);
    const reused = frameBuffers.take(320 * 180 * 3);
    expect(reused.byteLength).toBe(320 * 180 * 3);
    expect(frameBuffers.heldBytes - before).toBe(3 * 320 * 180);
  });

  it('runs every check in a worker thread and returns one result per check', async () => {
    const frames = [gradientFrame(640, 360, 0), gradientFrame(640, 360, 1)];
    const results = await pool.run({ types: ALL_CHECKS, frameSet: { frames, decodeErrors: 0 }, thresholds: {} });
    expect(results.map((r) => r.type)).toEqual([...ALL_CHECKS]);
    for (const r of results) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(Object.keys(r.threshold).length).toBeGreaterThan(0);
      expect(typeof r.metrics.value).toBe('number');
      expect(r.message['zh-CN'].length).toBeGreaterThan(0);
      expect(r.message.en.length).toBeGreaterThan(0);
    }
  });

  it('keeps the main thread responsive while it analyses large frames', async () => {
    const jobs = Array.from({ length: 6 }, (_, i) =>
      pool.run({ types: ALL_CHECKS, frameSet: { frames: [gradientFrame(1920, 1080, i), gradientFrame(1920, 1080, i + 1)], decodeErrors: 0 }, thresholds: {} }),
    );
    let worstGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 5);
    await Promise.all(jobs);
    clearInterval(timer);
    // Frames are generated above, before the timer; while the pool works the loop only waits.
    expect(worstGap).toBeLessThan(250);
  });

  it('answers a job it cannot analyse with an error and keeps serving', async () => {
    const broken: Frame = { width: 640, height: 360, rgb: new Uint8Array(10), time: 0 };
    await expect(pool.run({ types: ['brightness'], frameSet: { frames: [broken], decodeErrors: 0 }, thresholds: {} })).rejects.toThrow(/analysis failed/);
    const ok = await pool.run({ types: ['brightness'], frameSet: { frames: [gradientFrame(64, 36, 0)], decodeErrors: 0 }, thresholds: {} });
    expect(ok).toHaveLength(1);
  });

  it('refuses a window whose newest frame has no colours', async () => {
    const frames: Frame[] = [{ width: 64, height: 36, gray: new Uint8Array(64 * 36), time: 0 }];
    await expect(pool.run({ types: ['brightness'], frameSet: { frames, decodeErrors: 0 }, thresholds: {} })).rejects.toThrow(/newest frame has no RGB/);
  });

  it('fails a job whose frame buffer was already handed over, and keeps serving', async () => {
    const frame = gradientFrame(64, 36, 0);
    await pool.run({ types: ['brightness'], frameSet: { frames: [frame], decodeErrors: 0 }, thresholds: {} });
    await expect(pool.run({ types: ['brightness'], frameSet: { frames: [frame], decodeErrors: 0 }, thresholds: {} })).rejects.toThrow(/not sent/);
    const ok = await pool.run({ types: ['brightness'], frameSet: { frames: [gradientFrame(64, 36, 0)], decodeErrors: 0 }, thresholds: {} });
    expect(ok).toHaveLength(1);
  });

  it('refuses work after close', async () => {
    const closed = new AnalysisPool(1);
    await closed.close();
    await expect(closed.run({ types: ['brightness'], frameSet: { frames: [gradientFrame(8, 8, 0)], decodeErrors: 0 }, thresholds: {} })).rejects.toThrow(/closed/);
  });
});

describe('InlineAnalysis', () => {
  const inline = new InlineAnalysis();
  const window = () => ({ frames: [gradientFrame(320, 180, 0), gradientFrame(320, 180, 1)], decodeErrors: 0 });
  const comparable = (results: { processingTimeMs: number }[]) => results.map((r) => ({ ...r, processingTimeMs: 0 }));

  it('gives the results the pool gives for the same frames', async () => {
    const here = await inline.run({ types: ALL_CHECKS, frameSet: window(), thresholds: {} });
    const there = await pool.run({ types: ALL_CHECKS, frameSet: window(), thresholds: {} });
    expect(comparable(here)).toEqual(comparable(there));
  });

  it('refuses frames it cannot analyse with the pool\'s error', async () => {
    const broken: Frame = { width: 640, height: 360, rgb: new Uint8Array(10), time: 0 };
    await expect(inline.run({ types: ['brightness'], frameSet: { frames: [broken], decodeErrors: 0 }, thresholds: {} })).rejects.toThrow(/analysis failed: frame 0 has 10 bytes/);
  });
});
