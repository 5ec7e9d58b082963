#!/usr/bin/env node
// Headless entry point. Runs the compiled CLI from dist/ (npm run build).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main/cli/easysight-edge.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('easysight-edge: not built yet. Run `npm run build` in the project folder first.');
  process.exit(2);
}
await import(entry.href);
