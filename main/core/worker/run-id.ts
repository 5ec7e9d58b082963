// A run is one scheduled execution of a task definition: task_id plus created_at (or scheduled_at).
import { createHash } from 'node:crypto';
import type { TaskEnvelope } from '../../../shared/protocol/task-message.ts';

export function runIdOf(envelope: TaskEnvelope, messageTimestamp: number | undefined, body: Buffer): string {
  const when = envelope.createdAt ?? envelope.scheduledAt ?? (messageTimestamp !== undefined ? `ts:${messageTimestamp}` : undefined);
  // Without any time the body itself names the run, so a redelivery still finds it.
  const key = when ?? `sha1:${createHash('sha1').update(body).digest('hex').slice(0, 16)}`;
  return `${envelope.taskId}@${key}`;
}
