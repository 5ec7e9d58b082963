// The standing fuzz test: 5,000 hostile messages (bodies, header types and sizes, properties,
// camera URLs) against a real worker on the real broker. Every message must be answered or parked,
// none more than once, nothing may loop, the worker stays up under 300 MB, and no ffmpeg it starts
// may open a local file. Runs alone (exclusive config): its memory bound must not measure others.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import amqp from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import { brokerQueueCounts, Cleanups, sleep, waitForSettled } from '../support/fault-harness.ts';
import { hostileMessage, prng, type HostileMessage } from '../support/hostile-messages.ts';
import { PlatformPeer } from '../support/platform-peer.ts';
import { ffmpegDescendants } from '../support/processes.ts';
import { createVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir } from '../support/worker-process.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

const COUNT = 5000;
const SEED = Number(process.env.EDGE_FUZZ_SEED ?? 20261130);
const RSS_LIMIT_MB = 300;
/** An ffmpeg input that reads this machine: a path, or a protocol that wraps one; not a network URL. */
const LOCAL_INPUT = /^(?![a-z][a-z0-9+.-]*:\/\/)|^(file|concat|subfile|pipe|async|cache|crypto|data):/i;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** ffmpeg's input: the argument after -i. */
function inputsOf(args: string[]): string[] {
  return args.flatMap((a, i) => (args[i - 1] === '-i' ? [a] : []));
}

describe('fuzz: hostile messages against a real worker and broker', () => {
  it(`answers or parks each of ${COUNT} hostile messages once, never loops, stays up and small, opens no local file`, async () => {
    rmSync('/tmp/fuzz-pwned', { force: true });
    const vhost = await createVhost();
    cleanups.add(() => vhost.remove());
    const peer = await PlatformPeer.connect(vhost.url);
    cleanups.add(() => peer.close());
    const dataDir = tempDataDir();
    cleanups.removeDirLater(dataDir);
    const worker = await startWorker({ brokers: [vhost.url], dataDir, args: ['--concurrency', '8', '--task-timeout', '10', '--heartbeat-interval', '5'] });
    cleanups.add(() => worker.stop(30_000));
    const pid = worker.proc.pid!;

    let maxRss = rssMb(pid);
    const opened: string[] = [];
    const watch = setInterval(() => {
      maxRss = Math.max(maxRss, rssMb(pid));
      for (const p of ffmpegDescendants(pid)) for (const input of inputsOf(p.args)) if (LOCAL_INPUT.test(input)) opened.push(input);
    }, 50);
    cleanups.add(() => clearInterval(watch));

    // Published on a connection of its own, confirmed in batches; a message amqplib itself cannot encode was never sent.
    const conn = await amqp.connect(vhost.url);
    cleanups.add(() => conn.close().catch(() => undefined));
    const ch = await conn.createConfirmChannel();
    const r = prng(SEED);
    const sent: HostileMessage[] = [];
    let unsendable = 0;
    const started = Date.now();
    for (let i = 0; i < COUNT; i++) {
      const m = hostileMessage(i, r);
      try {
        ch.publish('easysight.tasks', 'diagnosis', m.body, m.options);
        sent.push(m);
      } catch {
        unsendable++;
      }
      if (i % 250 === 249) await ch.waitForConfirms();
    }
    await ch.waitForConfirms();
    const publishMs = Date.now() - started;

    const parked = new Map<string, number>();
    const snapshot = async () => {
      for (const p of await peer.drainParkedIds()) parked.set(p, (parked.get(p) ?? 0) + 1);
      return `${[...parked.values()].reduce((a, b) => a + b, 0)}/${peer.results.length}/${(await peer.queue('diagnosis.tasks')).messages}`;
    };
    const settled = await waitForSettled(snapshot, 240_000, 3000, 'every message to be answered or parked');
    const settledMs = Date.now() - started;
    await sleep(4000);
    expect(await snapshot(), 'counts grew after settling: something loops').toBe(settled);
    expect(await brokerQueueCounts(vhost.name, 'diagnosis.tasks')).toEqual({ ready: 0, unacked: 0 });

    const answers = new Map<string, number>();
    for (const res of peer.results) {
      const id = String(res.body.task_id);
      answers.set(id, (answers.get(id) ?? 0) + 1);
    }
    const missing: string[] = [];
    const twice: string[] = [];
    for (const m of sent) {
      const p = parked.get(m.options.messageId) ?? 0;
      const a = m.taskId === undefined ? 0 : (answers.get(String(m.taskId)) ?? 0);
      if (p + a === 0) missing.push(`${m.index} ${m.kind}`);
      if (p > 1 || a > 1) twice.push(`${m.index} ${m.kind} parked=${p} answered=${a}`);
    }
    const kinds = new Map<string, number>();
    for (const m of sent) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
    console.log(
      `fuzz seed=${SEED}: sent=${sent.length} unsendable=${unsendable} parked=${parked.size} results=${peer.results.length} publish=${publishMs}ms settled=${settledMs}ms maxRss=${maxRss.toFixed(0)}MB\n  kinds: ${[...kinds].map(([k, n]) => `${k}=${n}`).join(', ')}`,
    );
    expect(sent.length).toBeGreaterThanOrEqual(COUNT * 0.95);
    expect(missing, 'neither answered nor parked').toEqual([]);
    expect(twice, 'answered or parked more than once').toEqual([]);
    expect(opened, 'an ffmpeg opened a local file').toEqual([]);
    expect(existsSync('/tmp/fuzz-pwned'), 'a camera URL ran a shell command').toBe(false);
    expect(maxRss, 'worker memory').toBeLessThan(RSS_LIMIT_MB);
    expect(worker.proc.exitCode).toBeNull();
    expect(worker.proc.signalCode).toBeNull();
    expect(worker.output()).not.toMatch(/unexpected failure|Maximum call stack|FATAL|MaxListenersExceeded|could not park/i);
  }, 300_000);
});
