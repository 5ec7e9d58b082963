// Free space of the data folder as a state. Below the floor the worker takes no tasks (a result it
// cannot store would be lost work); it takes them again by itself once there is room, with some
// margin so that it does not flap around the floor.
import { EventEmitter } from 'node:events';
import { statfs } from 'node:fs/promises';

export interface DiskState {
  path: string;
  freeBytes: number;
  floorBytes: number;
  /** True from the moment free space falls below the floor until it is back above the resume mark. */
  low: boolean;
}

export interface DiskWatchOptions {
  path: string;
  floorBytes: number;
  intervalMs?: number;
  /** Free bytes of the file system holding `path`; statfs by default. */
  freeBytes?: (path: string) => Promise<number>;
}

async function statfsFree(path: string): Promise<number> {
  const s = await statfs(path);
  return s.bavail * s.bsize;
}

export class DiskWatch extends EventEmitter<{ change: [DiskState] }> {
  private readonly options: DiskWatchOptions;
  private current: DiskState;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: DiskWatchOptions) {
    super();
    this.options = options;
    this.current = { path: options.path, freeBytes: Number.POSITIVE_INFINITY, floorBytes: options.floorBytes, low: false };
  }

  get state(): DiskState {
    return this.current;
  }

  /** Resuming takes a quarter more than the floor (at least 16 MiB more). */
  get resumeBytes(): number {
    return this.options.floorBytes + Math.max(this.options.floorBytes / 4, 16 * 1024 * 1024);
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      void this.check().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs ?? 2000).unref();
      });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Measures now; a folder that cannot be measured keeps the last state. */
  async check(): Promise<DiskState> {
    let free: number;
    try {
      free = await (this.options.freeBytes ?? statfsFree)(this.options.path);
    } catch {
      return this.current;
    }
    const low = this.current.low ? free < this.resumeBytes : free < this.options.floorBytes;
    const changed = low !== this.current.low;
    this.current = { ...this.current, freeBytes: free, low };
    if (changed) this.emit('change', this.current);
    return this.current;
  }
}
