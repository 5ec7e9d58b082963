// Headless CLI commands: `easysight-edge <command>`. Each command's module is loaded only when it
// runs: loading all three took 180 ms, and a one-shot `diagnose` needs half of that (its verdict is
// timed from the command line).
import { readFileSync } from 'node:fs';
import type { CliIo } from './cli-io.ts';
import { EXIT_CANNOT_RUN } from './exit-codes.ts';

const USAGE = `Usage: easysight-edge <command> [options]

Commands:
  diagnose <source...>   diagnose cameras or video files once and print the verdicts
  worker                 run the RabbitMQ diagnosis worker until stopped
  bridge                 write the edge nodes' results and heartbeats into the platform's PostgreSQL
  help                   show this help
  version                print the version

Run 'easysight-edge <command> --help' for a command's options.`;

function version(): string {
  // main/cli/ in sources and dist/cli/ bundled: two folders down; dist/main/cli/ as tsc writes it: three.
  const depth = import.meta.url.includes('/dist/main/') ? '../../../' : '../../';
  const pkg = JSON.parse(readFileSync(new URL(`${depth}package.json`, import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'diagnose':
      return (await import('./diagnose-command.ts')).runDiagnose(rest, io);
    case 'worker':
      return (await import('./worker-command.ts')).runWorker(rest, io, version());
    case 'bridge':
      return (await import('./bridge-command.ts')).runBridge(rest, io);
    case 'version':
    case '--version':
    case '-v':
      io.out(`${version()}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(`${USAGE}\n`);
      return 0;
    default:
      io.err(`easysight-edge: unknown command '${command}'\n${USAGE}\n`);
      return EXIT_CANNOT_RUN;
  }
}
