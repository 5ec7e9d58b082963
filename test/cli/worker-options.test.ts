// The headless command's configuration layers, each labelled with where it came from.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWorkerArgs } from '../../main/cli/worker-options.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('worker options', () => {
  it('labels the config file, the environment and the flags, lowest first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-options-'));
    dirs.push(dir);
    const file = join(dir, 'edge.json');
    writeFileSync(file, JSON.stringify({ probeLimit: 4, concurrency: 5 }));
    const r = parseWorkerArgs(['--config', file, '--concurrency', '2', '--no-ui'], { EDGE_TASK_TIMEOUT_S: '120' });
    if (r.ok !== true) throw new Error(`not parsed: ${JSON.stringify(r)}`);
    const { layers, config } = r.options;
    expect(layers.map((l) => l.source)).toEqual(['config-file', 'environment', 'command-line']);
    expect(layers[0]!.config).toEqual({ probeLimit: 4, concurrency: 5 });
    expect(layers[1]!.config).toEqual({ taskTimeoutS: 120 });
    expect(layers[2]!.config).toMatchObject({ concurrency: 2 });
    expect(config).toMatchObject({ probeLimit: 4, concurrency: 2, taskTimeoutS: 120 });
  });
});
