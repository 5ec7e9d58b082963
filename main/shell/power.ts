// Power: the worker stops taking tasks before the machine sleeps and picks up again after it wakes
// (without changing the saved on/off state); while tasks run, app suspension is blocked.
// powerMonitor and powerSaveBlocker come in as parameters so tests pass fakes.

export interface PowerMonitorLike {
  on(event: 'suspend' | 'resume', listener: () => void): unknown;
  removeListener(event: 'suspend' | 'resume', listener: () => void): unknown;
}

export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension'): number;
  stop(id: number): unknown;
}

/** The worker switch (the current worker: the engine replaces it on a settings change). */
export interface WorkerSwitch {
  readonly enabled: boolean;
  setEnabled(on: boolean, options?: { stopRunning?: boolean; persist?: boolean }): Promise<void>;
}

export interface PowerDeps {
  powerMonitor: PowerMonitorLike;
  powerSaveBlocker: PowerSaveBlockerLike;
  worker(): WorkerSwitch;
  onError(message: string): void;
}

export interface PowerWatch {
  /** Call with the number of running tasks on every status change. */
  tasksRunning(count: number): void;
  dispose(): void;
}

export function watchPower(deps: PowerDeps): PowerWatch {
  let pausedForSuspend = false;
  let blocker: number | null = null;
  const fail = (what: string) => (err: unknown) => deps.onError(`${what}: ${err instanceof Error ? err.message : String(err)}`);

  const onSuspend = (): void => {
    const worker = deps.worker();
    if (!worker.enabled) return;
    pausedForSuspend = true;
    // Tasks cannot go on while asleep: hand them back now rather than let them time out.
    void worker.setEnabled(false, { persist: false, stopRunning: true }).catch(fail('pausing the worker for sleep failed'));
  };
  const onResume = (): void => {
    if (!pausedForSuspend) return;
    pausedForSuspend = false;
    void deps.worker().setEnabled(true, { persist: false }).catch(fail('resuming the worker after sleep failed'));
  };
  deps.powerMonitor.on('suspend', onSuspend);
  deps.powerMonitor.on('resume', onResume);

  const release = (): void => {
    if (blocker === null) return;
    deps.powerSaveBlocker.stop(blocker);
    blocker = null;
  };

  return {
    tasksRunning(count: number): void {
      if (count > 0 && blocker === null) blocker = deps.powerSaveBlocker.start('prevent-app-suspension');
      else if (count === 0) release();
    },
    dispose(): void {
      deps.powerMonitor.removeListener('suspend', onSuspend);
      deps.powerMonitor.removeListener('resume', onResume);
      release();
    },
  };
}
