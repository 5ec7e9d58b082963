// How the heartbeat queue is declared. The platform declares `worker.heartbeat` non-durable and
// auto-delete; RabbitMQ 4.3 refuses non-durable, non-exclusive queues by default, so there the queue
// is declared durable with `x-expires` instead (it still goes away once nobody uses it).
import type { ChannelModel } from 'amqplib';
import type { Topology } from './topology.ts';

export type HeartbeatQueueMode = 'platform' | 'durable-expiring';

/** A durable heartbeat queue nobody consumes or declares for this long is deleted by the broker. */
export const HEARTBEAT_QUEUE_EXPIRES_MS = 600_000;

/** The RabbitMQ version the broker announced when the connection opened (server_properties.version). */
export function serverVersion(connection: ChannelModel): string | undefined {
  const props = (connection.connection as unknown as { serverProperties?: Record<string, unknown> }).serverProperties;
  const version = props?.version;
  if (typeof version === 'string') return version;
  return Buffer.isBuffer(version) ? version.toString('utf8') : undefined;
}

/** True for RabbitMQ 4.3 and later; an unreadable version counts as older (the platform's declaration). */
function refusesTransientQueues(version: string | undefined): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 4 || (major === 4 && minor >= 3);
}

/** The configured mode wins; without one, 4.3+ gets the durable, expiring queue. */
export function heartbeatQueueMode(configured: HeartbeatQueueMode | undefined, version: string | undefined): HeartbeatQueueMode {
  return configured ?? (refusesTransientQueues(version) ? 'durable-expiring' : 'platform');
}

/** The topology with its heartbeat queue declared the chosen way. */
export function withHeartbeatQueue(topology: Topology, mode: HeartbeatQueueMode): Topology {
  if (mode === 'platform') return topology;
  return {
    ...topology,
    queues: topology.queues.map((q) =>
      q.bind.exchange === topology.heartbeatExchange ? { ...q, durable: true, autoDelete: false, arguments: { ...q.arguments, 'x-expires': HEARTBEAT_QUEUE_EXPIRES_MS } } : q,
    ),
  };
}
