// Shared by the store tests: a temp folder per test, a real cipher for passwords, sample rows.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { SecretCodec } from '../../main/core/store/cameras.ts';
import type { OutboxMessage } from '../../main/core/store/outbox.ts';
import type { ResultInput } from '../../main/core/store/results.ts';
import type { FinishedRun } from '../../main/core/store/runs.ts';
import { openStore, type Store, type StoreOptions } from '../../main/core/store/store.ts';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'easysight-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** AES-256-GCM with a key held in memory, standing in for Electron safeStorage. */
export function aesCodec(key: Buffer = randomBytes(32)): SecretCodec {
  return {
    encrypt(clear) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    decrypt(sealed) {
      const bytes = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

export interface TestStore {
  dir: string;
  /** The database file in dir. */
  path: string;
  /** Open for each test; a test may close it and open another at `path`, which is closed after it. */
  store: Store;
}

/** A store in a fresh temp folder for every test of the calling file, closed and removed after it. */
export function useTestStore(options: () => Partial<StoreOptions> = () => ({})): TestStore {
  const t = {} as TestStore;
  let cleanup = (): void => undefined;
  beforeEach(() => {
    ({ dir: t.dir, cleanup } = tempDir());
    t.path = join(t.dir, 'edge.db');
    t.store = openTestStore(t.path, options());
  });
  afterEach(() => {
    t.store.close();
    cleanup();
  });
  return t;
}

export function openTestStore(path: string, extra: Partial<StoreOptions> = {}): Store {
  const opened = openStore({ path, secrets: aesCodec(), ...extra });
  if (!opened.ok) throw new Error(`${opened.kind}: ${opened.message}`);
  return opened.store;
}

export function finishedRun(runId: string, overrides: Partial<FinishedRun> = {}): FinishedRun {
  return {
    runId,
    taskId: 12,
    createdAt: '2025-08-13T08:00:00+00:00',
    scheduledAt: '2025-08-13T08:00:00+00:00',
    priority: 8,
    camerasTotal: 2,
    status: 'done',
    envelope: { task_id: 12, data: { camera_ids: [1, 2] } },
    ...overrides,
  };
}

export function resultRow(cameraId: number | string, type: ResultInput['diagnosis_type'], overrides: Partial<ResultInput> = {}): ResultInput {
  return {
    camera_id: cameraId,
    camera_name: `camera ${cameraId}`,
    diagnosis_type: type,
    diagnosis_status: 'normal',
    score: 88.5,
    threshold: 30,
    thresholds: { brightness_min: 30, brightness_max: 220 },
    is_abnormal: false,
    processing_time: 3.25,
    error_message: null,
    suggestions: [],
    metrics: { value: 120.5, message: 'ok' },
    image_timestamp: '2025-08-13T08:00:03+00:00',
    ...overrides,
  };
}

export function resultMessage(runId: string, messageId = `result-${runId}`): OutboxMessage {
  return {
    messageId,
    exchange: 'easysight.results',
    routingKey: 'result',
    body: JSON.stringify({ task_id: 12, run_id: runId, result: { success: true } }),
    headers: { persistent: true, contentType: 'application/json' },
  };
}
