import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_EVENTS, API_METHOD_NAMES, ipcChannel, ipcEventChannel, type EdgeApi } from '../../shared/api/contract.ts';
import { compilePreload, requiredModules } from '../../main/shell/preload-build.ts';
import { createFakeElectron, type FakeElectron } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).createFakeElectron());

const PRELOAD = join(import.meta.dirname, '../../main/shell/preload.ts');

function checkBridge(fake: FakeElectron, edge: EdgeApi) {
  return { fake, edge };
}

describe('preload (as TypeScript, with the fake electron module)', () => {
  let fake: FakeElectron;
  let edge: EdgeApi;
  beforeAll(async () => {
    fake = (await import('electron')) as unknown as FakeElectron;
    await import('../../main/shell/preload.ts');
    edge = fake.contextBridge.exposed.edge as EdgeApi;
  });

  it('exposes window.edge only', () => {
    expect(Object.keys(fake.contextBridge.exposed)).toEqual(['edge']);
  });

  it('has exactly the contract methods and on()', () => {
    expect(Object.keys(edge).sort()).toEqual([...API_METHOD_NAMES, 'on'].sort());
    for (const key of Object.keys(edge)) expect(typeof (edge as unknown as Record<string, unknown>)[key]).toBe('function');
  });

  it('never exposes ipcRenderer', () => {
    for (const value of Object.values(edge)) expect(value).not.toBe(fake.ipcRenderer);
    expect(JSON.stringify(Object.keys(edge))).not.toMatch(/ipc|invoke|send/i);
  });

  it('each method invokes its channel with the input and returns the reply', async () => {
    fake.ipcRenderer.reply = { ok: true, value: 'x' };
    for (const m of API_METHOD_NAMES) {
      const call = edge[m] as (input: unknown) => Promise<unknown>;
      await expect(call({ probe: m })).resolves.toEqual({ ok: true, value: 'x' });
    }
    expect(fake.ipcRenderer.invoked).toEqual(API_METHOD_NAMES.map((m) => ({ channel: ipcChannel(m), args: [{ probe: m }] })));
  });

  it('on() passes the payload only and returns an unsubscribe that removes the listener', () => {
    for (const e of API_EVENTS) {
      const got: unknown[][] = [];
      const off = edge.on(e, (...args: unknown[]) => got.push(args));
      expect(fake.ipcRenderer.listenerCount(ipcEventChannel(e))).toBe(1);
      fake.ipcRenderer.emit(ipcEventChannel(e), { n: 1 });
      expect(got).toEqual([[{ n: 1 }]]);
      off();
      expect(fake.ipcRenderer.listenerCount(ipcEventChannel(e))).toBe(0);
      fake.ipcRenderer.emit(ipcEventChannel(e), { n: 2 });
      expect(got).toHaveLength(1);
    }
  });

  it('on() refuses unknown events (no subscribing to arbitrary channels)', () => {
    expect(() => edge.on('edge:status' as 'status', () => undefined)).toThrow(/unknown event/);
    expect(() => edge.on('__proto__' as 'status', () => undefined)).toThrow(/unknown event/);
    expect(() => edge.on('status', 'nope' as unknown as () => void)).toThrow(/function/);
  });
});

describe('preload build (CommonJS for the sandbox)', () => {
  const code = compilePreload(readFileSync(PRELOAD, 'utf8'));

  it('is CommonJS that requires electron only', () => {
    expect(requiredModules(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('refuses a preload that requires shared code at run time', () => {
    expect(() => compilePreload(`import { API_EVENTS } from '../../shared/api/contract.ts';\nconsole.log(API_EVENTS);`)).toThrow(/may not require/);
    expect(() => compilePreload(`import type { EdgeApi } from '../../shared/api/contract.ts';\nexport const x: EdgeApi | null = null;`)).not.toThrow();
  });

  it('runs in a sandbox-like context where only electron can be required', () => {
    const fake = createFakeElectron();
    const module = { exports: {} };
    const require = (id: string) => {
      if (id !== 'electron') throw new Error(`module not found: ${id}`);
      return fake;
    };
    runInNewContext(code, { require, module, exports: module.exports, console });
    const { edge } = checkBridge(fake, fake.contextBridge.exposed.edge as EdgeApi);
    expect(Object.keys(edge).sort()).toEqual([...API_METHOD_NAMES, 'on'].sort());
    void edge.status({});
    expect(fake.ipcRenderer.invoked).toEqual([{ channel: ipcChannel('status'), args: [{}] }]);
  });
});
