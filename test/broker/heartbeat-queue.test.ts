// The heartbeat queue for RabbitMQ 4.3+ (which refuses non-durable, non-exclusive queues): durable with
// x-expires, chosen by configuration or by the broker's announced version. There is no 4.x broker here:
// the declaration is checked on the 3.x broker in a test vhost, the version choice as a pure function.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import { HEARTBEAT_QUEUE_EXPIRES_MS, heartbeatQueueMode, serverVersion, withHeartbeatQueue } from '../../main/core/broker/heartbeat-queue.ts';
import { declareTopology, platformTopology } from '../../main/core/broker/topology.ts';
import { waitUntil } from '../support/fault-harness.ts';
import { startInProcessWorker } from '../support/in-process-worker.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';

const run = promisify(execFile);

async function heartbeatQueueOf(vhostName: string): Promise<{ durable: boolean; auto_delete: boolean; arguments: unknown; messages: number } | undefined> {
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_queues', '-p', vhostName, '--formatter', 'json', 'name', 'durable', 'auto_delete', 'arguments', 'messages']);
  return (JSON.parse(stdout) as Array<{ name: string; durable: boolean; auto_delete: boolean; arguments: unknown; messages: number }>).find((q) => q.name === 'worker.heartbeat');
}
let vhost: TestVhost | undefined;
afterEach(async () => {
  await vhost?.remove();
  vhost = undefined;
});

describe('heartbeat queue mode', () => {
  it('follows the configuration, else picks durable-expiring from RabbitMQ 4.3 on', () => {
    expect(heartbeatQueueMode(undefined, '3.10.8')).toBe('platform');
    expect(heartbeatQueueMode(undefined, '4.2.9')).toBe('platform');
    expect(heartbeatQueueMode(undefined, '4.3.0')).toBe('durable-expiring');
    expect(heartbeatQueueMode(undefined, '4.10.1')).toBe('durable-expiring');
    expect(heartbeatQueueMode(undefined, '5.0.0-beta.1')).toBe('durable-expiring');
    expect(heartbeatQueueMode(undefined, undefined)).toBe('platform');
    expect(heartbeatQueueMode(undefined, 'unknown')).toBe('platform');
    expect(heartbeatQueueMode('durable-expiring', '3.10.8')).toBe('durable-expiring');
    expect(heartbeatQueueMode('platform', '4.3.0')).toBe('platform');
  });

  it('changes only the heartbeat queue', () => {
    const base = platformTopology();
    const t = withHeartbeatQueue(base, 'durable-expiring');
    expect(t.queues.find((q) => q.name === 'worker.heartbeat')).toMatchObject({ durable: true, autoDelete: false, arguments: { 'x-expires': HEARTBEAT_QUEUE_EXPIRES_MS } });
    expect(t.queues.filter((q) => q.name !== 'worker.heartbeat')).toEqual(base.queues.filter((q) => q.name !== 'worker.heartbeat'));
    expect(withHeartbeatQueue(base, 'platform')).toBe(base);
  });
});

describe('durable, expiring heartbeat queue on a real broker', () => {
  it('is declared durable with x-expires, bound to the heartbeat exchange, and read the version the broker announced', async () => {
    vhost = await createVhost();
    const conn = await amqp.connect(vhost.url);
    conn.on('error', () => undefined);
    try {
      expect(serverVersion(conn)).toMatch(/^3\.\d+\.\d+/);
      const topology = withHeartbeatQueue(platformTopology(), heartbeatQueueMode('durable-expiring', serverVersion(conn)));
      expect(await declareTopology(conn, topology)).toEqual([]);
      const hb = await heartbeatQueueOf(vhost.name);
      expect(hb).toMatchObject({ durable: true, auto_delete: false });
      expect(JSON.stringify(hb?.arguments)).toContain(`"x-expires"`);
      expect(JSON.stringify(hb?.arguments)).toContain(String(HEARTBEAT_QUEUE_EXPIRES_MS));
      // A heartbeat reaches it through the platform's fanout exchange.
      const ch = await conn.createConfirmChannel();
      ch.publish('easysight.heartbeat', '', Buffer.from('{}'), { mandatory: true });
      await ch.waitForConfirms();
      expect((await ch.checkQueue('worker.heartbeat')).messageCount).toBe(1);
      // Declared again the same way (the next session), it is accepted as it is.
      expect(await declareTopology(conn, topology)).toEqual([]);
    } finally {
      await conn.close().catch(() => undefined);
    }
  });

  it('where the platform already declared it transient, it is a conflict used as it is, not a failure', async () => {
    vhost = await createVhost();
    const conn = await amqp.connect(vhost.url);
    conn.on('error', () => undefined);
    try {
      expect(await declareTopology(conn, platformTopology())).toEqual([]);
      const warnings = await declareTopology(conn, withHeartbeatQueue(platformTopology(), 'durable-expiring'));
      expect(warnings).toEqual([expect.objectContaining({ queue: 'worker.heartbeat', kind: 'conflict' })]);
    } finally {
      await conn.close().catch(() => undefined);
    }
  });
});

describe('the worker with topology.heartbeatQueue', () => {
  it('declares the heartbeat queue durable and expiring, and its heartbeats arrive there', async () => {
    vhost = await createVhost();
    const w = await startInProcessWorker({ brokers: [vhost.url], heartbeatIntervalS: 1, topology: { heartbeatQueue: 'durable-expiring' } });
    try {
      expect(w.worker.status().topologyWarnings).toEqual([]);
      expect(await heartbeatQueueOf(vhost.name)).toMatchObject({ durable: true, auto_delete: false });
      expect(JSON.stringify((await heartbeatQueueOf(vhost.name))?.arguments)).toContain(String(HEARTBEAT_QUEUE_EXPIRES_MS));
      await waitUntil(async () => ((await heartbeatQueueOf(vhost!.name))?.messages ?? 0) > 0, 10_000, 'a heartbeat in the queue');
    } finally {
      await w.stop();
    }
  });
});
