// What an e2e file started, stopped in order: the browser first (it holds the dashboard's event
// stream), then the worker, the platform peer, the camera, the vhost and the data folder, each even
// when an earlier one failed to start or to stop.
import { rmSync } from 'node:fs';

export interface E2eParts {
  browser?: { close(): Promise<void> };
  worker?: { stop(): Promise<unknown> };
  peer?: { close(): Promise<void> };
  camera?: { stop(): Promise<void> };
  vhost?: { remove(): Promise<void> };
  dataDir?: string;
}

export async function tearDown(parts: E2eParts): Promise<void> {
  try {
    await parts.browser?.close();
  } finally {
    await parts.worker?.stop();
    await parts.peer?.close();
    await parts.camera?.stop();
    await parts.vhost?.remove();
    if (parts.dataDir) rmSync(parts.dataDir, { recursive: true, force: true });
  }
}
