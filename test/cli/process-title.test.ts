// A broker password given with --broker must not stay readable by other users in ps.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanups } from '../support/fault-harness.ts';
import { createVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir } from '../support/worker-process.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

describe('process title', () => {
  it('hides URL credentials from the command line others can read', async () => {
    const vhost = await createVhost();
    cleanups.add(() => vhost.remove());
    const dataDir = tempDataDir();
    cleanups.removeDirLater(dataDir);
    const worker = await startWorker({ brokers: [vhost.url], dataDir });
    cleanups.add(() => worker.stop());
    expect(vhost.url).toContain('guest:guest@');
    const cmdline = readFileSync(`/proc/${worker.proc.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    expect(cmdline).toContain('easysight-edge worker --broker amqp://');
    expect(cmdline).toContain(vhost.name);
    expect(cmdline).not.toContain(':guest@');
  });
});
