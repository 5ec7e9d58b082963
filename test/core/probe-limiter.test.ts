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

describe('ProbeLimiter with a moving limit', () => {
  it('starts waiting probes at once when the limit rises, and starts none while over a lowered limit', async () => {
    const limiter = new ProbeLimiter(2);
    const releases: Array<() => void> = [];
    let started = 0;
    const work = () =>
      limiter.run(() => {
        started++;
        return new Promise<void>((r) => releases.push(r));
      });
    const all = Array.from({ length: 8 }, work);
    await Promise.resolve();
    expect(started).toBe(2);
    limiter.setLimit(5);
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toBe(5);
    expect(limiter.running).toBe(5);
    limiter.setLimit(1);
    releases.shift()!();
    releases.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toBe(5);
    expect(limiter.running).toBe(3);
    limiter.setLimit(8);
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toBe(8);
    for (const release of releases.splice(0)) release();
    await Promise.all(all);
    expect(limiter.running).toBe(0);
  });

  it('tells whether every slot was taken since it was last asked', async () => {
    const limiter = new ProbeLimiter(2);
    expect(limiter.takeSaturation()).toBe(false);
    await limiter.run(async () => undefined);
    expect(limiter.takeSaturation()).toBe(false);
    let release!: () => void;
    const blocker = () => new Promise<void>((r) => (release = r));
    const one = limiter.run(blocker);
    const r1 = release;
    const two = limiter.run(blocker);
    r1();
    release();
    await Promise.all([one, two]);
    expect(limiter.takeSaturation()).toBe(true);
    expect(limiter.takeSaturation()).toBe(false);
  });
});
