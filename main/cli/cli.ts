// Headless CLI commands: `easysight-edge <command>`.
import { readFileSync } from 'node:fs';
import { runDiagnose, EXIT_CANNOT_RUN } from './diagnose-command.ts';
import { runBridge } from './bridge-command.ts';
import { runWorker } from './worker-command.ts';
import type { CliIo } from './cli-io.ts';

const USAGE = `Usage: easysight-edge <command> [options]

Commands:
  diagnose <source...>   diagnose cameras or video files once and print the verdicts
  worker                 run the RabbitMQ diagnosis worker until stopped
  bridge                 write the edge nodes' results and heartbeats into the platform's PostgreSQL
  help                   show this help
  version                print the version

Run 'easysight-edge <command> --help' for a command's options.`;

function version(): string {
  // main/cli/ in sources, dist/main/cli/ once built.
  const depth = import.meta.url.includes('/dist/main/') ? '../../../' : '../../';
  const pkg = JSON.parse(readFileSync(new URL(`${depth}package.json`, import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'diagnose':
      return runDiagnose(rest, io);
    case 'worker':
      return runWorker(rest, io, version());
    case 'bridge':
      return runBridge(rest, io);
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
