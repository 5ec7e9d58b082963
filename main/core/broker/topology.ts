// The platform's RabbitMQ topology (protocol.md), declared exactly as the platform does: a queue
// declared with other arguments than the broker holds answers PRECONDITION_FAILED.
import type { ChannelModel } from 'amqplib';

export interface QueueSpec {
  name: string;
  durable: boolean;
  autoDelete?: boolean;
  arguments?: Record<string, unknown>;
  bind: { exchange: string; routingKey: string };
}

export interface ExchangeSpec {
  name: string;
  type: 'direct' | 'fanout';
  durable: boolean;
}

export interface Topology {
  exchanges: ExchangeSpec[];
  queues: QueueSpec[];
  /** The queues this worker consumes tasks from. */
  taskQueues: string[];
  resultExchange: string;
  resultRoutingKey: string;
  heartbeatExchange: string;
  /** Where undecodable or poisonous task messages are parked, with the reason in headers. */
  parkingQueue: string;
}

const TASK_QUEUE_ARGS = { 'x-message-ttl': 3_600_000, 'x-max-priority': 10 };

export function platformTopology(overrides: Partial<Topology> = {}): Topology {
  return {
    exchanges: [
      { name: 'easysight.tasks', type: 'direct', durable: true },
      { name: 'easysight.results', type: 'direct', durable: true },
      { name: 'easysight.heartbeat', type: 'fanout', durable: true },
    ],
    queues: [
      { name: 'diagnosis.tasks', durable: true, arguments: TASK_QUEUE_ARGS, bind: { exchange: 'easysight.tasks', routingKey: 'diagnosis' } },
      { name: 'event.tasks', durable: true, arguments: TASK_QUEUE_ARGS, bind: { exchange: 'easysight.tasks', routingKey: 'event' } },
      { name: 'ai_service.tasks', durable: true, arguments: TASK_QUEUE_ARGS, bind: { exchange: 'easysight.tasks', routingKey: 'ai_service' } },
      { name: 'task.results', durable: true, bind: { exchange: 'easysight.results', routingKey: 'result' } },
      { name: 'worker.heartbeat', durable: false, autoDelete: true, bind: { exchange: 'easysight.heartbeat', routingKey: '' } },
      { name: 'diagnosis.tasks.rejected', durable: true, bind: { exchange: '', routingKey: 'diagnosis.tasks.rejected' } },
    ],
    taskQueues: ['diagnosis.tasks'],
    resultExchange: 'easysight.results',
    resultRoutingKey: 'result',
    heartbeatExchange: 'easysight.heartbeat',
    parkingQueue: 'diagnosis.tasks.rejected',
    ...overrides,
  };
}

/**
 * The edge nodes' own task queue: declared with the platform's task-queue arguments and bound to
 * easysight.tasks with key `diagnosis`, so it receives a copy of every diagnosis task whatever else
 * consumes diagnosis.tasks (the platform app's own consumer takes and fails half of them).
 */
export function withTaskQueue(topology: Topology, name: string): Topology {
  if (topology.queues.some((q) => q.name === name)) return { ...topology, taskQueues: [name] };
  const queue: QueueSpec = { name, durable: true, arguments: TASK_QUEUE_ARGS, bind: { exchange: 'easysight.tasks', routingKey: 'diagnosis' } };
  return { ...topology, queues: [...topology.queues, queue], taskQueues: [name] };
}

/** A queue the broker already holds with other arguments: reported, and used as it is. */
export interface TopologyConflict {
  queue: string;
  message: string;
}

function isPreconditionFailed(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 406;
}

/**
 * Declares exchanges and queues on throwaway channels, so that a conflicting declaration (which
 * closes its channel) neither kills the consumer channel nor stops the worker.
 */
export async function declareTopology(connection: ChannelModel, topology: Topology): Promise<TopologyConflict[]> {
  const conflicts: TopologyConflict[] = [];
  let ch = await connection.createChannel();
  ch.on('error', () => undefined);
  try {
    for (const ex of topology.exchanges) await ch.assertExchange(ex.name, ex.type, { durable: ex.durable });
    for (const q of topology.queues) {
      try {
        await ch.assertQueue(q.name, { durable: q.durable, autoDelete: q.autoDelete ?? false, arguments: q.arguments ?? {} });
      } catch (err) {
        if (!isPreconditionFailed(err)) throw err;
        conflicts.push({
          queue: q.name,
          message: `queue ${q.name} already exists with other arguments than ${JSON.stringify(q.arguments ?? {})}; using it as it is (${(err as Error).message})`,
        });
        ch = await connection.createChannel();
        ch.on('error', () => undefined);
        await ch.checkQueue(q.name);
      }
      if (q.bind.exchange !== '') await ch.bindQueue(q.name, q.bind.exchange, q.bind.routingKey);
    }
  } finally {
    await ch.close().catch(() => undefined);
  }
  return conflicts;
}
