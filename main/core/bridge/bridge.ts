// The central bridge: consumes the edge nodes' results and heartbeats and writes them into the
// platform's PostgreSQL. A delivery is acked only after the transaction holding it has committed;
// while the database is unreachable the batch is retried with backoff and everything else stays
// unacked in the broker (bounded by the prefetch). Broker sessions come from the same supervisor
// as the worker's, so a lost session's deliveries are never acked on a new one.
import type { ConsumeMessage } from 'amqplib';
import type pg from 'pg';
import { backoffDelay } from '../broker/backoff.ts';
import { ConfirmedPublisher } from '../broker/confirmed-publisher.ts';
import { Delivery } from '../broker/delivery.ts';
import { BrokerSupervisor, type BrokerSession } from '../broker/supervisor.ts';
import { declareTopology, platformTopology, type Topology } from '../broker/topology.ts';
import type { Logger } from '../log/logger.ts';
import { AttemptBudget } from '../poison/attempt-budget.ts';
import { parkMessage } from '../poison/parking.ts';
import type { BridgeConfig } from './bridge-options.ts';
import { prepareDatabase, pruneProcessed } from './bridge-table.ts';
import { inTransaction, isMessageFault, openPool } from './database.ts';
import { markSilentOffline, parseHeartbeat, writeHeartbeats, type Heartbeat } from './heartbeat-writer.ts';
import { parseResult, type ParsedResult } from './result-parse.ts';
import { writeBatch, type WritableResult } from './result-writer.ts';

export const RESULT_QUEUE = 'task.results';
export const HEARTBEAT_QUEUE = 'worker.heartbeat';
export const RESULT_PARKING_QUEUE = 'task.results.rejected';

const DB_BACKOFF = { initialMs: 500, maxMs: 30_000 };
const PRUNE_EVERY_MS = 3_600_000;
/** Failures of the bridge itself on one message before it is given up. */
const MAX_ATTEMPTS = 3;

/** The platform's exchanges and the two queues the bridge consumes, plus its parking queue. */
export function bridgeTopology(): Topology {
  const platform = platformTopology();
  return platformTopology({
    queues: [
      ...platform.queues.filter((q) => q.name === RESULT_QUEUE || q.name === HEARTBEAT_QUEUE),
      { name: RESULT_PARKING_QUEUE, durable: true, bind: { exchange: '', routingKey: RESULT_PARKING_QUEUE } },
    ],
    taskQueues: [],
    parkingQueue: RESULT_PARKING_QUEUE,
  });
}

interface Pending<T> {
  delivery: Delivery;
  item: T;
}

export interface BridgeTotals {
  results: number;
  rows: number;
  alarms: number;
  duplicates: number;
  parked: number;
  heartbeats: number;
}

export class Bridge {
  private readonly config: BridgeConfig;
  private readonly logger: Logger;
  private readonly pool: pg.Pool;
  private readonly supervisor: BrokerSupervisor;
  private readonly publishers = new WeakMap<BrokerSession, ConfirmedPublisher>();
  private readonly failedAttempts = new AttemptBudget();
  /** Parsed on arrival, so parsing overlaps the previous batch's write. */
  private results: Array<{ delivery: Delivery; parsed: ParsedResult }> = [];
  private beats: Delivery[] = [];
  private pumping: Promise<void> | undefined;
  private batchTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private lastPrune = 0;
  private lastReport = { at: Date.now(), totals: '' };
  private stopped = false;
  private wake: (() => void) | undefined;
  readonly totals: BridgeTotals = { results: 0, rows: 0, alarms: 0, duplicates: 0, parked: 0, heartbeats: 0 };

  constructor(config: BridgeConfig, logger: Logger) {
    this.config = config;
    this.logger = logger;
    this.pool = openPool(config.database, (err) => logger.warn(`database connection lost while idle: ${err.message}`));
    this.supervisor = new BrokerSupervisor({ urls: config.brokers, onSession: (s) => this.setUpSession(s) });
    this.supervisor.on('state', (state, detail) => logger.info(`broker ${state}: ${detail}`));
    this.supervisor.on('session-lost', (session, reason) => {
      logger.warn(`broker session ${session.generation} lost: ${reason}; its unacked results return to the queue`);
      // The broker has requeued these: they come again on the next session.
      this.results = this.results.filter((r) => r.delivery.session !== session);
      this.beats = this.beats.filter((d) => d.session !== session);
    });
  }

  /** Waits for the database (retrying while it is unreachable), then starts consuming. */
  async start(): Promise<{ ok: true } | { ok: false; message: string }> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        const check = await prepareDatabase(this.pool);
        if (!check.ok) return check;
        break;
      } catch (err) {
        const delay = backoffDelay(attempt, DB_BACKOFF);
        this.logger.warn(`database not reachable: ${(err as Error).message}; retrying in ${delay} ms`);
        await this.sleep(delay);
      }
    }
    if (this.stopped) return { ok: true };
    this.supervisor.start();
    const every = Math.min(10_000, (this.config.offlineAfterS * 1000) / 3);
    this.sweepTimer = setInterval(() => void this.sweep(), every);
    return { ok: true };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    clearTimeout(this.batchTimer);
    clearInterval(this.sweepTimer);
    await this.pumping;
    // Whatever is still unacked returns to the queue when the connection closes.
    await this.supervisor.stop();
    await this.pool.end().catch(() => undefined);
  }

  private async setUpSession(session: BrokerSession): Promise<void> {
    if (this.stopped) return;
    const conflicts = await declareTopology(session.connection, bridgeTopology());
    for (const c of conflicts) this.logger.warn(c.message);
    // Per consumer (RabbitMQ's basic.qos with global=false): each queue holds at most this many unacked.
    await session.consumer.prefetch(this.config.prefetch);
    this.publishers.set(session, new ConfirmedPublisher(session.confirm));
    await session.consumer.consume(RESULT_QUEUE, (msg) => this.onMessage(msg, session, 'result'));
    await session.consumer.consume(HEARTBEAT_QUEUE, (msg) => this.onMessage(msg, session, 'heartbeat'));
    this.logger.info(`bridge consuming ${RESULT_QUEUE} and ${HEARTBEAT_QUEUE} (prefetch ${this.config.prefetch}, batches of ${this.config.batchSize})`);
  }

  private onMessage(msg: ConsumeMessage | null, session: BrokerSession, kind: 'result' | 'heartbeat'): void {
    if (msg === null) {
      // The broker cancelled the consumer (queue deleted, failover): a new session consumes again.
      this.logger.warn(`broker cancelled the ${kind} consumer; reconnecting`);
      void session.connection.close().catch(() => undefined);
      return;
    }
    const delivery = new Delivery(msg, session);
    if (kind === 'result') this.results.push({ delivery, parsed: parseResult(msg.content, msg.properties.messageId) });
    else this.beats.push(delivery);
    this.schedule();
  }

  private schedule(): void {
    if (this.pumping || this.stopped) return;
    if (this.results.length >= this.config.batchSize || this.beats.length > 0 || this.config.batchWaitMs === 0) {
      clearTimeout(this.batchTimer);
      this.batchTimer = undefined;
      this.pump();
      return;
    }
    // A batch that is not full yet waits a moment for more.
    this.batchTimer ??= setTimeout(() => {
      this.batchTimer = undefined;
      this.pump();
    }, this.config.batchWaitMs);
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = (async () => {
      while (!this.stopped && (this.results.length > 0 || this.beats.length > 0)) {
        if (this.beats.length > 0) {
          const beats = this.beats.splice(0);
          await this.guard(beats, () => this.flushHeartbeats(beats), (d) => Promise.resolve(void d.ack()));
        }
        if (this.results.length > 0) {
          const batch = this.results.splice(0, this.config.batchSize);
          await this.guard(batch.map((b) => b.delivery), () => this.flushResults(batch), (d, reason) => this.park(d, reason));
        }
      }
    })()
      .catch((err: unknown) => this.logger.error(`bridge write loop failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`))
      .finally(() => {
        this.pumping = undefined;
        if (this.results.length > 0 || this.beats.length > 0) this.schedule();
      });
  }

  /**
   * A failure of the bridge itself (not of the database or the message) must not strand the batch
   * unacked: its messages go back after a pause, and one that failed this way too often is given up
   * (a result parked, a heartbeat dropped), so no message can loop.
   */
  private async guard(deliveries: Delivery[], work: () => Promise<void>, giveUp: (d: Delivery, reason: string) => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      this.logger.error(`bridge failed on a batch of ${deliveries.length}: ${detail}`);
      for (const d of deliveries.filter((x) => x.live)) {
        const attempts = this.failedAttempts.fail(d.message);
        if (attempts >= MAX_ATTEMPTS) {
          this.failedAttempts.forget(d.message);
          await giveUp(d, `the bridge failed on it ${attempts} times: ${err instanceof Error ? err.message : String(err)}`);
        } else setTimeout(() => d.requeue(), 250 * 2 ** attempts).unref();
      }
    }
  }

  private async flushResults(batch: Array<{ delivery: Delivery; parsed: ParsedResult }>): Promise<void> {
    const writable: Array<Pending<WritableResult>> = [];
    for (const { delivery, parsed } of batch) {
      if (parsed.kind === 'poison') await this.park(delivery, parsed.reason);
      else writable.push({ delivery, item: parsed });
    }
    await this.commitThenAck(writable, (d, reason) => this.park(d, reason), async (items) => {
      const out = await inTransaction(this.pool, (client) => writeBatch(client, items));
      this.totals.results += out.applied + out.recordedOnly;
      this.totals.rows += out.rows;
      this.totals.alarms += out.alarms;
      this.totals.duplicates += out.duplicates;
      this.logger.debug(`wrote ${items.length} results: ${out.applied} applied, ${out.recordedOnly} recorded only, ${out.duplicates} duplicates, ${out.rows} rows, ${out.alarms} alarms`);
    });
  }

  private async flushHeartbeats(deliveries: Delivery[]): Promise<void> {
    const drop = (d: Delivery, reason: string) => {
      this.logger.warn(`dropped a heartbeat: ${reason}`);
      d.ack();
      return Promise.resolve();
    };
    const beats: Array<Pending<Heartbeat>> = [];
    for (const delivery of deliveries) {
      const parsed = parseHeartbeat(delivery.message.content);
      if (typeof parsed === 'string') {
        // Heartbeats are not kept: a broken one is only worth a log line.
        await drop(delivery, parsed);
      } else beats.push({ delivery, item: parsed });
    }
    await this.commitThenAck(beats, drop, async (items) => {
      this.totals.heartbeats += await inTransaction(this.pool, (client) => writeHeartbeats(client, items, this.config.offlineAfterS));
    });
  }

  /**
   * Writes, then acks. While the database fails, waits and tries again with the same deliveries
   * (still unacked, so still in the broker); deliveries of a lost broker session are left out (the
   * broker has requeued them). A batch the database refuses for its content is split until the
   * refused message is alone, and that one is parked.
   */
  private async commitThenAck<T>(pending: Array<Pending<T>>, refused: (d: Delivery, reason: string) => Promise<void>, write: (items: T[]) => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const live = pending.filter((p) => p.delivery.live);
      if (live.length === 0 || this.stopped) return;
      try {
        await write(live.map((p) => p.item));
        for (const p of live) p.delivery.ack();
        if (attempt > 0) this.logger.info(`database reachable again: ${live.length} messages written`);
        return;
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        if (isMessageFault(err)) {
          if (live.length === 1) await refused(live[0]!.delivery, `the database refused it: ${detail}`);
          else for (const one of live) await this.commitThenAck([one], refused, write);
          return;
        }
        const delay = backoffDelay(attempt, DB_BACKOFF);
        this.logger.warn(`database write failed: ${detail}; ${live.length} messages stay unacked in the queue; retrying in ${delay} ms`);
        await this.sleep(delay);
      }
    }
  }

  private async park(delivery: Delivery, reason: string): Promise<void> {
    const publisher = this.publishers.get(delivery.session);
    const outcome = publisher && delivery.live ? await parkMessage(publisher, RESULT_PARKING_QUEUE, delivery.message, reason, this.config.bridgeId) : undefined;
    if (outcome?.ok) {
      delivery.ack();
      this.totals.parked++;
      this.logger.warn(`parked a result in ${RESULT_PARKING_QUEUE}: ${reason}`);
      return;
    }
    this.logger.error(`could not park a result (${outcome ? outcome.message : 'broker session lost'}); it goes back to the queue: ${reason}`);
    const timer = setTimeout(() => delivery.requeue(), 5_000);
    timer.unref();
  }

  private async sweep(): Promise<void> {
    this.reportProgress();
    try {
      const offline = await markSilentOffline(this.pool, this.config.offlineAfterS);
      if (offline.length > 0) this.logger.info(`marked offline after ${this.config.offlineAfterS} s of silence: ${offline.join(', ')}`);
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        const pruned = await pruneProcessed(this.pool, this.config.keepIdsDays);
        if (pruned > 0) this.logger.info(`forgot ${pruned} message ids older than ${this.config.keepIdsDays} days`);
      }
    } catch (err) {
      this.logger.warn(`worker presence sweep failed: ${(err as Error).message}`);
    }
  }

  /** One line a minute while anything moves: what an operator tails the log for. */
  private reportProgress(): void {
    if (Date.now() - this.lastReport.at < 60_000) return;
    const t = this.totals;
    const line = `${t.results} results (${t.rows} rows, ${t.alarms} alarms), ${t.duplicates} duplicates dropped, ${t.parked} parked, ${t.heartbeats} heartbeats`;
    if (line !== this.lastReport.totals) this.logger.info(`bridge since start: ${line}`);
    this.lastReport = { at: Date.now(), totals: line };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
