// Tells the platform a task's status over its worker route (RUNNING at the start, COMPLETED or
// FAILED at the end), in the background: a failed call is retried with backoff and never holds up
// the task, and a newer status of the same task replaces one still waiting for its retry. A final
// status still being retried after the worker stops is sent if the process lives long enough.
import { backoffDelay } from '../broker/backoff.ts';
import type { Logger } from '../log/logger.ts';
import type { PlatformClient } from './platform-client.ts';

export type PlatformTaskStatus = 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface TaskStatusReporterOptions {
  attempts?: number;
  backoff?: { initialMs: number; maxMs: number };
}

export class TaskStatusReporter {
  private readonly client: PlatformClient;
  private readonly workerId: string;
  private readonly logger: Logger;
  private readonly attempts: number;
  private readonly backoff: { initialMs: number; maxMs: number };
  /** Per task: the status still to send (one sender per task at a time). */
  private readonly pending = new Map<number, { status: PlatformTaskStatus }>();

  constructor(client: PlatformClient, workerId: string, logger: Logger, options: TaskStatusReporterOptions = {}) {
    this.client = client;
    this.workerId = workerId;
    this.logger = logger;
    this.attempts = options.attempts ?? 6;
    this.backoff = options.backoff ?? { initialMs: 1000, maxMs: 30_000 };
  }

  report(taskId: number | string, status: PlatformTaskStatus): void {
    // The platform's tasks have integer ids; a task from elsewhere has no row to update.
    const id = typeof taskId === 'number' ? taskId : /^\d+$/.test(taskId) ? Number(taskId) : undefined;
    if (id === undefined || !Number.isSafeInteger(id)) return;
    const entry = this.pending.get(id);
    if (entry) {
      entry.status = status;
      return;
    }
    this.pending.set(id, { status });
    this.send(id, 0).catch((err: unknown) => this.logger.warn(`platform task ${id} status ${status} not sent: ${String(err)}`));
  }

  private async send(id: number, attempt: number): Promise<void> {
    const entry = this.pending.get(id);
    if (!entry) return;
    const status = entry.status;
    const r = await this.client.taskStatus(id, status, this.workerId);
    if (r.ok || r.error.kind === 'not_found' || attempt + 1 >= this.attempts) {
      if (!r.ok) this.logger.warn(`platform task ${id} status ${status} not recorded: ${r.error.message}${r.error.kind === 'not_found' ? '' : ` (gave up after ${attempt + 1} attempts)`}`);
      // A newer status arrived while this one was on its way: send that one next.
      if (entry.status !== status) return this.send(id, 0);
      this.pending.delete(id);
      return;
    }
    // Unref'd: a status still being retried never keeps a stopping process alive.
    const retry = () => this.send(id, entry.status === status ? attempt + 1 : 0).catch((err: unknown) => this.logger.warn(`platform task ${id} status not sent: ${String(err)}`));
    const timer = setTimeout(retry, backoffDelay(attempt, this.backoff));
    timer.unref();
  }
}
