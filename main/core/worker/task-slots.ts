// At most N tasks run at once, also across a reconnect (when the old session's tasks still run
// and the new session's prefetch delivers more). Waiting deliveries can be handed back.
export class TaskSlots {
  private readonly capacity: number;
  private used = 0;
  private readonly waiting: Array<{ grant: (ok: boolean) => void; tag: unknown }> = [];

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get running(): number {
    return this.used;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves true with a slot, or false when the wait was cancelled (see releaseWaiting). */
  acquire(tag: unknown): Promise<boolean> {
    if (this.used < this.capacity) {
      this.used++;
      return Promise.resolve(true);
    }
    return new Promise((grant) => this.waiting.push({ grant, tag }));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next.grant(true);
    else this.used--;
  }

  /** Cancels the waits matching `which` (all by default): their acquire resolves false. */
  releaseWaiting(which: (tag: unknown) => boolean = () => true): number {
    let n = 0;
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const w = this.waiting[i]!;
      if (which(w.tag)) {
        this.waiting.splice(i, 1);
        w.grant(false);
        n++;
      }
    }
    return n;
  }
}
