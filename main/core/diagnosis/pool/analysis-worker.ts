// Worker-thread side of the analysis pool: the analysers run here, never on the main thread,
// so AMQP heartbeats and the UI keep their timing while frames are analysed.
import { parentPort } from 'node:worker_threads';
import { runChecks } from '../analysers/run-checks.ts';
import { frameSetProblem, type JobReply, type JobRequest } from './analysis-job.ts';

const port = parentPort;
if (!port) throw new Error('analysis-worker must run in a worker thread');

port.on('message', (request: JobRequest) => {
  let reply: JobReply;
  try {
    const { types, frameSet, thresholds } = request.job;
    const problem = frameSetProblem(frameSet);
    if (problem) throw new Error(problem);
    reply = { id: request.id, ok: true, results: runChecks(types, frameSet, thresholds) };
  } catch (err) {
    reply = { id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
