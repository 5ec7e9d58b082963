// Makes the write-ahead log durable off the event loop. The write batcher commits with
// synchronous=NORMAL (the commit only hands the log's pages to the OS, which survives a crash of the
// process), then calls sync(): an fdatasync of the -wal file on libuv's thread pool. Callers wait for
// it before they ack, so durability is as with FULL, but the loop keeps serving deliveries and acks
// while the disk flushes, and one flush covers every commit made before it started.
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';

export type FlushFile = (fd: number, done: (error: Error | null) => void) => void;

export interface WalSyncOptions {
  /** The flush itself; node's fdatasync unless a test needs to hold it. */
  flush?: FlushFile;
}

export class WalSync {
  private readonly walPath: string;
  private readonly flush: FlushFile;
  private fd: number | undefined;
  /** The flush running now; commits made after it started wait for the next one. */
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private closing = false;

  constructor(databasePath: string, options: WalSyncOptions = {}) {
    this.walPath = `${databasePath}-wal`;
    this.flush = options.flush ?? ((fd, done) => fdatasync(fd, done));
  }

  /** False when the log file cannot be opened (an in-memory database, say): commit with FULL then. */
  get available(): boolean {
    if (this.fd !== undefined) return true;
    if (this.closing) return false;
    try {
      // Read-write: Windows flushes only handles opened for writing. SQLite keeps the file (same
      // inode) while its connection is open, resetting it in place after a checkpoint.
      this.fd = openSync(this.walPath, 'r+');
      return true;
    } catch {
      return false;
    }
  }

  /** Resolves when a flush that began after this call has completed: every commit made before is durable. */
  sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) {
      this.running = this.flushOnce().finally(() => {
        this.running = undefined;
        if (this.closing && !this.queued) this.closeFd();
      });
      return this.running;
    }
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.sync();
      });
    return this.queued;
  }

  /** Flushes now, on this thread (the store is closing); the file is closed once no flush runs. */
  close(): void {
    this.closing = true;
    if (this.fd === undefined) return;
    fdatasyncSync(this.fd);
    if (!this.running && !this.queued) this.closeFd();
  }

  private flushOnce(): Promise<void> {
    const fd = this.fd;
    if (fd === undefined) return Promise.reject(new Error(`the write-ahead log ${this.walPath} is not open`));
    return new Promise((resolve, reject) => this.flush(fd, (error) => (error ? reject(error) : resolve())));
  }

  private closeFd(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }
}
