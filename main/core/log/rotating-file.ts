// An append-only log file that rolls over by size: app.log, app.log.1 ... app.log.N. Appending never
// throws: on a full or read-only disk lines are dropped and counted, and the count is written with
// the first line that gets through again.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export class RotatingFile {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private size: number;
  private droppedLines = 0;
  private lastError = '';

  constructor(path: string, maxBytes = 5 * 1024 * 1024, keep = 5) {
    this.path = path;
    this.maxBytes = maxBytes;
    this.keep = keep;
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      this.size = existsSync(path) ? statSync(path).size : 0;
    } catch {
      this.size = 0;
    }
  }

  /** Lines lost since the last successful write, and why. */
  get dropped(): { lines: number; error: string } {
    return { lines: this.droppedLines, error: this.lastError };
  }

  append(line: string): void {
    const text = this.droppedLines > 0 ? `${JSON.stringify({ time: new Date().toISOString(), level: 'warn', message: `${this.droppedLines} log lines were lost: ${this.lastError}` })}\n${line}` : line;
    const bytes = Buffer.byteLength(text);
    try {
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.path, text, { mode: 0o600 });
      this.size += bytes;
      this.droppedLines = 0;
    } catch (err) {
      this.droppedLines++;
      this.lastError = err instanceof Error ? err.message : String(err);
    }
  }

  private rotate(): void {
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    }
    renameSync(this.path, `${this.path}.1`);
    this.size = 0;
  }
}
