#!/usr/bin/env node
// Headless entry point. Runs the compiled CLI from dist/ (npm run build).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main/cli/easysight-edge.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('easysight-edge: not built yet. Run `npm run build` in the project folder first.');
  process.exit(2);
}
// The worker runs for months beside dozens of ffmpeg probes, allocating many short-lived objects. V8's
// default young generation (semi-spaces of up to 16 MB, sized for throughput on large machines) kept
// about 90 MB of its heap reserved for 20-25 MB in use; with 4 MB semi-spaces the heap holds 32 MB, and
// the throughput bench's peak RSS at 40 probes fell from 313-318 MB to 277-301 MB. 1 MB semi-spaces
// collect the pipe chunks of ffmpeg's output (garbage once copied into a frame) sooner: probe-memory's
// RSS at 40 probes at once 217 MB against 244 MB with 4 MB, at the same probe rate. V8 reads the size when
// the process starts, so the worker replaces itself with the same command plus the flag (same pid, for
// service managers).
// glibc's threshold for serving a block by mmap follows the largest block freed, up to 32 MB: once a
// frame buffer (0.2-0.7 MB) was freed, frames came from the heap, whose freed pages stay with the
// process. Fixed at 128 KB, frames are mapped and unmapped: probe-memory's RSS at 40 probes at once
// fell from 252-273 MB to 239-240 MB, 106-111 MB before the probes instead of 124-126 MB. glibc reads
// it when the process starts, like V8 the flag.
const YOUNG_GENERATION = '--max-semi-space-size=1';
const MMAP_THRESHOLD = { MALLOC_MMAP_THRESHOLD_: '131072' };
if (process.argv[2] === 'worker' && !process.execArgv.includes(YOUNG_GENERATION) && typeof process.execve === 'function') {
  process.execve(process.execPath, [process.execPath, YOUNG_GENERATION, ...process.execArgv, ...process.argv.slice(1)], { ...MMAP_THRESHOLD, ...process.env });
}
await import(entry.href);
