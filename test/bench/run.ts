// `npm run bench`: every figure beside a reference run made in the same script, as a ratio,
// because these machines are noisy. Figures are printed, never asserted.
// `node test/bench/run.ts --only throughput,probe` runs the named parts alone (the names of PARTS).
import { parseArgs } from 'node:util';
import { printAnalyserBench, runAnalyserBench } from './analysers-bench.ts';
import { printBaselinesBench, runBaselinesBench } from './baselines-bench.ts';
import { printBoardBench, runBoardBench } from './board-bench.ts';
import { runBridgeBench } from './bridge-bench.ts';
import { printFirstFrameBench, runFirstFrameBench } from './first-frame-bench.ts';
import { runProbeBench } from './probe-bench.ts';
import { printProbeMemoryBench, runProbeMemoryBench } from './probe-memory-bench.ts';
import { printStoreBench, runStoreBench } from './store-bench.ts';
import { table } from './table.ts';
import { printThroughputBench, runThroughputBench } from './throughput-bench.ts';
import { runWorkerBench } from './worker-bench.ts';

async function probe(): Promise<void> {
  console.log('== Probe cost on a 1080p H.264 RTSP stream: keyframe-only scaled decode vs plain decode');
  const probe = await runProbeBench();
  console.log(table(['probe', 'wall s', 'CPU s'], probe.rows.map((r) => [r.name, r.wallS.toFixed(3), r.cpuS.toFixed(3)])));
  console.log(`CPU ratio plain/ours: ${probe.ratio.toFixed(1)}x (goal >= 5x)`);
}

async function worker(): Promise<void> {
  console.log('== Worker path: no-op tasks through parse, store, outbox, ack and confirmed result, vs a bare amqplib consume+ack loop (each warmed up first)');
  const w = await runWorkerBench();
  console.log(
    table(
      ['figure', 'ours', 'bare amqplib', 'ratio ours/bare', 'goal'],
      [
        [`throughput tasks/s (${w.tasks} tasks, concurrency ${w.concurrency})`, w.oursPerS.toFixed(0), w.barePerS.toFixed(0), (w.oursPerS / w.barePerS).toFixed(2), '>= 1,000'],
        ['  reference: bare consume + confirmed result + ack', '', w.bareWithResultPerS.toFixed(0), (w.oursPerS / w.bareWithResultPerS).toFixed(2), ''],
        [`  ours from a cold start (the ${w.warmupTasks} warm-up tasks)`, w.oursColdPerS.toFixed(0), '', '', ''],
        [`dispatch p50 ms at ${w.rateForLatency} tasks/s`, w.oursP50Ms.toFixed(2), w.bareP50Ms.toFixed(2), (w.oursP50Ms / w.bareP50Ms).toFixed(2), ''],
        [`dispatch p99 ms at ${w.rateForLatency} tasks/s`, w.oursP99Ms.toFixed(2), w.bareP99Ms.toFixed(2), (w.oursP99Ms / w.bareP99Ms).toFixed(2), '< 20'],
        ['durable SQLite commits per task', w.commitsPerTask.toFixed(2), '', '', ''],
      ],
    ),
  );
}

async function bridge(): Promise<void> {
  console.log("== Bridge path: results from task.results into the platform's PostgreSQL tables (rows, alarms, task update, dedupe, ack), vs a bare pg multi-row insert of the same rows");
  const b = await runBridgeBench();
  console.log(
    table(
      ['figure', 'bridge', 'bare pg insert', 'ratio bridge/bare', 'goal'],
      [[`result rows/s (${b.results} results x ${b.rowsEach} rows, batches of ${b.batch} results; medians of ${b.rounds} rounds)`, b.bridgeRowsPerS.toFixed(0), b.bareRowsPerS.toFixed(0), (b.bridgeRowsPerS / b.bareRowsPerS).toFixed(2), '>= 5,000']],
    ),
  );
}

const PARTS: Record<string, () => Promise<void>> = {
  analysers: async () => printAnalyserBench(await runAnalyserBench()),
  probe,
  'first-frame': async () => printFirstFrameBench(await runFirstFrameBench()),
  store: async () => printStoreBench(await runStoreBench()),
  baselines: async () => printBaselinesBench(await runBaselinesBench()),
  worker,
  throughput: async () => printThroughputBench(await runThroughputBench()),
  'probe-memory': async () => printProbeMemoryBench(runProbeMemoryBench()),
  bridge,
  board: async () => printBoardBench(await runBoardBench()),
};

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const chosen = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(PARTS);
const unknown = chosen.filter((name) => !(name in PARTS));
if (unknown.length > 0) {
  console.error(`unknown benchmark part ${unknown.join(', ')}; parts: ${Object.keys(PARTS).join(', ')}`);
  process.exit(2);
}
for (const [i, name] of chosen.entries()) {
  if (i > 0) console.log('');
  await PARTS[name]!();
}
