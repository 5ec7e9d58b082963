// The broker refuses a result over its max_message_size (RabbitMQ 4: 16 MiB by default) by closing
// the channel. The relay must trim the stored message to the size the broker named and send it on
// the next channel, not loop on it. The limit is broker-wide, so this folder runs alone.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/fault-harness.ts';
import { startInProcessWorker, type InProcessWorker } from '../support/in-process-worker.ts';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';

const run = promisify(execFile);
const BROKER_MAX = 1_048_576;

async function brokerMaxMessageSize(): Promise<string> {
  const { stdout } = await run('rabbitmqctl', ['eval', 'application:get_env(rabbit, max_message_size).']);
  return /\{ok,(\d+)\}/.exec(stdout)?.[1] ?? 'undefined';
}

async function setBrokerMaxMessageSize(value: string): Promise<void> {
  await run('rabbitmqctl', ['eval', value === 'undefined' ? 'application:unset_env(rabbit, max_message_size).' : `application:set_env(rabbit, max_message_size, ${value}).`]);
}

let vhost: TestVhost;
let peer: PlatformPeer;
let w: InProcessWorker | undefined;
let previousMax: string;

beforeEach(async () => {
  previousMax = await brokerMaxMessageSize();
  await setBrokerMaxMessageSize(String(BROKER_MAX));
  vhost = await createVhost();
  peer = await PlatformPeer.connect(vhost.url);
});

afterEach(async () => {
  await w?.stop();
  await peer.close();
  await vhost.remove();
  await setBrokerMaxMessageSize(previousMax);
});

describe('a result bigger than the broker accepts', () => {
  it('is trimmed to the size the broker named and delivered; the worker goes on', async () => {
    // maxResultBytes (8 MiB by default) is above this broker's 1 MiB: the broker has to refuse it.
    w = await startInProcessWorker({ brokers: [vhost.url], heartbeatIntervalS: 30 });
    const big = platformTask(1, [], ['brightness', 'clarity']);
    (big.data as Record<string, unknown>).camera_ids = Array.from({ length: 8000 }, (_, i) => 500_000 + i);
    await peer.publishTask(big);
    await waitUntil(() => peer.results.some((r) => r.body.task_id === 1), 60_000, 'the trimmed result');

    const sent = peer.results.find((r) => r.body.task_id === 1)!;
    const size = Buffer.byteLength(JSON.stringify(sent.body));
    const result = sent.body.result as { results: unknown[]; results_count: number; trimmed: { omitted_results: number } };
    console.log(`result of 16,000 rows refused by a 1 MiB broker, delivered trimmed: ${size} bytes, ${result.results.length} rows sent, ${result.trimmed.omitted_results} left out`);
    expect(size).toBeLessThanOrEqual(BROKER_MAX);
    expect(result.results_count).toBe(16_000);
    expect(result.results.length + result.trimmed.omitted_results).toBe(16_000);
    expect(w.store.results.forRun(sent.body.run_id as string)).toHaveLength(16_000);

    // The refused message cost one channel; the next task is answered as usual.
    await peer.publishTask(platformTask(2, [], ['brightness']));
    await waitUntil(() => peer.results.some((r) => r.body.task_id === 2), 30_000, 'the next result');
    await waitUntil(() => w!.store.outboxBacklog().pending === 0, 10_000, 'an empty outbox');
  });
});
