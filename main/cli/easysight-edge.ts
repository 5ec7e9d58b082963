// Process entry of the headless CLI (bin/easysight-edge.js loads the built copy of this file).
import { redactUrls } from '../core/diagnosis/source/redact.ts';
import { main } from './cli.ts';
import { EXIT_CANNOT_RUN } from './exit-codes.ts';
import { processIo } from './cli-io.ts';

// A password in a URL on the command line (--broker amqp://user:pass@...) is shown by ps to every
// user of the machine: the process title replaces the arguments at once, with credentials hidden.
const args = process.argv.slice(2);
const shown = args.map(redactUrls);
if (shown.some((a, i) => a !== args[i])) process.title = ['easysight-edge', ...shown].join(' ');

main(args, processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`easysight-edge: unexpected failure: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT_CANNOT_RUN;
  },
);
