// The Electron app hosts the worker in its main process, which needs the worker's memory settings
// (main/core/runtime/memory-settings.ts) from its very start, as the headless launcher gives them:
// Electron hands V8 flags to the main process only from its command line (--js-flags), and glibc
// reads its settings from the environment at start. So the app's first start relaunches it once
// with both, before anything else runs.
import type { App } from 'electron';
import { MALLOC_SETTINGS, YOUNG_GENERATION_FLAG } from '../core/runtime/memory-settings.ts';

/** Set in the relaunched app's environment, so that it never relaunches again. */
export const RELAUNCHED_ENV = 'EASYSIGHT_EDGE_MEMORY_SETTINGS';

export interface ProcessFacts {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
}

export interface MemoryRelaunch {
  args: string[];
  /** An AppImage is relaunched through its image: the mount of the running one goes when it exits. */
  execPath?: string;
  /** What the new instance's environment needs beyond this one's. */
  env: Record<string, string>;
}

/**
 * The AppImage this process runs from: its runtime mounts the image at APPDIR and names the image
 * file in APPIMAGE. Both must hold for this binary, since a process started from another AppImage's
 * terminal inherits that one's variables.
 */
function ownAppImage(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const { APPIMAGE: image, APPDIR: mount } = env;
  return image && mount && argv[0]?.startsWith(`${mount.replace(/\/+$/, '')}/`) ? image : undefined;
}

/** How to relaunch, or null when this process already has the settings or was given V8 flags by hand. */
export function memoryRelaunch({ argv, env }: ProcessFacts): MemoryRelaunch | null {
  if (env[RELAUNCHED_ENV] !== undefined || argv.some((a) => a.startsWith('--js-flags'))) return null;
  const malloc = Object.entries(MALLOC_SETTINGS).filter(([name]) => env[name] === undefined);
  const image = ownAppImage(argv, env);
  return {
    args: [...argv.slice(1), `--js-flags=${YOUNG_GENERATION_FLAG}`],
    ...(image ? { execPath: image } : {}),
    env: { ...Object.fromEntries(malloc), [RELAUNCHED_ENV]: '1' },
  };
}

/** Relaunches the app with the settings when it lacks them: true when this process must not start (it is exiting). */
export function relaunchForMemory(app: Pick<App, 'relaunch' | 'exit'>, facts: ProcessFacts): boolean {
  const plan = memoryRelaunch(facts);
  if (!plan) return false;
  // The new instance inherits this process's environment.
  Object.assign(facts.env, plan.env);
  app.relaunch({ args: plan.args, ...(plan.execPath ? { execPath: plan.execPath } : {}) });
  app.exit(0);
  return true;
}
