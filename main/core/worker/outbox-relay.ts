// Moves stored results to the broker: publishes pending outbox rows on the confirm channel and
// marks them sent only on a positive confirm. Anything else stays and is retried with backoff.
import type { ConfirmedPublisher } from '../broker/confirmed-publisher.ts';
import { backoffDelay } from '../broker/backoff.ts';
import { refitStoredBody } from './result-size.ts';

/** A trimmed body aims this far under the broker's limit (the platform's envelope around it varies). */
const REFIT_SHARE = 0.9;

export interface OutboxRow {
  id: number;
  messageId: string;
  exchange: string;
  routingKey: string;
  body: Buffer;
  headers?: Record<string, unknown>;
  attempts: number;
}

export interface OutboxStore {
  /** Due unsent rows with an id above `afterId`, oldest first. */
  pendingOutbox(limit: number, now: number, afterId: number): OutboxRow[];
  /** Both resolve once the mark is written: until then the row still reads as pending. */
  markSent(id: number, now: number): Promise<unknown>;
  markFailed(id: number, error: string, nextAttemptAt: number): Promise<unknown>;
  /** The row's body, trimmed after the broker refused its size; resolves once stored. */
  replaceBody(id: number, body: Buffer): Promise<unknown>;
}

export interface RelayEvents {
  onSent?(row: OutboxRow): void;
  onFailed?(row: OutboxRow, error: string): void;
}

export class OutboxRelay {
  private readonly store: OutboxStore;
  private readonly events: RelayEvents;
  private readonly maxInFlight: number;
  private readonly confirmTimeoutMs: number;
  private publisher: ConfirmedPublisher | undefined;
  private readonly inFlight = new Set<number>();
  /** message_id -> row id of the rows in flight, to honour a re-send asked for while one is on its way. */
  private readonly flying = new Map<string, number>();
  private readonly sendAgain = new Set<number>();
  /** Rows up to this id were handed to the broker in this pass; only a rescan reads them again. */
  private cursor = 0;
  private draining = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(store: OutboxStore, options: { maxInFlight?: number; confirmTimeoutMs?: number; pollMs?: number } & RelayEvents = {}) {
    this.store = store;
    this.events = options;
    this.maxInFlight = options.maxInFlight ?? 256;
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? 60_000;
    // Rows that failed become due again later; a slow poll rescans from the start for them.
    this.timer = setInterval(() => this.rescan(), options.pollMs ?? 1000);
    this.timer.unref();
  }

  get pendingConfirms(): number {
    return this.inFlight.size;
  }

  /** A new confirm channel after a (re)connect, or undefined while disconnected. */
  usePublisher(publisher: ConfirmedPublisher | undefined): void {
    if (this.stopped) return;
    this.publisher = publisher;
    if (publisher) this.rescan();
  }

  /**
   * The stored result with this message_id must go out again (its run was redelivered), after the store
   * marked it unsent. A copy in flight right now would be marked sent over that: it gets one more copy.
   */
  resend(messageId: string): void {
    const id = this.flying.get(messageId);
    if (id !== undefined) this.sendAgain.add(id);
    this.rescan();
  }

  /** Reads from the oldest row again: for rows that became due below the cursor (retries, re-sends). */
  rescan(): void {
    this.cursor = 0;
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    void this.drain().finally(() => {
      this.draining = false;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** For good: the store behind it is about to close. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.publisher = undefined;
  }

  /** Resolves once nothing is waiting for a confirm (used by a draining shutdown). */
  async settled(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.inFlight.size > 0 || this.draining) {
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const publisher = this.publisher;
      if (!publisher) return;
      const room = this.maxInFlight - this.inFlight.size;
      if (room <= 0) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      const rows = this.store.pendingOutbox(room, Date.now(), this.cursor);
      if (rows.length === 0) return;
      for (const row of rows) {
        this.cursor = Math.max(this.cursor, row.id);
        if (this.inFlight.has(row.id)) continue;
        // send() settles its outcomes as values; a throw here would be a bug, reported, not a crash.
        this.send(publisher, row).catch((err: unknown) => this.events.onFailed?.(row, `relay error: ${err instanceof Error ? err.message : String(err)}`));
      }
      // Yield so confirms can arrive before the next batch is read.
      await new Promise((r) => setImmediate(r));
    }
  }

  /**
   * The broker closed the channel over this row's size: store a trimmed body, which goes out on the
   * next channel. A body that cannot be trimmed waits long between tries instead of looping.
   */
  private async shrink(row: OutboxRow, maxBytes: number, reason: string): Promise<void> {
    const smaller = refitStoredBody(row.body, Math.floor(maxBytes * REFIT_SHARE));
    if (smaller) {
      await this.store.replaceBody(row.id, smaller);
      this.events.onFailed?.(row, `too-large: ${reason}; trimmed from ${row.body.length} to ${smaller.length} bytes, sending it again`);
      return;
    }
    const error = `too-large: ${reason}; it cannot be trimmed to fit. Raise the broker's max_message_size`;
    await this.store.markFailed(row.id, error, Date.now() + 60_000);
    this.events.onFailed?.(row, error);
  }

  private async send(publisher: ConfirmedPublisher, row: OutboxRow): Promise<void> {
    this.inFlight.add(row.id);
    this.flying.set(row.messageId, row.id);
    let sent = false;
    try {
      const outcome = await publisher.publish(row.exchange, row.routingKey, row.body, { messageId: row.messageId, headers: row.headers, contentType: 'application/json' }, this.confirmTimeoutMs);
      if (!outcome.ok && outcome.kind === 'too-large') {
        await this.shrink(row, outcome.maxBytes, outcome.message);
      } else if (outcome.ok) {
        // Stay in flight until the mark is written: a rescan (the 1 s poll, a re-send, a lost
        // channel) meanwhile would read the row as pending and publish it a second time.
        await this.store.markSent(row.id, Date.now());
        sent = true;
        this.events.onSent?.(row);
      } else {
        // A lost channel is no fault of the message: resend as soon as a new channel is up.
        // A queue whose node is down comes back with its node: look again soon rather than after minutes.
        const delay = outcome.kind === 'channel-closed' ? 0 : outcome.kind === 'queue-down' ? 1000 : backoffDelay(row.attempts, { initialMs: 1000, maxMs: 60_000 });
        await this.store.markFailed(row.id, `${outcome.kind}: ${outcome.message}`, Date.now() + delay);
        this.events.onFailed?.(row, `${outcome.kind}: ${outcome.message}`);
        if (delay === 0) this.rescan();
      }
    } finally {
      this.inFlight.delete(row.id);
      this.flying.delete(row.messageId);
    }
    // A re-send asked for while this copy was on its way (a failed copy stays pending anyway).
    const current = this.publisher;
    if (this.sendAgain.delete(row.id) && sent && current && !this.inFlight.has(row.id)) await this.send(current, row);
  }
}
