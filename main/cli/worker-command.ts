// `easysight-edge worker`: the engine without a display. Drains on SIGINT/SIGTERM and exits cleanly.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { platformTopology } from '../core/broker/topology.ts';
import type { TlsOptions } from '../core/broker/supervisor.ts';
import { AnalysisPool } from '../core/diagnosis/pool/analysis-pool.ts';
import { Logger } from '../core/log/logger.ts';
import { RotatingFile } from '../core/log/rotating-file.ts';
import { PlatformClient } from '../core/platform/platform-client.ts';
import { fileKeyCodec } from '../core/secrets/file-key-codec.ts';
import { openStore } from '../core/store/store.ts';
import { SqliteWorkerStore } from '../core/worker/sqlite-worker-store.ts';
import { Worker } from '../core/worker/worker.ts';
import type { WorkerConfig } from '../core/config/worker-config.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_CANNOT_RUN } from './diagnose-command.ts';
import { parseWorkerArgs, WORKER_HELP } from './worker-options.ts';

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
  const { config, drainTimeoutS, logLevel } = parsed.options;
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
  const opened = openStore({ path: join(config.dataDir, 'edge.db'), secrets: fileKeyCodec(join(config.dataDir, 'secret.key')) });
  if (!opened.ok) {
    logger.error(`cannot open the database: ${opened.message}`);
    return EXIT_CANNOT_RUN;
  }
  const store = opened.store;
  if (opened.recovery) logger.error(`database was corrupt (${opened.recovery.reason}); moved to ${opened.recovery.movedTo}, a new one was created`);
  const pool = new AnalysisPool();
  const topology = platformTopology({
    ...(config.topology?.taskQueues ? { taskQueues: config.topology.taskQueues } : {}),
    ...(config.topology?.parkingQueue ? { parkingQueue: config.topology.parkingQueue } : {}),
  });
  const platform = config.platformUrl
    ? new PlatformClient({ baseUrl: config.platformUrl, username: config.platformUsername, password: config.platformPassword })
    : undefined;
  const worker = new Worker(config, { store: new SqliteWorkerStore(store), pool, logger, topology, platform, tls, version });
  const retention = setInterval(() => {
    void store.retention.prune({ maxAgeMs: config.retentionDays * 86_400_000 }).catch((err: unknown) => logger.warn(`retention failed: ${String(err)}`));
  }, 3_600_000);
  retention.unref();

  logger.info(`worker ${config.workerId} starting: concurrency ${config.concurrency}, data in ${config.dataDir}`);
  worker.start();
  await new Promise<void>((resolve) => {
    const stop = () => {
      io.offInterrupt(stop);
      resolve();
    };
    io.onInterrupt(stop);
  });
  logger.info(`shutting down: running tasks get ${drainTimeoutS} s to finish`);
  clearInterval(retention);
  await worker.shutdown(drainTimeoutS * 1000);
  await pool.close();
  store.close();
  logger.info('worker stopped');
  return 0;
}
