// Caps simultaneous camera probes (ffmpeg processes): one task may list hundreds of cameras.
export class ProbeLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  readonly limit: number;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`probe limit must be a whole number >= 1, got ${limit}`);
    this.limit = limit;
  }

  get running(): number {
    return this.active;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
