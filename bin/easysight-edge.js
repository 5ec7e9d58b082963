#!/usr/bin/env node
// Headless entry point. Runs the bundled CLI from dist/cli (npm run build; scripts/bundle-cli.ts).
import { existsSync } from 'node:fs';
import module from 'node:module';

const entry = new URL('../dist/cli/easysight-edge.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('easysight-edge: not built yet. Run `npm run build` in the project folder first.');
  process.exit(2);
}
// The worker runs for months beside dozens of ffmpeg probes: it starts with the memory settings of
// main/core/runtime/memory-settings.ts (why: there). V8 and glibc read them when the process starts,
// so the worker replaces itself with the same command plus the flag (same pid, for service managers).
if (process.argv[2] === 'worker' && typeof process.execve === 'function') {
  const { YOUNG_GENERATION_FLAG, MALLOC_SETTINGS } = await import(new URL('../dist/main/core/runtime/memory-settings.js', import.meta.url).href);
  if (!process.execArgv.includes(YOUNG_GENERATION_FLAG)) {
    process.execve(process.execPath, [process.execPath, YOUNG_GENERATION_FLAG, ...process.execArgv, ...process.argv.slice(1)], { ...MALLOC_SETTINGS, ...process.env });
  }
}
// Compiled code is kept on disk (Node 22.1 and later; in the system's temp folder) and reused by the
// next start: a one-shot `diagnose` loads its modules in 55 ms instead of 75 (Node 24).
module.enableCompileCache?.();
await import(entry.href);
