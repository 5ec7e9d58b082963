// Poison messages are parked (confirmed) in their own queue with the reason in headers, never
// requeued into a loop; the operator can inspect or replay them. The parked copy carries the
// original headers only where they encode again, so no header content can make parking fail.
import type { ConsumeMessage } from 'amqplib';
import type { ConfirmedPublisher, PublishOutcome } from '../broker/confirmed-publisher.ts';
import { safeHeaders } from './header-encoding.ts';

/** Room for the original headers: amqplib encodes all tables of a frame in one 64 KiB buffer. */
const ORIGINAL_HEADERS_BUDGET = 32 * 1024;

export async function parkMessage(publisher: ConfirmedPublisher, queue: string, msg: ConsumeMessage, reason: string, workerId: string): Promise<PublishOutcome> {
  const original = safeHeaders(msg.properties.headers, ORIGINAL_HEADERS_BUDGET);
  const headers: Record<string, unknown> = {
    ...original.kept,
    'x-parked-reason': reason.slice(0, 1000),
    'x-parked-by': workerId,
    'x-parked-at': new Date().toISOString(),
    'x-original-exchange': msg.fields.exchange,
    'x-original-routing-key': msg.fields.routingKey,
    'x-redelivered': msg.fields.redelivered,
  };
  if (original.leftOut) headers['x-parked-headers-left-out'] = original.leftOut;
  const messageId = typeof msg.properties.messageId === 'string' ? msg.properties.messageId : `parked:${workerId}:${Date.now()}:${Math.random().toString(36).slice(2)}`;
  return publisher.publish('', queue, msg.content, { headers, messageId, contentType: msg.properties.contentType, priority: msg.properties.priority });
}
