// `easysight-edge bridge`: the central companion of the edge nodes, next to the platform's
// database. Runs until SIGINT/SIGTERM; unwritten results stay in the queue.
import { BRIDGE_HELP, parseBridgeArgs } from '../core/bridge/bridge-options.ts';
import { Bridge } from '../core/bridge/bridge.ts';
import { Logger } from '../core/log/logger.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_CANNOT_RUN } from './exit-codes.ts';

function passwords(urls: string[]): string[] {
  return urls.map((u) => decodeURIComponent(new URL(u).password)).filter(Boolean);
}

export async function runBridge(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseBridgeArgs(argv, io.env);
  if (parsed.ok === 'help') {
    io.out(`${BRIDGE_HELP}\n`);
    return 0;
  }
  if (!parsed.ok) {
    io.err(`easysight-edge bridge: ${parsed.message}\nTry 'easysight-edge bridge --help'.\n`);
    return EXIT_CANNOT_RUN;
  }
  const config = parsed.config;
  const logger = new Logger({ stderr: true, level: config.logLevel, secrets: passwords([...config.brokers, config.database]) });
  const bridge = new Bridge(config, logger);
  const stop = new Promise<void>((done) => {
    const handler = () => {
      io.offInterrupt(handler);
      done();
    };
    io.onInterrupt(handler);
  });
  const started = await Promise.race([bridge.start(), stop.then(() => ({ ok: true }) as const)]);
  if (!started.ok) {
    logger.error(started.message);
    await bridge.stop();
    return EXIT_CANNOT_RUN;
  }
  await stop;
  logger.info('bridge stopping: results not yet written stay in the queue');
  await bridge.stop();
  const t = bridge.totals;
  logger.info(`bridge stopped: ${t.results} results (${t.rows} rows, ${t.alarms} alarms), ${t.duplicates} duplicates dropped, ${t.parked} parked, ${t.heartbeats} heartbeats`);
  return 0;
}
