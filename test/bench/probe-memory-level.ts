// One level of the probe memory benchmark in a process of its own: prints its row as JSON.
import { runProbeMemoryLevel } from './probe-memory-bench.ts';

const inFlight = Number(process.argv[2]);
if (!Number.isInteger(inFlight) || inFlight < 1) throw new Error('usage: probe-memory-level.ts PROBES_AT_ONCE');
console.log(JSON.stringify(await runProbeMemoryLevel(inFlight)));
