// A delivery remembers the session (channel generation) it came on. Acks go to that channel only;
// once the channel is gone the broker has requeued the message, so a late ack is dropped, never
// sent to a newer channel (where the tag would name another message). Never settled twice.
import type { ConsumeMessage } from 'amqplib';
import type { BrokerSession } from './supervisor.ts';

export type Settlement = 'acked' | 'requeued' | 'rejected' | 'dropped-stale' | 'already-settled';

export class Delivery {
  readonly message: ConsumeMessage;
  readonly session: BrokerSession;
  private settled = false;

  constructor(message: ConsumeMessage, session: BrokerSession) {
    this.message = message;
    this.session = session;
  }

  get generation(): number {
    return this.session.generation;
  }

  get redelivered(): boolean {
    return this.message.fields.redelivered;
  }

  /** True while an ack can still reach the broker for this message. */
  get live(): boolean {
    return !this.settled && this.session.alive;
  }

  ack(): Settlement {
    return this.settle('acked', (ch, m) => ch.ack(m));
  }

  /** Hand back work that did not fail (switch-off): it goes back to the queue for another worker. */
  requeue(): Settlement {
    return this.settle('requeued', (ch, m) => ch.nack(m, false, true));
  }

  /** Drop without requeue (only after the message was parked elsewhere). */
  reject(): Settlement {
    return this.settle('rejected', (ch, m) => ch.nack(m, false, false));
  }

  private settle(outcome: Settlement, send: (ch: BrokerSession['consumer'], m: ConsumeMessage) => void): Settlement {
    if (this.settled) return 'already-settled';
    this.settled = true;
    if (!this.session.alive) return 'dropped-stale';
    try {
      send(this.session.consumer, this.message);
      return outcome;
    } catch {
      // amqplib throws IllegalOperationError on a channel that closed under us: already requeued.
      return 'dropped-stale';
    }
  }
}
