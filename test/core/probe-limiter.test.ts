import { describe, expect, it } from 'vitest';
import { ProbeLimiter } from '../../main/core/diagnosis/probe-limiter.ts';

describe('ProbeLimiter', () => {
  it('never runs more than its limit at once, and runs the limit when work waits', async () => {
    const limiter = new ProbeLimiter(3);
    let running = 0;
    let peak = 0;
    const work = () =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 10));
        running--;
      });
    await Promise.all(Array.from({ length: 12 }, work));
    expect(peak).toBe(3);
    expect(limiter.running).toBe(0);
  });

  it('frees the slot when work fails', async () => {
    const limiter = new ProbeLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 7)).resolves.toBe(7);
  });

  it('rejects a limit that is not a whole number >= 1', () => {
    expect(() => new ProbeLimiter(0)).toThrow(/probe limit/);
    expect(() => new ProbeLimiter(1.5)).toThrow(/probe limit/);
  });
});
