// The queues of one session that could not be declared or consumed (on a cluster: their node is
// down, or they went with it). Each is a warning for that queue only, declared again in the
// background until it is back; the session goes on.
import type { ChannelModel } from 'amqplib';
import { checkQueue, declareTopology, type Topology, type TopologyWarning } from './topology.ts';

export interface QueueWatchOptions {
  /** A missing queue is declared (or checked) again this often. */
  retryMs?: number;
  /** A queue went missing (reported once, until it is back). */
  onMissing: (warning: TopologyWarning) => void;
  /** The queue can be used again. */
  onBack: (queue: string) => void;
}

export class QueueWatch {
  private readonly connection: ChannelModel;
  private readonly topology: Topology;
  private readonly options: Required<QueueWatchOptions>;
  private readonly missing = new Map<string, TopologyWarning>();
  private timer: NodeJS.Timeout | undefined;
  private retrying = false;
  private stopped = false;

  constructor(connection: ChannelModel, topology: Topology, options: QueueWatchOptions) {
    this.connection = connection;
    this.topology = topology;
    this.options = { retryMs: 1000, ...options };
  }

  report(warning: TopologyWarning): void {
    if (this.stopped || warning.kind === 'conflict') return;
    const known = this.missing.has(warning.queue);
    this.missing.set(warning.queue, warning);
    if (!known) this.options.onMissing(warning);
    this.timer ??= setInterval(() => void this.retry(), this.options.retryMs);
    this.timer.unref();
  }

  isMissing(queue: string): boolean {
    return this.missing.has(queue);
  }

  warnings(): TopologyWarning[] {
    return [...this.missing.values()];
  }

  /** A passive check before consuming: consuming a missing queue would close the consumer channel. */
  async usable(queue: string): Promise<boolean> {
    if (this.missing.has(queue)) return false;
    const warning = await checkQueue(this.connection, queue);
    if (warning) this.report(warning);
    return warning === undefined;
  }

  /**
   * Why a mandatory message to this exchange and key came back: the broker answers NO_ROUTE both when
   * no queue is bound and when the bound queue's node is down, so the bound queues are checked. A
   * missing one is declared again; only a queue on a node that is down is named.
   */
  async whyUnroutable(exchange: string, routingKey: string): Promise<string | undefined> {
    const fanout = this.topology.exchanges.some((e) => e.name === exchange && e.type === 'fanout');
    const bound = exchange === '' ? [routingKey] : this.topology.queues.filter((q) => q.bind.exchange === exchange && (fanout || q.bind.routingKey === routingKey)).map((q) => q.name);
    for (const queue of bound) {
      if (!this.missing.has(queue)) {
        const warning = await checkQueue(this.connection, queue).catch(() => undefined);
        if (warning) this.report(warning);
      }
      const known = this.missing.get(queue);
      if (known?.kind === 'down') return known.message;
    }
    return undefined;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async retry(): Promise<void> {
    if (this.retrying || this.stopped) return;
    this.retrying = true;
    try {
      const names = new Set(this.missing.keys());
      const declared = new Set(this.topology.queues.map((q) => q.name));
      const still = new Map((await declareTopology(this.connection, this.topology, names)).map((w) => [w.queue, w]));
      for (const queue of [...names].filter((n) => !declared.has(n))) {
        const w = await checkQueue(this.connection, queue);
        if (w) still.set(queue, w);
      }
      if (this.stopped) return;
      const back = [...names].filter((queue) => (still.get(queue)?.kind ?? 'conflict') === 'conflict');
      for (const queue of back) {
        this.missing.delete(queue);
        this.options.onBack(queue);
      }
      if (this.missing.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    } catch {
      // Only a lost connection fails here (a queue's own failures are warnings): the next session has its own watch.
      this.stop();
    } finally {
      this.retrying = false;
    }
  }
}
