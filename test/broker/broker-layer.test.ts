// The broker layer against a real RabbitMQ: topology, reconnects, failover, stale acks, confirms.
import amqp from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmedPublisher } from '../../main/core/broker/confirmed-publisher.ts';
import { Delivery } from '../../main/core/broker/delivery.ts';
import { BrokerSupervisor, type BrokerSession } from '../../main/core/broker/supervisor.ts';
import { declareTopology, type Topology } from '../../main/core/broker/topology.ts';
import { BROKER_URL, deleteTopology, isolatedTopology } from '../support/broker-names.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function topologyForTest(): Topology {
  const { topology } = isolatedTopology();
  cleanups.push(() => deleteTopology(topology));
  return topology;
}

async function proxy(): Promise<TcpProxy> {
  const p = await startTcpProxy();
  cleanups.push(() => p.close());
  return p;
}

function supervisor(urls: string[], onSession: (s: BrokerSession) => Promise<void> = async () => undefined): BrokerSupervisor {
  const sup = new BrokerSupervisor({ urls, heartbeatS: 10, backoff: { initialMs: 50, maxMs: 400 }, onSession });
  cleanups.push(() => sup.stop());
  return sup;
}

function nextSession(sup: BrokerSupervisor): Promise<BrokerSession> {
  return new Promise((resolve) => sup.once('session', resolve));
}

async function publishTask(queue: string, body: string): Promise<void> {
  const conn = await amqp.connect(BROKER_URL);
  const ch = await conn.createConfirmChannel();
  ch.sendToQueue(queue, Buffer.from(body), { persistent: true });
  await ch.waitForConfirms();
  await conn.close();
}

describe('topology', () => {
  it('declares the platform topology with its exact arguments', async () => {
    const topology = topologyForTest();
    const conn = await amqp.connect(BROKER_URL);
    cleanups.push(() => conn.close().catch(() => undefined));
    expect(await declareTopology(conn, topology)).toEqual([]);
    // Declaring again with the platform's exact arguments must be accepted by the broker...
    const ch = await conn.createChannel();
    const tasks = topology.queues.find((q) => q.name.endsWith('diagnosis.tasks'))!;
    await ch.assertQueue(tasks.name, { durable: true, arguments: { 'x-message-ttl': 3_600_000, 'x-max-priority': 10 } });
    await ch.close();
    // ...and with any other arguments refused, which proves what the broker holds.
    const other = await conn.createChannel();
    other.on('error', () => undefined);
    await expect(other.assertQueue(tasks.name, { durable: true, arguments: { 'x-max-priority': 5 } })).rejects.toThrow(/PRECONDITION_FAILED/);
  });

  it('reports a queue held with other arguments and keeps going', async () => {
    const topology = topologyForTest();
    const conn = await amqp.connect(BROKER_URL);
    cleanups.push(() => conn.close().catch(() => undefined));
    const pre = await conn.createChannel();
    await pre.assertQueue(topology.taskQueues[0]!, { durable: true });
    await pre.close();
    const conflicts = await declareTopology(conn, topology);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.queue).toBe(topology.taskQueues[0]);
    expect(conflicts[0]!.message).toMatch(/already exists with other arguments/);
    // The rest of the topology was still declared.
    const check = await conn.createChannel();
    await check.checkQueue(topology.queues.find((q) => q.name.endsWith('task.results'))!.name);
    await check.close();
  });
});

describe('BrokerSupervisor', () => {
  it('reconnects after the connection is cut, with a new generation', async () => {
    const p = await proxy();
    const sup = supervisor([p.url()]);
    const states: string[] = [];
    sup.on('state', (s) => states.push(s));
    const first = nextSession(sup);
    sup.start();
    const s1 = await first;
    const lost = new Promise<string>((resolve) => sup.once('session-lost', (_s, reason) => resolve(reason)));
    const second = nextSession(sup);
    p.cutAll();
    expect(await lost).toMatch(/closed/);
    const s2 = await second;
    expect(s2.generation).toBe(s1.generation + 1);
    expect(s1.alive).toBe(false);
    expect(states).toContain('reconnecting');
    expect(sup.state).toBe('connected');
  });

  it('fails over to the next broker URL and never logs the password', async () => {
    const p = await proxy();
    p.refuse(true);
    const sup = supervisor(['amqp://guest:hunter2@127.0.0.1:1/', p.url()]);
    const details: string[] = [];
    sup.on('state', (_s, d) => details.push(d));
    const session = nextSession(sup);
    sup.start();
    await new Promise((r) => setTimeout(r, 300));
    p.refuse(false);
    const s = await session;
    expect(s.url).toContain(`:${p.port}`);
    expect(details.join('\n')).not.toContain('hunter2');
    expect(details.some((d) => d.includes('127.0.0.1:1'))).toBe(true);
  });

  it('drops an ack for a lost channel; the message comes back on the new session', async () => {
    const topology = topologyForTest();
    const queue = topology.taskQueues[0]!;
    const p = await proxy();
    const deliveries: Delivery[] = [];
    const sup = supervisor([p.url()], async (session) => {
      await declareTopology(session.connection, topology);
      await session.consumer.prefetch(1);
      await session.consumer.consume(queue, (msg) => {
        if (msg) deliveries.push(new Delivery(msg, session));
      });
    });
    const first = nextSession(sup);
    sup.start();
    await first;
    await publishTask(queue, 'task-1');
    await expect.poll(() => deliveries.length, { timeout: 5000 }).toBe(1);
    const stale = deliveries[0]!;
    const second = nextSession(sup);
    p.cutAll();
    await second;
    expect(stale.ack()).toBe('dropped-stale');
    await expect.poll(() => deliveries.length, { timeout: 5000 }).toBe(2);
    const again = deliveries[1]!;
    expect(again.redelivered).toBe(true);
    expect(again.message.content.toString()).toBe('task-1');
    expect(again.ack()).toBe('acked');
    expect(again.ack()).toBe('already-settled');
    // Nothing is left on the queue and the consumer channel survived the double ack attempt.
    await new Promise((r) => setTimeout(r, 200));
    expect(sup.current()?.generation).toBe(again.generation);
    const conn = await amqp.connect(BROKER_URL);
    const ch = await conn.createChannel();
    expect((await ch.checkQueue(queue)).messageCount).toBe(0);
    await conn.close();
  });
});

describe('ConfirmedPublisher', () => {
  it('resolves on confirm, and reports an unroutable message instead of losing it', async () => {
    const topology = topologyForTest();
    const conn = await amqp.connect(BROKER_URL);
    cleanups.push(() => conn.close().catch(() => undefined));
    await declareTopology(conn, topology);
    const publisher = new ConfirmedPublisher(await conn.createConfirmChannel());
    const ok = await publisher.publish(topology.resultExchange, topology.resultRoutingKey, Buffer.from('{}'), { messageId: 'm-1' });
    expect(ok).toEqual({ ok: true });
    const lost = await publisher.publish(topology.resultExchange, 'no-such-key', Buffer.from('{}'), { messageId: 'm-2' });
    expect(lost).toMatchObject({ ok: false, kind: 'unroutable' });
  });

  it('reports a closed channel', async () => {
    const conn = await amqp.connect(BROKER_URL);
    const ch = await conn.createConfirmChannel();
    const publisher = new ConfirmedPublisher(ch);
    await conn.close();
    const r = await publisher.publish('', 'x', Buffer.from('x'), { messageId: 'm-3' });
    expect(r).toMatchObject({ ok: false, kind: 'channel-closed' });
  });
});

describe('BrokerSupervisor stop', () => {
  it('returns while a connection attempt is still being set up, and leaves no connection open', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let setUp = 0;
    const sup = new BrokerSupervisor({
      urls: [BROKER_URL],
      backoff: { initialMs: 50, maxMs: 400 },
      onSession: async () => {
        setUp++;
        await gate;
      },
    });
    sup.start();
    await expect.poll(() => setUp, { timeout: 5000 }).toBe(1);
    const stopped = sup.stop();
    release();
    await stopped;
    expect(sup.state).toBe('stopped');
    expect(sup.current()).toBeUndefined();
  });
});
