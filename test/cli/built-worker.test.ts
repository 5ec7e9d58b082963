// The worker as users run it: bin/easysight-edge.js on the bundled CLI (dist/cli, npm run build),
// with its analysis worker thread, SQLite store and broker connection, answering a platform task.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanups, waitUntil } from '../support/fault-harness.ts';
import { streetClip } from '../support/media.ts';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { startRtspServer } from '../support/rtsp-server.ts';
import { createVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir } from '../support/worker-process.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

interface Row {
  camera_id: number;
  diagnosis_type: string;
  image_timestamp: string | null;
}

describe('the bundled worker', () => {
  it('takes a task, checks its cameras on its analysis thread and answers', async () => {
    expect(existsSync(resolve(import.meta.dirname, '../../dist/cli/easysight-edge.js')), 'run `npm run build` first').toBe(true);
    const server = await startRtspServer({ '/a': `file:${streetClip()}`, '/b': `file:${streetClip()}` });
    cleanups.add(() => server.stop());
    const vhost = await createVhost();
    cleanups.add(() => vhost.remove());
    const peer = await PlatformPeer.connect(vhost.url);
    cleanups.add(() => peer.close());
    const dataDir = tempDataDir();
    cleanups.removeDirLater(dataDir);
    const worker = await startWorker({ brokers: [vhost.url], dataDir, built: true });
    cleanups.add(() => worker.stop());

    const cameras = [1, 2].map((id) => ({ id, stream_url: server.url(id === 1 ? '/a' : '/b') }));
    await peer.publishTask(platformTask(7, cameras, ['brightness', 'freeze']));
    await waitUntil(() => peer.results.length >= 1, 25_000, 'the task result');
    const rows = (peer.results[0]!.body.result as { results: Row[] }).results;
    expect(rows.map((r) => `${r.camera_id} ${r.diagnosis_type}`).sort()).toEqual(['1 brightness', '1 freeze', '2 brightness', '2 freeze']);
    // Every row was judged on a picture: the window (freeze) went through the analysis worker thread.
    expect(rows.every((r) => r.image_timestamp !== null)).toBe(true);
  });
});
