// Caps simultaneous camera probes (ffmpeg processes): one task may list hundreds of cameras. The cap
// may move while probes run (see concurrency/adaptive-probe-limit.ts): a raised cap starts waiting
// probes at once, a lowered one lets running probes finish and starts no more until under it.
function checked(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`probe limit must be a whole number >= 1, got ${limit}`);
  return limit;
}

export class ProbeLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private current: number;
  private full = false;

  constructor(limit: number) {
    this.current = checked(limit);
  }

  get limit(): number {
    return this.current;
  }

  get running(): number {
    return this.active;
  }

  setLimit(limit: number): void {
    this.current = checked(limit);
    this.startWaiting();
  }

  /** Whether every slot was taken at some moment since the last call: more slots could have been used. */
  takeSaturation(): boolean {
    const was = this.full || this.waiting.length > 0;
    this.full = this.active >= this.current;
    return was;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.current) {
      this.full = true;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    if (this.active >= this.current) this.full = true;
    try {
      return await work();
    } finally {
      this.active--;
      this.startWaiting();
    }
  }

  /** A slot is counted as taken when granted, so a burst of releases cannot overshoot the limit. */
  private startWaiting(): void {
    while (this.active < this.current && this.waiting.length > 0) {
      this.active++;
      this.waiting.shift()!();
    }
  }
}
