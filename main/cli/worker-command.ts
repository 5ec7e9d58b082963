// `easysight-edge worker`: the engine without a display, serving the dashboard on a local port.
// Drains on SIGINT/SIGTERM and exits cleanly.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TlsOptions } from '../core/broker/supervisor.ts';
import type { WorkerConfig } from '../core/config/worker-config.ts';
import { Engine } from '../core/api/engine.ts';
import { Logger } from '../core/log/logger.ts';
import { RotatingFile } from '../core/log/rotating-file.ts';
import { waitForRoom } from '../core/disk/wait-for-room.ts';
import { fileKeyCodec } from '../core/secrets/file-key-codec.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_CANNOT_RUN } from './exit-codes.ts';
import { startUiServer, type UiServer } from './http-server.ts';
import { parseWorkerArgs, WORKER_HELP } from './worker-options.ts';

// main/cli/ in sources, dist/cli/ bundled, dist/main/cli/ as tsc writes it: the project root is
// where package.json is.
const ROOT = resolve(import.meta.dirname, import.meta.url.includes('/dist/main/') ? '../../..' : '../..');

function brokerPasswords(config: WorkerConfig): string[] {
  return config.brokers.map((u) => decodeURIComponent(new URL(u).password)).filter(Boolean);
}

function readTls(config: WorkerConfig): TlsOptions | undefined {
  const t = config.tls;
  if (!t) return undefined;
  return {
    ca: t.caFile ? readFileSync(t.caFile) : undefined,
    cert: t.certFile ? readFileSync(t.certFile) : undefined,
    key: t.keyFile ? readFileSync(t.keyFile) : undefined,
    passphrase: t.passphrase,
  };
}

export async function runWorker(argv: string[], io: CliIo, version: string): Promise<number> {
  const parsed = parseWorkerArgs(argv, io.env);
  if (parsed.ok === 'help') {
    io.out(`${WORKER_HELP}\n`);
    return 0;
  }
  if (!parsed.ok) {
    io.err(`easysight-edge worker: ${parsed.message}\nTry 'easysight-edge worker --help'.\n`);
    return EXIT_CANNOT_RUN;
  }
  const { config, layers, drainTimeoutS, logLevel, ui } = parsed.options;
  const logger = new Logger({
    file: new RotatingFile(join(config.dataDir, 'logs', 'edge.log')),
    stderr: true,
    level: logLevel,
    secrets: [...brokerPasswords(config), config.platformPassword ?? ''],
  });
  let tls: TlsOptions | undefined;
  try {
    tls = readTls(config);
  } catch (err) {
    logger.error(`cannot read TLS files: ${(err as Error).message}`);
    return EXIT_CANNOT_RUN;
  }
  const interrupted = new AbortController();
  const onInterrupt = () => interrupted.abort();
  io.onInterrupt(onInterrupt);
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  const room = await waitForRoom({
    path: config.dataDir,
    floorBytes: config.diskFloorMb * 1024 * 1024,
    signal: interrupted.signal,
    onWait: (free, resume) => logger.error(`disk nearly full: ${mb(free)} free in ${config.dataDir}, below the floor of ${mb(config.diskFloorMb * 1024 * 1024)}; waiting until ${mb(resume)} are free before starting`),
  });
  io.offInterrupt(onInterrupt);
  if (!room) return 0;
  const opened = Engine.open({
    dataDir: config.dataDir,
    secrets: fileKeyCodec(join(config.dataDir, 'secret.key')),
    logger,
    version,
    overrides: layers,
    tls,
    samplesDir: join(ROOT, 'resources', 'samples'),
  });
  if (!opened.ok) {
    logger.error(opened.message);
    return EXIT_CANNOT_RUN;
  }
  const engine = opened.engine;
  engine.start();
  let server: UiServer | undefined;
  if (ui) {
    try {
      server = await startUiServer({ service: engine.service, staticDir: join(ROOT, 'dist', 'renderer'), host: ui.host, port: ui.port, token: io.env.EDGE_UI_TOKEN });
    } catch (err) {
      logger.error(`cannot serve the dashboard on ${ui.host}:${ui.port}: ${(err as Error).message}`);
    }
    if (server) {
      if (ui.host !== '127.0.0.1') logger.warn(`the dashboard listens on ${ui.host}, not only on this computer: anyone who can reach it and has the token can control the worker`);
      io.out(`Dashboard: ${server.dashboardUrl}\n`);
    }
  }
  await new Promise<void>((done) => {
    const stop = () => {
      io.offInterrupt(stop);
      done();
    };
    io.onInterrupt(stop);
  });
  logger.info(`shutting down: running tasks get ${drainTimeoutS} s to finish`);
  await server?.close();
  await engine.stop(drainTimeoutS * 1000);
  logger.info('worker stopped');
  return 0;
}
