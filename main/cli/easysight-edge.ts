// Process entry of the headless CLI (bin/easysight-edge.js loads the built copy of this file).
import { main } from './cli.ts';
import { EXIT_CANNOT_RUN } from './diagnose-command.ts';
import { processIo } from './cli-io.ts';

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`easysight-edge: unexpected failure: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT_CANNOT_RUN;
  },
);
