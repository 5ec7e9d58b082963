// Before the database opens: on a data folder that is full (SQLite cannot even create its WAL
// index there), wait for room and say so, instead of failing or hanging without a word.
import { DiskWatch } from './disk-watch.ts';

export interface WaitForRoomOptions {
  path: string;
  floorBytes: number;
  /** Called once, when the wait begins. */
  onWait: (freeBytes: number, resumeBytes: number) => void;
  signal: AbortSignal;
  intervalMs?: number;
  freeBytes?: (path: string) => Promise<number>;
}

/** Resolves true once the folder has room (at once when it has), false when aborted first. */
export async function waitForRoom(options: WaitForRoomOptions): Promise<boolean> {
  const watch = new DiskWatch({ path: options.path, floorBytes: options.floorBytes, freeBytes: options.freeBytes });
  let state = await watch.check();
  if (!state.low) return true;
  options.onWait(state.freeBytes, watch.resumeBytes);
  while (state.low) {
    if (options.signal.aborted) return false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.intervalMs ?? 2000);
      options.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    if (options.signal.aborted) return false;
    state = await watch.check();
  }
  return true;
}
