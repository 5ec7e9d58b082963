// What the shell needs from the engine (main/core/api/engine.ts Engine satisfies it): the EdgeApi
// service, the current worker's switch, start and a draining stop. The shell never reaches further.
import type { ApiService } from '../../shared/api/contract.ts';
import type { SecretCodec } from '../core/store/cameras.ts';
import type { WorkerSwitch } from './power.ts';

export interface EngineHandle {
  readonly service: ApiService;
  /** The current worker (the engine replaces it when settings change): read it each time. */
  readonly worker: WorkerSwitch;
  start(): void;
  /** Drains the worker (running tasks get drainMs, then are handed back), closes pool and store. */
  stop(drainMs?: number): Promise<void>;
}

/** What the shell gives the engine. */
export interface ShellEngineOptions {
  dataDir: string;
  secrets: SecretCodec;
  /** Shown in the UI (StatusView.secretStorageWarning); null when secrets are safe. */
  secretStorageWarning: string | null;
  samplesDir: string;
  /** The bundled ffmpeg when packaged (a default below the user's setting); null in development. */
  ffmpegPath: string | null;
  version: string;
}

export type EngineOpenResult = { ok: true; engine: EngineHandle } | { ok: false; message: string };
export type EngineFactory = (options: ShellEngineOptions) => Promise<EngineOpenResult>;
