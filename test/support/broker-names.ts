// Isolates each test on the shared broker with a random name prefix.
import { randomBytes } from 'node:crypto';
import { platformTopology, type Topology } from '../../main/core/broker/topology.ts';

export const BROKER_URL = process.env.EDGE_TEST_BROKER ?? 'amqp://guest:guest@127.0.0.1:5672/';

/** The platform's topology with every exchange and queue name prefixed, so tests never collide. */
export function isolatedTopology(): { prefix: string; topology: Topology } {
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  const base = platformTopology();
  const p = (name: string) => (name === '' ? '' : prefix + name);
  const topology: Topology = {
    exchanges: base.exchanges.map((e) => ({ ...e, name: p(e.name) })),
    queues: base.queues.map((q) => ({
      ...q,
      name: p(q.name),
      // Test queues go away with the broker's last consumer; names stay unique anyway.
      bind: { exchange: p(q.bind.exchange), routingKey: q.bind.exchange === '' ? p(q.bind.routingKey) : q.bind.routingKey },
    })),
    taskQueues: base.taskQueues.map(p),
    resultExchange: p(base.resultExchange),
    resultRoutingKey: base.resultRoutingKey,
    heartbeatExchange: p(base.heartbeatExchange),
    parkingQueue: p(base.parkingQueue),
  };
  return { prefix, topology };
}

/** Removes a test's exchanges and queues from the broker. */
export async function deleteTopology(topology: Topology): Promise<void> {
  const amqp = await import('amqplib');
  const conn = await amqp.connect(BROKER_URL);
  try {
    const ch = await conn.createChannel();
    for (const q of topology.queues) await ch.deleteQueue(q.name).catch(() => undefined);
    for (const e of topology.exchanges) await ch.deleteExchange(e.name).catch(() => undefined);
    await ch.close().catch(() => undefined);
  } finally {
    await conn.close().catch(() => undefined);
  }
}
