// Counts failed attempts per message, so that no path that hands a message back to the broker
// can loop on it: past the budget the message is parked instead. Bounded: the oldest entries go.
import { createHash } from 'node:crypto';
import type { ConsumeMessage } from 'amqplib';

export class AttemptBudget {
  private readonly counts = new Map<string, number>();
  private readonly capacity: number;

  constructor(capacity = 10_000) {
    this.capacity = capacity;
  }

  /** Records one more failed attempt of this message; returns how many there have been. */
  fail(msg: ConsumeMessage): number {
    const key = fingerprint(msg);
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.delete(key);
    this.counts.set(key, count);
    if (this.counts.size > this.capacity) this.counts.delete(this.counts.keys().next().value as string);
    return count;
  }

  forget(msg: ConsumeMessage): void {
    this.counts.delete(fingerprint(msg));
  }
}

/** Redeliveries of one message share exchange, key, message id and body; other messages do not. */
function fingerprint(msg: ConsumeMessage): string {
  const id = typeof msg.properties.messageId === 'string' ? msg.properties.messageId : '';
  return createHash('sha256').update(`${msg.fields.exchange}\u0000${msg.fields.routingKey}\u0000${id}\u0000`).update(msg.content).digest('base64');
}
