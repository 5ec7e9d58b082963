// A worker in the test process, on a real broker and a real SQLite file, to watch its state closely.
import { join } from 'node:path';
import { platformTopology } from '../../main/core/broker/topology.ts';
import { resolveWorkerConfig, type WorkerConfigInput } from '../../main/core/config/worker-config.ts';
import { AnalysisPool } from '../../main/core/diagnosis/pool/analysis-pool.ts';
import { Logger } from '../../main/core/log/logger.ts';
import { PlatformClient } from '../../main/core/platform/platform-client.ts';
import { fileKeyCodec } from '../../main/core/secrets/file-key-codec.ts';
import { openStore, type Store } from '../../main/core/store/store.ts';
import { SqliteWorkerStore } from '../../main/core/worker/sqlite-worker-store.ts';
import { Worker } from '../../main/core/worker/worker.ts';
import { tempDataDir } from './worker-process.ts';

export interface InProcessWorker {
  worker: Worker;
  store: Store;
  logger: Logger;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startInProcessWorker(config: WorkerConfigInput, dataDir = tempDataDir()): Promise<InProcessWorker> {
  const resolved = resolveWorkerConfig({ workerId: 'edge-test', dataDir, ...config });
  if (!resolved.ok) throw new Error(resolved.message);
  const opened = openStore({ path: join(dataDir, 'edge.db'), secrets: fileKeyCodec(join(dataDir, 'secret.key')) });
  if (!opened.ok) throw new Error(opened.message);
  const store = opened.store;
  const pool = new AnalysisPool(1);
  const logger = new Logger({ level: 'debug' });
  const c = resolved.config;
  const platform = c.platformUrl ? new PlatformClient({ baseUrl: c.platformUrl, username: c.platformUsername, password: c.platformPassword }) : undefined;
  const worker = new Worker(c, { store: new SqliteWorkerStore(store), pool, logger, topology: platformTopology(), platform, version: 'test' });
  const connected = new Promise<void>((resolve) => {
    const onState = (state: string) => {
      if (state === 'connected') {
        worker.off('broker', onState);
        resolve();
      }
    };
    worker.on('broker', onState);
  });
  worker.start();
  await connected;
  let stopped = false;
  return {
    worker,
    store,
    logger,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await worker.shutdown(5000);
      await pool.close();
      store.close();
    },
  };
}
