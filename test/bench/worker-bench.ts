// Worker path benchmark on the real broker: no-op tasks (no cameras) through the whole worker
// (parse, dedupe, durable start, store, outbox, ack, confirmed result), next to a bare amqplib
// consume-and-ack loop on the same broker in the same run, each path warmed up with 500 tasks before it
// is timed. Run alone: `node test/bench/worker-bench.ts`.
import amqp from 'amqplib';
import { startInProcessWorker } from '../support/in-process-worker.ts';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';

export interface WorkerBenchResult {
  tasks: number;
  concurrency: number;
  oursPerS: number;
  /** The warm-up tasks through the whole path, timed from a cold start (JIT, empty caches). */
  oursColdPerS: number;
  warmupTasks: number;
  barePerS: number;
  /** A bare loop that also publishes a confirmed persistent result per task: the broker's ceiling here. */
  bareWithResultPerS: number;
  rateForLatency: number;
  oursP50Ms: number;
  oursP99Ms: number;
  bareP50Ms: number;
  bareP99Ms: number;
  /** Durable SQLite commits per task in the throughput run: below 1 shows the group commit. */
  commitsPerTask: number;
}

const TASKS = 3000;
/** Tasks run through each path before timing it, so every path is measured warm (JIT, caches). */
const WARMUP = 500;
const CONCURRENCY = 10;
const LATENCY_RATE = 100;
const LATENCY_SECONDS = 5;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('benchmark timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Publishes at a steady rate; returns the publish time of each index. */
async function paced(count: number, perSecond: number, publish: (i: number) => void): Promise<number[]> {
  const sent: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent[i] = performance.now();
    publish(i);
  }
  return sent;
}

/** Publishes `count` no-op platform tasks with ids from `firstId` and waits for their results: tasks/s. */
async function resultsPerSecond(peer: PlatformPeer, firstId: number, count: number, created: string, timeoutMs: number): Promise<number> {
  const target = peer.results.length + count;
  const t0 = performance.now();
  await peer.publishTasks(Array.from({ length: count }, (_, i) => platformTask(firstId + i, [], ['brightness'], created)));
  await until(() => peer.results.length === target, timeoutMs);
  return count / ((performance.now() - t0) / 1000);
}

async function bare(vhost: TestVhost): Promise<{ perS: number; p50: number; p99: number }> {
  const conn = await amqp.connect(vhost.url, { noDelay: true });
  const pub = await conn.createConfirmChannel();
  const sub = await conn.createChannel();
  const { queue } = await sub.assertQueue('bench.bare', { durable: true, arguments: { 'x-max-priority': 10 } });
  await sub.prefetch(CONCURRENCY);
  let acked = 0;
  const seen: number[] = [];
  await sub.consume(queue, (msg) => {
    if (!msg) return;
    const i = Number(msg.properties.messageId);
    if (i >= 0) seen[i] = performance.now();
    sub.ack(msg);
    acked++;
  });
  const burst = async (count: number): Promise<void> => {
    const target = acked + count;
    for (let i = 0; i < count; i++) pub.sendToQueue(queue, Buffer.from('{}'), { persistent: true, messageId: '-1' });
    await pub.waitForConfirms();
    await until(() => acked === target, 120_000);
  };
  await burst(WARMUP);
  const t0 = performance.now();
  await burst(TASKS);
  const perS = TASKS / ((performance.now() - t0) / 1000);
  const n = LATENCY_RATE * LATENCY_SECONDS;
  const sent = await paced(n, LATENCY_RATE, (i) => pub.sendToQueue(queue, Buffer.from('{}'), { persistent: true, messageId: String(i) }));
  await until(() => acked === WARMUP + TASKS + n, 60_000);
  const lat = sent.map((s, i) => (seen[i] ?? Number.NaN) - s);
  await conn.close();
  return { perS, p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

async function bareWithResult(vhost: TestVhost): Promise<number> {
  const peer = await PlatformPeer.connect(vhost.url);
  const conn = await amqp.connect(vhost.url, { noDelay: true });
  try {
    const sub = await conn.createChannel();
    await sub.prefetch(CONCURRENCY);
    const pub = await conn.createConfirmChannel();
    await sub.consume('diagnosis.tasks', (msg) => {
      if (!msg) return;
      pub.publish('easysight.results', 'result', Buffer.from('{"task_id":0,"result":{"success":true}}'), { persistent: true, mandatory: true, messageId: `bare-${msg.fields.deliveryTag}` });
      sub.ack(msg);
    });
    const created = new Date().toISOString();
    await resultsPerSecond(peer, 1_000_000, WARMUP, created, 120_000);
    return await resultsPerSecond(peer, 0, TASKS, created, 120_000);
  } finally {
    await conn.close();
    await peer.close();
  }
}

async function ours(vhost: TestVhost): Promise<{ perS: number; coldPerS: number; p50: number; p99: number; commitsPerTask: number }> {
  const peer = await PlatformPeer.connect(vhost.url);
  const w = await startInProcessWorker({ brokers: [vhost.url], concurrency: CONCURRENCY, heartbeatIntervalS: 30 });
  const started = new Map<number | string, number>();
  w.worker.on('task-start', (e) => started.set(e.taskId, performance.now()));
  try {
    const created = new Date().toISOString();
    const coldPerS = await resultsPerSecond(peer, 1_000_000, WARMUP, created, 120_000);
    const commitsBefore = w.store.batcher.stats().transactions;
    const perS = await resultsPerSecond(peer, 0, TASKS, created, 300_000);
    const commitsPerTask = (w.store.batcher.stats().transactions - commitsBefore) / TASKS;
    const n = LATENCY_RATE * LATENCY_SECONDS;
    const base = TASKS;
    const sent = await paced(n, LATENCY_RATE, (i) => void peer.publishTask(platformTask(base + i, [], ['brightness'], created), 5));
    await until(() => peer.results.length === WARMUP + TASKS + n, 120_000);
    const lat = sent.map((s, i) => (started.get(base + i) ?? Number.NaN) - s);
    return { perS, coldPerS, p50: percentile(lat, 50), p99: percentile(lat, 99), commitsPerTask };
  } finally {
    await w.stop();
    await peer.close();
  }
}

export async function runWorkerBench(): Promise<WorkerBenchResult> {
  const vhost = await createVhost();
  try {
    const b = await bare(vhost);
    const withResult = await bareWithResult(vhost);
    const o = await ours(vhost);
    return {
      tasks: TASKS,
      concurrency: CONCURRENCY,
      oursPerS: o.perS,
      oursColdPerS: o.coldPerS,
      warmupTasks: WARMUP,
      barePerS: b.perS,
      bareWithResultPerS: withResult,
      rateForLatency: LATENCY_RATE,
      oursP50Ms: o.p50,
      oursP99Ms: o.p99,
      bareP50Ms: b.p50,
      bareP99Ms: b.p99,
      commitsPerTask: o.commitsPerTask,
    };
  } finally {
    await vhost.remove();
  }
}

if (import.meta.filename === process.argv[1]) {
  const r = await runWorkerBench();
  console.log(JSON.stringify(r, null, 2));
}
