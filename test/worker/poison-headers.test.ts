// Headers amqplib decodes but cannot encode again once made parking fail, and a failed park put the
// message back in a loop (thousands of attempts a second). Every such message must now be parked
// exactly once; when the parking queue itself is gone, it is kept in a local dead-letter file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { brokerQueueCounts, Cleanups, sleep, waitUntil } from '../support/fault-harness.ts';
import { PlatformPeer } from '../support/platform-peer.ts';
import { createVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir, type WorkerProcess } from '../support/worker-process.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

/** A table with a key '!': amqplib only writes it when '!' is inherited, and reads it back as its own. */
function tableWithBang(): Record<string, unknown> {
  const table = Object.create({ '!': 'bogus' }) as Record<string, unknown>;
  table.value = 1;
  return table;
}

const hostile: Array<{ name: string; headers: Record<string, unknown> }> = [
  { name: 'table with a key !', headers: { 'x-t': tableWithBang() } },
  { name: 'double -1e30', headers: { 'x-f': { '!': 'double', value: -1e30 } } },
  { name: 'timestamp and decimal', headers: { 'x-ts': { '!': 'timestamp', value: 1_700_000_000 }, 'x-d': { '!': 'decimal', value: { places: 2, digits: 5 } } } },
  { name: 'header table near 64 KiB', headers: { 'x-big': 'b'.repeat(63_000) } },
  { name: 'array holding a table with a key !', headers: { 'x-a': [1, tableWithBang()], keep: 'me' } },
];

async function setUp(): Promise<{ peer: PlatformPeer; worker: WorkerProcess; vhost: string; dataDir: string }> {
  const vhost = await createVhost();
  cleanups.add(() => vhost.remove());
  const peer = await PlatformPeer.connect(vhost.url);
  cleanups.add(() => peer.close());
  const dataDir = tempDataDir();
  cleanups.removeDirLater(dataDir);
  const worker = await startWorker({ brokers: [vhost.url], dataDir });
  cleanups.add(() => worker.stop());
  await waitUntil(async () => (await peer.queue('diagnosis.tasks')).consumers === 1, 20_000, 'the worker to consume');
  return { peer, worker, vhost: vhost.name, dataDir };
}

function attempts(worker: WorkerProcess): number {
  return (worker.output().match(/could not park|message parked|task handler failed/g) ?? []).length;
}

describe('parking never loops on what a message carries', () => {
  it('parks each message with unencodable headers exactly once, with the headers rendered as text', async () => {
    const { peer, worker, vhost } = await setUp();
    for (const [i, h] of hostile.entries()) await peer.publishRaw(Buffer.from(`not json ${i}`), { headers: h.headers });
    const parked: Awaited<ReturnType<PlatformPeer['drainParked']>> = [];
    await waitUntil(async () => {
      parked.push(...(await peer.drainParked()));
      return parked.length >= hostile.length;
    }, 20_000, 'every hostile message to be parked');
    await sleep(2000);
    parked.push(...(await peer.drainParked()));
    expect(parked.map((p) => p.body.toString()).sort()).toEqual(hostile.map((_, i) => `not json ${i}`).sort());
    expect(await brokerQueueCounts(vhost, 'diagnosis.tasks')).toEqual({ ready: 0, unacked: 0 });
    expect(attempts(worker), worker.output()).toBe(hostile.length);
    const byBody = new Map(parked.map((p) => [p.body.toString(), p.headers]));
    expect(String(byBody.get('not json 0')?.['x-parked-headers-left-out'])).toContain('"x-t"={"value":1,"!":"bogus"}');
    expect(String(byBody.get('not json 1')?.['x-parked-headers-left-out'])).toContain('"x-f"=-1e+30');
    expect(byBody.get('not json 4')?.keep, 'headers that encode are kept as they are').toBe('me');
    expect(byBody.get('not json 2')?.['x-ts'], 'a timestamp is kept').toEqual({ '!': 'timestamp', value: 1_700_000_000 });
    for (const h of byBody.values()) expect(h['x-parked-reason']).toMatch(/not JSON/);
    expect(worker.output()).not.toMatch(/MaxListenersExceededWarning/);
    expect(worker.proc.exitCode).toBeNull();
  }, 60_000);

  it('keeps a message that cannot be parked in the local dead-letter file and acks it, once', async () => {
    const { peer, worker, vhost, dataDir } = await setUp();
    await peer.deleteQueue('diagnosis.tasks.rejected');
    await peer.publishRaw(Buffer.from('not json, and nowhere to park'), { headers: { 'x-t': tableWithBang() } });
    const file = join(dataDir, 'dead-letters.jsonl');
    await waitUntil(() => existsSync(file), 20_000, 'the dead-letter file');
    await sleep(2000);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(Buffer.from(String(lines[0]!.body), 'base64').toString()).toBe('not json, and nowhere to park');
    expect(String(lines[0]!.reason)).toMatch(/not JSON.*not parked: unroutable/);
    expect(String(lines[0]!.headers)).toContain('"x-t"={"value":1,"!":"bogus"}');
    expect(await brokerQueueCounts(vhost, 'diagnosis.tasks')).toEqual({ ready: 0, unacked: 0 });
    expect(attempts(worker), worker.output()).toBe(1);
  }, 60_000);

  it('parks many bad messages without adding a publisher (and its listeners) for each', async () => {
    const { peer, worker } = await setUp();
    for (let i = 0; i < 40; i++) await peer.publishRaw(Buffer.from(`bad ${i}`));
    const parked: unknown[] = [];
    await waitUntil(async () => {
      parked.push(...(await peer.drainParked()));
      return parked.length >= 40;
    }, 30_000, 'forty parked messages');
    expect(worker.output()).not.toMatch(/MaxListenersExceededWarning/);
  }, 60_000);
});
