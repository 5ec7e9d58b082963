import { describe, expect, it } from 'vitest';
import { watchPower, type WorkerSwitch } from '../../main/shell/power.ts';
import { createFakeElectron } from './fake-electron.ts';

function setUp(enabled = true) {
  const { powerMonitor, powerSaveBlocker } = createFakeElectron();
  const calls: Array<{ on: boolean; options: unknown }> = [];
  const worker: WorkerSwitch = {
    enabled,
    async setEnabled(on, options) {
      calls.push({ on, options });
      this.enabled = on;
    },
  } as WorkerSwitch & { enabled: boolean };
  const errors: string[] = [];
  const watch = watchPower({ powerMonitor, powerSaveBlocker, worker: () => worker, onError: (m) => errors.push(m) });
  return { powerMonitor, powerSaveBlocker, worker, calls, watch, errors };
}

describe('power', () => {
  it('suspend pauses without saving, handing running tasks back; resume restores', () => {
    const { powerMonitor, calls, worker } = setUp(true);
    powerMonitor.emit('suspend');
    expect(calls).toEqual([{ on: false, options: { persist: false, stopRunning: true } }]);
    expect(worker.enabled).toBe(false);
    powerMonitor.emit('resume');
    expect(calls[1]).toEqual({ on: true, options: { persist: false } });
    expect(worker.enabled).toBe(true);
  });

  it('a worker switched off by the user stays off after resume', () => {
    const { powerMonitor, calls } = setUp(false);
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    expect(calls).toEqual([]);
  });

  it('a failed switch is reported', async () => {
    const { powerMonitor, powerSaveBlocker } = createFakeElectron();
    const errors: string[] = [];
    watchPower({
      powerMonitor,
      powerSaveBlocker,
      worker: () => ({ enabled: true, setEnabled: () => Promise.reject(new Error('channel closed')) }),
      onError: (m) => errors.push(m),
    });
    powerMonitor.emit('suspend');
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual(['pausing the worker for sleep failed: channel closed']);
  });

  it('blocks app suspension only while tasks run', () => {
    const { powerSaveBlocker, watch } = setUp();
    watch.tasksRunning(0);
    expect(powerSaveBlocker.started).toEqual([]);
    watch.tasksRunning(1);
    watch.tasksRunning(3);
    expect(powerSaveBlocker.started).toEqual(['prevent-app-suspension']);
    expect(powerSaveBlocker.active.size).toBe(1);
    watch.tasksRunning(0);
    expect(powerSaveBlocker.active.size).toBe(0);
    watch.tasksRunning(2);
    expect(powerSaveBlocker.started).toHaveLength(2);
    expect(powerSaveBlocker.active.size).toBe(1);
  });

  it('dispose releases the blocker and stops listening', () => {
    const { powerMonitor, powerSaveBlocker, watch, calls } = setUp();
    watch.tasksRunning(1);
    watch.dispose();
    expect(powerSaveBlocker.active.size).toBe(0);
    powerMonitor.emit('suspend');
    expect(calls).toEqual([]);
  });
});
