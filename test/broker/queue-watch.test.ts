// A queue that is gone (deleted, or a non-durable queue that went with its node) is a warning for that
// queue: the watch declares it again in the background and says when it is back. The cluster case
// (home node down) is in test/worker-exclusive/cluster-node-kill.test.ts.
import amqp from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmedPublisher } from '../../main/core/broker/confirmed-publisher.ts';
import { QueueWatch } from '../../main/core/broker/queue-watch.ts';
import { checkQueue, declareTopology } from '../../main/core/broker/topology.ts';
import { BROKER_URL, deleteTopology, isolatedTopology } from '../support/broker-names.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp() {
  const { topology } = isolatedTopology();
  cleanups.push(() => deleteTopology(topology));
  const conn = await amqp.connect(BROKER_URL);
  conn.on('error', () => undefined);
  cleanups.push(() => conn.close().catch(() => undefined));
  expect(await declareTopology(conn, topology)).toEqual([]);
  const back: string[] = [];
  const watch = new QueueWatch(conn, topology, { retryMs: 100, onMissing: () => undefined, onBack: (q) => back.push(q) });
  cleanups.push(async () => watch.stop());
  return { topology, conn, watch, back };
}

describe('QueueWatch', () => {
  it('declares a vanished heartbeat queue again after a returned heartbeat, and the next one arrives', async () => {
    const { topology, conn, watch, back } = await setUp();
    const heartbeatQueue = topology.queues.find((q) => q.bind.exchange === topology.heartbeatExchange)!.name;
    const ch = await conn.createChannel();
    await ch.deleteQueue(heartbeatQueue);
    const publisher = new ConfirmedPublisher(await conn.createConfirmChannel(), (ex, key) => watch.whyUnroutable(ex, key));
    const first = await publisher.publish(topology.heartbeatExchange, 'w1', Buffer.from('{}'), { messageId: 'hb-1' });
    // Gone, not down: still unroutable (the broker has no node to blame), and declared again.
    expect(first).toMatchObject({ ok: false, kind: 'unroutable' });
    expect(watch.warnings().map((w) => w.kind)).toEqual(['missing']);
    await expect.poll(() => back, { timeout: 5000 }).toEqual([heartbeatQueue]);
    expect(watch.warnings()).toEqual([]);
    expect(await publisher.publish(topology.heartbeatExchange, 'w1', Buffer.from('{}'), { messageId: 'hb-2' })).toEqual({ ok: true });
    expect((await ch.checkQueue(heartbeatQueue)).messageCount).toBe(1);
  });

  it('checks a queue before consuming it, without closing the channel it was asked on', async () => {
    const { conn, watch } = await setUp();
    expect(await checkQueue(conn, 'no-such-queue-here')).toMatchObject({ kind: 'missing', message: expect.stringContaining("NOT_FOUND - no queue 'no-such-queue-here'") });
    expect(await watch.usable('no-such-queue-here')).toBe(false);
    expect(watch.isMissing('no-such-queue-here')).toBe(true);
  });
});
