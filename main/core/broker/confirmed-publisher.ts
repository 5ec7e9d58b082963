// Publishes on the confirm channel and resolves only on a positive broker confirm. Mandatory: an
// unroutable message comes back as a 'return' before its confirm, and is then reported as failed
// so the outbox keeps it. On a cluster the broker answers NO_ROUTE too when the bound queue's node is
// down: an explainer (the session's queue watch) tells that apart as 'queue-down'.
import type { ConfirmChannel, Message, Options } from 'amqplib';

export type PublishOutcome =
  | { ok: true }
  | { ok: false; kind: 'unroutable' | 'queue-down' | 'nacked' | 'channel-closed' | 'timeout'; message: string }
  /** The broker closed the channel over this very message's size (its max_message_size). */
  | { ok: false; kind: 'too-large'; message: string; maxBytes: number };

/** RabbitMQ's reason when it closes a channel over a message body beyond max_message_size. */
const TOO_LARGE = /message size (\d+) is larger than configured max size (\d+)/;

/** Says why a returned message had no queue, when a bound queue is known to be down. */
export type UnroutableExplainer = (exchange: string, routingKey: string) => Promise<string | undefined>;

interface Waiter {
  resolve: (outcome: PublishOutcome) => void;
}

/** Tracks returned messages by message_id for one confirm channel. */
export class ConfirmedPublisher {
  private readonly channel: ConfirmChannel;
  private readonly returned = new Set<string>();
  private readonly drainWaiters: Array<() => void> = [];
  private closed = false;
  /** Why the broker closed the channel, when it said so. */
  private closeReason = '';
  private readonly explain: UnroutableExplainer | undefined;

  constructor(channel: ConfirmChannel, explain?: UnroutableExplainer) {
    this.channel = channel;
    this.explain = explain;
    channel.on('return', (msg: Message) => {
      const id = msg.properties.messageId as unknown;
      if (typeof id === 'string') this.returned.add(id);
    });
    channel.on('drain', () => this.flushDrain());
    channel.on('error', (err: Error) => {
      this.closeReason = err.message;
    });
    channel.on('close', () => {
      this.closed = true;
      this.flushDrain();
    });
  }

  async publish(exchange: string, routingKey: string, body: Buffer, options: Options.Publish & { messageId: string }, timeoutMs = 30_000): Promise<PublishOutcome> {
    if (this.closed) return { ok: false, kind: 'channel-closed', message: 'confirm channel is closed' };
    const outcome = await new Promise<PublishOutcome>((resolve) => {
      const waiter: Waiter = { resolve };
      const timer = setTimeout(() => waiter.resolve({ ok: false, kind: 'timeout', message: `no confirm within ${timeoutMs} ms` }), timeoutMs);
      let writable: boolean;
      try {
        writable = this.channel.publish(exchange, routingKey, body, { persistent: true, mandatory: true, ...options }, (err) => {
          clearTimeout(timer);
          if (err) waiter.resolve(this.failure(err, body.length));
          else waiter.resolve({ ok: true });
        });
      } catch (err) {
        clearTimeout(timer);
        // On an open channel a synchronous throw is about the message itself (a field amqplib cannot
        // encode): not a lost channel, so it must not be retried at once in a loop.
        waiter.resolve({ ok: false, kind: this.closed ? 'channel-closed' : 'nacked', message: err instanceof Error ? err.message : String(err) });
        return;
      }
      if (!writable) void this.waitForDrain();
    });
    // The broker sends basic.return before the confirm of an unroutable mandatory message.
    if (outcome.ok && this.returned.delete(options.messageId)) {
      const down = await this.explain?.(exchange, routingKey).catch(() => undefined);
      if (down) return { ok: false, kind: 'queue-down', message: down };
      return { ok: false, kind: 'unroutable', message: `no queue is bound to ${exchange || '(default)'} with key ${routingKey}` };
    }
    return outcome;
  }

  private failure(err: unknown, size: number): PublishOutcome {
    const message = String(err instanceof Error ? err.message : err);
    // amqplib fails the pending confirms from its own 'close' listener, which runs before ours.
    if (!this.closed && message !== 'channel closed') return { ok: false, kind: 'nacked', message };
    // Every message in flight fails when the channel closes: only the one the broker named is too large.
    const tooLarge = TOO_LARGE.exec(this.closeReason);
    if (tooLarge && Number(tooLarge[1]) === size) return { ok: false, kind: 'too-large', message: this.closeReason, maxBytes: Number(tooLarge[2]) };
    return { ok: false, kind: 'channel-closed', message };
  }

  /** Resolves when the channel's write buffer has room again (amqplib keeps buffering regardless). */
  waitForDrain(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private flushDrain(): void {
    for (const w of this.drainWaiters.splice(0)) w();
  }
}
