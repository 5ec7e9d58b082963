// Run by durability.test.ts as a separate process: completes runs and prints "committed <runId>"
// after each commit, writing on until the parent kills it with SIGKILL, or until it has made
// `count` commits when one is given (then it exits without closing the store, like a crash).
import { finishedRun, openTestStore, resultMessage, resultRow } from './store-fixtures.ts';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: durability-child.ts <database path> [count]');
const count = process.argv[3] === undefined ? Infinity : Number(process.argv[3]);
const store = openTestStore(path);

for (let i = 0; i < count; i++) {
  const runId = `durable-${i}`;
  const outcome = await store.completeRun(
    finishedRun(runId),
    [resultRow(1, 'brightness'), resultRow(2, 'clarity', { diagnosis_status: 'critical', is_abnormal: true, score: 12 })],
    resultMessage(runId),
  );
  if (!outcome.ok) throw new Error(outcome.message);
  process.stdout.write(`committed ${runId}\n`);
}
process.exit(0);
