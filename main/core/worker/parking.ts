// Poison messages are parked (confirmed) in their own queue with the reason in headers, never
// requeued into a loop; the operator can inspect or replay them.
import type { ConsumeMessage } from 'amqplib';
import type { ConfirmedPublisher, PublishOutcome } from '../broker/confirmed-publisher.ts';

export async function parkMessage(publisher: ConfirmedPublisher, queue: string, msg: ConsumeMessage, reason: string, workerId: string): Promise<PublishOutcome> {
  const headers = {
    ...(msg.properties.headers ?? {}),
    'x-parked-reason': reason.slice(0, 1000),
    'x-parked-by': workerId,
    'x-parked-at': new Date().toISOString(),
    'x-original-exchange': msg.fields.exchange,
    'x-original-routing-key': msg.fields.routingKey,
    'x-redelivered': msg.fields.redelivered,
  };
  const messageId = typeof msg.properties.messageId === 'string' ? msg.properties.messageId : `parked:${workerId}:${Date.now()}:${Math.random().toString(36).slice(2)}`;
  return publisher.publish('', queue, msg.content, { headers, messageId, contentType: msg.properties.contentType, priority: msg.properties.priority });
}
