// Bundles the compiled command line (dist/main, from tsc) into dist/cli, which bin/easysight-edge.js
// runs. Node's ESM loader does per-module work for each of the ~150 files of a `diagnose` (and zod's),
// 64-196 ms before the first frame can be asked for; the bundle loads in 36-47 ms. The analysis
// worker is an entry of its own beside it: the pool starts it by file name, next to its own chunk.
// Commands stay separate chunks (the CLI imports them lazily). Native and binary-carrying packages
// stay in node_modules. The Electron app keeps loading dist/main as tsc wrote it.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'rolldown';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'dist/cli');

rmSync(OUT, { recursive: true, force: true });
await build({
  input: {
    'easysight-edge': resolve(ROOT, 'dist/main/cli/easysight-edge.js'),
    'analysis-worker': resolve(ROOT, 'dist/main/core/diagnosis/pool/analysis-worker.js'),
  },
  platform: 'node',
  external: [/^node:/, 'better-sqlite3', /^@ffmpeg-installer\//, 'electron'],
  output: { dir: OUT, format: 'esm', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
  logLevel: 'warn',
});
