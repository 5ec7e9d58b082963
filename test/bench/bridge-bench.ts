// Bridge benchmark on the real broker and PostgreSQL: results waiting in task.results go through
// the whole bridge path (parse, dedupe, rows + alarms + task update in one transaction per batch,
// ack) into the platform's tables, next to a bare `pg` multi-row insert of the same rows into the
// same tables in the same run, the two taking turns over 3 rounds. Run alone: `node test/bench/bridge-bench.ts`.
import { Bridge } from '../../main/core/bridge/bridge.ts';
import { bridgeConfigSchema } from '../../main/core/bridge/bridge-options.ts';
import { Logger } from '../../main/core/log/logger.ts';
import { BridgePeer, edgeResult } from '../support/bridge-peer.ts';
import { createTestDatabase, insertTasks, type TestDatabase } from '../support/postgres.ts';
import { createVhost } from '../support/vhost.ts';

export interface BridgeBenchResult {
  results: number;
  rowsEach: number;
  batch: number;
  rounds: number;
  bridgeRowsPerS: number;
  bareRowsPerS: number;
}

const RESULTS = 4000;
const WARMUP = 500;
const ROWS_EACH = 10;
const BATCH = 100;
const TASKS = Array.from({ length: 100 }, (_, i) => i + 1);

const results = (from: number, count: number) => Array.from({ length: count }, (_, i) => edgeResult(TASKS[(from + i) % TASKS.length]!, from + i, { rows: ROWS_EACH, abnormal: (from + i) % 10 === 0 }));

async function waitFor(db: TestDatabase, count: number): Promise<void> {
  const end = Date.now() + 300_000;
  while ((await db.count('SELECT count(*) AS n FROM edge_bridge_processed')) < count) {
    if (Date.now() > end) throw new Error('bridge benchmark timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function bridgePath(): Promise<number> {
  const vhost = await createVhost();
  const db = await createTestDatabase();
  try {
    await insertTasks(db, TASKS);
    const peer = await BridgePeer.connect(vhost.url);
    const config = bridgeConfigSchema.parse({ database: db.url, brokers: [vhost.url], batchSize: BATCH, prefetch: BATCH * 2 });
    const logger = new Logger({ level: 'warn', stderr: true });
    const warm = new Bridge(config, logger);
    await warm.start();
    await peer.publishResults(results(0, WARMUP));
    await waitFor(db, WARMUP);
    await warm.stop();
    // The timed results wait in the queue first (a backlog, as after an outage); the clock runs
    // from the bridge's start to its last commit.
    await peer.publishResults(results(WARMUP, RESULTS));
    const start = performance.now();
    const bridge = new Bridge(config, logger);
    await bridge.start();
    await waitFor(db, WARMUP + RESULTS);
    const seconds = (performance.now() - start) / 1000;
    await bridge.stop();
    await peer.close();
    return (RESULTS * ROWS_EACH) / seconds;
  } finally {
    await db.drop();
    await vhost.remove();
  }
}

/** The same rows, batch for batch, with one bare multi-row INSERT per batch and nothing else. */
async function barePg(): Promise<number> {
  const db = await createTestDatabase();
  try {
    const rows = results(0, RESULTS).flatMap((r) => ((r.body.result as { results: Array<Record<string, unknown>> }).results).map((row) => ({ taskId: r.body.task_id as number, row })));
    const perBatch = BATCH * ROWS_EACH;
    const start = performance.now();
    for (let i = 0; i < rows.length; i += perBatch) {
      const chunk = rows.slice(i, i + perBatch);
      const values: unknown[] = [];
      const tuples = chunk.map((x, j) => {
        const r = x.row;
        values.push(x.taskId, r.camera_id, r.camera_name, r.diagnosis_type, String(r.diagnosis_status).toUpperCase(), r.score, r.threshold, r.is_abnormal, r.image_timestamp, r.processing_time, r.error_message, JSON.stringify(r.suggestions), JSON.stringify(r.metrics), JSON.stringify({ camera_info: { id: r.camera_id } }));
        const b = j * 14;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::diagnosisstatus, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10}, $${b + 11}, $${b + 12}::json, $${b + 13}::json, $${b + 14}::json)`;
      });
      await db.pool.query(
        `INSERT INTO diagnosis_results (task_id, camera_id, camera_name, diagnosis_type, diagnosis_status, score, threshold, is_abnormal, image_timestamp, processing_time, error_message, suggestions, metrics, result_data) VALUES ${tuples.join(', ')}`,
        values,
      );
    }
    return rows.length / ((performance.now() - start) / 1000);
  } finally {
    await db.drop();
  }
}

const ROUNDS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The two paths take turns over a few rounds (the machine is shared and noisy); medians are reported. */
export async function runBridgeBench(): Promise<BridgeBenchResult> {
  const bare: number[] = [];
  const bridge: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await barePg());
    bridge.push(await bridgePath());
  }
  return { results: RESULTS, rowsEach: ROWS_EACH, batch: BATCH, rounds: ROUNDS, bridgeRowsPerS: median(bridge), bareRowsPerS: median(bare) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runBridgeBench();
  console.log(`bridge: ${r.bridgeRowsPerS.toFixed(0)} rows/s; bare pg multi-row insert: ${r.bareRowsPerS.toFixed(0)} rows/s; ratio ${(r.bridgeRowsPerS / r.bareRowsPerS).toFixed(2)} (medians of ${r.rounds} rounds; ${r.results} results x ${r.rowsEach} rows, batches of ${r.batch}; goal >= 5,000 rows/s)`);
}
