// Worker-thread side of the analysis pool: the analysers run here, off the main thread,
// so AMQP heartbeats and the UI keep their timing while frames are analysed.
import { parentPort } from 'node:worker_threads';
import { transferablesOf, type JobReply, type JobRequest } from './analysis-job.ts';
import { runJob } from './run-job.ts';

const port = parentPort;
if (!port) throw new Error('analysis-worker must run in a worker thread');

port.on('message', (request: JobRequest) => {
  let reply: JobReply;
  // Nothing here keeps a frame after the checks: the buffers go back to be filled by the next grabs.
  const buffers = transferablesOf(request.job);
  try {
    reply = { id: request.id, ok: true, results: runJob(request.job), buffers };
  } catch (err) {
    reply = { id: request.id, ok: false, message: err instanceof Error ? err.message : String(err), buffers };
  }
  port.postMessage(reply, buffers);
});
