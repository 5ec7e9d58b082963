import { describe, expect, it } from 'vitest';
import { memoryRelaunch, relaunchForMemory, RELAUNCHED_ENV } from '../../main/shell/memory-relaunch.ts';

function fakeApp() {
  const calls: { relaunch: unknown[]; exit: unknown[] } = { relaunch: [], exit: [] };
  return {
    calls,
    app: { relaunch: (options?: unknown) => void calls.relaunch.push(options), exit: (code?: number) => void calls.exit.push(code) },
  };
}

describe('the Electron app starts with the worker memory settings', () => {
  it('relaunches a plain start once, with the V8 flag on its command line and glibc settings in its environment', () => {
    const { app, calls } = fakeApp();
    const env: NodeJS.ProcessEnv = { HOME: '/home/op' };
    expect(relaunchForMemory(app, { argv: ['/opt/EasySight Edge/easysight-edge', '--hidden'], env })).toBe(true);
    expect(calls.relaunch).toEqual([{ args: ['--hidden', '--js-flags=--max-semi-space-size=1'] }]);
    expect(calls.exit).toEqual([0]);
    // The relaunched instance inherits the environment of this one.
    expect(env).toEqual({ HOME: '/home/op', MALLOC_MMAP_THRESHOLD_: '131072', [RELAUNCHED_ENV]: '1' });
  });

  it('the relaunched instance starts normally', () => {
    const { app, calls } = fakeApp();
    const argv = ['/opt/EasySight Edge/easysight-edge', '--hidden', '--js-flags=--max-semi-space-size=1'];
    expect(relaunchForMemory(app, { argv, env: { [RELAUNCHED_ENV]: '1' } })).toBe(false);
    expect(calls).toEqual({ relaunch: [], exit: [] });
  });

  it('V8 flags given by hand win, and so does a glibc setting the environment has', () => {
    expect(memoryRelaunch({ argv: ['edge', '--js-flags=--max-old-space-size=512'], env: {} })).toBeNull();
    expect(memoryRelaunch({ argv: ['edge'], env: { MALLOC_MMAP_THRESHOLD_: '65536' } })?.env).toEqual({ [RELAUNCHED_ENV]: '1' });
  });

  it('an AppImage is relaunched through its image file, with the arguments after the binary', () => {
    const env = { APPIMAGE: '/home/op/EasySight-Edge.AppImage', APPDIR: '/tmp/.mount_EdgeXyz' };
    const plan = memoryRelaunch({ argv: ['/tmp/.mount_EdgeXyz/easysight-edge', '--hidden'], env });
    expect(plan).toMatchObject({ execPath: '/home/op/EasySight-Edge.AppImage', args: ['--hidden', '--js-flags=--max-semi-space-size=1'] });
    // Started from another AppImage's terminal, a .deb install inherits that image's variables: its own binary relaunches.
    const deb = memoryRelaunch({ argv: ['/opt/EasySight Edge/easysight-edge'], env: { APPIMAGE: '/home/op/Other.AppImage', APPDIR: '/tmp/.mount_OtherAb' } });
    expect(deb).not.toHaveProperty('execPath');
  });

  it('a development start (electron .) keeps the app path', () => {
    expect(memoryRelaunch({ argv: ['/repo/node_modules/electron/dist/electron', '.'], env: {} })?.args).toEqual(['.', '--js-flags=--max-semi-space-size=1']);
  });
});
