// A whole engine (store, pool, worker, EdgeApi service) on a temp data folder and a fresh vhost,
// optionally served over HTTP as the headless command does.
import { join, resolve } from 'node:path';
import { Engine } from '../../main/core/api/engine.ts';
import { Logger } from '../../main/core/log/logger.ts';
import { fileKeyCodec } from '../../main/core/secrets/file-key-codec.ts';
import { startUiServer, type UiServer } from '../../main/cli/http-server.ts';
import type { WorkerConfigInput } from '../../main/core/config/worker-config.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export async function openEngine(dataDir: string, overrides: WorkerConfigInput = {}): Promise<{ engine: Engine; logger: Logger }> {
  const logger = new Logger({ level: 'debug' });
  const opened = Engine.open({
    dataDir,
    secrets: fileKeyCodec(join(dataDir, 'secret.key')),
    logger,
    version: 'test',
    // As the headless command's flags would give them.
    overrides: [{ source: 'command-line', config: { heartbeatIntervalS: 1, ...overrides } }],
    samplesDir: join(ROOT, 'resources', 'samples'),
  });
  if (!opened.ok) throw new Error(opened.message);
  return { engine: opened.engine, logger };
}

export async function serve(engine: Engine, options: { host?: string } = {}): Promise<UiServer> {
  return startUiServer({ service: engine.service, staticDir: join(ROOT, 'dist', 'renderer'), port: 0, ...options });
}
