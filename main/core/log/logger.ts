// Structured log: JSON lines to a rotating file, short lines to stderr, a ring of recent entries for
// the UI. Every text passes through redaction first: no credentials in any log.
import { redact } from '../diagnosis/source/redact.ts';
import type { RotatingFile } from './rotating-file.ts';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogEntry {
  time: string;
  level: LogLevel;
  message: string;
  data?: Record<string, unknown>;
}

export interface LoggerOptions {
  file?: RotatingFile;
  stderr?: boolean;
  level?: LogLevel;
  /** Values never to print (passwords); URL credentials are always hidden. */
  secrets?: string[];
  ringSize?: number;
}

export class Logger {
  private readonly options: LoggerOptions;
  private readonly ring: LogEntry[] = [];
  private readonly listeners = new Set<(e: LogEntry) => void>();
  private readonly secrets: string[];

  constructor(options: LoggerOptions = {}) {
    this.options = options;
    this.secrets = (options.secrets ?? []).filter((s) => s.length >= 3);
  }

  debug(message: string, data?: Record<string, unknown>): void {
    this.log('debug', message, data);
  }
  info(message: string, data?: Record<string, unknown>): void {
    this.log('info', message, data);
  }
  warn(message: string, data?: Record<string, unknown>): void {
    this.log('warn', message, data);
  }
  error(message: string, data?: Record<string, unknown>): void {
    this.log('error', message, data);
  }

  recent(limit = 200, minLevel: LogLevel = 'debug'): LogEntry[] {
    const min = LOG_LEVELS.indexOf(minLevel);
    return this.ring.filter((e) => LOG_LEVELS.indexOf(e.level) >= min).slice(-limit);
  }

  subscribe(listener: (e: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private log(level: LogLevel, message: string, data?: Record<string, unknown>): void {
    if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(this.options.level ?? 'info')) return;
    const clean = (text: string) => redact(text, this.secrets);
    const entry: LogEntry = { time: new Date().toISOString(), level, message: clean(message) };
    if (data) entry.data = JSON.parse(clean(JSON.stringify(data))) as Record<string, unknown>;
    this.ring.push(entry);
    if (this.ring.length > (this.options.ringSize ?? 1000)) this.ring.shift();
    this.options.file?.append(`${JSON.stringify(entry)}\n`);
    if (this.options.stderr) {
      const extra = entry.data ? ` ${JSON.stringify(entry.data)}` : '';
      process.stderr.write(`${entry.time} ${level.toUpperCase().padEnd(5)} ${entry.message}${extra}\n`);
    }
    for (const l of this.listeners) l(entry);
  }
}
