// A fixed pool of worker threads that run the analysers. Jobs queue when every worker is busy;
// a worker that dies fails only its own job and is replaced.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { CheckResult } from '../../../../shared/diagnosis/types.ts';
import { frameBuffers } from '../frame-buffers.ts';
import { transferablesOf, type AnalysisJob, type AnalysisRunner, type JobReply } from './analysis-job.ts';

interface Pending {
  id: number;
  job: AnalysisJob;
  resolve: (results: CheckResult[]) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  current?: Pending;
}

// Sources run as .ts under Node's type stripping and as .js once built.
const WORKER_URL = new URL(`./analysis-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export class AnalysisPool implements AnalysisRunner {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(size = defaultPoolSize()) {
    this.size = Math.max(1, size);
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  run(job: AnalysisJob): Promise<CheckResult[]> {
    if (this.closed) return Promise.reject(new Error('analysis pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('analysis pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL);
    const slot: Slot = { worker };
    worker.on('message', (reply: JobReply) => this.finish(slot, reply));
    worker.on('error', (err) => this.replace(slot, err));
    worker.on('exit', (code) => {
      if (!this.closed) this.replace(slot, new Error(`analysis worker exited with code ${code}`));
    });
    return slot;
  }

  private finish(slot: Slot, reply: JobReply): void {
    frameBuffers.give(reply.buffers);
    const pending = slot.current;
    slot.current = undefined;
    if (pending && pending.id === reply.id) {
      if (reply.ok) pending.resolve(reply.results);
      else pending.reject(new Error(`analysis failed: ${reply.message}`));
    }
    this.dispatch();
  }

  private replace(slot: Slot, err: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    slot.current?.reject(new Error(`analysis worker failed: ${err.message}`));
    slot.current = undefined;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (this.closed) return;
    this.slots[index] = this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      while (!slot.current) {
        const next = this.queue.shift();
        if (!next) return;
        try {
          slot.worker.postMessage({ id: next.id, job: next.job }, transferablesOf(next.job));
          slot.current = next;
        } catch (error) {
          // A frame whose buffer was already handed over (detached) cannot be sent: fail that job, not the pool.
          next.reject(new Error(`analysis job not sent: ${error instanceof Error ? error.message : String(error)}`));
        }
      }
    }
  }
}
