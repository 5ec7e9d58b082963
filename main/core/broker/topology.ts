// The platform's RabbitMQ topology (protocol.md), declared exactly as the platform does: a queue
// declared with other arguments than the broker holds answers PRECONDITION_FAILED.
import type { Channel, ChannelModel } from 'amqplib';

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
  /**
   * 'platform' declares what the platform declares, the way it does; 'none' leaves the topology to the
   * operators (definitions, policies) and only checks that it is there (passive declarations).
   */
  declare?: 'platform' | 'none';
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

/**
 * The queues the edge owns (its parking queue, and its own task queue from --task-queue) as quorum
 * queues, replicated over a cluster: a quorum queue refuses `x-max-priority` (it has two priority
 * levels without any argument) and must be durable.
 */
export function withEdgeQueueType(topology: Topology, queueType: 'classic' | 'quorum', ownTaskQueue?: string): Topology {
  if (queueType === 'classic') return topology;
  const quorum = (q: QueueSpec): QueueSpec => {
    const { 'x-max-priority': _priority, ...args } = q.arguments ?? {};
    return { ...q, durable: true, autoDelete: false, arguments: { ...args, 'x-queue-type': 'quorum' } };
  };
  const edgeOwned = new Set([topology.parkingQueue, ...(ownTaskQueue ? [ownTaskQueue] : [])]);
  return { ...topology, queues: topology.queues.map((q) => (edgeOwned.has(q.name) ? quorum(q) : q)) };
}

/**
 * A queue that is not as declared: held with other arguments ('conflict', used as it is), on a node
 * that is down ('down': a durable classic queue's home node), or not there ('missing': deleted, or
 * a non-durable queue that went with its node).
 */
export interface TopologyWarning {
  queue: string;
  kind: 'conflict' | 'down' | 'missing';
  /** For the log. */
  message: string;
  /** The broker's own words, for a screen that says the rest in its language. */
  detail: string;
}

function amqpCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

/** The broker's own words from an amqplib error ("... with message "NOT_FOUND - ...""). */
function brokerText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /with message "(.*)"$/.exec(message)?.[1] ?? message;
}

/** Reopened whenever the broker closes it over a failed operation. */
class ThrowawayChannel {
  private readonly connection: ChannelModel;
  private channel: Channel | undefined;

  constructor(connection: ChannelModel) {
    this.connection = connection;
  }

  async get(): Promise<Channel> {
    if (!this.channel) {
      const ch = await this.connection.createChannel();
      ch.on('error', () => undefined);
      ch.on('close', () => {
        if (this.channel === ch) this.channel = undefined;
      });
      this.channel = ch;
    }
    return this.channel;
  }

  async close(): Promise<void> {
    await this.channel?.close().catch(() => undefined);
  }
}

function unavailable(queue: string, err: unknown): TopologyWarning {
  const text = brokerText(err);
  const kind = /home node .* is down/.test(text) ? 'down' : 'missing';
  return { queue, kind, detail: text, message: `queue ${queue} is ${kind === 'down' ? 'down' : 'missing'} (${text}); the other queues keep working and it is tried again until it is back` };
}

/** Declares (or with `passive`, only checks) one queue and its binding. */
async function declareQueue(channels: ThrowawayChannel, q: QueueSpec, passive: boolean): Promise<TopologyWarning | undefined> {
  let conflict: TopologyWarning | undefined;
  try {
    if (passive) await (await channels.get()).checkQueue(q.name);
    else {
      try {
        await (await channels.get()).assertQueue(q.name, { durable: q.durable, autoDelete: q.autoDelete ?? false, arguments: q.arguments ?? {} });
      } catch (err) {
        if (amqpCode(err) !== 406) throw err;
        conflict = {
          queue: q.name,
          kind: 'conflict',
          detail: brokerText(err),
          message: `queue ${q.name} already exists with other arguments than ${JSON.stringify(q.arguments ?? {})}; using it as it is (${(err as Error).message})`,
        };
        await (await channels.get()).checkQueue(q.name);
      }
      if (q.bind.exchange !== '') await (await channels.get()).bindQueue(q.name, q.bind.exchange, q.bind.routingKey);
    }
  } catch (err) {
    // 404: its home node is down (durable classic), or it is gone (deleted, or non-durable on a dead node).
    if (amqpCode(err) === 404) return unavailable(q.name, err);
    throw err;
  }
  return conflict;
}

/**
 * Declares exchanges and queues on throwaway channels, so that a failed declaration (which closes
 * its channel) neither kills the consumer channel nor stops the worker: a queue that is held with
 * other arguments or cannot be reached is a warning for that queue, and the rest is still declared.
 * `only` limits the run to some queues (a retry of the missing ones). With `declare: 'none'` every
 * exchange and queue is only checked; a missing exchange is an error for the operator to fix.
 */
export async function declareTopology(connection: ChannelModel, topology: Topology, only?: ReadonlySet<string>): Promise<TopologyWarning[]> {
  const warnings: TopologyWarning[] = [];
  const channels = new ThrowawayChannel(connection);
  try {
    const passive = topology.declare === 'none';
    if (!only) {
      for (const ex of topology.exchanges) {
        if (passive) await (await channels.get()).checkExchange(ex.name);
        else await (await channels.get()).assertExchange(ex.name, ex.type, { durable: ex.durable });
      }
    }
    for (const q of topology.queues) {
      if (only && !only.has(q.name)) continue;
      const w = await declareQueue(channels, q, passive);
      if (w) warnings.push(w);
    }
  } finally {
    await channels.close();
  }
  return warnings;
}

/** Passive check of one queue by name (one the topology does not declare, or before consuming). */
export async function checkQueue(connection: ChannelModel, queue: string): Promise<TopologyWarning | undefined> {
  const channels = new ThrowawayChannel(connection);
  try {
    return await declareQueue(channels, { name: queue, durable: true, bind: { exchange: '', routingKey: queue } }, true);
  } finally {
    await channels.close();
  }
}
