// Cluster settings of the topology: the edge's own queue (parking) as a quorum queue, and
// `declare: none`, where the operators define the topology and the edge only checks it.
import amqp from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import { declareTopology, withEdgeQueueType, type Topology } from '../../main/core/broker/topology.ts';
import { BROKER_URL, deleteTopology, isolatedTopology } from '../support/broker-names.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function connect() {
  const conn = await amqp.connect(BROKER_URL);
  conn.on('error', () => undefined);
  cleanups.push(() => conn.close().catch(() => undefined));
  return conn;
}

function topologyForTest(): Topology {
  const { topology } = isolatedTopology();
  cleanups.push(() => deleteTopology(topology));
  return topology;
}

describe('topology modes', () => {
  it('declares the parking queue as a quorum queue and leaves the platform queues as the platform declares them', async () => {
    const topology = withEdgeQueueType(topologyForTest(), 'quorum');
    const conn = await connect();
    expect(await declareTopology(conn, topology)).toEqual([]);
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    // The broker holds a quorum queue: the same declaration is accepted, a classic one refused.
    await ch.assertQueue(topology.parkingQueue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await expect(ch.assertQueue(topology.parkingQueue, { durable: true, arguments: { 'x-queue-type': 'classic' } })).rejects.toThrow(/PRECONDITION_FAILED/);
    const tasks = topology.queues.find((q) => q.name === topology.taskQueues[0])!;
    expect(tasks.arguments).toEqual({ 'x-message-ttl': 3_600_000, 'x-max-priority': 10 });
  });

  it('with declare none, declares nothing: missing queues are warnings, a missing exchange an error', async () => {
    const topology: Topology = { ...topologyForTest(), declare: 'none' };
    const conn = await connect();
    await expect(declareTopology(conn, topology)).rejects.toThrow(/NOT_FOUND - no exchange/);
    // The operators define the exchanges and one queue; nothing else appears.
    const ops = await conn.createChannel();
    for (const ex of topology.exchanges) await ops.assertExchange(ex.name, ex.type, { durable: ex.durable });
    const tasks = topology.taskQueues[0]!;
    await ops.assertQueue(tasks, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    const warnings = await declareTopology(conn, topology);
    expect(warnings.map((w) => w.queue).sort()).toEqual(topology.queues.map((q) => q.name).filter((n) => n !== tasks).sort());
    expect(warnings.every((w) => w.kind === 'missing')).toBe(true);
    const check = await conn.createChannel();
    check.on('error', () => undefined);
    await expect(check.checkQueue(topology.parkingQueue)).rejects.toThrow(/NOT_FOUND/);
  });
});
