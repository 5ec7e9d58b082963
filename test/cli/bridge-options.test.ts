// `easysight-edge bridge` options, and the worker's --task-queue: parsed at the edge, with messages
// that say what to do.
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli/cli.ts';
import { parseWorkerArgs } from '../../main/cli/worker-options.ts';
import { parseBridgeArgs } from '../../main/core/bridge/bridge-options.ts';
import { platformTopology, withTaskQueue } from '../../main/core/broker/topology.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), env: {}, onInterrupt: () => undefined, offInterrupt: () => undefined } };
}

describe('bridge options', () => {
  it('needs a PostgreSQL URL and says so', () => {
    const r = parseBridgeArgs([], {});
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.message).toMatch(/--database is required/);
    const wrong = parseBridgeArgs(['--database', 'mysql://x/y'], {});
    expect(wrong.ok === false && wrong.message).toMatch(/starts with postgresql:\/\//);
  });

  it('takes flags over the environment, with defaults for the rest', () => {
    const r = parseBridgeArgs(['--database', 'postgresql://u:p@db/platform', '--batch', '50', '--offline-after', '30'], { EDGE_BROKERS: 'amqp://a/,amqp://b/', EDGE_BRIDGE_DATABASE: 'postgresql://other/x' });
    if (r.ok !== true) throw new Error(JSON.stringify(r));
    expect(r.config).toMatchObject({ database: 'postgresql://u:p@db/platform', brokers: ['amqp://a/', 'amqp://b/'], batchSize: 50, offlineAfterS: 30, prefetch: 200, keepIdsDays: 30 });
    expect(parseBridgeArgs(['--batch', 'x'], { EDGE_BRIDGE_DATABASE: 'postgresql://db/x' }).ok).toBe(false);
    expect(parseBridgeArgs(['--nope'], {}).ok).toBe(false);
  });

  it('is a command of easysight-edge with its own help', async () => {
    const h = io();
    expect(await main(['bridge', '--help'], h.io)).toBe(0);
    expect(h.out.join('')).toMatch(/Usage: easysight-edge bridge --database/);
    const top = io();
    await main(['--help'], top.io);
    expect(top.out.join('')).toMatch(/\n {2}bridge {2,}/);
    const bad = io();
    expect(await main(['bridge'], bad.io)).toBe(2);
    expect(bad.err.join('')).toMatch(/--database is required/);
  });
});

describe('worker --task-queue', () => {
  it('sets the task queue from the flag, the environment or the config', () => {
    const flag = parseWorkerArgs(['--task-queue', 'edge.tasks', '--no-ui'], { EDGE_TASK_QUEUE: 'other' });
    expect(flag.ok === true && flag.options.config.taskQueue).toBe('edge.tasks');
    const env = parseWorkerArgs(['--no-ui'], { EDGE_TASK_QUEUE: 'site-a.tasks' });
    expect(env.ok === true && env.options.config.taskQueue).toBe('site-a.tasks');
  });

  it("declares it like diagnosis.tasks, bound to the platform's exchange, and consumes only it", () => {
    const t = withTaskQueue(platformTopology(), 'edge.tasks');
    expect(t.taskQueues).toEqual(['edge.tasks']);
    expect(t.queues.find((q) => q.name === 'edge.tasks')).toEqual({
      name: 'edge.tasks',
      durable: true,
      arguments: { 'x-message-ttl': 3_600_000, 'x-max-priority': 10 },
      bind: { exchange: 'easysight.tasks', routingKey: 'diagnosis' },
    });
    expect(t.queues.find((q) => q.name === 'diagnosis.tasks')).toBeDefined();
  });
});
